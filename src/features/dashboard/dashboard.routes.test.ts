// The staff home: every role lands on /staff, named after the role's desk.
import { describe, expect, it } from 'vitest';
import { ROLES, ROLE_LABELS } from '../../core/roles.js';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import { createUserWithRole, getPage, loginAs } from '../../../test/helpers/login.js';

const { app, database } = await buildTestApp();

describe('GET /staff', () => {
  for (const role of ROLES) {
    it(`greets a ${role} on the desk of that role, with the role's scope`, async () => {
      const { user, password } = await createUserWithRole(database, role, undefined, { displayName: 'نسرین رحیمی' });
      const jar = await loginAs(app, user.username, password);
      const res = await getPage(app, jar, '/staff');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`<h1>میز کار ${ROLE_LABELS[role]}</h1>`);
      expect(res.body).toContain('نسرین رحیمی');
      expect(res.body).toContain('منطقه ۲۱');
      expect(res.body).toContain('href="/account"');
      const adminLinks = ['href="/staff/admin/users"', 'href="/staff/admin/audit"', 'href="/staff/design"'];
      for (const link of adminLinks) {
        if (role === 'admin') expect(res.body).toContain(link);
        else expect(res.body).not.toContain(link);
      }
    });
  }

  it('names the admin desk «میز کار مدیر سامانه» and suggests a second factor', async () => {
    const { user, password } = await createUserWithRole(database, 'admin');
    const jar = await loginAs(app, user.username, password);
    const res = await getPage(app, jar, '/staff');
    expect(res.body).toContain('میز کار مدیر سامانه');
    expect(res.body).toContain('href="/account/second-factor"');
    // A logout form with a CSRF token in the header.
    expect(res.body).toMatch(/action="\/logout"/);
    expect(res.body).toMatch(/name="_csrf" value="[^"]+"/);
  });

  it('sends anonymous visitors to sign in', async () => {
    const res = await app.inject({ url: '/staff' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fstaff');
  });
});

describe('GET /staff/design', () => {
  it('shows the component gallery to admins only', async () => {
    const admin = await createUserWithRole(database, 'admin');
    const adminJar = await loginAs(app, admin.user.username, admin.password);
    const page = await getPage(app, adminJar, '/staff/design');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('سامانهٔ طراحی');
    const editor = await createUserWithRole(database, 'pr_editor');
    const editorJar = await loginAs(app, editor.user.username, editor.password);
    expect((await getPage(app, editorJar, '/staff/design')).statusCode).toBe(403);
  });
});
