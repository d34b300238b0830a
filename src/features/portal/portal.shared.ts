// What every public route shares: the options, the cacheable response (strong ETag,
// 304, Cache-Control), the public paths, and the mapping from newsroom items and the org
// tree to the plain view models the pages render.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../core/clock.js';
import type { MediaService } from '../media/index.js';
import type { NewsItem, NewsroomService } from '../newsroom/index.js';
import type { OrgService, OrgTree, OrgUnit } from '../org/index.js';
import type { PortalDistrictView, PortalHeadLink, PortalNewsSummary } from './views/portal-view-models.js';

export interface PortalRoutesOptions {
  org: OrgService;
  newsroom: Pick<NewsroomService, 'listPublished' | 'getPublishedBySlug'>;
  media: Pick<MediaService, 'listAttachments'>;
  /** The site's public origin (config.publicUrl, no trailing slash): feeds and canonical links. */
  publicUrl: string;
  clock?: Clock;
}

/** Until pages are cached and invalidated on publish, a short shared max-age. */
export const PORTAL_CACHE_CONTROL = 'public, max-age=60';

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

/** If-None-Match uses the weak comparison: W/ prefixes are ignored, `*` matches anything. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v.replace(/^W\//, '') === etag;
  });
}

/** A public response: cacheable by a shared cache, with a strong ETag and 304 on a match. */
export function sendPublic(request: FastifyRequest, reply: FastifyReply, type: string, body: string): FastifyReply {
  const etag = strongEtag(body);
  reply.header('cache-control', PORTAL_CACHE_CONTROL).header('etag', etag);
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.status(304).send();
  return reply.status(200).type(type).send(body);
}

export function districtView(unit: OrgUnit, neighbourhoods: OrgUnit[]): PortalDistrictView {
  return { code: unit.code, name: unit.name, neighbourhoods: neighbourhoods.map((n) => n.name) };
}

/** Closed units are history, not part of the public map of today. */
export const isOpen = (u: OrgUnit) => u.closedOn === null;

export const newsPath = (slug: string) => `/news/${encodeURIComponent(slug)}`;
export const districtPath = (code: string) => `/districts/${encodeURIComponent(code)}`;

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
    for (const n of d.neighbourhoods) places.set(n.id, { name: n.name, href: null });
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
