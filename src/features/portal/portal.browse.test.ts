// The browse pages through HTTP: home sections, districts and neighbourhoods, tags and
// their feeds, the archive by Jalali month, notices and the sitemap. Items are written and
// published through the newsroom service; a draft must never show.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import { createUserWithRole } from '../../../test/helpers/login.js';
import { systemClock } from '../../core/clock.js';
import type { Db } from '../../core/db/index.js';
import { formatPeriod, jalaliToDate, periodOf } from '../../core/persian/index.js';
import { createNewsroomService, type NewsActor, type NewsInput, type NewsItem, type NewsroomService } from '../newsroom/index.js';
import { createOrgService, type OrgUnit } from '../org/index.js';
import { PORTAL_CACHE_CONTROL } from './portal.shared.js';
import { textOf } from '../../ui/testing/html.js';

const orgActor = { userId: null, label: 'test' };
const ORIGIN = 'https://shahr.example';

let app: FastifyInstance;
let db: Db;
let svc: NewsroomService;
let d1: OrgUnit;
let d3: OrgUnit;
let vardavard: OrgUnit;
let villa: OrgUnit;
let reporter: NewsActor;
let editor: NewsActor;
/** d3, neighbourhood وردآورد, green space. */
let park: NewsItem;
/** d1, a notice about waste. */
let notice: NewsItem;
/** d3, no neighbourhood, waste and streets. */
let asphalt: NewsItem;
/** Published, then moved to Farvardin 1404 (the archive's older month). */
let old: NewsItem;
const sport: NewsItem[] = [];

function input(d: OrgUnit, over: Partial<NewsInput> = {}): NewsInput {
  return {
    kind: 'news',
    headline: 'خبر آزمایشی',
    lead: 'لید خبر آزمایشی.',
    body: '<p>متن خبر.</p>',
    orgUnitId: String(d.id),
    serviceAreas: [],
    ...over,
  };
}

async function publish(d: OrgUnit, over: Partial<NewsInput> = {}): Promise<NewsItem> {
  let item = await svc.createDraft(reporter, input(d, over));
  item = await svc.act(reporter, item.id, 'submit', { expectedVersion: item.version });
  item = await svc.act(editor, item.id, 'approve', { expectedVersion: item.version });
  return svc.act(editor, item.id, 'publish', { expectedVersion: item.version });
}

const href = (i: NewsItem) => `href="/news/${encodeURIComponent(i.slug!)}"`;
const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });

beforeAll(async () => {
  const built = await buildTestApp({ env: { PUBLIC_URL: ORIGIN } });
  app = built.app;
  db = built.database.db;
  const org = createOrgService({ db, clock: systemClock });
  const region = await org.createUnit({ kind: 'region', code: 'R21', name: 'منطقه ۲۱' }, orgActor);
  d1 = await org.createUnit({ kind: 'district', code: 'R21-D1', name: 'ناحیه ۱' }, orgActor);
  d3 = await org.createUnit({ kind: 'district', code: 'R21-D3', name: 'ناحیه ۳' }, orgActor);
  await org.createUnit({ kind: 'neighbourhood', parentId: d1.id, code: 'R21-N10', name: 'شهرک آزادی', isSample: true }, orgActor);
  vardavard = await org.createUnit({ kind: 'neighbourhood', parentId: d3.id, code: 'R21-N30', name: 'وردآورد', isSample: true }, orgActor);
  villa = await org.createUnit({ kind: 'neighbourhood', parentId: d3.id, code: 'R21-N31', name: 'ویلاشهر', isSample: true }, orgActor);
  await org.createUnit(
    { kind: 'neighbourhood', parentId: d3.id, code: 'R21-N39', name: 'محلهٔ منحل', isSample: true, openedOn: '1383/01/01', closedOn: '1390/01/01' },
    orgActor,
  );
  const closed = await org.createUnit({ kind: 'district', code: 'R21-D9', name: 'ناحیهٔ منحل', openedOn: '1383/01/01', closedOn: '1390/01/01' }, orgActor);
  await org.createUnit({ kind: 'neighbourhood', parentId: closed.id, code: 'R21-N90', name: 'محلهٔ ناحیهٔ منحل' }, orgActor);
  svc = createNewsroomService({ db, clock: systemClock, org });
  reporter = (await createUserWithRole(built.database, 'reporter', { orgUnitId: region.id })).user;
  editor = (await createUserWithRole(built.database, 'pr_editor', { orgUnitId: region.id })).user;

  old = await publish(d1, { headline: 'خبر قدیمی فروردین', serviceAreas: ['culture_social'] });
  await db.execute(sql`update news_items set published_at = ${jalaliToDate({ jy: 1404, jm: 1, jd: 15 }, 10).toISOString()}::timestamptz where id = ${old.id}`);
  for (let k = 1; k <= 21; k++) sport.push(await publish(d1, { headline: `مسابقهٔ ورزشی شمارهٔ ${k}`, serviceAreas: ['sport'] }));
  park = await publish(d3, { headline: 'بازگشایی بوستان وردآورد', neighbourhoodId: String(vardavard.id), serviceAreas: ['green_space'] });
  notice = await publish(d1, { kind: 'notice', headline: 'اطلاعیهٔ جمع‌آوری پسماند', serviceAreas: ['waste'] });
  asphalt = await publish(d3, { headline: 'آسفالت خیابان اصلی', serviceAreas: ['waste', 'streets'] });
  await svc.createDraft(reporter, input(d3, { kind: 'notice', headline: 'پیش‌نویسی که نباید دیده شود', neighbourhoodId: String(vardavard.id), serviceAreas: ['waste'] }));
  // An editor featured the park (the editor's action belongs to the news page's work).
  await db.execute(sql`update news_items set featured_at = now() where id = ${park.id}`);
}, 120_000);

