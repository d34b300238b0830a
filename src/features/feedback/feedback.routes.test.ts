// Citizens' feedback through HTTP (app.inject) on a fresh database with a published news
// item: anonymous comments (CSRF, honeypot, bidi names, lengths, the per-address limit),
// moderation by the PR desk (and a reporter's forged post), helpful answers and reports.
import type { FastifyInstance } from 'fastify';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, CookieJar } from '../../../test/helpers/build-app.js';
import { createUserWithRole, csrfTokenFor, getPage, loginAs, postForm } from '../../../test/helpers/login.js';
import type { TestDatabase } from '../../../test/helpers/test-db.js';
import { systemClock } from '../../core/clock.js';
import { renderFragment } from '../../ui/render.js';
import { createOrgService } from '../org/index.js';
import { createNewsroomService, type NewsActor } from '../newsroom/index.js';
import { auditLog } from '../../core/audit/audit.js';
import { comments, satisfactionAnswers } from './feedback.tables.js';
import { ALREADY_ANSWERED, COMMENT_RECEIVED, createFeedbackService, type FeedbackService } from './feedback.service.js';
import { CommentsSection } from './views/comments-section.js';

let app: FastifyInstance;
let database: TestDatabase;
let feedback: FeedbackService;
let newsId: number;
let newsSlug: string;
/** Where a posted comment lands: the cacheable «received» variant of its news page. */
const receivedPage = () => `/news/${encodeURIComponent(newsSlug)}?comment=received#comments`;
let draftId: number;
let editorJar: CookieJar;
let reporterJar: CookieJar;
let editorActor: { userId: number; label: string };
let anon: CookieJar;
let anonToken: string;
let ipSerial = 0;

const orgActor = { userId: null, label: 'test' };
const nextIp = () => `10.20.${Math.floor(++ipSerial / 200)}.${(ipSerial % 200) + 1}`;

async function actorFor(role: 'reporter' | 'pr_editor', orgUnitId: number) {
  const { user, password } = await createUserWithRole(database, role, { orgUnitId });
  const jar = await loginAs(app, user.username, password);
  const actor: NewsActor = { id: user.id, username: user.username, memberships: user.memberships };
  return { jar, actor };
}

async function commentCount(): Promise<number> {
  const [row] = await database.db.select({ n: count() }).from(comments);
  return row?.n ?? 0;
}

function post(url: string, fields: Record<string, string>, options: { ip?: string; json?: boolean; userAgent?: string } = {}) {
  const body = new URLSearchParams({ _csrf: anonToken, ...fields });
  return app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: anon.header(),
      'content-type': 'application/x-www-form-urlencoded',
      accept: options.json ? 'application/json' : 'text/html',
      'user-agent': options.userAgent ?? 'test-browser',
    },
    payload: body.toString(),
    remoteAddress: options.ip ?? nextIp(),
  });
}

const comment = (over: Record<string, string> = {}) => ({ name: 'مریم رضایی', contact: 'maryam@example.com', body: 'پیاده‌رو محله هنوز خراب است.', ...over });

async function latestComment() {
  const [row] = await database.db.select().from(comments).orderBy(comments.id).limit(1).offset((await commentCount()) - 1);
  if (!row) throw new Error('no comment');
  return row;
}

