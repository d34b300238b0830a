// The public news pages, feeds and sitemaps through HTTP, with items written and
// published through the newsroom service (a draft must never show).
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import { createUserWithRole } from '../../../test/helpers/login.js';
import { systemClock } from '../../core/clock.js';
import { periodKey, periodOf } from '../../core/persian/index.js';
import { createNewsroomService, type NewsActor, type NewsInput, type NewsItem, type NewsroomService } from '../newsroom/index.js';
import { createOrgService, type OrgUnit } from '../org/index.js';

const orgActor = { userId: null, label: 'test' };

let app: FastifyInstance;
let svc: NewsroomService;
let d3: OrgUnit;
let d1: OrgUnit;
let reporter: NewsActor;
let editor: NewsActor;
let published: NewsItem;
let escaped: NewsItem;

function input(d: OrgUnit, over: Partial<NewsInput> = {}): NewsInput {
  return {
    kind: 'news',
    overline: 'در ناحیهٔ ۳',
    headline: 'بازگشایی بوستان محله با حضور شهردار منطقه',
    lead: 'بوستان محلهٔ وردآورد پس از بازسازی امروز بازگشایی شد.',
    body: '<p>بوستان وردآورد با ۱۲ هزار مترمربع فضای سبز بازگشایی شد.</p>',
    sourceLine: 'به نقل از روابط عمومی ناحیهٔ ۳',
    orgUnitId: String(d.id),
    serviceAreas: ['green_space'],
    ...over,
  };
}

async function publish(d: OrgUnit, over: Partial<NewsInput> = {}): Promise<NewsItem> {
  let item = await svc.createDraft(reporter, input(d, over));
  item = await svc.act(reporter, item.id, 'submit', { expectedVersion: item.version });
  item = await svc.act(editor, item.id, 'approve', { expectedVersion: item.version });
  return svc.act(editor, item.id, 'publish', { expectedVersion: item.version });
}

function toActor(user: { id: number; username: string; memberships: NewsActor['memberships'] }): NewsActor {
  return { id: user.id, username: user.username, memberships: user.memberships };
}

beforeAll(async () => {
  const built = await buildTestApp({ env: { PUBLIC_URL: 'https://shahr.example' } });
  app = built.app;
  const db = built.database;
  const org = createOrgService({ db: db.db, clock: systemClock });
  const region = await org.createUnit({ kind: 'region', code: 'R21', name: 'منطقه ۲۱' }, orgActor);
  d1 = await org.createUnit({ kind: 'district', code: 'R21-D1', name: 'ناحیه ۱' }, orgActor);
  d3 = await org.createUnit({ kind: 'district', code: 'R21-D3', name: 'ناحیه ۳' }, orgActor);
  svc = createNewsroomService({ db: db.db, clock: systemClock, org });
  reporter = toActor((await createUserWithRole(db, 'reporter', { orgUnitId: region.id })).user);
  editor = toActor((await createUserWithRole(db, 'pr_editor', { orgUnitId: region.id })).user);
  published = await publish(d3);
  escaped = await publish(d1, { headline: 'نشست <شورا> & «شهروندان» درباره پسماند', lead: 'لید با <b>نشانه</b> & علامت.' });
  await svc.createDraft(reporter, input(d3, { headline: 'پیش‌نویسی که نباید دیده شود' }));
}, 60_000);

