// Durable job runner over the `jobs` table (scheduled publishing, embargoes, mail, cleanup).
//
// Guarantees
// - A job exists iff the transaction that enqueued it committed: `enqueue` takes the
//   caller's transaction.
// - Claiming is `FOR UPDATE SKIP LOCKED` + a lease (state 'running', locked_by,
//   locked_until), so several runners (app processes) on one database never run one
//   job at the same time and never both finish it.
// - Transactional handlers (the default) get `ctx.tx`: the job row is locked, the
//   handler's database writes and the job's 'done' commit together, or neither does.
//   For database effects that is exactly-once, also across crashes.
// - Non-transactional handlers (`{ transactional: false }`, e.g. sending mail) run
//   outside a transaction; their lease is extended while they run. If the process dies
//   mid-job the lease expires and another runner reclaims the job: at-least-once.
//   Handlers must therefore be idempotent: check the state of what they act on (a
//   publish handler publishes only an item still 'scheduled' for that time).
// - A failed handler puts the job back to 'pending' with exponential backoff
//   (run_at = now + 2^attempts × base) and stores last_error; after max_attempts it is
//   'failed'. An unknown kind is 'failed' at once with a clear error.
// - Enqueueing with a dedupe key while that job is running records the new schedule on
//   the running row; when the run ends the runner sees the change and puts the job back
//   to 'pending' for the new time instead of 'done' (a handler may reschedule itself the
//   same way through ctx.tx).
//
// Inside a transactional handler, write through ctx.tx only: the job row is locked by
// that transaction, so enqueueing the same dedupe key through another connection would
// wait for the handler itself.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { withTransaction, type Db, type DbOrTx, type Tx } from '../db/index.js';

export type JobPayload = Record<string, unknown>;

export interface JobContext {
  /** The transaction the job's 'done' commits in (transactional handlers only). */
  tx?: Tx;
  /**
   * Runs `fn` once that transaction has committed (never if it rolls back), e.g. to tell
   * in-process caches about the change. Transactional handlers only.
   */
  afterCommit?: (fn: () => void) => void;
  jobId: number;
  /** 1 on the first run. */
  attempt: number;
  kind: string;
}

export type JobHandler = (payload: JobPayload, ctx: JobContext) => Promise<void>;

export interface JobHandlerSpec {
  run: JobHandler;
  /** Default true: run inside the transaction that marks the job done (ctx.tx is set). */
  transactional?: boolean;
}

/** The subset of a pino logger the runner uses. */
export interface JobLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobRunnerOptions {
  db: Db;
  clock: Clock;
  log: JobLogger;
  handlers: Record<string, JobHandler | JobHandlerSpec>;
  /** Names this runner in locked_by; default host:pid:random. */
  workerId?: string;
  /** How often to look for due jobs (default 1000 ms). */
  pollMs?: number;
  /** Jobs claimed (and run concurrently) at a time (default 5). */
  batchSize?: number;
  /** How long a claim holds before another runner may reclaim the job (default 5 min). */
  leaseMs?: number;
  /** Backoff base: a failed attempt n waits 2^n × base (default 5 s), at most maxBackoffMs (default 1 h). */
  backoffBaseMs?: number;
  maxBackoffMs?: number;
  /** How often the polling loop looks for expired leases (default 30 s); runDueOnce always does. */
  reclaimEveryMs?: number;
  /** At most this many jobs per pass, so one pass cannot starve stop() (default 1000). */
  maxJobsPerPass?: number;
}

export interface RunSummary {
  claimed: number;
  done: number;
  retried: number;
  failed: number;
  /** Rescheduled while claimed: back to pending for the new time. */
  rescheduled: number;
  /** Claim lost (lease expired and taken by another runner): not finished here. */
  lost: number;
}

export interface JobRunner {
  readonly workerId: string;
  /** Runs everything already due (catch-up after downtime), then polls. */
  start(): Promise<void>;
  /** Stops polling and waits for the jobs in progress. */
  stop(): Promise<void>;
  /** Claims and runs every job due now (including reclaiming expired leases). */
  runDueOnce(): Promise<RunSummary>;
  /** Look for due jobs now (after a commit that enqueued one), not at the next poll. */
  wake(): void;
}

