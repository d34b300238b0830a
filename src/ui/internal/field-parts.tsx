import type { ComponentChildren } from 'preact';
import { joinIds } from './class-names.js';

/** Props shared by every single-control form field. */
export interface FieldBaseProps {
  /** The form field name sent to the server. */
  name: string;
  /** Element id; defaults to `name`. The error summary links to `#id`. */
  id?: string;
  label: string;
  hint?: ComponentChildren;
  /** Error text without the «خطا:» prefix (added for screen readers). */
  error?: string;
  /** Appends «(اختیاری)» to the label; fields are required unless marked. */
  optional?: boolean;
  /** Render the label inside an `<h1>` on one-question pages. */
  labelIsPageHeading?: boolean;
}

export interface FieldIds {
  id: string;
  hintId: string | undefined;
  errorId: string | undefined;
  describedBy: string | undefined;
}

export function fieldIds(props: Pick<FieldBaseProps, 'name' | 'id' | 'hint' | 'error'>): FieldIds {
  const id = props.id ?? props.name;
  const hintId = props.hint !== undefined && props.hint !== null && props.hint !== '' ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  return { id, hintId, errorId, describedBy: joinIds(hintId, errorId) };
}

export function OptionalMark() {
  return <span class="label__optional"> (اختیاری)</span>;
}

interface LabelProps {
  for: string;
  text: string;
  optional?: boolean;
  isPageHeading?: boolean;
  class?: string;
}

export function Label(props: LabelProps) {
  const label = (
    <label class={props.class ?? 'label'} for={props.for}>
      {props.text}
      {props.optional && <OptionalMark />}
    </label>
  );
  return props.isPageHeading ? <h1 class="label-wrapper">{label}</h1> : label;
}

export function Hint(props: { id: string | undefined; children: ComponentChildren }) {
  if (!props.id) return null;
  return (
    <div class="hint" id={props.id}>
      {props.children}
    </div>
  );
}

export function ErrorMessage(props: { id: string | undefined; text: string | undefined }) {
  if (!props.id || !props.text) return null;
  return (
    <p class="error-message" id={props.id}>
      <span class="visually-hidden">خطا:</span> {props.text}
    </p>
  );
}

interface FieldsetProps {
  legend: string;
  optional?: boolean;
  legendIsPageHeading?: boolean;
  describedBy: string | undefined;
  children: ComponentChildren;
}

/** A fieldset whose legend names a group of radios or checkboxes. */
export function Fieldset(props: FieldsetProps) {
  const legendText = (
    <>
      {props.legend}
      {props.optional && <OptionalMark />}
    </>
  );
  return (
    <fieldset class="fieldset" aria-describedby={props.describedBy}>
      <legend class={props.legendIsPageHeading ? 'fieldset__legend fieldset__legend--page-heading' : 'fieldset__legend'}>
        {props.legendIsPageHeading ? <h1 class="fieldset__heading">{legendText}</h1> : legendText}
      </legend>
      {props.children}
    </fieldset>
  );
}
