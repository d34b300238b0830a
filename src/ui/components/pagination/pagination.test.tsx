import { describe, expect, it } from 'vitest';
import { findTags, markupProblems, textOf } from '../../testing/html.js';
import { renderComponent } from '../../testing/render.js';
import { paginationExamples } from './pagination.examples.js';
import { keysetHref, Pagination } from './pagination.js';

describe('Pagination', () => {
  it.each(paginationExamples.map((e) => [e.name, e.props] as const))('renders example «%s»', (_name, props) => {
    const html = renderComponent(Pagination, props);
    expect(markupProblems(html)).toEqual([]);
    expect(html).toContain('aria-label="صفحه‌بندی"');
    const prev = findTags(html, 'a', 'rel', 'prev')[0];
    const next = findTags(html, 'a', 'rel', 'next')[0];
    expect(prev !== undefined).toBe(props.previousCursor !== undefined);
    expect(next !== undefined).toBe(props.nextCursor !== undefined);
    if (prev) expect(new URL(prev.attrs.get('href') ?? '', 'http://x').searchParams.get('before')).toBe(props.previousCursor);
    if (next) expect(new URL(next.attrs.get('href') ?? '', 'http://x').searchParams.get('after')).toBe(props.nextCursor);
    if (prev) expect(textOf(html)).toContain('قبلی');
    if (next) expect(textOf(html)).toContain('بعدی');
  });

  it('keeps filters, replaces cursors and encodes values', () => {
    const href = keysetHref('/staff/news', { q: 'بوستان & پارک', after: 'old', status: undefined }, ['before', 'after'], 'before', 'c/1');
    const url = new URL(href, 'http://x');
    expect(url.pathname).toBe('/staff/news');
    expect(url.searchParams.get('q')).toBe('بوستان & پارک');
    expect(url.searchParams.get('before')).toBe('c/1');
    expect(url.searchParams.has('after')).toBe(false);
    expect(url.searchParams.has('status')).toBe(false);
  });

  it('renders nothing on a single page', () => {
    expect(renderComponent(Pagination, { path: '/news' })).toBe('');
  });
});
