// The home page (featured, latest, most read this week, news by district, tags) and a page
// per district with its neighbourhoods and its news, paged.
import type { FastifyPluginAsync } from 'fastify';
import { h } from 'preact';
import { systemClock } from '../../core/clock.js';
import { formatNumber } from '../../core/persian/index.js';
import { SERVICE_AREA_LABELS, SERVICE_AREAS } from '../newsroom/index.js';
import { SatisfactionForm, satisfactionStatusMessage } from '../feedback/index.js';
import { regionPublicName } from '../org/index.js';
import { afterOf, LIST_PAGE } from './portal.browse.routes.js';
import {
  absoluteUrl,
  districtPath,
  districtView,
  feedLinks,
  HTML,
  isOpen,
  placesOf,
  PRODUCT_NAME,
  publishedNews,
  sendPublic,
  leadPhotoOf,
  summaryOf,
  tagPath,
  type PortalRoutesOptions,
} from './portal.shared.js';
import { openDistrict } from './portal.districts.js';
import { renderPortalHomePage } from './views/home.page.js';
import { renderPortalDistrictPage } from './views/district.page.js';

const HOME_NEWS = 10;
const HOME_FEATURED = 3;
const HOME_MOST_READ = 5;
/** A few items per open district on the home page. */
const HOME_DISTRICT_NEWS = 3;
const DAY_MS = 86_400_000;

export const portalPagesRoutes: FastifyPluginAsync<PortalRoutesOptions> = async (app, opts) => {
  const { org, newsroom, reads, media } = opts;
  const clock = opts.clock ?? systemClock;
  const abs = absoluteUrl(opts.publicUrl);

  app.get('/', async (request, reply) => {
    const tree = await org.listTree();
    if (!tree.region) {
      return sendPublic(
        request,
        reply,
        HTML,
        renderPortalHomePage({ siteName: PRODUCT_NAME, region: null, districts: [], placementIsSample: false, featured: [], news: [], mostRead: [], tags: [] }),
      );
    }
    const districts = tree.districts.filter((d) => isOpen(d.unit));
    const neighbourhoods = districts.flatMap((d) => d.neighbourhoods.filter(isOpen));
    const places = placesOf(tree);
    // The last seven Tehran days, today included.
    const weekStart = new Date(clock.now().getTime() - 6 * DAY_MS);
    const [latest, featured, mostRead, perDistrict] = await Promise.all([
      // Featured items lead the page and are left out of the latest list below them.
      publishedNews(newsroom, { limit: HOME_NEWS + HOME_FEATURED }),
      newsroom.listFeatured(HOME_FEATURED),
      reads ? reads.mostReadSince(weekStart, HOME_MOST_READ) : Promise.resolve([]),
      Promise.all(districts.map((d) => publishedNews(newsroom, { districtId: d.unit.id, limit: HOME_DISTRICT_NEWS }))),
    ]);
    const shown = (i: { slug: string | null; publishedAt: Date | null }) => i.slug !== null && i.publishedAt !== null;
    const featuredShown = featured.filter(shown);
    const featuredIds = new Set(featuredShown.map((i) => i.id));
    // The lead photo of each featured item (a handful of reads; the page is cached).
    const featuredPhotos = await Promise.all(featuredShown.map((i) => leadPhotoOf(media, i.id)));
    const siteName = regionPublicName(tree.region);
    return sendPublic(
      request,
      reply,
      HTML,
      renderPortalHomePage(
        {
          siteName,
          region: { name: tree.region.name, area: tree.region.areaHa === null ? null : `${formatNumber(tree.region.areaHa)} هکتار` },
          districts: districts.map((d, k) => ({
            ...districtView(d.unit, d.neighbourhoods.filter(isOpen)),
            news: (perDistrict[k]?.items ?? []).map((i) => summaryOf(i, places)),
          })),
          placementIsSample: neighbourhoods.some((n) => n.isSample),
          featured: featuredShown.map((i, k) => ({ ...summaryOf(i, places), photo: featuredPhotos[k] ?? undefined })),
          news: latest.items
            .filter((i) => !featuredIds.has(i.id))
            .slice(0, HOME_NEWS)
            .map((i) => summaryOf(i, places)),
          mostRead: mostRead.filter((r) => shown(r.item)).map((r) => summaryOf(r.item, places)),
          tags: SERVICE_AREAS.map((a) => ({ name: SERVICE_AREA_LABELS[a], href: tagPath(a) })),
        },
        { links: [{ rel: 'canonical', href: abs('/') }, ...feedLinks(`خبرهای ${siteName}`, '/feed.xml', '/feed.atom')] },
      ),
    );
  });

  app.get<{ Params: { code: string } }>('/districts/:code', async (request, reply) => {
    const { unit, region } = await openDistrict(org, request.params.code);
    const after = afterOf(request);
    const [neighbourhoods, tree, news] = await Promise.all([
      org.listNeighbourhoods(unit.id).then((ns) => ns.filter(isOpen)),
      org.listTree(),
      publishedNews(newsroom, { districtId: unit.id, limit: LIST_PAGE, after }),
    ]);
    const places = placesOf(tree);
    const path = districtPath(unit.code);
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
          nextHref: news.next ? `${path}?after=${encodeURIComponent(news.next)}` : null,
          firstHref: after ? path : null,
          // «رضایت شما از خدمات»: the outcome of a sent form is a cacheable ?satisfaction= variant.
          satisfaction: h(SatisfactionForm, { districtCode: unit.code, statusMessage: satisfactionStatusMessage(request.query) }),
        },
        {
          links: [
            { rel: 'canonical', href: abs(after ? `${path}?after=${encodeURIComponent(after)}` : path) },
            ...feedLinks(`خبرهای ${unit.name} ${region.name}`, `${path}/feed.xml`, `${path}/feed.atom`),
          ],
        },
      ),
    );
  });
};
