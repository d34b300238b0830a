import type { ComponentChildren } from 'preact';
import { cx, joinIds } from './class-names.js';
import { ErrorMessage, Fieldset } from './field-parts.js';

export interface ChoiceItem {
  value: string;
  label: string;
  hint?: ComponentChildren;
  disabled?: boolean;
}

export interface ChoiceGroupProps {
  name: string;
  /**
   * Id of the first input (the error summary links here); later inputs get
   * `${idPrefix}-2`, `${idPrefix}-3`… Defaults to `name`.
   */
  idPrefix?: string;
  legend: string;
  legendIsPageHeading?: boolean;
  hint?: ComponentChildren;
  error?: string;
  optional?: boolean;
  items: ChoiceItem[];
  /** Lay the choices out in one row (for two or three short choices). */
  inline?: boolean;
}

export function ChoiceGroup(props: ChoiceGroupProps & { type: 'checkbox' | 'radio'; isChecked: (value: string) => boolean }) {
  const prefix = props.idPrefix ?? props.name;
  const hintId = props.hint !== undefined && props.hint !== null && props.hint !== '' ? `${prefix}-hint` : undefined;
  const errorId = props.error ? `${prefix}-error` : undefined;
  const block = props.type === 'checkbox' ? 'checkboxes' : 'radios';
  return (
    <div class={cx('form-group', props.error && 'form-group--error')}>
      <Fieldset
        legend={props.legend}
        optional={props.optional}
        legendIsPageHeading={props.legendIsPageHeading}
        describedBy={joinIds(hintId, errorId)}
      >
        {hintId && (
          <div class="hint" id={hintId}>
            {props.hint}
          </div>
        )}
        <ErrorMessage id={errorId} text={props.error} />
        <div class={cx(block, props.inline && `${block}--inline`)}>
          {props.items.map((item, index) => {
            const id = index === 0 ? prefix : `${prefix}-${index + 1}`;
            const itemHintId = item.hint ? `${id}-item-hint` : undefined;
            return (
              <div class={`${block}__item`} key={item.value}>
                <input
                  class={`${block}__input`}
                  id={id}
                  name={props.name}
                  type={props.type}
                  value={item.value}
                  checked={props.isChecked(item.value)}
                  disabled={item.disabled}
                  aria-describedby={itemHintId}
                />
                <label class={`${block}__label`} for={id}>
                  {item.label}
                </label>
                {itemHintId && (
                  <div class={`hint ${block}__hint`} id={itemHintId}>
                    {item.hint}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </Fieldset>
    </div>
  );
}
