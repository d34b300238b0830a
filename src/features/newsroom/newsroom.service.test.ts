// The newsroom service on a real PostgreSQL (a fresh migrated database for this file):
// the whole desk flow with its timestamps, transitions, revisions, notes, jobs and
// notifications, and what must write nothing (stale versions, bad input, wrong scope).
import { and, count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../core/audit/audit.tables.js';
import { systemClock, type Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import { jobs } from '../../core/jobs/jobs.tables.js';
import { createJobRunner } from '../../core/jobs/runner.js';
import type { Role } from '../../core/roles.js';
import { createOrgService, type Department, type OrgUnit } from '../org/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { createUserWithRole, ensureRegion, type Scope } from '../../../test/helpers/login.js';
import type { NewsInput } from './newsroom.inputs.js';
import {
  NEWS_PUBLISH_JOB,
  NewsConflictError,
  createNewsroomService,
  newsroomJobHandlers,
  slugify,
  parseMentionNames,
  type NewsroomService,
} from './newsroom.service.js';
import { newsItems, newsNotes, newsNotifications, newsRevisions, newsTransitions } from './newsroom.tables.js';
import type { NewsActor, NewsItem, SubmitCheck } from './newsroom.types.js';

/** A clock the test moves by hand (Tehran 10:00 on 1405/09/10 to start). */
function fakeClock(start: string) {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advanceMinutes(m: number) {
      t += m * 60_000;
    },
    set(iso: string) {
      t = new Date(iso).getTime();
    },
  } satisfies Clock & Record<string, unknown>;
}

let t: TestDatabase;
let clock: ReturnType<typeof fakeClock>;
let svc: NewsroomService;
let region: OrgUnit;
let d1: OrgUnit;
let d3: OrgUnit;
let n1: OrgUnit;
let n3: OrgUnit;
let dept: Department;
let reporter3: NewsActor;
let reporter3b: NewsActor;
let reporter1: NewsActor;
let liaisonDept: NewsActor;
let editor: NewsActor;
let manager: NewsActor;
let admin: NewsActor;
const submitHookCalls: number[] = [];

async function actor(role: Role, scope: Scope, username?: string): Promise<NewsActor> {
  const { user } = await createUserWithRole(t, role, scope, username ? { username } : {});
  return {
    id: user.id,
    username: user.username,
    memberships: user.memberships.map((m) => ({ role: m.role, orgUnitId: m.orgUnitId, departmentId: m.departmentId })),
  };
}

function input(over: Partial<NewsInput> = {}): NewsInput {
  return {
    kind: 'news',
    overline: 'در ناحیهٔ ۳',
    headline: 'بازگشایی بوستان محله با حضور شهردار منطقه',
    lead: 'بوستان محلهٔ وردآورد پس از بازسازی امروز بازگشایی شد.',
    body: '<p>بوستان وردآورد با ۱۲ هزار مترمربع فضای سبز بازگشایی شد.</p>',
    sourceLine: 'به نقل از روابط عمومی ناحیهٔ ۳',
    orgUnitId: String(d3.id),
    neighbourhoodId: String(n3.id),
    serviceAreas: ['green_space'],
    occurredDate: '۱۴۰۵/۰۹/۰۹',
    occurredTime: '۱۴:۳۰',
    ...over,
  };
}

async function itemCount(): Promise<number> {
  const [r] = await t.db.select({ n: count() }).from(newsItems);
  return r!.n;
}

async function transitionsOf(id: number) {
  return t.db.select().from(newsTransitions).where(eq(newsTransitions.newsId, id)).orderBy(newsTransitions.id);
}

async function revisionsOf(id: number) {
  return t.db.select().from(newsRevisions).where(eq(newsRevisions.newsId, id)).orderBy(newsRevisions.number);
}

async function notificationsOf(userId: number, newsId: number) {
  return t.db
    .select({ kind: newsNotifications.kind })
    .from(newsNotifications)
    .where(and(eq(newsNotifications.userId, userId), eq(newsNotifications.newsId, newsId)))
    .orderBy(newsNotifications.id);
}

async function pendingJob(id: number) {
  const [row] = await t.db.select().from(jobs).where(and(eq(jobs.dedupeKey, `newsroom.publish:${id}`), eq(jobs.state, 'pending')));
  return row;
}

/** Expects an AppError and returns it. */
async function appError(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** A draft by the District 3 reporter, submitted and approved by the editor (clock moves a little each step). */
async function approvedItem(over: Partial<NewsInput> = {}, author: NewsActor = reporter3): Promise<NewsItem> {
  let item = await svc.createDraft(author, input(over));
  clock.advanceMinutes(1);
  item = await svc.act(author, item.id, 'submit', { expectedVersion: item.version });
  clock.advanceMinutes(1);
  return svc.act(editor, item.id, 'approve', { expectedVersion: item.version });
}

beforeAll(async () => {
  t = await createTestDatabase();
  clock = fakeClock('2026-12-01T06:30:00Z');
  const org = createOrgService({ db: t.db, clock: systemClock });
  const sys = { userId: null, label: 'test' };
  region = await ensureRegion(t);
  d1 = await org.createUnit({ kind: 'district', parentId: region.id, code: 'R21-D1', name: 'ناحیه ۱' }, sys);
  d3 = await org.createUnit({ kind: 'district', parentId: region.id, code: 'R21-D3', name: 'ناحیه ۳' }, sys);
  n1 = await org.createUnit({ kind: 'neighbourhood', parentId: d1.id, code: 'R21-D1-N1', name: 'شهرک استقلال' }, sys);
  n3 = await org.createUnit({ kind: 'neighbourhood', parentId: d3.id, code: 'R21-D3-N1', name: 'وردآورد' }, sys);
  dept = await org.createDepartment({ orgUnitId: region.id, kind: 'deputy', key: 'urban_services', name: 'معاونت خدمات شهری' }, sys);
  const mediaHook: SubmitCheck = async ({ item }): Promise<Record<string, string>> => {
    submitHookCalls.push(item.id);
    return item.headline.includes('بدون-عکس') ? { media: 'برای عکس‌ها زیرنویس و متن جایگزین بنویسید.' } : {};
  };
  svc = createNewsroomService({ db: t.db, clock, org, beforeSubmit: [mediaHook] });
  reporter3 = await actor('reporter', { orgUnitId: d3.id }, 'reporter3');
  reporter3b = await actor('photographer', { orgUnitId: d3.id }, 'photo3');
  reporter1 = await actor('reporter', { orgUnitId: d1.id }, 'reporter1');
  liaisonDept = await actor('liaison', { departmentId: dept.id }, 'liaison-us');
  editor = await actor('pr_editor', { orgUnitId: region.id }, 'editor');
  manager = await actor('pr_manager', { orgUnitId: region.id }, 'manager');
  admin = await actor('admin', { orgUnitId: region.id }, 'admin1');
});

describe('newsroom service: the desk flow', () => {
  it('draft → submit → approve → publish, with every timestamp, transition, revision, notification and audit row', async () => {
    clock.set('2026-12-01T06:30:00Z');
    const created = await svc.createDraft(reporter3, input());
    expect(created).toMatchObject({ state: 'draft', version: 1, authorId: reporter3.id, orgUnitId: d3.id, neighbourhoodId: n3.id, slug: null });
    expect(created.occurredAt).toEqual(new Date('2026-11-30T11:00:00Z')); // ۱۴:۳۰ Tehran on ۱۴۰۵/۰۹/۰۹
    expect(created.createdAt).toEqual(new Date('2026-12-01T06:30:00Z'));
    expect(created.serviceAreas).toEqual(['green_space']);

    clock.advanceMinutes(20);
    const submitted = await svc.act(reporter3, created.id, 'submit', { expectedVersion: 1 });
    expect(submitted).toMatchObject({ state: 'submitted', version: 2 });
    expect(submitted.firstSubmittedAt).toEqual(new Date('2026-12-01T06:50:00Z'));
    expect(submitted.lastSubmittedAt).toEqual(new Date('2026-12-01T06:50:00Z'));
    expect(submitHookCalls).toContain(created.id);

    clock.advanceMinutes(15);
    const approved = await svc.act(editor, created.id, 'approve', { expectedVersion: 2, note: 'خوب است.' });
    expect(approved.firstApprovedAt).toEqual(new Date('2026-12-01T07:05:00Z'));

    clock.advanceMinutes(5);
    const published = await svc.act(editor, created.id, 'publish', { expectedVersion: 3 });
    expect(published).toMatchObject({ state: 'published', version: 4 });
    expect(published.publishedAt).toEqual(new Date('2026-12-01T07:10:00Z'));
    expect(published.firstPublishedAt).toEqual(new Date('2026-12-01T07:10:00Z'));
    expect(published.slug).toBe('بازگشایی-بوستان-محله-با-حضور-شهردار-منطقه');

    const trs = await transitionsOf(created.id);
    expect(trs.map((r) => [r.action, r.fromState, r.toState, r.actorId])).toEqual([
      ['submit', 'draft', 'submitted', reporter3.id],
      ['approve', 'submitted', 'approved', editor.id],
      ['publish', 'approved', 'published', editor.id],
    ]);
    expect(trs.map((r) => r.at.toISOString())).toEqual(['2026-12-01T06:50:00.000Z', '2026-12-01T07:05:00.000Z', '2026-12-01T07:10:00.000Z']);
    expect(trs[1]!.note).toBe('خوب است.');
    expect((await svc.listTransitions(reporter3, created.id)).map((r) => r.action)).toEqual(['submit', 'approve', 'publish']);

    const revs = await revisionsOf(created.id);
    expect(revs.map((r) => [r.number, r.reason, r.authorId])).toEqual([
      [1, 'save', reporter3.id],
      [2, 'submit', reporter3.id],
      [3, 'approve', editor.id],
      [4, 'publish', editor.id],
    ]);
    expect(revs[1]!.snapshot).toMatchObject({ headline: created.headline, orgUnitId: d3.id, occurredAt: '2026-11-30T11:00:00.000Z' });

    expect(await notificationsOf(reporter3.id, created.id)).toEqual([{ kind: 'published' }]);

    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'news_item'), eq(auditLog.entityId, String(created.id)))).orderBy(auditLog.id);
    expect(audits.map((a) => a.action)).toEqual(['newsroom.create', 'newsroom.submit', 'newsroom.approve', 'newsroom.publish']);
    expect(audits[3]!.actorLabel).toBe('editor');

    const view = await svc.getForUser(reporter3, created.id);
    expect(view.timeliness).toEqual({
      occurredToCreatedMs: (19 * 60 + 30) * 60_000,
      createdToSubmittedMs: 20 * 60_000,
      submittedToApprovedMs: 15 * 60_000,
      approvedToPublishedMs: 5 * 60_000,
      submittedToPublishedMs: 20 * 60_000,
    });
    expect(view.author.username).toBe('reporter3');
    expect(view.actions).toEqual([]);
    expect(view.canEdit).toBe(false);
    expect(view.canNote).toBe(true);
    const editorView = await svc.getForUser(editor, created.id);
    expect(editorView.actions).toEqual(['unpublish', 'correct', 'kill', 'spike']);
  });

  it('request changes ⇄ resubmit: the note goes to the thread, the writer is told, the first submission time stays', async () => {
    clock.set('2026-12-01T08:00:00Z');
    const item = await svc.createDraft(reporter3, input({ headline: 'جمع‌آوری پسماند خشک در ناحیه ۳' }));
    const s1 = await svc.act(reporter3, item.id, 'submit', { expectedVersion: 1 });

    const noNote = await appError(svc.act(editor, item.id, 'request_changes', { expectedVersion: s1.version }));
    expect(noNote.status).toBe(422);
    expect(noNote.fieldErrors.note).toBe('بنویسید چه چیزی باید اصلاح شود.');
    expect((await svc.getForUser(editor, item.id)).item.version).toBe(s1.version);

    clock.advanceMinutes(10);
    const cr = await svc.act(editor, item.id, 'request_changes', { expectedVersion: s1.version, note: 'عکس و نام محله را اضافه کنید @reporter3' });
    expect(cr.state).toBe('changes_requested');
    const notes = await svc.listNotes(reporter3, item.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ authorId: editor.id, authorUsername: 'editor', mentions: [reporter3.id] });
    expect(await notificationsOf(reporter3.id, item.id)).toEqual([{ kind: 'mention' }, { kind: 'changes_requested' }]);

    clock.advanceMinutes(10);
    const fixed = await svc.update(reporter3, item.id, input({ headline: 'جمع‌آوری پسماند خشک در محلهٔ وردآورد' }), cr.version);
    expect(fixed.headline).toBe('جمع‌آوری پسماند خشک در محلهٔ وردآورد');
    await svc.addNote(reporter3, item.id, 'اصلاح شد.');
    clock.advanceMinutes(5);
    const s2 = await svc.act(reporter3, item.id, 'submit', { expectedVersion: fixed.version });
    expect(s2.state).toBe('submitted');
    expect(s2.firstSubmittedAt).toEqual(new Date('2026-12-01T08:00:00Z'));
    expect(s2.lastSubmittedAt).toEqual(new Date('2026-12-01T08:25:00Z'));
    expect((await transitionsOf(item.id)).map((r) => r.action)).toEqual(['submit', 'request_changes', 'submit']);
    expect((await revisionsOf(item.id)).map((r) => r.reason)).toEqual(['save', 'submit', 'save', 'submit']);
    expect((await svc.listNotes(editor, item.id)).map((n) => n.body)).toEqual(['عکس و نام محله را اضافه کنید @reporter3', 'اصلاح شد.']);
  });

  it('submission needs a lead and a body, and runs the plugged-in checks; nothing is written when it fails', async () => {
    const item = await svc.createDraft(reporter3, input({ lead: '', body: '<p> </p>' }));
    const err = await appError(svc.act(reporter3, item.id, 'submit', { expectedVersion: 1 }));
    expect(err.status).toBe(422);
    expect(err.fieldErrors).toEqual({ lead: 'پیش از ارسال، لید را بنویسید.', body: 'پیش از ارسال، متن خبر را بنویسید.' });
    const hooked = await svc.createDraft(reporter3, input({ headline: 'خبر بدون-عکس' }));
    const err2 = await appError(svc.act(reporter3, hooked.id, 'submit', { expectedVersion: 1 }));
    expect(err2.fieldErrors.media).toBe('برای عکس‌ها زیرنویس و متن جایگزین بنویسید.');
    expect(await transitionsOf(item.id)).toEqual([]);
    expect(await transitionsOf(hooked.id)).toEqual([]);
    expect((await svc.getForUser(reporter3, hooked.id)).item).toMatchObject({ state: 'draft', version: 1, firstSubmittedAt: null });
  });
});

