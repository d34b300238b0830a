// GET /search through HTTP: items written and published through the newsroom service;
// filters in the URL, errors on the page with the form kept, nothing unpublished shown,
// nothing typed ever reaching the page unescaped.
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import { createUserWithRole } from '../../../test/helpers/login.js';
import { systemClock } from '../../core/clock.js';
import { dateToJalali, toPersianDigits } from '../../core/persian/index.js';
import { findTags, markupProblems, textOf } from '../../ui/testing/html.js';
import { createNewsroomService, type NewsActor, type NewsInput, type NewsItem, type NewsroomService } from '../newsroom/index.js';
import { createOrgService, type OrgUnit } from '../org/index.js';
import { renderPortalSearchPage } from './views/search.page.js';

const orgActor = { userId: null, label: 'test' };

let app: FastifyInstance;
let svc: NewsroomService;
let d1: OrgUnit;
let d3: OrgUnit;
let reporter: NewsActor;
let editor: NewsActor;
let pr: NewsItem;
let park: NewsItem;
let notice: NewsItem;
let killed: NewsItem;

function input(d: OrgUnit, over: Partial<NewsInput> = {}): NewsInput {
  return {
    kind: 'news',
    overline: '',
    headline: 'خبر',
    lead: 'لید خبر.',
    body: '<p>متن خبر.</p>',
    sourceLine: '',
    orgUnitId: String(d.id),
    serviceAreas: [],
    ...over,
  };
}

async function publish(d: OrgUnit, over: Partial<NewsInput> = {}): Promise<NewsItem> {
  let item = await svc.createDraft(reporter, input(d, over));
  item = await svc.act(reporter, item.id, 'submit', { expectedVersion: item.version });
  item = await svc.act(editor, item.id, 'approve', { expectedVersion: item.version });
  return svc.act(editor, item.id, 'publish', { expectedVersion: item.version });
}

const toActor = (u: { id: number; username: string; memberships: NewsActor['memberships'] }): NewsActor => ({
  id: u.id,
  username: u.username,
  memberships: u.memberships,
});

const get = (query: Record<string, string>) => app.inject({ method: 'GET', url: `/search?${new URLSearchParams(query).toString()}` });
const link = (item: NewsItem) => `href="/news/${encodeURIComponent(item.slug!)}"`;
const jalali = (d: Date) => {
  const j = dateToJalali(d);
  return `${j.jy}/${String(j.jm).padStart(2, '0')}/${String(j.jd).padStart(2, '0')}`;
};

beforeAll(async () => {
  const built = await buildTestApp({ env: { PUBLIC_URL: 'https://shahr.example' } });
  app = built.app;
  const db = built.database;
  const org = createOrgService({ db: db.db, clock: systemClock });
  const region = await org.createUnit({ kind: 'region', code: 'R21', name: 'منطقه ۲۱' }, orgActor);
  d1 = await org.createUnit({ kind: 'district', code: 'R21-D1', name: 'ناحیه ۱' }, orgActor);
  d3 = await org.createUnit({ kind: 'district', code: 'R21-D3', name: 'ناحیه ۳' }, orgActor);
  svc = createNewsroomService({ db: db.db, clock: systemClock, org });
  reporter = toActor((await createUserWithRole(db, 'reporter', { orgUnitId: region.id })).user);
  editor = toActor((await createUserWithRole(db, 'pr_editor', { orgUnitId: region.id })).user);
  pr = await publish(d3, { headline: 'نشست روابط‌عمومی‌ها در ناحیه', lead: 'هماهنگی خبری با <b>نواحی</b> & شهروندان.' });
  park = await publish(d1, { headline: 'بازگشایی بوستان وحدت', lead: 'بوستان پس از بازسازی باز شد.' });
  notice = await publish(d3, { headline: 'اطلاعیهٔ بوستان ولایت', kind: 'notice' });
  killed = await publish(d3, { headline: 'خبر لغوشدهٔ کتابخانه' });
  killed = await svc.act(editor, killed.id, 'kill', { expectedVersion: killed.version, note: 'نادرست' });
  await svc.createDraft(reporter, input(d3, { headline: 'پیش‌نویس کتابخانهٔ محله' }));
}, 60_000);

