// Citizens' comments on the public news page, through HTTP: the page embeds the comments
// (approved only, as plain text), «was this helpful?», related news and share links; the
// comment form needs no CSRF token from the site itself but refuses cross-site posts; a
// refused comment re-renders the page (422, not cached) with the text kept; abuse is limited.
import type { FastifyInstance } from 'fastify';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type CookieJar } from '../../../test/helpers/build-app.js';
import { createUserWithRole, getPage, loginAs, postForm } from '../../../test/helpers/login.js';
import type { TestDatabase } from '../../../test/helpers/test-db.js';
import { systemClock } from '../../core/clock.js';
import { comments } from '../feedback/feedback.tables.js';
import { COMMENT_RATE, COMMENT_RECEIVED, createFeedbackService, type FeedbackService } from '../feedback/index.js';
import { createNewsroomService, type NewsActor, type NewsInput, type NewsItem, type NewsroomService } from '../newsroom/index.js';
import { createOrgService, type OrgUnit } from '../org/index.js';

const PUBLIC = 'https://shahr.example';
const orgActor = { userId: null, label: 'test' };

let app: FastifyInstance;
let database: TestDatabase;
let svc: NewsroomService;
let feedback: FeedbackService;
let reporter: NewsActor;
let editor: NewsActor;
let reporterJar: CookieJar;
let editorJar: CookieJar;
let d1: OrgUnit;
let d3: OrgUnit;
let item: NewsItem;
const related: NewsItem[] = [];
let unrelated: NewsItem;
let ipSerial = 0;
const nextIp = () => `10.40.${Math.floor(++ipSerial / 200)}.${(ipSerial % 200) + 1}`;

function input(d: OrgUnit, over: Partial<NewsInput> = {}): NewsInput {
  return {
    kind: 'news',
    overline: 'در ناحیهٔ ۳',
    headline: 'پاک‌سازی جوی‌های محلهٔ وردآورد',
    lead: 'جوی‌های محله پیش از بارش‌های پاییزی پاک‌سازی شد.',
    body: '<p>عملیات پاک‌سازی جوی‌ها سه روز طول کشید.</p>',
    sourceLine: 'روابط عمومی ناحیهٔ ۳',
    orgUnitId: String(d.id),
    serviceAreas: ['waste'],
    ...over,
  };
}

async function publish(d: OrgUnit, over: Partial<NewsInput> = {}): Promise<NewsItem> {
  let i = await svc.createDraft(reporter, input(d, over));
  i = await svc.act(reporter, i.id, 'submit', { expectedVersion: i.version });
  i = await svc.act(editor, i.id, 'approve', { expectedVersion: i.version });
  return svc.act(editor, i.id, 'publish', { expectedVersion: i.version });
}

const pagePath = () => `/news/${encodeURIComponent(item.slug!)}`;

/** A browser's post from the news page itself: no cookie, no token, our own Origin. */
function postComment(fields: Record<string, string>, o: { ip?: string; json?: boolean; headers?: Record<string, string> } = {}) {
  return app.inject({
    method: 'POST',
    url: `/news/${item.id}/comments`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: o.json ? 'application/json' : 'text/html',
      'user-agent': 'test-browser',
      origin: PUBLIC,
      'sec-fetch-site': 'same-origin',
      ...o.headers,
    },
    payload: new URLSearchParams(fields).toString(),
    remoteAddress: o.ip ?? nextIp(),
  });
}

const comment = (over: Record<string, string> = {}) => ({ name: 'زهرا کریمی', contact: '', body: 'جوی کوچهٔ ما هنوز پر است.', website: '', ...over });

async function commentCount(): Promise<number> {
  const [row] = await database.db.select({ n: count() }).from(comments);
  return row?.n ?? 0;
}

async function lastComment() {
  const rows = await database.db.select().from(comments).orderBy(comments.id);
  const row = rows.at(-1);
  if (!row) throw new Error('no comment');
  return row;
}

