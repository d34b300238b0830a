// Feeds (RSS 2.0, Atom; all news and per district) and sitemaps (all pages; Google News).
import type { FastifyPluginAsync } from 'fastify';
import { systemClock } from '../../core/clock.js';
import { SERVICE_AREA_LABELS, type NewsItem } from '../newsroom/index.js';
import { regionPublicName, type OrgUnit } from '../org/index.js';
import { renderAtom, renderNewsSitemap, renderRss, renderSitemap, type FeedChannel } from './portal.feeds.js';
import { openDistrict } from './portal.districts.js';
import { absoluteUrl, ATOM, districtPath, isOpen, newsPath, placesOf, PRODUCT_NAME, publishedNews, RSS, sendPublic, XML, type PortalRoutesOptions } from './portal.shared.js';

const FEED_ITEMS = 30;
/** A sitemap stops at 50,000 URLs; pages of 100, at most this many. */
const SITEMAP_PAGES = 100;
const NEWS_SITEMAP_MS = 2 * 24 * 60 * 60 * 1000;

export const portalFeedRoutes: FastifyPluginAsync<PortalRoutesOptions> = async (app, opts) => {
  const { org, newsroom } = opts;
  const clock = opts.clock ?? systemClock;
  const abs = absoluteUrl(opts.publicUrl);

  async function channel(selfPath: string, district?: OrgUnit): Promise<FeedChannel> {
    const tree = await org.listTree();
    const siteName = tree.region ? regionPublicName(tree.region) : PRODUCT_NAME;
    const places = placesOf(tree);
    const { items } = await publishedNews(newsroom, { districtId: district?.id, limit: FEED_ITEMS });
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
    const { unit } = await openDistrict(org, request.params.code);
    return sendPublic(request, reply, RSS, renderRss(await channel(`${districtPath(unit.code)}/feed.xml`, unit)));
  });

  app.get('/sitemap.xml', async (request, reply) => {
    const tree = await org.listTree();
    const urls: Array<{ loc: string; lastmod?: Date | null }> = [{ loc: abs('/') }];
    for (const d of tree.districts) if (isOpen(d.unit)) urls.push({ loc: abs(districtPath(d.unit.code)) });
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
