import { sql } from 'drizzle-orm';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { connectDatabase } from '../db/index.js';
import { AppError } from '../errors.js';
import {
  isValidIdempotencyKey,
  newIdempotencyKey,
  purgeExpiredIdempotencyKeys,
  withIdempotency,
  type IdempotentOutcome,
} from './idempotency.js';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.execute(sql`create table test_idem_items (id serial primary key, title text not null)`);
});

function clockAt(iso: string) {
  let now = new Date(iso).getTime();
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

async function itemCount(): Promise<number> {
  return (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from test_idem_items`)).rows[0]!.n;
}

describe('withIdempotency', () => {
  it('runs the work once; a repeat gets the stored outcome', async () => {
    const key = newIdempotencyKey();
    let runs = 0;
    const work = async (tx: Parameters<Parameters<typeof withIdempotency>[2]>[0]): Promise<IdempotentOutcome> => {
      runs += 1;
      const r = await tx.execute<{ id: number }>(sql`insert into test_idem_items (title) values ('خبر تازه') returning id`);
      return { status: 303, location: `/newsroom/${r.rows[0]!.id}`, body: { id: r.rows[0]!.id } };
    };
    const before = await itemCount();
    const first = await withIdempotency(t.db, { userId: 1, scope: 'newsroom.create', key }, work);
    const second = await withIdempotency(t.db, { userId: 1, scope: 'newsroom.create', key }, work);
    expect(runs).toBe(1);
    expect(first.replayed).toBe(false);
    expect(second.replayed).toBe(true);
    expect({ ...second, replayed: false }).toEqual(first);
    expect(await itemCount()).toBe(before + 1);
  });

  it('two concurrent calls with the same key: the work runs once and both get the same outcome', async () => {
    // Two pools, as two app processes behind a load balancer would have.
    const other = connectDatabase(t.url, { max: 2 });
    try {
      const key = newIdempotencyKey();
      let runs = 0;
      const work = async (tx: Parameters<Parameters<typeof withIdempotency>[2]>[0]) => {
        runs += 1;
        const r = await tx.execute<{ id: number }>(sql`insert into test_idem_items (title) values ('دوبار کلیک') returning id`);
        await sleep(150); // the second request arrives while the first is still working
        return { status: 303, location: `/items/${r.rows[0]!.id}` };
      };
      const before = await itemCount();
      const [a, b] = await Promise.all([
        withIdempotency(t.db, { userId: 7, scope: 'items.create', key }, work),
        sleep(20).then(() => withIdempotency(other.db, { userId: 7, scope: 'items.create', key }, work)),
      ]);
      expect(runs).toBe(1);
      expect(await itemCount()).toBe(before + 1);
      expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
      expect({ status: a.status, location: a.location }).toEqual({ status: b.status, location: b.location });
    } finally {
      await other.close();
    }
  });

  it('many concurrent repeats still run the work once', async () => {
    const key = newIdempotencyKey();
    let runs = 0;
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        withIdempotency(t.db, { userId: 8, scope: 'x', key }, async () => {
          runs += 1;
          await sleep(30);
          return { status: 201, body: { ok: true, n: runs } };
        }),
      ),
    );
    expect(runs).toBe(1);
    for (const r of results) expect(r).toMatchObject({ status: 201, body: { ok: true, n: 1 } });
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
  });

  it('a failed work stores nothing: the same key may be used again', async () => {
    const key = newIdempotencyKey();
    const before = await itemCount();
    await expect(
      withIdempotency(t.db, { userId: 2, scope: 'items.create', key }, async (tx) => {
        await tx.execute(sql`insert into test_idem_items (title) values ('نیمه‌کاره')`);
        throw new AppError('validation_failed', 422, 'اطلاعات فرم کامل یا درست نیست.');
      }),
    ).rejects.toMatchObject({ status: 422 });
    expect(await itemCount()).toBe(before);
    const ok = await withIdempotency(t.db, { userId: 2, scope: 'items.create', key }, async () => ({ status: 303, location: '/ok' }));
    expect(ok).toEqual({ status: 303, location: '/ok', replayed: false });
  });

  it('keys are per user and per scope', async () => {
    const key = newIdempotencyKey();
    let runs = 0;
    const work = async () => ({ status: 303, location: `/r/${++runs}` });
    await withIdempotency(t.db, { userId: 3, scope: 'a', key }, work);
    await withIdempotency(t.db, { userId: 4, scope: 'a', key }, work);
    await withIdempotency(t.db, { userId: 3, scope: 'b', key }, work);
    expect(runs).toBe(3);
  });

  it('a key expires after 24 hours; the cleanup removes old keys only', async () => {
    const clock = clockAt('2025-03-01T08:00:00Z');
    const key = newIdempotencyKey();
    let runs = 0;
    const work = async () => ({ status: 303, location: `/r/${++runs}` });
    const ref = { userId: 5, scope: 'expiry', key };
    await withIdempotency(t.db, ref, work, { clock });
    clock.advance(24 * 3600_000 - 1000);
    expect(await withIdempotency(t.db, ref, work, { clock })).toMatchObject({ replayed: true, location: '/r/1' });
    clock.advance(2000);
    expect(await withIdempotency(t.db, ref, work, { clock })).toMatchObject({ replayed: false, location: '/r/2' });

    const oldKey = { userId: 6, scope: 'expiry', key: newIdempotencyKey() };
    await withIdempotency(t.db, oldKey, work, { clock: clockAt('2025-02-01T08:00:00Z') });
    const purged = await purgeExpiredIdempotencyKeys(t.db, clock);
    expect(purged).toBeGreaterThanOrEqual(1);
    const left = await t.db.execute<{ user_id: number }>(sql`select user_id from idempotency_keys where scope = 'expiry'`);
    expect(left.rows.map((r) => r.user_id)).toEqual([5]);
  });

  it('rejects a malformed key with a Persian 400 before doing anything', async () => {
    let runs = 0;
    for (const key of ['', 'short', 'a'.repeat(129), 'has space in it 12345', 'نامعتبر-نامعتبر-نامعتبر', 'abc/def+ghi=jkl0123']) {
      const err = await withIdempotency(t.db, { userId: 1, scope: 's', key }, async () => {
        runs += 1;
        return { status: 200 };
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ status: 400, code: 'idempotency_key_invalid' });
      expect((err as AppError).userMessage).toMatch(/شناسهٔ یکتای فرم/);
    }
    expect(runs).toBe(0);
    expect(isValidIdempotencyKey('a'.repeat(16))).toBe(true);
    expect(isValidIdempotencyKey('A-b_'.repeat(32))).toBe(true);
    expect(isValidIdempotencyKey(newIdempotencyKey())).toBe(true);
  });
});