beforeAll(async () => {
  ({ app, database } = await buildTestApp());
  const org = createOrgService({ db: database.db, clock: systemClock });
  const region = (await org.getRegion()) ?? (await org.createUnit({ kind: 'region', code: 'R21', name: 'منطقه ۲۱' }, orgActor));
  const d3 = await org.createUnit({ kind: 'district', parentId: region.id, code: 'R21-D3', name: 'ناحیه ۳' }, orgActor);
  const newsroom = createNewsroomService({ db: database.db, clock: systemClock, org });
  const reporter = await actorFor('reporter', d3.id);
  const editor = await actorFor('pr_editor', region.id);
  reporterJar = reporter.jar;
  editorJar = editor.jar;
  editorActor = { userId: editor.actor.id, label: editor.actor.username };
  const input = {
    kind: 'news' as const,
    overline: 'در ناحیهٔ ۳',
    headline: 'بازگشایی بوستان محله با حضور شهردار منطقه',
    lead: 'بوستان محله پس از بازسازی امروز بازگشایی شد.',
    body: '<p>بوستان محله با ۱۲ هزار مترمربع فضای سبز بازگشایی شد.</p>',
    sourceLine: 'به نقل از روابط عمومی ناحیهٔ ۳',
    orgUnitId: String(d3.id),
    serviceAreas: ['green_space'],
    occurredDate: '۱۴۰۵/۰۸/۲۰',
    occurredTime: '۱۰:۳۰',
  };
  let item = await newsroom.createDraft(reporter.actor, input);
  item = await newsroom.act(reporter.actor, item.id, 'submit', { expectedVersion: item.version });
  item = await newsroom.act(editor.actor, item.id, 'approve', { expectedVersion: item.version });
  item = await newsroom.act(editor.actor, item.id, 'publish', { expectedVersion: item.version });
  expect(item.state).toBe('published');
  newsId = item.id;
  newsSlug = item.slug!;
  draftId = (await newsroom.createDraft(reporter.actor, { ...input, headline: 'خبر منتشرنشده' })).id;
  feedback = createFeedbackService({ db: database.db, clock: systemClock, salt: 'test-salt' });
  anon = new CookieJar();
  anonToken = await csrfTokenFor(app, anon, '/login');
});

