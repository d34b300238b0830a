import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type CookieJar } from '../../../test/helpers/build-app.js';
import { createUserWithRole, getPage, loginAs, postForm } from '../../../test/helpers/login.js';
import type { TestDatabase } from '../../../test/helpers/test-db.js';
import { systemClock } from '../../core/clock.js';
import { createOrgService, type OrgService, type OrgUnit } from './index.js';

let app: FastifyInstance;
let database: TestDatabase;
let org: OrgService;
let admin: CookieJar;
let editor: CookieJar;
let region: OrgUnit;
let d1: OrgUnit;

const actor = { userId: null, label: 'test' };

/** The value attribute of the named input in a page. */
function inputValue(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  return tag ? /value="([^"]*)"/.exec(tag)?.[1] : undefined;
}

beforeAll(async () => {
  ({ app, database } = await buildTestApp());
  org = createOrgService({ db: database.db, clock: systemClock });
  const a = await createUserWithRole(database, 'admin');
  const e = await createUserWithRole(database, 'pr_editor');
  region = (await org.getRegion())!;
  d1 = await org.createUnit({ kind: 'district', code: 'R21-D1', name: 'ناحیه ۱' }, actor);
  await org.createUnit({ kind: 'neighbourhood', parentId: d1.id, code: 'R21-N01', name: 'وردآورد', isSample: true }, actor);
  await org.createDepartment({ orgUnitId: region.id, kind: 'deputy', key: 'urban_services', name: 'معاونت خدمات شهری و محیط زیست' }, actor);
  admin = await loginAs(app, a.user.username, a.password);
  editor = await loginAs(app, e.user.username, e.password);
});

