import { describe, expect, it } from 'vitest';
import { renderComponent } from '../../testing/render.js';
import { rawHtmlExamples } from './raw-html.examples.js';
import { markSanitized, RawHtml } from './raw-html.js';

describe('RawHtml', () => {
  it.each(rawHtmlExamples.map((e) => [e.name, e.props] as const))('renders example «%s» unescaped', (_name, props) => {
    const html = renderComponent(RawHtml, props);
    expect(html).toBe(`<div class="prose">${props.html}</div>`);
  });

  it('accepts only strings marked as sanitised', () => {
    // @ts-expect-error a plain string is not SanitizedHtml
    const props: Parameters<typeof RawHtml>[0] = { html: '<p>x</p>' };
    expect(props.html).toBe('<p>x</p>');
    expect(renderComponent(RawHtml, { html: markSanitized('<p>x</p>'), as: 'article', class: 'news-body' })).toBe(
      '<article class="news-body"><p>x</p></article>',
    );
  });
});
