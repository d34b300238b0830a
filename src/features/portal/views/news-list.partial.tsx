import { formatJalaliDate } from '../../../core/persian/index.js';
import type { PortalNewsSummary } from './portal-view-models.js';

/** A list photo spans the column: the full width on phones, about 40em on wide screens. */
const LIST_PHOTO_SIZES = '(min-width: 60em) 40em, 100vw';

/** Latest published news: headline links, lead, Jalali date, place (and the lead photo when given). */
export function PortalNewsList(props: { items: PortalNewsSummary[]; headingLevel?: 2 | 3 | 4 }) {
  const H = props.headingLevel === 2 ? 'h2' : props.headingLevel === 4 ? 'h4' : 'h3';
  return (
    <ul class="portal-news-list">
      {props.items.map((n, i) => (
        <li key={n.href} class="portal-news-list__item">
          <article>
            {n.photo && (
              <picture class="portal-news-list__photo">
                <source type="image/webp" srcset={n.photo.srcsetWebp} sizes={LIST_PHOTO_SIZES} />
                <img
                  src={n.photo.fallbackUrl}
                  srcset={n.photo.srcsetJpeg}
                  sizes={LIST_PHOTO_SIZES}
                  alt={n.photo.alt}
                  width={n.photo.width}
                  height={n.photo.height}
                  loading={i === 0 ? undefined : 'lazy'}
                  decoding="async"
                />
              </picture>
            )}
            {n.overline && <p class="portal-news-list__overline" dir="auto">{n.overline}</p>}
            <H class="portal-news-list__headline" dir="auto">
              <a href={n.href}>{n.headline}</a>
            </H>
            {n.lead && <p class="portal-news-list__lead" dir="auto">{n.lead}</p>}
            <p class="portal-news-list__meta">
              <time datetime={n.publishedAt.toISOString()}>{formatJalaliDate(n.publishedAt)}</time>
              {n.placeName && (
                <>
                  {' · '}
                  {n.placeHref ? <a href={n.placeHref}>{n.placeName}</a> : n.placeName}
                </>
              )}
            </p>
          </article>
        </li>
      ))}
    </ul>
  );
}

/** Keyset paging: a link to the next (older) page, and back to the newest from a later page. */
export function PortalPager(props: { nextHref: string | null; firstHref: string | null }) {
  if (!props.nextHref && !props.firstHref) return null;
  return (
    <nav class="portal-pager" aria-label="صفحه‌های دیگر این فهرست">
      <ul class="portal-pager__list">
        {props.firstHref && (
          <li>
            <a href={props.firstHref}>تازه‌ترین خبرها</a>
          </li>
        )}
        {props.nextHref && (
          <li>
            <a href={props.nextHref} rel="next">
              خبرهای قدیمی‌تر
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
