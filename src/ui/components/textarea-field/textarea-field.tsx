import { cx } from '../../internal/class-names.js';
import { safeAttributes, type ExtraAttributes } from '../../internal/extra-attributes.js';
import { ErrorMessage, fieldIds, Hint, Label, type FieldBaseProps } from '../../internal/field-parts.js';

export interface TextareaFieldProps extends FieldBaseProps {
  value?: string;
  rows?: number;
  maxLength?: number;
  /** Defaults to `auto`: what people write may start with a Latin word or a number. */
  dir?: 'auto' | 'ltr' | 'rtl';
  spellcheck?: boolean;
  disabled?: boolean;
  attributes?: ExtraAttributes;
}

export function TextareaField(props: TextareaFieldProps) {
  const { id, hintId, errorId, describedBy } = fieldIds(props);
  return (
    <div class={cx('form-group', props.error && 'form-group--error')}>
      <Label for={id} text={props.label} optional={props.optional} isPageHeading={props.labelIsPageHeading} />
      <Hint id={hintId}>{props.hint}</Hint>
      <ErrorMessage id={errorId} text={props.error} />
      <textarea
        class={cx('textarea', props.error && 'textarea--error')}
        id={id}
        name={props.name}
        rows={props.rows ?? 5}
        dir={props.dir ?? 'auto'}
        maxlength={props.maxLength}
        spellcheck={props.spellcheck}
        disabled={props.disabled}
        aria-describedby={describedBy}
        aria-invalid={props.error ? 'true' : undefined}
        {...safeAttributes(props.attributes)}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}
