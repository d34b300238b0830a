import { Breadcrumbs } from '../../../ui/components/breadcrumbs/breadcrumbs.js';
import { PortalLayout } from '../../../ui/layouts/portal-layout.js';
import { renderPage } from '../../../ui/render.js';
import { NeighbourhoodList, SAMPLE_PLACEMENT_NOTE } from './home.page.js';
import { withHead, type PortalHead } from './head.js';
import { PortalNewsList } from './news-list.partial.js';
import type { PortalChrome, PortalDistrictView, PortalNewsSummary } from './portal-view-models.js';

export interface PortalDistrictProps extends PortalChrome {
  regionName: string;
  district: PortalDistrictView;
  placementIsSample: boolean;
  /** The district's latest published news, newest first. */
  news: PortalNewsSummary[];
}

export function PortalDistrictPage(props: PortalDistrictProps) {
  const d = props.district;
  return (
    <PortalLayout
      title={`${d.name} — ${props.regionName}`}
      siteName={props.siteName}
      tagline="روابط عمومی"
      nav={[{ href: '/', label: 'صفحهٔ نخست' }]}
      beforeContent={<Breadcrumbs items={[{ label: 'صفحهٔ نخست', href: '/' }, { label: d.name }]} />}
    >
      <h1>
        {d.name} {props.regionName}
      </h1>
      <section aria-labelledby="neighbourhoods-title">
        <h2 id="neighbourhoods-title">محله‌ها</h2>
        {props.placementIsSample && <p class="hint">{SAMPLE_PLACEMENT_NOTE}</p>}
        <NeighbourhoodList names={d.neighbourhoods} label={`محله‌های ${d.name}`} />
      </section>
      <section aria-labelledby="district-news-title" class="portal-news">
        <h2 id="district-news-title">خبرهای {d.name}</h2>
        {props.news.length === 0 ? (
          <p>هنوز خبری از این ناحیه منتشر نشده است؛ خبرها و برنامه‌های این ناحیه پس از انتشار در همین صفحه می‌آید.</p>
        ) : (
          <PortalNewsList items={props.news} />
        )}
        <p>
          <a href={`/districts/${encodeURIComponent(d.code)}/feed.xml`}>خبرخوان این ناحیه (RSS)</a>
        </p>
      </section>
    </PortalLayout>
  );
}

export function renderPortalDistrictPage(props: PortalDistrictProps, head: PortalHead = {}): string {
  return withHead(renderPage(<PortalDistrictPage {...props} />), head);
}