describe('posting a comment', () => {
  it('stores a pending comment, keeps <script> as text and never renders it as HTML', async () => {
    const before = await commentCount();
    const body = '<script>alert(1)</script> ببینید https://evil.example/x';
    const res = await post(`/news/${newsId}/comments`, comment({ body }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(receivedPage());
    expect(await commentCount()).toBe(before + 1);
    const row = await latestComment();
    expect(row.body).toBe(body);
    expect(row.status).toBe('pending');
    expect(row.ipHash).toMatch(/^[0-9a-f]{64}$/);
    // Pending: not shown until approved.
    expect((await feedback.listApproved(newsId)).some((c) => c.id === row.id)).toBe(false);
    await feedback.moderate(editorActor, row.id, { action: 'approve', version: row.version, reason: null, redactedBody: null, reply: null });
    const shown = await feedback.listApproved(newsId);
    expect(shown.map((c) => c.id)).toContain(row.id);
    const html = renderFragment(CommentsSection({ newsId, comments: shown, csrfToken: 't', statusMessage: COMMENT_RECEIVED }));
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('href="https://evil.example');
    expect(html).not.toContain('maryam@example.com');
  });

  it('answers JSON with 202 when asked', async () => {
    const res = await post(`/news/${newsId}/comments`, comment(), { json: true });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ message: COMMENT_RECEIVED });
  });

  it('rejects a name with a bidi override (U+202E) with a Persian message and writes nothing', async () => {
    const before = await commentCount();
    const res = await post(`/news/${newsId}/comments`, comment({ name: 'علی\u202Eرضا' }), { json: true });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields.name).toContain('کنترل جهت متن');
    expect(await commentCount()).toBe(before);
  });

  it('rejects a 10 000-character body with 422 and writes nothing', async () => {
    const before = await commentCount();
    const res = await post(`/news/${newsId}/comments`, comment({ body: 'ب'.repeat(10_000) }), { json: true });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields.body).toContain('حداکثر');
    expect(await commentCount()).toBe(before);
  });

  it('limits one address to 5 comments in 10 minutes: the 6th is a 429', async () => {
    const ip = '10.99.0.1';
    for (let i = 0; i < 5; i++) expect((await post(`/news/${newsId}/comments`, comment({ body: `نظر ${i}` }), { ip })).statusCode).toBe(303);
    const before = await commentCount();
    const sixth = await post(`/news/${newsId}/comments`, comment(), { ip, json: true });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.message).toContain('دقیقه');
    expect(await commentCount()).toBe(before);
    // Another address is unaffected.
    expect((await post(`/news/${newsId}/comments`, comment())).statusCode).toBe(303);
  });

  it('gives a filled honeypot the same answer and stores nothing', async () => {
    const before = await commentCount();
    const res = await post(`/news/${newsId}/comments`, { ...comment(), website: 'http://spam.example', return: '/x' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(receivedPage());
    const json = await post(`/news/${newsId}/comments`, { ...comment(), website: 'spam' }, { json: true });
    expect(json.statusCode).toBe(202);
    expect(json.json()).toEqual({ message: COMMENT_RECEIVED });
    expect(await commentCount()).toBe(before);
  });

  it('accepts comments only on published news, and a posted return path cannot send the visitor elsewhere', async () => {
    expect((await post(`/news/${draftId}/comments`, comment(), { json: true })).statusCode).toBe(404);
    expect((await post(`/news/999999/comments`, comment(), { json: true })).statusCode).toBe(404);
    const res = await post(`/news/${newsId}/comments`, { ...comment(), return: '//evil.example/' });
    expect(res.headers.location).toBe(receivedPage());
  });

  it('needs no CSRF token from its own origin (the page is publicly cached) but refuses a cross-site post', async () => {
    const send = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `/news/${newsId}/comments`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'localhost', ...headers },
        payload: new URLSearchParams(comment()).toString(),
        remoteAddress: nextIp(),
      });
    expect((await send({ origin: 'http://localhost' })).statusCode).toBe(303);
    const before = await commentCount();
    expect((await send({ origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await send({ 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect(await commentCount()).toBe(before);
  });
});

describe('moderation', () => {
  it('refuses a reporter’s forged moderation post with 403 and changes nothing', async () => {
    await post(`/news/${newsId}/comments`, comment({ body: 'نظر برای آزمون جعل' }));
    const row = await latestComment();
    const res = await postForm(app, reporterJar, `/staff/comments/${row.id}/moderate`, { action: 'approve', version: String(row.version) });
    expect(res.statusCode).toBe(403);
    const after = (await database.db.select().from(comments).where(eq(comments.id, row.id)))[0]!;
    expect(after.status).toBe('pending');
    expect(after.version).toBe(row.version);
  });

  it('lets the PR desk approve from the queue, with 422 for a missing reason and 409 for a stale version', async () => {
    await post(`/news/${newsId}/comments`, comment({ body: 'نظر صف بررسی' }));
    const row = await latestComment();
    const page = await getPage(app, editorJar, '/staff/comments');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('نظر صف بررسی');
    expect(page.body).toContain('بازگشایی بوستان محله با حضور شهردار منطقه');
    const noReason = await postForm(app, editorJar, `/staff/comments/${row.id}/moderate`, { action: 'reject', version: String(row.version), reason: '' }, { from: '/staff/comments' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('دلیل را بنویسید');
    const ok = await postForm(app, editorJar, `/staff/comments/${row.id}/moderate`, { action: 'approve', version: String(row.version) }, { from: '/staff/comments' });
    expect(ok.statusCode).toBe(303);
    const stale = await postForm(app, editorJar, `/staff/comments/${row.id}/moderate`, { action: 'spam', version: String(row.version) }, { from: '/staff/comments' });
    expect(stale.statusCode).toBe(409);
    const after = (await database.db.select().from(comments).where(eq(comments.id, row.id)))[0]!;
    expect(after.status).toBe('approved');
    expect(after.moderatedBy).toBe(editorActor.userId);
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.entityId, String(row.id)));
    expect(audits.map((x) => x.action)).toContain('comment.approve');
  });

  it('redacts the shown text and keeps the original for staff', async () => {
    await post(`/news/${newsId}/comments`, comment({ body: 'شماره من ۰۹۱۲۱۲۳۴۵۶۷ است' }));
    const row = await latestComment();
    let c = await feedback.moderate(editorActor, row.id, { action: 'approve', version: row.version, reason: null, redactedBody: null, reply: null });
    c = await feedback.moderate(editorActor, row.id, { action: 'redact', version: c.version, reason: null, redactedBody: 'شماره من [حذف شد] است', reply: null });
    expect(c.body).toBe('شماره من ۰۹۱۲۱۲۳۴۵۶۷ است');
    expect(c.redactedBody).toBe('شماره من [حذف شد] است');
    const shown = (await feedback.listApproved(newsId)).find((x) => x.id === row.id);
    expect(shown?.body).toBe('شماره من [حذف شد] است');
    const page = await getPage(app, editorJar, '/staff/comments?status=approved');
    expect(page.body).toContain('شماره من ۰۹۱۲۱۲۳۴۵۶۷ است');
  });

  it('shows the municipality’s reply under the comment', async () => {
    await post(`/news/${newsId}/comments`, comment({ body: 'چراغ کوچه خاموش است' }));
    const row = await latestComment();
    const c = await feedback.moderate(editorActor, row.id, { action: 'approve', version: row.version, reason: null, redactedBody: null, reply: null });
    await feedback.moderate(editorActor, row.id, { action: 'reply', version: c.version, reason: null, redactedBody: null, reply: 'تا فردا تعمیر می‌شود.' });
    const shown = await feedback.listApproved(newsId);
    expect(shown.find((x) => x.id === row.id)?.replyBody).toBe('تا فردا تعمیر می‌شود.');
    const html = renderFragment(CommentsSection({ newsId, comments: shown, csrfToken: 't' }));
    expect(html).toContain('پاسخ شهرداری');
    expect(html).toContain('تا فردا تعمیر می‌شود.');
  });

  it('sends an approved comment back to pending after 3 reports from distinct visitors', async () => {
    await post(`/news/${newsId}/comments`, comment({ body: 'نظری که گزارش می‌شود' }));
    const row = await latestComment();
    await feedback.moderate(editorActor, row.id, { action: 'approve', version: row.version, reason: null, redactedBody: null, reply: null });
    const ip1 = nextIp();
    expect((await post(`/comments/${row.id}/report`, {}, { ip: ip1 })).statusCode).toBe(303);
    // The same visitor twice counts once.
    expect((await post(`/comments/${row.id}/report`, {}, { ip: ip1 })).statusCode).toBe(303);
    expect((await post(`/comments/${row.id}/report`, {})).statusCode).toBe(303);
    expect((await feedback.listApproved(newsId)).some((c) => c.id === row.id)).toBe(true);
    expect((await post(`/comments/${row.id}/report`, {})).statusCode).toBe(303);
    expect((await feedback.listApproved(newsId)).some((c) => c.id === row.id)).toBe(false);
    const after = await feedback.getForStaff(row.id);
    expect(after.status).toBe('pending');
    expect(after.reportCount).toBe(3);
    // A moderator's re-approval shows it again and starts the count afresh.
    const again = await feedback.moderate(editorActor, row.id, { action: 'approve', version: after.version, reason: null, redactedBody: null, reply: null });
    expect(again.reportCount).toBe(0);
    expect((await post(`/comments/${row.id}/report`, {})).statusCode).toBe(303);
    expect((await feedback.listApproved(newsId)).some((c) => c.id === row.id)).toBe(true);
  });
});

describe('was this helpful?', () => {
  it('records one answer per visitor per item per day', async () => {
    const ip = nextIp();
    const first = await post(`/news/${newsId}/helpful`, { value: 'yes' }, { ip, json: true });
    expect(first.statusCode).toBe(202);
    const second = await post(`/news/${newsId}/helpful`, { value: 'no' }, { ip, json: true });
    expect(second.json()).toEqual({ message: ALREADY_ANSWERED });
    const rows = await database.db.select().from(satisfactionAnswers).where(eq(satisfactionAnswers.newsId, newsId));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.value).toBe(1);
    // Another visitor is counted.
    await post(`/news/${newsId}/helpful`, { value: 'no' }, { json: true });
    expect(await feedback.helpfulCounts(newsId)).toEqual({ yes: 1, no: 1 });
    expect((await post(`/news/${newsId}/helpful`, { value: 'maybe' }, { json: true })).statusCode).toBe(422);
  });
});
