import { PortalLayout } from '../../../ui/layouts/portal-layout.js';
import { renderPage } from '../../../ui/render.js';
import { withHead, type PortalHead } from './head.js';
import { PortalNewsList } from './news-list.partial.js';
import type { PortalChrome, PortalDistrictView, PortalNewsSummary } from './portal-view-models.js';

export interface PortalHomeProps extends PortalChrome {
  /** Null before the organisation has been set up. */
  region: { name: string; area: string | null } | null;
  districts: PortalDistrictView[];
  /** The placement of neighbourhoods in districts is illustrative, not a public fact. */
  placementIsSample: boolean;
  /** The latest published news, newest first. */
  news: PortalNewsSummary[];
}

export const SAMPLE_PLACEMENT_NOTE = 'جای‌گذاری محله‌ها در نواحی نمونه است و هنوز با فهرست رسمی منطقه تطبیق داده نشده است.';

export function NeighbourhoodList(props: { names: string[]; label: string }) {
  if (props.names.length === 0) return <p>هنوز محله‌ای برای این ناحیه ثبت نشده است.</p>;
  return (
    <ul aria-label={props.label}>
      {props.names.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}

export function PortalHomePage(props: PortalHomeProps) {
  if (!props.region) {
    return (
      <PortalLayout title="صفحهٔ نخست" siteName={props.siteName}>
        <h1>{props.siteName}</h1>
        <p>این تارنما هنوز راه‌اندازی نشده است. به‌زودی اطلاعات منطقه و خبرهای آن در همین‌جا منتشر می‌شود.</p>
      </PortalLayout>
    );
  }
  return (
    <PortalLayout title="صفحهٔ نخست" siteName={props.siteName} tagline="روابط عمومی" nav={[{ href: '/', label: 'صفحهٔ نخست', current: true }]}>
      <h1>{props.siteName}</h1>
      {props.news.length === 0 ? (
        <p class="lead">
          تارنمای روابط عمومی {props.siteName}. خبرها، برنامه‌ها و گزارش‌های منطقه و نواحی آن پس از انتشار در همین صفحه می‌آید؛
          هنوز خبری منتشر نشده است.
        </p>
      ) : (
        <section aria-labelledby="news-title" class="portal-news">
          <h2 id="news-title">تازه‌ترین خبرها</h2>
          <PortalNewsList items={props.news} />
          <p>
            <a href="/feed.xml">خبرخوان (RSS)</a>
          </p>
        </section>
      )}
      {props.region.area && (
        <p>
          مساحت {props.region.name}: {props.region.area}
        </p>
      )}
      <section aria-labelledby="districts-title">
        <h2 id="districts-title">نواحی {props.region.name}</h2>
        {props.placementIsSample && <p class="hint">{SAMPLE_PLACEMENT_NOTE}</p>}
        {props.districts.length === 0 && <p>هنوز ناحیه‌ای ثبت نشده است.</p>}
        {props.districts.map((d) => (
          <article key={d.code} aria-labelledby={`district-${d.code}`}>
            <h3 id={`district-${d.code}`}>
              <a href={`/districts/${encodeURIComponent(d.code)}`}>{d.name}</a>
            </h3>
            <NeighbourhoodList names={d.neighbourhoods} label={`محله‌های ${d.name}`} />
          </article>
        ))}
      </section>
    </PortalLayout>
  );
}

export function renderPortalHomePage(props: PortalHomeProps, head: PortalHead = {}): string {
  return withHead(renderPage(<PortalHomePage {...props} />), head);
}
