import { describe, expect, it } from 'vitest';
import { findTags, hostileText, isEscaped, markupProblems } from '../../testing/html.js';
import { renderComponent } from '../../testing/render.js';
import { breadcrumbsExamples } from './breadcrumbs.examples.js';
import { Breadcrumbs } from './breadcrumbs.js';

describe('Breadcrumbs', () => {
  it.each(breadcrumbsExamples.map((e) => [e.name, e.props] as const))('renders example «%s»', (_name, props) => {
    const html = renderComponent(Breadcrumbs, props);
    expect(markupProblems(html)).toEqual([]);
    expect(html).toMatch(/<nav class="breadcrumbs" aria-label="[^"]+">/);
    expect(findTags(html, 'li').length).toBe(props.items.length);
    expect(findTags(html, 'a').length).toBe(props.items.filter((i) => i.href).length);
    expect(findTags(html, 'li', 'aria-current', 'page').length).toBe(1);
    // Separators are decorative.
    expect(findTags(html, 'svg').every((s) => s.attrs.get('aria-hidden') === 'true')).toBe(true);
  });

  it('escapes labels', () => {
    expect(isEscaped(renderComponent(Breadcrumbs, { items: [{ label: hostileText }] }))).toBe(true);
  });
});
