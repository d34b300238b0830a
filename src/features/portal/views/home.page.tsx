import { PortalLayout, portalNav } from '../../../ui/layouts/portal-layout.js';
import { renderPage } from '../../../ui/render.js';
import { withHead, type PortalHead } from './head.js';
import { PortalNewsList } from './news-list.partial.js';
import type { PortalChrome, PortalDistrictView, PortalLink, PortalNewsSummary } from './portal-view-models.js';

export interface PortalHomeDistrict extends PortalDistrictView {
  /** The district's latest few published items. */
  news: PortalNewsSummary[];
}

export interface PortalHomeProps extends PortalChrome {
  /** Null before the organisation has been set up. */
  region: { name: string; area: string | null } | null;
  districts: PortalHomeDistrict[];
  /** The placement of neighbourhoods in districts is illustrative, not a public fact. */
  placementIsSample: boolean;
  /** Items an editor features, most recently featured first. */
  featured: PortalNewsSummary[];
  /** The latest published news, newest first. */
  news: PortalNewsSummary[];
  /** The most read items of the last seven days, most read first. */
  mostRead: PortalNewsSummary[];
  tags: PortalLink[];
}

export const SAMPLE_PLACEMENT_NOTE = 'جای‌گذاری محله‌ها در نواحی نمونه است و هنوز با فهرست رسمی منطقه تطبیق داده نشده است.';

export function NeighbourhoodList(props: { items: PortalLink[]; label: string }) {
  if (props.items.length === 0) return <p>هنوز محله‌ای برای این ناحیه ثبت نشده است.</p>;
  return (
    <ul aria-label={props.label} class="portal-link-list">
      {props.items.map((n) => (
        <li key={n.href}>
          <a href={n.href}>{n.name}</a>
        </li>
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
    <PortalLayout title="صفحهٔ نخست" siteName={props.siteName} tagline="روابط عمومی" nav={portalNav('/')}>
      <h1>{props.siteName}</h1>
      {props.news.length === 0 ? (
        <p class="lead">
          تارنمای روابط عمومی {props.siteName}. خبرها، برنامه‌ها و گزارش‌های منطقه و نواحی آن پس از انتشار در همین صفحه می‌آید؛
          هنوز خبری منتشر نشده است.
        </p>
      ) : (
        <>
          {props.featured.length > 0 && (
            <section aria-labelledby="featured-title" class="portal-news portal-featured">
              <h2 id="featured-title">خبرهای برگزیده</h2>
              <PortalNewsList items={props.featured} />
            </section>
          )}
          <section aria-labelledby="news-title" class="portal-news">
            <h2 id="news-title">تازه‌ترین خبرها</h2>
            <PortalNewsList items={props.news} />
            <p class="portal-feeds">
              <a href="/archive">بایگانی خبرها</a> · <a href="/notices">اطلاعیه‌ها</a> · <a href="/feed.xml">خبرخوان (RSS)</a>
            </p>
          </section>
          {props.mostRead.length > 0 && (
            <section aria-labelledby="most-read-title" class="portal-news portal-most-read">
              <h2 id="most-read-title">پربازدیدترین‌های هفته</h2>
              <PortalNewsList items={props.mostRead} />
            </section>
          )}
        </>
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
          <article key={d.code} aria-labelledby={`district-${d.code}`} class="portal-home-district">
            <h3 id={`district-${d.code}`}>
              <a href={`/districts/${encodeURIComponent(d.code)}`}>{d.name}</a>
            </h3>
            <NeighbourhoodList items={d.neighbourhoods} label={`محله‌های ${d.name}`} />
            {d.news.length > 0 && <PortalNewsList items={d.news} headingLevel={4} />}
          </article>
        ))}
      </section>
      <section aria-labelledby="tags-title">
        <h2 id="tags-title">موضوع‌ها</h2>
        <ul class="portal-tags" aria-label="موضوع‌ها">
          {props.tags.map((t) => (
            <li key={t.href} class="portal-tags__tag">
              <a href={t.href}>{t.name}</a>
            </li>
          ))}
        </ul>
      </section>
    </PortalLayout>
  );
}

export function renderPortalHomePage(props: PortalHomeProps, head: PortalHead = {}): string {
  return withHead(renderPage(<PortalHomePage {...props} />), head);
}
