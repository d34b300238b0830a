// Sign-in, sessions, throttling and CSRF through the real app (app.inject).
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../core/audit/audit.js';
import { buildTestApp, CookieJar, csrfFrom } from '../../../test/helpers/build-app.js';
import { createUserWithRole, getPage, loginAs, postForm } from '../../../test/helpers/login.js';
import { loginAttempts, sessions } from './auth.tables.js';

function steppingClock(start = '2025-03-01T08:00:00Z') {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}
const MIN = 60_000;

const clock = steppingClock();
const { app, database } = await buildTestApp({ clock });
const db = database.db;

let ipSerial = 0;
/** A fresh client address per test, so one test's failures never throttle another. */
const freshIp = () => `10.1.${Math.floor(++ipSerial / 250)}.${ipSerial % 250}`;

async function loginForm(jar = new CookieJar(), remoteAddress?: string) {
  const page = await app.inject({ method: 'GET', url: '/login', headers: { cookie: jar.header() }, remoteAddress });
  jar.store(page.headers['set-cookie']);
  return { jar, token: csrfFrom(page.body), page };
}

async function postLogin(fields: Record<string, string>, options: { jar?: CookieJar; ip?: string; csrf?: string | null } = {}) {
  const { jar, token } = await loginForm(options.jar, options.ip);
  const body = new URLSearchParams(options.csrf === null ? fields : { _csrf: options.csrf ?? token, ...fields });
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: body.toString(),
    remoteAddress: options.ip,
  });
  jar.store(res.headers['set-cookie']);
  return { res, jar };
}

function sidCookie(setCookie: string | string[] | undefined): string | undefined {
  return (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []).find((c) => c.startsWith('sid='));
}

const auditCount = async (action: string) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.action, action)))[0]!.n;

describe('the sign-in page', () => {
  it('is a Persian form with a CSRF token, labelled fields and the password never echoed', async () => {
    const { page } = await loginForm();
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('ورود به شهرنما');
    expect(page.body).toMatch(/<label[^>]*for="username"/);
    expect(page.body).toMatch(/<label[^>]*for="password"/);
    expect(page.body).toMatch(/name="_csrf"/);
    expect(page.headers['cache-control']).toBe('no-store');
  });
});

describe('signing in', () => {
  it('starts a session with a new id, HttpOnly and SameSite=Lax, and lands on /staff', async () => {
    const { user, password } = await createUserWithRole(database, 'reporter');
    const first = await postLogin({ username: user.username, password });
    expect(first.res.statusCode).toBe(303);
    expect(first.res.headers.location).toBe('/staff');
    const cookie = sidCookie(first.res.headers['set-cookie'])!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i);
    const sid1 = first.jar.get('sid')!;
    // Only the hash is stored.
    const stored = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(stored.map((s) => s.idHash)).not.toContain(sid1);
    expect(stored[0]!.idHash).toMatch(/^[0-9a-f]{64}$/);

    // Signing in again in the same browser (a second tab): a new id, and the old one is gone.
    const second = await postForm(app, first.jar, '/login', { username: user.username, password }, { from: '/staff' });
    expect(second.statusCode).toBe(303);
    const sid2 = first.jar.get('sid')!;
    expect(sid2).not.toBe(sid1);
    const old = await app.inject({ url: '/staff', headers: { cookie: `sid=${sid1}` } });
    expect(old.statusCode).toBe(303);
    expect(old.headers.location).toMatch(/^\/login/);
    const home = await getPage(app, first.jar, '/staff');
    expect(home.statusCode).toBe(200);
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const secure = await buildTestApp({ clock, env: { PUBLIC_URL: 'https://shahrnama.example.ir' } });
    const { user, password } = await createUserWithRole(secure.database, 'reporter');
    const page = await secure.app.inject({ url: '/login' });
    const jar = new CookieJar();
    jar.store(page.headers['set-cookie']);
    const res = await secure.app.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfFrom(page.body), username: user.username, password }).toString(),
    });
    expect(res.statusCode).toBe(303);
    expect(sidCookie(res.headers['set-cookie'])).toMatch(/;\s*Secure/i);
  });

  it('goes to a safe next= after sign-in, never off-site', async () => {
    const { user, password } = await createUserWithRole(database, 'reporter');
    const ok = await postLogin({ username: user.username, password, next: '/account' });
    expect(ok.res.headers.location).toBe('/account');
    const evil = await postLogin({ username: user.username, password, next: '//evil.example/x' });
    expect(evil.res.headers.location).toBe('/staff');
  });

  it('sends anonymous visitors of a staff page to the sign-in page and back', async () => {
    const res = await app.inject({ url: '/account' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Faccount');
  });

  it('answers a wrong password and an unknown user the same way', async () => {
    const { user } = await createUserWithRole(database, 'reporter');
    const wrong = await postLogin({ username: user.username, password: 'not-the-password-1' }, { ip: freshIp() });
    const unknown = await postLogin({ username: 'no-such-person', password: 'not-the-password-1' }, { ip: freshIp() });
    expect(wrong.res.statusCode).toBe(401);
    expect(unknown.res.statusCode).toBe(401);
    for (const r of [wrong.res, unknown.res]) expect(r.body).toContain('نام کاربری یا رمز عبور درست نیست.');
    // Same page apart from the per-request CSRF token and the typed name.
    const strip = (html: string, name: string) => html.replace(/name="_csrf" value="[^"]*"/, '').replaceAll(name, 'NAME');
    expect(strip(wrong.res.body, user.username)).toBe(strip(unknown.res.body, 'no-such-person'));
    // The typed username is kept; the password is not.
    expect(wrong.res.body).toContain(`value="${user.username}"`);
    expect(wrong.res.body).not.toContain('not-the-password-1');
    expect(wrong.jar.has('sid')).toBe(false);
  });

  it('refuses a switched-off account with the same message', async () => {
    const { user, password } = await createUserWithRole(database, 'reporter');
    await db.execute(sql`update users set is_active = false where id = ${user.id}`);
    const r = await postLogin({ username: user.username, password }, { ip: freshIp() });
    expect(r.res.statusCode).toBe(401);
    expect(r.res.body).toContain('نام کاربری یا رمز عبور درست نیست.');
  });

  it('answers a malformed form with 422 and an error summary', async () => {
    const empty = await postLogin({ username: '', password: '' });
    expect(empty.res.statusCode).toBe(422);
    expect(empty.res.body).toContain('class="error-summary"');
    expect(empty.res.body).toContain('«نام کاربری» را وارد کنید.');
    const extra = await postLogin({ username: 'a', password: 'b', role: 'admin' });
    expect(extra.res.statusCode).toBe(422);
    expect(extra.res.body).toContain('فیلد ناشناخته');
  });

  it('writes sign-ins and failures to the audit trail', async () => {
    const { user, password } = await createUserWithRole(database, 'reporter');
    const before = { ok: await auditCount('auth.login'), failed: await auditCount('auth.login_failed') };
    await postLogin({ username: user.username, password: 'wrong-password-xx' }, { ip: freshIp() });
    await postLogin({ username: user.username, password }, { ip: freshIp() });
    expect(await auditCount('auth.login_failed')).toBe(before.failed + 1);
    expect(await auditCount('auth.login')).toBe(before.ok + 1);
    const rows = await db.select().from(auditLog).where(eq(auditLog.actorUserId, user.id));
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['auth.login', 'auth.login_failed']));
    expect(JSON.stringify(rows)).not.toContain(password);
    expect(JSON.stringify(rows)).not.toContain('wrong-password-xx');
  });
});

