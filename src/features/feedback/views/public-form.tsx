// A POST form for publicly cached pages: like ui's Form but with no `_csrf` field when no
// token is given (a per-visitor token would make the page uncacheable, and these routes
// check the origin instead: docs/adr/0004-public-forms.md).
import type { ComponentChildren } from 'preact';
import { Form } from '../../../ui/components/form/form.js';

export function PublicForm(props: { action: string; csrfToken?: string; id?: string; class?: string; children: ComponentChildren }) {
  if (props.csrfToken) {
    return (
      <Form action={props.action} csrfToken={props.csrfToken} id={props.id} class={props.class}>
        {props.children}
      </Form>
    );
  }
  return (
    <form id={props.id} class={props.class} action={props.action} method="post" novalidate>
      {props.children}
    </form>
  );
}