describe('public news', () => {
  it('lists published news on the home page and never a draft', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="/news/${encodeURIComponent(published.slug!)}"`);
    expect(res.body).toContain('بازگشایی بوستان محله با حضور شهردار منطقه');
    expect(res.body).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[^"]+">[^<]+<\/time>/);
    expect(res.body).not.toContain('پیش‌نویسی که نباید دیده شود');
    expect(res.body).not.toContain('هنوز خبری منتشر نشده است');
    // Preact escapes < and & in text (a bare > is harmless there).
    expect(res.body).toContain('نشست &lt;شورا> &amp; «شهروندان»');
    expect(res.body).not.toContain('<شورا>');
    expect(res.body).toContain('rel="alternate" type="application/rss+xml" href="/feed.xml"');
  });

  it('shows a district its own news only', async () => {
    const res = await app.inject({ method: 'GET', url: '/districts/R21-D3' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('بازگشایی بوستان محله');
    expect(res.body).not.toContain('نشست &lt;شورا>');
    expect(res.body).toContain('href="/districts/R21-D3/feed.xml"');
  });

  it('renders a news page with canonical, Open Graph and JSON-LD, and answers 304 to its ETag', async () => {
    const url = `/news/${encodeURIComponent(published.slug!)}`;
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=30');
    expect(res.headers['set-cookie']).toBeUndefined();
    const etag = String(res.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(res.body).toContain('<h1 dir="auto">بازگشایی بوستان محله با حضور شهردار منطقه</h1>');
    expect(res.body).toContain('<p>بوستان وردآورد با ۱۲ هزار مترمربع فضای سبز بازگشایی شد.</p>');
    expect(res.body).toContain('فضای سبز و بوستان‌ها');
    expect(res.body).toContain(`<link rel="canonical" href="https://shahr.example${url}"`);
    expect(res.body).toContain('property="og:title" content="بازگشایی بوستان محله با حضور شهردار منطقه"');
    const ld = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(res.body)?.[1];
    expect(ld).toBeDefined();
    const data = JSON.parse(ld!) as Record<string, unknown>;
    expect(data['@type']).toBe('NewsArticle');
    expect(data.headline).toBe(published.headline);
    expect(data.url).toBe(`https://shahr.example${url}`);
    // The JSON-LD is in the head, before </head>.
    expect(res.body.indexOf('application/ld+json')).toBeLessThan(res.body.indexOf('</head>'));

    const again = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
  });

  it('escapes < in JSON-LD so a headline cannot close the script', async () => {
    const res = await app.inject({ method: 'GET', url: `/news/${encodeURIComponent(escaped.slug!)}` });
    expect(res.statusCode).toBe(200);
    const ld = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(res.body)![1]!;
    expect(ld).not.toContain('<');
    expect(ld).toContain('\\u003cشورا>');
    expect((JSON.parse(ld) as { headline: string }).headline).toBe(escaped.headline);
  });

  it('answers 404 in Persian for an unknown slug and for a draft', async () => {
    for (const url of ['/news/خبر-ناموجود', `/news/${encodeURIComponent('خبر ناموجود')}`, '/news/x']) {
      const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toMatch(/پیدا نشد/);
    }
  });

  it('serves RSS and Atom with escaped Persian titles and absolute links', async () => {
    const rss = await app.inject({ method: 'GET', url: '/feed.xml' });
    expect(rss.statusCode).toBe(200);
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    expect(rss.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(rss.body).toMatch(/<rss version="2\.0"[^>]*><channel>[\s\S]*<\/channel><\/rss>\s*$/);
    expect(rss.body).toContain(`<link>https://shahr.example/news/${encodeURIComponent(published.slug!)}</link>`);
    expect(rss.body).toContain('<title>نشست &lt;شورا&gt; &amp; «شهروندان» درباره پسماند</title>');
    expect(rss.body).not.toContain('<شورا>');
    expect(rss.body).not.toContain('پیش‌نویسی');
    expect(rss.body.match(/<item>/g)).toHaveLength(2);
    expect(rss.body.match(/<\/item>/g)).toHaveLength(2);

    const atom = await app.inject({ method: 'GET', url: '/feed.atom' });
    expect(atom.statusCode).toBe(200);
    expect(atom.headers['content-type']).toContain('application/atom+xml');
    expect(atom.body).toMatch(/<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"[^>]*>[\s\S]*<\/feed>\s*$/);
    expect(atom.body.match(/<entry>/g)).toHaveLength(2);
    expect(atom.body).toContain('<title>نشست &lt;شورا&gt; &amp; «شهروندان» درباره پسماند</title>');

    const district = await app.inject({ method: 'GET', url: '/districts/R21-D1/feed.xml' });
    expect(district.statusCode).toBe(200);
    expect(district.body.match(/<item>/g)).toHaveLength(1);
    expect(district.body).toContain('&lt;شورا&gt;');
    expect((await app.inject({ method: 'GET', url: '/districts/R21-D7/feed.xml' })).statusCode).toBe(404);
  });

  it('lists home, districts and news pages in the sitemaps', async () => {
    const res = await app.inject({ method: 'GET', url: '/sitemap.xml' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<loc>https://shahr.example/</loc>');
    expect(res.body).toContain('<loc>https://shahr.example/districts/R21-D3</loc>');
    expect(res.body).toContain(`<loc>https://shahr.example/news/${encodeURIComponent(published.slug!)}</loc>`);
    // The two published items; the rest are the browse pages (tags, archive months, notices, neighbourhoods).
    expect(res.body.match(/<loc>https:\/\/shahr\.example\/news\//g)).toHaveLength(2);
    expect(res.body).toContain('<loc>https://shahr.example/notices</loc>');
    expect(res.body).toContain('<loc>https://shahr.example/tags</loc>');

    const news = await app.inject({ method: 'GET', url: '/news-sitemap.xml' });
    expect(news.statusCode).toBe(200);
    expect(news.body).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
    expect(news.body).toContain('<news:language>fa</news:language>');
    expect(news.body).toContain(`<news:title>${published.headline}</news:title>`);
    expect(news.body.match(/<news:news>/g)).toHaveLength(2);
  });

  it('shows a correction note once the desk corrects a published item', async () => {
    const item = await svc.act(editor, published.id, 'correct', { expectedVersion: published.version, note: 'مساحت بوستان ۱۰ هزار مترمربع است.' });
    expect(item.state).toBe('published');
    const res = await app.inject({ method: 'GET', url: `/news/${encodeURIComponent(published.slug!)}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<strong>اصلاحیه</strong>');
    expect(res.body).toContain('مساحت بوستان ۱۰ هزار مترمربع است.');
  });

  it('lists published items by district, service area and Jalali month, in keyset pages', async () => {
    const month = periodKey(periodOf(published.publishedAt!, 'month'));
    expect((await svc.listPublished({ month })).items.map((i) => i.id)).toEqual([escaped.id, published.id]);
    expect((await svc.listPublished({ month: '1390M01' })).items).toEqual([]);
    await expect(svc.listPublished({ month: 'نه' })).rejects.toThrow();
    expect((await svc.listPublished({ districtId: d1.id })).items.map((i) => i.id)).toEqual([escaped.id]);
    expect((await svc.listPublished({ serviceArea: 'waste' })).items).toEqual([]);
    const first = await svc.listPublished({ limit: 1 });
    expect(first.items.map((i) => i.id)).toEqual([escaped.id]);
    const second = await svc.listPublished({ limit: 1, after: first.next });
    expect(second.items.map((i) => i.id)).toEqual([published.id]);
    expect(await svc.getPublishedBySlug(published.slug!)).toMatchObject({ id: published.id });
    expect(await svc.getPublishedBySlug('پیش‌نویسی-که-نباید-دیده-شود')).toBeNull();
  });
});
