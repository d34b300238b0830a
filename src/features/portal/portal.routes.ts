// The public portal: the home page with the latest news, a page per district with its
// news, a page per published item, feeds and sitemaps. Public, cacheable for a short
// while (with a strong ETag and 304s), no cookies set, nothing but published things shown.
import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { systemClock, type Clock } from '../../core/clock.js';
import { notFound } from '../../core/errors.js';
import { formatNumber } from '../../core/persian/index.js';
import { markSanitized } from '../../ui/components/raw-html/raw-html.js';
import type { MediaService } from '../media/index.js';
import { NEWS_KIND_LABELS, SERVICE_AREA_LABELS, type NewsItem, type NewsroomService } from '../newsroom/index.js';
import { regionPublicName, type OrgService, type OrgTree, type OrgUnit } from '../org/index.js';
import { renderAtom, renderNewsSitemap, renderRss, renderSitemap, type FeedChannel } from './portal.feeds.js';
import { renderPortalHomePage } from './views/home.page.js';
import { renderPortalDistrictPage } from './views/district.page.js';
import { renderPortalNewsPage } from './views/news.page.js';
import type { PortalHeadLink } from './views/portal-view-models.js';
import type { PortalDistrictView, PortalNewsSummary, PortalPhotoView } from './views/portal-view-models.js';

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
const NEWS_PHOTOS = 'news';
const HOME_NEWS = 10;
const DISTRICT_NEWS = 20;
const FEED_ITEMS = 30;
/** A sitemap stops at 50,000 URLs; pages of 100, at most this many. */
const SITEMAP_PAGES = 100;
const NEWS_SITEMAP_MS = 2 * 24 * 60 * 60 * 1000;
const PRODUCT_NAME = 'شهرنما';

/** A strong validator: the hash of the exact bytes sent. */
export function strongEtag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** If-None-Match uses the weak comparison: W/ prefixes are ignored, `*` matches anything. */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v.replace(/^W\//, '') === etag;
  });
}

function sendPublic(request: FastifyRequest, reply: FastifyReply, type: string, body: string): FastifyReply {
  const etag = strongEtag(body);
  reply.header('cache-control', PORTAL_CACHE_CONTROL).header('etag', etag);
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.status(304).send();
  return reply.status(200).type(type).send(body);
}

const HTML = 'text/html; charset=utf-8';
const RSS = 'application/rss+xml; charset=utf-8';
const ATOM = 'application/atom+xml; charset=utf-8';
const XML = 'application/xml; charset=utf-8';

function districtView(unit: OrgUnit, neighbourhoods: OrgUnit[]): PortalDistrictView {
  return { code: unit.code, name: unit.name, neighbourhoods: neighbourhoods.map((n) => n.name) };
}

/** Closed units are history, not part of the public map of today. */
const isOpen = (u: OrgUnit) => u.closedOn === null;

export const newsPath = (slug: string) => `/news/${encodeURIComponent(slug)}`;
const districtPath = (code: string) => `/districts/${encodeURIComponent(code)}`;

interface Place {
  name: string;
  href: string | null;
}

/** Names (and links, for open districts) of every unit, from one read of the tree. */
function placesOf(tree: OrgTree): Map<number, Place> {
  const places = new Map<number, Place>();
  if (tree.region) places.set(tree.region.id, { name: tree.region.name, href: '/' });
  for (const d of tree.districts) {
    places.set(d.unit.id, { name: d.unit.name, href: isOpen(d.unit) ? districtPath(d.unit.code) : null });
    for (const n of d.neighbourhoods) places.set(n.id, { name: n.name, href: null });
  }
  return places;
}

