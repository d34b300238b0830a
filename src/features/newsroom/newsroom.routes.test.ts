// The newsroom pages through HTTP (app.inject) with real sign-in, CSRF tokens and a
// fresh database: the whole desk flow, rejected forms, stale saves, double clicks,
// scope, the inbox filters, the sanitiser, autosave and the «ویراستار».
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type CookieJar } from '../../../test/helpers/build-app.js';
import { createUserWithRole, csrfTokenFor, getPage, loginAs, postForm } from '../../../test/helpers/login.js';
import type { TestDatabase } from '../../../test/helpers/test-db.js';
import type { Clock } from '../../core/clock.js';
import { newIdempotencyKey } from '../../core/http/idempotency.js';
import { formatJalaliNumeric } from '../../core/persian/index.js';
import { createOrgService, type Department, type OrgUnit } from '../org/index.js';
import { createNewsroomService, type NewsActor, type NewsroomService } from './index.js';
import { bodyFromForm, normalizeHtmlText } from './newsroom.routes.js';

/** A clock the test moves by hand: Tehran 10:00 on 1405/09/10. */
const clock = (() => {
  let t = new Date('2026-12-01T06:30:00Z').getTime();
  return {
    now: () => new Date(t),
    advanceMinutes(m: number) {
      t += m * 60_000;
    },
  } satisfies Clock & Record<string, unknown>;
})();

let app: FastifyInstance;
let database: TestDatabase;
let svc: NewsroomService;
let region: OrgUnit;
let d1: OrgUnit;
let d3: OrgUnit;
let n3: OrgUnit;
let dept: Department;
let reporter3: { jar: CookieJar; actor: NewsActor };
let reporter1: { jar: CookieJar; actor: NewsActor };
let editor: { jar: CookieJar; actor: NewsActor };
let managerActor: NewsActor;
let admin: CookieJar;

const orgActor = { userId: null, label: 'test' };

async function person(role: 'reporter' | 'pr_editor' | 'pr_manager' | 'admin', orgUnitId: number) {
  const { user, password } = await createUserWithRole(database, role, { orgUnitId }, { displayName: `${role} ${orgUnitId}` });
  const jar = await loginAs(app, user.username, password);
  return { jar, actor: { id: user.id, username: user.username, memberships: user.memberships } satisfies NewsActor };
}

/** The value attribute of the named input in a page. */
function inputValue(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  return tag ? /value="([^"]*)"/.exec(tag)?.[1] : undefined;
}

function textareaValue(html: string, name: string): string | undefined {
  return new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html)?.[1];
}

function itemIdFrom(location: unknown): number {
  const m = /^\/staff\/news\/(\d+)/.exec(String(location));
  if (!m) throw new Error(`not an item location: ${String(location)}`);
  return Number(m[1]);
}

function newsFields(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    kind: 'news',
    overline: 'شهردار ناحیهٔ ۳ در بازدید از بوستان:',
    headline: 'بازسازی بوستان محله آغاز شد',
    lead: 'عملیات بازسازی بوستان محلهٔ نمونه با حضور شهردار ناحیه آغاز شد.',
    body: '<p>متن خبر دربارهٔ بازسازی بوستان.</p>',
    sourceLine: 'به نقل از روابط عمومی شهرداری ناحیه ۳',
    orgUnitId: String(d3.id),
    neighbourhoodId: String(n3.id),
    departmentId: '',
    serviceAreas: ['green_space', 'culture_social'],
    occurredDate: '۱۴۰۵/۰۹/۱۰',
    occurredTime: '۰۹:۳۰',
    ...overrides,
  };
}

async function createAs(who: { jar: CookieJar }, overrides: Record<string, string | string[]> = {}, intent = 'save') {
  const res = await postForm(app, who.jar, '/staff/news', { ...newsFields(overrides), intent, idempotency_key: newIdempotencyKey() });
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
  return itemIdFrom(res.headers.location);
}

async function stateOf(id: number) {
  return (await svc.getForUser(editor.actor, id)).item;
}

async function act(who: { jar: CookieJar }, id: number, action: string, extra: Record<string, string> = {}) {
  const item = await stateOf(id);
  return postForm(app, who.jar, `/staff/news/${id}/actions`, {
    action,
    version: String(item.version),
    idempotency_key: newIdempotencyKey(),
    ...extra,
  });
}

