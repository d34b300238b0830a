// Feeds (RSS 2.0, Atom; all news, per district, per tag) and sitemaps (all pages; Google News).
import type { FastifyPluginAsync } from 'fastify';
import { systemClock } from '../../core/clock.js';
import { notFound } from '../../core/errors.js';
import { SERVICE_AREA_LABELS, SERVICE_AREAS, type NewsItem, type ServiceArea } from '../newsroom/index.js';
import { regionPublicName, type OrgUnit } from '../org/index.js';
import { renderAtom, renderNewsSitemap, renderRss, renderSitemap, type FeedChannel } from './portal.feeds.js';
import { openDistrict } from './portal.districts.js';
import { isServiceArea } from './portal.browse.routes.js';
import {
  absoluteUrl,
  archivePath,
  ATOM,
  districtPath,
  isOpen,
  neighbourhoodPath,
  newsPath,
  placesOf,
  PRODUCT_NAME,
  publishedNews,
  RSS,
  sendPublic,
  tagPath,
  XML,
  type PortalRoutesOptions,
} from './portal.shared.js';

const FEED_ITEMS = 30;
const UNKNOWN_TAG = 'موضوعی با این نشانی پیدا نشد.';
/** A sitemap stops at 50,000 URLs; pages of 100, at most this many. */
const SITEMAP_PAGES = 100;
const NEWS_SITEMAP_MS = 2 * 24 * 60 * 60 * 1000;

export const portalFeedRoutes: FastifyPluginAsync<PortalRoutesOptions> = async (app, opts) => {
  const { org, newsroom } = opts;
  const clock = opts.clock ?? systemClock;
  const abs = absoluteUrl(opts.publicUrl);

  /** A feed of all news, a district's or a tag's. */
  async function channel(selfPath: string, scope: { district?: OrgUnit; tag?: ServiceArea } = {}): Promise<FeedChannel> {
    const { district, tag } = scope;
    const tree = await org.listTree();
    const siteName = tree.region ? regionPublicName(tree.region) : PRODUCT_NAME;
    const places = placesOf(tree);
    const { items } = await publishedNews(newsroom, { districtId: district?.id, serviceArea: tag, limit: FEED_ITEMS });
    const about = district ? district.name : tag ? `«${SERVICE_AREA_LABELS[tag]}»` : null;
    return {
      title: about ? `خبرهای ${about} — ${siteName}` : `خبرهای ${siteName}`,
      description: about ? `تازه‌ترین خبرهای ${about} از روابط عمومی ${siteName}` : `تازه‌ترین خبرهای روابط عمومی ${siteName}`,
      siteUrl: abs(district ? districtPath(district.code) : tag ? tagPath(tag) : '/'),
      selfUrl: abs(selfPath),
      authorName: `روابط عمومی ${siteName}`,
      generatedAt: clock.now(),
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
    const { unit } = await openDistrict(org, request.params.code);
    return sendPublic(request, reply, RSS, renderRss(await channel(`${districtPath(unit.code)}/feed.xml`, { district: unit })));
  });
  app.get<{ Params: { code: string } }>('/districts/:code/feed.atom', async (request, reply) => {
    const { unit } = await openDistrict(org, request.params.code);
    return sendPublic(request, reply, ATOM, renderAtom(await channel(`${districtPath(unit.code)}/feed.atom`, { district: unit })));
  });
  app.get<{ Params: { area: string } }>('/tags/:area/feed.xml', async (request, reply) => {
    const area = request.params.area;
    if (!isServiceArea(area)) throw notFound(UNKNOWN_TAG);
    return sendPublic(request, reply, RSS, renderRss(await channel(`${tagPath(area)}/feed.xml`, { tag: area })));
  });
  app.get<{ Params: { area: string } }>('/tags/:area/feed.atom', async (request, reply) => {
    const area = request.params.area;
    if (!isServiceArea(area)) throw notFound(UNKNOWN_TAG);
    return sendPublic(request, reply, ATOM, renderAtom(await channel(`${tagPath(area)}/feed.atom`, { tag: area })));
  });

  app.get('/sitemap.xml', async (request, reply) => {
    const tree = await org.listTree();
    const urls: Array<{ loc: string; lastmod?: Date | null }> = [{ loc: abs('/') }, { loc: abs('/notices') }, { loc: abs('/tags') }, { loc: abs('/archive') }];
    for (const d of tree.districts) {
      if (!isOpen(d.unit)) continue;
      urls.push({ loc: abs(districtPath(d.unit.code)) });
      for (const n of d.neighbourhoods) if (isOpen(n)) urls.push({ loc: abs(neighbourhoodPath(d.unit.code, n.code)) });
    }
    const tagCounts = await newsroom.publishedTagCounts();
    for (const a of SERVICE_AREAS) if (tagCounts[a] > 0) urls.push({ loc: abs(tagPath(a)) });
    for (const m of await newsroom.publishedMonths()) urls.push({ loc: abs(archivePath(m.year, m.month)) });
    let after: string | null = null;
    for (let page = 0; page < SITEMAP_PAGES; page++) {
      const res: { items: NewsItem[]; next: string | null } = await publishedNews(newsroom, { limit: 100, after });
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
      const res: { items: NewsItem[]; next: string | null } = await publishedNews(newsroom, { limit: 100, after, since: new Date(clock.now().getTime() - NEWS_SITEMAP_MS) });
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
