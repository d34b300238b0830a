import { sql } from 'drizzle-orm';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { connectDatabase, withTransaction, type Database, type DbOrTx } from '../db/index.js';
import { cancel, createJobRunner, enqueue, purgeFinishedJobs, type JobHandler, type JobHandlerSpec, type JobLogger } from './runner.js';

type JobRow = {
  id: number;
  kind: string;
  state: string;
  attempts: number;
  run_at: string;
  payload: Record<string, unknown>;
  last_error: string | null;
  locked_by: string | null;
  finished_at: string | null;
  dedupe_key: string | null;
};

function fakeClock(start = '2025-03-01T08:00:00.000Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
    at(offsetMs: number) {
      return new Date(t + offsetMs);
    },
  };
}

function memoryLog(): JobLogger & { lines: { level: string; msg: string | undefined; obj: object }[] } {
  const lines: { level: string; msg: string | undefined; obj: object }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, msg, obj });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

let t: TestDatabase;

/** Raw queries through Drizzle return timestamps as PostgreSQL text. */
const iso = (v: string | null): string | null => (v === null ? null : new Date(v).toISOString());

async function allJobs(): Promise<JobRow[]> {
  return (await t.db.execute<JobRow>(sql`select * from jobs order by id`)).rows;
}

async function job(id: number): Promise<JobRow> {
  return (await t.db.execute<JobRow>(sql`select * from jobs where id = ${id}`)).rows[0]!;
}

async function effects(): Promise<{ job_id: number; note: string }[]> {
  return (await t.db.execute<{ job_id: number; note: string }>(sql`select job_id, note from test_job_effects order by job_id, note`)).rows;
}

const note = (q: DbOrTx, jobId: number, text: string) => q.execute(sql`insert into test_job_effects (job_id, note) values (${jobId}, ${text})`);

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.execute(sql`create table test_job_effects (job_id bigint not null, note text not null)`);
  await t.db.execute(sql`create table test_job_counter (job_id bigint primary key, runs int not null, workers text[] not null)`);
});

beforeEach(async () => {
  await t.db.execute(sql`truncate jobs, test_job_effects, test_job_counter`);
});

describe('enqueue and cancel', () => {
  it('a job exists only if the transaction that enqueued it committed', async () => {
    const clock = fakeClock();
    await expect(
      withTransaction(t.db, async (tx) => {
        await enqueue(tx, { kind: 'publish', runAt: clock.now(), payload: { newsId: 1 } });
        throw new Error('the scheduling transaction failed');
      }),
    ).rejects.toThrow('failed');
    expect(await allJobs()).toHaveLength(0);

    const { id } = await withTransaction(t.db, (tx) => enqueue(tx, { kind: 'publish', runAt: clock.now(), payload: { newsId: 2 } }));
    const rows = await allJobs();
    expect(rows.map((r) => [r.id, r.kind, r.state, r.payload])).toEqual([[id, 'publish', 'pending', { newsId: 2 }]]);
  });

  it('with a dedupe key, enqueueing again reschedules the pending job; cancel removes it', async () => {
    const clock = fakeClock();
    const first = await enqueue(t.db, { kind: 'publish', runAt: clock.at(60_000), payload: { v: 1 }, dedupeKey: 'publish:news:7' });
    const second = await enqueue(t.db, { kind: 'publish', runAt: clock.at(120_000), payload: { v: 2 }, dedupeKey: 'publish:news:7' });
    expect(second.id).toBe(first.id);
    const rows = await allJobs();
    expect(rows).toHaveLength(1);
    expect(iso(rows[0]!.run_at)).toBe(clock.at(120_000).toISOString());
    expect(rows[0]!.payload).toEqual({ v: 2 });

    await enqueue(t.db, { kind: 'publish', runAt: clock.at(60_000), dedupeKey: 'publish:news:8' });
    expect(await cancel(t.db, 'publish:news:7')).toBe(1);
    expect(await cancel(t.db, 'publish:news:7')).toBe(0);
    expect((await allJobs()).map((r) => r.dedupe_key)).toEqual(['publish:news:8']);
  });

  it('a finished job does not block a new one with the same key', async () => {
    const clock = fakeClock();
    const runner = createJobRunner({ db: t.db, clock, log: memoryLog(), handlers: { ping: async () => undefined } });
    await enqueue(t.db, { kind: 'ping', runAt: clock.now(), dedupeKey: 'ping:1' });
    await runner.runDueOnce();
    await enqueue(t.db, { kind: 'ping', runAt: clock.at(1000), dedupeKey: 'ping:1' });
    expect((await allJobs()).map((r) => r.state)).toEqual(['done', 'pending']);
  });
});