describe('org admin pages', () => {
  it('shows the tree with the sample marker and departments grouped by unit', async () => {
    const res = await getPage(app, admin, '/staff/admin/org');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<html lang="fa" dir="rtl">');
    expect(res.body).toContain('<h1>ساختار سازمانی</h1>');
    expect(res.body).toContain('ناحیه ۱');
    expect(res.body).toContain('وردآورد');
    expect(res.body).toMatch(/class="tag tag--warning[^"]*"[^>]*>نمونه</);
    expect(res.body).toContain('وابسته به منطقه ۲۱');
    expect(res.body).toContain('معاونت خدمات شهری و محیط زیست');
  });

  it('re-renders a rejected unit form with 422, an error summary and the typed values', async () => {
    const res = await postForm(
      app,
      admin,
      '/staff/admin/org/units',
      { kind: 'neighbourhood', parentId: String(d1.id), code: 'r21-d1', name: '', areaHa: 'دوازده', geometry: '{"type":"Point"}', openedOn: '۱۴۰۲/۱۲/۳۰', closedOn: '' },
      { from: '/staff/admin/org/units/new' },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain('href="#name"');
    expect(res.body).toContain('href="#areaHa"');
    expect(res.body).toContain('href="#geometry"');
    expect(res.body).toContain('href="#openedOn"');
    expect(inputValue(res.body, 'areaHa')).toBe('دوازده');
    expect(inputValue(res.body, 'openedOn')).toBe('۱۴۰۲/۱۲/۳۰');
    expect(inputValue(res.body, 'code')).toBe('r21-d1');
    expect(res.body).toContain('{&quot;type&quot;:&quot;Point&quot;}');
    expect(inputValue(res.body, '_csrf')).toBeTruthy();
    expect((await org.listNeighbourhoods(d1.id)).length).toBe(1);
  });

  it('creates a unit: 303 to the overview with a flash message', async () => {
    const res = await postForm(
      app,
      admin,
      '/staff/admin/org/units',
      { kind: 'neighbourhood', parentId: String(d1.id), code: 'R21-N02', name: 'ويلاشهر', areaHa: '۱۲۰٫۵', openedOn: '۱۳۸۳/۰۱/۰۱', isSample: 'on' },
      { from: '/staff/admin/org/units/new' },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/staff/admin/org');
    const page = await getPage(app, admin, '/staff/admin/org');
    expect(page.body).toContain('class="flash flash--success"');
    expect(page.body).toContain('محله «ویلاشهر» افزوده شد.');
    const unit = await org.getUnitByCode('R21-N02');
    expect(unit).toMatchObject({ name: 'ویلاشهر', areaHa: 120.5, openedOn: '2004-03-20', isSample: true });
    // The flash is shown once.
    expect((await getPage(app, admin, '/staff/admin/org')).body).not.toContain('flash--success');
  });

  it('edits a unit with its version; a stale version gets 409 and the typed values back', async () => {
    const unit = (await org.getUnitByCode('R21-N02'))!;
    const form = await getPage(app, admin, `/staff/admin/org/units/${unit.id}`);
    expect(form.statusCode).toBe(200);
    expect(inputValue(form.body, 'version')).toBe('1');
    expect(inputValue(form.body, 'openedOn')).toBe('۱۳۸۳/۰۱/۰۱');
    expect(inputValue(form.body, 'areaHa')).toBe('۱۲۰٫۵');
    const fields = { parentId: String(d1.id), code: 'R21-N02', name: 'ویلاشهر', areaHa: '121', openedOn: '۱۳۸۳/۰۱/۰۱', version: '1' };
    const ok = await postForm(app, admin, `/staff/admin/org/units/${unit.id}`, fields, { from: `/staff/admin/org/units/${unit.id}` });
    expect(ok.statusCode).toBe(303);
    expect(await org.getUnit(unit.id)).toMatchObject({ areaHa: 121, version: 2, isSample: false });

    const stale = await postForm(app, admin, `/staff/admin/org/units/${unit.id}`, { ...fields, name: 'نام کهنه' }, { from: `/staff/admin/org/units/${unit.id}` });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('class="error-summary"');
    expect(inputValue(stale.body, 'name')).toBe('نام کهنه');
    expect(inputValue(stale.body, 'version')).toBe('1');
    expect(stale.body).toContain(`href="/staff/admin/org/units/${unit.id}"`);
    expect((await org.getUnit(unit.id)).name).toBe('ویلاشهر');
  });

  it('creates and edits departments', async () => {
    const bad = await postForm(
      app,
      admin,
      '/staff/admin/org/departments',
      { orgUnitId: String(region.id), kind: 'district_office', key: 'Bad Key', name: 'دفتر' },
      { from: '/staff/admin/org/departments/new' },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#key"');
    expect(inputValue(bad.body, 'key')).toBe('Bad Key');

    const ok = await postForm(
      app,
      admin,
      '/staff/admin/org/departments',
      { orgUnitId: String(d1.id), kind: 'district_office', key: 'district_office', name: 'شهرداری ناحیه ۱' },
      { from: '/staff/admin/org/departments/new' },
    );
    expect(ok.statusCode).toBe(303);
    const dept = (await org.listDepartments()).find((d) => d.orgUnitId === d1.id)!;
    const form = await getPage(app, admin, `/staff/admin/org/departments/${dept.id}`);
    expect(form.statusCode).toBe(200);
    expect(inputValue(form.body, 'version')).toBe('1');
    const edit = await postForm(
      app,
      admin,
      `/staff/admin/org/departments/${dept.id}`,
      { orgUnitId: String(d1.id), kind: 'district_office', name: 'شهرداری ناحیهٔ یک', isActive: 'on', version: '1' },
      { from: `/staff/admin/org/departments/${dept.id}` },
    );
    expect(edit.statusCode).toBe(303);
    expect((await org.getDepartment(dept.id)).name).toBe('شهرداری ناحیهٔ یک');
  });

  it('answers 404 for unknown or malformed ids', async () => {
    expect((await getPage(app, admin, '/staff/admin/org/units/999999')).statusCode).toBe(404);
    expect((await getPage(app, admin, '/staff/admin/org/units/abc')).statusCode).toBe(404);
    expect((await getPage(app, admin, '/staff/admin/org/departments/99999999999')).statusCode).toBe(404);
  });

  it('is for admins only', async () => {
    expect((await getPage(app, editor, '/staff/admin/org')).statusCode).toBe(403);
    expect((await getPage(app, editor, '/staff/admin/org/units/new')).statusCode).toBe(403);
    const post = await postForm(app, editor, '/staff/admin/org/units', { kind: 'district', code: 'R21-D9', name: 'ناحیه ۹' });
    expect(post.statusCode).toBe(403);
    expect(await org.getUnitByCode('R21-D9')).toBeNull();
    const anonymous = await app.inject({ method: 'GET', url: '/staff/admin/org' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login\?next=/);
  });

  it('refuses a post without the CSRF token', async () => {
    const res = await postForm(app, admin, '/staff/admin/org/units', { kind: 'district', code: 'R21-D8', name: 'ناحیه ۸' }, { csrf: null });
    expect(res.statusCode).toBe(403);
    expect(await org.getUnitByCode('R21-D8')).toBeNull();
  });
});
