// The portal's feeds and sitemaps keep the MUST rules of their formats (RSS 2.0, Atom
// RFC 4287, sitemaps.org, Google News sitemaps — checkers in helpers/feed-rules.ts), are
// well-formed, carry the right Content-Type, and a headline with markup characters and
// Persian text comes back exactly after escaping. The checkers are themselves shown to
// reject documents that break each rule.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers/build-app.js';
import {
  checkAtom,
  checkNewsSitemap,
  checkRss,
  checkSitemap,
  checkWellFormed,
  isRfc3339DateTime,
  isRfc822Date,
  isW3cDatetime,
  locsOf,
  titlesOf,
} from './helpers/feed-rules.js';
import { MARKUP_HEADLINE, seedPortalContent, type PortalContent } from './helpers/portal-content.js';

const BASE = 'https://shahr.example';
const HOST = 'shahr.example';

let content: PortalContent;
const dataDir = mkdtempSync(path.join(tmpdir(), 'shahrnama-feeds-'));
// Built before the tests are declared, so feeds that other work adds get a test once they exist.
const { app, database } = await buildTestApp({ env: { PUBLIC_URL: BASE, DATA_DIR: dataDir } });

/** Feeds added alongside the main ones: each is checked once its route exists. Extend as feeds land. */
const OPTIONAL_FEEDS: Array<{ route: string; url: string; format: 'rss' | 'atom'; titles: (c: PortalContent) => string[] }> = [
  { route: '/districts/:code/feed.atom', url: '/districts/R21-D3/feed.atom', format: 'atom', titles: (c) => [c.news.headline] },
  { route: '/tags/:area/feed.xml', url: '/tags/green_space/feed.xml', format: 'rss', titles: (c) => [c.news.headline] },
  { route: '/tags/:area/feed.atom', url: '/tags/green_space/feed.atom', format: 'atom', titles: (c) => [c.news.headline] },
];
const optionalFeeds = OPTIONAL_FEEDS.filter((f) => app.hasRoute({ method: 'GET', url: f.route }));
const newsLoc = (slug: string) => `${BASE}/news/${encodeURIComponent(slug)}`;

async function fetchXml(url: string) {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode, url).toBe(200);
  return { body: res.body, type: String(res.headers['content-type']) };
}

describe('feeds and sitemaps keep their formats', () => {
  beforeAll(async () => {
    content = await seedPortalContent(database, dataDir);
  }, 120_000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('the markup headline still holds &, < and " after the newsroom saved it', () => {
    expect(content.markupNews.headline).toBe(MARKUP_HEADLINE);
    expect(content.markupNews.headline).toMatch(/&.*<|<.*&/);
    expect(content.markupNews.headline).toContain('"');
  });

  it('/feed.xml is RSS 2.0 with every published item and the escaped headline intact', async () => {
    const { body, type } = await fetchXml('/feed.xml');
    expect(type).toMatch(/^application\/rss\+xml; ?charset=utf-8$/i);
    expect(checkRss(body, { selfUrl: `${BASE}/feed.xml` })).toEqual([]);
    const titles = titlesOf(body);
    expect(titles).toHaveLength(3);
    expect(titles).toContain(MARKUP_HEADLINE);
    expect(titles).toContain(content.news.headline);
    expect(body).not.toContain('<شورا>');
    expect(body).toContain('&lt;شورا');
    expect(body).toContain(`<link>${newsLoc(content.news.slug!)}</link>`);
  });

  it('/feed.atom is Atom (RFC 4287) with the escaped headline intact', async () => {
    const { body, type } = await fetchXml('/feed.atom');
    expect(type).toMatch(/^application\/atom\+xml; ?charset=utf-8$/i);
    expect(checkAtom(body)).toEqual([]);
    const titles = titlesOf(body);
    expect(titles).toHaveLength(3);
    expect(titles).toContain(MARKUP_HEADLINE);
    expect(body).not.toContain('<شورا>');
  });

  it('a district feed is RSS 2.0 with that district’s items only', async () => {
    const { body, type } = await fetchXml('/districts/R21-D3/feed.xml');
    expect(type).toMatch(/^application\/rss\+xml; ?charset=utf-8$/i);
    expect(checkRss(body, { selfUrl: `${BASE}/districts/R21-D3/feed.xml` })).toEqual([]);
    expect(titlesOf(body)).toEqual([content.news.headline]);
  });

  it.each(optionalFeeds.map((f) => [f.url, f] as const))('%s keeps its format', async (url, feed) => {
    const { body, type } = await fetchXml(url);
    if (feed.format === 'rss') {
      expect(type).toMatch(/^application\/rss\+xml; ?charset=utf-8$/i);
      expect(checkRss(body, { selfUrl: `${BASE}${url}` })).toEqual([]);
    } else {
      expect(type).toMatch(/^application\/atom\+xml; ?charset=utf-8$/i);
      expect(checkAtom(body)).toEqual([]);
    }
    expect(titlesOf(body).sort()).toEqual(feed.titles(content).sort());
  });

  it('/sitemap.xml follows the sitemaps.org protocol and lists the home, districts and every published item', async () => {
    const { body, type } = await fetchXml('/sitemap.xml');
    expect(type).toMatch(/^(application|text)\/xml; ?charset=utf-8$/i);
    expect(checkSitemap(body, { host: HOST })).toEqual([]);
    const locs = locsOf(body);
    for (const loc of [`${BASE}/`, `${BASE}/districts/R21-D1`, `${BASE}/districts/R21-D3`, ...[content.news, content.markupNews, content.olderNews].map((n) => newsLoc(n.slug!))]) {
      expect(locs, loc).toContain(loc);
    }
  });

  it('every page /sitemap.xml lists answers 200', async () => {
    const { body } = await fetchXml('/sitemap.xml');
    for (const loc of locsOf(body)) {
      const url = new URL(loc);
      const res = await app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: { accept: 'text/html' } });
      expect(res.statusCode, loc).toBe(200);
    }
  });

  it('/news-sitemap.xml is a Google News sitemap of the last two days only, with the escaped headline intact', async () => {
    const { body, type } = await fetchXml('/news-sitemap.xml');
    expect(type).toMatch(/^(application|text)\/xml; ?charset=utf-8$/i);
    expect(checkNewsSitemap(body, { host: HOST, now: new Date() })).toEqual([]);
    const locs = locsOf(body);
    expect(locs).toContain(newsLoc(content.news.slug!));
    expect(locs).toContain(newsLoc(content.markupNews.slug!));
    expect(locs).not.toContain(newsLoc(content.olderNews.slug!));
    expect(titlesOf(body)).toContain(MARKUP_HEADLINE);
    expect(body).not.toContain('<شورا>');
  });
});

