import { formatJalaliDate } from '../../../core/persian/index.js';
import type { PortalNewsSummary } from './portal-view-models.js';

/** Latest published news: headline links, lead, Jalali date, place. */
export function PortalNewsList(props: { items: PortalNewsSummary[]; headingLevel?: 2 | 3 }) {
  const H = props.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul class="portal-news-list">
      {props.items.map((n) => (
        <li key={n.href} class="portal-news-list__item">
          <article>
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