describe('running jobs', () => {
  it('runs due jobs only, in run_at order, and commits the effect with the job being done', async () => {
    const clock = fakeClock();
    const seen: number[] = [];
    const runner = createJobRunner({
      db: t.db,
      clock,
      log: memoryLog(),
      batchSize: 1,
      handlers: {
        publish: async (payload, ctx) => {
          expect(ctx.tx).toBeDefined();
          seen.push(payload.n as number);
          await note(ctx.tx!, ctx.jobId, `published ${String(payload.n)}`);
        },
      },
    });
    const later = await enqueue(t.db, { kind: 'publish', runAt: clock.at(60_000), payload: { n: 3 } });
    await enqueue(t.db, { kind: 'publish', runAt: clock.at(-5_000), payload: { n: 2 } });
    await enqueue(t.db, { kind: 'publish', runAt: clock.at(-10_000), payload: { n: 1 } });

    const s = await runner.runDueOnce();
    expect(s).toMatchObject({ claimed: 2, done: 2 });
    expect(seen).toEqual([1, 2]);
    expect((await job(later.id)).state).toBe('pending');

    clock.advance(60_000);
    await runner.runDueOnce();
    expect(seen).toEqual([1, 2, 3]);
    const rows = await allJobs();
    expect(rows.every((r) => r.state === 'done' && r.attempts === 1 && r.locked_by === null)).toBe(true);
    expect(iso(rows.find((r) => r.id === later.id)!.finished_at)).toBe(clock.now().toISOString());
    expect((await effects()).map((e) => e.note)).toEqual(['published 3', 'published 2', 'published 1']);
  });

  it('a failed handler rolls its writes back, retries with exponential backoff, then fails for good', async () => {
    const clock = fakeClock();
    const log = memoryLog();
    let calls = 0;
    const runner = createJobRunner({
      db: t.db,
      clock,
      log,
      backoffBaseMs: 1000,
      handlers: {
        flaky: async (_payload, ctx) => {
          calls += 1;
          await note(ctx.tx!, ctx.jobId, `attempt ${ctx.attempt}`);
          throw new Error(`خطای آزمایشی ${ctx.attempt}`);
        },
      },
    });
    const { id } = await enqueue(t.db, { kind: 'flaky', runAt: clock.now(), maxAttempts: 3 });

    expect(await runner.runDueOnce()).toMatchObject({ claimed: 1, retried: 1 });
    let row = await job(id);
    expect(row).toMatchObject({ state: 'pending', attempts: 1, locked_by: null });
    expect(iso(row.run_at)).toBe(clock.at(2 * 1000).toISOString()); // 2^1 × base
    expect(row.last_error).toContain('خطای آزمایشی 1');

    // Not yet due: nothing runs.
    clock.advance(1999);
    expect(await runner.runDueOnce()).toMatchObject({ claimed: 0 });

    clock.advance(1);
    expect(await runner.runDueOnce()).toMatchObject({ retried: 1 });
    row = await job(id);
    expect(iso(row.run_at)).toBe(clock.at(4 * 1000).toISOString()); // 2^2 × base

    clock.advance(4000);
    expect(await runner.runDueOnce()).toMatchObject({ failed: 1 });
    row = await job(id);
    expect(row).toMatchObject({ state: 'failed', attempts: 3 });
    expect(row.last_error).toContain('خطای آزمایشی 3');
    expect(row.finished_at).not.toBeNull();

    clock.advance(3_600_000);
    expect(await runner.runDueOnce()).toMatchObject({ claimed: 0 });
    expect(calls).toBe(3);
    expect(await effects()).toEqual([]); // every attempt's write was rolled back
    expect(log.lines.some((l) => l.level === 'error' && l.msg === 'job failed for good')).toBe(true);
  });

  it('a retried transactional job leaves its effect exactly once', async () => {
    const clock = fakeClock();
    const runner = createJobRunner({
      db: t.db,
      clock,
      log: memoryLog(),
      backoffBaseMs: 10,
      handlers: {
        once: async (_p, ctx) => {
          await note(ctx.tx!, ctx.jobId, 'effect');
          if (ctx.attempt < 3) throw new Error('connection reset (simulated)');
        },
      },
    });
    const { id } = await enqueue(t.db, { kind: 'once', runAt: clock.now() });
    for (let i = 0; i < 3; i++) {
      await runner.runDueOnce();
      clock.advance(1000);
    }
    expect((await job(id)).state).toBe('done');
    expect(await effects()).toEqual([{ job_id: id, note: 'effect' }]);
  });

  it('an unknown kind fails at once with a clear error', async () => {
    const clock = fakeClock();
    const runner = createJobRunner({ db: t.db, clock, log: memoryLog(), handlers: {} });
    const { id } = await enqueue(t.db, { kind: 'no-such-kind', runAt: clock.now() });
    expect(await runner.runDueOnce()).toMatchObject({ failed: 1 });
    const row = await job(id);
    expect(row.state).toBe('failed');
    expect(row.last_error).toMatch(/no handler registered for job kind "no-such-kind"/);
  });

  it('reclaims a job whose runner died mid-job once its lease has expired', async () => {
    const clock = fakeClock();
    const log = memoryLog();
    const runs: number[] = [];
    const runner = createJobRunner({
      db: t.db,
      clock,
      log,
      leaseMs: 60_000,
      handlers: { publish: async (_p, ctx) => void runs.push(ctx.attempt) },
    });
    const { id } = await enqueue(t.db, { kind: 'publish', runAt: clock.now() });
    // A runner in another process claimed it and was killed before finishing.
    await t.db.execute(sql`
      update jobs set state = 'running', locked_by = 'dead-host:123:abc', attempts = 1,
        locked_until = ${clock.at(60_000).toISOString()}::timestamptz
      where id = ${id}`);

    clock.advance(59_000);
    expect(await runner.runDueOnce()).toMatchObject({ claimed: 0 });
    expect((await job(id)).state).toBe('running');

    clock.advance(2_000);
    expect(await runner.runDueOnce()).toMatchObject({ claimed: 1, done: 1 });
    expect(runs).toEqual([2]);
    const row = await job(id);
    expect(row).toMatchObject({ state: 'done', attempts: 2 });
    expect(log.lines.some((l) => l.level === 'warn' && l.msg === 'reclaimed a job whose lease expired')).toBe(true);
  });

  it('a job whose runner died on its last attempt is failed, not retried forever', async () => {
    const clock = fakeClock();
    const runner = createJobRunner({ db: t.db, clock, log: memoryLog(), handlers: { publish: async () => undefined } });
    const { id } = await enqueue(t.db, { kind: 'publish', runAt: clock.now(), maxAttempts: 2 });
    await t.db.execute(sql`
      update jobs set state = 'running', locked_by = 'dead', attempts = 2, locked_until = ${clock.at(-1).toISOString()}::timestamptz
      where id = ${id}`);
    await runner.runDueOnce();
    const row = await job(id);
    expect(row.state).toBe('failed');
    expect(row.last_error).toMatch(/lease expired/);
  });

  it('a transactional job being run is not reclaimed even after its lease, and finishes once', async () => {
    const clock = fakeClock();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inHandler = new Promise<void>((r) => (entered = r));
    const slow = createJobRunner({
      db: t.db,
      clock,
      log: memoryLog(),
      workerId: 'slow',
      leaseMs: 1000,
      handlers: {
        publish: async (_p, ctx) => {
          entered();
          await gate;
          await note(ctx.tx!, ctx.jobId, 'slow');
        },
      },
    });
    const other = createJobRunner({
      db: t.db,
      clock,
      log: memoryLog(),
      workerId: 'other',
      handlers: { publish: async (_p, ctx) => void (await note(ctx.tx!, ctx.jobId, 'other')) },
    });
    await enqueue(t.db, { kind: 'publish', runAt: clock.now() });
    const running = slow.runDueOnce();
    await inHandler;
    clock.advance(10_000); // lease long gone, but the row is locked by the running transaction
    expect(await other.runDueOnce()).toMatchObject({ claimed: 0 });
    release();
    expect(await running).toMatchObject({ done: 1 });
    expect((await effects()).map((e) => e.note)).toEqual(['slow']);
  });
});