describe('the audit trail of failed sign-ins', () => {
  it('never records what was typed as an unknown user name (it may be a password)', async () => {
    const typed = `Secret-Pass-${Date.now()}`;
    const ip = freshIp();
    await postLogin({ username: typed, password: 'whatever-123456' }, { ip });
    await postLogin({ username: typed, password: 'whatever-123456' }, { ip });
    const rows = await db.select().from(auditLog).where(eq(auditLog.action, 'auth.login_failed'));
    const mine = rows.filter((r) => r.ip === ip);
    expect(mine).toHaveLength(2);
    expect(JSON.stringify(mine)).not.toContain(typed);
    expect(JSON.stringify(mine).toLowerCase()).not.toContain(typed.toLowerCase());
    // The same typed name gives the same label, so repeated attempts can be grouped.
    expect(mine[0]!.actorLabel).toMatch(/^نام ناشناخته #[0-9a-f]{8}$/);
    expect(mine[1]!.actorLabel).toBe(mine[0]!.actorLabel);
  });
});

describe('throttling (10 failures a minute)', () => {
  it('per account: the 11th attempt gets 429 without the password being checked', async () => {
    const { user, password } = await createUserWithRole(database, 'reporter');
    for (let i = 0; i < 10; i++) {
      const r = await postLogin({ username: user.username, password: `wrong-password-${i}` }, { ip: freshIp() });
      expect(r.res.statusCode).toBe(401);
    }
    // Even the right password, from yet another address.
    const eleventh = await postLogin({ username: user.username, password }, { ip: freshIp() });
    expect(eleventh.res.statusCode).toBe(429);
    expect(eleventh.res.body).toContain('تعداد تلاش‌های ناموفق زیاد بوده است. یک دقیقهٔ دیگر دوباره تلاش کنید.');
    expect(eleventh.jar.has('sid')).toBe(false);
    // The same name typed with Arabic letters or capitals is the same account.
    clock.advance(MIN + 1000);
    const after = await postLogin({ username: user.username, password }, { ip: freshIp() });
    expect(after.res.statusCode).toBe(303);
  });

  it('per address: the 11th attempt from one address gets 429 whatever the name', async () => {
    const ip = freshIp();
    const { user, password } = await createUserWithRole(database, 'reporter');
    for (let i = 0; i < 10; i++) {
      const r = await postLogin({ username: `nobody-${i}`, password: 'whatever-password' }, { ip });
      expect(r.res.statusCode).toBe(401);
    }
    const eleventh = await postLogin({ username: user.username, password }, { ip });
    expect(eleventh.res.statusCode).toBe(429);
    expect(eleventh.res.body).toContain('یک دقیقهٔ دیگر دوباره تلاش کنید');
    // Other addresses are not affected.
    const elsewhere = await postLogin({ username: user.username, password }, { ip: freshIp() });
    expect(elsewhere.res.statusCode).toBe(303);
    clock.advance(MIN + 1000);
  });

  it('keeps its count in PostgreSQL, one row per checked attempt', async () => {
    const ip = freshIp();
    await postLogin({ username: 'counted-user', password: 'whatever-password' }, { ip });
    const rows = await db.select().from(loginAttempts).where(eq(loginAttempts.ip, ip));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.success).toBe(false);
    expect(rows[0]!.usernameKey).toBe('counted-user');
  });
});

