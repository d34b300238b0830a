import type { ComponentChildren } from 'preact';
import { Breadcrumbs, type BreadcrumbItem } from '../../../ui/components/breadcrumbs/breadcrumbs.js';
import { StaffLayout } from '../../../ui/layouts/staff-layout.js';
import type { StaffChrome } from './org-view-models.js';

/** The staff layout around an org page, with breadcrumbs from the staff home. */
export function OrgFrame(props: { chrome: StaffChrome; title: string; crumbs: BreadcrumbItem[]; children: ComponentChildren }) {
  const { chrome } = props;
  const session = chrome.user ? { user: chrome.user, csrfToken: chrome.csrfToken } : {};
  return (
    <StaffLayout
      title={props.title}
      nav={chrome.nav}
      flash={chrome.flash}
      beforeContent={<Breadcrumbs items={[{ label: 'میز کار', href: '/staff' }, ...props.crumbs]} />}
      {...session}
    >
      {props.children}
    </StaffLayout>
  );
}
