// Every auth and staff page passes the design system's structural checks: labels,
// unique ids, described-by targets, no inline script or style (CSP).
import { beforeAll, describe, expect, it } from 'vitest';
import { markupProblems } from '../../ui/testing/html.js';
import { buildTestApp, CookieJar } from '../../../test/helpers/build-app.js';
import { createUserWithRole, getPage, loginAs, postForm } from '../../../test/helpers/login.js';

const { app, database } = await buildTestApp();
let jar: CookieJar;
let userId: number;

beforeAll(async () => {
  const admin = await createUserWithRole(database, 'admin');
  jar = await loginAs(app, admin.user.username, admin.password);
  userId = (await createUserWithRole(database, 'reporter')).user.id;
  await postForm(app, jar, '/account/tokens', { name: 'نمونه' });
});

describe('page markup', () => {
  for (const url of [
    '/staff',
    '/account',
    '/account/password',
    '/account/second-factor',
    '/staff/admin/users',
    '/staff/admin/users/new',
    '/staff/admin/audit',
  ]) {
    it(`${url} is well-formed`, async () => {
      const res = await getPage(app, jar, url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(/<html lang="fa" dir="rtl">/);
      expect(markupProblems(res.body)).toEqual([]);
    });
  }

  it('the user page and a form with errors are well-formed', async () => {
    const page = await getPage(app, jar, `/staff/admin/users/${userId}`);
    expect(markupProblems(page.body)).toEqual([]);
    const bad = await postForm(app, jar, '/staff/admin/users', { username: '', displayName: '', email: 'x', password: '', role: '', scope: '' }, { from: '/staff/admin/users/new' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('aria-invalid="true"');
    expect(markupProblems(bad.body)).toEqual([]);
  });

  it('the sign-in page, with and without errors, is well-formed', async () => {
    const page = await app.inject({ url: '/login' });
    expect(markupProblems(page.body)).toEqual([]);
    const anon = new CookieJar();
    anon.store(page.headers['set-cookie']);
    const res = await postForm(app, anon, '/login', { username: '', password: '' }, { from: '/login' });
    expect(res.statusCode).toBe(422);
    expect(markupProblems(res.body)).toEqual([]);
  });

  it('error pages are well-formed', async () => {
    const res = await getPage(app, jar, '/staff/admin/users/999999');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('صفحه پیدا نشد');
    expect(markupProblems(res.body)).toEqual([]);
    expect(res.body).not.toContain('action="/logout"');
  });
});
