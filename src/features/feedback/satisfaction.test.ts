// «رضایت شما از خدمات» per district through HTTP: a rating 1–5 (any digits) for a service
// area, once per visitor per district per service area per day; bad ratings are a Persian
// 422 that stores nothing; unknown districts 404; cross-site posts 403. And the form itself.
import type { FastifyInstance } from 'fastify';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import type { TestDatabase } from '../../../test/helpers/test-db.js';
import { systemClock } from '../../core/clock.js';
import { renderFragment } from '../../ui/render.js';
import { createOrgService, type OrgUnit } from '../org/index.js';
import { satisfactionAnswers } from './feedback.tables.js';
import { SATISFACTION_ALREADY, SATISFACTION_THANKS, SatisfactionForm, satisfactionStatusMessage } from './index.js';

const PUBLIC = 'https://shahr.example';
const orgActor = { userId: null, label: 'test' };

let app: FastifyInstance;
let database: TestDatabase;
let d1: OrgUnit;
let d2: OrgUnit;
let ipSerial = 0;
const nextIp = () => `10.60.${Math.floor(++ipSerial / 200)}.${(ipSerial % 200) + 1}`;

function rate(code: string, fields: Record<string, string>, o: { ip?: string; json?: boolean; headers?: Record<string, string> } = {}) {
  return app.inject({
    method: 'POST',
    url: `/districts/${encodeURIComponent(code)}/satisfaction`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: o.json ? 'application/json' : 'text/html',
      'user-agent': 'test-browser',
      origin: PUBLIC,
      ...o.headers,
    },
    payload: new URLSearchParams(fields).toString(),
    remoteAddress: o.ip ?? nextIp(),
  });
}

async function answers(): Promise<number> {
  const [row] = await database.db.select({ n: count() }).from(satisfactionAnswers);
  return row?.n ?? 0;
}

beforeAll(async () => {
  ({ app, database } = await buildTestApp({ env: { PUBLIC_URL: PUBLIC } }));
  const org = createOrgService({ db: database.db, clock: systemClock });
  const region = await org.createUnit({ kind: 'region', code: 'R21', name: 'منطقه ۲۱' }, orgActor);
  d1 = await org.createUnit({ kind: 'district', parentId: region.id, code: 'R21-D1', name: 'ناحیه ۱' }, orgActor);
  d2 = await org.createUnit({ kind: 'district', parentId: region.id, code: 'R21-D2', name: 'ناحیه ۲' }, orgActor);
  await org.createUnit({ kind: 'neighbourhood', parentId: d1.id, code: 'R21-D1-N1', name: 'محلهٔ یک' }, orgActor);
}, 60_000);

describe('the satisfaction form', () => {
  it('offers the service areas, a 1–5 rating in Persian digits and an optional text, with no CSRF field', () => {
    const html = renderFragment(SatisfactionForm({ districtCode: 'R21-D1' }));
    expect(html).toContain('id="satisfaction"');
    expect(html).toContain('رضایت شما از خدمات');
    expect(html).toContain('action="/districts/R21-D1/satisfaction"');
    expect(html).toContain('فضای سبز و بوستان‌ها');
    for (const [i, d] of ['۱', '۲', '۳', '۴', '۵'].entries()) {
      expect(html).toMatch(new RegExp(`type="radio" value="${i + 1}"`));
      expect(html).toContain(`>${d} —`);
    }
    expect(html).toContain('name="text"');
    expect(html).not.toContain('name="_csrf"');
    expect(satisfactionStatusMessage({ satisfaction: 'thanks' })).toBe(SATISFACTION_THANKS);
    expect(satisfactionStatusMessage({ satisfaction: 'already' })).toBe(SATISFACTION_ALREADY);
    expect(satisfactionStatusMessage({ satisfaction: '<x>' })).toBeUndefined();
  });
});

