import { sql } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { ensureHousekeepingScheduled, FINISHED_JOB_RETENTION_MS, HOUSEKEEPING_JOB, housekeepingHandler } from './housekeeping.js';
import { createJobRunner, enqueue, type JobLogger } from './runner.js';

function fakeClock(start = '2026-03-01T08:00:00.000Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

const quietLog: JobLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const DAY = 24 * 60 * 60 * 1000;

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
beforeEach(async () => {
  await t.db.execute(sql`delete from jobs`);
  await t.db.execute(sql`delete from idempotency_keys`);
});

type Row = { kind: string; state: string; run_at: string };
const rows = async () => (await t.db.execute<Row>(sql`select kind, state, run_at from jobs order by id`)).rows;

describe('housekeeping job', () => {
  it('is scheduled once: a restart does not push an existing job further away', async () => {
    const clock = fakeClock();
    expect(await ensureHousekeepingScheduled(t.db, clock, 60_000)).toBe(true);
    clock.advance(30_000);
    expect(await ensureHousekeepingScheduled(t.db, clock, 60_000)).toBe(false);
    const r = await rows();
    expect(r).toHaveLength(1);
    expect(new Date(r[0]!.run_at).toISOString()).toBe('2026-03-01T08:01:00.000Z');
  });

  it('purges old finished jobs, runs the tasks, and schedules itself for the next day', async () => {
    const clock = fakeClock();
    const swept: number[] = [];
    const runner = createJobRunner({
      db: t.db,
      clock,
      log: quietLog,
      handlers: {
        old: async () => undefined,
        ...housekeepingHandler({ db: t.db, clock, log: quietLog, tasks: [{ name: 'sweep', run: async () => swept.push(1) }] }),
      },
    });
    // A job that finished long ago, and one that finished recently.
    await enqueue(t.db, { kind: 'old', runAt: clock.now() });
    await runner.runDueOnce();
    clock.advance(FINISHED_JOB_RETENTION_MS + DAY);
    await enqueue(t.db, { kind: 'old', runAt: clock.now() });
    await runner.runDueOnce();
    expect((await rows()).filter((r) => r.state === 'done')).toHaveLength(2);

    await ensureHousekeepingScheduled(t.db, clock, 0);
    const summary = await runner.runDueOnce();
    expect(summary.rescheduled).toBe(1);
    expect(swept).toEqual([1]);
    const after = await rows();
    expect(after.filter((r) => r.kind === 'old')).toHaveLength(1);
    const hk = after.filter((r) => r.kind === HOUSEKEEPING_JOB);
    expect(hk).toHaveLength(1);
    expect(hk[0]!.state).toBe('pending');
    expect(new Date(hk[0]!.run_at).getTime()).toBe(clock.now().getTime() + DAY);
  });

  it('a failing task does not stop the purges or the next run', async () => {
    const clock = fakeClock();
    const runner = createJobRunner({
      db: t.db,
      clock,
      log: quietLog,
      handlers: housekeepingHandler({
        db: t.db,
        clock,
        log: quietLog,
        tasks: [{ name: 'broken', run: async () => Promise.reject(new Error('disk gone')) }],
      }),
    });
    await ensureHousekeepingScheduled(t.db, clock, 0);
    await runner.runDueOnce();
    const hk = await rows();
    expect(hk).toHaveLength(1);
    expect(hk[0]!.state).toBe('pending');
  });
});