beforeAll(async () => {
  ({ app, database } = await buildTestApp({ clock }));
  const org = createOrgService({ db: database.db, clock });
  svc = createNewsroomService({ db: database.db, clock, org });
  const existing = await org.getRegion();
  region = existing ?? (await org.createUnit({ kind: 'region', code: 'R21', name: 'منطقه ۲۱' }, orgActor));
  d1 = await org.createUnit({ kind: 'district', parentId: region.id, code: 'R21-D1', name: 'ناحیه ۱' }, orgActor);
  d3 = await org.createUnit({ kind: 'district', parentId: region.id, code: 'R21-D3', name: 'ناحیه ۳' }, orgActor);
  n3 = await org.createUnit({ kind: 'neighbourhood', parentId: d3.id, code: 'R21-N31', name: 'محلهٔ نمونه' }, orgActor);
  dept = await org.createDepartment({ orgUnitId: region.id, kind: 'deputy', key: 'urban_services', name: 'معاونت خدمات شهری' }, orgActor);
  reporter3 = await person('reporter', d3.id);
  reporter1 = await person('reporter', d1.id);
  editor = await person('pr_editor', region.id);
  managerActor = (await person('pr_manager', region.id)).actor;
  admin = (await person('admin', region.id)).jar;
});

describe('the news form', () => {
  it('offers the Persian news structure, the writer’s own district, the editor island and autosave', async () => {
    const res = await getPage(app, reporter3.jar, '/staff/news/new');
    expect(res.statusCode).toBe(200);
    for (const name of ['overline', 'headline', 'sourceLine', 'occurredDate', 'occurredTime', 'idempotency_key']) {
      expect(res.body, name).toContain(`name="${name}"`);
    }
    expect(res.body).toContain('<textarea class="textarea news-body__source" id="body" name="body"');
    expect(res.body).toContain('data-module="news-editor"');
    expect(res.body).toContain('src="/static/js/news-editor.js"');
    expect(res.body).toContain('src="/static/js/autosave.js"');
    expect(res.body).toContain('data-autosave-url="/staff/news/autosave"');
    expect(res.body).toContain('name="serviceAreas"');
    // A District 3 reporter files for District 3 only, with the source line prefilled.
    expect(res.body).toContain(`<option value="${d3.id}" selected>ناحیه ۳</option>`);
    expect(res.body).not.toContain(`<option value="${d1.id}"`);
    expect(inputValue(res.body, 'sourceLine')).toBe('به نقل از روابط عمومی شهرداری ناحیه ۳');
    expect(inputValue(res.body, 'idempotency_key')).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    // The staff nav has «خبرها» for writers.
    expect(res.body).toMatch(/<a class="site-nav__link" href="\/staff\/news" aria-current="page">خبرها<\/a>/);
  });

  it('is refused to staff without a newsroom role, and the nav does not offer it', async () => {
    expect((await getPage(app, admin, '/staff/news')).statusCode).toBe(403);
    const home = await getPage(app, admin, '/staff');
    expect(home.body).not.toContain('href="/staff/news"');
  });

  it('re-renders a rejected form with 422, an error summary and every typed value', async () => {
    const res = await postForm(app, reporter3.jar, '/staff/news', {
      ...newsFields({ headline: '', occurredDate: '۱۴۰۵/۱۳/۰۱', lead: 'لید تایپ‌شده' }),
      intent: 'save',
      idempotency_key: newIdempotencyKey(),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain('href="#headline"');
    expect(res.body).toContain('<title>خطا: نوشتن خبر تازه');
    expect(inputValue(res.body, 'overline')).toBe('شهردار ناحیهٔ ۳ در بازدید از بوستان:');
    expect(inputValue(res.body, 'occurredDate')).toBe('۱۴۰۵/۱۳/۰۱');
    expect(textareaValue(res.body, 'lead')).toBe('لید تایپ‌شده');
    expect(textareaValue(res.body, 'body')).toBe('&lt;p>متن خبر دربارهٔ بازسازی بوستان.&lt;/p>');
    expect(res.body).toMatch(/value="green_space" checked/);
    expect(res.body).toMatch(/value="culture_social" checked/);
    expect(res.body).not.toMatch(/value="waste" checked/);
    expect((await svc.myItems(reporter3.actor)).items.find((i) => i.headline === '')).toBeUndefined();
    const badDate = await postForm(app, reporter3.jar, '/staff/news', { ...newsFields({ occurredDate: '۱۴۰۵/۱۲/۳۱' }), idempotency_key: newIdempotencyKey() });
    expect(badDate.statusCode).toBe(422);
    expect(badDate.body).toContain('href="#occurredDate"');
    expect(badDate.body).toContain('اسفند ۱۴۰۵ ۲۹ روز دارد');
  });

  it('refuses a post without the CSRF token', async () => {
    const res = await postForm(app, reporter3.jar, '/staff/news', { ...newsFields(), idempotency_key: newIdempotencyKey() }, { csrf: null });
    expect(res.statusCode).toBe(403);
  });

  it('sanitises the body: no script, no foreign image, no handler', async () => {
    const id = await createAs(reporter3, {
      headline: 'خبر با اسکریپت',
      body: '<p onclick="x()">سلام</p><script>alert(1)</script><img src="https://evil.example/x.png" onerror="alert(2)"><h2>زیرتیتر</h2>',
    });
    const item = await stateOf(id);
    expect(item.bodyHtml).toBe('<p>سلام</p><h2>زیرتیتر</h2>');
    const page = await getPage(app, reporter3.jar, `/staff/news/${id}`);
    expect(page.body).not.toContain('alert(');
    expect(page.body).toContain('<h2>زیرتیتر</h2>');
  });

  it('turns a plain-text body (no JavaScript editor) into paragraphs', async () => {
    const id = await createAs(reporter3, { headline: 'خبر متن ساده', body: 'بند نخست\nبا خط دوم\n\nبند دوم <و> & نشانه' });
    expect((await stateOf(id)).bodyHtml).toBe('<p>بند نخست<br />با خط دوم</p><p>بند دوم &lt;و&gt; &amp; نشانه</p>');
    expect(bodyFromForm('<p>HTML</p>')).toBe('<p>HTML</p>');
  });
});

describe('the desk flow through HTTP', () => {
  it('create → submit → request changes (note required) → resubmit → approve → publish', async () => {
    // The writer saves a draft, lands on its edit page, then submits.
    const created = await postForm(app, reporter3.jar, '/staff/news', { ...newsFields(), intent: 'save', idempotency_key: newIdempotencyKey() });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toMatch(/^\/staff\/news\/\d+\/edit$/);
    const id = itemIdFrom(created.headers.location);
    const edit = await getPage(app, reporter3.jar, `/staff/news/${id}/edit`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('انجام شد:');
    expect(inputValue(edit.body, 'version')).toBe('1');
    expect(inputValue(edit.body, 'occurredTime')).toBe('۰۹:۳۰');
    expect(edit.body).toContain(`data-autosave-url="/staff/news/${id}/autosave"`);

    const submitted = await postForm(app, reporter3.jar, `/staff/news/${id}`, {
      ...newsFields(),
      version: '1',
      intent: 'submit',
      idempotency_key: newIdempotencyKey(),
    });
    expect(submitted.statusCode).toBe(303);
    expect(submitted.headers.location).toBe(`/staff/news/${id}`);
    expect((await stateOf(id)).state).toBe('submitted');

    // The desk sees it in the inbox.
    const inbox = await getPage(app, editor.jar, '/staff/news');
    expect(inbox.statusCode).toBe(200);
    expect(inbox.body).toContain('<h1>میز خبر</h1>');
    expect(inbox.body).toContain(`href="/staff/news/${id}"`);

    // A change request without a note is refused, keeping the form open.
    const noNote = await act(editor, id, 'request_changes', { note: '' });
    expect(noNote.statusCode).toBe(422);
    expect(noNote.body).toContain('href="#note-request_changes"');
    expect(noNote.body).toMatch(/<details class="action-details" open/);
    expect((await stateOf(id)).state).toBe('submitted');

    const changes = await act(editor, id, 'request_changes', { note: 'نام بوستان را در لید بیاورید.' });
    expect(changes.statusCode).toBe(303);
    expect((await stateOf(id)).state).toBe('changes_requested');

    // The writer sees the note, fixes the lead and resubmits.
    const page = await getPage(app, reporter3.jar, `/staff/news/${id}`);
    expect(page.body).toContain('نیازمند اصلاح');
    expect(page.body).toContain('نام بوستان را در لید بیاورید.');
    expect(page.body).toContain('>ارسال برای دبیر</button>');
    const fixed = await postForm(app, reporter3.jar, `/staff/news/${id}`, {
      ...newsFields({ lead: 'عملیات بازسازی بوستان ولایت در محلهٔ نمونه با حضور شهردار ناحیه آغاز شد.' }),
      version: String((await stateOf(id)).version),
      intent: 'submit',
      idempotency_key: newIdempotencyKey(),
    });
    expect(fixed.statusCode).toBe(303);
    expect((await stateOf(id)).state).toBe('submitted');

    // The editor approves, edits the headline, and publishes.
    expect((await act(editor, id, 'approve')).statusCode).toBe(303);
    expect((await stateOf(id)).state).toBe('approved');
    const edited = await postForm(app, editor.jar, `/staff/news/${id}`, {
      ...newsFields({ headline: 'بازسازی بوستان ولایت آغاز شد', lead: 'عملیات بازسازی بوستان ولایت در محلهٔ نمونه با حضور شهردار ناحیه آغاز شد.' }),
      version: String((await stateOf(id)).version),
      intent: 'save',
      idempotency_key: newIdempotencyKey(),
    });
    expect(edited.statusCode).toBe(303);
    const published = await act(editor, id, 'publish');
    expect(published.statusCode).toBe(303);
    const item = await stateOf(id);
    expect(item.state).toBe('published');
    expect(item.firstPublishedAt).not.toBeNull();

    const view = await getPage(app, editor.jar, `/staff/news/${id}`);
    expect(view.body).toContain('خبر منتشر شد.');
    expect(view.body).toContain('منتشرشده');
    expect(view.body).toContain('از ارسال تا انتشار');
    expect(view.body).toContain('تغییرات دبیر');
    expect(view.body).toMatch(/<del class="word-diff__del">.*بازسازی/);
    expect(view.body).toMatch(/<ins class="word-diff__ins">.*ولایت/);
    // A published item offers the editor's later steps, each with the version and a key.
    expect(view.body).toContain('value="unpublish"');
    expect(view.body).toContain('value="correct"');
    expect(view.body).not.toContain('value="approve"');
    expect(view.body).toContain('درخواست اصلاح');
    expect(view.body).toContain('<h2 id="revisions-title">نسخه‌ها</h2>');
  });

  it('schedules with a Jalali date and time, unschedules, kills only with a reason, spikes and restores', async () => {
    const id = await createAs(reporter3, { headline: 'خبر زمان‌بندی‌شده' }, 'submit');
    expect((await act(editor, id, 'approve')).statusCode).toBe(303);
    const tomorrow = formatJalaliNumeric(new Date(clock.now().getTime() + 24 * 3_600_000));
    const badTime = await act(editor, id, 'schedule', { date: tomorrow, time: '۲۵:۰۰' });
    expect(badTime.statusCode).toBe(422);
    expect(badTime.body).toContain('href="#date-schedule"');
    expect(inputValue(badTime.body, 'time')).toBe('۲۵:۰۰');
    const scheduled = await act(editor, id, 'schedule', { date: tomorrow, time: '۰۸:۰۰' });
    expect(scheduled.statusCode).toBe(303);
    const item = await stateOf(id);
    expect(item.state).toBe('scheduled');
    expect(item.scheduledFor?.toISOString()).toMatch(/T04:30:00\.000Z$/);
    const page = await getPage(app, editor.jar, `/staff/news/${id}`);
    expect(page.body).toContain('انتشار در');
    expect(page.body).toContain('value="unschedule"');
    expect((await act(editor, id, 'unschedule')).statusCode).toBe(303);
    expect((await stateOf(id)).state).toBe('approved');

    const noReason = await act(editor, id, 'kill', { note: '' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('href="#note-kill"');
    expect((await act(editor, id, 'spike')).statusCode).toBe(303);
    expect((await stateOf(id)).state).toBe('spiked');
    expect((await act(editor, id, 'restore')).statusCode).toBe(303);
    expect((await stateOf(id)).state).toBe('approved');
    expect((await act(editor, id, 'kill', { note: 'رویداد لغو شد.' })).statusCode).toBe(303);
    const killed = await getPage(app, editor.jar, `/staff/news/${id}`);
    expect(killed.body).toContain('لغوشده');
    expect(killed.body).toContain('رویداد لغو شد.');
  });

  it('a refused submit keeps the saved draft, names what is missing, and the corrected form goes through', async () => {
    const id = await createAs(reporter3, { headline: 'خبر بی‌لید', lead: '' });
    const key = newIdempotencyKey();
    const refused = await postForm(app, reporter3.jar, `/staff/news/${id}`, {
      ...newsFields({ headline: 'خبر بی‌لید (ویرایش‌شده)', lead: '' }),
      version: '1',
      intent: 'submit',
      idempotency_key: key,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('هنوز برای دبیر فرستاده نشد');
    expect(refused.body).toContain('href="#lead"');
    expect((await stateOf(id)).headline).toBe('خبر بی‌لید (ویرایش‌شده)');
    expect((await stateOf(id)).state).toBe('draft');
    // The form comes back on the saved version with a fresh key (the first one is spent).
    expect(inputValue(refused.body, 'version')).toBe('2');
    const nextKey = inputValue(refused.body, 'idempotency_key')!;
    expect(nextKey).not.toBe(key);
    const ok = await postForm(app, reporter3.jar, `/staff/news/${id}`, {
      ...newsFields({ headline: 'خبر بی‌لید (ویرایش‌شده)', lead: 'لید اکنون نوشته شد.' }),
      version: '2',
      intent: 'submit',
      idempotency_key: nextKey,
    });
    expect(ok.statusCode).toBe(303);
    const item = await stateOf(id);
    expect(item.state).toBe('submitted');
    expect(item.lead).toBe('لید اکنون نوشته شد.');
  });

  it('a double-clicked action happens once (same idempotency key)', async () => {
    const id = await createAs(reporter3, { headline: 'خبر دوبار کلیک' }, 'submit');
    const item = await stateOf(id);
    expect(item.state).toBe('submitted');
    const key = newIdempotencyKey();
    const fields = { action: 'approve', version: String(item.version), idempotency_key: key };
    const first = await postForm(app, editor.jar, `/staff/news/${id}/actions`, fields);
    const second = await postForm(app, editor.jar, `/staff/news/${id}/actions`, fields);
    expect(first.statusCode).toBe(303);
    expect(second.statusCode).toBe(303);
    const approvals = (await svc.listTransitions(editor.actor, id)).filter((t) => t.action === 'approve');
    expect(approvals).toHaveLength(1);
  });

  it('a double-clicked create makes one item', async () => {
    const key = newIdempotencyKey();
    const fields = { ...newsFields({ headline: 'خبر یک‌بار ساخته‌شده' }), intent: 'save', idempotency_key: key };
    const a = await postForm(app, reporter3.jar, '/staff/news', fields);
    const b = await postForm(app, reporter3.jar, '/staff/news', fields);
    expect(a.headers.location).toBe(b.headers.location);
    const mine = await svc.myItems(reporter3.actor, { q: 'یک‌بار ساخته‌شده' });
    expect(mine.items).toHaveLength(1);
  });

  it('a stale save is a 409 page with both versions, and nothing is overwritten', async () => {
    const id = await createAs(reporter3, { headline: 'تیتر نخست' });
    // Someone else (here: the same writer in another tab) saves first.
    const other = await postForm(app, reporter3.jar, `/staff/news/${id}`, {
      ...newsFields({ headline: 'تیتر از زبانهٔ دیگر' }),
      version: '1',
      intent: 'save',
      idempotency_key: newIdempotencyKey(),
    });
    expect(other.statusCode).toBe(303);
    const stale = await postForm(app, reporter3.jar, `/staff/news/${id}`, {
      ...newsFields({ headline: 'تیتر من', body: '<p>متن من که نباید گم شود</p>' }),
      version: '1',
      intent: 'save',
      idempotency_key: newIdempotencyKey(),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('تغییرات شما ذخیره نشد');
    expect(stale.body).toContain('نسخهٔ شما (ذخیره‌نشده)');
    expect(stale.body).toContain('نسخهٔ کنونی (نسخهٔ ۲)');
    expect(stale.body).toMatch(/<textarea[^>]*id="mine-headline"[^>]*readonly[^>]*>تیتر من<\/textarea>/);
    expect(stale.body).toContain('متن من که نباید گم شود');
    expect(stale.body).toContain('تیتر از زبانهٔ دیگر');
    expect(stale.body).toContain(`href="/staff/news/${id}/edit"`);
    // «Save mine instead» carries the current version.
    expect(stale.body).toMatch(/<input type="hidden" name="version" value="2"/);
    expect((await stateOf(id)).headline).toBe('تیتر از زبانهٔ دیگر');
  });

  it('a stale action explains itself (409) and changes nothing', async () => {
    const id = await createAs(reporter3, { headline: 'خبر برای اقدام کهنه' }, 'submit');
    const version = (await stateOf(id)).version;
    expect((await act(editor, id, 'approve')).statusCode).toBe(303);
    const stale = await postForm(app, editor.jar, `/staff/news/${id}/actions`, { action: 'publish', version: String(version), idempotency_key: newIdempotencyKey() });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('این خبر در این فاصله تغییر کرده است');
    expect((await stateOf(id)).state).toBe('approved');
  });

  it('notes thread: append-only, newest last, @mentions set apart, double posts kept once', async () => {
    const id = await createAs(reporter3, { headline: 'خبر با یادداشت' }, 'submit');
    const first = await postForm(app, editor.jar, `/staff/news/${id}/notes`, { body: `@${reporter3.actor.username} عکس بهتری هست؟` });
    expect(first.statusCode).toBe(303);
    await postForm(app, editor.jar, `/staff/news/${id}/notes`, { body: `@${reporter3.actor.username} عکس بهتری هست؟` });
    await postForm(app, reporter3.jar, `/staff/news/${id}/notes`, { body: 'بله، فردا می‌فرستم.' });
    const notes = await svc.listNotes(editor.actor, id);
    expect(notes.map((n) => n.body)).toEqual([`@${reporter3.actor.username} عکس بهتری هست؟`, 'بله، فردا می‌فرستم.']);
    const page = await getPage(app, reporter3.jar, `/staff/news/${id}`);
    expect(page.body).toContain(`<bdi class="mention">@${reporter3.actor.username}</bdi>`);
    expect(page.body.indexOf('عکس بهتری')).toBeLessThan(page.body.indexOf('فردا می‌فرستم'));
    const empty = await postForm(app, reporter3.jar, `/staff/news/${id}/notes`, { body: '  ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('href="#note-body"');
  });

  it('revisions: an earlier version can be restored as a new one', async () => {
    const id = await createAs(reporter3, { headline: 'تیتر نسخهٔ یک' });
    await postForm(app, reporter3.jar, `/staff/news/${id}`, {
      ...newsFields({ headline: 'تیتر نسخهٔ دو' }),
      version: '1',
      intent: 'save',
      idempotency_key: newIdempotencyKey(),
    });
    const page = await getPage(app, reporter3.jar, `/staff/news/${id}`);
    expect(page.body).toContain(`action="/staff/news/${id}/revisions/1/restore"`);
    const res = await postForm(app, reporter3.jar, `/staff/news/${id}/revisions/1/restore`, { version: '2' });
    expect(res.statusCode).toBe(303);
    const item = await stateOf(id);
    expect(item.headline).toBe('تیتر نسخهٔ یک');
    expect(item.version).toBe(3);
  });
});

describe('scope', () => {
  it('a District 3 reporter cannot see a District 1 item (404) nor act on it', async () => {
    const id = await createAs(reporter1, { headline: 'خبر ناحیهٔ یک', orgUnitId: String(d1.id), neighbourhoodId: '', sourceLine: '' }, 'submit');
    expect((await getPage(app, reporter3.jar, `/staff/news/${id}`)).statusCode).toBe(404);
    expect((await getPage(app, reporter3.jar, `/staff/news/${id}/edit`)).statusCode).toBe(404);
    const approve = await postForm(app, reporter3.jar, `/staff/news/${id}/actions`, { action: 'approve', version: '2', idempotency_key: newIdempotencyKey() });
    expect(approve.statusCode).toBe(404);
    expect((await stateOf(id)).state).toBe('submitted');
  });

  it('a reporter cannot approve even their own item (403)', async () => {
    const id = await createAs(reporter3, { headline: 'خبری که نویسنده نمی‌تواند تأیید کند' }, 'submit');
    const res = await act(reporter3, id, 'approve');
    expect(res.statusCode).toBe(403);
    expect((await stateOf(id)).state).toBe('submitted');
  });

  it('a reporter cannot file for another district', async () => {
    const res = await postForm(app, reporter3.jar, '/staff/news', { ...newsFields({ orgUnitId: String(d1.id), neighbourhoodId: '' }), idempotency_key: newIdempotencyKey() });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#orgUnitId"');
  });

  it('writers get «خبرهای من», not the desk', async () => {
    const res = await getPage(app, reporter3.jar, '/staff/news');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>خبرهای من</h1>');
    expect(res.body).toContain('بازسازی بوستان');
    expect(res.body).not.toContain('خبر ناحیهٔ یک');
  });
});

describe('the desk inbox', () => {
  it('filters by district, kind, state and text in the URL, and flags overdue items', async () => {
    const notice = await createAs(reporter1, { kind: 'notice', headline: 'اطلاعیهٔ قطع آب ناحیهٔ یک', orgUnitId: String(d1.id), neighbourhoodId: '', sourceLine: '' }, 'submit');
    const visit = await createAs(reporter3, { headline: 'بازدید شهردار از کارگاه', departmentId: String(dept.id) }, 'submit');

    const byDistrict = await getPage(app, editor.jar, `/staff/news?district=${d1.id}`);
    expect(byDistrict.statusCode).toBe(200);
    expect(byDistrict.body).toContain(`href="/staff/news/${notice}"`);
    expect(byDistrict.body).not.toContain(`href="/staff/news/${visit}"`);
    expect(byDistrict.body).toContain(`<option value="${d1.id}" selected>ناحیه ۱</option>`);

    const byKind = await getPage(app, editor.jar, '/staff/news?kind=notice');
    expect(byKind.body).toContain(`href="/staff/news/${notice}"`);
    expect(byKind.body).not.toContain(`href="/staff/news/${visit}"`);

    const byDept = await getPage(app, editor.jar, `/staff/news?department=${dept.id}`);
    expect(byDept.body).toContain(`href="/staff/news/${visit}"`);
    expect(byDept.body).not.toContain(`href="/staff/news/${notice}"`);

    const byText = await getPage(app, editor.jar, `/staff/news?q=${encodeURIComponent('كارگاه')}`);
    expect(byText.body).toContain(`href="/staff/news/${visit}"`);
    expect(byText.body).not.toContain(`href="/staff/news/${notice}"`);

    const byState = await getPage(app, editor.jar, '/staff/news?state=published');
    expect(byState.body).not.toContain(`href="/staff/news/${visit}"`);

    // Nothing is late yet; with a 5-minute target and 10 minutes gone, both are.
    expect((await getPage(app, editor.jar, '/staff/news')).body).not.toContain('>دیرکرد</strong>');
    await svc.setPublishTargetMinutes(managerActor, 5);
    clock.advanceMinutes(10);
    const late = await getPage(app, editor.jar, `/staff/news?district=${d3.id}`);
    expect(late.body).toContain('>دیرکرد</strong>');
    expect(late.body).toContain('۱۰ دقیقه');
    const older = await getPage(app, editor.jar, '/staff/news?age=60');
    expect(older.body).not.toContain(`href="/staff/news/${visit}"`);
  });

  it('pages by keyset: «بعدی» carries the cursor and the filters, each item shown once', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 27; i += 1) {
      const item = await svc.createDraft(reporter3.actor, { kind: 'news', headline: `گزارش صفحه‌بندی شمارهٔ ${i}`, lead: 'لید', body: '<p>متن</p>', orgUnitId: d3.id });
      await svc.act(reporter3.actor, item.id, 'submit', { expectedVersion: item.version });
      ids.push(item.id);
    }
    const rowsOf = (html: string) => [...html.matchAll(/<a href="\/staff\/news\/(\d+)" dir="auto" class="news-row__headline"/g)].map((m) => Number(m[1]));
    const first = await getPage(app, editor.jar, `/staff/news?q=${encodeURIComponent('صفحه‌بندی')}`);
    const page1 = rowsOf(first.body);
    expect(page1).toHaveLength(25);
    const next = /<a class="pagination__link" rel="next" href="([^"]+)"/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toMatch(/[?&]q=/);
    expect(next).toMatch(/[?&]after=/);
    const second = await getPage(app, editor.jar, next!);
    const page2 = rowsOf(second.body);
    expect(page2).toHaveLength(2);
    expect(new Set([...page1, ...page2])).toEqual(new Set(ids));
    expect(second.body).toContain('صفحهٔ نخست');
    expect(second.body).not.toContain('rel="next"');
  });

  it('a bad filter is a 422 with the error beside the filter', async () => {
    const res = await getPage(app, editor.jar, '/staff/news?district=abc');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#district"');
  });
});

describe('autosave', () => {
  it('creates one draft for repeated posts with the same key, then saves by version, and a stale one is 409', async () => {
    const key = newIdempotencyKey();
    const fields = { ...newsFields({ headline: 'پیش‌نویس خودکار' }), idempotency_key: key };
    const post = async (url: string, f: Record<string, string | string[]>) => {
      const body = new URLSearchParams();
      body.append('_csrf', await csrfTokenFor(app, reporter3.jar));
      for (const [k, v] of Object.entries(f)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
      return app.inject({
        method: 'POST',
        url,
        headers: { cookie: reporter3.jar.header(), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        payload: body.toString(),
      });
    };
    const a = await post('/staff/news/autosave', fields);
    const b = await post('/staff/news/autosave', fields);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    const ja = a.json() as { id: number; version: number; saveUrl: string; autosaveUrl: string };
    expect(b.json().id).toBe(ja.id);
    expect(ja.autosaveUrl).toBe(`/staff/news/${ja.id}/autosave`);
    expect((await svc.myItems(reporter3.actor, { q: 'پیش‌نویس خودکار' })).items).toHaveLength(1);

    const saved = await post(ja.autosaveUrl, { ...fields, headline: 'پیش‌نویس خودکار دوم', version: String(ja.version), idempotency_key: newIdempotencyKey() });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().version).toBe(ja.version + 1);
    const stale = await post(ja.autosaveUrl, { ...fields, headline: 'نسخهٔ کهنه', version: String(ja.version), idempotency_key: newIdempotencyKey() });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.version).toBe(ja.version + 1);
    expect((await stateOf(ja.id)).headline).toBe('پیش‌نویس خودکار دوم');

    const noKey = await post('/staff/news/autosave', { ...fields, idempotency_key: '' });
    expect(noKey.statusCode).toBe(400);
    const incomplete = await post('/staff/news/autosave', { ...fields, headline: '', idempotency_key: newIdempotencyKey() });
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json().error.fields.headline).toBeTruthy();
  });
});

describe('the «ویراستار»', () => {
  it('shows normalisation suggestions as a word diff and applies one on request, saving nothing', async () => {
    const fields = {
      ...newsFields({ headline: 'كتابها را میبینیم', body: '<p>این خبر ,مهم است و <strong>كتابها</strong></p>' }),
      idempotency_key: newIdempotencyKey(),
    };
    const res = await postForm(app, reporter3.jar, '/staff/news/editor-suggestions', fields);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('پیشنهادهای ویراستار');
    expect(res.body).toMatch(/<del class="word-diff__del">/);
    expect(res.body).toMatch(/<ins class="word-diff__ins">/);
    expect(res.body).toContain('name="apply" value="headline"');
    expect(inputValue(res.body, 'headline')).toBe('كتابها را میبینیم');
    expect(inputValue(res.body, 'idempotency_key')).toBe(fields.idempotency_key);

    const applied = await postForm(app, reporter3.jar, '/staff/news/editor-suggestions', { ...fields, apply: 'all' });
    expect(inputValue(applied.body, 'headline')).toBe('کتاب‌ها را می‌بینیم');
    expect(textareaValue(applied.body, 'body')).toBe('&lt;p>این خبر، مهم است و &lt;strong>کتاب‌ها&lt;/strong>&lt;/p>');
    expect((await svc.myItems(reporter3.actor, { q: 'میبینیم' })).items).toHaveLength(0);
  });

  it('normalises text nodes only, never markup', () => {
    // Each text node is normalised on its own, its edge spaces kept; attributes are untouched.
    expect(normalizeHtmlText('<p>کتابها <a href="/x?a=1,b">لینك  ها</a> و  میشود</p>')).toBe('<p>کتاب‌ها <a href="/x?a=1,b">لینک\u200cها</a> و می‌شود</p>');
    expect(normalizeHtmlText('<p>a &amp; b &lt; c</p>')).toBe('<p>a &amp; b &lt; c</p>');
  });
});

describe('notifications and the desk target', () => {
  it('shows a writer the changes the desk asked for, and marks them read', async () => {
    const id = await createAs(reporter3, {}, 'submit');
    await act(editor, id, 'request_changes', { note: 'لطفاً نام محله را دقیق بنویسید.' });
    const list = await getPage(app, reporter3.jar, '/staff/news');
    expect(list.body).toContain('اعلان‌های تازه');
    expect(list.body).toContain('درخواست اصلاح');
    const read = await postForm(app, reporter3.jar, '/staff/news/notifications/read', {}, { from: '/staff/news' });
    expect(read.statusCode).toBe(303);
    const after = await getPage(app, reporter3.jar, '/staff/news');
    expect(after.body).not.toContain('اعلان‌های تازه');
  });

  it('lets only the PR manager change the publish target, with Persian digits accepted', async () => {
    const manager = await person('pr_manager', region.id);
    const page = await getPage(app, manager.jar, '/staff/news');
    expect(page.body).toContain('هدف زمان انتشار میز');
    const ok = await postForm(app, manager.jar, '/staff/news/settings', { minutes: '۹۰' }, { from: '/staff/news' });
    expect(ok.statusCode).toBe(303);
    expect((await svc.deskSettings()).publishTargetMinutes).toBe(90);

    const bad = await postForm(app, manager.jar, '/staff/news/settings', { minutes: 'دو ساعت' }, { from: '/staff/news' });
    expect(bad.statusCode).toBe(422);
    expect((await svc.deskSettings()).publishTargetMinutes).toBe(90);

    const editorTry = await postForm(app, editor.jar, '/staff/news/settings', { minutes: '30' }, { from: '/staff/news' });
    expect(editorTry.statusCode).toBe(403);
    expect((await getPage(app, editor.jar, '/staff/news')).body).not.toContain('هدف زمان انتشار میز');
    expect((await svc.deskSettings()).publishTargetMinutes).toBe(90);
  });
});
