// Read counting: in memory by (Tehran day, slug), flushed in batches; through the app's
// onResponse hook for GET /news/:slug (200 and 304, never robots), and «most read».
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import { createUserWithRole } from '../../../test/helpers/login.js';
import type { Clock } from '../../core/clock.js';
import type { Db } from '../../core/db/index.js';
import { createOrgService, type OrgUnit } from '../org/index.js';
import { createNewsroomService, type NewsActor, type NewsItem, type NewsroomService } from './index.js';
import { createNewsReads, tehranDay } from './newsroom.reads.js';

const orgActor = { userId: null, label: 'test' };

/** A clock the test moves by hand. */
class FakeClock implements Clock {
  constructor(public t: Date) {}
  now(): Date {
    return new Date(this.t.getTime());
  }
}

const clock = new FakeClock(new Date());
let app: FastifyInstance;
let db: Db;
let svc: NewsroomService;
let district: OrgUnit;
let reporter: NewsActor;
let editor: NewsActor;
let a: NewsItem;
let b: NewsItem;
let c: NewsItem;

async function publish(headline: string): Promise<NewsItem> {
  let item = await svc.createDraft(reporter, { kind: 'news', headline, lead: 'لید خبر.', body: '<p>متن خبر.</p>', orgUnitId: String(district.id), serviceAreas: [] });
  item = await svc.act(reporter, item.id, 'submit', { expectedVersion: item.version });
  item = await svc.act(editor, item.id, 'approve', { expectedVersion: item.version });
  return svc.act(editor, item.id, 'publish', { expectedVersion: item.version });
}

async function stored(): Promise<Array<{ newsId: number; day: string; reads: number }>> {
  const res = await db.execute<{ news_id: number; day: string; reads: number }>(
    sql`select news_id, to_char(day, 'YYYY-MM-DD') as day, reads from news_daily_reads order by news_id, day`,
  );
  return res.rows.map((r) => ({ newsId: r.news_id, day: r.day, reads: r.reads }));
}

const newsUrl = (i: NewsItem) => `/news/${encodeURIComponent(i.slug!)}`;

beforeAll(async () => {
  const built = await buildTestApp({ clock });
  app = built.app;
  db = built.database.db;
  const org = createOrgService({ db, clock });
  const region = await org.createUnit({ kind: 'region', code: 'R21', name: 'منطقه ۲۱' }, orgActor);
  district = await org.createUnit({ kind: 'district', code: 'R21-D1', name: 'ناحیه ۱' }, orgActor);
  svc = createNewsroomService({ db, clock, org });
  reporter = (await createUserWithRole(built.database, 'reporter', { orgUnitId: region.id })).user;
  editor = (await createUserWithRole(built.database, 'pr_editor', { orgUnitId: region.id })).user;
  a = await publish('خبر اول دربارهٔ بوستان');
  b = await publish('خبر دوم دربارهٔ پسماند');
  c = await publish('خبر سوم دربارهٔ معابر');
}, 60_000);

describe('tehranDay', () => {
  it('is the calendar day in Tehran, not in UTC', () => {
    expect(tehranDay(new Date('2026-11-29T20:29:00Z'))).toBe('2026-11-29');
    expect(tehranDay(new Date('2026-11-29T20:31:00Z'))).toBe('2026-11-30');
  });
});

