import type { ComponentChildren } from 'preact';

export interface ErrorSummaryItem {
  /** Id of the field in error; the item links to `#fieldId`. Omit for errors not tied to a field. */
  fieldId?: string;
  text: string;
}

export interface ErrorSummaryProps {
  errors: ErrorSummaryItem[];
  /** Defaults to «مشکلی وجود دارد». */
  title?: string;
  description?: ComponentChildren;
  /** Id of the heading; change it only when a page shows two summaries (the gallery). */
  titleId?: string;
  /** Move focus here when the page loads (default). */
  focusOnLoad?: boolean;
}

/**
 * The list of a form's errors at the top of the page (GOV.UK pattern). app.js
 * focuses it on load so keyboard and screen-reader users land on it first.
 * Renders nothing when there are no errors.
 */
export function ErrorSummary(props: ErrorSummaryProps) {
  if (props.errors.length === 0) return null;
  const titleId = props.titleId ?? 'error-summary-title';
  return (
    <div
      class="error-summary"
      role="alert"
      aria-labelledby={titleId}
      tabindex={-1}
      data-module={props.focusOnLoad === false ? undefined : 'error-summary'}
    >
      <h2 class="error-summary__title" id={titleId}>
        {props.title ?? 'مشکلی وجود دارد'}
      </h2>
      <div class="error-summary__body">
        {props.description !== undefined && <p class="error-summary__description">{props.description}</p>}
        <ul class="error-summary__list">
          {props.errors.map((e, i) => (
            <li key={`${e.fieldId ?? ''}-${i}`}>{e.fieldId ? <a href={`#${e.fieldId}`}>{e.text}</a> : e.text}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/**
 * Builds summary items from a map of field id → message, keeping the order of
 * `fieldOrder` (the order fields appear in the form) and skipping empty entries.
 */
export function errorSummaryItems(
  fieldErrors: Readonly<Record<string, string | undefined>>,
  fieldOrder: readonly string[] = Object.keys(fieldErrors),
): ErrorSummaryItem[] {
  const items: ErrorSummaryItem[] = [];
  const seen = new Set<string>();
  for (const fieldId of [...fieldOrder, ...Object.keys(fieldErrors)]) {
    if (seen.has(fieldId)) continue;
    seen.add(fieldId);
    const text = fieldErrors[fieldId];
    if (text) items.push({ fieldId, text });
  }
  return items;
}