describe('rescheduling a job while it runs', () => {
  it('a plain handler: the job is pending again for the new time, then runs again', async () => {
    const clock = fakeClock();
    const payloads: unknown[] = [];
    let first = true;
    const runner = createJobRunner({
      db: t.db,
      clock,
      log: memoryLog(),
      handlers: {
        mail: {
          transactional: false,
          run: async (payload) => {
            payloads.push(payload.v);
            if (first) {
              first = false;
              // Meanwhile an editor changes the schedule (another request, own transaction).
              await enqueue(t.db, { kind: 'mail', runAt: clock.at(30_000), payload: { v: 2 }, dedupeKey: 'mail:1' });
            }
          },
        } satisfies JobHandlerSpec,
      },
    });
    const { id } = await enqueue(t.db, { kind: 'mail', runAt: clock.now(), payload: { v: 1 }, dedupeKey: 'mail:1' });
    expect(await runner.runDueOnce()).toMatchObject({ rescheduled: 1 });
    let row = await job(id);
    expect(row).toMatchObject({ state: 'pending', attempts: 0, payload: { v: 2 } });
    expect(iso(row.run_at)).toBe(clock.at(30_000).toISOString());

    clock.advance(30_000);
    expect(await runner.runDueOnce()).toMatchObject({ done: 1 });
    row = await job(id);
    expect(row.state).toBe('done');
    expect(payloads).toEqual([1, 2]);
  });

  it('a transactional handler can reschedule itself through ctx.tx (a recurring job)', async () => {
    const clock = fakeClock();
    const handler: JobHandler = async (_p, ctx) => {
      await note(ctx.tx!, ctx.jobId, clock.now().toISOString());
      await enqueue(ctx.tx!, { kind: 'tick', runAt: new Date(clock.now().getTime() + 3_600_000), dedupeKey: 'tick' });
    };
    const runner = createJobRunner({ db: t.db, clock, log: memoryLog(), handlers: { tick: handler } });
    const { id } = await enqueue(t.db, { kind: 'tick', runAt: clock.now(), dedupeKey: 'tick' });
    await runner.runDueOnce();
    clock.advance(3_600_000);
    await runner.runDueOnce();
    const row = await job(id);
    expect(row.state).toBe('pending');
    expect(iso(row.run_at)).toBe(clock.at(3_600_000).toISOString());
    expect(await effects()).toHaveLength(2);
    expect(await allJobs()).toHaveLength(1);
  });

  it('enqueueing from another request while a transactional job runs waits for it, then schedules a fresh job', async () => {
    const clock = fakeClock();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inHandler = new Promise<void>((r) => (entered = r));
    const runner = createJobRunner({
      db: t.db,
      clock,
      log: memoryLog(),
      handlers: {
        publish: async () => {
          entered();
          await gate;
        },
      },
    });
    const { id } = await enqueue(t.db, { kind: 'publish', runAt: clock.now(), dedupeKey: 'publish:news:9' });
    const running = runner.runDueOnce();
    await inHandler;
    const rescheduling = enqueue(t.db, { kind: 'publish', runAt: clock.at(60_000), dedupeKey: 'publish:news:9' });
    await sleep(50);
    release();
    await running;
    const fresh = await rescheduling;
    expect(fresh.id).not.toBe(id);
    expect((await allJobs()).map((r) => [r.id, r.state])).toEqual([
      [id, 'done'],
      [fresh.id, 'pending'],
    ]);
  });
});

