// The auth service on a real PostgreSQL database (cloned per file).
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../core/audit/audit.js';
import { parseConfig } from '../../core/config.js';
import { createMailer, type MailMessage, type Mailer } from '../../core/mail.js';
import { createOrgService } from '../org/index.js';
import { createTestDatabase } from '../../../test/helpers/test-db.js';
import { ensureRegion } from '../../../test/helpers/login.js';
import { createAuthService, systemActor } from './auth.service.js';
import { apiTokens, memberships, sessions, users } from './auth.tables.js';
import { totpCodeAt } from './totp.js';

function steppingClock(start = '2025-03-01T08:00:00Z') {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}
const MIN = 60_000;

const database = await createTestDatabase();
const db = database.db;
const clock = steppingClock();
const config = parseConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', SEED_DEMO: 'false' }, { persistSecrets: false });
const org = createOrgService({ db, clock });
const sent: MailMessage[] = [];
const mailer: Mailer = { configured: true, send: async (m) => (sent.push(m), { sent: true }) };
const auth = createAuthService({ db, clock, config, org, mailer });

let regionId: number;
let districtId: number;
let serial = 0;
const meta = () => ({ ip: `10.9.0.${++serial}`, userAgent: 'vitest' });

beforeAll(async () => {
  regionId = (await ensureRegion(database)).id;
  districtId = (await org.createUnit({ kind: 'district', parentId: regionId, code: 'R21-D2', name: 'ناحیه ۲' }, { userId: null })).id;
});

async function makeUser(role: Parameters<typeof auth.createUser>[0]['memberships'][number]['role'] = 'reporter', over: Partial<Parameters<typeof auth.createUser>[0]> = {}) {
  const password = `pass-phrase-${++serial}-long`;
  const user = await auth.createUser(
    {
      username: `user${serial}`,
      displayName: `کاربر ${serial}`,
      password,
      mustChangePassword: false,
      memberships: [{ role, orgUnitId: regionId }],
      ...over,
    },
    systemActor,
  );
  return { user, password };
}

const count = async (table: typeof users | typeof auditLog | typeof sessions) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

describe('createUser', () => {
  it('stores an argon2id hash, the folded username key and the memberships with scope names', async () => {
    const { user } = await makeUser('liaison', { username: 'Reza.K', memberships: [{ role: 'liaison', orgUnitId: districtId }] });
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row!.usernameKey).toBe('reza.k');
    expect(user.memberships).toMatchObject([{ role: 'liaison', roleLabel: 'رابط روابط عمومی', scopeLabel: 'ناحیه ۲' }]);
  });

  it('refuses invisible characters, Arabic look-alikes of an existing name and weak passwords, writing nothing', async () => {
    await makeUser('reporter', { username: 'کاوه' });
    const before = { users: await count(users), audit: await count(auditLog) };
    await expect(makeUser('reporter', { username: 'كاوه' })).rejects.toMatchObject({ status: 422, fieldErrors: { username: expect.stringContaining('پیش‌تر ثبت شده') } });
    await expect(makeUser('reporter', { username: 'ka\u200Bveh' })).rejects.toMatchObject({ status: 422 });
    await expect(makeUser('reporter', { username: 'ka\u202Eveh' })).rejects.toMatchObject({ status: 422 });
    await expect(makeUser('reporter', { password: 'aaaaaaaaaaaa' })).rejects.toMatchObject({ status: 422, fieldErrors: { password: expect.any(String) } });
    expect({ users: await count(users), audit: await count(auditLog) }).toEqual(before);
  });

  it('validates scopes against the org tree', async () => {
    const hood = await org.createUnit({ kind: 'neighbourhood', parentId: districtId, code: 'R21-D2-N9', name: 'وردآورد' }, { userId: null });
    await expect(makeUser('reporter', { memberships: [{ role: 'reporter', orgUnitId: hood.id }] })).rejects.toMatchObject({ status: 422 });
    await expect(makeUser('reporter', { memberships: [{ role: 'reporter', departmentId: 424242 }] })).rejects.toMatchObject({ status: 422 });
    await expect(makeUser('reporter', { memberships: [{ role: 'reporter', orgUnitId: regionId, departmentId: 1 }] })).rejects.toMatchObject({ status: 422 });
  });
});

