// One's own account through the app: password change, second factor, API tokens.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp, CookieJar } from '../../../test/helpers/build-app.js';
import { createUserWithRole, getPage, loginAs, postForm } from '../../../test/helpers/login.js';
import { sessions, users } from './auth.tables.js';
import { totpCodeAt } from './totp.js';

function steppingClock(start = '2025-03-01T08:00:00Z') {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}
const MIN = 60_000;

const clock = steppingClock();
const { app, database } = await buildTestApp({ clock });
const db = database.db;

let ipSerial = 0;
const freshIp = () => `10.2.0.${++ipSerial}`;

describe('the account page', () => {
  it('shows the profile with roles and scope names', async () => {
    const { user, password } = await createUserWithRole(database, 'reporter', undefined, { displayName: 'زهرا کریمی' });
    const jar = await loginAs(app, user.username, password);
    const page = await getPage(app, jar, '/account');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('زهرا کریمی');
    expect(page.body).toContain('کارشناس خبری');
    expect(page.body).toContain('منطقه ۲۱');
    // No second factor for a reporter.
    expect(page.body).not.toContain('/account/second-factor');
  });
});

describe('changing one\'s password', () => {
  it('ends every other session and keeps this browser signed in with a new session', async () => {
    const { user, password } = await createUserWithRole(database, 'pr_editor');
    const here = await loginAs(app, user.username, password);
    const elsewhere = await loginAs(app, user.username, password);
    const oldSid = here.get('sid');
    const res = await postForm(app, here, '/account/password', {
      currentPassword: password,
      newPassword: 'a-brand-new-passphrase',
      newPasswordConfirm: 'a-brand-new-passphrase',
    });
    expect(res.statusCode).toBe(303);
    expect(here.get('sid')).not.toBe(oldSid);
    expect((await getPage(app, here, '/account')).statusCode).toBe(200);
    const other = await getPage(app, elsewhere, '/account');
    expect(other.statusCode).toBe(303);
    expect(other.headers.location).toMatch(/^\/login/);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(1);
    // The old password no longer works, the new one does.
    await expect(loginAs(app, user.username, password, { remoteAddress: freshIp() })).rejects.toThrow(/401/);
    await loginAs(app, user.username, 'a-brand-new-passphrase');
  });

  it('re-renders with Persian errors for a wrong current password, a weak or mismatched new one', async () => {
    const { user, password } = await createUserWithRole(database, 'pr_editor');
    const jar = await loginAs(app, user.username, password);
    const wrong = await postForm(app, jar, '/account/password', {
      currentPassword: 'not-my-password',
      newPassword: 'a-brand-new-passphrase',
      newPasswordConfirm: 'a-brand-new-passphrase',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('رمز عبور فعلی درست نیست.');
    const short = await postForm(app, jar, '/account/password', { currentPassword: password, newPassword: 'short', newPasswordConfirm: 'short' });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('دست‌کم ۱۰ نویسه');
    const mismatch = await postForm(app, jar, '/account/password', {
      currentPassword: password,
      newPassword: 'a-brand-new-passphrase',
      newPasswordConfirm: 'another-passphrase!',
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('تکرار رمز عبور تازه با خود آن یکی نیست.');
    // Nothing changed.
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row!.version).toBe(user.version);
  });

  it('holds a user who owes a password change on the password page', async () => {
    const { user, password } = await createUserWithRole(database, 'reporter', undefined, { mustChangePassword: true });
    const jar = new CookieJar();
    const page = await app.inject({ url: '/login' });
    jar.store(page.headers['set-cookie']);
    const signIn = await postForm(app, jar, '/login', { username: user.username, password }, { from: '/login' });
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe('/account/password');
    for (const url of ['/staff', '/account', '/staff/admin/users']) {
      const res = await getPage(app, jar, url);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/account/password');
    }
    const form = await getPage(app, jar, '/account/password');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('پیش از ادامه');
    const done = await postForm(
      app,
      jar,
      '/account/password',
      { currentPassword: password, newPassword: 'my-own-long-passphrase', newPasswordConfirm: 'my-own-long-passphrase' },
      { from: '/account/password' },
    );
    expect(done.statusCode).toBe(303);
    expect((await getPage(app, jar, '/staff')).statusCode).toBe(200);
  });
});

describe('second factor (TOTP)', () => {
  async function enrol(jar: CookieJar): Promise<string> {
    const page = await getPage(app, jar, '/account/second-factor');
    expect(page.statusCode).toBe(200);
    const secret = /id="totp-secret">([^<]+)</.exec(page.body)![1]!.replace(/\s/g, '');
    expect(page.body).toMatch(/otpauth:\/\/totp\//);
    // Reloading shows the same secret.
    const again = await getPage(app, jar, '/account/second-factor');
    expect(again.body).toContain(/id="totp-secret">([^<]+)</.exec(page.body)![1]!);
    const bad = await postForm(app, jar, '/account/second-factor', { code: '000000' }, { from: '/account/second-factor' });
    expect(bad.statusCode).toBe(422);
    const ok = await postForm(app, jar, '/account/second-factor', { code: await totpCodeAt(secret, clock.now()) }, { from: '/account/second-factor' });
    expect(ok.statusCode).toBe(303);
    // A code is good once: the next use waits for the authenticator's next code.
    clock.advance(30_000);
    return secret;
  }

  it('enrols with a code, then asks for a code at every sign-in before anything else', async () => {
    const { user, password } = await createUserWithRole(database, 'admin');
    const jar = await loginAs(app, user.username, password);
    const secret = await enrol(jar);
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row!.totpEnabled).toBe(true);
    expect(row!.totpSecret).not.toContain(secret); // encrypted at rest

    const browser = new CookieJar();
    const page = await app.inject({ url: '/login' });
    browser.store(page.headers['set-cookie']);
    const step1 = await postForm(app, browser, '/login', { username: user.username, password, next: '/account' }, { from: '/login' });
    expect(step1.statusCode).toBe(303);
    expect(step1.headers.location).toBe('/login/second-factor?next=%2Faccount');
    const halfSid = browser.get('sid');
    // Nothing else opens before the code.
    const blocked = await getPage(app, browser, '/staff');
    expect(blocked.statusCode).toBe(303);
    expect(blocked.headers.location).toBe('/login/second-factor');
    const apiBlocked = await app.inject({ url: '/api/me', headers: { cookie: browser.header() } });
    expect(apiBlocked.statusCode).toBe(401);

    const wrong = await postForm(app, browser, '/login/second-factor', { code: '123456' === (await totpCodeAt(secret, clock.now())) ? '654321' : '123456', next: '/account' }, { from: '/login/second-factor' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('کد تأیید درست نیست');

    const right = await postForm(app, browser, '/login/second-factor', { code: await totpCodeAt(secret, clock.now()), next: '/account' }, { from: '/login/second-factor' });
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe('/account');
    expect(browser.get('sid')).not.toBe(halfSid);
    expect((await getPage(app, browser, '/staff')).statusCode).toBe(200);
  });

  it('refuses a code that was already used (a replay within its 30 seconds)', async () => {
    const { user, password } = await createUserWithRole(database, 'admin');
    const jar = await loginAs(app, user.username, password);
    const secret = await enrol(jar);
    const code = await totpCodeAt(secret, clock.now());
    const signIn = async () => {
      const browser = new CookieJar();
      const page = await app.inject({ url: '/login' });
      browser.store(page.headers['set-cookie']);
      await postForm(app, browser, '/login', { username: user.username, password }, { from: '/login' });
      return postForm(app, browser, '/login/second-factor', { code }, { from: '/login/second-factor' });
    };
    expect((await signIn()).statusCode).toBe(303);
    // Someone who saw the code over the shoulder, a few seconds later, in the same step.
    clock.advance(5_000);
    const replay = await signIn();
    expect(replay.statusCode).toBe(401);
    expect(replay.body).toContain('کد تأیید درست نیست');
    // The next code works.
    clock.advance(30_000);
    const browser = new CookieJar();
    const page = await app.inject({ url: '/login' });
    browser.store(page.headers['set-cookie']);
    await postForm(app, browser, '/login', { username: user.username, password }, { from: '/login' });
    const next = await postForm(app, browser, '/login/second-factor', { code: await totpCodeAt(secret, clock.now()) }, { from: '/login/second-factor' });
    expect(next.statusCode).toBe(303);
  });

  it('throttles wrong codes like passwords', async () => {
    const { user, password } = await createUserWithRole(database, 'pr_manager');
    const jar = await loginAs(app, user.username, password);
    const secret = await enrol(jar);
    const ip = freshIp();
    const browser = new CookieJar();
    const page = await app.inject({ url: '/login', remoteAddress: ip });
    browser.store(page.headers['set-cookie']);
    await postForm(app, browser, '/login', { username: user.username, password }, { from: '/login', remoteAddress: ip });
    const good = await totpCodeAt(secret, clock.now());
    const bad = good === '111111' ? '222222' : '111111';
    for (let i = 0; i < 10; i++) {
      const r = await postForm(app, browser, '/login/second-factor', { code: bad }, { from: '/login/second-factor', remoteAddress: ip });
      expect(r.statusCode).toBe(401);
    }
    const eleventh = await postForm(app, browser, '/login/second-factor', { code: good }, { from: '/login/second-factor', remoteAddress: ip });
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.body).toContain('تعداد تلاش‌های ناموفق زیاد بوده است.');
    clock.advance(MIN + 1000);
  });

  it('is switched off only with a valid code', async () => {
    const { user, password } = await createUserWithRole(database, 'admin');
    const jar = await loginAs(app, user.username, password);
    const secret = await enrol(jar);
    const refused = await postForm(app, jar, '/account/second-factor/disable', { code: '' }, { from: '/account/second-factor' });
    expect(refused.statusCode).toBe(422);
    const ok = await postForm(app, jar, '/account/second-factor/disable', { code: await totpCodeAt(secret, clock.now()) }, { from: '/account/second-factor' });
    expect(ok.statusCode).toBe(303);
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row!.totpEnabled).toBe(false);
    expect(row!.totpSecret).toBeNull();
  });

  it('is not offered to other roles', async () => {
    const { user, password } = await createUserWithRole(database, 'reporter');
    const jar = await loginAs(app, user.username, password);
    expect((await getPage(app, jar, '/account/second-factor')).statusCode).toBe(403);
  });
});

describe('personal API tokens', () => {
  it('are shown once, authenticate bearer requests without CSRF, and can be revoked', async () => {
    const { user, password } = await createUserWithRole(database, 'data_officer');
    const jar = await loginAs(app, user.username, password);
    const made = await postForm(app, jar, '/account/tokens', { name: 'اسکریپت گزارش هفتگی' });
    expect(made.statusCode).toBe(200);
    const token = /id="new-token">([^<]+)</.exec(made.body)![1]!.trim();
    expect(token).toMatch(/^shn_/);
    // Not shown again.
    expect((await getPage(app, jar, '/account')).body).not.toContain(token);

    const me = await app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: user.username, roles: ['data_officer'], via: 'token' });

    // A token cannot mint tokens or change the password.
    const mint = await app.inject({
      method: 'POST',
      url: '/account/tokens',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      payload: { name: 'دیگری' },
    });
    expect(mint.statusCode).toBe(403);

    // A bearer POST needs no CSRF token (no ambient cookie authority).
    const id = /action="\/account\/tokens\/(\d+)\/revoke"/.exec(made.body)![1];
    const revoke = await app.inject({
      method: 'POST',
      url: `/account/tokens/${id}/revoke`,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    });
    expect(revoke.statusCode).toBe(200);
    const after = await app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
  });

  it('refuses a wrong token, and a bad bearer never falls back to the cookie', async () => {
    const { user, password } = await createUserWithRole(database, 'reporter');
    const jar = await loginAs(app, user.username, password);
    const res = await app.inject({ url: '/api/me', headers: { authorization: 'Bearer shn_not-a-real-token', cookie: jar.header() } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/[\u0600-\u06FF]/);
  });

  it('stop working when the account is switched off', async () => {
    const { user, password } = await createUserWithRole(database, 'reporter');
    const jar = await loginAs(app, user.username, password);
    const made = await postForm(app, jar, '/account/tokens', { name: 'ابزار' });
    const token = /id="new-token">([^<]+)</.exec(made.body)![1]!.trim();
    await db.update(users).set({ isActive: false }).where(eq(users.id, user.id));
    expect((await app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });

  it('need a name', async () => {
    const { user, password } = await createUserWithRole(database, 'reporter');
    const jar = await loginAs(app, user.username, password);
    const res = await postForm(app, jar, '/account/tokens', { name: '   ' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('«نام توکن» را وارد کنید.');
  });
});