describe('newsroom service: concurrency and idempotency', () => {
  it('a stale version is a 409 carrying the current item; nothing is written', async () => {
    const item = await svc.createDraft(reporter3, input());
    const saved = await svc.update(reporter3, item.id, input({ lead: 'لید تازه.' }), 1);
    expect(saved.version).toBe(2);
    const revsBefore = await revisionsOf(item.id);

    const err = await appError(svc.update(reporter3, item.id, input({ lead: 'لید قدیمی‌تر از نسخهٔ ۱.' }), 1));
    expect(err).toBeInstanceOf(NewsConflictError);
    expect(err.status).toBe(409);
    expect(err.code).toBe('conflict');
    const conflictErr = err as NewsConflictError;
    expect(conflictErr.expectedVersion).toBe(1);
    expect(conflictErr.current).toMatchObject({ id: item.id, version: 2, lead: 'لید تازه.' });

    const actErr = await appError(svc.act(reporter3, item.id, 'submit', { expectedVersion: 1 }));
    expect(actErr).toBeInstanceOf(NewsConflictError);

    expect(await revisionsOf(item.id)).toEqual(revsBefore);
    expect(await transitionsOf(item.id)).toEqual([]);
    expect((await svc.getForUser(reporter3, item.id)).item).toMatchObject({ version: 2, lead: 'لید تازه.', state: 'draft' });
  });

  it('a double-clicked submit with one idempotency key makes one transition; a double-clicked create makes one item', async () => {
    const before = await itemCount();
    const [a, b] = await Promise.all([
      svc.createDraft(reporter3, input({ headline: 'خبر دوبار کلیک‌شده' }), { idempotencyKey: 'create-key-0000000001' }),
      svc.createDraft(reporter3, input({ headline: 'خبر دوبار کلیک‌شده' }), { idempotencyKey: 'create-key-0000000001' }),
    ]);
    expect(a.id).toBe(b.id);
    expect(await itemCount()).toBe(before + 1);
    const again = await svc.createDraft(reporter3, input({ headline: 'خبر دوبار کلیک‌شده' }), { idempotencyKey: 'create-key-0000000001' });
    expect(again.id).toBe(a.id);

    const first = await svc.act(reporter3, a.id, 'submit', { expectedVersion: 1, idempotencyKey: 'submit-key-0000000001' });
    const second = await svc.act(reporter3, a.id, 'submit', { expectedVersion: 1, idempotencyKey: 'submit-key-0000000001' });
    expect(second.id).toBe(first.id);
    expect(second.version).toBe(first.version);
    expect((await transitionsOf(a.id)).map((r) => r.action)).toEqual(['submit']);
    // A new key with the old version is a real second attempt: stale.
    expect(await appError(svc.act(reporter3, a.id, 'submit', { expectedVersion: 1, idempotencyKey: 'submit-key-0000000002' }))).toBeInstanceOf(NewsConflictError);
  });
});