export interface EnqueueJob {
  kind: string;
  runAt: Date;
  payload?: JobPayload;
  /** At most one pending/running job per key; enqueueing again reschedules it. */
  dedupeKey?: string;
  maxAttempts?: number;
}

// A type alias (not an interface) so it satisfies execute()'s Record<string, unknown> bound.
type ClaimedRow = {
  id: number;
  kind: string;
  payload: JobPayload;
  attempts: number;
  max_attempts: number;
  run_at_text: string;
  payload_text: string;
};

/** What the runner read of the job when it started it; a change means "rescheduled". */
interface Snapshot {
  kind: string;
  runAtText: string;
  payloadText: string;
}

type Outcome = 'done' | 'retried' | 'failed' | 'rescheduled' | 'lost';

const iso = (d: Date): string => d.toISOString();

function errorText(err: unknown): string {
  let text = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  // Drizzle wraps the driver's error; the database's own words are in the cause.
  const cause = err instanceof Error ? err.cause : undefined;
  if (cause instanceof Error) text = `${cause.message}\n${text}`;
  return text.length > 4000 ? `${text.slice(0, 4000)}…` : text;
}

/**
 * Adds a job, in the caller's transaction when given one. With a dedupe key an existing
 * pending job of that key is replaced (new kind, time, payload; attempts reset).
 */
export async function enqueue(dbOrTx: DbOrTx, job: EnqueueJob): Promise<{ id: number }> {
  if (!job.kind) throw new Error('enqueue: kind is required');
  if (!(job.runAt instanceof Date) || Number.isNaN(job.runAt.getTime())) throw new Error('enqueue: runAt must be a valid Date');
  const maxAttempts = job.maxAttempts ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error('enqueue: maxAttempts must be a positive integer');
  const payload = JSON.stringify(job.payload ?? {});
  const runAt = iso(job.runAt);
  if (job.dedupeKey === undefined) {
    const r = await dbOrTx.execute<{ id: number }>(sql`
      insert into jobs (kind, payload, run_at, max_attempts)
      values (${job.kind}, ${payload}::jsonb, ${runAt}::timestamptz, ${maxAttempts})
      returning id`);
    return { id: r.rows[0]!.id };
  }
  // A running row of the key is updated too (its attempts kept, so its runner still owns
  // it): the runner notices the change when the run ends and re-pends the job.
  const r = await dbOrTx.execute<{ id: number }>(sql`
    insert into jobs (kind, payload, run_at, max_attempts, dedupe_key)
    values (${job.kind}, ${payload}::jsonb, ${runAt}::timestamptz, ${maxAttempts}, ${job.dedupeKey})
    on conflict (dedupe_key) where state in ('pending', 'running') do update set
      kind = excluded.kind,
      payload = excluded.payload,
      run_at = excluded.run_at,
      max_attempts = excluded.max_attempts,
      attempts = case when jobs.state = 'pending' then 0 else jobs.attempts end,
      last_error = case when jobs.state = 'pending' then null else jobs.last_error end
    returning id`);
  return { id: r.rows[0]!.id };
}

/**
 * Removes the pending job of a key; returns how many were removed. A job already running
 * is not interrupted: its handler must check that its work is still wanted.
 */
export async function cancel(dbOrTx: DbOrTx, dedupeKey: string): Promise<number> {
  const r = await dbOrTx.execute(sql`delete from jobs where dedupe_key = ${dedupeKey} and state = 'pending' returning id`);
  return r.rows.length;
}