describe('POST /districts/:code/satisfaction', () => {
  it('accepts a Persian digit «۴», stores it for the district and the area, and lands on the thanks variant', async () => {
    const before = await answers();
    const res = await rate('R21-D1', { serviceArea: 'waste', rating: '۴', text: 'جمع‌آوری <b>به‌موقع</b> است' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/districts/R21-D1?satisfaction=thanks#satisfaction');
    expect(await answers()).toBe(before + 1);
    const [row] = await database.db.select().from(satisfactionAnswers).orderBy(satisfactionAnswers.id).limit(1).offset(before);
    expect(row).toMatchObject({ kind: 'service_rating', value: 4, orgUnitId: d1.id, serviceArea: 'waste', newsId: null });
    expect(row?.text).toBe('جمع‌آوری <b>به‌موقع</b> است');
    expect(row?.visitorKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses ratings 0, 6, «۶» and "abc" (and none) with a Persian 422 and stores nothing', async () => {
    const before = await answers();
    for (const rating of ['0', '6', '۶', 'abc', '۳.۵', '']) {
      const html = await rate('R21-D1', { serviceArea: 'streets', rating, text: 'متن من' });
      expect(html.statusCode, rating).toBe(422);
      expect(html.headers['cache-control']).toBe('no-store');
      expect(html.body).toContain('را با یکی از گزینه‌های ۱ تا ۵ انتخاب کنید');
      expect(html.body).toContain('href="#satisfaction-rating"');
      // What was typed is kept.
      expect(html.body).toContain('متن من');
      expect(html.body).toMatch(/<option[^>]*value="streets"[^>]*selected/);
      const json = await rate('R21-D1', { serviceArea: 'streets', rating }, { json: true });
      expect(json.statusCode).toBe(422);
      expect(json.json().error.fields.rating).toContain('۱ تا ۵');
    }
    const badArea = await rate('R21-D1', { serviceArea: 'parking', rating: '3' }, { json: true });
    expect(badArea.statusCode).toBe(422);
    expect(badArea.json().error.fields.serviceArea).toContain('خدمت');
    const long = await rate('R21-D1', { serviceArea: 'streets', rating: '3', text: 'ب'.repeat(1001) }, { json: true });
    expect(long.statusCode).toBe(422);
    expect(long.json().error.fields.text).toContain('۱۰۰۰');
    const extra = await rate('R21-D1', { serviceArea: 'streets', rating: '3', admin: '1' }, { json: true });
    expect(extra.statusCode).toBe(422);
    expect(await answers()).toBe(before);
  });

  it('takes one answer per visitor per district per service area per day; a second is refused politely', async () => {
    const ip = nextIp();
    const before = await answers();
    expect((await rate('R21-D2', { serviceArea: 'transport', rating: '5' }, { ip })).statusCode).toBe(303);
    const again = await rate('R21-D2', { serviceArea: 'transport', rating: '1' }, { ip });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe('/districts/R21-D2?satisfaction=already#satisfaction');
    const json = await rate('R21-D2', { serviceArea: 'transport', rating: '1' }, { ip, json: true });
    expect(json.statusCode).toBe(409);
    expect(json.json().error.message).toBe(SATISFACTION_ALREADY);
    expect(await answers()).toBe(before + 1);
    const [kept] = await database.db.select().from(satisfactionAnswers).where(eq(satisfactionAnswers.orgUnitId, d2.id));
    expect(kept?.value).toBe(5);
    // Another area, or another district, the same day: a new answer.
    expect((await rate('R21-D2', { serviceArea: 'health', rating: '2' }, { ip })).headers.location).toContain('satisfaction=thanks');
    expect((await rate('R21-D1', { serviceArea: 'transport', rating: '2' }, { ip })).headers.location).toContain('satisfaction=thanks');
    // Another visitor, the same area: a new answer.
    expect((await rate('R21-D2', { serviceArea: 'transport', rating: '3' })).headers.location).toContain('satisfaction=thanks');
    expect(await answers()).toBe(before + 4);
  });

  it('answers 404 for an unknown district, a neighbourhood or the region, and 403 for a cross-site post', async () => {
    const before = await answers();
    for (const code of ['R21-D9', 'R21-D1-N1', 'R21', 'x'.repeat(40)]) {
      expect((await rate(code, { serviceArea: 'waste', rating: '3' })).statusCode, code).toBe(404);
    }
    const forged = await rate('R21-D1', { serviceArea: 'waste', rating: '1' }, { headers: { origin: 'https://evil.example' } });
    expect(forged.statusCode).toBe(403);
    expect(await answers()).toBe(before);
  });
});
