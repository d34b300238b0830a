import type { ComponentChildren } from 'preact';
import { Breadcrumbs } from '../../../ui/components/breadcrumbs/breadcrumbs.js';
import { PortalLayout, portalNav } from '../../../ui/layouts/portal-layout.js';
import { renderPage } from '../../../ui/render.js';
import { NeighbourhoodList, SAMPLE_PLACEMENT_NOTE } from './home.page.js';
import { withHead, type PortalHead } from './head.js';
import { PortalNewsList, PortalPager } from './news-list.partial.js';
import type { PortalChrome, PortalDistrictView, PortalNewsSummary } from './portal-view-models.js';

export interface PortalDistrictProps extends PortalChrome {
  regionName: string;
  district: PortalDistrictView;
  placementIsSample: boolean;
  /** The district's latest published news, newest first. */
  news: PortalNewsSummary[];
  /** The next (older) page of the district's news, if any. */
  nextHref?: string | null;
  /** On a later page: the district's newest news. */
  firstHref?: string | null;
  /** The citizens' satisfaction form (feedback feature), placed by the composition of the page. */
  satisfaction?: ComponentChildren;
}

export function PortalDistrictPage(props: PortalDistrictProps) {
  const d = props.district;
  const base = `/districts/${encodeURIComponent(d.code)}`;
  return (
    <PortalLayout
      title={`${d.name} — ${props.regionName}`}
      siteName={props.siteName}
      tagline="روابط عمومی"
      nav={portalNav()}
      beforeContent={<Breadcrumbs items={[{ label: 'صفحهٔ نخست', href: '/' }, { label: d.name }]} />}
    >
      <h1>
        {d.name} {props.regionName}
      </h1>
      <section aria-labelledby="neighbourhoods-title">
        <h2 id="neighbourhoods-title">محله‌ها</h2>
        {props.placementIsSample && <p class="hint">{SAMPLE_PLACEMENT_NOTE}</p>}
        <NeighbourhoodList items={d.neighbourhoods} label={`محله‌های ${d.name}`} />
      </section>
      <section aria-labelledby="district-news-title" class="portal-news">
        <h2 id="district-news-title">خبرهای {d.name}</h2>
        {props.news.length === 0 ? (
          <p>هنوز خبری از این ناحیه منتشر نشده است؛ خبرها و برنامه‌های این ناحیه پس از انتشار در همین صفحه می‌آید.</p>
        ) : (
          <PortalNewsList items={props.news} />
        )}
        <PortalPager nextHref={props.nextHref ?? null} firstHref={props.firstHref ?? null} />
        <p class="portal-feeds">
          خبرخوان این ناحیه: <a href={`${base}/feed.xml`}>RSS</a> · <a href={`${base}/feed.atom`}>Atom</a>
        </p>
      </section>
      {/* The satisfaction form of the district: the lead embeds it here (feedback feature). */}
      {props.satisfaction !== undefined && <div class="portal-satisfaction">{props.satisfaction}</div>}
    </PortalLayout>
  );
}

export function renderPortalDistrictPage(props: PortalDistrictProps, head: PortalHead = {}): string {
  return withHead(renderPage(<PortalDistrictPage {...props} />), head);
}