beforeAll(async () => {
  ({ app, database } = await buildTestApp({ env: { PUBLIC_URL: PUBLIC } }));
  const org = createOrgService({ db: database.db, clock: systemClock });
  const region = await org.createUnit({ kind: 'region', code: 'R21', name: 'منطقه ۲۱' }, orgActor);
  d1 = await org.createUnit({ kind: 'district', parentId: region.id, code: 'R21-D1', name: 'ناحیه ۱' }, orgActor);
  d3 = await org.createUnit({ kind: 'district', parentId: region.id, code: 'R21-D3', name: 'ناحیه ۳' }, orgActor);
  svc = createNewsroomService({ db: database.db, clock: systemClock, org });
  feedback = createFeedbackService({ db: database.db, clock: systemClock, salt: 'test-salt' });
  const r = await createUserWithRole(database, 'reporter', { orgUnitId: region.id });
  const e = await createUserWithRole(database, 'pr_editor', { orgUnitId: region.id });
  reporter = { id: r.user.id, username: r.user.username, memberships: r.user.memberships };
  editor = { id: e.user.id, username: e.user.username, memberships: e.user.memberships };
  reporterJar = await loginAs(app, r.user.username, r.password);
  editorJar = await loginAs(app, e.user.username, e.password);
  // Related: same service area elsewhere, or same district with another area; five of them (only four shown).
  related.push(await publish(d1, { headline: 'جمع‌آوری پسماند خشک در ناحیهٔ یک', serviceAreas: ['waste'] }));
  related.push(await publish(d3, { headline: 'آسفالت خیابان اصلی ناحیهٔ سه', serviceAreas: ['streets'] }));
  related.push(await publish(d1, { headline: 'ایستگاه تازهٔ بازیافت', serviceAreas: ['waste', 'health'] }));
  related.push(await publish(d3, { headline: 'کاشت نهال در بوستان ناحیهٔ سه', serviceAreas: ['green_space'] }));
  related.push(await publish(d1, { headline: 'جدیدترین خبر پسماند', serviceAreas: ['waste'] }));
  unrelated = await publish(d1, { headline: 'مسابقهٔ فوتبال محلات', serviceAreas: ['sport'] });
  item = await publish(d3);
}, 120_000);

describe('the news page', () => {
  it('embeds comments, «was this helpful?», share links and related news, and stays publicly cacheable', async () => {
    const res = await app.inject({ method: 'GET', url: pagePath() });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['cache-control'])).toContain('public');
    expect(res.headers['set-cookie']).toBeUndefined();
    // No per-visitor token on a cached page; the forms post to the feedback routes.
    expect(res.body).not.toContain('name="_csrf"');
    expect(res.body).toContain(`action="/news/${item.id}/comments"`);
    expect(res.body).toContain(`action="/news/${item.id}/helpful"`);
    expect(res.body).toContain('id="comments"');
    expect(res.body).toContain('name="website"');
    // Share links built on the server with encodeURIComponent; the URL to copy, read-only.
    const url = encodeURIComponent(`${PUBLIC}${pagePath()}`);
    expect(res.body).toContain(`https://t.me/share/url?url=${url}&amp;text=`);
    expect(res.body).toContain(`https://twitter.com/intent/tweet?url=${url}`);
    expect(res.body).toContain('https://wa.me/?text=');
    expect(res.body).toContain('mailto:?subject=');
    expect(res.body).toMatch(/<input[^>]*id="share-url"[^>]*readonly/);
    expect(res.body).not.toMatch(/<script[^>]+src="https?:/);
    expect(res.body).not.toMatch(/<img[^>]+src="https?:/);
    // Related: four, newest first, never the item itself nor an unrelated one.
    const relatedHtml = res.body.slice(res.body.indexOf('id="related-title"'));
    const at = (r: NewsItem) => relatedHtml.indexOf(`href="/news/${encodeURIComponent(r.slug!)}"`);
    const shown = related.filter((r) => at(r) !== -1).sort((a, b) => at(a) - at(b));
    expect(shown.map((r) => r.headline)).toEqual([related[4]!, related[3]!, related[2]!, related[1]!].map((r) => r.headline));
    expect(relatedHtml).not.toContain(encodeURIComponent(unrelated.slug!));
    expect(relatedHtml.slice(0, relatedHtml.indexOf('</section>'))).not.toContain(`href="${pagePath()}"`);
  });
});

