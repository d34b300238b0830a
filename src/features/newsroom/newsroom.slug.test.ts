// An editor changes a published item's slug on the staff item page: the old URL answers
// 301 to the new one (query kept), the change is noted and audited, a stale page is a
// 409, a writer a 403, a bad or taken slug a Persian 422. The «featured» toggle likewise.
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type CookieJar } from '../../../test/helpers/build-app.js';
import { createUserWithRole, loginAs, postForm } from '../../../test/helpers/login.js';
import type { TestDatabase } from '../../../test/helpers/test-db.js';
import { auditLog } from '../../core/audit/audit.js';
import { systemClock } from '../../core/clock.js';
import { createOrgService, type OrgUnit } from '../org/index.js';
import { createNewsroomService, type NewsActor, type NewsInput, type NewsItem, type NewsroomService } from './index.js';
import { newsNotes, newsSlugHistory } from './newsroom.tables.js';

const orgActor = { userId: null, label: 'test' };

let app: FastifyInstance;
let database: TestDatabase;
let svc: NewsroomService;
let d3: OrgUnit;
let reporter: NewsActor;
let editor: NewsActor;
let editorJar: CookieJar;
let reporterJar: CookieJar;

function input(over: Partial<NewsInput> = {}): NewsInput {
  return {
    kind: 'news',
    overline: 'در ناحیهٔ ۳',
    headline: 'بازگشایی بوستان محله با حضور شهردار منطقه',
    lead: 'بوستان محله پس از بازسازی امروز بازگشایی شد.',
    body: '<p>بوستان محله با ۱۲ هزار مترمربع فضای سبز بازگشایی شد.</p>',
    sourceLine: 'روابط عمومی ناحیهٔ ۳',
    orgUnitId: String(d3.id),
    serviceAreas: ['green_space'],
    ...over,
  };
}

async function publish(over: Partial<NewsInput> = {}): Promise<NewsItem> {
  let i = await svc.createDraft(reporter, input(over));
  i = await svc.act(reporter, i.id, 'submit', { expectedVersion: i.version });
  i = await svc.act(editor, i.id, 'approve', { expectedVersion: i.version });
  return svc.act(editor, i.id, 'publish', { expectedVersion: i.version });
}

const current = async (id: number) => (await svc.getForUser(editor, id)).item;
const changeSlug = (jar: CookieJar, item: NewsItem, slug: string, version = item.version) =>
  postForm(app, jar, `/staff/news/${item.id}/slug`, { slug, version: String(version) }, { from: `/staff/news/${item.id}` });

beforeAll(async () => {
  ({ app, database } = await buildTestApp());
  const org = createOrgService({ db: database.db, clock: systemClock });
  const region = await org.createUnit({ kind: 'region', code: 'R21', name: 'منطقه ۲۱' }, orgActor);
  d3 = await org.createUnit({ kind: 'district', parentId: region.id, code: 'R21-D3', name: 'ناحیه ۳' }, orgActor);
  svc = createNewsroomService({ db: database.db, clock: systemClock, org });
  const r = await createUserWithRole(database, 'reporter', { orgUnitId: region.id });
  const e = await createUserWithRole(database, 'pr_editor', { orgUnitId: region.id });
  reporter = { id: r.user.id, username: r.user.username, memberships: r.user.memberships };
  editor = { id: e.user.id, username: e.user.username, memberships: e.user.memberships };
  reporterJar = await loginAs(app, r.user.username, r.password);
  editorJar = await loginAs(app, e.user.username, e.password);
}, 60_000);

