// A page that is a list of published news with keyset paging: a tag, a month of the
// archive, the notices, a neighbourhood. Extra sections go after the list as children.
import { Fragment, type ComponentChildren } from 'preact';
import { Breadcrumbs, type BreadcrumbItem } from '../../../ui/components/breadcrumbs/breadcrumbs.js';
import { PortalLayout, portalNav } from '../../../ui/layouts/portal-layout.js';
import { renderPage } from '../../../ui/render.js';
import { withHead, type PortalHead } from './head.js';
import { PortalNewsList, PortalPager } from './news-list.partial.js';
import type { PortalChrome, PortalNewsSummary } from './portal-view-models.js';

export interface PortalListProps extends PortalChrome {
  /** The page's own name: the `<h1>` and the start of `<title>`. */
  heading: string;
  /** Breadcrumbs above the page; the last item is this page. */
  crumbs: BreadcrumbItem[];
  /** The section of the main navigation this page belongs to. */
  section?: string;
  /** A line under the heading (a string becomes a paragraph). */
  intro?: ComponentChildren;
  /** A later page (after a cursor) says so in its title. */
  isLaterPage: boolean;
  items: PortalNewsSummary[];
  /** What the empty first page says. */
  emptyText: string;
  nextHref: string | null;
  firstHref: string | null;
  /** Feeds of this list, shown as links under it: «{label}: RSS · Atom». */
  feeds?: { label: string; links: Array<{ href: string; label: string }> };
  children?: ComponentChildren;
}

export function PortalListPage(props: PortalListProps) {
  const title = props.isLaterPage ? `${props.heading} (خبرهای قدیمی‌تر)` : props.heading;
  return (
    <PortalLayout
      title={title}
      siteName={props.siteName}
      tagline="روابط عمومی"
      nav={portalNav(props.section)}
      beforeContent={<Breadcrumbs items={props.crumbs} />}
    >
      <h1 dir="auto">{props.heading}</h1>
      {typeof props.intro === 'string' ? <p>{props.intro}</p> : props.intro}
      <section aria-labelledby="list-title" class="portal-news">
        <h2 id="list-title" class="visually-hidden">
          فهرست خبرها
        </h2>
        {props.items.length === 0 ? (
          <p>{props.isLaterPage ? 'خبر قدیمی‌تری در این فهرست نیست.' : props.emptyText}</p>
        ) : (
          <PortalNewsList items={props.items} />
        )}
        <PortalPager nextHref={props.nextHref} firstHref={props.firstHref} />
        {props.feeds && (
          <p class="portal-feeds">
            {props.feeds.label}:{' '}
            {props.feeds.links.map((f, i) => (
              <Fragment key={f.href}>
                {i > 0 && ' · '}
                <a href={f.href}>{f.label}</a>
              </Fragment>
            ))}
          </p>
        )}
      </section>
      {props.children}
    </PortalLayout>
  );
}

export function renderPortalListPage(props: PortalListProps, head: PortalHead = {}): string {
  return withHead(renderPage(<PortalListPage {...props} />), head);
}
