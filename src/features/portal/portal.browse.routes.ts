// Browsing the published news: neighbourhood pages, tags (service areas), the archive by
// Jalali month and the notices. Every list pages with a keyset cursor (?after=).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { notFound } from '../../core/errors.js';
import { formatNumber, formatPeriod, JALALI_MAX_YEAR, JALALI_MIN_YEAR, periodKey, toAsciiDigits, toPersianDigits } from '../../core/persian/index.js';
import { SERVICE_AREA_LABELS, SERVICE_AREAS, type ServiceArea } from '../newsroom/index.js';
import { regionPublicName } from '../org/index.js';
import { openDistrict } from './portal.districts.js';
import {
  absoluteUrl,
  archivePath,
  districtPath,
  feedLinks,
  HTML,
  isOpen,
  neighbourhoodPath,
  placesOf,
  PORTAL_CACHE_CONTROL,
  PRODUCT_NAME,
  publishedNews,
  sendPublic,
  summaryOf,
  tagPath,
  type PortalRoutesOptions,
} from './portal.shared.js';
import { renderPortalArchivePage, type PortalArchiveYear } from './views/archive.page.js';
import { renderPortalListPage } from './views/list.page.js';
import { renderPortalNeighbourhoodPage } from './views/neighbourhood.page.js';
import { renderPortalTagsPage } from './views/tags.page.js';

/** Items per page of a list. */
export const LIST_PAGE = 20;

const UNKNOWN_NEIGHBOURHOOD = 'محله‌ای با این نشانی پیدا نشد.';
const UNKNOWN_TAG = 'موضوعی با این نشانی پیدا نشد.';
const UNKNOWN_MONTH = `چنین ماهی در بایگانی نیست؛ ماه باید بین ۱ و ۱۲ و سال بین ${toPersianDigits(String(JALALI_MIN_YEAR))} و ${toPersianDigits(String(JALALI_MAX_YEAR))} باشد.`;

export function isServiceArea(s: string): s is ServiceArea {
  return (SERVICE_AREAS as readonly string[]).includes(s);
}

/** The keyset cursor of a later page (the newsroom checks its form: a bad one is a 400). */
export function afterOf(request: FastifyRequest): string | null {
  const after = (request.query as Record<string, unknown> | undefined)?.after;
  return typeof after === 'string' && after !== '' ? after : null;
}

const withAfter = (path: string, after: string | null) => (after ? `${path}?after=${encodeURIComponent(after)}` : path);

/** Reads a path number written in ASCII or Persian/Arabic-Indic digits: the value and its canonical text. */
function pathNumber(raw: string, maxDigits: number): number | null {
  const ascii = toAsciiDigits(raw);
  if (!new RegExp(`^[0-9]{1,${maxDigits}}$`).test(ascii)) return null;
  return Number(ascii);
}

