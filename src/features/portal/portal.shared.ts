// What every public route shares: the options, the cacheable response (strong ETag,
// 304, Cache-Control), the public paths, and the mapping from newsroom items and the org
// tree to the plain view models the pages render.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../core/clock.js';
import type { FeedbackService } from '../feedback/index.js';
import type { MediaService } from '../media/index.js';
import type { NewsItem, NewsReads, NewsroomService } from '../newsroom/index.js';
import type { OrgService, OrgTree, OrgUnit } from '../org/index.js';
import { etagMatches, markPageCacheable, type PageCache } from './portal.cache.js';
import type { PortalDistrictView, PortalHeadLink, PortalNewsSummary, PortalPhotoView } from './views/portal-view-models.js';

export interface PortalRoutesOptions {
  org: OrgService;
  newsroom: Pick<NewsroomService, 'listPublished' | 'getPublishedBySlug' | 'listFeatured' | 'publishedMonths' | 'publishedTagCounts' | 'listRelated' | 'slugRedirect' | 'getPublishedById' | 'searchPublished'>;
  feedback: Pick<FeedbackService, 'listApproved' | 'submitComment'>;
  /** Page reads per day, for «the most read this week»; without it the home page leaves that list out. */
  reads?: Pick<NewsReads, 'mostReadSince'>;
  media: Pick<MediaService, 'listAttachments'>;
  /** The site's public origin (config.publicUrl, no trailing slash): feeds and canonical links. */
  publicUrl: string;
  clock?: Clock;
  /** The public page cache (app.ts builds it); without one every request renders. */
  pageCache?: PageCache;
}

/**
 * Browsers revalidate every time (a 304 from the in-memory page cache is cheap, and a
 * published item shows at once); a shared cache (reverse proxy) may keep a page 60 s and
 * serve it stale for 30 s more while it refetches. See docs/ARCHITECTURE.md.
 */
export const PORTAL_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=30';

/** The media owner kind of news photos (the newsroom's NEWS_MEDIA_OWNER). */
export const NEWS_PHOTOS = 'news';
export const PRODUCT_NAME = 'شهرنما';

export const HTML = 'text/html; charset=utf-8';
export const RSS = 'application/rss+xml; charset=utf-8';
export const ATOM = 'application/atom+xml; charset=utf-8';
export const XML = 'application/xml; charset=utf-8';

/** A strong validator: the hash of the exact bytes sent. */
export function strongEtag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

export { etagMatches };

/** A public response: cacheable by a shared cache, with a strong ETag and 304 on a match. */
export function sendPublic(request: FastifyRequest, reply: FastifyReply, type: string, body: string): FastifyReply {
  const etag = strongEtag(body);
  // Stored by the page cache (portal.cache.ts) if nothing in the response is personal.
  markPageCacheable(request);
  reply.header('cache-control', PORTAL_CACHE_CONTROL).header('etag', etag);
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.status(304).send();
  return reply.status(200).type(type).send(body);
}

export function districtView(unit: OrgUnit, neighbourhoods: OrgUnit[]): PortalDistrictView {
  return {
    code: unit.code,
    name: unit.name,
    neighbourhoods: neighbourhoods.map((n) => ({ name: n.name, href: neighbourhoodPath(unit.code, n.code) })),
  };
}

/** Closed units are history, not part of the public map of today. */
export const isOpen = (u: OrgUnit) => u.closedOn === null;

export const newsPath = (slug: string) => `/news/${encodeURIComponent(slug)}`;
export const districtPath = (code: string) => `/districts/${encodeURIComponent(code)}`;
export const neighbourhoodPath = (district: string, code: string) => `${districtPath(district)}/neighbourhoods/${encodeURIComponent(code)}`;
export const tagPath = (area: string) => `/tags/${encodeURIComponent(area)}`;
export const archivePath = (year: number, month: number) => `/archive/${year}/${month}`;

export interface Place {
  name: string;
  href: string | null;
}

/** Names (and links, for open districts) of every unit, from one read of the tree. */
export function placesOf(tree: OrgTree): Map<number, Place> {
  const places = new Map<number, Place>();
  if (tree.region) places.set(tree.region.id, { name: tree.region.name, href: '/' });
  for (const d of tree.districts) {
    places.set(d.unit.id, { name: d.unit.name, href: isOpen(d.unit) ? districtPath(d.unit.code) : null });
    for (const n of d.neighbourhoods) places.set(n.id, { name: n.name, href: isOpen(d.unit) && isOpen(n) ? neighbourhoodPath(d.unit.code, n.code) : null });
  }
  return places;
}

export function summaryOf(item: NewsItem, places: Map<number, Place>): PortalNewsSummary {
  const place = places.get(item.orgUnitId);
  return {
    href: newsPath(item.slug!),
    overline: item.overline,
    headline: item.headline,
    lead: item.lead,
    publishedAt: item.publishedAt!,
    placeName: place?.name ?? null,
    placeHref: place?.href ?? null,
  };
}

/** `<link rel="alternate">` for a page's feeds. */
export function feedLinks(title: string, rssPath: string, atomPath?: string): PortalHeadLink[] {
  return [
    { rel: 'alternate', type: 'application/rss+xml', href: rssPath, title },
    ...(atomPath ? [{ rel: 'alternate', type: 'application/atom+xml', href: atomPath, title }] : []),
  ];
}

/** The site's absolute URL of a path. */
export function absoluteUrl(publicUrl: string): (path: string) => string {
  const base = publicUrl.replace(/\/+$/, '');
  return (p: string) => `${base}${p}`;
}

/** Published items of a unit (or all), only those with a slug and time (always true when published). */
export async function publishedNews(
  newsroom: PortalRoutesOptions['newsroom'],
  filters: Parameters<NewsroomService['listPublished']>[0],
): Promise<{ items: NewsItem[]; next: string | null }> {
  const page = await newsroom.listPublished(filters);
  return { items: page.items.filter((i) => i.slug !== null && i.publishedAt !== null), next: page.next };
}

type AttachedPhotos = Awaited<ReturnType<MediaService['listAttachments']>>;

/** An item's photos as the pages show them: the lead first, then in order; only rendered ones. */
export function photoViewsOf(photos: AttachedPhotos): PortalPhotoView[] {
  return [...photos]
    .sort((a, b) => Number(b.isLead) - Number(a.isLead) || a.position - b.position)
    .filter((p) => p.renditions.length > 0)
    .map((p) => ({
      fallbackUrl: p.fallbackUrl,
      srcsetWebp: p.srcset.webp,
      srcsetJpeg: p.srcset.jpeg,
      width: p.width,
      height: p.height,
      alt: p.alt ?? '',
      caption: p.caption,
      credit: p.credit,
    }));
}

/** The lead photo of a news item, or null. */
export async function leadPhotoOf(media: PortalRoutesOptions['media'], newsId: number): Promise<PortalPhotoView | null> {
  return photoViewsOf(await media.listAttachments(NEWS_PHOTOS, newsId))[0] ?? null;
}