describe('newsroom service: scope', () => {
  it('a reporter of District 3 cannot create for District 1 (nothing written) nor see its items (404)', async () => {
    const before = await itemCount();
    const err = await appError(svc.createDraft(reporter3, input({ orgUnitId: String(d1.id), neighbourhoodId: '' })));
    expect(err.status).toBe(422);
    expect(err.fieldErrors.orgUnitId).toBe('فقط برای ناحیه یا واحدی که در آن عضو هستید می‌توانید خبر بنویسید.');
    expect(await itemCount()).toBe(before);

    const d1Item = await svc.createDraft(reporter1, input({ orgUnitId: String(d1.id), neighbourhoodId: String(n1.id), headline: 'خبر ناحیه ۱' }));
    const submitted = await svc.act(reporter1, d1Item.id, 'submit', { expectedVersion: 1 });
    expect((await appError(svc.getForUser(reporter3, d1Item.id))).status).toBe(404);
    expect((await appError(svc.listNotes(reporter3, d1Item.id))).status).toBe(404);
    expect((await appError(svc.addNote(reporter3, d1Item.id, 'سلام'))).status).toBe(404);
    expect((await appError(svc.act(reporter3, d1Item.id, 'approve', { expectedVersion: submitted.version }))).status).toBe(404);
    // …while the editors see it.
    expect((await svc.getForUser(editor, d1Item.id)).item.id).toBe(d1Item.id);
    // The create form offers each writer only their own places.
    expect((await svc.placesFor(reporter3)).map((u) => u.id)).toEqual([d3.id]);
    expect((await svc.placesFor(editor)).map((u) => u.id).sort()).toEqual([region.id, d1.id, d3.id].sort());
    expect(await svc.placesFor(admin)).toEqual([]);
  });

  it("writers see colleagues' items in their district once submitted, never their drafts; they cannot act on them", async () => {
    const draft = await svc.createDraft(reporter3b, input({ headline: 'پیش‌نویس عکاس' }));
    expect((await appError(svc.getForUser(reporter3, draft.id))).status).toBe(404);
    const sub = await svc.act(reporter3b, draft.id, 'submit', { expectedVersion: 1 });
    expect((await svc.getForUser(reporter3, draft.id)).canEdit).toBe(false);
    expect((await appError(svc.update(reporter3, draft.id, input(), sub.version))).status).toBe(403);
    expect((await appError(svc.addNote(reporter3, draft.id, 'نظر همکار'))).status).toBe(403);
    expect((await appError(svc.act(reporter3, draft.id, 'approve', { expectedVersion: sub.version }))).status).toBe(403);
  });

  it('only PR editors publish; an admin without an editor role has no newsroom power', async () => {
    const item = await approvedItem({ headline: 'خبری برای آزمون نقش‌ها' });
    expect((await appError(svc.act(reporter3, item.id, 'publish', { expectedVersion: item.version }))).status).toBe(403);
    expect((await appError(svc.getForUser(admin, item.id))).status).toBe(404);
    expect((await appError(svc.createDraft(admin, input()))).status).toBe(403);
    expect((await appError(svc.inbox(reporter3))).status).toBe(403);
    const published = await svc.act(manager, item.id, 'publish', { expectedVersion: item.version });
    expect(published.state).toBe('published');
  });

  it('a department-scoped liaison files for their department anywhere, not without it', async () => {
    const ok = await svc.createDraft(liaisonDept, input({ orgUnitId: String(d1.id), neighbourhoodId: '', departmentId: String(dept.id) }));
    expect(ok.departmentId).toBe(dept.id);
    const err = await appError(svc.createDraft(liaisonDept, input({ orgUnitId: String(d1.id), neighbourhoodId: '' })));
    expect(err.fieldErrors.orgUnitId).toBeDefined();
  });

  it('placement is checked: the neighbourhood must be in the district, the unit a district or the region', async () => {
    const wrongHood = await appError(svc.createDraft(reporter3, input({ neighbourhoodId: String(n1.id) })));
    expect(wrongHood.fieldErrors.neighbourhoodId).toBe('محلهٔ انتخاب‌شده در این ناحیه نیست.');
    const hoodAsUnit = await appError(svc.createDraft(editor, input({ orgUnitId: String(n3.id), neighbourhoodId: '' })));
    expect(hoodAsUnit.fieldErrors.orgUnitId).toBe('خبر به یک ناحیه یا به کل منطقه تعلق دارد، نه به محله.');
    const regionWide = await svc.createDraft(editor, input({ orgUnitId: String(region.id), neighbourhoodId: '' }));
    expect(regionWide.orgUnitId).toBe(region.id);
    expect((await appError(svc.getForUser(reporter3, regionWide.id))).status).toBe(404);
  });
});

