import { Form } from '../components/form/form.js';
import { Icon } from '../components/icon/icon.js';
import { Document, FooterLinks, PageBody, SiteNav } from './document.js';
import type { LayoutProps, NavItem } from './layout-props.js';

export interface PortalLayoutProps extends LayoutProps {
  /** The public name, e.g. «شهرداری منطقه ۲۱ تهران». */
  siteName: string;
  /** A line under the name, e.g. «روابط عمومی». */
  tagline?: string;
  /** When set, a search box in the header submits `q` here with GET. */
  searchAction?: string;
  searchQuery?: string;
  footerLinks?: NavItem[];
  /** E.g. who runs the site and how to reach them. */
  footerText?: string;
}

/** Layout for the public portal. */
export function PortalLayout(props: PortalLayoutProps) {
  return (
    <Document title={`${props.title} — ${props.siteName}`} bodyClass="portal" scripts={props.scripts} hasErrors={props.hasErrors}>
      <header class="site-header site-header--portal">
        <div class="page-width site-header__inner">
          <a class="site-header__name" href="/">
            {props.siteName}
            {props.tagline && <span class="site-header__tagline">{props.tagline}</span>}
          </a>
          {props.searchAction && (
            <Form action={props.searchAction} method="get" class="site-search">
              <label class="visually-hidden" for="site-search-q">
                جستجو در تارنما
              </label>
              <input class="input site-search__input" id="site-search-q" name="q" type="search" value={props.searchQuery} dir="auto" />
              <button class="button button--header site-search__button" type="submit">
                <Icon name="search" size="small" />
                <span class="visually-hidden">جستجو</span>
              </button>
            </Form>
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
          <p class="site-footer__text">{props.footerText ?? `این تارنما را روابط عمومی ${props.siteName} اداره می‌کند.`}</p>
        </div>
      </footer>
    </Document>
  );
}
