// Page reads of published items, per Tehran calendar day, for «the most read this week».
// A read is counted in memory by slug (a hot page costs no database write) and flushed in
// batches: on a timer, on close, or when a test calls flush(). Slugs are resolved to ids at
// flush time in the same statement that adds the counts. A failed flush keeps its counts
// for the next one; memory is bounded by a cap on distinct (day, slug) keys.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { and, desc, eq, getTableColumns, gte, sql } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import type { Db } from '../../core/db/index.js';
import { TEHRAN_TIME_ZONE } from '../../core/persian/index.js';
import { newsDailyReads, newsItems, type ServiceArea } from './newsroom.tables.js';
import type { NewsItem } from './newsroom.types.js';

/** Obvious robots: not readers. */
export const BOT_USER_AGENT = /bot|crawler|spider|slurp/i;

export const DEFAULT_READS_FLUSH_MS = 30_000;
export const DEFAULT_READS_MAX_KEYS = 10_000;
/** Longer slugs never resolve to a page (the newsroom caps them at 300). */
const MAX_SLUG_LENGTH = 300;

export interface ReadsLog {
  error(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
}

export interface NewsReadsDeps {
  db: Db;
  clock: Clock;
  log?: ReadsLog;
  /** Distinct (day, slug) keys kept between flushes; reads of new keys beyond it are dropped. */
  maxKeys?: number;
  flushIntervalMs?: number;
}

export interface MostReadItem {
  item: NewsItem;
  reads: number;
}

export interface FlushResult {
  /** (item, day) rows added to or created. */
  rows: number;
  /** False when the database refused; the counts are kept for the next flush. */
  ok: boolean;
}

const dayFormat = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
  timeZone: TEHRAN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The last minute tehranDay() answered for: every read asks, and Intl is slow. */
let lastMinute = Number.NaN;
let lastDay = '';

/**
 * The Tehran calendar day of an instant as 'YYYY-MM-DD' (the `date` column's form). Time
 * zone offsets are whole minutes, so a day starts on a minute boundary and the answer is
 * remembered for the rest of that UTC minute.
 */
export function tehranDay(d: Date): string {
  const minute = Math.floor(d.getTime() / 60_000);
  if (minute === lastMinute) return lastDay;
  const p: Record<string, string> = {};
  for (const part of dayFormat.formatToParts(d)) p[part.type] = part.value;
  lastMinute = minute;
  lastDay = `${p.year}-${p.month}-${p.day}`;
  return lastDay;
}

const SEP = '\n';

/** The item's columns without the search keys (folded text, tsvector): what readers' pages use. */
type NewsColumns = ReturnType<typeof getTableColumns<typeof newsItems>>;
const itemColumns = Object.fromEntries(Object.entries(getTableColumns(newsItems)).filter(([name]) => !name.startsWith('search'))) as {
  [K in keyof NewsColumns as K extends `search${string}` ? never : K]: NewsColumns[K];
};

export type NewsReads = ReturnType<typeof createNewsReads>;

export function createNewsReads(deps: NewsReadsDeps) {
  const { db, clock } = deps;
  const maxKeys = deps.maxKeys ?? DEFAULT_READS_MAX_KEYS;
  const intervalMs = deps.flushIntervalMs ?? DEFAULT_READS_FLUSH_MS;
  /** `${day}\n${slug}` → reads not yet written. */
  let pending = new Map<string, number>();
  let dropped = 0;
  let timer: NodeJS.Timeout | null = null;
  /** Flushes run one after another, never side by side. */
  let chain: Promise<unknown> = Promise.resolve();

  function add(key: string, n: number): boolean {
    const had = pending.get(key);
    if (had === undefined && pending.size >= maxKeys) {
      dropped += n;
      return false;
    }
    pending.set(key, (had ?? 0) + n);
    return true;
  }

  async function writeBatch(batch: Map<string, number>): Promise<number> {
    const slugs: string[] = [];
    const days: string[] = [];
    const counts: number[] = [];
    for (const [key, n] of batch) {
      const at = key.indexOf(SEP);
      days.push(key.slice(0, at));
      slugs.push(key.slice(at + 1));
      counts.push(n);
    }
    // One statement: resolve the slugs, sum per (item, day), add to what is stored.
    const result = await db.execute(sql`
      insert into ${newsDailyReads} (news_id, day, reads)
      select n.id, v.day::date, sum(v.reads)::int
      from unnest(${sql.param(slugs)}::text[], ${sql.param(days)}::text[], ${sql.param(counts)}::int[]) as v(slug, day, reads)
      join ${newsItems} n on n.slug = v.slug
      group by n.id, v.day
      on conflict (news_id, day) do update set reads = ${newsDailyReads}.reads + excluded.reads`);
    return result.rowCount ?? 0;
  }

  async function flushNow(): Promise<FlushResult> {
    if (dropped > 0) {
      deps.log?.warn({ dropped, maxKeys }, 'news reads dropped: too many distinct pages between flushes');
      dropped = 0;
    }
    if (pending.size === 0) return { rows: 0, ok: true };
    const batch = pending;
    pending = new Map();
    try {
      return { rows: await writeBatch(batch), ok: true };
    } catch (err) {
      deps.log?.error({ err, keys: batch.size }, 'news reads flush failed; keeping the counts for the next flush');
      // Keep them, the older counts first, within the cap.
      const newer = pending;
      pending = new Map();
      for (const [k, n] of batch) add(k, n);
      for (const [k, n] of newer) add(k, n);
      return { rows: 0, ok: false };
    }
  }

  const api = {
    /** Counts `n` reads of the page of the item with this slug, on today's Tehran day. */
    recordReads(slug: string, n = 1): void {
      if (slug.length === 0 || slug.length > MAX_SLUG_LENGTH || !Number.isInteger(n) || n < 1) return;
      add(`${tehranDay(clock.now())}${SEP}${slug}`, n);
    },

    /** Distinct (day, slug) keys waiting for the next flush. */
    pendingKeys(): number {
      return pending.size;
    },

    /** Writes the counts so far; never throws (a failure is logged and kept for later). */
    flush(): Promise<FlushResult> {
      const run = chain.then(flushNow, flushNow);
      chain = run;
      return run;
    },

    /** Starts flushing every `flushIntervalMs`; the timer never keeps the process alive. */
    start(): void {
      if (timer) return;
      timer = setInterval(() => void api.flush(), intervalMs);
      timer.unref();
    },

    /** Stops the timer and writes what is left. */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await api.flush();
    },

    /** Published items by their reads from the Tehran day of `since` on, most read first. */
    async mostReadSince(since: Date, limit: number): Promise<MostReadItem[]> {
      const total = sql<number>`sum(${newsDailyReads.reads})::int`;
      const rows = await db
        .select({ item: itemColumns, reads: total })
        .from(newsDailyReads)
        .innerJoin(newsItems, eq(newsItems.id, newsDailyReads.newsId))
        .where(and(gte(newsDailyReads.day, tehranDay(since)), eq(newsItems.state, 'published'), sql`${newsItems.publishedAt} is not null`))
        .groupBy(newsItems.id)
        .orderBy(desc(total), desc(newsItems.publishedAt), desc(newsItems.id))
        .limit(Math.max(1, Math.min(limit, 50)));
      return rows.map(({ item, reads }) => ({ item: { ...item, serviceAreas: item.serviceAreas as ServiceArea[] } as NewsItem, reads }));
    },
  };
  return api;
}

/**
 * An onResponse hook that counts a read of the news page route `routeUrl` when it answered
 * 200 or 304 to a GET — also when a page cache answered before the handler ran (the route
 * and its params are known once routing is done). Obvious robots are not counted.
 */
export function countNewsReads(reads: Pick<NewsReads, 'recordReads'>, routeUrl = '/news/:slug') {
  // A callback hook, not an async one: it runs on every response.
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    if (request.method === 'GET' && request.routeOptions.url === routeUrl && (reply.statusCode === 200 || reply.statusCode === 304)) {
      const slug = (request.params as { slug?: unknown } | undefined)?.slug;
      if (typeof slug === 'string' && !BOT_USER_AGENT.test(request.headers['user-agent'] ?? '')) reads.recordReads(slug.normalize('NFC'));
    }
    done();
  };
}
