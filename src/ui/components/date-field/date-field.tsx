import { cx } from '../../internal/class-names.js';
import { ErrorMessage, fieldIds, Hint, Label, type FieldBaseProps } from '../../internal/field-parts.js';

export interface DateFieldProps extends Omit<FieldBaseProps, 'hint'> {
  /** The Jalali date as typed or stored for display, e.g. «۱۴۰۵/۰۹/۰۸». */
  value?: string;
  /** Defaults to «مثلاً ۱۴۰۵/۰۹/۰۸». */
  hint?: string;
  /** Earliest and latest Jalali dates the picker offers, as `1405/09/08` (any digits). */
  min?: string;
  max?: string;
  disabled?: boolean;
}

export const defaultDateHint = 'مثلاً ۱۴۰۵/۰۹/۰۸';

/**
 * A Jalali date typed as year/month/day. Without JavaScript it is a plain text
 * input; `static/js/jalali-date-picker.js` adds a calendar button beside it.
 * The server parses what was typed (any digits); the picker only helps.
 */
export function DateField(props: DateFieldProps) {
  const withHint = { ...props, hint: props.hint ?? defaultDateHint };
  const { id, hintId, errorId, describedBy } = fieldIds(withHint);
  return (
    <div
      class={cx('form-group', 'date-field', props.error && 'form-group--error')}
      data-module="jalali-date-picker"
      data-min={props.min}
      data-max={props.max}
    >
      <Label for={id} text={props.label} optional={props.optional} isPageHeading={props.labelIsPageHeading} />
      <Hint id={hintId}>{withHint.hint}</Hint>
      <ErrorMessage id={errorId} text={props.error} />
      <div class="date-field__control">
        <input
          class={cx('input', 'input--width-10', 'date-field__input', props.error && 'input--error')}
          id={id}
          name={props.name}
          type="text"
          inputmode="numeric"
          autocomplete="off"
          spellcheck={false}
          value={props.value}
          disabled={props.disabled}
          aria-describedby={describedBy}
          aria-invalid={props.error ? 'true' : undefined}
        />
      </div>
    </div>
  );
}
