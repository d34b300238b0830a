// Idempotent form posts: a form carries a random key (hidden field `idempotency_key`);
// the first request with (user, scope, key) runs its work and stores the outcome in the
// same transaction; a repeat (a double click, a retried POST after a lost response) gets
// the stored outcome and runs nothing. Concurrent repeats wait for the first to commit:
// the first one's uncommitted row holds the unique index entry.
//
// Only outcomes are stored: if the work throws (e.g. 422 bad input), the transaction
// rolls back, the key stays free, and the corrected form may be posted with it again.
import { and, eq, lt, sql } from 'drizzle-orm';
import { systemClock, type Clock } from '../clock.js';
import { withTransaction, type Db, type DbOrTx, type Tx } from '../db/index.js';
import { AppError } from '../errors.js';
import { idempotencyKeys } from '../jobs/jobs.tables.js';
import { newToken } from '../security/tokens.js';

/** The form field that carries the key. */
export const IDEMPOTENCY_FIELD = 'idempotency_key';

/** Keys are kept this long; after that the same key counts as new. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

const KEY_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

export interface IdempotencyRef {
  userId: number;
  /** What the key protects, e.g. "newsroom.submit" or "news:42:publish". */
  scope: string;
  key: string;
}

export interface IdempotentOutcome {
  status: number;
  location?: string;
  body?: unknown;
}

export interface IdempotencyOptions {
  clock?: Clock;
  ttlMs?: number;
}

/** A fresh key for a form (24 url-safe characters). */
export function newIdempotencyKey(): string {
  return newToken(18);
}

export function isValidIdempotencyKey(key: unknown): key is string {
  return typeof key === 'string' && KEY_SHAPE.test(key);
}

export const invalidIdempotencyKey = () =>
  new AppError(
    'idempotency_key_invalid',
    400,
    'شناسهٔ یکتای فرم نامعتبر است یا ارسال نشده است. صفحه را دوباره باز کنید و فرم را دوباره بفرستید.',
  );

/**
 * Runs `work` once per (userId, scope, key) within the TTL and returns its outcome, with
 * `replayed: true` when this call returned a stored outcome instead of running the work.
 */
export async function withIdempotency(
  db: Db,
  ref: IdempotencyRef,
  work: (tx: Tx) => Promise<IdempotentOutcome>,
  options: IdempotencyOptions = {},
): Promise<IdempotentOutcome & { replayed: boolean }> {
  if (!isValidIdempotencyKey(ref.key)) throw invalidIdempotencyKey();
  if (!ref.scope) throw new Error('withIdempotency: scope is required');
  const clock = options.clock ?? systemClock;
  const ttlMs = options.ttlMs ?? IDEMPOTENCY_TTL_MS;

  return withTransaction(db, async (tx) => {
    const now = clock.now();
    const expiredBefore = new Date(now.getTime() - ttlMs);
    // Take the key. A concurrent holder's uncommitted row makes this wait for its end;
    // an expired row is taken over; a live committed row leaves us nothing to take.
    const taken = await tx.execute(sql`
      insert into idempotency_keys (key, user_id, scope, status, created_at)
      values (${ref.key}, ${ref.userId}, ${ref.scope}, 0, ${now.toISOString()}::timestamptz)
      on conflict (user_id, scope, key) do update
        set status = 0, location = null, body = null, created_at = excluded.created_at
        where idempotency_keys.created_at < ${expiredBefore.toISOString()}::timestamptz
      returning key`);

    if (taken.rows.length === 0) {
      const [stored] = await tx
        .select({ status: idempotencyKeys.status, location: idempotencyKeys.location, body: idempotencyKeys.body })
        .from(idempotencyKeys)
        .where(matching(ref));
      if (!stored) throw new Error('idempotency key not found after a conflict on it');
      return { ...toOutcome(stored), replayed: true };
    }

    const outcome = await work(tx);
    if (!Number.isInteger(outcome.status) || outcome.status < 100 || outcome.status > 599) {
      throw new Error(`withIdempotency: work returned an invalid status ${String(outcome.status)}`);
    }
    // What a replay will read back: the body as JSON, absent fields absent.
    const stored = {
      status: outcome.status,
      location: outcome.location ?? null,
      body: outcome.body === undefined ? null : (JSON.parse(JSON.stringify(outcome.body)) as unknown),
    };
    await tx.update(idempotencyKeys).set(stored).where(matching(ref));
    return { ...toOutcome(stored), replayed: false };
  });
}

/** Deletes keys older than the TTL; returns how many. Run it from a periodic job. */
export async function purgeExpiredIdempotencyKeys(db: DbOrTx, clock: Clock = systemClock, ttlMs = IDEMPOTENCY_TTL_MS): Promise<number> {
  const cutoff = new Date(clock.now().getTime() - ttlMs);
  const r = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, cutoff)).returning({ key: idempotencyKeys.key });
  return r.length;
}

function matching(ref: IdempotencyRef) {
  return and(eq(idempotencyKeys.userId, ref.userId), eq(idempotencyKeys.scope, ref.scope), eq(idempotencyKeys.key, ref.key));
}

function toOutcome(row: { status: number; location: string | null; body: unknown }): IdempotentOutcome {
  const out: IdempotentOutcome = { status: row.status };
  if (row.location !== null) out.location = row.location;
  if (row.body !== null) out.body = row.body;
  return out;
}