describe('CSRF', () => {
  it('refuses a sign-in without a token with a Persian 403 and writes nothing', async () => {
    const { user, password } = await createUserWithRole(database, 'reporter');
    const attempts = (await db.select({ n: sql<number>`count(*)::int` }).from(loginAttempts))[0]!.n;
    const audits = (await db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]!.n;
    const r = await postLogin({ username: user.username, password }, { csrf: null });
    expect(r.res.statusCode).toBe(403);
    expect(r.res.body).toContain('فرم');
    expect(r.jar.has('sid')).toBe(false);
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(loginAttempts))[0]!.n).toBe(attempts);
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]!.n).toBe(audits);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
  });

  it('refuses a forged token and a token made for another browser', async () => {
    const { user, password } = await createUserWithRole(database, 'reporter');
    const forged = await postLogin({ username: user.username, password }, { csrf: 'forged-token-value' });
    expect(forged.res.statusCode).toBe(403);
    const other = await loginForm();
    const foreign = await postLogin({ username: user.username, password }, { csrf: other.token });
    expect(foreign.res.statusCode).toBe(403);
  });

  it('refuses a signed-in form post without a token and changes nothing', async () => {
    const { user, password } = await createUserWithRole(database, 'reporter');
    const jar = await loginAs(app, user.username, password);
    const res = await postForm(app, jar, '/account/tokens', { name: 'بدون توکن' }, { csrf: null });
    expect(res.statusCode).toBe(403);
    const page = await getPage(app, jar, '/account');
    expect(page.body).not.toContain('بدون توکن');
  });
});

describe('session lifetime', () => {
  it('ends after 30 idle minutes and removes the session row', async () => {
    const { user, password } = await createUserWithRole(database, 'reporter');
    const jar = await loginAs(app, user.username, password);
    clock.advance(29 * MIN);
    expect((await getPage(app, jar, '/staff')).statusCode).toBe(200);
    // Sliding: 29 more minutes after that request is still fine.
    clock.advance(29 * MIN);
    expect((await getPage(app, jar, '/staff')).statusCode).toBe(200);
    clock.advance(31 * MIN);
    const res = await getPage(app, jar, '/staff');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
  });

  it('writes last_seen_at at most once a minute', async () => {
    const { user, password } = await createUserWithRole(database, 'reporter');
    const jar = await loginAs(app, user.username, password);
    const [s0] = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    clock.advance(30_000);
    await getPage(app, jar, '/staff');
    const [s1] = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(s1!.lastSeenAt).toEqual(s0!.lastSeenAt);
    clock.advance(31_000);
    await getPage(app, jar, '/staff');
    const [s2] = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(s2!.lastSeenAt.getTime()).toBe(clock.now().getTime());
  });

  it('ends 12 hours after sign-in even when used all along', async () => {
    const { user, password } = await createUserWithRole(database, 'reporter');
    const jar = await loginAs(app, user.username, password);
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      clock.advance(20 * MIN);
      expect((await getPage(app, jar, '/staff')).statusCode).toBe(200);
    }
    clock.advance(20 * MIN);
    const res = await getPage(app, jar, '/staff');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });

  it('ends on sign-out', async () => {
    const { user, password } = await createUserWithRole(database, 'reporter');
    const jar = await loginAs(app, user.username, password);
    const sid = jar.get('sid')!;
    const res = await postForm(app, jar, '/logout', {}, { from: '/staff' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/signed-out');
    expect(jar.has('sid')).toBe(false);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    const replay = await app.inject({ url: '/staff', headers: { cookie: `sid=${sid}` } });
    expect(replay.statusCode).toBe(303);
    const page = await getPage(app, jar, '/signed-out');
    expect(page.body).toContain('از سامانه خارج شدید');
    expect(await auditCount('auth.logout')).toBeGreaterThan(0);
  });

  it('ignores a made-up session cookie', async () => {
    const res = await app.inject({ url: '/staff', headers: { cookie: 'sid=made-up' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });
});
