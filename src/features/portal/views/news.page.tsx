import { formatJalaliDate, formatJalaliDateTime } from '../../../core/persian/index.js';
import { Breadcrumbs } from '../../../ui/components/breadcrumbs/breadcrumbs.js';
import { TextField } from '../../../ui/components/text-field/text-field.js';
import { CommentsSection, HelpfulWidget, type PublicCommentView } from '../../feedback/index.js';
import { RawHtml } from '../../../ui/components/raw-html/raw-html.js';
import { PortalLayout } from '../../../ui/layouts/portal-layout.js';
import { renderPage } from '../../../ui/render.js';
import { withHead, type PortalHead } from './head.js';
import type { PortalChrome, PortalNewsSummary, PortalNewsView, PortalPhotoView } from './portal-view-models.js';

/** The URL as people read it (Persian letters, not %D8%A8…); the links keep the encoded form. */
function readableUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** A share link built on the server (no third-party script or image on the page). */
export interface PortalShareLink {
  service: 'telegram' | 'whatsapp' | 'x' | 'email';
  label: string;
  href: string;
}

/** Comments and «was this helpful?» (the feedback feature's partials). */
export interface PortalNewsFeedbackView {
  newsId: number;
  comments: PublicCommentView[];
  /** «نظر شما ثبت شد…» on the `?comment=received` variant (or the report's thanks). */
  commentStatus?: string;
  helpfulStatus?: string;
  /** A refused comment: what was typed and the Persian errors by field. */
  values?: Partial<Record<'name' | 'contact' | 'body', string>>;
  errors?: Record<string, string>;
}

export interface PortalNewsProps extends PortalChrome {
  news: PortalNewsView;
  feedback?: PortalNewsFeedbackView;
  /** Up to four other items of the same service areas or district, newest first. */
  related?: PortalNewsSummary[];
  share?: { url: string; links: PortalShareLink[] };
}

function Share(props: { url: string; links: PortalShareLink[] }) {
  return (
    <section class="portal-share" aria-labelledby="share-title">
      <h2 id="share-title">اشتراک‌گذاری این خبر</h2>
      <ul class="portal-share__links">
        {props.links.map((l) => (
          <li key={l.service}>
            <a href={l.href} rel="noopener noreferrer nofollow" class={`portal-share__link portal-share__link--${l.service}`}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
      <TextField name="share-url" id="share-url" label="نشانی این خبر" hint="برای رونوشت، نشانی را انتخاب کنید." dir="ltr" readOnly value={readableUrl(props.url)} />
    </section>
  );
}

function Related(props: { items: PortalNewsSummary[] }) {
  return (
    <section class="portal-related" aria-labelledby="related-title">
      <h2 id="related-title">خبرهای مرتبط</h2>
      <ul class="portal-related__list">
        {props.items.map((r) => (
          <li key={r.href} class="portal-related__item">
            <a href={r.href} dir="auto">
              {r.headline}
            </a>{' '}
            <span class="portal-related__meta">
              <time datetime={r.publishedAt.toISOString()}>{formatJalaliDate(r.publishedAt)}</time>
              {r.placeName && <> · {r.placeName}</>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
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
          {p.credit && (
            <span class="portal-photo__credit">
              {p.caption ? ' — ' : ''}عکس: {p.credit}
            </span>
          )}
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
      hasErrors={Object.keys(props.feedback?.errors ?? {}).length > 0}
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
              <li key={a.href} class="portal-tags__tag">
                <a href={a.href}>{a.name}</a>
              </li>
            ))}
          </ul>
        )}
        {props.feedback && <HelpfulWidget newsId={props.feedback.newsId} statusMessage={props.feedback.helpfulStatus} />}
      </article>
      {props.share && <Share url={props.share.url} links={props.share.links} />}
      {props.related && props.related.length > 0 && <Related items={props.related} />}
      {props.feedback && (
        <CommentsSection
          newsId={props.feedback.newsId}
          comments={props.feedback.comments}
          statusMessage={props.feedback.commentStatus}
          values={props.feedback.values}
          errors={props.feedback.errors}
        />
      )}
    </PortalLayout>
  );
}

export function renderPortalNewsPage(props: PortalNewsProps, head: PortalHead = {}): string {
  return withHead(renderPage(<PortalNewsPage {...props} />), head);
}
