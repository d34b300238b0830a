// The staff layout as every auth page uses it: plain props in, no request or service.
import type { ComponentChildren } from 'preact';
import { StaffLayout, type StaffUser } from '../../../ui/layouts/staff-layout.js';
import type { FlashMessage, NavItem } from '../../../ui/layouts/layout-props.js';

/** What a page needs around its content: who is signed in, the CSRF token, the nav. */
export interface StaffChrome {
  user: StaffUser | null;
  csrfToken: string;
  flash?: FlashMessage;
  nav: NavItem[];
}

export function StaffFrame(props: { chrome: StaffChrome; title: string; beforeContent?: ComponentChildren; children: ComponentChildren }) {
  const { chrome } = props;
  const session = chrome.user ? { user: chrome.user, csrfToken: chrome.csrfToken } : {};
  return (
    <StaffLayout title={props.title} nav={chrome.nav} flash={chrome.flash} beforeContent={props.beforeContent} {...session}>
      {props.children}
    </StaffLayout>
  );
}