describe('changing the slug of a published item', () => {
  it('shows the form to editors; the old URL answers 301 to the new one with its query; noted and audited', async () => {
    const item = await publish({ headline: 'خبری که نامکش عوض می‌شود' });
    const oldSlug = item.slug!;
    const page = await app.inject({ method: 'GET', url: `/staff/news/${item.id}`, headers: { cookie: editorJar.header() } });
    expect(page.body).toContain(`action="/staff/news/${item.id}/slug"`);
    expect(page.body).toContain(`action="/staff/news/${item.id}/feature"`);

    const res = await changeSlug(editorJar, item, 'جشنواره پاییزی بوستان ۱۴۰۵');
    expect(res.statusCode).toBe(303);
    const after = await current(item.id);
    expect(after.slug).toBe('جشنواره-پاییزی-بوستان-1405');
    expect(after.version).toBe(item.version + 1);

    const old = await app.inject({ method: 'GET', url: `/news/${encodeURIComponent(oldSlug)}?utm_source=telegram&x=%DB%B1` });
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe(`/news/${encodeURIComponent(after.slug!)}?utm_source=telegram&x=%DB%B1`);
    expect((await app.inject({ method: 'GET', url: old.headers.location as string })).statusCode).toBe(200);

    const [history] = await database.db.select().from(newsSlugHistory).where(eq(newsSlugHistory.slug, oldSlug));
    expect(history?.newsId).toBe(item.id);
    const notes = await database.db.select().from(newsNotes).where(eq(newsNotes.newsId, item.id));
    expect(notes.some((n) => n.body.includes(oldSlug) && n.body.includes(after.slug!))).toBe(true);
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'newsroom.change_slug'), eq(auditLog.entityId, String(item.id))));
    expect(audits).toHaveLength(1);

    // Changing again keeps both old URLs working; taking back the first one drops it from history.
    const second = await changeSlug(editorJar, after, 'نامک سوم');
    expect(second.statusCode).toBe(303);
    expect((await app.inject({ method: 'GET', url: `/news/${encodeURIComponent(oldSlug)}` })).headers.location).toBe(
      `/news/${encodeURIComponent('نامک-سوم')}`,
    );
    const back = await changeSlug(editorJar, await current(item.id), oldSlug);
    expect(back.statusCode).toBe(303);
    expect((await app.inject({ method: 'GET', url: `/news/${encodeURIComponent(oldSlug)}` })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/news/${encodeURIComponent('نامک-سوم')}` })).headers.location).toBe(
      `/news/${encodeURIComponent(oldSlug)}`,
    );
  });

  it('answers a stale page with 409 and changes nothing', async () => {
    const item = await publish({ headline: 'خبری برای آزمون نسخهٔ کهنه' });
    await svc.act(editor, item.id, 'correct', { expectedVersion: item.version, note: 'تاریخ برنامه اصلاح شد.' });
    const res = await changeSlug(editorJar, item, 'نامک از صفحهٔ کهنه', item.version);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('کار شما انجام نشد');
    expect((await current(item.id)).slug).toBe(item.slug);
  });

  it('refuses a writer with 403 and changes nothing', async () => {
    const item = await publish({ headline: 'خبری که خبرنگار نمی‌تواند نامکش را عوض کند' });
    const res = await changeSlug(reporterJar, item, 'نامک خبرنگار');
    expect(res.statusCode).toBe(403);
    expect((await current(item.id)).slug).toBe(item.slug);
    await expect(svc.changeSlug(reporter, item.id, 'نامک خبرنگار', item.version)).rejects.toMatchObject({ status: 403 });
  });

  it('refuses invisible characters, a long slug and a taken one with Persian messages (422), keeping what was typed', async () => {
    const a = await publish({ headline: 'خبر نخست برای نامک تکراری' });
    const b = await publish({ headline: 'خبر دوم برای نامک تکراری' });
    const cases: Array<[string, string]> = [
      ['نامک\u202eوارونه', 'کنترل جهت متن'],
      ['نامک\u200bپنهان', 'نامرئی'],
      ['ب'.repeat(121), 'حداکثر ۱۲۰ نویسه'],
      ['   ', 'نامک تازه را وارد کنید'],
      ['---', 'دست‌کم یک حرف یا رقم'],
      [a.slug!, 'خبر دیگری'],
      [b.slug!, 'همان نامک کنونی'],
    ];
    for (const [slug, message] of cases) {
      const res = await changeSlug(editorJar, b, slug);
      expect(res.statusCode, slug).toBe(422);
      expect(res.body).toContain(message);
    }
    const typed = await changeSlug(editorJar, b, 'نامک\u202eوارونه');
    expect(typed.body).toContain('value="نامک\u202eوارونه"');
    expect((await current(b.id)).slug).toBe(b.slug);
    expect((await current(b.id)).version).toBe(b.version);
  });

  it('only changes published items', async () => {
    const draft = await svc.createDraft(reporter, input({ headline: 'پیش‌نویس بی‌نامک' }));
    await expect(svc.changeSlug(editor, draft.id, 'نامک پیش‌نویس', draft.version)).rejects.toMatchObject({ status: 409 });
  });
});

describe('featuring a published item on the home page', () => {
  it('sets and clears featuredAt with the version, editors only', async () => {
    const item = await publish({ headline: 'خبری برای صفحهٔ نخست' });
    expect(item.featuredAt).toBeNull();
    const denied = await postForm(app, reporterJar, `/staff/news/${item.id}/feature`, { featured: '1', version: String(item.version) });
    expect(denied.statusCode).toBe(403);
    const on = await postForm(app, editorJar, `/staff/news/${item.id}/feature`, { featured: '1', version: String(item.version) }, { from: `/staff/news/${item.id}` });
    expect(on.statusCode).toBe(303);
    const featured = await current(item.id);
    expect(featured.featuredAt).toBeInstanceOf(Date);
    expect((await svc.getPublishedBySlug(item.slug!))?.featuredAt).toBeInstanceOf(Date);
    const stale = await postForm(app, editorJar, `/staff/news/${item.id}/feature`, { featured: '0', version: String(item.version) }, { from: `/staff/news/${item.id}` });
    expect(stale.statusCode).toBe(409);
    const off = await postForm(app, editorJar, `/staff/news/${item.id}/feature`, { featured: '0', version: String(featured.version) }, { from: `/staff/news/${item.id}` });
    expect(off.statusCode).toBe(303);
    expect((await current(item.id)).featuredAt).toBeNull();
  });
});