/** Deletes done and failed jobs that finished before the given time; returns the count. */
export async function purgeFinishedJobs(db: DbOrTx, finishedBefore: Date): Promise<number> {
  const r = await db.execute(
    sql`delete from jobs where state in ('done', 'failed') and finished_at < ${iso(finishedBefore)}::timestamptz returning id`,
  );
  return r.rows.length;
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, clock, log } = options;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const pollMs = options.pollMs ?? 1000;
  const batchSize = Math.max(1, options.batchSize ?? 5);
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const backoffBaseMs = Math.max(1, options.backoffBaseMs ?? 5_000);
  const maxBackoffMs = options.maxBackoffMs ?? 60 * 60_000;
  const reclaimEveryMs = options.reclaimEveryMs ?? 30_000;
  const maxJobsPerPass = options.maxJobsPerPass ?? 1000;

  const handlers = new Map<string, Required<JobHandlerSpec>>();
  for (const [kind, h] of Object.entries(options.handlers)) {
    handlers.set(kind, typeof h === 'function' ? { run: h, transactional: true } : { run: h.run, transactional: h.transactional ?? true });
  }

  let started = false;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<RunSummary> | null = null;
  let wakeRequested = false;
  let lastReclaim = Number.NEGATIVE_INFINITY;

  const owned = (job: ClaimedRow) =>
    sql`id = ${job.id} and state = 'running' and locked_by = ${workerId} and attempts = ${job.attempts}`;
  const unchanged = (s: Snapshot) =>
    sql`(kind = ${s.kind} and run_at = ${s.runAtText}::timestamptz and payload = ${s.payloadText}::jsonb)`;

  /** Expired leases: the runner holding them died (or hung). Back to pending, or failed when out of attempts. */
  async function reclaimExpired(): Promise<void> {
    const now = iso(clock.now());
    const failed = await db.execute<{ id: number; kind: string; locked_by: string }>(sql`
      with expired as (
        select id from jobs
        where state = 'running' and locked_until < ${now}::timestamptz and attempts >= max_attempts
        for update skip locked
      )
      update jobs set state = 'failed', finished_at = ${now}::timestamptz, locked_by = null, locked_until = null,
        last_error = 'lease expired on the last attempt (the runner stopped mid-job)'
      from expired where jobs.id = expired.id
      returning jobs.id, jobs.kind`);
    for (const j of failed.rows) log.error({ jobId: j.id, kind: j.kind }, 'job failed: lease expired on its last attempt');
    const back = await db.execute<{ id: number; kind: string; locked_by: string }>(sql`
      with expired as (
        select id, locked_by from jobs
        where state = 'running' and locked_until < ${now}::timestamptz
        for update skip locked
      )
      update jobs set state = 'pending', locked_by = null, locked_until = null,
        last_error = 'lease expired (runner ' || coalesce(expired.locked_by, '?') || ' stopped mid-job); reclaimed'
      from expired where jobs.id = expired.id
      returning jobs.id, jobs.kind, expired.locked_by`);
    for (const j of back.rows) log.warn({ jobId: j.id, kind: j.kind, lockedBy: j.locked_by }, 'reclaimed a job whose lease expired');
  }

  async function claim(limit: number): Promise<ClaimedRow[]> {
    const now = clock.now();
    const r = await db.execute<ClaimedRow>(sql`
      with due as (
        select id from jobs
        where state = 'pending' and run_at <= ${iso(now)}::timestamptz
        order by run_at, id
        for update skip locked
        limit ${limit}
      )
      update jobs set state = 'running', locked_by = ${workerId},
        locked_until = ${iso(new Date(now.getTime() + leaseMs))}::timestamptz, attempts = jobs.attempts + 1
      from due where jobs.id = due.id
      returning jobs.id, jobs.kind, jobs.payload, jobs.attempts, jobs.max_attempts,
        jobs.run_at::text as run_at_text, jobs.payload::text as payload_text`);
    return r.rows;
  }

  /** Re-reads a claimed job (under a row lock in a transaction): still ours, still due, and as what? */
  async function verify(
    q: DbOrTx,
    job: ClaimedRow,
    forUpdate: boolean,
  ): Promise<{ kind: 'lost' } | { kind: 'rescheduled' } | { kind: 'ok'; payload: JobPayload; snapshot: Snapshot }> {
    const now = iso(clock.now());
    const r = await q.execute<{ due: boolean; kind: string; payload: JobPayload; run_at_text: string; payload_text: string }>(sql`
      select run_at <= ${now}::timestamptz as due, kind, payload, run_at::text as run_at_text, payload::text as payload_text
      from jobs where ${owned(job)} ${forUpdate ? sql`for update` : sql``}`);
    const row = r.rows[0];
    if (!row) return { kind: 'lost' };
    if (!row.due || row.kind !== job.kind) {
      // Rescheduled (or re-kinded) between the claim and now: leave it for its new time.
      await q.execute(sql`update jobs set state = 'pending', attempts = 0, locked_by = null, locked_until = null where ${owned(job)}`);
      return { kind: 'rescheduled' };
    }
    return { kind: 'ok', payload: row.payload, snapshot: { kind: row.kind, runAtText: row.run_at_text, payloadText: row.payload_text } };
  }

  async function markDone(q: DbOrTx, job: ClaimedRow, s: Snapshot): Promise<Outcome> {
    const now = iso(clock.now());
    const r = await q.execute<{ state: string }>(sql`
      update jobs set
        state = case when ${unchanged(s)} then 'done' else 'pending' end,
        finished_at = case when ${unchanged(s)} then ${now}::timestamptz else null end,
        attempts = case when ${unchanged(s)} then attempts else 0 end,
        locked_by = null, locked_until = null, last_error = null
      where ${owned(job)}
      returning state`);
    const state = r.rows[0]?.state;
    if (state === undefined) return 'lost';
    return state === 'done' ? 'done' : 'rescheduled';
  }

  async function markFailure(job: ClaimedRow, s: Snapshot, err: unknown): Promise<Outcome> {
    const now = clock.now();
    const delay = Math.min(2 ** job.attempts * backoffBaseMs, maxBackoffMs);
    const retryAt = iso(new Date(now.getTime() + delay));
    const text = errorText(err);
    // RETURNING sees the new row: a reschedule is told by its reset attempts (a retry keeps them >= 1).
    const r = await db.execute<{ state: string; run_at: string; attempts: number }>(sql`
      update jobs set
        state = case when not ${unchanged(s)} then 'pending' when attempts >= max_attempts then 'failed' else 'pending' end,
        run_at = case when not ${unchanged(s)} or attempts >= max_attempts then run_at else ${retryAt}::timestamptz end,
        attempts = case when not ${unchanged(s)} then 0 else attempts end,
        finished_at = case when ${unchanged(s)} and attempts >= max_attempts then ${iso(now)}::timestamptz else null end,
        locked_by = null, locked_until = null, last_error = ${text}
      where ${owned(job)}
      returning state, run_at, attempts`);
    const row = r.rows[0];
    if (!row) return 'lost';
    if (row.attempts === 0) return 'rescheduled';
    if (row.state === 'failed') {
      log.error({ jobId: job.id, kind: job.kind, attempt: job.attempts, err }, 'job failed for good');
      return 'failed';
    }
    log.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, retryAt: row.run_at, err }, 'job failed; will retry');
    return 'retried';
  }

  async function failUnknown(job: ClaimedRow): Promise<Outcome> {
    const message = `no handler registered for job kind "${job.kind}" (worker ${workerId})`;
    const r = await db.execute(sql`
      update jobs set state = 'failed', finished_at = ${iso(clock.now())}::timestamptz,
        locked_by = null, locked_until = null, last_error = ${message}
      where ${owned(job)} returning id`);
    if (r.rows.length === 0) return 'lost';
    log.error({ jobId: job.id, kind: job.kind }, message);
    return 'failed';
  }

  async function runTransactional(job: ClaimedRow, handler: JobHandler): Promise<Outcome> {
    let snapshot: Snapshot = { kind: job.kind, runAtText: job.run_at_text, payloadText: job.payload_text };
    let committed: Array<() => void> = [];
    try {
      const outcome = await withTransaction(db, async (tx) => {
        committed = []; // a retried transaction starts afresh
        const v = await verify(tx, job, true);
        if (v.kind !== 'ok') return v.kind;
        snapshot = v.snapshot;
        await handler(v.payload, { tx, jobId: job.id, attempt: job.attempts, kind: job.kind, afterCommit: (fn) => committed.push(fn) });
        return markDone(tx, job, v.snapshot);
      });
      for (const fn of committed) {
        try {
          fn();
        } catch (err) {
          log.warn({ jobId: job.id, kind: job.kind, err }, 'an after-commit callback failed');
        }
      }
      return outcome;
    } catch (err) {
      return markFailure(job, snapshot, err);
    }
  }

  async function runPlain(job: ClaimedRow, handler: JobHandler): Promise<Outcome> {
    const v = await verify(db, job, false);
    if (v.kind !== 'ok') return v.kind;
    // Keep the lease alive while the handler runs, so a slow handler is not reclaimed.
    let lost = false;
    const heartbeat = setInterval(() => {
      const until = iso(new Date(clock.now().getTime() + leaseMs));
      db.execute(sql`update jobs set locked_until = ${until}::timestamptz where ${owned(job)} returning id`)
        .then((r) => {
          if (r.rows.length === 0 && !lost) {
            lost = true;
            log.warn({ jobId: job.id, kind: job.kind }, 'lost the claim on a running job');
          }
        })
        .catch((err: unknown) => log.warn({ jobId: job.id, err }, 'could not extend a job lease'));
    }, Math.max(50, Math.floor(leaseMs / 3)));
    heartbeat.unref();
    try {
      try {
        await handler(v.payload, { jobId: job.id, attempt: job.attempts, kind: job.kind });
      } catch (err) {
        return await markFailure(job, v.snapshot, err);
      }
      return await markDone(db, job, v.snapshot);
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function runJob(job: ClaimedRow): Promise<Outcome> {
    const spec = handlers.get(job.kind);
    const started = Date.now();
    let outcome: Outcome;
    try {
      if (!spec) outcome = await failUnknown(job);
      else outcome = spec.transactional ? await runTransactional(job, spec.run) : await runPlain(job, spec.run);
    } catch (err) {
      // The database itself failed while recording the outcome: the lease will expire and
      // the job will be reclaimed.
      log.error({ jobId: job.id, kind: job.kind, err }, 'could not record a job outcome');
      return 'lost';
    }
    if (outcome === 'done') log.debug({ jobId: job.id, kind: job.kind, attempt: job.attempts, ms: Date.now() - started }, 'job done');
    if (outcome === 'rescheduled') log.info({ jobId: job.id, kind: job.kind }, 'job rescheduled while claimed; pending again');
    if (outcome === 'lost') log.warn({ jobId: job.id, kind: job.kind }, 'job claim lost to another runner');
    return outcome;
  }

  async function pass(forceReclaim: boolean): Promise<RunSummary> {
    const summary: RunSummary = { claimed: 0, done: 0, retried: 0, failed: 0, rescheduled: 0, lost: 0 };
    const nowMs = clock.now().getTime();
    if (forceReclaim || nowMs - lastReclaim >= reclaimEveryMs) {
      lastReclaim = nowMs;
      await reclaimExpired();
    }
    while (summary.claimed < maxJobsPerPass) {
      const batch = await claim(Math.min(batchSize, maxJobsPerPass - summary.claimed));
      if (batch.length === 0) break;
      summary.claimed += batch.length;
      const outcomes = await Promise.all(batch.map(runJob));
      for (const o of outcomes) summary[o] += 1;
      if (stopping) break;
    }
    return summary;
  }

  function runPass(forceReclaim: boolean): Promise<RunSummary> {
    // One pass at a time per runner; a request during a pass runs after it.
    const previous = current ?? Promise.resolve(undefined);
    const next = previous.catch(() => undefined).then(() => pass(forceReclaim));
    current = next;
    void next
      .catch(() => undefined)
      .finally(() => {
        if (current === next) current = null;
      });
    return next;
  }

  function schedule(delay: number): void {
    if (!started || stopping) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delay);
    timer.unref();
  }

  function tick(): void {
    if (!started || stopping) return;
    timer = undefined;
    runPass(false)
      .catch((err: unknown) => log.error({ err }, 'job runner pass failed'))
      .finally(() => {
        if (wakeRequested) {
          wakeRequested = false;
          schedule(0);
        } else schedule(pollMs);
      });
  }

  return {
    workerId,
    runDueOnce: () => runPass(true),
    async start() {
      if (started) return;
      started = true;
      stopping = false;
      log.info({ workerId, pollMs }, 'job runner starting: catching up on due jobs');
      try {
        const s = await runPass(true);
        if (s.claimed > 0) log.info({ ...s }, 'job runner caught up');
      } catch (err) {
        log.error({ err }, 'job runner catch-up failed; will keep polling');
      }
      schedule(pollMs);
    },
    async stop() {
      if (!started) return;
      stopping = true;
      clearTimeout(timer);
      timer = undefined;
      if (current) await current.catch(() => undefined);
      started = false;
      stopping = false;
      log.info({ workerId }, 'job runner stopped');
    },
    wake() {
      if (!started || stopping) return;
      if (current) {
        wakeRequested = true;
        return;
      }
      schedule(0);
    },
  };
}
