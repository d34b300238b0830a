import { describe, expect, it } from 'vitest';
import { findTags, hostileText, isEscaped, markupProblems, textOf } from '../../testing/html.js';
import { renderComponent } from '../../testing/render.js';
import { summaryListExamples } from './summary-list.examples.js';
import { SummaryList } from './summary-list.js';

describe('SummaryList', () => {
  it.each(summaryListExamples.map((e) => [e.name, e.props] as const))('renders example «%s»', (_name, props) => {
    const html = renderComponent(SummaryList, props);
    expect(markupProblems(html)).toEqual([]);
    expect(findTags(html, 'dt').length).toBe(props.rows.length);
    for (const row of props.rows) {
      expect(textOf(html)).toContain(row.key);
      for (const a of row.actions ?? []) {
        // «تغییر» alone is ambiguous; the row key completes it for screen readers.
        expect(html).toContain(`href="${a.href}"`);
        expect(html).toContain(`<span class="visually-hidden"> ${a.visuallyHiddenText ?? row.key}</span>`);
      }
    }
  });

  it('isolates plain-text values so Latin text does not reorder the line', () => {
    expect(renderComponent(SummaryList, { rows: [{ key: 'نام', value: 'Sara' }] })).toContain('<bdi>Sara</bdi>');
  });

  it('escapes keys and values', () => {
    expect(isEscaped(renderComponent(SummaryList, { rows: [{ key: hostileText, value: hostileText }] }))).toBe(true);
  });
});
