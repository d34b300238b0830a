import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import { systemClock } from '../../core/clock.js';
import { createOrgService } from '../org/index.js';

const actor = { userId: null, label: 'test' };

describe('public portal', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    const built = await buildTestApp();
    app = built.app;
    const org = createOrgService({ db: built.database.db, clock: systemClock });
    const region = await org.createUnit({ kind: 'region', code: 'R21', name: 'منطقه ۲۱', areaHa: 5156 }, actor);
    const names = [['باشگاه نفت', 'تهرانسر شرقی'], ['شهرک آزادی'], ['وردآورد', 'ویلاشهر']];
    for (const [i, list] of names.entries()) {
      const d = await org.createUnit({ kind: 'district', code: `R21-D${i + 1}`, name: `ناحیه ${i + 1}` }, actor);
      for (const [j, name] of list.entries()) {
        await org.createUnit({ kind: 'neighbourhood', parentId: d.id, code: `R21-N${i}${j}`, name, isSample: true }, actor);
      }
    }
    // A closed district is history: not on today's public pages.
    await org.createUnit({ kind: 'district', code: 'R21-D9', name: 'ناحیهٔ منحل', openedOn: '1383/01/01', closedOn: '1390/01/01' }, actor);
    await org.createDepartment({ orgUnitId: region.id, kind: 'deputy', key: 'finance_admin', name: 'معاونت مالی و اداری' }, actor);
  });

  it('shows the region, its districts with links and their neighbourhoods marked as sample placement', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=30');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toContain('<html lang="fa" dir="rtl">');
    expect(res.body).toContain('<h1>شهرداری منطقه ۲۱ تهران</h1>');
    for (const n of [1, 2, 3]) expect(res.body).toContain(`href="/districts/R21-D${n}"`);
    expect(res.body).toContain('ناحیه ۳');
    expect(res.body).toContain('وردآورد');
    expect(res.body).toContain('جای‌گذاری محله‌ها در نواحی نمونه است');
    expect(res.body).toContain('هنوز خبری منتشر نشده است');
    expect(res.body).toContain('۵٬۱۵۶ هکتار');
    expect(res.body).not.toContain('ناحیهٔ منحل');
    // Nothing for staff: no forms, no department list, no CSRF.
    expect(res.body).not.toContain('_csrf');
    expect(res.body).not.toContain('معاونت مالی');
  });

  it('shows a district with its neighbourhoods', async () => {
    const res = await app.inject({ method: 'GET', url: '/districts/R21-D3' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=30');
    expect(res.body).toContain('ناحیه ۳ منطقه ۲۱');
    expect(res.body).toContain('وردآورد');
    expect(res.body).toContain('ویلاشهر');
    expect(res.body).not.toContain('باشگاه نفت');
    expect(res.body).toContain('جای‌گذاری محله‌ها در نواحی نمونه است');
  });

  it('answers 404 in Persian for an unknown district, a neighbourhood code or a closed district', async () => {
    for (const url of ['/districts/R21-D7', '/districts/R21-N00', '/districts/R21', '/districts/R21-D9', `/districts/${'X'.repeat(40)}`]) {
      const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain('dir="rtl"');
      expect(res.body).toMatch(/پیدا نشد/);
    }
  });
});

describe('public portal before the organisation exists', () => {
  it('says so honestly', async () => {
    const { app } = await buildTestApp();
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('هنوز راه‌اندازی نشده است');
  });
});
