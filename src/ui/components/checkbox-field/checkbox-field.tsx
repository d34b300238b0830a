import { cx, joinIds } from '../../internal/class-names.js';
import { ErrorMessage, fieldIds } from '../../internal/field-parts.js';
import type { ComponentChildren } from 'preact';

export interface CheckboxFieldProps {
  name: string;
  /** Defaults to `name`. */
  id?: string;
  label: string;
  /** Value sent when checked; defaults to `on`. An unchecked box sends nothing. */
  value?: string;
  checked?: boolean;
  hint?: ComponentChildren;
  error?: string;
  disabled?: boolean;
}

/** A single yes/no checkbox, e.g. consent or «انتشار عمومی». */
export function CheckboxField(props: CheckboxFieldProps) {
  const { id, hintId, errorId } = fieldIds(props);
  return (
    <div class={cx('form-group', props.error && 'form-group--error')}>
      <ErrorMessage id={errorId} text={props.error} />
      <div class="checkboxes">
        <div class="checkboxes__item">
          <input
            class="checkboxes__input"
            id={id}
            name={props.name}
            type="checkbox"
            value={props.value ?? 'on'}
            checked={props.checked}
            disabled={props.disabled}
            aria-describedby={joinIds(hintId, errorId)}
            aria-invalid={props.error ? 'true' : undefined}
          />
          <label class="checkboxes__label" for={id}>
            {props.label}
          </label>
          {hintId && (
            <div class="hint checkboxes__hint" id={hintId}>
              {props.hint}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
