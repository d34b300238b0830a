import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GalleryPage, galleryEntries } from './gallery.page.js';
import { renderPage } from './render.js';
import { findTags, markupProblems, textOf } from './testing/html.js';

const componentsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'components');

describe('GalleryPage', () => {
  it('renders every example of every component in the staff layout', () => {
    const html = renderPage(
      <GalleryPage user={{ displayName: 'مدیر سامانه', roleLabel: 'مدیر سامانه' }} csrfToken="t" nav={[{ href: '/staff/design', label: 'سامانهٔ طراحی', current: true }]} />,
    );
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(markupProblems(html)).toEqual([]);
    for (const entry of galleryEntries) {
      expect(findTags(html, 'h2', 'id', `component-${entry.name}`).length).toBe(1);
      for (const example of entry.examples) expect(textOf(html)).toContain(example.name);
    }
  });

  it('lists every component folder', () => {
    const folders = readdirSync(componentsDir).filter((f) => statSync(path.join(componentsDir, f)).isDirectory());
    expect(galleryEntries.map((e) => e.name).sort()).toEqual(folders.sort());
  });
});