describe('newsroom service: notes', () => {
  it('notes are append-only; @mentions notify only people who may see the item', async () => {
    const item = await svc.createDraft(reporter3, input({ headline: 'خبر با یادداشت' }));
    const sub = await svc.act(reporter3, item.id, 'submit', { expectedVersion: 1 });
    const note = await svc.addNote(reporter3, item.id, '@editor و @manager لطفاً ببینید؛ @reporter1 و @nobody هم. ایمیل a@editor.ir نیست.');
    expect(note.mentions).toEqual([editor.id, manager.id].sort((a, b) => a - b));
    expect(await notificationsOf(editor.id, item.id)).toEqual([{ kind: 'mention' }]);
    expect(await notificationsOf(manager.id, item.id)).toEqual([{ kind: 'mention' }]);
    expect(await notificationsOf(reporter1.id, item.id)).toEqual([]);
    expect(sub.state).toBe('submitted');

    const tooLong = await appError(svc.addNote(editor, item.id, 'ا'.repeat(2001)));
    expect(tooLong.fieldErrors.body).toMatch(/حداکثر ۲۰۰۰|حداکثر 2000/);
    const empty = await appError(svc.addNote(editor, item.id, '   '));
    expect(empty.fieldErrors.body).toBe('«یادداشت» را وارد کنید.');

    const listed = await svc.listNotes(editor, item.id);
    expect(listed.map((n) => n.id)).toEqual([note.id]);
    // No path changes or removes a note.
    expect(Object.keys(svc).filter((k) => /note/i.test(k)).sort()).toEqual(['addNote', 'listNotes']);

    const inbox = await svc.notifications(editor, { unreadOnly: true });
    expect(inbox.some((n) => n.newsId === item.id && n.kind === 'mention' && n.headline === 'خبر با یادداشت')).toBe(true);
    expect(await svc.markNotificationsRead(editor, 'all')).toBeGreaterThan(0);
    expect(await svc.notifications(editor, { unreadOnly: true })).toEqual([]);
  });

  it('parses mentions: names with dots, dashes and Persian letters; not e-mail addresses; a sentence dot is not part of the name', () => {
    expect(parseMentionNames('سلام @reporter-3. و @ali.rezaei و @علی_رضا؛ mail@host.ir')).toEqual(['reporter-3', 'ali.rezaei', 'علی_رضا']);
    expect(parseMentionNames('@a @a')).toEqual(['a']);
  });
});