describe('lifecycle', () => {
  it('start() catches up on jobs missed while down; stop() waits for a running job', async () => {
    const clock = fakeClock();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const done: string[] = [];
    await enqueue(t.db, { kind: 'missed', runAt: clock.at(-3_600_000) });
    await enqueue(t.db, { kind: 'missed', runAt: clock.at(-60_000) });
    const runner = createJobRunner({
      db: t.db,
      clock,
      log: memoryLog(),
      pollMs: 20,
      handlers: {
        missed: async () => void done.push('missed'),
        slow: async () => {
          await gate;
          done.push('slow');
        },
      },
    });
    await runner.start();
    expect(done).toEqual(['missed', 'missed']);

    await enqueue(t.db, { kind: 'slow', runAt: clock.now() });
    for (let i = 0; i < 100 && (await allJobs()).every((r) => r.kind !== 'slow' || r.state !== 'running'); i++) await sleep(10);
    const stopping = runner.stop();
    let stopped = false;
    void stopping.then(() => (stopped = true));
    await sleep(50);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(done).toEqual(['missed', 'missed', 'slow']);
    expect((await allJobs()).every((r) => r.state === 'done')).toBe(true);
  });

  it('wake() runs a just-enqueued job without waiting for the poll interval', async () => {
    const clock = fakeClock();
    let ran!: () => void;
    const didRun = new Promise<void>((r) => (ran = r));
    const runner = createJobRunner({ db: t.db, clock, log: memoryLog(), pollMs: 60_000, handlers: { now: async () => ran() } });
    await runner.start();
    try {
      await enqueue(t.db, { kind: 'now', runAt: clock.now() });
      runner.wake();
      const result = await Promise.race([didRun.then(() => 'ran'), sleep(2000).then(() => 'timeout')]);
      expect(result).toBe('ran');
    } finally {
      await runner.stop();
    }
  });

  it('purges finished jobs older than a cut-off', async () => {
    const clock = fakeClock();
    const runner = createJobRunner({ db: t.db, clock, log: memoryLog(), handlers: { x: async () => undefined } });
    await enqueue(t.db, { kind: 'x', runAt: clock.now() });
    await enqueue(t.db, { kind: 'x', runAt: clock.at(3_600_000) });
    await runner.runDueOnce();
    expect(await purgeFinishedJobs(t.db, clock.at(-1))).toBe(0);
    expect(await purgeFinishedJobs(t.db, clock.at(1))).toBe(1);
    expect((await allJobs()).map((r) => r.state)).toEqual(['pending']);
  });
});

