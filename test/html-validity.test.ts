// Every kind of page the app renders is valid HTML by the Nu Html Checker: the public
// portal (home, a district, a news page with a photo and an approved comment, and the
// browse and search pages that exist), sign-in, the staff home, the news inbox and form,
// the comment moderation queue and a 404. Pages are fetched with app.inject and checked
// in one run of the checker (its JVM is slow to start).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateToJalali } from '../src/core/persian/index.js';
import { fontPath } from '../src/ui/layouts/document.js';
import { buildTestApp, CookieJar } from './helpers/build-app.js';
import { describeErrors, validateHtml, type HtmlMessage } from './helpers/html-validator.js';
import { createUserWithRole, getPage, loginAs, postForm } from './helpers/login.js';
import { seedPortalContent, type PortalContent } from './helpers/portal-content.js';

interface PageCase {
  name: string;
  /** The route as registered, "METHOD /path" (for pages that may not exist yet). */
  route?: string;
  url: (c: PortalContent) => string;
  /** Posted as a form (urlencoded) instead of a GET: for pages re-rendered with errors. */
  post?: Record<string, string>;
  /** Who asks: nobody (default), the PR editor or an administrator. */
  as?: 'editor' | 'admin';
  status?: number;
}

const newsUrl = (c: PortalContent) => `/news/${encodeURIComponent(c.news.slug!)}`;
const monthOf = (c: PortalContent) => dateToJalali(c.news.publishedAt!);

/** Pages that always exist. */
const PAGES: PageCase[] = [
  { name: 'portal home', url: () => '/' },
  { name: 'district page', url: () => '/districts/R21-D3' },
  { name: 'news page', url: newsUrl },
  { name: 'news page with markup in the headline', url: (c) => `/news/${encodeURIComponent(c.markupNews.slug!)}` },
  { name: 'sign-in page', url: () => '/login' },
  { name: 'staff home', url: () => '/staff', as: 'editor' },
  { name: 'news inbox', url: () => '/staff/news', as: 'editor' },
  { name: 'news form', url: () => '/staff/news/new', as: 'editor' },
  { name: 'news form with errors', url: () => '/staff/news', as: 'editor', post: { kind: 'news', headline: '', lead: '', body: '', intent: 'save' }, status: 422 },
  { name: 'news item (staff)', url: (c) => `/staff/news/${c.news.id}`, as: 'editor' },
  { name: 'comment moderation queue', url: () => '/staff/comments', as: 'editor' },
  { name: 'account page', url: () => '/account', as: 'editor' },
  { name: 'password change page', url: () => '/account/password', as: 'editor' },
  { name: 'signed-out page', url: () => '/signed-out' },
  { name: 'users list', url: () => '/staff/admin/users', as: 'admin' },
  { name: 'new user form', url: () => '/staff/admin/users/new', as: 'admin' },
  { name: 'user detail', url: (c) => `/staff/admin/users/${c.editor.id}`, as: 'admin' },
  { name: 'audit log', url: () => '/staff/admin/audit', as: 'admin' },
  { name: 'organisation', url: () => '/staff/admin/org', as: 'admin' },
  { name: 'organisation unit', url: (c) => `/staff/admin/org/units/${c.districts[2]!.id}`, as: 'admin' },
  { name: 'new organisation unit form', url: () => '/staff/admin/org/units/new', as: 'admin' },
  { name: 'new department form', url: () => '/staff/admin/org/departments/new', as: 'admin' },
  { name: 'design system gallery', url: () => '/staff/design', as: 'admin' },
  { name: '404 page', url: () => '/no-such-page', status: 404 },
  { name: 'portal 404 (unknown news)', url: () => '/news/no-such-item', status: 404 },
];

/**
 * Public pages other work is adding: each is checked once its route exists. Extend this
 * list as pages land.
 */