describe('counting reads through the app', () => {
  it('counts 200 and 304 of a news page, not robots, not other pages, and flushes once', async () => {
    await app.newsReads.flush();
    await db.execute(sql`delete from news_daily_reads`);
    const first = await app.inject({ method: 'GET', url: newsUrl(a), headers: { 'user-agent': 'Mozilla/5.0' } });
    expect(first.statusCode).toBe(200);
    const etag = String(first.headers.etag);
    const again = await app.inject({ method: 'GET', url: newsUrl(a), headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    await app.inject({ method: 'GET', url: newsUrl(b) });
    // Not counted: robots, a HEAD, an unknown slug, another page.
    await app.inject({ method: 'GET', url: newsUrl(c), headers: { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1)' } });
    await app.inject({ method: 'GET', url: newsUrl(c), headers: { 'user-agent': 'Baiduspider' } });
    await app.inject({ method: 'HEAD', url: newsUrl(c) });
    expect((await app.inject({ method: 'GET', url: '/news/no-such-item' })).statusCode).toBe(404);
    await app.inject({ method: 'GET', url: '/notices' });

    // Nothing is written before a flush.
    expect(await stored()).toEqual([]);
    const result = await app.newsReads.flush();
    expect(result.ok).toBe(true);
    const day = tehranDay(clock.now());
    expect(await stored()).toEqual(
      [
        { newsId: a.id, day, reads: 2 },
        { newsId: b.id, day, reads: 1 },
      ].sort((x, y) => x.newsId - y.newsId),
    );
    // Flushed once: a second flush adds nothing.
    expect((await app.newsReads.flush()).rows).toBe(0);
    expect((await stored()).reduce((s, r) => s + r.reads, 0)).toBe(3);
  });

  it('shows the most read of the week on the home page, most read first', async () => {
    for (let k = 0; k < 3; k++) await app.inject({ method: 'GET', url: newsUrl(c) });
    await app.newsReads.flush();
    // c: 3, a: 2, b: 1. Past the page cache's lifetime, so the home page is rendered afresh.
    clock.t = new Date(clock.t.getTime() + 5 * 60_000);
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    const section = res.body.slice(res.body.indexOf('پربازدیدترین‌های هفته'));
    const order = [c, a, b].map((i) => section.indexOf(`href="${newsUrl(i)}"`));
    expect(order.every((p) => p > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });
});

describe('the read counter', () => {
  it('adds to the stored day, keeps days apart and orders by reads since a day', async () => {
    await db.execute(sql`delete from news_daily_reads`);
    const local = new FakeClock(new Date('2026-11-20T08:00:00Z'));
    const reads = createNewsReads({ db, clock: local });
    reads.recordReads(a.slug!, 5);
    reads.recordReads(b.slug!);
    reads.recordReads('no-such-slug', 7);
    expect((await reads.flush()).rows).toBe(2);
    reads.recordReads(a.slug!);
    local.t = new Date('2026-11-27T08:00:00Z');
    reads.recordReads(b.slug!, 4);
    reads.recordReads(c.slug!, 2);
    await reads.flush();
    expect(await stored()).toEqual(
      [
        { newsId: a.id, day: '2026-11-20', reads: 6 },
        { newsId: b.id, day: '2026-11-20', reads: 1 },
        { newsId: b.id, day: '2026-11-27', reads: 4 },
        { newsId: c.id, day: '2026-11-27', reads: 2 },
      ].sort((x, y) => x.newsId - y.newsId || x.day.localeCompare(y.day)),
    );
    const week = await reads.mostReadSince(new Date('2026-11-21T08:00:00Z'), 5);
    expect(week.map((r) => [r.item.id, r.reads])).toEqual([
      [b.id, 4],
      [c.id, 2],
    ]);
    const all = await reads.mostReadSince(new Date('2026-11-01T08:00:00Z'), 5);
    expect(all.map((r) => [r.item.id, r.reads])).toEqual([
      [a.id, 6],
      [b.id, 5],
      [c.id, 2],
    ]);
    expect(all[0]!.item.headline).toBe(a.headline);
    expect((await reads.mostReadSince(new Date('2026-11-01T08:00:00Z'), 1)).length).toBe(1);
  });

  it('leaves unpublished items out of «most read»', async () => {
    await db.execute(sql`delete from news_daily_reads`);
    const reads = createNewsReads({ db, clock });
    reads.recordReads(a.slug!, 3);
    reads.recordReads(b.slug!, 1);
    await reads.flush();
    await svc.act(editor, a.id, 'unpublish', { expectedVersion: a.version, note: 'نیاز به بازبینی دارد.' });
    const top = await reads.mostReadSince(new Date(clock.now().getTime() - 86_400_000), 5);
    expect(top.map((r) => r.item.id)).toEqual([b.id]);
  });

  it('keeps the counts of a failed flush for the next one and logs the failure', async () => {
    await db.execute(sql`delete from news_daily_reads`);
    let failNext = true;
    const flaky = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === 'execute' && failNext) {
          failNext = false;
          return () => Promise.reject(new Error('connection lost'));
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const errors: unknown[] = [];
    const reads = createNewsReads({ db: flaky, clock, log: { error: (obj) => errors.push(obj), warn: () => undefined } });
    reads.recordReads(b.slug!, 2);
    const failed = await reads.flush();
    expect(failed.ok).toBe(false);
    expect(errors).toHaveLength(1);
    expect(reads.pendingKeys()).toBe(1);
    reads.recordReads(b.slug!);
    const ok = await reads.flush();
    expect(ok.ok).toBe(true);
    expect(await stored()).toEqual([{ newsId: b.id, day: tehranDay(clock.now()), reads: 3 }]);
    expect(reads.pendingKeys()).toBe(0);
  });

  it('bounds its memory: reads of new pages beyond the cap are dropped with a warning', async () => {
    const warnings: unknown[] = [];
    const reads = createNewsReads({ db, clock, maxKeys: 2, log: { error: () => undefined, warn: (obj) => warnings.push(obj) } });
    reads.recordReads('one');
    reads.recordReads('two');
    reads.recordReads('three');
    reads.recordReads('one');
    expect(reads.pendingKeys()).toBe(2);
    await reads.flush();
    expect(warnings).toHaveLength(1);
    expect(reads.pendingKeys()).toBe(0);
  });
});
