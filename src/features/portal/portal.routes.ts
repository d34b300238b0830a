// The public portal (minimal for now): the home page and a page per district. Public,
// cacheable for a short while, no cookies set, nothing but published names shown.
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { notFound } from '../../core/errors.js';
import { formatNumber } from '../../core/persian/index.js';
import { regionPublicName, type OrgService, type OrgUnit } from '../org/index.js';
import { renderPortalHomePage } from './views/home.page.js';
import { renderPortalDistrictPage } from './views/district.page.js';
import type { PortalDistrictView } from './views/portal-view-models.js';

export interface PortalRoutesOptions {
  org: OrgService;
}

/** Until pages are cached and invalidated on publish, a short shared max-age. */
export const PORTAL_CACHE_CONTROL = 'public, max-age=60';

function sendPublicHtml(reply: FastifyReply, html: string): FastifyReply {
  return reply.status(200).type('text/html; charset=utf-8').header('cache-control', PORTAL_CACHE_CONTROL).send(html);
}

function districtView(unit: OrgUnit, neighbourhoods: OrgUnit[]): PortalDistrictView {
  return { code: unit.code, name: unit.name, neighbourhoods: neighbourhoods.map((n) => n.name) };
}

/** Closed units are history, not part of the public map of today. */
const isOpen = (u: OrgUnit) => u.closedOn === null;

export const portalRoutes: FastifyPluginAsync<PortalRoutesOptions> = async (app, opts) => {
  const { org } = opts;

  app.get('/', async (_request, reply) => {
    const tree = await org.listTree();
    if (!tree.region) {
      return sendPublicHtml(reply, renderPortalHomePage({ siteName: 'شهرنما', region: null, districts: [], placementIsSample: false }));
    }
    const districts = tree.districts.filter((d) => isOpen(d.unit));
    const neighbourhoods = districts.flatMap((d) => d.neighbourhoods.filter(isOpen));
    return sendPublicHtml(
      reply,
      renderPortalHomePage({
        siteName: regionPublicName(tree.region),
        region: { name: tree.region.name, area: tree.region.areaHa === null ? null : `${formatNumber(tree.region.areaHa)} هکتار` },
        districts: districts.map((d) => districtView(d.unit, d.neighbourhoods.filter(isOpen))),
        placementIsSample: neighbourhoods.some((n) => n.isSample),
      }),
    );
  });

  app.get<{ Params: { code: string } }>('/districts/:code', async (request, reply) => {
    const code = request.params.code;
    const unknown = 'ناحیه‌ای با این نشانی پیدا نشد.';
    if (code.length > 32) throw notFound(unknown);
    const [unit, region] = await Promise.all([org.getUnitByCode(code), org.getRegion()]);
    if (!unit || unit.kind !== 'district' || !isOpen(unit) || !region) throw notFound(unknown);
    const neighbourhoods = (await org.listNeighbourhoods(unit.id)).filter(isOpen);
    return sendPublicHtml(
      reply,
      renderPortalDistrictPage({
        siteName: regionPublicName(region),
        regionName: region.name,
        district: districtView(unit, neighbourhoods),
        placementIsSample: neighbourhoods.some((n) => n.isSample),
      }),
    );
  });
};
