import { cx } from '../../internal/class-names.js';
import { safeAttributes, type ExtraAttributes } from '../../internal/extra-attributes.js';
import { ErrorMessage, fieldIds, Hint, Label, type FieldBaseProps } from '../../internal/field-parts.js';

export type TextFieldType = 'text' | 'email' | 'password' | 'number' | 'tel' | 'url' | 'search';

/** Input widths in characters; `full` fills the column. */
export type FieldWidth = 'full' | '30' | '20' | '10' | '5' | '3';

export interface TextFieldProps extends FieldBaseProps {
  value?: string;
  /**
   * `number` renders `type="text" inputmode="numeric"`: a real number input
   * rejects Persian digits and changes value on scroll.
   */
  type?: TextFieldType;
  /** `auto` for text people write; email, url and tel default to `ltr`. */
  dir?: 'auto' | 'ltr' | 'rtl';
  maxLength?: number;
  autocomplete?: string;
  width?: FieldWidth;
  spellcheck?: boolean;
  disabled?: boolean;
  readOnly?: boolean;
  /** Unit shown after the input, e.g. «متر مربع». */
  suffix?: string;
  attributes?: ExtraAttributes;
}

const ltrTypes = new Set<TextFieldType>(['email', 'url', 'tel']);

export function TextField(props: TextFieldProps) {
  const { id, hintId, errorId, describedBy } = fieldIds(props);
  const type = props.type ?? 'text';
  const numeric = type === 'number';
  const dir = props.dir ?? (ltrTypes.has(type) ? 'ltr' : undefined);
  const spellcheck = props.spellcheck ?? (numeric || ltrTypes.has(type) || type === 'password' ? false : undefined);
  // Preact types <input> as a union keyed by literal `type`; a variable type needs narrowing by hand.
  const htmlType = (numeric ? 'text' : type) as 'text';
  const input = (
    <input
      class={cx('input', props.width && props.width !== 'full' && `input--width-${props.width}`, props.error && 'input--error')}
      id={id}
      name={props.name}
      type={htmlType}
      inputmode={numeric ? 'numeric' : undefined}
      // A password is never written back into the page.
      value={type === 'password' ? undefined : props.value}
      dir={dir}
      maxlength={props.maxLength}
      autocomplete={props.autocomplete}
      spellcheck={spellcheck}
      disabled={props.disabled}
      readonly={props.readOnly}
      aria-describedby={describedBy}
      aria-invalid={props.error ? 'true' : undefined}
      {...safeAttributes(props.attributes)}
    />
  );
  return (
    <div class={cx('form-group', props.error && 'form-group--error')}>
      <Label for={id} text={props.label} optional={props.optional} isPageHeading={props.labelIsPageHeading} />
      <Hint id={hintId}>{props.hint}</Hint>
      <ErrorMessage id={errorId} text={props.error} />
      {props.suffix ? (
        <div class="input-wrapper">
          {input}
          <span class="input-wrapper__suffix" aria-hidden="true">
            {props.suffix}
          </span>
        </div>
      ) : (
        input
      )}
    </div>
  );
}
