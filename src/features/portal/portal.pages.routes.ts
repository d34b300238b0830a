// The home page with the latest news and the districts, and a page per district.
import type { FastifyPluginAsync } from 'fastify';
import { formatNumber } from '../../core/persian/index.js';
import { regionPublicName } from '../org/index.js';
import { absoluteUrl, districtPath, districtView, feedLinks, HTML, isOpen, placesOf, PRODUCT_NAME, publishedNews, sendPublic, summaryOf, type PortalRoutesOptions } from './portal.shared.js';
import { openDistrict } from './portal.districts.js';
import { renderPortalHomePage } from './views/home.page.js';
import { renderPortalDistrictPage } from './views/district.page.js';

const HOME_NEWS = 10;
const DISTRICT_NEWS = 20;

export const portalPagesRoutes: FastifyPluginAsync<PortalRoutesOptions> = async (app, opts) => {
  const { org, newsroom } = opts;
  const abs = absoluteUrl(opts.publicUrl);

  app.get('/', async (request, reply) => {
    const tree = await org.listTree();
    if (!tree.region) {
      return sendPublic(request, reply, HTML, renderPortalHomePage({ siteName: PRODUCT_NAME, region: null, districts: [], placementIsSample: false, news: [] }));
    }
    const districts = tree.districts.filter((d) => isOpen(d.unit));
    const neighbourhoods = districts.flatMap((d) => d.neighbourhoods.filter(isOpen));
    const places = placesOf(tree);
    const { items } = await publishedNews(newsroom, { limit: HOME_NEWS });
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

  app.get<{ Params: { code: string } }>('/districts/:code', async (request, reply) => {
    const { unit, region } = await openDistrict(org, request.params.code);
    const [neighbourhoods, tree, news] = await Promise.all([
      org.listNeighbourhoods(unit.id).then((ns) => ns.filter(isOpen)),
      org.listTree(),
      publishedNews(newsroom, { districtId: unit.id, limit: DISTRICT_NEWS }),
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

};
