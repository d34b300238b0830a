import type { ComponentChildren } from 'preact';
import { Breadcrumbs, type BreadcrumbItem } from '../../../ui/components/breadcrumbs/breadcrumbs.js';
import { StaffLayout } from '../../../ui/layouts/staff-layout.js';
import type { StaffChrome } from './news-view-models.js';

/** The staff layout around a newsroom page: breadcrumbs from the staff home, extra islands. */
export function NewsFrame(props: {
  chrome: StaffChrome;
  title: string;
  crumbs: BreadcrumbItem[];
  hasErrors?: boolean;
  scripts?: string[];
  children: ComponentChildren;
}) {
  const { chrome } = props;
  const session = chrome.user ? { user: chrome.user, csrfToken: chrome.csrfToken } : {};
  return (
    <StaffLayout
      title={props.title}
      nav={chrome.nav}
      flash={chrome.flash}
      hasErrors={props.hasErrors}
      scripts={props.scripts}
      beforeContent={<Breadcrumbs items={[{ label: 'میز کار', href: '/staff' }, ...props.crumbs]} />}
      {...session}
    >
      {props.children}
    </StaffLayout>
  );
}
