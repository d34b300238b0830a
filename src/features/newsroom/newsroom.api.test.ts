// The newsroom JSON API through the app (app.inject) on a real PostgreSQL: personal API
// tokens, the same rules as the pages, strict validation with Persian messages, version
// conflicts, idempotency, keyset pagination, CSRF for browser sessions, and the OpenAPI
// document checked against the registered /api/v1 routes.
import Fastify from 'fastify';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.js';
import type { Role } from '../../core/roles.js';
import { useZodApi } from '../../core/http/openapi.js';
import { systemActor } from '../auth/index.js';
import { createOrgService, type OrgUnit } from '../org/index.js';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import { authServiceFor, createUserWithRole, csrfTokenFor, ensureRegion, loginAs, type Scope } from '../../../test/helpers/login.js';
import { newsItems, newsTransitions } from './newsroom.tables.js';

const { app, database } = await buildTestApp();

let region: OrgUnit;
let d1: OrgUnit;
let d3: OrgUnit;
let n3: OrgUnit;

interface Person {
  id: number;
  username: string;
  password: string;
  token: string;
}

let reporter3: Person;
let reporter1: Person;
let editor: Person;
let official: Person;

async function person(role: Role, scope: Scope): Promise<Person> {
  const { user, password } = await createUserWithRole(database, role, scope);
  const { token } = await authServiceFor(database).createApiToken(user.id, 'یکپارچه‌سازی آزمایشی', systemActor);
  return { id: user.id, username: user.username, password, token };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function api(who: Person | null, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) {
  const res = await app.inject({
    method,
    url,
    headers: { ...(who ? { authorization: `Bearer ${who.token}` } : {}), ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
  // json() is untyped: the assertions below read the documented shapes.
  return { status: res.statusCode, body: res.json(), headers: res.headers };
}

/** An instant a few hours ago, to the second (the API keeps event times to the second). */
const hoursAgo = (h: number) => new Date(Math.floor((Date.now() - h * 3_600_000) / 1000) * 1000).toISOString();

function draft(over: Record<string, unknown> = {}) {
  return {
    kind: 'news',
    overline: 'در ناحیهٔ ۳',
    headline: 'بازگشایی بوستان محله با حضور شهردار منطقه',
    lead: 'بوستان محلهٔ وردآورد پس از بازسازی امروز بازگشایی شد.',
    bodyHtml: '<p>بوستان وردآورد با ۱۲ هزار مترمربع فضای سبز بازگشایی شد.</p><script>alert(1)</script>',
    sourceLine: 'روابط عمومی ناحیهٔ ۳',
    orgUnitId: d3.id,
    neighbourhoodId: n3.id,
    serviceAreas: ['green_space'],
    occurredAt: hoursAgo(3),
    ...over,
  };
}

async function itemCount(): Promise<number> {
  const [r] = await database.db.select({ n: count() }).from(newsItems);
  return r!.n;
}

async function transitionCount(newsId: number): Promise<number> {
  const [r] = await database.db.select({ n: count() }).from(newsTransitions).where(eq(newsTransitions.newsId, newsId));
  return r!.n;
}

/** A new draft by the District 3 reporter; returns its view. */
async function createDraft(over: Record<string, unknown> = {}, who: Person = reporter3) {
  const res = await api(who, 'POST', '/api/v1/news', draft(over));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

function key(): string {
  return `k_${Math.random().toString(36).slice(2)}_${Date.now().toString(36)}_abcdef`;
}

beforeAll(async () => {
  const org = createOrgService({ db: database.db, clock: systemClock });
  const sys = { userId: null, label: 'test' };
  region = await ensureRegion(database);
  d1 = await org.createUnit({ kind: 'district', parentId: region.id, code: 'R21-D1', name: 'ناحیه ۱' }, sys);
  d3 = await org.createUnit({ kind: 'district', parentId: region.id, code: 'R21-D3', name: 'ناحیه ۳' }, sys);
  n3 = await org.createUnit({ kind: 'neighbourhood', parentId: d3.id, code: 'R21-D3-N1', name: 'وردآورد' }, sys);
  reporter3 = await person('reporter', { orgUnitId: d3.id });
  reporter1 = await person('reporter', { orgUnitId: d1.id });
  editor = await person('pr_editor', { orgUnitId: region.id });
  official = await person('official', { orgUnitId: region.id });
});

describe('newsroom API: the desk flow with bearer tokens', () => {
  it('refuses a request without a token with a 401 JSON error in Persian', async () => {
    const res = await api(null, 'GET', '/api/v1/news');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
    expect(res.body.error.message).toContain('وارد حساب کاربری');
    const bad = await api({ ...reporter3, token: 'shn_not-a-real-token' }, 'POST', '/api/v1/news', draft());
    expect(bad.status).toBe(401);
  });

  it('creates, reads, updates and moves an item through the workflow (no CSRF for bearer requests)', async () => {
    const occurredAt = hoursAgo(5);
    const created = await api(reporter3, 'POST', '/api/v1/news', draft({ occurredAt }));
    expect(created.status).toBe(201);
    const id = created.body.item.id as number;
    expect(created.headers.location).toBe(`/api/v1/news/${id}`);
    expect(created.body.item).toMatchObject({ state: 'draft', version: 1, authorId: reporter3.id, orgUnitId: d3.id, neighbourhoodId: n3.id, serviceAreas: ['green_space'], occurredAt: new Date(occurredAt).toISOString() });
    expect(created.body.item.bodyHtml).not.toContain('script');
    expect(created.body.actions).toContain('submit');
    expect(created.body).toMatchObject({ canEdit: true, canNote: true, author: { id: reporter3.id, username: reporter3.username } });

    const read = await api(reporter3, 'GET', `/api/v1/news/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.item).toEqual(created.body.item);
    expect(read.body.timeliness).toMatchObject({ createdToSubmittedMs: null });
    expect(read.body.timeliness.occurredToCreatedMs).toBeGreaterThan(4 * 3_600_000);

    // What was read goes back with a change and its version.
    const { id: _id, state: _s, slug: _slug, authorId: _a, version: _v, createdAt: _c, updatedAt: _u, ...rest } = read.body.item;
    const editable = Object.fromEntries(Object.entries(rest).filter(([k]) => k in draft()));
    const updated = await api(reporter3, 'PUT', `/api/v1/news/${id}`, { ...editable, headline: 'بازگشایی بوستان وردآورد', version: 1 });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.item).toMatchObject({ headline: 'بازگشایی بوستان وردآورد', version: 2, occurredAt: new Date(occurredAt).toISOString(), neighbourhoodId: n3.id });

    const submitted = await api(reporter3, 'POST', `/api/v1/news/${id}/transitions`, { action: 'submit', version: 2 });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.item).toMatchObject({ state: 'submitted', version: 3 });
    expect(submitted.body.actions).not.toContain('approve');

    // A reporter's token cannot approve: the same policy as the pages.
    const selfApprove = await api(reporter3, 'POST', `/api/v1/news/${id}/transitions`, { action: 'approve', version: 3 });
    expect(selfApprove.status).toBe(403);
    expect(selfApprove.body.error.message).toContain('تأیید');

    const editorView = await api(editor, 'GET', `/api/v1/news/${id}`);
    expect(editorView.body.actions).toEqual(expect.arrayContaining(['approve', 'request_changes']));
    const approved = await api(editor, 'POST', `/api/v1/news/${id}/transitions`, { action: 'approve', note: 'خوب است.', version: 3 });
    expect(approved.body.item).toMatchObject({ state: 'approved', version: 4 });

    const at = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const scheduled = await api(editor, 'POST', `/api/v1/news/${id}/transitions`, { action: 'schedule', at, version: 4 });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);
    expect(scheduled.body.item).toMatchObject({ state: 'scheduled', scheduledFor: at });
    expect(scheduled.body.dueAt).toBe(at);

    const published = await api(editor, 'POST', `/api/v1/news/${id}/transitions`, { action: 'publish', version: 5 });
    expect(published.body.item).toMatchObject({ state: 'published', version: 6 });
    expect(published.body.item.firstPublishedAt).not.toBeNull();
    expect(published.body.timeliness.submittedToPublishedMs).toBeGreaterThanOrEqual(0);

    // An edit of a published item with a correction note is a correction readers see.
    const corrected = await api(editor, 'PUT', `/api/v1/news/${id}`, { ...editable, headline: 'بازگشایی بوستان وردآورد', lead: 'لید اصلاح‌شده.', correctionNote: 'مساحت بوستان اصلاح شد.', version: 6 });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body.item).toMatchObject({ state: 'published', version: 7, lead: 'لید اصلاح‌شده.', correctionNote: 'مساحت بوستان اصلاح شد.' });
    expect(corrected.body.item.correctedAt).not.toBeNull();

    // An action the state does not allow is a 409, not a 500.
    const again = await api(editor, 'POST', `/api/v1/news/${id}/transitions`, { action: 'approve', version: 7 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_transition');
  });

  it('answers 404 for an item outside the user\'s sight, and keeps scope on create', async () => {
    const { item } = await createDraft();
    const submitted = await api(reporter3, 'POST', `/api/v1/news/${item.id}/transitions`, { action: 'submit', version: 1 });
    expect(submitted.status).toBe(200);
    for (const [method, url, payload] of [
      ['GET', `/api/v1/news/${item.id}`, undefined],
      ['GET', `/api/v1/news/${item.id}/notes`, undefined],
      ['POST', `/api/v1/news/${item.id}/notes`, { body: 'سلام' }],
      ['POST', `/api/v1/news/${item.id}/transitions`, { action: 'approve', version: 2 }],
      ['PUT', `/api/v1/news/${item.id}`, { ...draft(), version: 2 }],
    ] as const) {
      const res = await api(reporter1, method, url, payload);
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await api(reporter1, 'GET', '/api/v1/news/99999999')).status).toBe(404);
    expect((await api(reporter1, 'GET', '/api/v1/news/abc')).status).toBe(404);
    expect((await api(reporter1, 'GET', '/api/v1/news/9999999999')).status).toBe(404);
    expect((await api(reporter3, 'GET', `/api/v1/news/${item.id}?expand=all`)).status).toBe(422);

    const before = await itemCount();
    const outside = await api(reporter1, 'POST', '/api/v1/news', draft());
    expect(outside.status).toBe(422);
    expect(outside.body.error.fields.orgUnitId).toContain('ناحیه');
    const noRole = await api(official, 'POST', '/api/v1/news', draft());
    expect(noRole.status).toBe(403);
    expect(await itemCount()).toBe(before);
  });

  it('stale version → 409 with the current item; nothing written', async () => {
    const { item } = await createDraft();
    const first = await api(reporter3, 'PUT', `/api/v1/news/${item.id}`, { ...draft({ headline: 'نسخهٔ دوم' }), version: 1 });
    expect(first.status).toBe(200);
    const stale = await api(reporter3, 'PUT', `/api/v1/news/${item.id}`, { ...draft({ headline: 'نسخهٔ کهنه' }), version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect(stale.body.error.message).toContain('هم‌زمان');
    expect(stale.body.error.current).toMatchObject({ id: item.id, version: 2, headline: 'نسخهٔ دوم' });
    const staleAct = await api(reporter3, 'POST', `/api/v1/news/${item.id}/transitions`, { action: 'submit', version: 1 });
    expect(staleAct.status).toBe(409);
    expect(staleAct.body.error.current.version).toBe(2);
    const now = await api(reporter3, 'GET', `/api/v1/news/${item.id}`);
    expect(now.body.item).toMatchObject({ headline: 'نسخهٔ دوم', version: 2, state: 'draft' });
  });

  it('notes: the author and the desk write and read the thread', async () => {
    const { item } = await createDraft();
    const note = await api(reporter3, 'POST', `/api/v1/news/${item.id}/notes`, { body: `عکس‌ها را فردا می‌فرستم @${editor.username}` });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ newsId: item.id, authorId: reporter3.id, mentions: [editor.id] });
    const list = await api(editor, 'GET', `/api/v1/news/${item.id}/notes`);
    expect(list.status).toBe(200);
    expect(list.body.notes.map((n: { body: string }) => n.body)).toEqual([expect.stringContaining('عکس‌ها را فردا')]);
    const empty = await api(reporter3, 'POST', `/api/v1/news/${item.id}/notes`, { body: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.body.error.fields.body).toBeTruthy();
  });
});

describe('newsroom API: strict input', () => {
  it('an unknown field is a 422 JSON error with a Persian message, and nothing is written', async () => {
    const before = await itemCount();
    const res = await api(reporter3, 'POST', '/api/v1/news', { ...draft(), state: 'published' });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields._form).toContain('فیلد ناشناخته');
    expect(res.body.error.fields._form).toContain('state');
    expect(await itemCount()).toBe(before);

    const q = await api(reporter3, 'GET', '/api/v1/news?sort=desc');
    expect(q.status).toBe(422);
    expect(q.body.error.fields._form).toContain('sort');
  });

  it('true, null or a string where a number is expected is rejected, never coerced', async () => {
    const { item } = await createDraft();
    for (const version of [true, null, '1', 1.5, 0]) {
      const res = await api(reporter3, 'PUT', `/api/v1/news/${item.id}`, { ...draft(), version });
      expect(res.status, `version ${JSON.stringify(version)}`).toBe(422);
      expect(res.body.error.fields.version).toMatch(/نسخه/);
      const act = await api(reporter3, 'POST', `/api/v1/news/${item.id}/transitions`, { action: 'submit', version });
      expect(act.status).toBe(422);
    }
    const before = await itemCount();
    for (const orgUnitId of [true, null, String(d3.id), 1e12]) {
      const res = await api(reporter3, 'POST', '/api/v1/news', draft({ orgUnitId }));
      expect(res.status).toBe(422);
      expect(res.body.error.fields.orgUnitId).toContain('ناحیه');
    }
    expect(await itemCount()).toBe(before);
    const limit = await api(reporter3, 'GET', '/api/v1/news?limit=true');
    expect(limit.status).toBe(422);
    expect(limit.body.error.fields.limit).toContain('تعداد');
    const now = await api(reporter3, 'GET', `/api/v1/news/${item.id}`);
    expect(now.body.item).toMatchObject({ version: 1, state: 'draft' });
  });

  it('service rules answer in the API\'s field names (bodyHtml, occurredAt, at)', async () => {
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const res = await api(reporter3, 'POST', '/api/v1/news', draft({ occurredAt: future }));
    expect(res.status).toBe(422);
    expect(res.body.error.fields.occurredAt).toContain('یک روز');
    const badDate = await api(reporter3, 'POST', '/api/v1/news', draft({ occurredAt: '1405/09/08' }));
    expect(badDate.status).toBe(422);
    expect(badDate.body.error.fields.occurredAt).toContain('ISO 8601');

    const { item } = await createDraft({ lead: null, bodyHtml: null });
    expect(item.lead).toBeNull();
    const submit = await api(reporter3, 'POST', `/api/v1/news/${item.id}/transitions`, { action: 'submit', version: 1 });
    expect(submit.status).toBe(422);
    expect(Object.keys(submit.body.error.fields).sort()).toEqual(['bodyHtml', 'lead']);

    const full = await createDraft();
    await api(reporter3, 'POST', `/api/v1/news/${full.item.id}/transitions`, { action: 'submit', version: 1 });
    await api(editor, 'POST', `/api/v1/news/${full.item.id}/transitions`, { action: 'approve', version: 2 });
    const noTime = await api(editor, 'POST', `/api/v1/news/${full.item.id}/transitions`, { action: 'schedule', version: 3 });
    expect(noTime.status).toBe(422);
    expect(noTime.body.error.fields.at).toBeTruthy();
    const changes = await api(editor, 'POST', `/api/v1/news/${full.item.id}/transitions`, { action: 'request_changes', version: 3 });
    expect(changes.status).toBe(422);
    expect(changes.body.error.fields.note).toBeTruthy();
  });

  it('a bad Idempotency-Key header is a 422 with a Persian message', async () => {
    const res = await api(reporter3, 'POST', '/api/v1/news', draft(), { 'idempotency-key': 'short' });
    expect(res.status).toBe(422);
    expect(res.body.error.fields['idempotency-key']).toContain('Idempotency-Key');
  });
});

describe('newsroom API: idempotency', () => {
  it('the same Idempotency-Key twice creates one item and answers the same', async () => {
    const k = key();
    const before = await itemCount();
    const a = await api(reporter3, 'POST', '/api/v1/news', draft({ headline: 'یک بار' }), { 'idempotency-key': k });
    const b = await api(reporter3, 'POST', '/api/v1/news', draft({ headline: 'یک بار' }), { 'idempotency-key': k });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.item.id).toBe(a.body.item.id);
    expect(await itemCount()).toBe(before + 1);
    // Another user's key space is their own.
    const other = await api(editor, 'POST', '/api/v1/news', draft({ headline: 'یک بار' }), { 'idempotency-key': k });
    expect(other.body.item.id).not.toBe(a.body.item.id);
  });

  it('the same Idempotency-Key twice makes one transition', async () => {
    const { item } = await createDraft();
    const k = key();
    const a = await api(reporter3, 'POST', `/api/v1/news/${item.id}/transitions`, { action: 'submit', version: 1 }, { 'idempotency-key': k });
    const b = await api(reporter3, 'POST', `/api/v1/news/${item.id}/transitions`, { action: 'submit', version: 1 }, { 'idempotency-key': k });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.body.item).toMatchObject({ state: 'submitted', version: 2 });
    expect(await transitionCount(item.id)).toBe(1);
  });
});

describe('newsroom API: lists', () => {
  it('pages a writer\'s own items with the next cursor, each item once', async () => {
    const writer = await person('liaison', { orgUnitId: d3.id });
    const made: number[] = [];
    for (let i = 0; i < 7; i++) made.push((await createDraft({ headline: `خبر شمارهٔ ${i + 1}` }, writer)).item.id);
    const seen: number[] = [];
    let url = '/api/v1/news?limit=3';
    let pages = 0;
    for (;;) {
      const res = await api(writer, 'GET', url);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.scope).toBe('mine');
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items.map((r: { id: number }) => r.id));
      pages += 1;
      if (res.body.next === null) break;
      url = `/api/v1/news?limit=3&after=${encodeURIComponent(res.body.next)}`;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...made].reverse());

    const filtered = await api(writer, 'GET', `/api/v1/news?scope=mine&state=draft&q=${encodeURIComponent('شمارهٔ ۷')}`);
    expect(filtered.body.items.map((r: { id: number }) => r.id)).toEqual([made[6]]);
    const deskFilter = await api(writer, 'GET', `/api/v1/news?district=${d3.id}`);
    expect(deskFilter.status).toBe(422);
    expect(deskFilter.body.error.fields.district).toContain('scope=desk');
    const desk = await api(writer, 'GET', '/api/v1/news?scope=desk');
    expect(desk.status).toBe(403);
    for (const after of ['nonsense', '1_9999999999', '1_2_3']) {
      const badCursor = await api(writer, 'GET', `/api/v1/news?after=${after}`);
      expect(badCursor.status, after).toBe(422);
      expect(badCursor.body.error.fields.after).toContain('صفحه');
    }
  });

  it('gives editors the desk by default, with filters and the cursor', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      const { item } = await createDraft({ headline: `خبر میز ${i + 1}`, kind: 'notice' });
      await api(reporter3, 'POST', `/api/v1/news/${item.id}/transitions`, { action: 'submit', version: 1 });
      ids.push(item.id);
    }
    const first = await api(editor, 'GET', `/api/v1/news?kind=notice&district=${d3.id}&state=submitted&limit=3`);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.scope).toBe('desk');
    expect(first.body.targetMinutes).toBeGreaterThan(0);
    expect(first.body.items).toHaveLength(3);
    expect(first.body.next).toEqual(expect.any(String));
    const second = await api(editor, 'GET', `/api/v1/news?kind=notice&district=${d3.id}&state=submitted&limit=3&after=${encodeURIComponent(first.body.next)}`);
    const all = [...first.body.items, ...second.body.items].map((r: { id: number }) => r.id);
    expect(all).toEqual([...ids].reverse());
    expect(second.body.next).toBeNull();
    expect(first.body.items[0]).toMatchObject({ state: 'submitted', kind: 'notice', orgUnitId: d3.id, overdue: false });

    const elsewhere = await api(editor, 'GET', `/api/v1/news?district=${d1.id}&kind=notice`);
    expect(elsewhere.body.items).toEqual([]);
    const old = await api(editor, 'GET', '/api/v1/news?older_than_minutes=60&kind=notice');
    expect(old.body.items).toEqual([]);
    const mine = await api(editor, 'GET', '/api/v1/news?scope=mine');
    expect(mine.body.scope).toBe('mine');
  });
});

describe('newsroom API: browser sessions', () => {
  it('a cookie session may read; its writes need the CSRF token (403 without it)', async () => {
    const jar = await loginAs(app, reporter3.username, reporter3.password);
    const list = await app.inject({ method: 'GET', url: '/api/v1/news', headers: { cookie: jar.header() } });
    expect(list.statusCode).toBe(200);

    const before = await itemCount();
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/api/v1/news',
      headers: { cookie: jar.header(), 'content-type': 'application/json' },
      payload: JSON.stringify(draft()),
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf_invalid');
    // Refused before validation: a cross-site request learns nothing about the schema.
    const noCsrfBad = await app.inject({
      method: 'POST',
      url: '/api/v1/news',
      headers: { cookie: jar.header(), 'content-type': 'application/json' },
      payload: JSON.stringify({ nonsense: true }),
    });
    expect(noCsrfBad.statusCode).toBe(403);
    expect(await itemCount()).toBe(before);

    const token = await csrfTokenFor(app, jar);
    const withCsrf = await app.inject({
      method: 'POST',
      url: '/api/v1/news',
      headers: { cookie: jar.header(), 'content-type': 'application/json', 'x-csrf-token': token },
      payload: JSON.stringify(draft()),
    });
    expect(withCsrf.statusCode, withCsrf.body).toBe(201);
    expect(await itemCount()).toBe(before + 1);
  });
});

describe('OpenAPI document', () => {
  it('is served at /api/docs without signing in, and documents every /api/v1 route with its shapes', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const doc = res.json() as {
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, { requestBody?: unknown; parameters?: Array<{ in: string; name: string }>; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
      components: { securitySchemes: Record<string, { type: string; scheme: string }>; schemas: Record<string, unknown> };
      security: Array<Record<string, unknown>>;
    };
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info.title).toBe('شهرنما — API');
    const bearer = Object.entries(doc.components.securitySchemes).find(([, s]) => s.type === 'http' && s.scheme === 'bearer');
    expect(bearer).toBeDefined();
    expect(doc.security).toEqual([{ [bearer![0]]: [] }]);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['NewsItem', 'NewsItemView', 'NewsListItem', 'ApiError']));

    const registered = app
      .accessTableKeys()
      .filter((k) => k.split(' ')[1]!.startsWith('/api/v1/') || k.endsWith(' /api/v1'))
      .map((k) => {
        const [method, url] = k.split(' ') as [string, string];
        return `${method} ${url.replace(/:([A-Za-z]+)/g, '{$1}')}`;
      })
      .sort();
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(registered.length).toBeGreaterThanOrEqual(7);
    expect(documented).toEqual(registered);

    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        const ok = Object.entries(op.responses).find(([code]) => code.startsWith('2'));
        expect(ok?.[1].content?.['application/json']?.schema, `${where}: 2xx schema`).toBeDefined();
        expect(op.responses['401']?.content?.['application/json']?.schema, `${where}: 401 schema`).toBeDefined();
        if (method === 'post' || method === 'put') expect(op.requestBody, `${where}: request body`).toBeDefined();
        if (path.includes('{id}')) expect(op.parameters?.some((p) => p.in === 'path' && p.name === 'id'), `${where}: id`).toBe(true);
      }
    }
    const list = doc.paths['/api/v1/news']!.get!;
    expect(list.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['scope', 'state', 'kind', 'district', 'department', 'q', 'older_than_minutes', 'after', 'limit']));
    expect(doc.paths['/api/v1/news']!.post!.parameters!.map((p) => p.name)).toContain('idempotency-key');
  });

  it('an /api/v1 route without schemas stops the app from building', async () => {
    const f = Fastify();
    void f.register(async (scope) => {
      const api = useZodApi(scope);
      api.post('/api/v1/undocumented', async () => ({ ok: true }));
    });
    await expect(f.ready()).rejects.toThrow(/no response, body schema/);
    await f.close().catch(() => undefined);
  });
});