describe('GET /search', () => {
  it('shows an empty form without a query, and a search box in the header of every portal page', async () => {
    const res = await get({});
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toMatch(/public/);
    expect(findTags(res.body, 'h1')).toHaveLength(1);
    expect(textOf(res.body)).toContain('واژه‌ای از تیتر یا متن خبر را بنویسید');
    expect(markupProblems(res.body)).toEqual([]);
    const home = await app.inject({ method: 'GET', url: '/' });
    const region = findTags(home.body, 'div', 'role', 'search')[0];
    expect(region?.attrs.get('aria-label')).toBeTruthy();
    const form = findTags(home.body, 'form', 'action', '/search')[0];
    expect(form?.attrs.get('method')).toBe('get');
  });

  it('finds every spelling, with count, headline link, date, district and a marked snippet', async () => {
    for (const q of ['روابط عمومی ها', 'روابط‌عمومی‌ها', 'روابط عمومي‌ها']) {
      const res = await get({ q });
      expect(res.statusCode, q).toBe(200);
      expect(res.body).toContain(link(pr));
      expect(textOf(res.body)).toContain('۱ نتیجه');
      expect(res.body).toMatch(/<time datetime="[^"]+">[^<]+<\/time>/);
      expect(res.body).toContain('href="/districts/R21-D3"');
    }
    const res = await get({ q: 'نواحی' });
    // The lead's own markup is text, escaped; only our <mark> is markup.
    expect(res.body).toContain('<mark>نواحی</mark>');
    expect(res.body).not.toContain('<b>');
    expect(markupProblems(res.body)).toEqual([]);
  });

  it('filters by district code, kind and Jalali dates in Persian or Latin digits', async () => {
    const both = await get({ q: 'بوستان' });
    expect(both.body).toContain(link(park));
    expect(both.body).toContain(link(notice));
    const d1Only = await get({ q: 'بوستان', district: 'R21-D1' });
    expect(d1Only.body).toContain(link(park));
    expect(d1Only.body).not.toContain(link(notice));
    const notices = await get({ q: 'بوستان', kind: 'notice' });
    expect(notices.body).not.toContain(link(park));
    expect(notices.body).toContain(link(notice));
    const today = jalali(notice.publishedAt!);
    const inRange = await get({ q: 'بوستان', from: toPersianDigits(today), to: today });
    expect(inRange.body).toContain(link(notice));
    const before = await get({ q: 'بوستان', to: '1400/01/01' });
    expect(before.statusCode).toBe(200);
    expect(before.body).not.toContain(link(notice));
    expect(textOf(before.body)).toContain('پیدا نشد');
    // The filters stay chosen in the form.
    expect(findTags(d1Only.body, 'option', 'value', 'R21-D1')[0]?.attrs.has('selected')).toBe(true);
  });

  it('shows bad input on the page with a Persian message, a 4xx and the form as typed', async () => {
    // 1403 is a leap year (30 Esfand exists); 1404 is not.
    expect((await get({ q: 'بوستان', from: '1403/12/30' })).statusCode).toBe(200);
    const leap = await get({ q: 'بوستان', from: '1404/12/30' });
    expect(leap.statusCode).toBe(422);
    expect(leap.headers['cache-control']).toBe('no-store');
    expect(textOf(leap.body)).toContain('مشکلی وجود دارد');
    expect(textOf(leap.body)).toContain('اسفند ۱۴۰۴ ۲۹ روز دارد');
    expect(findTags(leap.body, 'input', 'name', 'from')[0]?.attrs.get('value')).toBe('1404/12/30');
    expect(findTags(leap.body, 'input', 'name', 'q')[0]?.attrs.get('value')).toBe('بوستان');
    expect(leap.body).not.toContain(link(park));

    const long = await get({ q: 'ب'.repeat(201) });
    expect(long.statusCode).toBe(422);
    expect(textOf(long.body)).toContain('۲۰۰ نویسه');

    const district = await get({ q: 'بوستان', district: 'nowhere' });
    expect(district.statusCode).toBe(422);
    expect(textOf(district.body)).toContain('این ناحیه پیدا نشد');

    const kind = await get({ q: 'بوستان', kind: 'gossip' });
    expect(kind.statusCode).toBe(422);
    expect(textOf(kind.body)).toContain('این نوع خبر پیدا نشد');

    const range = await get({ q: 'بوستان', from: '1405/09/10', to: '1405/09/01' });
    expect(range.statusCode).toBe(422);

    const page = await get({ q: 'بوستان', page: 'x' });
    expect(page.statusCode).toBe(400);
    expect((await get({ q: 'بوستان', page: '۲' })).statusCode).toBe(200);
  });

  it('answers stop words alone and tsquery syntax without an error', async () => {
    const stop = await get({ q: 'و از به' });
    expect(stop.statusCode).toBe(200);
    expect(textOf(stop.body)).toContain('بسیار رایج');
    for (const q of ["&|!:()*'\\", "بوستان') | ('", 'a:* & !b <-> c']) {
      const res = await get({ q });
      expect(res.statusCode, q).toBe(200);
    }
  });

  it('never lets the query or a snippet inject markup', async () => {
    const res = await get({ q: '<script>alert(1)</script>"><img src=x onerror=alert(1)>' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).not.toContain('<img src=x');
    expect(findTags(res.body, 'img')).toEqual([]);
    expect(markupProblems(res.body)).toEqual([]);
  });

  it('offers close titles for a typo and never shows unpublished items', async () => {
    const typo = await get({ q: 'بوستن وحدت' });
    expect(typo.statusCode).toBe(200);
    expect(textOf(typo.body)).toContain('شاید منظورتان این‌ها بود');
    expect(typo.body).toContain(link(park));
    const hidden = await get({ q: 'کتابخانه' });
    expect(hidden.body).not.toContain('لغوشده');
    expect(hidden.body).not.toContain('پیش‌نویس کتابخانه');
    expect(textOf(hidden.body)).toContain('پیدا نشد');
  });

  it('pages by 20 with a «next» link that keeps the filters', async () => {
    for (let i = 0; i < 21; i++) await publish(d1, { headline: `گزارش شمارهٔ ${i} دربارهٔ پسماند` });
    const first = await get({ q: 'پسماند', district: 'R21-D1' });
    expect(textOf(first.body)).toContain('۲۱ نتیجه');
    expect(findTags(first.body, 'ol')[0]).toBeDefined();
    const next = findTags(first.body, 'a', 'rel', 'next')[0]?.attrs.get('href');
    expect(next).toBeDefined();
    const url = new URL(next!.replace(/&amp;/g, '&'), 'http://x');
    expect(url.pathname).toBe('/search');
    expect(url.searchParams.get('page')).toBe('2');
    expect(url.searchParams.get('district')).toBe('R21-D1');
    const second = await app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(second.statusCode).toBe(200);
    expect(findTags(second.body, 'a', 'rel', 'prev')).toHaveLength(1);
    expect(findTags(second.body, 'a', 'rel', 'next')).toHaveLength(0);
  });
});

describe('search page view', () => {
  it('says «more than 1,000» when the count stops at the cap, and marks only matched words', () => {
    const html = renderPortalSearchPage({
      siteName: 'شهرنما',
      form: { q: 'بوستان', district: '', kind: '', from: '', to: '' },
      errors: {},
      districts: [],
      kinds: [],
      onlyStopWords: false,
      missingQuery: false,
      result: {
        total: 1000,
        totalIsCapped: true,
        page: 1,
        hasNext: true,
        suggestions: [],
        hits: [
          {
            href: '/news/x',
            overline: null,
            headline: 'تیتر',
            kindLabel: 'خبر',
            publishedAt: new Date('2026-11-29T08:00:00Z'),
            placeName: null,
            placeHref: null,
            snippet: [
              { text: '<b>پیش</b> ', mark: false },
              { text: 'بوستان<script>', mark: true },
            ],
          },
        ],
      },
    });
    expect(textOf(html)).toContain('بیش از ۱٬۰۰۰ نتیجه');
    expect(html).toContain('<mark>بوستان&lt;script></mark>');
    expect(html).not.toContain('<b>');
    expect(findTags(html, 'mark')).toHaveLength(1);
    expect(markupProblems(html)).toEqual([]);
  });
});
