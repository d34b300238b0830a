// A daily housekeeping job: removes finished jobs and expired idempotency keys, then runs
// the tasks features register (e.g. the media sweep of orphaned files). It re-enqueues
// itself for the next day under one dedupe key, so exactly one is ever pending, and the
// app makes sure one exists at start without pushing an existing one further away.
import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db, DbOrTx } from '../db/index.js';
import { purgeExpiredIdempotencyKeys } from '../http/idempotency.js';
import { enqueue, purgeFinishedJobs, type JobHandlerSpec, type JobLogger } from './runner.js';

export const HOUSEKEEPING_JOB = 'system.housekeeping';
const HOUSEKEEPING_KEY = 'system.housekeeping';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Finished jobs are kept this long for the record, then removed. */
export const FINISHED_JOB_RETENTION_MS = 30 * DAY_MS;

export interface HousekeepingTask {
  name: string;
  run: () => Promise<unknown>;
}

export interface HousekeepingOptions {
  db: Db;
  clock: Clock;
  log: JobLogger;
  tasks?: HousekeepingTask[];
  /** Time between runs (default one day). */
  everyMs?: number;
}

/** The job handler (non-transactional: each step commits on its own; a failed task does not undo the others). */
export function housekeepingHandler(options: HousekeepingOptions): Record<string, JobHandlerSpec> {
  const everyMs = options.everyMs ?? DAY_MS;
  return {
    [HOUSEKEEPING_JOB]: {
      transactional: false,
      run: async () => {
        const now = options.clock.now();
        const jobs = await purgeFinishedJobs(options.db, new Date(now.getTime() - FINISHED_JOB_RETENTION_MS));
        const keys = await purgeExpiredIdempotencyKeys(options.db, options.clock);
        const results: Record<string, unknown> = { jobs, idempotencyKeys: keys };
        const failures: string[] = [];
        for (const task of options.tasks ?? []) {
          try {
            results[task.name] = await task.run();
          } catch (err) {
            failures.push(task.name);
            options.log.error({ err, task: task.name }, 'housekeeping task failed');
          }
        }
        options.log.info({ results }, 'housekeeping done');
        // The next run, whatever happened to the tasks: a failing task must not stop the purges.
        await enqueue(options.db, { kind: HOUSEKEEPING_JOB, runAt: new Date(now.getTime() + everyMs), dedupeKey: HOUSEKEEPING_KEY });
        if (failures.length > 0) options.log.warn({ failures }, 'housekeeping tasks failed; they run again next time');
      },
    },
  };
}

/**
 * Makes sure a housekeeping job is pending or running; an existing one keeps its time
 * (restarting the app must not postpone it). The first run is `firstDelayMs` from now.
 */
export async function ensureHousekeepingScheduled(db: DbOrTx, clock: Clock, firstDelayMs = 10 * 60 * 1000): Promise<boolean> {
  const runAt = new Date(clock.now().getTime() + firstDelayMs).toISOString();
  const r = await db.execute(sql`
    insert into jobs (kind, payload, run_at, max_attempts, dedupe_key)
    values (${HOUSEKEEPING_JOB}, '{}'::jsonb, ${runAt}::timestamptz, 5, ${HOUSEKEEPING_KEY})
    on conflict (dedupe_key) where state in ('pending', 'running') do nothing
    returning id`);
  return r.rows.length > 0;
}