export const portalBrowseRoutes: FastifyPluginAsync<PortalRoutesOptions> = async (app, opts) => {
  const { org, newsroom } = opts;
  const abs = absoluteUrl(opts.publicUrl);

  async function siteOf() {
    const tree = await org.listTree();
    return { tree, siteName: tree.region ? regionPublicName(tree.region) : PRODUCT_NAME, places: placesOf(tree) };
  }

  app.get<{ Params: { code: string; ncode: string } }>('/districts/:code/neighbourhoods/:ncode', async (request, reply) => {
    const { unit, region } = await openDistrict(org, request.params.code);
    const ncode = request.params.ncode;
    const n = ncode.length > 32 ? null : await org.getUnitByCode(ncode);
    if (!n || n.kind !== 'neighbourhood' || n.parentId !== unit.id || !isOpen(n)) throw notFound(UNKNOWN_NEIGHBOURHOOD);
    const after = afterOf(request);
    const [{ places }, page] = await Promise.all([siteOf(), publishedNews(newsroom, { neighbourhoodId: n.id, limit: LIST_PAGE, after })]);
    const path = neighbourhoodPath(unit.code, n.code);
    return sendPublic(
      request,
      reply,
      HTML,
      renderPortalNeighbourhoodPage(
        {
          siteName: regionPublicName(region),
          name: n.name,
          district: { name: unit.name, href: districtPath(unit.code) },
          regionName: region.name,
          placementIsSample: n.isSample,
          isLaterPage: after !== null,
          items: page.items.map((i) => summaryOf(i, places)),
          nextHref: page.next ? withAfter(path, page.next) : null,
          firstHref: after ? path : null,
        },
        { links: [{ rel: 'canonical', href: abs(withAfter(path, after)) }] },
      ),
    );
  });

  app.get('/tags', async (request, reply) => {
    const [{ siteName }, counts] = await Promise.all([siteOf(), newsroom.publishedTagCounts()]);
    // Only areas with news: an empty topic is a dead end for a reader.
    const tags = SERVICE_AREAS.filter((a) => counts[a] > 0).map((a) => ({ name: SERVICE_AREA_LABELS[a], href: tagPath(a), count: counts[a] }));
    return sendPublic(
      request,
      reply,
      HTML,
      renderPortalTagsPage(
        { siteName, tags },
        { links: [{ rel: 'canonical', href: abs('/tags') }] },
      ),
    );
  });

  app.get<{ Params: { area: string } }>('/tags/:area', async (request, reply) => {
    const area = request.params.area;
    if (!isServiceArea(area)) throw notFound(UNKNOWN_TAG);
    const after = afterOf(request);
    const [{ siteName, places }, page] = await Promise.all([siteOf(), publishedNews(newsroom, { serviceArea: area, limit: LIST_PAGE, after })]);
    const label = SERVICE_AREA_LABELS[area];
    const path = tagPath(area);
    return sendPublic(
      request,
      reply,
      HTML,
      renderPortalListPage(
        {
          siteName,
          heading: `خبرهای ${label}`,
          crumbs: [{ label: 'صفحهٔ نخست', href: '/' }, { label: 'موضوع‌ها', href: '/tags' }, { label: label }],
          section: '/tags',
          isLaterPage: after !== null,
          items: page.items.map((i) => summaryOf(i, places)),
          emptyText: `هنوز خبری با موضوع «${label}» منتشر نشده است.`,
          nextHref: page.next ? withAfter(path, page.next) : null,
          firstHref: after ? path : null,
          feeds: {
            label: 'خبرخوان این موضوع',
            links: [
              { href: `${path}/feed.xml`, label: 'RSS' },
              { href: `${path}/feed.atom`, label: 'Atom' },
            ],
          },
        },
        {
          links: [
            { rel: 'canonical', href: abs(withAfter(path, after)) },
            ...feedLinks(`خبرهای ${label} — ${siteName}`, `${path}/feed.xml`, `${path}/feed.atom`),
          ],
        },
      ),
    );
  });

  app.get('/archive', async (request, reply) => {
    const [{ siteName }, months] = await Promise.all([siteOf(), newsroom.publishedMonths()]);
    const years: PortalArchiveYear[] = [];
    for (const m of months) {
      let y = years[years.length - 1];
      if (!y || y.year !== m.year) {
        y = { year: m.year, label: toPersianDigits(String(m.year)), months: [] };
        years.push(y);
      }
      y.months.push({ href: archivePath(m.year, m.month), name: formatPeriod({ type: 'month', year: m.year, index: m.month }), count: formatNumber(m.count) });
    }
    return sendPublic(request, reply, HTML, renderPortalArchivePage({ siteName, years }, { links: [{ rel: 'canonical', href: abs('/archive') }] }));
  });

  app.get<{ Params: { year: string; month: string } }>('/archive/:year/:month', async (request, reply) => {
    const year = pathNumber(request.params.year, 4);
    const month = pathNumber(request.params.month, 2);
    if (year === null || month === null || year < JALALI_MIN_YEAR || year > JALALI_MAX_YEAR || month < 1 || month > 12) throw notFound(UNKNOWN_MONTH);
    const path = archivePath(year, month);
    const after = afterOf(request);
    if (request.params.year !== String(year) || request.params.month !== String(month)) {
      // Persian digits or a leading zero: one address per month.
      return reply.header('cache-control', PORTAL_CACHE_CONTROL).redirect(withAfter(path, after), 301);
    }
    const period = { type: 'month' as const, year, index: month };
    const [{ siteName, places }, page] = await Promise.all([siteOf(), publishedNews(newsroom, { month: periodKey(period), limit: LIST_PAGE, after })]);
    const name = formatPeriod(period);
    return sendPublic(
      request,
      reply,
      HTML,
      renderPortalListPage(
        {
          siteName,
          heading: `خبرهای ${name}`,
          crumbs: [{ label: 'صفحهٔ نخست', href: '/' }, { label: 'بایگانی', href: '/archive' }, { label: name }],
          section: '/archive',
          isLaterPage: after !== null,
          items: page.items.map((i) => summaryOf(i, places)),
          emptyText: `در ${name} خبری منتشر نشده است.`,
          nextHref: page.next ? withAfter(path, page.next) : null,
          firstHref: after ? path : null,
        },
        { links: [{ rel: 'canonical', href: abs(withAfter(path, after)) }] },
      ),
    );
  });

  app.get('/notices', async (request, reply) => {
    const after = afterOf(request);
    const [{ siteName, places }, page] = await Promise.all([siteOf(), publishedNews(newsroom, { kind: 'notice', limit: LIST_PAGE, after })]);
    return sendPublic(
      request,
      reply,
      HTML,
      renderPortalListPage(
        {
          siteName,
          heading: 'اطلاعیه‌ها',
          crumbs: [{ label: 'صفحهٔ نخست', href: '/' }, { label: 'اطلاعیه‌ها' }],
          section: '/notices',
          intro: 'اطلاعیه‌های شهرداری دربارهٔ کارهای عمرانی، تغییر مسیرها، برنامه‌ها و خدمات؛ تازه‌ترین در بالا.',
          isLaterPage: after !== null,
          items: page.items.map((i) => summaryOf(i, places)),
          emptyText: 'هنوز اطلاعیه‌ای منتشر نشده است.',
          nextHref: page.next ? withAfter('/notices', page.next) : null,
          firstHref: after ? '/notices' : null,
        },
        { links: [{ rel: 'canonical', href: abs(withAfter('/notices', after)) }] },
      ),
    );
  });
};