// ---------------------------------------------------------------- the checkers catch what they should

const RSS_OK = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>خبرها</title><link>https://x.example/</link><description>تازه‌ها</description>
<atom:link href="https://x.example/feed.xml" rel="self" type="application/rss+xml"/>
<item><title>الف &amp; ب</title><link>https://x.example/news/a</link><guid>https://x.example/news/a</guid><pubDate>Sun, 29 Nov 2026 19:47:55 GMT</pubDate></item>
</channel></rss>`;

const ATOM_OK = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>https://x.example/feed.atom</id><title>خبرها</title><updated>2026-11-29T19:47:55.000Z</updated><author><name>روابط عمومی</name></author>
<entry><id>https://x.example/news/a</id><title>الف</title><updated>2026-11-29T19:47:55Z</updated><link rel="alternate" href="https://x.example/news/a"/></entry>
</feed>`;

const SITEMAP_OK = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/</loc></url><url><loc>https://x.example/news/a?x=1&amp;y=2</loc><lastmod>2026-11-29T19:47:55+03:30</lastmod></url></urlset>`;

const newsSitemap = (date: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://x.example/news/a</loc><news:news><news:publication><news:name>شهرنما</news:name><news:language>fa</news:language></news:publication><news:publication_date>${date}</news:publication_date>${extra}</news:news></url></urlset>`;

describe('the format checkers', () => {
  const now = new Date('2026-11-29T20:00:00Z');

  it('accept documents that keep the rules', () => {
    expect(checkRss(RSS_OK, { selfUrl: 'https://x.example/feed.xml' })).toEqual([]);
    expect(checkAtom(ATOM_OK)).toEqual([]);
    expect(checkSitemap(SITEMAP_OK, { host: 'x.example' })).toEqual([]);
    expect(checkNewsSitemap(newsSitemap('2026-11-29T10:00:00Z', '<news:title>الف</news:title>'), { host: 'x.example', now })).toEqual([]);
  });

  it('reject XML that is not well-formed (a bare &)', () => {
    expect(checkWellFormed('<r>الف & ب</r>')).toHaveLength(1);
    expect(checkRss(RSS_OK.replace('الف &amp; ب', 'الف & ب'))[0]).toMatch(/not well-formed/);
  });

  it('reject RSS that breaks a rule', () => {
    const bad = (from: string, to: string) => checkRss(RSS_OK.replace(from, to)).join('\n');
    expect(bad('version="2.0"', 'version="0.91"')).toMatch(/version/);
    expect(bad('<description>تازه‌ها</description>', '')).toMatch(/<description>/);
    expect(bad('<link>https://x.example/news/a</link>', '<link>/news/a</link>')).toMatch(/absolute URL/);
    expect(bad('Sun, 29 Nov 2026 19:47:55 GMT', '2026-11-29T19:47:55Z')).toMatch(/RFC 822/);
    expect(checkRss(RSS_OK.replace(/<atom:link[^>]*\/>/, '')).join('\n')).toMatch(/rel="self"/);
    expect(checkRss(RSS_OK, { selfUrl: 'https://x.example/other.xml' }).join('\n')).toMatch(/the feed is at/);
  });

  it('accept an RSS item with a description only, reject one with neither title nor description', () => {
    expect(checkRss(RSS_OK.replace('<title>الف &amp; ب</title>', '<description>فقط شرح</description>'))).toEqual([]);
    expect(checkRss(RSS_OK.replace('<title>الف &amp; ب</title>', '')).join('\n')).toMatch(/neither <title> nor <description>/);
  });

  it('reject Atom that breaks a rule', () => {
    const bad = (from: string | RegExp, to: string) => checkAtom(ATOM_OK.replace(from, to)).join('\n');
    expect(bad('<updated>2026-11-29T19:47:55.000Z</updated>', '')).toMatch(/the feed has 0 <updated>/);
    expect(bad('<author><name>روابط عمومی</name></author>', '')).toMatch(/no author/);
    expect(bad('2026-11-29T19:47:55Z', 'Sun, 29 Nov 2026 19:47:55 GMT')).toMatch(/RFC 3339/);
    expect(bad('<id>https://x.example/news/a</id>', '<id>news a</id>')).toMatch(/IRI/);
    expect(bad('<link rel="alternate" href="https://x.example/news/a"/>', '')).toMatch(/neither a rel="alternate" link nor <content>/);
    expect(bad('xmlns="http://www.w3.org/2005/Atom"', 'xmlns="http://purl.org/atom/ns#"')).toMatch(/namespace/);
  });

  it('reject sitemaps that break a rule', () => {
    const bad = (from: string, to: string) => checkSitemap(SITEMAP_OK.replace(from, to), { host: 'x.example' }).join('\n');
    expect(bad('http://www.sitemaps.org/schemas/sitemap/0.9', 'http://www.google.com/schemas/sitemap/0.84')).toMatch(/namespace/);
    expect(bad('<loc>https://x.example/</loc>', '<loc>/</loc>')).toMatch(/absolute URL/);
    expect(bad('<loc>https://x.example/</loc>', '<loc>https://other.example/</loc>')).toMatch(/not x\.example/);
    expect(bad('<loc>https://x.example/</loc>', `<loc>https://x.example/${'a'.repeat(2048)}</loc>`)).toMatch(/2,048/);
    expect(bad('2026-11-29T19:47:55+03:30', '1405/09/08')).toMatch(/W3C Datetime/);
    const many = SITEMAP_OK.replace('<url><loc>https://x.example/</loc></url>', Array.from({ length: 50_001 }, (_, i) => `<url><loc>https://x.example/${i}</loc></url>`).join(''));
    expect(checkSitemap(many, { host: 'x.example' }).join('\n')).toMatch(/more than 50000/);
  });

  it('reject a Google News sitemap entry older than two days or missing its title', () => {
    const title = '<news:title>الف</news:title>';
    expect(checkNewsSitemap(newsSitemap('2026-11-26T10:00:00Z', title), { host: 'x.example', now }).join('\n')).toMatch(/more than two days ago/);
    expect(checkNewsSitemap(newsSitemap('2026-11-29T10:00:00Z'), { host: 'x.example', now }).join('\n')).toMatch(/news:title/);
    expect(checkNewsSitemap(newsSitemap('2026-11-29T10:00:00Z', title).replace('<news:language>fa</news:language>', ''), { host: 'x.example', now }).join('\n')).toMatch(/news:language/);
    expect(checkNewsSitemap(newsSitemap('2026-11-29T10:00:00Z', title).replace(' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"', ' xmlns:news="urn:x"'), { host: 'x.example', now }).join('\n')).toMatch(/not declared/);
  });

  it('tell real dates from lookalikes', () => {
    expect(isRfc822Date('Sun, 29 Nov 2026 19:47:55 GMT')).toBe(true);
    expect(isRfc822Date('29 Nov 26 19:47 +0330')).toBe(true);
    expect(isRfc822Date('Mon, 29 Nov 2026 19:47:55 GMT')).toBe(false); // 29 Nov 2026 is a Sunday
    expect(isRfc822Date('Sun, 31 Nov 2026 19:47:55 GMT')).toBe(false);
    expect(isRfc822Date('Sun, 29 November 2026 19:47:55 GMT')).toBe(false);
    expect(isRfc3339DateTime('2026-11-29T19:47:55.123+03:30')).toBe(true);
    expect(isRfc3339DateTime('2026-11-29t19:47:55z')).toBe(false);
    expect(isRfc3339DateTime('2026-02-30T00:00:00Z')).toBe(false);
    expect(isRfc3339DateTime('2026-11-29 19:47:55Z')).toBe(false);
    expect(isW3cDatetime('2026')).toBe(true);
    expect(isW3cDatetime('2026-11-29')).toBe(true);
    expect(isW3cDatetime('2026-11-29T19:47+03:30')).toBe(true);
    expect(isW3cDatetime('2026-11-29T19:47')).toBe(false);
    expect(isW3cDatetime('2026-13-01')).toBe(false);
  });
});
