import { cx } from '../../internal/class-names.js';
import { safeAttributes, type ExtraAttributes } from '../../internal/extra-attributes.js';
import { ErrorMessage, fieldIds, Hint, Label, type FieldBaseProps } from '../../internal/field-parts.js';

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectFieldProps extends FieldBaseProps {
  options: SelectOption[];
  value?: string;
  /** A first, empty choice such as «انتخاب کنید»; its value is the empty string. */
  placeholder?: string;
  disabled?: boolean;
  attributes?: ExtraAttributes;
}

export function SelectField(props: SelectFieldProps) {
  const { id, hintId, errorId, describedBy } = fieldIds(props);
  return (
    <div class={cx('form-group', props.error && 'form-group--error')}>
      <Label for={id} text={props.label} optional={props.optional} isPageHeading={props.labelIsPageHeading} />
      <Hint id={hintId}>{props.hint}</Hint>
      <ErrorMessage id={errorId} text={props.error} />
      <select
        class={cx('select', props.error && 'select--error')}
        id={id}
        name={props.name}
        disabled={props.disabled}
        aria-describedby={describedBy}
        aria-invalid={props.error ? 'true' : undefined}
        {...safeAttributes(props.attributes)}
      >
        {props.placeholder !== undefined && (
          <option value="" selected={!props.value}>
            {props.placeholder}
          </option>
        )}
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