describe('updateUser', () => {
  it('bumps the version and refuses a stale one with a Persian 409, writing nothing', async () => {
    const { user } = await makeUser();
    const updated = await auth.updateUser(user.id, { displayName: 'نام تازه', email: null, isActive: true, version: user.version }, systemActor);
    expect(updated.version).toBe(user.version + 1);
    const audits = await count(auditLog);
    await expect(auth.updateUser(user.id, { displayName: 'دیر رسیده', email: null, isActive: true, version: user.version }, systemActor)).rejects.toMatchObject({
      status: 409,
      userMessage: expect.stringMatching(/[\u0600-\u06FF]/),
    });
    expect((await auth.getUser(user.id))!.displayName).toBe('نام تازه');
    expect(await count(auditLog)).toBe(audits);
  });

  it('keeps the last active admin', async () => {
    const isolated = createAuthService({ db, clock, config, org, mailer: createMailer(undefined) });
    const admins = await db.select({ id: memberships.userId }).from(memberships).where(eq(memberships.role, 'admin'));
    for (const a of admins) await db.update(users).set({ isActive: false }).where(eq(users.id, a.id));
    const { user } = await makeUser('admin');
    await expect(isolated.setActive(user.id, false, { userId: null, label: 'x' })).rejects.toMatchObject({ status: 422 });
  });
});

describe('login', () => {
  it('gives the same answer for a wrong password, an unknown user and a switched-off account', async () => {
    const { user, password } = await makeUser();
    const wrong = await auth.login({ username: user.username, password: 'nope-nope-nope', ...meta() });
    const unknown = await auth.login({ username: 'ghost-user', password: 'nope-nope-nope', ...meta() });
    await auth.setActive(user.id, false, systemActor);
    const inactive = await auth.login({ username: user.username, password, ...meta() });
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
    expect(unknown).toEqual(wrong);
    expect(inactive).toEqual(wrong);
  });

  it('matches the username on its folded form (Arabic letters, capitals)', async () => {
    const { password } = await makeUser('reporter', { username: 'یاسر.Karimi' });
    expect((await auth.login({ username: 'ياسر.karimi', password, ...meta() })).ok).toBe(true);
  });

  it('throttles the 11th failure in a minute without checking the password, then forgives', async () => {
    const { user, password } = await makeUser();
    for (let i = 0; i < 10; i++) expect((await auth.login({ username: user.username, password: 'wrong', ...meta() })).ok).toBe(false);
    expect(await auth.login({ username: user.username, password, ...meta() })).toEqual({ ok: false, reason: 'throttled' });
    clock.advance(MIN);
    expect((await auth.login({ username: user.username, password, ...meta() })).ok).toBe(true);
  });

  it('holds concurrent failures to the limit across connections', async () => {
    const { user, password } = await makeUser();
    const results = await Promise.all(Array.from({ length: 14 }, () => auth.login({ username: user.username, password: 'wrong', ...meta() })));
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(10);
    expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(4);
    expect((await auth.login({ username: user.username, password, ...meta() })).ok).toBe(false);
    clock.advance(MIN);
  });
});

describe('sessions', () => {
  it('resolves a session token to the current user and forgets expired ones', async () => {
    const { user, password } = await makeUser('pr_editor');
    const r = await auth.login({ username: user.username, password, ...meta() });
    if (!r.ok) throw new Error('login failed');
    const found = await auth.authenticateSession(r.sessionToken);
    expect(found).toMatchObject({ kind: 'user', user: { id: user.id, roles: ['pr_editor'], via: 'session' } });
    clock.advance(31 * MIN);
    expect(await auth.authenticateSession(r.sessionToken)).toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
  });

  it('marks a TOTP user\'s first step as pending and swaps it for a new session after the code', async () => {
    const { user, password } = await makeUser('pr_manager');
    const enrol = await auth.beginTotpEnrolment({ id: user.id, roles: ['pr_manager'] });
    if (!('secret' in enrol)) throw new Error('expected a secret');
    await auth.confirmTotp({ id: user.id, roles: ['pr_manager'] }, await totpCodeAt(enrol.secret, clock.now()), systemActor);
    // The enrolment code is spent; sign-in uses the authenticator's next one.
    clock.advance(30_000);
    const first = await auth.login({ username: user.username, password, ...meta() });
    if (!first.ok) throw new Error('login failed');
    expect(first.secondFactorRequired).toBe(true);
    const pending = await auth.authenticateSession(first.sessionToken);
    expect(pending).toMatchObject({ kind: 'pending', userId: user.id });
    const done = await auth.verifySecondFactor({ idHash: pending!.idHash, code: await totpCodeAt(enrol.secret, clock.now()), ...meta() });
    if (!done.ok) throw new Error('second factor failed');
    expect(done.sessionToken).not.toBe(first.sessionToken);
    expect(await auth.authenticateSession(first.sessionToken)).toBeNull();
    expect(await auth.authenticateSession(done.sessionToken)).toMatchObject({ kind: 'user' });
  });
});