function summaryOf(item: NewsItem, places: Map<number, Place>): PortalNewsSummary {
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

export const portalRoutes: FastifyPluginAsync<PortalRoutesOptions> = async (app, opts) => {
  const { org, newsroom, media } = opts;
  const clock = opts.clock ?? systemClock;
  const base = opts.publicUrl.replace(/\/+$/, '');
  const abs = (p: string) => `${base}${p}`;

  const feedLinks = (title: string, rssPath: string, atomPath?: string): PortalHeadLink[] => [
    { rel: 'alternate', type: 'application/rss+xml', href: rssPath, title },
    ...(atomPath ? [{ rel: 'alternate', type: 'application/atom+xml', href: atomPath, title }] : []),
  ];

  /** Published items of a unit (or all), only those with a slug and time (always true when published). */
  async function published(filters: { districtId?: number; limit: number; after?: string | null; since?: Date }) {
    const page = await newsroom.listPublished(filters);
    return { items: page.items.filter((i) => i.slug !== null && i.publishedAt !== null), next: page.next };
  }

  app.get('/', async (request, reply) => {
    const tree = await org.listTree();
    if (!tree.region) {
      return sendPublic(request, reply, HTML, renderPortalHomePage({ siteName: PRODUCT_NAME, region: null, districts: [], placementIsSample: false, news: [] }));
    }
    const districts = tree.districts.filter((d) => isOpen(d.unit));
    const neighbourhoods = districts.flatMap((d) => d.neighbourhoods.filter(isOpen));
    const places = placesOf(tree);
    const { items } = await published({ limit: HOME_NEWS });
    const siteName = regionPublicName(tree.region);
    return sendPublic(
      request,
      reply,
      HTML,
      renderPortalHomePage(
        {
          siteName,
          region: { name: tree.region.name, area: tree.region.areaHa === null ? null : `${formatNumber(tree.region.areaHa)} هکتار` },
          districts: districts.map((d) => districtView(d.unit, d.neighbourhoods.filter(isOpen))),
          placementIsSample: neighbourhoods.some((n) => n.isSample),
          news: items.map((i) => summaryOf(i, places)),
        },
        { links: [{ rel: 'canonical', href: abs('/') }, ...feedLinks(`خبرهای ${siteName}`, '/feed.xml', '/feed.atom')] },
      ),
    );
  });

  const unknownDistrict = 'ناحیه‌ای با این نشانی پیدا نشد.';

  /** An open district by its code, or a 404. */
  async function openDistrict(code: string) {
    if (code.length > 32) throw notFound(unknownDistrict);
    const [unit, region] = await Promise.all([org.getUnitByCode(code), org.getRegion()]);
    if (!unit || unit.kind !== 'district' || !isOpen(unit) || !region) throw notFound(unknownDistrict);
    return { unit, region };
  }

  app.get<{ Params: { code: string } }>('/districts/:code', async (request, reply) => {
    const { unit, region } = await openDistrict(request.params.code);
    const [neighbourhoods, tree, news] = await Promise.all([
      org.listNeighbourhoods(unit.id).then((ns) => ns.filter(isOpen)),
      org.listTree(),
      published({ districtId: unit.id, limit: DISTRICT_NEWS }),
    ]);
    const places = placesOf(tree);
    return sendPublic(
      request,
      reply,
      HTML,
      renderPortalDistrictPage(
        {
          siteName: regionPublicName(region),
          regionName: region.name,
          district: districtView(unit, neighbourhoods),
          placementIsSample: neighbourhoods.some((n) => n.isSample),
          news: news.items.map((i) => summaryOf(i, places)),
        },
        {
          links: [
            { rel: 'canonical', href: abs(districtPath(unit.code)) },
            ...feedLinks(`خبرهای ${unit.name} ${region.name}`, `${districtPath(unit.code)}/feed.xml`),
          ],
        },
      ),
    );
  });

  app.get<{ Params: { slug: string } }>('/news/:slug', async (request, reply) => {
    const unknown = 'خبری با این نشانی پیدا نشد.';
    const item = await newsroom.getPublishedBySlug(request.params.slug.normalize('NFC'));
    if (!item || !item.slug || !item.publishedAt) throw notFound(unknown);
    const [tree, photos] = await Promise.all([org.listTree(), media.listAttachments(NEWS_PHOTOS, item.id)]);
    const places = placesOf(tree);
    const place = places.get(item.orgUnitId);
    const siteName = tree.region ? regionPublicName(tree.region) : PRODUCT_NAME;
    const ordered = [...photos].sort((a, b) => Number(b.isLead) - Number(a.isLead) || a.position - b.position);
    const photoViews: PortalPhotoView[] = ordered
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
    const url = abs(newsPath(item.slug));
    const image = photoViews[0] ? abs(photoViews[0].fallbackUrl) : null;
    const modified = item.correctedAt ?? item.publishedAt;
    const jsonLd = {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: item.headline,
      description: item.lead ?? undefined,
      datePublished: item.publishedAt.toISOString(),
      dateModified: modified.toISOString(),
      inLanguage: 'fa',
      mainEntityOfPage: url,
      url,
      image: image ? [image] : undefined,
      publisher: { '@type': 'Organization', name: siteName, url: abs('/') },
      author: { '@type': 'Organization', name: `روابط عمومی ${siteName}` },
      articleSection: NEWS_KIND_LABELS[item.kind],
      contentLocation: place ? { '@type': 'Place', name: place.name } : undefined,
    };
    const meta = [
      { property: 'og:type', content: 'article' },
      { property: 'og:site_name', content: siteName },
      { property: 'og:locale', content: 'fa_IR' },
      { property: 'og:title', content: item.headline },
      { property: 'og:url', content: url },
      ...(item.lead ? [{ property: 'og:description', content: item.lead }] : []),
      ...(image ? [{ property: 'og:image', content: image }] : []),
      { property: 'article:published_time', content: item.publishedAt.toISOString() },
      { property: 'article:modified_time', content: modified.toISOString() },
    ];
    return sendPublic(
      request,
      reply,
      HTML,
      renderPortalNewsPage(
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
            publishedAt: item.publishedAt,
            correctionNote: item.correctionNote,
            correctedAt: item.correctedAt,
            placeName: place?.name ?? null,
            placeHref: place?.href ?? null,
            neighbourhoodName: item.neighbourhoodId === null ? null : (places.get(item.neighbourhoodId)?.name ?? null),
            serviceAreas: item.serviceAreas.map((a) => SERVICE_AREA_LABELS[a]),
            photos: photoViews,
          },
        },
        { links: [{ rel: 'canonical', href: url }, ...feedLinks(`خبرهای ${siteName}`, '/feed.xml', '/feed.atom')], meta, jsonLd },
      ),
    );
  });

  // ---------------------------------------------------------------- feeds and sitemaps

  async function channel(selfPath: string, district?: OrgUnit): Promise<FeedChannel> {
    const tree = await org.listTree();
    const siteName = tree.region ? regionPublicName(tree.region) : PRODUCT_NAME;
    const places = placesOf(tree);
    const { items } = await published({ districtId: district?.id, limit: FEED_ITEMS });
    return {
      title: district ? `خبرهای ${district.name} — ${siteName}` : `خبرهای ${siteName}`,
      description: district ? `تازه‌ترین خبرهای ${district.name} از روابط عمومی ${siteName}` : `تازه‌ترین خبرهای روابط عمومی ${siteName}`,
      siteUrl: abs(district ? districtPath(district.code) : '/'),
      selfUrl: abs(selfPath),
      authorName: `روابط عمومی ${siteName}`,
      entries: items.map((i) => ({
        url: abs(newsPath(i.slug!)),
        title: i.headline,
        summary: i.lead,
        publishedAt: i.publishedAt!,
        updatedAt: i.correctedAt ?? i.publishedAt!,
        categories: [places.get(i.orgUnitId)?.name, ...i.serviceAreas.map((a) => SERVICE_AREA_LABELS[a])].filter((c): c is string => !!c),
      })),
    };
  }

  app.get('/feed.xml', async (request, reply) => sendPublic(request, reply, RSS, renderRss(await channel('/feed.xml'))));
  app.get('/feed.atom', async (request, reply) => sendPublic(request, reply, ATOM, renderAtom(await channel('/feed.atom'))));
  app.get<{ Params: { code: string } }>('/districts/:code/feed.xml', async (request, reply) => {
    const { unit } = await openDistrict(request.params.code);
    return sendPublic(request, reply, RSS, renderRss(await channel(`${districtPath(unit.code)}/feed.xml`, unit)));
  });

  app.get('/sitemap.xml', async (request, reply) => {
    const tree = await org.listTree();
    const urls: Array<{ loc: string; lastmod?: Date | null }> = [{ loc: abs('/') }];
    for (const d of tree.districts) if (isOpen(d.unit)) urls.push({ loc: abs(districtPath(d.unit.code)) });
    let after: string | null = null;
    for (let page = 0; page < SITEMAP_PAGES; page++) {
      const res: { items: NewsItem[]; next: string | null } = await published({ limit: 100, after });
      for (const i of res.items) urls.push({ loc: abs(newsPath(i.slug!)), lastmod: i.correctedAt ?? i.publishedAt });
      if (!res.next) break;
      after = res.next;
    }
    return sendPublic(request, reply, XML, renderSitemap(urls));
  });

  app.get('/news-sitemap.xml', async (request, reply) => {
    const tree = await org.listTree();
    const siteName = tree.region ? regionPublicName(tree.region) : PRODUCT_NAME;
    // Google News takes at most 1,000 URLs of the last two days.
    const items: NewsItem[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: { items: NewsItem[]; next: string | null } = await published({ limit: 100, after, since: new Date(clock.now().getTime() - NEWS_SITEMAP_MS) });
      items.push(...res.items);
      if (!res.next) break;
      after = res.next;
    }
    return sendPublic(
      request,
      reply,
      XML,
      renderNewsSitemap(
        siteName,
        items.map((i) => ({ loc: abs(newsPath(i.slug!)), title: i.headline, publishedAt: i.publishedAt! })),
      ),
    );
  });
};