describe('posting a comment from the news page', () => {
  it('lands on the «received» variant of the page; the comment shows only once approved, as text', async () => {
    const before = await commentCount();
    const body = '<script>alert(1)</script> <b>درشت</b> ببینید https://evil.example/x';
    const res = await postComment(comment({ body }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${pagePath()}?comment=received#comments`);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await commentCount()).toBe(before + 1);

    const received = await app.inject({ method: 'GET', url: `${pagePath()}?comment=received` });
    expect(received.statusCode).toBe(200);
    expect(received.body).toContain(COMMENT_RECEIVED);
    expect(received.body).toContain('نظر شما ثبت شد و پس از بررسی منتشر می‌شود');
    // Pending: not on the page.
    expect(received.body).not.toContain('alert(1)');
    expect((await app.inject({ method: 'GET', url: pagePath() })).body).not.toContain(COMMENT_RECEIVED);

    const row = await lastComment();
    await feedback.moderate({ userId: editor.id, label: editor.username }, row.id, { action: 'approve', version: row.version, reason: null, redactedBody: null, reply: null });
    const approved = await feedback.getForStaff(row.id);
    await feedback.moderate({ userId: editor.id, label: editor.username }, row.id, {
      action: 'reply',
      version: approved.version,
      reason: null,
      redactedBody: null,
      reply: 'پیمانکار فردا اعزام می‌شود.',
    });
    const page = await app.inject({ method: 'GET', url: `${pagePath()}?after=approve` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`id="comment-${row.id}"`);
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(page.body).toContain('&lt;b>درشت&lt;/b>');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).not.toContain('<b>درشت');
    expect(page.body).not.toContain('href="https://evil.example');
    expect(page.body).toContain('پاسخ شهرداری');
    expect(page.body).toContain('پیمانکار فردا اعزام می‌شود.');
  });

  it('re-renders the page with 422, no-store, Persian errors beside the fields and the typed text kept (U+202E in the name)', async () => {
    const before = await commentCount();
    const res = await postComment(comment({ name: 'علی\u202Eرضا', body: 'متن نظر من که نباید گم شود' }));
    expect(res.statusCode).toBe(422);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('کنترل جهت متن');
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain(`href="#comment-form-${item.id}-name"`);
    expect(res.body).toContain('متن نظر من که نباید گم شود');
    // The summary comes before the form, inside the comments section.
    expect(res.body.indexOf('class="error-summary"')).toBeLessThan(res.body.indexOf(`action="/news/${item.id}/comments"`));
    expect(await commentCount()).toBe(before);
  });

  it('refuses an empty text and a 10 000-character text with 422 and stores nothing', async () => {
    const before = await commentCount();
    const empty = await postComment(comment({ body: '   ' }));
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('«متن نظر» را وارد کنید.');
    expect(empty.body).toContain('value="زهرا کریمی"');
    const long = await postComment(comment({ body: 'ب'.repeat(10_000) }));
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('«متن نظر» حداکثر ۲۰۰۰ نویسه می‌تواند باشد.');
    const json = await postComment(comment({ body: 'ب'.repeat(10_000) }), { json: true });
    expect(json.statusCode).toBe(422);
    expect(json.json().error.fields.body).toContain('حداکثر');
    expect(await commentCount()).toBe(before);
  });

  it('answers JSON clients with JSON', async () => {
    const res = await postComment(comment(), { json: true });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ message: COMMENT_RECEIVED });
  });

  it('refuses 100 posts from one address in a minute after the limit, in Persian, storing nothing more', async () => {
    const ip = '10.41.0.9';
    const before = await commentCount();
    const statuses: number[] = [];
    let lastRefusal = '';
    for (let i = 0; i < 100; i++) {
      const res = await postComment(comment({ body: `نظر شمارهٔ ${i}` }), { ip });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) lastRefusal = res.body;
    }
    expect(statuses.slice(0, COMMENT_RATE.max).every((s) => s === 303)).toBe(true);
    expect(statuses.slice(COMMENT_RATE.max).every((s) => s === 429)).toBe(true);
    // The news page again, with the reason at the top of the form and the text kept.
    expect(lastRefusal).toContain('نظرهای زیادی فرستاده شده است');
    expect(lastRefusal).toContain('نظر شمارهٔ 99');
    const json = await postComment(comment(), { ip, json: true });
    expect(json.statusCode).toBe(429);
    expect(json.json().error.message).toContain('دقیقه');
    expect(await commentCount()).toBe(before + COMMENT_RATE.max);
  });

  it('refuses a cross-site post with 403 and writes nothing; a same-origin post needs no token', async () => {
    const before = await commentCount();
    const forged: Array<Record<string, string>> = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: '', referer: 'https://evil.example/page', 'sec-fetch-site': '' },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of forged) {
      const res = await postComment(comment({ body: 'نظر جعلی' }), { headers });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('فقط از صفحه‌های خود این تارنما پذیرفته می‌شود');
    }
    expect(await commentCount()).toBe(before);
    const own = await postComment(comment({ body: 'نظر از خود تارنما' }), { headers: { origin: '', referer: `${PUBLIC}${pagePath()}` } });
    expect(own.statusCode).toBe(303);
    expect(await commentCount()).toBe(before + 1);
  });

  it('answers «was this helpful?» with the cacheable thanks variant', async () => {
    const ip = nextIp();
    const send = (value: string) =>
      app.inject({
        method: 'POST',
        url: `/news/${item.id}/helpful`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: PUBLIC, 'user-agent': 'x' },
        payload: `value=${value}`,
        remoteAddress: ip,
      });
    const first = await send('yes');
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`${pagePath()}?helpful=thanks#helpful`);
    expect((await send('no')).headers.location).toBe(`${pagePath()}?helpful=already#helpful`);
    const page = await app.inject({ method: 'GET', url: `${pagePath()}?helpful=thanks` });
    expect(page.body).toContain('از پاسخ شما سپاسگزاریم.');
  });
});