const OPTIONAL_PAGES: PageCase[] = [
  { name: 'search page', route: 'GET /search', url: () => '/search' },
  { name: 'search results', route: 'GET /search', url: () => `/search?q=${encodeURIComponent('بوستان')}` },
  { name: 'search with no results', route: 'GET /search', url: () => `/search?q=${encodeURIComponent('واژه‌ای-که-نیست')}` },
  { name: 'tag index', route: 'GET /tags', url: () => '/tags' },
  { name: 'tag page', route: 'GET /tags/:area', url: () => '/tags/green_space' },
  { name: 'archive', route: 'GET /archive', url: () => '/archive' },
  { name: 'archive month', route: 'GET /archive/:year/:month', url: (c) => `/archive/${monthOf(c).jy}/${monthOf(c).jm}` },
  { name: 'notices', route: 'GET /notices', url: () => '/notices' },
  { name: 'neighbourhood page', route: 'GET /districts/:code/neighbourhoods/:ncode', url: () => '/districts/R21-D3/neighbourhoods/R21-N20' },
  { name: 'news page after a comment', route: 'POST /news/:id/comments', url: (c) => `${newsUrl(c)}?comment=received` },
  { name: 'news page after «helpful»', route: 'POST /news/:id/helpful', url: (c) => `${newsUrl(c)}?helpful=thanks` },
  { name: 'district page after a satisfaction answer', route: 'POST /districts/:code/satisfaction', url: () => '/districts/R21-D3?satisfaction=thanks' },
  {
    name: 'satisfaction form with errors',
    route: 'POST /districts/:code/satisfaction',
    url: () => '/districts/R21-D3/satisfaction',
    post: { serviceArea: 'green_space', rating: '۶', text: '' },
    status: 422,
  },
  {
    name: 'news page with comment errors',
    route: 'POST /news/:id/comments',
    url: (c) => `/news/${c.news.id}/comments`,
    post: { name: 'مریم', contact: 'نامعتبر', body: '', website: '' },
    status: 422,
  },
];

// The app is built before the tests are declared, so the optional pages that exist get a test each.
const dataDir = mkdtempSync(path.join(tmpdir(), 'shahrnama-html-'));
const { app, database } = await buildTestApp({ env: { PUBLIC_URL: 'https://shahr.example', DATA_DIR: dataDir } });
function routeExists(appInstance: FastifyInstance, route: string): boolean {
  const [method, url] = route.split(' ') as ['GET' | 'POST', string];
  return appInstance.hasRoute({ method, url });
}
const cases = [...PAGES, ...OPTIONAL_PAGES.filter((p) => routeExists(app, p.route!))];

const SELF_CHECK_BROKEN = 'self-check: broken markup';
const SELF_CHECK_FINE = 'self-check: valid markup';

let content: PortalContent;
const rendered = new Map<string, { status: number; url: string; excerpt: string }>();
let errors = new Map<string, HtmlMessage[]>();

beforeAll(async () => {
  content = await seedPortalContent(database, dataDir);
  const admin = await createUserWithRole(database, 'admin');
  const jars = {
    editor: await loginAs(app, content.editor.username, content.editor.password),
    admin: await loginAs(app, admin.user.username, admin.password),
  };
  const documents = [];
  for (const page of cases) {
    const url = page.url(content);
    const jar = page.as ? jars[page.as] : new CookieJar();
    const res = !page.post
      ? await getPage(app, jar, url)
      : page.as
        ? await postForm(app, jar, url, page.post)
        : await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: new URLSearchParams(page.post).toString() });
    rendered.set(page.name, { status: res.statusCode, url, excerpt: res.body.slice(0, 600) });
    documents.push({ name: page.name, html: res.body });
  }
  // Two known documents in the same run show the checker is not blind.
  documents.push({ name: SELF_CHECK_BROKEN, html: '<!doctype html><html lang="fa"><head><title>x</title></head><body><p><div>x</div></p><img src="a.png"></body></html>' });
  documents.push({ name: SELF_CHECK_FINE, html: '<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>x</title></head><body><main><p>سلام</p></main></body></html>' });
  errors = await validateHtml(documents);
}, 120_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('valid HTML (Nu Html Checker)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (name, page) => {
    const got = rendered.get(name)!;
    expect(got.status, `${got.url} status; the page begins: ${got.excerpt}`).toBe(page.status ?? 200);
    const list = errors.get(name) ?? [];
    expect(list, `${got.url}:\n${describeErrors(list)}`).toEqual([]);
  });

  it('serves the font at the percent-encoded URL the layout preloads', async () => {
    const res = await app.inject({ method: 'GET', url: fontPath });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('font/woff2');
  });

  it('fails with a clear message, not silently, when Java is missing', async () => {
    await expect(validateHtml([{ name: 'x', html: '<!doctype html>' }], { java: '/nonexistent/java' })).rejects.toThrow(/needs Java 17 or newer/);
  });

  it('the checker reports invalid markup and passes valid markup (the helper is not blind)', () => {
    const broken = errors.get(SELF_CHECK_BROKEN)!.map((e) => e.message).join('\n');
    expect(broken).toMatch(/No “p” element in scope/);
    expect(broken).toMatch(/“img” element must have an “alt” attribute/);
    expect(errors.get(SELF_CHECK_FINE)).toEqual([]);
  });
});
