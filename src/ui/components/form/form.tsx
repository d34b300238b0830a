import type { ComponentChildren } from 'preact';
import { safeAttributes, type ExtraAttributes } from '../../internal/extra-attributes.js';

interface CommonFormProps {
  action: string;
  children: ComponentChildren;
  id?: string;
  class?: string;
  /** htmx (`hx-*`) and `data-*` attributes. */
  attributes?: ExtraAttributes;
}

export interface PostFormProps extends CommonFormProps {
  method?: 'post';
  /** Sent as the hidden `_csrf` field that @fastify/csrf-protection reads. */
  csrfToken: string;
  enctype?: 'application/x-www-form-urlencoded' | 'multipart/form-data';
}

/**
 * GET forms (search, filters) carry no token: they change nothing, and a token
 * in a URL would leak into history, logs and Referer headers.
 */
export interface GetFormProps extends CommonFormProps {
  method: 'get';
  csrfToken?: undefined;
}

export type FormProps = PostFormProps | GetFormProps;

/**
 * Every form: `novalidate` because the server validates and answers with an
 * error summary in Persian (browser bubbles are inconsistent and not RTL-aware).
 */
export function Form(props: FormProps) {
  return (
    <form
      id={props.id}
      class={props.class}
      action={props.action}
      method={props.method ?? 'post'}
      enctype={props.method === 'get' ? undefined : props.enctype}
      novalidate
      {...safeAttributes(props.attributes)}
    >
      {props.method !== 'get' && <input type="hidden" name="_csrf" value={props.csrfToken} />}
      {props.children}
    </form>
  );
}