describe('home page', () => {
  it('shows featured, latest and per-district news, tags and the main sections, never a draft', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    const body = res.body;
    const featured = body.slice(body.indexOf('خبرهای برگزیده'), body.indexOf('تازه‌ترین خبرها'));
    expect(featured).toContain(href(park));
    expect(featured).not.toContain(href(asphalt));
    const latest = body.slice(body.indexOf('id="news-title"'), body.indexOf('id="districts-title"'));
    expect(latest).toContain(href(asphalt));
    expect(latest).toContain(href(notice));
    // The district sections: each district's own items.
    const district3 = body.slice(body.indexOf('id="district-R21-D3"'), body.indexOf('id="tags-title"'));
    expect(district3).toContain(href(asphalt));
    expect(district3).not.toContain(href(notice));
    expect(district3).toContain('href="/districts/R21-D3/neighbourhoods/R21-N30"');
    expect(body).toContain('href="/tags/green_space"');
    expect(body).toContain('فضای سبز و بوستان‌ها');
    for (const nav of ['/notices', '/tags', '/archive']) expect(body).toContain(`class="site-nav__link" href="${nav}"`);
    expect(body).toContain(`<link rel="canonical" href="${ORIGIN}/"`);
    expect(body).not.toContain('پیش‌نویسی که نباید دیده شود');
    expect(body).not.toContain('ناحیهٔ منحل');
    // Nobody has read anything yet.
    expect(body).not.toContain('پربازدیدترین‌های هفته');
  });
});

