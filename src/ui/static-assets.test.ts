// Guards for the files served as-is from static/: they have no build step, so
// the rules the CSP and the design depend on are checked here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fontPath } from './layouts/document.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const css = readFileSync(path.join(root, 'static/css/app.css'), 'utf8');
const jsDir = path.join(root, 'static/js');
const BUILT = 'Built by scripts/build-islands.mjs';
const files = readdirSync(jsDir)
  .filter((f) => f.endsWith('.js'))
  .map((f) => ({ name: f, text: readFileSync(path.join(jsDir, f), 'utf8') }));
// Bundles built from a `.src.js` island carry third-party code (ProseMirror): their
// sources are checked here instead, and may import npm packages, which the build inlines.
const scripts = files.filter((f) => !f.text.slice(0, 300).includes(BUILT));
const bundled = new Set(files.filter((f) => f.name.endsWith('.src.js')).map((f) => f.name));

describe('static/css/app.css', () => {
  it('loads the Vazirmatn variable font from the file the vazirmatn package ships, at the URL the layout preloads', () => {
    const url = /url\('(\/static\/fonts\/[^']+)'\)/.exec(css)?.[1];
    // "[" and "]" are percent-encoded: they are not allowed raw in a URL path.
    expect(url).toBe(fontPath);
    const file = decodeURIComponent(url!.slice('/static/fonts/'.length));
    expect(file).toBe('Vazirmatn[wght].woff2');
    expect(existsSync(path.join(root, 'node_modules/vazirmatn/fonts/webfonts', file))).toBe(true);
    expect(css).toContain('font-display: swap');
  });

  it('uses logical properties only', () => {
    const physical = /(^|[\s;{])(margin|padding|border)-(left|right|top|bottom)\s*:|(^|[\s;{])(left|right|top|bottom|width|height)\s*:|text-align:\s*(left|right)|float:\s*(left|right)/m;
    expect(css.replace(/\/\*[\s\S]*?\*\//g, '')).not.toMatch(physical);
  });

  it('never adds letter-spacing to joined script', () => {
    expect(css).not.toMatch(/letter-spacing:(?!\s*normal)/);
  });

  it('prints on A4', () => {
    expect(css).toMatch(/@page\s*{\s*size:\s*A4/);
  });
});

describe('static/js', () => {
  it.each(scripts.map((s) => [s.name, s.text] as const))('%s stays within the CSP and the conventions', (name, text) => {
    expect(text).not.toMatch(/\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|document\.write/);
    expect(text).not.toMatch(/\beval\(|new Function\(/);
    expect(text).not.toMatch(/\.style\.|setAttribute\(\s*['"]style['"]/);
    expect(text).not.toMatch(/\bconsole\./);
    // Only same-origin relative module imports.
    for (const m of text.matchAll(/\bimport\s*(?:[^'"]*from\s*)?\(?\s*['"]([^'"]+)['"]/g)) {
      if (!bundled.has(name)) expect(m[1]).toMatch(/^\.\.?\//);
    }
  });

  it.each([...bundled])('%s has its built bundle in static/js', (name) => {
    const out = files.find((f) => f.name === name.replace(/\.src\.js$/, '.js'));
    expect(out?.text.slice(0, 300)).toContain(`${BUILT} from ${name}`);
  });
});
