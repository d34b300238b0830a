// GET /search: the public full-text search (ADR 0003). Server-rendered and complete
// without JavaScript; every filter lives in the URL; bad input is shown on the page with
// the form as typed and a 422 (a bad page number: 400).
import type { FastifyPluginAsync } from 'fastify';
import { addJalaliDays, formatNumber, jalaliToDate, parseInteger, parseJalaliDate, type JalaliDate } from '../../core/persian/index.js';
import { NEWS_KIND_LABELS, NEWS_KINDS, SEARCH_LIMITS, SEARCH_MAX_PAGE, type NewsKind, type PublishedSearchResult } from '../newsroom/index.js';
import { regionPublicName } from '../org/index.js';
import { HTML, isOpen, newsPath, placesOf, PRODUCT_NAME, sendPublic, type PortalRoutesOptions } from './portal.shared.js';
import { renderPortalSearchPage, type PortalSearchField, type PortalSearchForm, type PortalSearchResultView } from './views/search.page.js';

const MSG = {
  tooLong: `عبارت جست‌وجو حداکثر ${formatNumber(SEARCH_LIMITS.maxQueryLength)} نویسه می‌تواند باشد؛ کوتاه‌ترش کنید.`,
  district: 'این ناحیه پیدا نشد؛ یکی از ناحیه‌های فهرست را انتخاب کنید.',
  kind: 'این نوع خبر پیدا نشد؛ یکی از انواع فهرست را انتخاب کنید.',
  range: 'تاریخ «تا» نباید پیش از تاریخ «از» باشد.',
  page: `شمارهٔ صفحه باید عددی بین ۱ و ${formatNumber(SEARCH_MAX_PAGE)} باشد.`,
} as const;

/** One query parameter as a string: a repeated parameter counts by its first value. */
function param(query: unknown, name: string): string {
  const v = (query as Record<string, unknown> | undefined)?.[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s : '';
}

const isKind = (s: string): s is NewsKind => (NEWS_KINDS as readonly string[]).includes(s);

export const portalSearchRoutes: FastifyPluginAsync<PortalRoutesOptions> = async (app, opts) => {
  const { org, newsroom } = opts;

  app.get('/search', async (request, reply) => {
    const form: PortalSearchForm = {
      q: param(request.query, 'q').trim(),
      district: param(request.query, 'district').trim(),
      kind: param(request.query, 'kind').trim(),
      from: param(request.query, 'from').trim(),
      to: param(request.query, 'to').trim(),
    };
    const pageText = param(request.query, 'page').trim();

    const tree = await org.listTree();
    const districts = tree.districts.filter((d) => isOpen(d.unit)).map((d) => d.unit);
    const places = placesOf(tree);
    const errors: Partial<Record<PortalSearchField, string>> = {};

    if (form.q.length > SEARCH_LIMITS.maxQueryLength) errors.q = MSG.tooLong;
    const district = form.district === '' ? null : (districts.find((d) => d.code === form.district) ?? null);
    if (form.district !== '' && district === null) errors.district = MSG.district;
    if (form.kind !== '' && !isKind(form.kind)) errors.kind = MSG.kind;
    const date = (field: 'from' | 'to'): JalaliDate | null => {
      if (form[field] === '') return null;
      const r = parseJalaliDate(form[field]);
      if (!r.ok) {
        errors[field] = r.error;
        return null;
      }
      return r.value;
    };
    const fromDay = date('from');
    const toDay = date('to');
    // A day in Tehran: from its start; «to» includes the whole day.
    const from = fromDay ? jalaliToDate(fromDay) : null;
    const to = toDay ? jalaliToDate(addJalaliDays(toDay, 1)) : null;
    if (from && to && to <= from) errors.to = MSG.range;
    let page = 1;
    let status = 422;
    if (pageText !== '') {
      const p = parseInteger(pageText);
      if (!p.ok || p.value < 1 || p.value > SEARCH_MAX_PAGE) {
        errors.page = MSG.page;
        if (Object.keys(errors).length === 1) status = 400;
      } else page = p.value;
    }

    const siteName = tree.region ? regionPublicName(tree.region) : PRODUCT_NAME;
    const base = {
      siteName,
      form,
      errors,
      districts: districts.map((d) => ({ code: d.code, name: d.name })),
      kinds: NEWS_KINDS.map((k) => ({ value: k, label: NEWS_KIND_LABELS[k] })),
      onlyStopWords: false,
      missingQuery: false,
    };
    if (Object.keys(errors).length > 0) {
      const body = renderPortalSearchPage({ ...base, result: null });
      // Not cached: an error page answers this one request.
      return reply.status(status).header('cache-control', 'no-store').type(HTML).send(body);
    }

    let found: PublishedSearchResult | null = null;
    if (form.q !== '') {
      found = await newsroom.searchPublished({ q: form.q, districtId: district?.id ?? null, kind: isKind(form.kind) ? form.kind : null, from, to, page });
    }
    const hasFilters = form.district !== '' || form.kind !== '' || form.from !== '' || form.to !== '';
    const searched = found !== null && found.query.tsquery !== null;
    const result: PortalSearchResultView | null =
      found === null || !searched
        ? null
        : {
            total: found.total,
            totalIsCapped: found.totalIsCapped,
            page: found.page,
            hasNext: found.hasNext,
            hits: found.hits.map((h) => {
              const place = places.get(h.orgUnitId);
              return {
                href: newsPath(h.slug),
                overline: h.overline,
                headline: h.headline,
                kindLabel: NEWS_KIND_LABELS[h.kind],
                publishedAt: h.publishedAt,
                placeName: place?.name ?? null,
                placeHref: place?.href ?? null,
                snippet: h.snippet,
              };
            }),
            suggestions: found.suggestions.map((s) => ({
              href: newsPath(s.slug),
              headline: s.headline,
              publishedAt: s.publishedAt,
              placeName: places.get(s.orgUnitId)?.name ?? null,
            })),
          };
    const body = renderPortalSearchPage({
      ...base,
      result,
      onlyStopWords: found?.query.onlyStopWords ?? false,
      missingQuery: form.q === '' && hasFilters,
    });
    return sendPublic(request, reply, HTML, body);
  });
};