describe('two runners (two app processes) on one database', () => {
  const pools: Database[] = [];
  afterAll(async () => {
    for (const p of pools) await p.close();
  });

  it.each([
    ['transactional', true],
    ['plain', false],
  ])('run each of 200 due jobs exactly once (%s handlers)', async (_name, transactional) => {
    const clock = fakeClock();
    const total = 200;
    for (let i = 0; i < total; i += 50) {
      await withTransaction(t.db, async (tx) => {
        for (let j = i; j < i + 50; j++) await enqueue(tx, { kind: 'count', runAt: clock.at(-j * 10), payload: { j } });
      });
    }
    const makeRunner = (workerId: string) => {
      const database = connectDatabase(t.url, { max: 6 });
      pools.push(database);
      const run: JobHandler = async (_p, ctx) => {
        const q = ctx.tx ?? database.db;
        await sleep(Math.random() * 3);
        await q.execute(sql`
          insert into test_job_counter (job_id, runs, workers) values (${ctx.jobId}, 1, array[${workerId}::text])
          on conflict (job_id) do update set runs = test_job_counter.runs + 1, workers = test_job_counter.workers || ${workerId}::text`);
      };
      return createJobRunner({ db: database.db, clock, log: memoryLog(), workerId, batchSize: 5, handlers: { count: { run, transactional } } });
    };
    const a = makeRunner('runner-a');
    const b = makeRunner('runner-b');
    const [sa, sb, sa2, sb2] = await Promise.all([a.runDueOnce(), b.runDueOnce(), a.runDueOnce(), b.runDueOnce()]);
    const done = [sa, sb, sa2, sb2].reduce((n, s) => n + s.done, 0);
    expect(done).toBe(total);
    expect([sa, sb, sa2, sb2].every((s) => s.lost === 0 && s.failed === 0 && s.retried === 0)).toBe(true);

    const counters = (await t.db.execute<{ job_id: number; runs: number; workers: string[] }>(sql`select * from test_job_counter`)).rows;
    expect(counters).toHaveLength(total);
    expect(counters.every((c) => c.runs === 1)).toBe(true);
    const byWorker = new Map<string, number>();
    for (const c of counters) byWorker.set(c.workers[0]!, (byWorker.get(c.workers[0]!) ?? 0) + 1);
    expect(byWorker.get('runner-a')).toBeGreaterThan(0);
    expect(byWorker.get('runner-b')).toBeGreaterThan(0);
    const states = await t.db.execute<{ state: string; n: number }>(sql`select state, count(*)::int as n from jobs group by state`);
    expect(states.rows).toEqual([{ state: 'done', n: total }]);
  });
});
