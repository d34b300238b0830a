// A page per published item: photos, JSON-LD NewsArticle, Open Graph, canonical link,
// citizens' comments and «was this helpful?» (feedback feature), related news, share
// links. Old slugs answer 301 to the current one. The comment form posts here too, so a
// refused comment re-renders this page (422, never cached) with the errors and the text.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, notFound, validationFailed, type FieldErrors } from '../../core/errors.js';
import { wantsJson } from '../../core/http/error-handler.js';
import { safeParseInput } from '../../core/http/forms.js';
import { PUBLIC_FORM } from '../../core/http/public-forms.js';
import { markSanitized } from '../../ui/components/raw-html/raw-html.js';
import {
  ALREADY_ANSWERED,
  ANSWER_THANKS,
  COMMENT_RECEIVED,
  REPORT_RECEIVED,
  commentInputSchema,
  newsPageHref,
  typedValues,
  visitorOf,
} from '../feedback/index.js';
import { NEWS_KIND_LABELS, SERVICE_AREA_LABELS, type NewsItem } from '../newsroom/index.js';
import { regionPublicName } from '../org/index.js';
import {
  absoluteUrl,
  feedLinks,
  HTML,
  NEWS_PHOTOS,
  newsPath,
  placesOf,
  PRODUCT_NAME,
  photoViewsOf,
  sendPublic,
  tagPath,
  summaryOf,
  type PortalRoutesOptions,
} from './portal.shared.js';
import { renderPortalNewsPage, type PortalShareLink } from './views/news.page.js';

const RELATED_NEWS = 4;
const UNKNOWN_NEWS = 'خبری با این نشانی پیدا نشد.';

/** Ids in URLs: ASCII digits within the integer column's range, else a 404. */
function idParam(raw: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw notFound(UNKNOWN_NEWS);
  const id = Number(raw);
  if (id > 2_147_483_647) throw notFound(UNKNOWN_NEWS);
  return id;
}

/** The outcome of a public form, from the cacheable variant it redirected to (`?comment=received`). */
function outcomeOf(query: unknown): { comments?: string; helpful?: string } {
  const q = query && typeof query === 'object' ? (query as Record<string, unknown>) : {};
  return {
    comments: q.comment === 'received' ? COMMENT_RECEIVED : q.report === 'received' ? REPORT_RECEIVED : undefined,
    helpful: q.helpful === 'thanks' ? ANSWER_THANKS : q.helpful === 'already' ? ALREADY_ANSWERED : undefined,
  };
}

/** Share URLs built here (no third-party script or image): each service's documented share link. */
export function shareLinks(url: string, title: string): PortalShareLink[] {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  return [
    { service: 'telegram', label: 'تلگرام', href: `https://t.me/share/url?url=${u}&text=${t}` },
    { service: 'whatsapp', label: 'واتس‌اپ', href: `https://wa.me/?text=${encodeURIComponent(`${title}\n${url}`)}` },
    { service: 'x', label: 'ایکس (توییتر)', href: `https://twitter.com/intent/tweet?url=${u}&text=${t}` },
    { service: 'email', label: 'ایمیل', href: `mailto:?subject=${t}&body=${encodeURIComponent(`${title}\n\n${url}`)}` },
  ];
}

