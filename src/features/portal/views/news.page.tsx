import { formatJalaliDate, formatJalaliDateTime } from '../../../core/persian/index.js';
import { Breadcrumbs } from '../../../ui/components/breadcrumbs/breadcrumbs.js';
import { RawHtml } from '../../../ui/components/raw-html/raw-html.js';
import { PortalLayout } from '../../../ui/layouts/portal-layout.js';
import { renderPage } from '../../../ui/render.js';
import { withHead, type PortalHead } from './head.js';
import type { PortalChrome, PortalNewsView, PortalPhotoView } from './portal-view-models.js';

export interface PortalNewsProps extends PortalChrome {
  news: PortalNewsView;
}

/** Full width on phones, about two thirds of the page width on wide screens. */
const PHOTO_SIZES = '(min-width: 60em) 40em, 100vw';

function Photo(props: { photo: PortalPhotoView; first: boolean }) {
  const p = props.photo;
  return (
    <figure class="portal-photo">
      <picture>
        <source type="image/webp" srcset={p.srcsetWebp} sizes={PHOTO_SIZES} />
        <img
          src={p.fallbackUrl}
          srcset={p.srcsetJpeg}
          sizes={PHOTO_SIZES}
          alt={p.alt}
          width={p.width}
          height={p.height}
          loading={props.first ? undefined : 'lazy'}
          decoding="async"
        />
      </picture>
      {(p.caption || p.credit) && (
        <figcaption dir="auto">
          {p.caption}
          {p.credit && <span class="portal-photo__credit"> عکس: {p.credit}</span>}
        </figcaption>
      )}
    </figure>
  );
}

export function PortalNewsPage(props: PortalNewsProps) {
  const n = props.news;
  const [lead, ...rest] = n.photos;
  const crumbs: Array<{ label: string; href?: string }> = [{ label: 'صفحهٔ نخست', href: '/' }];
  if (n.placeName && n.placeHref) crumbs.push({ label: n.placeName, href: n.placeHref });
  crumbs.push({ label: n.headline });
  return (
    <PortalLayout
      title={n.headline}
      siteName={props.siteName}
      tagline="روابط عمومی"
      nav={[{ href: '/', label: 'صفحهٔ نخست' }]}
      beforeContent={<Breadcrumbs items={crumbs} />}
    >
      <article class="portal-article">
        <header class="portal-article__header">
          <p class="portal-article__kind">{n.kindLabel}</p>
          {n.overline && <p class="portal-article__overline" dir="auto">{n.overline}</p>}
          <h1 dir="auto">{n.headline}</h1>
          {n.lead && <p class="lead portal-article__lead" dir="auto">{n.lead}</p>}
          <p class="portal-article__meta">
            انتشار: <time datetime={n.publishedAt.toISOString()}>{formatJalaliDateTime(n.publishedAt)}</time>
            {n.placeName && (
              <>
                {' · '}
                {n.placeHref ? <a href={n.placeHref}>{n.placeName}</a> : n.placeName}
              </>
            )}
            {n.neighbourhoodName && <> · محلهٔ {n.neighbourhoodName}</>}
          </p>
        </header>
        {n.correctionNote && (
          <aside class="portal-correction" aria-label="اصلاحیه" dir="auto">
            <p>
              <strong>اصلاحیه</strong>
              {n.correctedAt && (
                <>
                  {' '}
                  (<time datetime={n.correctedAt.toISOString()}>{formatJalaliDate(n.correctedAt)}</time>)
                </>
              )}
              : {n.correctionNote}
            </p>
          </aside>
        )}
        {lead && <Photo photo={lead} first />}
        <RawHtml html={n.bodyHtml} class="prose portal-article__body" />
        {rest.map((p, i) => (
          <Photo key={`${p.fallbackUrl}-${i}`} photo={p} first={false} />
        ))}
        {n.sourceLine && <p class="portal-article__source" dir="auto">{n.sourceLine}</p>}
        {n.serviceAreas.length > 0 && (
          <ul class="portal-tags" aria-label="حوزه‌های خدمت">
            {n.serviceAreas.map((a) => (
              <li key={a} class="portal-tags__tag">
                {a}
              </li>
            ))}
          </ul>
        )}
      </article>
    </PortalLayout>
  );
}

export function renderPortalNewsPage(props: PortalNewsProps, head: PortalHead = {}): string {
  return withHead(renderPage(<PortalNewsPage {...props} />), head);
}
