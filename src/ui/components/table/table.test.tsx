import { describe, expect, it } from 'vitest';
import { findTags, hostileText, isEscaped, markupProblems, textOf } from '../../testing/html.js';
import { renderComponent } from '../../testing/render.js';
import { tableExamples, type DemoNewsRow } from './table.examples.js';
import { Table } from './table.js';

describe('Table', () => {
  it.each(tableExamples.map((e) => [e.name, e.props] as const))('renders example «%s»', (_name, props) => {
    const html = renderComponent(Table<DemoNewsRow>, props);
    expect(markupProblems(html)).toEqual([]);
    expect(html).toContain(`<caption class="table__caption">${props.caption}</caption>`);
    expect(findTags(html, 'th', 'scope', 'col').length).toBe(props.columns.length);
    // A scrollable region must be reachable by keyboard and named.
    const region = findTags(html, 'div', 'role', 'region')[0];
    expect(region?.attrs.get('tabindex')).toBe('0');
    expect(region?.attrs.get('aria-label')).toBe(props.caption);
    if (props.rows.length === 0) {
      const empty = findTags(html, 'td', 'colspan')[0];
      expect(empty?.attrs.get('colspan')).toBe(String(props.columns.length));
      expect(html).toContain('table__empty');
    } else {
      expect(findTags(html, 'tr').length).toBe(props.rows.length + 1);
    }
  });

  it('aligns numeric columns and formats numbers with Persian digits', () => {
    const html = renderComponent(Table<{ n: number }>, {
      caption: 'شمار',
      columns: [{ key: 'n', header: 'تعداد', numeric: true }],
      rows: [{ n: 38421 }],
      empty: 'خالی',
    });
    expect(html).toContain('table__header table__header--numeric');
    expect(html).toContain('table__cell table__cell--numeric');
    expect(textOf(html)).toContain('۳۸٬۴۲۱');
  });

  it('uses a row header when asked', () => {
    const html = renderComponent(Table<{ a: string }>, {
      caption: 'c',
      columns: [{ key: 'a', header: 'الف' }],
      rows: [{ a: 'x' }],
      empty: 'خالی',
      firstCellIsHeader: true,
    });
    expect(findTags(html, 'th', 'scope', 'row').length).toBe(1);
  });

  it('escapes caption and cell text', () => {
    const html = renderComponent(Table<{ a: string }>, {
      caption: hostileText,
      columns: [{ key: 'a', header: 'الف' }],
      rows: [{ a: hostileText }],
      empty: 'خالی',
    });
    expect(isEscaped(html)).toBe(true);
  });
});