describe('newsroom service: revisions', () => {
  it('keeps revisions at save, submit, approve and publish, restores one as a new revision, and shows submitted vs published', async () => {
    let item = await svc.createDraft(reporter3, input({ headline: 'تیتر نخست' }));
    item = await svc.update(reporter3, item.id, input({ headline: 'تیتر دوم' }), item.version);
    item = await svc.act(reporter3, item.id, 'submit', { expectedVersion: item.version });
    item = await svc.update(editor, item.id, input({ headline: 'تیتر دبیر' }), item.version);
    item = await svc.act(editor, item.id, 'approve', { expectedVersion: item.version });
    item = await svc.act(editor, item.id, 'publish', { expectedVersion: item.version });

    const revs = await svc.listRevisions(editor, item.id);
    expect(revs.map((r) => [r.number, r.reason, r.snapshot.headline])).toEqual([
      [1, 'save', 'تیتر نخست'],
      [2, 'save', 'تیتر دوم'],
      [3, 'submit', 'تیتر دوم'],
      [4, 'save', 'تیتر دبیر'],
      [5, 'approve', 'تیتر دبیر'],
      [6, 'publish', 'تیتر دبیر'],
    ]);

    const diff = await svc.diffSubmittedVsPublished(reporter3, item.id);
    expect(diff.submitted).toMatchObject({ revision: 3, authorId: reporter3.id });
    expect(diff.submitted!.snapshot.headline).toBe('تیتر دوم');
    expect(diff.published!.snapshot.headline).toBe('تیتر دبیر');

    // A published item: a plain fix is a 'save' revision; the slug stays.
    const fixed = await svc.update(editor, item.id, input({ headline: 'تیتر دبیر با یک اصلاح' }), item.version);
    expect(fixed.slug).toBe(item.slug);
    const restored = await svc.restoreRevision(editor, item.id, 3, fixed.version);
    expect(restored.headline).toBe('تیتر دوم');
    expect(restored.state).toBe('published');
    const after = await svc.listRevisions(editor, item.id);
    expect(after.slice(-2).map((r) => [r.number, r.reason, r.snapshot.headline])).toEqual([
      [7, 'save', 'تیتر دبیر با یک اصلاح'],
      [8, 'restore', 'تیتر دوم'],
    ]);
    expect((await svc.diffSubmittedVsPublished(editor, item.id)).published!.snapshot.headline).toBe('تیتر دوم');
    expect((await appError(svc.restoreRevision(editor, item.id, 99, restored.version))).status).toBe(404);
    expect(await appError(svc.restoreRevision(editor, item.id, 1, fixed.version))).toBeInstanceOf(NewsConflictError);
  });
});

describe('newsroom service: schedule, embargo and the job runner', () => {
  it('schedule enqueues a job; publishDue publishes once, however often it runs', async () => {
    clock.set('2026-12-02T06:30:00Z');
    const item = await approvedItem({ headline: 'خبر زمان‌بندی‌شده' });
    const past = await appError(svc.act(editor, item.id, 'schedule', { expectedVersion: item.version, at: new Date('2026-12-02T06:00:00Z') }));
    expect(past.fieldErrors.date).toBe('زمان انتشار باید در آینده باشد.');
    expect((await appError(svc.act(editor, item.id, 'schedule', { expectedVersion: item.version }))).fieldErrors.date).toBe('تاریخ و ساعت انتشار را وارد کنید.');

    const at = new Date('2026-12-02T08:00:00Z');
    const scheduled = await svc.act(editor, item.id, 'schedule', { expectedVersion: item.version, at });
    expect(scheduled).toMatchObject({ state: 'scheduled', scheduledFor: at, embargoUntil: null });
    const job = await pendingJob(item.id);
    expect(job).toMatchObject({ kind: NEWS_PUBLISH_JOB, runAt: at, payload: { newsId: item.id, at: at.toISOString() } });

    // Re-timing replaces the job.
    const later = new Date('2026-12-02T09:00:00Z');
    const retimed = await svc.act(editor, item.id, 'schedule', { expectedVersion: scheduled.version, at: later });
    const [{ n }] = (await t.db.select({ n: count() }).from(jobs).where(eq(jobs.dedupeKey, `newsroom.publish:${item.id}`))) as [{ n: number }];
    expect(n).toBe(1);
    expect((await pendingJob(item.id))!.runAt).toEqual(later);

    // The old time no longer publishes.
    expect((await svc.publishDue(item.id, at)).published).toBe(false);

    clock.set('2026-12-02T09:00:05Z');
    const first = await svc.publishDue(item.id, later);
    const second = await svc.publishDue(item.id, later);
    expect(first.published).toBe(true);
    expect(second.published).toBe(false);
    expect(first.item).toMatchObject({ state: 'published', scheduledFor: null, version: retimed.version + 1 });
    expect(first.item!.publishedAt).toEqual(new Date('2026-12-02T09:00:05Z'));
    const trs = await transitionsOf(item.id);
    expect(trs.filter((r) => r.action === 'publish')).toHaveLength(1);
    expect(trs.at(-1)).toMatchObject({ action: 'publish', fromState: 'scheduled', toState: 'published', actorId: null });
    expect((await revisionsOf(item.id)).at(-1)).toMatchObject({ reason: 'publish', authorId: null });
    expect(await notificationsOf(reporter3.id, item.id)).toEqual([{ kind: 'published' }]);
  });

  it('an embargoed item is published by the real job runner when the embargo ends, exactly once', async () => {
    clock.set('2026-12-03T06:30:00Z');
    const item = await approvedItem({ headline: 'خبر زیر ممنوعیت انتشار' });
    const until = new Date('2026-12-03T07:30:00Z');
    const embargoed = await svc.act(editor, item.id, 'embargo', { expectedVersion: item.version, at: until });
    expect(embargoed).toMatchObject({ state: 'scheduled', embargoUntil: until, scheduledFor: null });
    expect((await svc.getForUser(editor, item.id)).dueAt).toEqual(until);

    const silent = { debug() {}, info() {}, warn() {}, error() {} };
    const runner = createJobRunner({ db: t.db, clock, log: silent, handlers: newsroomJobHandlers(svc) });
    expect((await runner.runDueOnce()).done).toBe(0); // not yet
    expect((await svc.getForUser(editor, item.id)).item.state).toBe('scheduled');

    clock.set('2026-12-03T07:31:00Z');
    expect((await runner.runDueOnce()).done).toBeGreaterThanOrEqual(1);
    await runner.runDueOnce();
    const done = (await svc.getForUser(editor, item.id)).item;
    expect(done).toMatchObject({ state: 'published', embargoUntil: null });
    expect((await transitionsOf(item.id)).filter((r) => r.action === 'publish')).toHaveLength(1);
  });

  it('unschedule cancels the job; publishing a scheduled item now cancels it too', async () => {
    clock.set('2026-12-04T06:30:00Z');
    const a = await approvedItem({ headline: 'لغو زمان‌بندی' });
    const s = await svc.act(editor, a.id, 'schedule', { expectedVersion: a.version, at: new Date('2026-12-04T10:00:00Z') });
    const u = await svc.act(editor, a.id, 'unschedule', { expectedVersion: s.version });
    expect(u).toMatchObject({ state: 'approved', scheduledFor: null });
    expect(await pendingJob(a.id)).toBeUndefined();

    const s2 = await svc.act(editor, a.id, 'schedule', { expectedVersion: u.version, at: new Date('2026-12-04T10:00:00Z') });
    const now = await svc.act(editor, a.id, 'publish', { expectedVersion: s2.version });
    expect(now.state).toBe('published');
    expect(await pendingJob(a.id)).toBeUndefined();
  });
});

