import { Form } from '../components/form/form.js';
import { Icon } from '../components/icon/icon.js';
import { Document, FooterLinks, PageBody, SiteNav } from './document.js';
import type { LayoutProps, NavItem } from './layout-props.js';

export interface PortalLayoutProps extends LayoutProps {
  /** The public name, e.g. «شهرداری منطقه ۲۱ تهران». */
  siteName: string;
  /** A line under the name, e.g. «روابط عمومی». */
  tagline?: string;
  /** Where the header's search box submits `q` with GET (default `/search`). */
  searchAction?: string;
  searchQuery?: string;
  footerLinks?: NavItem[];
  /** E.g. who runs the site and how to reach them. */
  footerText?: string;
}

/** The portal's main sections; a page passes `nav` only to change this list. */
export const PORTAL_NAV: NavItem[] = [
  { href: '/', label: 'صفحهٔ نخست' },
  { href: '/notices', label: 'اطلاعیه‌ها' },
  { href: '/tags', label: 'موضوع‌ها' },
  { href: '/archive', label: 'بایگانی' },
];

/** The portal's sections with the one at `current` marked as the page being shown. */
export function portalNav(current?: string): NavItem[] {
  return PORTAL_NAV.map((item) => ({ ...item, current: item.href === current }));
}

/** Layout for the public portal. */
export function PortalLayout(props: PortalLayoutProps) {
  return (
    <Document title={`${props.title} — ${props.siteName}`} bodyClass="portal" scripts={props.scripts} hasErrors={props.hasErrors} htmx={false}>
      <header class="site-header site-header--portal">
        <div class="page-width site-header__inner">
          <a class="site-header__name" href="/">
            {props.siteName}
            {props.tagline && <span class="site-header__tagline">{props.tagline}</span>}
          </a>
          {/* On every portal page: the site's search (GET /search unless a page says otherwise). */}
          <div class="site-search-region" role="search" aria-label="جست‌وجوی خبرها">
            <Form action={props.searchAction ?? '/search'} method="get" class="site-search">
              <label class="visually-hidden" for="site-search-q">
                جست‌وجو در خبرها
              </label>
              <input class="input site-search__input" id="site-search-q" name="q" type="search" value={props.searchQuery} dir="auto" maxLength={200} />
              <button class="button button--header site-search__button" type="submit">
                <Icon name="search" size="small" />
                <span class="visually-hidden">جست‌وجو</span>
              </button>
            </Form>
          </div>
        </div>
      </header>
      <SiteNav items={props.nav ?? PORTAL_NAV} label="منوی اصلی" />
      <PageBody beforeContent={props.beforeContent} flash={props.flash}>
        {props.children}
      </PageBody>
      <footer class="site-footer">
        <div class="page-width">
          <FooterLinks items={props.footerLinks} />
          <p class="site-footer__text">{props.footerText ?? `این تارنما را روابط عمومی ${props.siteName} اداره می‌کند.`}</p>
        </div>
      </footer>
    </Document>
  );
}
