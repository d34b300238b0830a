// User administration and the audit viewer through the app, as an admin.
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../core/audit/audit.js';
import { systemClock } from '../../core/clock.js';
import { createOrgService } from '../org/index.js';
import { buildTestApp, type CookieJar } from '../../../test/helpers/build-app.js';
import { createUserWithRole, ensureRegion, getPage, loginAs, postForm } from '../../../test/helpers/login.js';
import { memberships, sessions, users } from './auth.tables.js';

const { app, database } = await buildTestApp();
const db = database.db;
const org = createOrgService({ db, clock: systemClock });
const actor = { userId: null, label: 'test' };

let regionId: number;
let districtId: number;
let neighbourhoodId: number;
let departmentId: number;
let admin: { id: number; username: string };
let jar: CookieJar;

beforeAll(async () => {
  const region = await ensureRegion(database);
  regionId = region.id;
  const district = await org.createUnit({ kind: 'district', parentId: region.id, code: 'R21-D1', name: 'ناحیه ۱' }, actor);
  districtId = district.id;
  neighbourhoodId = (await org.createUnit({ kind: 'neighbourhood', parentId: district.id, code: 'R21-D1-N1', name: 'شهرک دریا' }, actor)).id;
  departmentId = (await org.createDepartment({ orgUnitId: region.id, kind: 'office', key: 'pr', name: 'روابط عمومی' }, actor)).id;
  const made = await createUserWithRole(database, 'admin', undefined, { displayName: 'مدیر آزمون' });
  admin = made.user;
  jar = await loginAs(app, made.user.username, made.password);
});

const userCount = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n;

function newUserFields(over: Record<string, string> = {}): Record<string, string> {
  return {
    username: `u${Math.random().toString(36).slice(2, 9)}`,
    displayName: 'کاربر تازه',
    email: '',
    password: 'initial-password-123',
    mustChangePassword: 'on',
    role: 'reporter',
    scope: `unit:${districtId}`,
    ...over,
  };
}

const create = (fields: Record<string, string>) => postForm(app, jar, '/staff/admin/users', fields, { from: '/staff/admin/users/new' });

