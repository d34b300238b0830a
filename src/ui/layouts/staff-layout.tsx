import { Form } from '../components/form/form.js';
import { Icon } from '../components/icon/icon.js';
import { Document, FooterLinks, PageBody, SiteNav } from './document.js';
import type { LayoutProps, NavItem } from './layout-props.js';

export interface StaffUser {
  displayName: string;
  /** Persian role name, e.g. «دبیر خبر روابط عمومی». */
  roleLabel: string;
}

/** A signed-in page needs the CSRF token for the logout form; the login page has no user. */
type StaffSession = { user: StaffUser; csrfToken: string } | { user?: undefined; csrfToken?: string };

export type StaffLayoutProps = LayoutProps &
  StaffSession & {
    /** Where the site name links; defaults to `/staff`. */
    homeHref?: string;
    footerLinks?: NavItem[];
  };

export const staffSiteName = 'شهرنما';

/** Layout for staff screens (newsroom, planning, meetings, data bank). */
export function StaffLayout(props: StaffLayoutProps) {
  return (
    <Document title={`${props.title} — ${staffSiteName}`} bodyClass="staff" scripts={props.scripts} hasErrors={props.hasErrors}>
      <header class="site-header site-header--staff">
        <div class="page-width site-header__inner">
          <a class="site-header__name" href={props.homeHref ?? '/staff'}>
            {staffSiteName}
            <span class="site-header__tagline">سامانهٔ روابط عمومی</span>
          </a>
          {props.user && (
            <div class="site-header__account">
              <p class="site-header__user">
                <Icon name="user" size="small" />
                <span class="visually-hidden">کاربر واردشده: </span>
                <bdi class="site-header__user-name">{props.user.displayName}</bdi>
                <span class="site-header__role">{props.user.roleLabel}</span>
              </p>
              <Form action="/logout" csrfToken={props.csrfToken} class="site-header__logout">
                <button class="button button--header" type="submit">
                  خروج
                </button>
              </Form>
            </div>
          )}
        </div>
      </header>
      <SiteNav items={props.nav} label="منوی اصلی" />
      <PageBody beforeContent={props.beforeContent} flash={props.flash}>
        {props.children}
      </PageBody>
      <footer class="site-footer">
        <div class="page-width">
          <FooterLinks items={props.footerLinks} />
          <p class="site-footer__text">شهرنما، سامانهٔ روابط عمومی و اطلاع‌رسانی شهرداری</p>
        </div>
      </footer>
    </Document>
  );
}
