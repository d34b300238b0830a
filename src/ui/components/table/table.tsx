import type { ComponentChildren } from 'preact';
import { cx } from '../../internal/class-names.js';

export interface TableColumn<R> {
  /** Identifies the column; also the row property shown when `cell` is absent. */
  key: string;
  header: ComponentChildren;
  /** Numbers and dates: aligned to the end and set in tabular figures. */
  numeric?: boolean;
  cell?: (row: R) => ComponentChildren;
}

export interface TableProps<R> {
  caption: string;
  /** Keep the caption for screen readers only, when a heading above already says it. */
  captionVisuallyHidden?: boolean;
  columns: TableColumn<R>[];
  rows: readonly R[];
  /** Shown in a single row when there are no rows: say what to do next. */
  empty: ComponentChildren;
  /** The first column names the row (`<th scope="row">`). */
  firstCellIsHeader?: boolean;
  rowKey?: (row: R, index: number) => string;
  id?: string;
}

const numberFormat = new Intl.NumberFormat('fa-IR');

function defaultCell(row: unknown, key: string): ComponentChildren {
  const value = (row as Record<string, unknown>)[key];
  if (typeof value === 'number') return numberFormat.format(value);
  if (typeof value === 'string') return value;
  return null;
}

/**
 * A data table in a scrollable region whose header row sticks to the top of
 * that region. Cells are produced by `cell` (or read from `row[key]`).
 */
export function Table<R>(props: TableProps<R>) {
  const { columns } = props;
  return (
    <div class="table-scroll" role="region" aria-label={props.caption} tabindex={0}>
      <table class="table" id={props.id}>
        <caption class={cx('table__caption', props.captionVisuallyHidden && 'visually-hidden')}>{props.caption}</caption>
        <thead class="table__head">
          <tr class="table__row">
            {columns.map((c) => (
              <th key={c.key} scope="col" class={cx('table__header', c.numeric && 'table__header--numeric')}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="table__body">
          {props.rows.length === 0 ? (
            <tr class="table__row">
              <td class="table__cell table__empty" colspan={columns.length}>
                {props.empty}
              </td>
            </tr>
          ) : (
            props.rows.map((row, index) => (
              <tr class="table__row" key={props.rowKey ? props.rowKey(row, index) : index}>
                {columns.map((c, ci) => {
                  const content = c.cell ? c.cell(row) : defaultCell(row, c.key);
                  const className = cx('table__cell', c.numeric && 'table__cell--numeric');
                  return ci === 0 && props.firstCellIsHeader ? (
                    <th key={c.key} scope="row" class={className}>
                      {content}
                    </th>
                  ) : (
                    <td key={c.key} class={className}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