describe('passwords', () => {
  it('changePassword ends every session and opens a new one', async () => {
    const { user, password } = await makeUser('reporter', { email: 'changer@example.ir' });
    for (let i = 0; i < 3; i++) await auth.login({ username: user.username, password, ...meta() });
    const { sessionToken } = await auth.changePassword(user.id, password, 'another-long-passphrase', meta());
    const rows = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(await auth.authenticateSession(sessionToken)).toMatchObject({ kind: 'user' });
    expect(sent.at(-1)).toMatchObject({ to: 'changer@example.ir', subject: expect.stringContaining('رمز عبور') });
    expect(sent.at(-1)!.text).not.toContain('another-long-passphrase');
  });

  it('resetPassword returns a one-time password, forces a change and ends sessions', async () => {
    const { user, password } = await makeUser('reporter', { email: 'someone@example.ir' });
    await auth.login({ username: user.username, password, ...meta() });
    const { password: fresh, user: after } = await auth.resetPassword(user.id, systemActor);
    expect(after.mustChangePassword).toBe(true);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect((await auth.login({ username: user.username, password, ...meta() })).ok).toBe(false);
    const again = await auth.login({ username: user.username, password: fresh, ...meta() });
    expect(again).toMatchObject({ ok: true, mustChangePassword: true });
    expect(sent.at(-1)!.to).toBe('someone@example.ir');
    expect(sent.at(-1)!.text).not.toContain(fresh);
  });
});

describe('memberships', () => {
  it('refuses a duplicate without an audit row (the audit shares the transaction)', async () => {
    const { user } = await makeUser();
    await auth.addMembership(user.id, { role: 'photographer', orgUnitId: districtId }, systemActor);
    const audits = await count(auditLog);
    await expect(auth.addMembership(user.id, { role: 'photographer', orgUnitId: districtId }, systemActor)).rejects.toMatchObject({ status: 422 });
    expect(await count(auditLog)).toBe(audits);
  });
});

describe('API tokens', () => {
  it('stores only a hash, authenticates, and stops after revocation', async () => {
    const { user } = await makeUser('official');
    const { id, token } = await auth.createApiToken(user.id, 'ابزار گزارش', systemActor);
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row!.tokenHash).not.toContain(token);
    expect(await auth.authenticateToken(token)).toMatchObject({ id: user.id, via: 'token', roles: ['official'] });
    await auth.revokeApiToken(user.id, id, systemActor);
    expect(await auth.authenticateToken(token)).toBeNull();
    await expect(auth.revokeApiToken(user.id, id, systemActor)).rejects.toMatchObject({ status: 404 });
  });
});

describe('audit listing', () => {
  it('pages newest first by id', async () => {
    const { user } = await makeUser();
    for (let i = 0; i < 5; i++) await auth.addMembership(user.id, { role: 'photographer', orgUnitId: i % 2 ? districtId : regionId }, systemActor).catch(() => undefined);
    const page = await auth.listAudit({ entity: `user:${user.id}`, limit: 2 });
    expect(page.rows).toHaveLength(2);
    expect(page.rows[0]!.id).toBeGreaterThan(page.rows[1]!.id);
    expect(page.newerCursor).toBeUndefined();
    const older = await auth.listAudit({ entity: `user:${user.id}`, limit: 2, before: Number(page.olderCursor) });
    expect(older.rows[0]!.id).toBeLessThan(page.rows[1]!.id);
    expect(older.newerCursor).toBeDefined();
  });
});
