import type { ComponentChildren } from 'preact';
import { cx } from '../../internal/class-names.js';
import { safeAttributes, type ExtraAttributes } from '../../internal/extra-attributes.js';

export type ButtonVariant = 'primary' | 'secondary' | 'warning';

interface CommonProps {
  children: ComponentChildren;
  variant?: ButtonVariant;
  id?: string;
  /** Asks «…؟» before going ahead (app.js); the action still works without JS. */
  confirm?: string;
  class?: string;
  attributes?: ExtraAttributes;
}

export interface ButtonElementProps extends CommonProps {
  href?: undefined;
  type?: 'submit' | 'button' | 'reset';
  name?: string;
  value?: string;
  disabled?: boolean;
  /** Which form this button submits, when it sits outside it. */
  form?: string;
}

export interface ButtonLinkProps extends CommonProps {
  /** A link styled as a button, for starting a journey («ثبت خبر تازه»). */
  href: string;
}

export type ButtonProps = ButtonElementProps | ButtonLinkProps;

export function Button(props: ButtonProps) {
  const className = cx('button', props.variant && props.variant !== 'primary' && `button--${props.variant}`, props.class);
  if (props.href !== undefined) {
    return (
      <a class={className} id={props.id} href={props.href} draggable={false} data-confirm={props.confirm} {...safeAttributes(props.attributes)}>
        {props.children}
      </a>
    );
  }
  return (
    <button
      class={className}
      id={props.id}
      type={props.type ?? 'submit'}
      name={props.name}
      value={props.value}
      form={props.form}
      disabled={props.disabled}
      data-confirm={props.confirm}
      {...safeAttributes(props.attributes)}
    >
      {props.children}
    </button>
  );
}

/** Lays out a primary button with secondary actions or links beside it. */
export function ButtonGroup(props: { children: ComponentChildren }) {
  return <div class="button-group">{props.children}</div>;
}