describe('creating users', () => {
  it('creates a user with a role and scope, audited, and shows them', async () => {
    const fields = newUserFields({ username: 'maryam.ahmadi', displayName: 'مريم احمدي', email: 'maryam@example.ir' });
    const res = await create(fields);
    expect(res.statusCode).toBe(303);
    const [row] = await db.select().from(users).where(eq(users.username, 'maryam.ahmadi'));
    expect(row!.displayName).toBe('مریم احمدی'); // Arabic ي normalised on the way in
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.mustChangePassword).toBe(true);
    expect(res.headers.location).toBe(`/staff/admin/users/${row!.id}`);
    const ms = await db.select().from(memberships).where(eq(memberships.userId, row!.id));
    expect(ms).toMatchObject([{ role: 'reporter', orgUnitId: districtId, departmentId: null }]);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'user.created')).orderBy(sql`id desc`).limit(1);
    expect(audit).toMatchObject({ actorUserId: admin.id, entityType: 'user', entityId: String(row!.id) });
    expect(JSON.stringify(audit)).not.toContain('initial-password-123');
    const page = await getPage(app, jar, res.headers.location as string);
    expect(page.body).toContain('کاربر «مریم احمدی» ساخته شد.');
    expect(page.body).toContain('ناحیه ۱');
  });

  for (const [name, ch] of [
    ['zero-width space U+200B', '\u200B'],
    ['right-to-left override U+202E', '\u202E'],
  ] as const) {
    it(`rejects a username with a ${name} in Persian, writing nothing`, async () => {
      const before = await userCount();
      const res = await create(newUserFields({ username: `ali${ch}reza` }));
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('نویسهٔ نامرئی یا کنترل جهت متن');
      expect(await userCount()).toBe(before);
    });
  }

  it('rejects «علي» when «علی» exists', async () => {
    expect((await create(newUserFields({ username: 'علی' }))).statusCode).toBe(303);
    const before = await userCount();
    const res = await create(newUserFields({ username: 'علي' }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('پیش‌تر ثبت شده است');
    expect(await userCount()).toBe(before);
  });

  it('rejects an overlong field with 422', async () => {
    const before = await userCount();
    const res = await create(newUserFields({ displayName: 'ن'.repeat(101) }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/«نام نمایشی» حداکثر (100|۱۰۰) نویسه/);
    expect(await userCount()).toBe(before);
  });

  it('rejects an unknown form field with 422', async () => {
    const before = await userCount();
    const res = await create(newUserFields({ isAdmin: '1' }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('فیلد ناشناخته در فرم: isAdmin');
    expect(await userCount()).toBe(before);
  });

  it('rejects a weak password, a neighbourhood scope and a missing unit, keeping what was typed', async () => {
    const weak = await create(newUserFields({ username: 'kept.name', password: 'short' }));
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain('دست‌کم ۱۰ نویسه');
    expect(weak.body).toContain('value="kept.name"');
    const hood = await create(newUserFields({ scope: `unit:${neighbourhoodId}` }));
    expect(hood.statusCode).toBe(422);
    expect(hood.body).toContain('نه یک محله');
    const missing = await create(newUserFields({ scope: 'unit:999999' }));
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('وجود ندارد');
  });

  it('refuses a JSON body carrying __proto__ with a Persian 400', async () => {
    const before = await userCount();
    const token = /name="_csrf" value="([^"]+)"/.exec((await getPage(app, jar, '/staff/admin/users/new')).body)![1]!;
    const res = await app.inject({
      method: 'POST',
      url: '/staff/admin/users',
      headers: { cookie: jar.header(), 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': token },
      payload: `{"username":"proto","__proto__":{"role":"admin"}}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/[\u0600-\u06FF]/);
    expect(await userCount()).toBe(before);
  });

  it('refuses a post without a CSRF token and writes nothing', async () => {
    const before = await userCount();
    const res = await postForm(app, jar, '/staff/admin/users', newUserFields(), { csrf: null });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('فرم');
    expect(await userCount()).toBe(before);
  });

  it('is for admins only', async () => {
    const { user, password } = await createUserWithRole(database, 'pr_manager');
    const other = await loginAs(app, user.username, password);
    expect((await getPage(app, other, '/staff/admin/users')).statusCode).toBe(403);
    const before = await userCount();
    expect((await postForm(app, other, '/staff/admin/users', newUserFields())).statusCode).toBe(403);
    expect(await userCount()).toBe(before);
  });
});

describe('editing users', () => {
  it('saves with the current version and refuses a stale one with 409, writing nothing', async () => {
    const { user } = await createUserWithRole(database, 'reporter', undefined, { displayName: 'نام نخست' });
    const url = `/staff/admin/users/${user.id}`;
    const page = await getPage(app, jar, url);
    expect(page.body).toContain(`name="version" value="${user.version}"`);
    const first = await postForm(app, jar, url, { displayName: 'نام دوم', email: '', isActive: 'on', version: String(user.version) }, { from: url });
    expect(first.statusCode).toBe(303);
    const audits = (await db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]!.n;
    const stale = await postForm(app, jar, url, { displayName: 'نام سوم', email: '', isActive: 'on', version: String(user.version) }, { from: url });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('تعارض ویرایش');
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row!.displayName).toBe('نام دوم');
    expect(row!.version).toBe(user.version + 1);
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]!.n).toBe(audits);
  });

  it('switching an account off ends its sessions and is audited', async () => {
    const { user, password } = await createUserWithRole(database, 'reporter');
    const theirs = await loginAs(app, user.username, password);
    const url = `/staff/admin/users/${user.id}`;
    const res = await postForm(app, jar, url, { displayName: user.displayName, email: '', version: String(user.version) }, { from: url });
    expect(res.statusCode).toBe(303);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect((await getPage(app, theirs, '/staff')).statusCode).toBe(303);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.entityId, String(user.id))).orderBy(sql`id desc`).limit(1);
    expect(audit!.action).toBe('user.deactivated');
  });

  it('an admin cannot switch themselves off', async () => {
    const url = `/staff/admin/users/${admin.id}`;
    const [me] = await db.select().from(users).where(eq(users.id, admin.id));
    const res = await postForm(app, jar, url, { displayName: me!.displayName, email: '', version: String(me!.version) }, { from: url });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('نمی‌توانید حساب خودتان را غیرفعال کنید.');
  });

  it('an unknown user is a 404', async () => {
    expect((await getPage(app, jar, '/staff/admin/users/999999')).statusCode).toBe(404);
    expect((await getPage(app, jar, '/staff/admin/users/abc')).statusCode).toBe(404);
  });
});

describe('memberships', () => {
  it('adds a department role and removes it, both audited', async () => {
    const { user } = await createUserWithRole(database, 'reporter');
    const url = `/staff/admin/users/${user.id}`;
    const add = await postForm(app, jar, `${url}/memberships`, { role: 'liaison', scope: `department:${departmentId}` }, { from: url });
    expect(add.statusCode).toBe(303);
    const ms = await db.select().from(memberships).where(eq(memberships.userId, user.id));
    const added = ms.find((m) => m.role === 'liaison')!;
    expect(added).toMatchObject({ departmentId, orgUnitId: null });
    const again = await postForm(app, jar, `${url}/memberships`, { role: 'liaison', scope: `department:${departmentId}` }, { from: url });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('پیش‌تر به این کاربر داده شده');
    const remove = await postForm(app, jar, `${url}/memberships/${added.id}/delete`, {}, { from: url });
    expect(remove.statusCode).toBe(303);
    expect((await db.select().from(memberships).where(eq(memberships.userId, user.id))).map((m) => m.role)).toEqual(['reporter']);
    const actions = (await db.select().from(auditLog).where(eq(auditLog.entityId, String(user.id)))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['user.membership_added', 'user.membership_removed']));
  });

  it('an admin cannot take away their own admin role', async () => {
    const [mine] = await db.select().from(memberships).where(eq(memberships.userId, admin.id));
    const url = `/staff/admin/users/${admin.id}`;
    const res = await postForm(app, jar, `${url}/memberships/${mine!.id}/delete`, {}, { from: url });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('نمی‌توانید نقش مدیر سامانه را از حساب خودتان بردارید.');
    expect(await db.select().from(memberships).where(eq(memberships.id, mine!.id))).toHaveLength(1);
  });

  it('offers the region, districts and departments as scopes, not neighbourhoods', async () => {
    const page = await getPage(app, jar, '/staff/admin/users/new');
    expect(page.body).toContain(`value="unit:${regionId}"`);
    expect(page.body).toContain(`value="unit:${districtId}"`);
    expect(page.body).toContain(`value="department:${departmentId}"`);
    expect(page.body).not.toContain(`value="unit:${neighbourhoodId}"`);
  });
});

describe('resetting a password', () => {
  it('shows a one-time password once, ends the user\'s sessions and forces a change', async () => {
    const { user, password } = await createUserWithRole(database, 'photographer');
    const theirs = await loginAs(app, user.username, password);
    const url = `/staff/admin/users/${user.id}`;
    const res = await postForm(app, jar, `${url}/reset-password`, {}, { from: url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const oneTime = /id="one-time-password">([^<]+)</.exec(res.body)![1]!.trim();
    expect(oneTime.length).toBeGreaterThanOrEqual(16);
    expect((await getPage(app, jar, url)).body).not.toContain(oneTime);
    // Their open session is gone.
    expect((await getPage(app, theirs, '/staff')).statusCode).toBe(303);
    // The old password is dead; the new one leads straight to the password page.
    await expect(loginAs(app, user.username, password, { remoteAddress: '10.3.0.1' })).rejects.toThrow(/401/);
    const fresh = await loginAs(app, user.username, oneTime);
    const home = await getPage(app, fresh, '/staff');
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/account/password');
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'user.password_reset')).orderBy(sql`id desc`).limit(1);
    expect(audit).toMatchObject({ actorUserId: admin.id, entityId: String(user.id) });
    expect(JSON.stringify(audit)).not.toContain(oneTime);
  });
});

describe('a lost authenticator', () => {
  it('an admin can switch another user\'s second factor off, audited', async () => {
    const { user } = await createUserWithRole(database, 'pr_manager');
    await db.update(users).set({ totpEnabled: true, totpSecret: 'v1:sealed' }).where(eq(users.id, user.id));
    const url = `/staff/admin/users/${user.id}`;
    expect((await getPage(app, jar, url)).body).toContain(`${url}/second-factor/clear`);
    const res = await postForm(app, jar, `${url}/second-factor/clear`, {}, { from: url });
    expect(res.statusCode).toBe(303);
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ totpEnabled: false, totpSecret: null });
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'user.second_factor_cleared'));
    expect(audit).toMatchObject({ actorUserId: admin.id, entityId: String(user.id) });
  });
});

describe('the user list', () => {
  it('shows roles with scope and state, filtered by the URL', async () => {
    await createUserWithRole(database, 'official', { departmentId }, { displayName: 'فرهاد مسئول' });
    const all = await getPage(app, jar, '/staff/admin/users');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('فرهاد مسئول');
    expect(all.body).toContain('مدیر / مسئول');
    expect(all.body).toContain('روابط عمومی');
    const officials = await getPage(app, jar, '/staff/admin/users?role=official');
    expect(officials.body).toContain('فرهاد مسئول');
    expect(officials.body).not.toContain(`/staff/admin/users/${admin.id}"`);
    expect(officials.body).toMatch(/<option value="official" selected/);
    const none = await getPage(app, jar, `/staff/admin/users?q=${encodeURIComponent('کسی‌که‌نیست')}`);
    expect(none.body).toContain('کاربری با این شرایط پیدا نشد');
    const bad = await getPage(app, jar, '/staff/admin/users?role=emperor');
    expect(bad.statusCode).toBe(422);
  });
});

describe('the audit viewer', () => {
  it('lists newest first with keyset pages and filters by action and actor', async () => {
    for (let i = 0; i < 60; i++) {
      await db.insert(auditLog).values({ action: 'test.bulk', actorUserId: admin.id, actorLabel: admin.username, details: { i } });
    }
    const first = await getPage(app, jar, '/staff/admin/audit?action=test.bulk');
    expect(first.statusCode).toBe(200);
    const ids = (html: string) => [...html.matchAll(/&quot;i&quot;:(\d+)/g)].map((m) => Number(m[1]));
    expect(ids(first.body)[0]).toBe(59);
    expect(ids(first.body)).toHaveLength(50);
    const next = /href="(\/staff\/admin\/audit\?[^"]*before=\d+)"/.exec(first.body)![1]!.replace(/&amp;/g, '&');
    const second = await getPage(app, jar, next);
    expect(ids(second.body)).toEqual(Array.from({ length: 10 }, (_, k) => 9 - k));
    const prev = /href="(\/staff\/admin\/audit\?[^"]*after=\d+)"/.exec(second.body)![1]!.replace(/&amp;/g, '&');
    expect(ids((await getPage(app, jar, prev)).body)[0]).toBe(59);

    const byActor = await getPage(app, jar, `/staff/admin/audit?actor=${encodeURIComponent(admin.username)}&action=auth.login`);
    expect(byActor.body).toContain('ورود');
    const prefix = await getPage(app, jar, '/staff/admin/audit?action=user.');
    expect(prefix.body).toContain('ساختن کاربر');
    const nobody = await getPage(app, jar, '/staff/admin/audit?actor=nobody-at-all');
    expect(nobody.body).toContain('رویدادی با این شرایط پیدا نشد');
  });
});