describe('newsroom service: after publication', () => {
  it('unpublish → republish keeps the slug; correct needs a note and stays published', async () => {
    clock.set('2026-12-05T06:30:00Z');
    let item = await approvedItem({ headline: 'بازگشایی بوستان محله با حضور شهردار منطقه' });
    item = await svc.act(editor, item.id, 'publish', { expectedVersion: item.version });
    // The same headline was published earlier in this file: the slug gets the id.
    expect(item.slug).toBe(`بازگشایی-بوستان-محله-با-حضور-شهردار-منطقه-${item.id}`);
    const slug = item.slug;

    item = await svc.act(editor, item.id, 'unpublish', { expectedVersion: item.version, note: 'نام محله اشتباه بود.' });
    expect(item.state).toBe('unpublished');
    clock.advanceMinutes(30);
    item = await svc.act(editor, item.id, 'republish', { expectedVersion: item.version });
    expect(item).toMatchObject({ state: 'published', slug });
    expect(item.publishedAt).toEqual(new Date('2026-12-05T07:02:00Z'));
    expect(item.firstPublishedAt).toEqual(new Date('2026-12-05T06:32:00Z'));

    expect((await appError(svc.act(editor, item.id, 'correct', { expectedVersion: item.version }))).fieldErrors.note).toBe(
      'متن اصلاحیه را بنویسید؛ خوانندگان آن را می‌بینند.',
    );
    item = await svc.act(editor, item.id, 'correct', { expectedVersion: item.version, note: 'مساحت بوستان ۱۰ هزار مترمربع است.' });
    expect(item).toMatchObject({ state: 'published', correctionNote: 'مساحت بوستان ۱۰ هزار مترمربع است.' });
    expect(item.correctedAt).toEqual(new Date('2026-12-05T07:02:00Z'));
    expect((await revisionsOf(item.id)).at(-1)!.reason).toBe('correction');

    // An edit with a correction note is a correction in one step.
    item = await svc.update(editor, item.id, input({ headline: 'بازگشایی بوستان وردآورد' }), item.version, { correctionNote: 'نام بوستان اصلاح شد.' });
    expect(item).toMatchObject({ headline: 'بازگشایی بوستان وردآورد', correctionNote: 'نام بوستان اصلاح شد.', slug });
    expect((await revisionsOf(item.id)).at(-1)!.reason).toBe('correction');
    expect((await transitionsOf(item.id)).map((r) => r.action)).toEqual(['submit', 'approve', 'publish', 'unpublish', 'republish', 'correct', 'correct']);
  });

  it('kill needs a reason and is terminal', async () => {
    const item = await approvedItem({ headline: 'خبری که لغو می‌شود' });
    expect((await appError(svc.act(editor, item.id, 'kill', { expectedVersion: item.version, note: '  ' }))).fieldErrors.note).toBe('دلیل لغو خبر را بنویسید.');
    const killed = await svc.act(editor, item.id, 'kill', { expectedVersion: item.version, note: 'برنامه برگزار نشد.' });
    expect(killed).toMatchObject({ state: 'killed', killReason: 'برنامه برگزار نشد.' });
    const err = await appError(svc.act(editor, item.id, 'spike', { expectedVersion: killed.version }));
    expect(err.status).toBe(409);
    expect(err.code).toBe('invalid_transition');
    expect(err.userMessage).toBe('«کنارگذاشتن» در وضعیت «لغوشده» ممکن نیست.');
    expect((await appError(svc.update(editor, item.id, input(), killed.version))).status).toBe(403);
  });

  it('spike and restore: back to the state it had; a spiked scheduled item whose time passed comes back approved', async () => {
    clock.set('2026-12-06T06:30:00Z');
    let pub = await approvedItem({ headline: 'خبر کنارگذاشته و بازگشته' });
    pub = await svc.act(editor, pub.id, 'publish', { expectedVersion: pub.version });
    const spiked = await svc.act(editor, pub.id, 'spike', { expectedVersion: pub.version });
    expect(spiked).toMatchObject({ state: 'spiked', spikedFromState: 'published' });
    expect((await appError(svc.getForUser(reporter3b, pub.id))).status).toBe(404); // colleagues no longer see it
    const back = await svc.act(manager, pub.id, 'restore', { expectedVersion: spiked.version });
    expect(back).toMatchObject({ state: 'published', spikedFromState: null });

    let sch = await approvedItem({ headline: 'زمان‌بندی کنارگذاشته' });
    sch = await svc.act(editor, sch.id, 'schedule', { expectedVersion: sch.version, at: new Date('2026-12-06T08:00:00Z') });
    sch = await svc.act(editor, sch.id, 'spike', { expectedVersion: sch.version });
    expect(await pendingJob(sch.id)).toBeUndefined();
    clock.set('2026-12-06T09:00:00Z');
    sch = await svc.act(editor, sch.id, 'restore', { expectedVersion: sch.version });
    expect(sch).toMatchObject({ state: 'approved', scheduledFor: null });

    let sch2 = await approvedItem({ headline: 'زمان‌بندی کنارگذاشته ۲' });
    sch2 = await svc.act(editor, sch2.id, 'schedule', { expectedVersion: sch2.version, at: new Date('2026-12-06T12:00:00Z') });
    sch2 = await svc.act(editor, sch2.id, 'spike', { expectedVersion: sch2.version });
    sch2 = await svc.act(editor, sch2.id, 'restore', { expectedVersion: sch2.version });
    expect(sch2).toMatchObject({ state: 'scheduled', scheduledFor: new Date('2026-12-06T12:00:00Z') });
    expect((await pendingJob(sch2.id))!.runAt).toEqual(new Date('2026-12-06T12:00:00Z'));

    const draft = await svc.createDraft(reporter3, input({ headline: 'پیش‌نویس رهاشده' }));
    const spikedDraft = await svc.act(editor, draft.id, 'spike', { expectedVersion: 1 });
    expect(spikedDraft.spikedFromState).toBe('draft');
    expect((await svc.getForUser(reporter3, draft.id)).item.state).toBe('spiked'); // the author still sees it
  });
});