describe('the staff navigation', () => {
  it('links the PR desk to /staff/comments with the number of pending comments; writers do not see it', async () => {
    const [row] = await database.db.select({ n: count() }).from(comments).where(eq(comments.status, 'pending'));
    const pending = row?.n ?? 0;
    expect(pending).toBeGreaterThan(0);
    const fa = new Intl.NumberFormat('fa-IR').format(pending);
    const desk = await getPage(app, editorJar, '/staff');
    expect(desk.statusCode).toBe(200);
    expect(desk.body).toContain('href="/staff/comments"');
    expect(desk.body).toContain(`نظرهای شهروندان (${fa})`);
    const writer = await getPage(app, reporterJar, '/staff');
    expect(writer.statusCode).toBe(200);
    expect(writer.body).not.toContain('href="/staff/comments"');
  });
});

describe('staff forms keep their token', () => {
  it('refuses a reporter’s forged moderation post with 403 and changes nothing', async () => {
    await postComment(comment({ body: 'نظری برای آزمون جعل' }));
    const row = await lastComment();
    const res = await postForm(app, reporterJar, `/staff/comments/${row.id}/moderate`, { action: 'approve', version: String(row.version) });
    expect(res.statusCode).toBe(403);
    const [after] = await database.db.select().from(comments).where(eq(comments.id, row.id));
    expect(after?.status).toBe('pending');
    expect(after?.version).toBe(row.version);
    expect((await app.inject({ method: 'GET', url: `${pagePath()}?forged=1` })).body).not.toContain('نظری برای آزمون جعل');
  });

  it('refuses an editor’s moderation post without a CSRF token', async () => {
    const row = await lastComment();
    await getPage(app, editorJar, '/staff/comments');
    const res = await postForm(app, editorJar, `/staff/comments/${row.id}/moderate`, { action: 'approve', version: String(row.version) }, { csrf: null });
    expect(res.statusCode).toBe(403);
    const [after] = await database.db.select().from(comments).where(eq(comments.id, row.id));
    expect(after?.status).toBe('pending');
    // With the token it works (the check above is the token, not the role).
    const ok = await postForm(app, editorJar, `/staff/comments/${row.id}/moderate`, { action: 'approve', version: String(row.version) }, { from: '/staff/comments' });
    expect(ok.statusCode).toBe(303);
  });
});
