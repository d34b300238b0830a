import type { ComponentChildren } from 'preact';
import { cx } from '../../internal/class-names.js';

export interface SummaryListAction {
  href: string;
  label: string;
  /** Completes the link for screen readers, e.g. «تیتر» after «تغییر». Defaults to the row key. */
  visuallyHiddenText?: string;
}

export interface SummaryListRow {
  key: string;
  /** A plain string is isolated with `<bdi>` so a Latin or numeric start does not reorder the line. */
  value: ComponentChildren;
  actions?: SummaryListAction[];
}

export interface SummaryListProps {
  rows: SummaryListRow[];
  noBorder?: boolean;
}

export function SummaryList(props: SummaryListProps) {
  const anyActions = props.rows.some((r) => r.actions && r.actions.length > 0);
  return (
    <dl class={cx('summary-list', props.noBorder && 'summary-list--no-border')}>
      {props.rows.map((row, i) => (
        <div class="summary-list__row" key={`${row.key}-${i}`}>
          <dt class="summary-list__key">{row.key}</dt>
          <dd class="summary-list__value">{typeof row.value === 'string' ? <bdi>{row.value}</bdi> : row.value}</dd>
          {anyActions && (
            <dd class="summary-list__actions">
              {(row.actions ?? []).map((a) => (
                <a class="summary-list__action" href={a.href} key={a.href}>
                  {a.label}
                  <span class="visually-hidden"> {a.visuallyHiddenText ?? row.key}</span>
                </a>
              ))}
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}