describe('newsroom service: the desk inbox', () => {
  it('filters, keyset pages, wait times and the overdue flag against the desk target', async () => {
    // A fresh district so earlier tests' items do not interfere.
    const org = createOrgService({ db: t.db, clock: systemClock });
    const d5 = await org.createUnit({ kind: 'district', parentId: region.id, code: 'R21-D5', name: 'ناحیه ۵' }, { userId: null, label: 'test' });
    const reporter5 = await actor('reporter', { orgUnitId: d5.id }, 'reporter5');
    clock.set('2026-12-10T06:00:00Z');
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const it = await svc.createDraft(
        reporter5,
        input({
          orgUnitId: String(d5.id),
          neighbourhoodId: '',
          departmentId: i === 0 ? String(dept.id) : '',
          kind: i === 1 ? 'notice' : 'news',
          headline: i === 2 ? 'آسفالت خیابان‌های ناحیه' : `خبر شمارهٔ ${i + 1} ناحیهٔ پنج`,
          occurredDate: '۱۴۰۵/۰۹/۱۸',
          occurredTime: '',
        }),
      );
      clock.advanceMinutes(30);
      await svc.act(reporter5, it.id, 'submit', { expectedVersion: 1 });
      ids.push(it.id);
    }
    // Submitted at 06:30, 07:00, 07:30, 08:00, 08:30; now 08:30 → waits 120, 90, 60, 30, 0 minutes.
    const page1 = await svc.inbox(editor, { district: d5.id }, { limit: 2 });
    expect(page1.targetMinutes).toBe(120);
    expect(page1.items.map((i) => i.id)).toEqual([ids[4], ids[3]]);
    expect(page1.items.map((i) => i.waitMinutes)).toEqual([0, 30]);
    expect(page1.next).not.toBeNull();
    const page2 = await svc.inbox(editor, { district: d5.id }, { limit: 2, after: page1.next });
    expect(page2.items.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    const page3 = await svc.inbox(editor, { district: d5.id }, { limit: 2, after: page2.next });
    expect(page3.items.map((i) => i.id)).toEqual([ids[0]]);
    expect(page3.next).toBeNull();
    expect(page3.items[0]).toMatchObject({ waitMinutes: 120, overdue: false, authorDisplayName: expect.any(String) as string });

    clock.advanceMinutes(1);
    const all = await svc.inbox(editor, { district: d5.id }, { limit: 10 });
    expect(all.items.filter((i) => i.overdue).map((i) => i.id)).toEqual([ids[0]]);

    // A stricter target from the PR manager (editors may not change it).
    expect((await appError(svc.setPublishTargetMinutes(editor, 30))).status).toBe(403);
    await svc.setPublishTargetMinutes(manager, '۴۵');
    const strict = await svc.inbox(editor, { district: d5.id }, { limit: 10 });
    expect(strict.targetMinutes).toBe(45);
    expect(strict.items.filter((i) => i.overdue).map((i) => i.id)).toEqual([ids[2], ids[1], ids[0]]);

    expect((await svc.inbox(editor, { district: d5.id, kind: 'notice' })).items.map((i) => i.id)).toEqual([ids[1]]);
    expect((await svc.inbox(editor, { district: d5.id, department: dept.id })).items.map((i) => i.id)).toEqual([ids[0]]);
    expect((await svc.inbox(editor, { district: d5.id, olderThanMinutes: 60 })).items.map((i) => i.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect((await svc.inbox(editor, { district: d5.id, q: 'آسفالت خيابان' })).items.map((i) => i.id)).toEqual([ids[2]]);

    // Approving one: still in the default inbox, and in the state filter.
    const approved = await svc.act(editor, ids[3]!, 'approve', { expectedVersion: 2 });
    expect((await svc.inbox(editor, { district: d5.id, state: 'approved' })).items.map((i) => i.id)).toEqual([approved.id]);
    expect((await svc.inbox(editor, { district: d5.id, state: 'submitted' })).items).toHaveLength(4);

    // From a query string, as the routes will call it.
    const fromQuery = await svc.inboxFromQuery(editor, { district: String(d5.id), kind: '', state: '', limit: '۲' });
    expect(fromQuery.items).toHaveLength(2);
    expect((await appError(svc.inboxFromQuery(editor, { district: String(d5.id), colour: 'red' }))).status).toBe(422);
    expect((await appError(svc.inbox(editor, {}, { after: 'not-a-cursor' }))).status).toBe(400);

    const mine = await svc.myItems(reporter5, {}, { limit: 3 });
    expect(mine.items).toHaveLength(3);
    const mineRest = await svc.myItems(reporter5, {}, { limit: 3, after: mine.next });
    expect(new Set([...mine.items, ...mineRest.items].map((i) => i.id))).toEqual(new Set(ids));
    expect(mineRest.next).toBeNull();
  });
});

describe('newsroom service: bad input gives Persian messages and writes nothing', () => {
  it('refuses overlong titles, unknown fields, bad times and dates, future events; sanitises the body', async () => {
    clock.set('2026-12-01T06:30:00Z');
    const before = await itemCount();
    const long = await appError(svc.createDraft(reporter3, input({ headline: 'ت'.repeat(161) })));
    expect(long.status).toBe(422);
    expect(long.fieldErrors.headline).toBe('«تیتر» حداکثر ۱۶۰ نویسه می‌تواند باشد.');

    const unknown = await appError(svc.createDraft(reporter3, { ...input(), priority: 'high' } as NewsInput));
    expect(unknown.fieldErrors._form).toBe('فیلد ناشناخته در فرم: priority');

    const badTime = await appError(svc.createDraft(reporter3, input({ occurredTime: '۲۵:۳۰' })));
    expect(badTime.fieldErrors.occurredTime).toBe('«ساعت رویداد»: ساعت باید بین ۰۰:۰۰ و ۲۳:۵۹ باشد.');
    const textTime = await appError(svc.createDraft(reporter3, input({ occurredTime: 'ظهر' })));
    expect(textTime.fieldErrors.occurredTime).toMatch(/^«ساعت رویداد»: ساعت باید به شکل/);

    const noDay = await appError(svc.createDraft(reporter3, input({ occurredDate: '۱۴۰۵/۰۷/۳۱' })));
    expect(noDay.fieldErrors.occurredDate).toBe('«تاریخ رویداد»: تاریخ ۱۴۰۵/۰۷/۳۱ وجود ندارد؛ مهر ۳۰ روز دارد.');

    const future = await appError(svc.createDraft(reporter3, input({ occurredDate: '۱۴۰۵/۰۹/۱۲', occurredTime: '' })));
    expect(future.fieldErrors.occurredDate).toMatch(/نمی‌تواند بیش از یک روز بعد از امروز باشد/);

    const areas = await appError(svc.createDraft(reporter3, input({ serviceAreas: ['green_space', 'weather'] })));
    expect(areas.fieldErrors.serviceAreas).toMatch(/^«حوزهٔ خدمات» فقط از این فهرست انتخاب می‌شود: پسماند،/);

    const kind = await appError(svc.createDraft(reporter3, input({ kind: 'rumour' })));
    expect(kind.fieldErrors.kind).toBe('یکی از گزینه‌های «نوع خبر» را انتخاب کنید.');

    const noUnit = await appError(svc.createDraft(reporter3, input({ orgUnitId: '' })));
    expect(noUnit.fieldErrors.orgUnitId).toBe('«ناحیه» را وارد کنید.');

    expect(await itemCount()).toBe(before);

    // Latin, Persian and Arabic-Indic digits alike; the body is sanitised, titles normalised.
    const ok = await svc.createDraft(
      reporter3,
      input({
        headline: 'بازديد شهردار از پروژه "پل" ناحيه ٣',
        occurredTime: '٠٩:١٥',
        body: '<p onclick="x()">متن <script>alert(1)</script><b>مهم</b></p><img src="https://evil.example/x.jpg"><img src="/media/12/w800.webp" alt="بوستان">',
        serviceAreas: 'waste',
      }),
    );
    expect(ok.headline).toBe('بازدید شهردار از پروژه «پل» ناحیه ۳');
    expect(ok.occurredAt).toEqual(new Date('2026-11-30T05:45:00Z'));
    expect(ok.bodyHtml).toBe('<p>متن <strong>مهم</strong></p><img src="/media/12/w800.webp" alt="بوستان" />');
    expect(ok.serviceAreas).toEqual(['waste']);
    const [row] = await t.db.select({ searchText: newsItems.searchText }).from(newsItems).where(eq(newsItems.id, ok.id));
    expect(row!.searchText).toContain('بازدید شهردار');
    expect(row!.searchText).toContain('مهم');
    expect(row!.searchText).not.toContain('alert');
  });

  it('slugs are readable Persian with ASCII digits', () => {
    expect(slugify('بازگشایی بوستان‌ها در ناحیهٔ ۳!')).toBe('بازگشایی-بوستان-ها-در-ناحیه-3');
    expect(slugify('«COVID-19» و شهرداری')).toBe('covid-19-و-شهرداری');
    expect(slugify('؟؟؟')).toBe('khabar');
    expect(slugify('کلمه '.repeat(40)).length).toBeLessThanOrEqual(80);
  });

  it('database constraints back the rules up (a killed item without a reason cannot be stored)', async () => {
    const item = await svc.createDraft(reporter3, input({ headline: 'آزمون قید پایگاه داده' }));
    await expect(t.db.execute(sql`update news_items set state = 'killed' where id = ${item.id}`)).rejects.toThrow();
    await expect(t.db.execute(sql`update news_items set service_areas = array['weather'] where id = ${item.id}`)).rejects.toThrow();
    const [n] = await t.db.select({ n: count() }).from(newsNotes).where(eq(newsNotes.newsId, item.id));
    expect(n!.n).toBe(0);
  });
});