export const portalNewsRoutes: FastifyPluginAsync<PortalRoutesOptions> = async (app, opts) => {
  const { org, newsroom, media, feedback } = opts;
  const abs = absoluteUrl(opts.publicUrl);

  interface CommentForm {
    values: Record<string, string>;
    errors: FieldErrors;
  }

  async function renderNews(item: NewsItem, outcome: ReturnType<typeof outcomeOf>, commentForm?: CommentForm): Promise<string> {
    const slug = item.slug!;
    const publishedAt = item.publishedAt!;
    const [tree, photos, comments, related] = await Promise.all([
      org.listTree(),
      media.listAttachments(NEWS_PHOTOS, item.id),
      feedback.listApproved(item.id),
      newsroom.listRelated(item, RELATED_NEWS),
    ]);
    const places = placesOf(tree);
    const place = places.get(item.orgUnitId);
    const siteName = tree.region ? regionPublicName(tree.region) : PRODUCT_NAME;
    const photoViews = photoViewsOf(photos);
    const url = abs(newsPath(slug));
    const image = photoViews[0] ? abs(photoViews[0].fallbackUrl) : null;
    const modified = item.correctedAt ?? publishedAt;
    const jsonLd = {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: item.headline,
      description: item.lead ?? undefined,
      datePublished: publishedAt.toISOString(),
      dateModified: modified.toISOString(),
      inLanguage: 'fa',
      mainEntityOfPage: url,
      url,
      image: image ? [image] : undefined,
      publisher: { '@type': 'Organization', name: siteName, url: abs('/') },
      author: { '@type': 'Organization', name: `روابط عمومی ${siteName}` },
      articleSection: NEWS_KIND_LABELS[item.kind],
      contentLocation: place ? { '@type': 'Place', name: place.name } : undefined,
      commentCount: comments.length,
    };
    const meta = [
      { property: 'og:type', content: 'article' },
      { property: 'og:site_name', content: siteName },
      { property: 'og:locale', content: 'fa_IR' },
      { property: 'og:title', content: item.headline },
      { property: 'og:url', content: url },
      ...(item.lead ? [{ property: 'og:description', content: item.lead }] : []),
      ...(image ? [{ property: 'og:image', content: image }] : []),
      { property: 'article:published_time', content: publishedAt.toISOString() },
      { property: 'article:modified_time', content: modified.toISOString() },
    ];
    return renderPortalNewsPage(
      {
        siteName,
        news: {
          kindLabel: NEWS_KIND_LABELS[item.kind],
          overline: item.overline,
          headline: item.headline,
          lead: item.lead,
          // Sanitised on every save by the newsroom (the sanitiser is the authority).
          bodyHtml: markSanitized(item.bodyHtml),
          sourceLine: item.sourceLine,
          publishedAt,
          correctionNote: item.correctionNote,
          correctedAt: item.correctedAt,
          placeName: place?.name ?? null,
          placeHref: place?.href ?? null,
          neighbourhoodName: item.neighbourhoodId === null ? null : (places.get(item.neighbourhoodId)?.name ?? null),
          serviceAreas: item.serviceAreas.map((a) => ({ name: SERVICE_AREA_LABELS[a], href: tagPath(a) })),
          photos: photoViews,
        },
        feedback: {
          newsId: item.id,
          comments,
          commentStatus: outcome.comments,
          helpfulStatus: outcome.helpful,
          values: commentForm?.values,
          errors: commentForm?.errors,
        },
        related: related.filter((r) => r.slug !== null && r.publishedAt !== null).map((r) => summaryOf(r, places)),
        share: { url, links: shareLinks(url, item.headline) },
      },
      { links: [{ rel: 'canonical', href: url }, ...feedLinks(`خبرهای ${siteName}`, '/feed.xml', '/feed.atom')], meta, jsonLd },
    );
  }

  app.get<{ Params: { slug: string } }>('/news/:slug', async (request, reply) => {
    const slug = request.params.slug.normalize('NFC');
    const item = await newsroom.getPublishedBySlug(slug);
    if (!item || !item.slug || !item.publishedAt) {
      // A slug an editor has since changed: a permanent redirect, the query kept.
      const current = await newsroom.slugRedirect(slug);
      if (current) {
        const q = request.url.indexOf('?');
        return reply.redirect(`${newsPath(current)}${q === -1 ? '' : request.url.slice(q)}`, 301);
      }
      throw notFound(UNKNOWN_NEWS);
    }
    return sendPublic(request, reply, HTML, await renderNews(item, outcomeOf(request.query)));
  });

  /** The refused comment form on its news page (422, or 429 over the limit), never stored by any cache. */
  async function refusedComment(reply: FastifyReply, newsId: number, form: CommentForm, status = 422): Promise<FastifyReply> {
    const item = await newsroom.getPublishedById(newsId);
    if (!item) throw notFound(UNKNOWN_NEWS);
    const html = await renderNews(item, {}, form);
    return reply.status(status).header('cache-control', 'no-store').type(HTML).send(html);
  }

  app.post<{ Params: { id: string } }>('/news/:id/comments', PUBLIC_FORM, async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const newsId = idParam(request.params.id);
    const parsed = safeParseInput(commentInputSchema, request.body);
    if (!parsed.ok) {
      if (wantsJson(request)) throw validationFailed(parsed.errors);
      return refusedComment(reply, newsId, { values: typedValues(request.body), errors: parsed.errors });
    }
    let result: Awaited<ReturnType<typeof feedback.submitComment>>;
    try {
      result = await feedback.submitComment(newsId, parsed.data, visitorOf(request));
    } catch (err) {
      // Over the per-address limit: the page again, with the reason and the text kept.
      if (isAppError(err) && err.status === 429 && !wantsJson(request)) {
        return refusedComment(reply, newsId, { values: typedValues(request.body), errors: { _form: err.userMessage } }, 429);
      }
      throw err;
    }
    if (wantsJson(request)) return reply.status(202).send({ message: result.message });
    // A separate cacheable variant of the page says «received»; no per-visitor cookie.
    return reply.redirect(newsPageHref(result.newsSlug, 'comment=received', 'comments'), 303);
  });
};