describe('districts and neighbourhoods', () => {
  it('links a district to its open neighbourhoods and leaves a closed one out', async () => {
    const res = await get('/districts/R21-D3');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/districts/R21-D3/neighbourhoods/R21-N30"');
    expect(res.body).toContain('href="/districts/R21-D3/neighbourhoods/R21-N31"');
    expect(res.body).not.toContain('محلهٔ منحل');
    expect(res.body).toContain('href="/districts/R21-D3/feed.atom"');
    expect(res.body).toContain('class="breadcrumbs"');
  });

  it("pages a district's news", async () => {
    const first = await get('/districts/R21-D1');
    expect(first.statusCode).toBe(200);
    // 21 sport items, the notice and the old item: 20 here, 3 on the next page.
    const next = /<a href="([^"]+)" rel="next">خبرهای قدیمی‌تر<\/a>/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toMatch(/^\/districts\/R21-D1\?after=/);
    const second = await get(next!);
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain(href(old));
    expect(second.body).toContain(href(sport[0]!));
    expect(first.body).not.toContain(href(old));
    expect(second.body).not.toContain(href(notice));
  });

  it('shows a neighbourhood its own published news and the place of its profile', async () => {
    const res = await get('/districts/R21-D3/neighbourhoods/R21-N30');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe(PORTAL_CACHE_CONTROL);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toContain('<h1 dir="auto">محلهٔ وردآورد</h1>');
    expect(res.body).toContain(href(park));
    expect(res.body).not.toContain(href(asphalt));
    expect(res.body).not.toContain('پیش‌نویسی که نباید دیده شود');
    expect(res.body).toContain('نمایهٔ آماری این محله به‌زودی در بانک اطلاعات محله‌ها منتشر می‌شود.');
    expect(res.body).toContain(`<link rel="canonical" href="${ORIGIN}/districts/R21-D3/neighbourhoods/R21-N30"`);
    // Breadcrumbs: home › district › this page.
    expect(res.body).toMatch(/class="breadcrumbs"[\s\S]*href="\/"[\s\S]*href="\/districts\/R21-D3"[\s\S]*محلهٔ وردآورد/);
  });

  it('says so when a neighbourhood has no news yet', async () => {
    const res = await get(`/districts/R21-D3/neighbourhoods/${villa.code}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('هنوز خبری دربارهٔ محلهٔ ویلاشهر منتشر نشده است');
  });

  it('answers 404 in Persian for an unknown, closed or misplaced neighbourhood', async () => {
    const urls = [
      '/districts/R21-D3/neighbourhoods/R21-N99',
      '/districts/R21-D3/neighbourhoods/R21-N39', // closed
      '/districts/R21-D1/neighbourhoods/R21-N30', // another district's
      '/districts/R21-D3/neighbourhoods/R21-D1', // a district
      '/districts/R21-D9/neighbourhoods/R21-N90', // in a closed district
      `/districts/R21-D3/neighbourhoods/${'N'.repeat(40)}`,
    ];
    for (const url of urls) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain('dir="rtl"');
      expect(res.body, url).toMatch(/پیدا نشد/);
    }
  });
});

describe('tags', () => {
  it('lists the tags that have news, with their counts, and leaves out the empty ones', async () => {
    const res = await get('/tags');
    expect(res.statusCode).toBe(200);
    for (const area of ['waste', 'streets', 'green_space', 'sport', 'culture_social']) expect(res.body).toContain(`href="/tags/${area}"`);
    for (const area of ['transport', 'civil_works', 'urban_planning', 'safety', 'health']) expect(res.body).not.toContain(`href="/tags/${area}"`);
    // Two published items are about waste (a notice and the asphalt news); the draft is not counted.
    expect(textOf(res.body)).toContain('پسماند (۲ خبر)');
    expect(textOf(res.body)).toContain('(۲۱ خبر)');
    expect(res.body).toContain('aria-current="page"');
    // An empty tag still has its (empty) page.
    expect((await get('/tags/health')).statusCode).toBe(200);
  });

  it("lists a tag's published news only", async () => {
    const res = await get('/tags/waste');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('خبرهای پسماند');
    expect(res.body).toContain(href(notice));
    expect(res.body).toContain(href(asphalt));
    expect(res.body).not.toContain(href(park));
    expect(res.body).not.toContain('پیش‌نویسی که نباید دیده شود');
    expect(res.body).toContain('href="/tags/waste/feed.xml"');
    expect(res.body).toContain(`<link rel="canonical" href="${ORIGIN}/tags/waste"`);
    expect(res.body).not.toContain('خبرهای قدیمی‌تر');
  });

  it('pages with a keyset cursor, without overlap, and stays light', async () => {
    const first = await get('/tags/sport');
    expect(first.statusCode).toBe(200);
    expect(Buffer.byteLength(first.body)).toBeLessThan(60 * 1024);
    const onFirst = sport.filter((i) => first.body.includes(href(i)));
    expect(onFirst).toHaveLength(20);
    // Newest first: the first one published is the one left for the next page.
    expect(first.body).not.toContain(href(sport[0]!));
    const next = /<a href="([^"]+)" rel="next">خبرهای قدیمی‌تر<\/a>/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toMatch(/^\/tags\/sport\?after=/);
    const second = await get(next!);
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain(href(sport[0]!));
    expect(sport.filter((i) => second.body.includes(href(i)))).toHaveLength(1);
    expect(second.body).not.toContain('rel="next"');
    expect(second.body).toContain('href="/tags/sport">تازه‌ترین خبرها</a>');
    expect(second.body).toContain(`<link rel="canonical" href="${ORIGIN}${next!.replace(/&/g, '&amp;')}"`);
  });

  it('answers a malformed cursor with a Persian 400', async () => {
    const res = await get('/tags/sport?after=%DB%B1%DB%B2');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('dir="rtl"');
  });

  it('answers 404 in Persian for an unknown tag and its feed', async () => {
    for (const url of ['/tags/parks', '/tags/WASTE', '/tags/parks/feed.xml', '/tags/parks/feed.atom']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).toContain('موضوعی با این نشانی پیدا نشد.');
    }
  });

  it("gives a tag its own RSS and Atom feeds with that tag's items only", async () => {
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['item', 'entry', 'category'].includes(name) });
    const rss = await get('/tags/waste/feed.xml');
    expect(rss.statusCode).toBe(200);
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    const channel = parser.parse(rss.body).rss.channel as { title: string; item: Array<{ link: string; category: string[] }> };
    expect(channel.title).toContain('پسماند');
    const links = channel.item.map((i) => i.link).sort();
    expect(links).toEqual([asphalt, notice].map((i) => `${ORIGIN}/news/${encodeURIComponent(i.slug!)}`).sort());
    for (const i of channel.item) expect(i.category).toContain('پسماند');

    const atom = await get('/tags/waste/feed.atom');
    expect(atom.statusCode).toBe(200);
    const feed = parser.parse(atom.body).feed as { entry: Array<{ id: string }> };
    expect(feed.entry.map((e) => e.id).sort()).toEqual(links);

    const district = await get('/districts/R21-D3/feed.atom');
    expect(district.statusCode).toBe(200);
    const d3feed = parser.parse(district.body).feed as { entry: Array<{ id: string }> };
    expect(d3feed.entry.map((e) => e.id).sort()).toEqual([asphalt, park].map((i) => `${ORIGIN}/news/${encodeURIComponent(i.slug!)}`).sort());
  });
});

describe('archive', () => {
  it('lists the months with published news, newest first, with counts', async () => {
    const res = await get('/archive');
    expect(res.statusCode).toBe(200);
    const now = periodOf(new Date(), 'month');
    const current = formatPeriod(now);
    expect(res.body).toContain(`href="/archive/${now.year}/${now.index}">${current}</a>`);
    // 24 published this month (21 sport, the park, the notice, the asphalt); one in Farvardin 1404.
    expect(res.body).toContain(`${current}</a> <span class="portal-count">(۲۴ خبر)</span>`);
    expect(res.body).toContain('href="/archive/1404/1">فروردین ۱۴۰۴</a> <span class="portal-count">(۱ خبر)</span>');
    expect(res.body.indexOf(`/archive/${now.year}/${now.index}`)).toBeLessThan(res.body.indexOf('/archive/1404/1'));
    expect(res.body).toContain('سال ۱۴۰۴');
  });

  it("lists a month's news only", async () => {
    const res = await get('/archive/1404/1');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('خبرهای فروردین ۱۴۰۴');
    expect(res.body).toContain(href(old));
    expect(res.body).not.toContain(href(park));
    const now = periodOf(new Date(), 'month');
    const current = await get(`/archive/${now.year}/${now.index}`);
    expect(current.body).toContain(href(park));
    expect(current.body).not.toContain(href(old));
    expect(current.body).toContain('خبرهای قدیمی‌تر');
  });

  it('redirects Persian digits and a leading zero to the ASCII address', async () => {
    for (const url of [`/archive/${encodeURIComponent('۱۴۰۴')}/${encodeURIComponent('۱')}`, '/archive/1404/01', `/archive/1404/${encodeURIComponent('٠١')}`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(301);
      expect(res.headers.location).toBe('/archive/1404/1');
    }
  });

  it('answers 404 in Persian for a month that cannot exist', async () => {
    for (const url of ['/archive/1404/13', '/archive/1404/0', '/archive/1299/5', '/archive/1501/1', '/archive/14040/1', '/archive/abc/1', `/archive/${encodeURIComponent('۱۴۰۴')}/13`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).toContain('چنین ماهی در بایگانی نیست');
    }
  });
});

describe('notices', () => {
  it('lists published notices only, each linking to its page', async () => {
    const res = await get('/notices');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 dir="auto">اطلاعیه‌ها</h1>');
    expect(res.body).toContain(href(notice));
    expect(res.body).not.toContain(href(asphalt));
    expect(res.body).not.toContain('پیش‌نویسی که نباید دیده شود');
    expect(res.body).toContain('aria-current="page">اطلاعیه‌ها</a>');
    const page = await get(`/news/${encodeURIComponent(notice.slug!)}`);
    expect(page.statusCode).toBe(200);
  });

  it('answers its ETag with 304', async () => {
    const res = await get('/notices');
    const again = await get('/notices', { 'if-none-match': String(res.headers.etag) });
    expect(again.statusCode).toBe(304);
  });
});

describe('sitemap', () => {
  it('lists the browse pages', async () => {
    const res = await get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    const now = periodOf(new Date(), 'month');
    for (const path of [
      '/notices',
      '/tags',
      '/tags/waste',
      '/archive',
      '/archive/1404/1',
      `/archive/${now.year}/${now.index}`,
      '/districts/R21-D3/neighbourhoods/R21-N30',
      '/districts/R21-D1/neighbourhoods/R21-N10',
    ]) {
      expect(res.body, path).toContain(`<loc>${ORIGIN}${path}</loc>`);
    }
    expect(res.body).not.toContain('R21-N39');
    expect(res.body).not.toContain('R21-N90');
    // Only tags with news.
    expect(res.body).not.toContain(`<loc>${ORIGIN}/tags/health</loc>`);
  });
});
