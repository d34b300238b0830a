// The public page cache: rendered portal responses kept in memory and served before any
// route (and so any database) work, cleared on every content event, expired after a TTL.
//
// Rules (see docs/ARCHITECTURE.md "Public page cache"):
// - Opt-in: only responses sent through sendPublic() (which calls markPageCacheable) are
//   stored, and only 200s of GET/HEAD (both share one entry). The key is the path
//   (trailing slash dropped, as the router ignores it) and the query with its parameters
//   sorted; each query string is its own entry, at most `maxVariantsPerPath` per path
//   (the least recently used variant of that path goes first), so `?junk=N` cannot push
//   the real pages out.
// - Never stored: a Set-Cookie, `Cache-Control` with no-store/private/no-cache, a Vary
//   other than Accept-Encoding, a body holding a CSRF field (a per-visitor token).
// - Never used (neither served nor stored) for a request that carries a session, a
//   bearer token or a flash cookie: signed-in staff always get a fresh page.
// - Bounded by the total bytes (LRU); entries expire `ttlMs` after they were stored, so
//   changes made by another process (the CLI, another app instance) show within the TTL.
// - A render that started before an invalidation is not stored after it (generation).
// - Hits are sent with reply.send from an onRequest hook, so onSend/onResponse hooks
//   (metrics, the read counter) still run for them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Clock } from '../../core/clock.js';
import type { ContentEvents } from '../../core/events.js';

export interface CachedPage {
  /** The UTF-8 bytes sent: encoded once when stored, not on every hit. */
  body: Buffer;
  /** The response headers replayed on a hit (content-type, etag, cache-control …). */
  headers: Readonly<Record<string, string>>;
  etag: string;
}

interface Entry extends CachedPage {
  key: string;
  path: string;
  bytes: number;
  storedAt: number;
}

export interface PageCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  bypassed: number;
  stored: number;
  evicted: number;
  expired: number;
  clears: number;
}

export interface PageCache {
  get(key: string): CachedPage | undefined;
  /** Stores a page; false when it is too large to keep. */
  set(key: string, path: string, page: CachedPage): boolean;
  /** Drops everything (a content event); renders in flight are not stored afterwards. */
  clear(): void;
  /** Bumped by clear(): a render started in an older generation is not stored. */
  readonly generation: number;
  stats(): PageCacheStats;
  /** Counts requests that skipped the cache (signed in, flash). */
  countBypass(): void;
  /** Stops listening to content events. */
  close(): void;
}

export interface PageCacheOptions {
  clock: Clock;
  /** Total bytes of bodies (UTF-8) and headers kept; default 32 MB. */
  maxBytes?: number;
  /** Entries expire this long after they were stored; default 60 s. */
  ttlMs?: number;
  /** Query-string variants kept per path; default 16. */
  maxVariantsPerPath?: number;
  /** Clears the cache on each event. */
  events?: ContentEvents;
  /** Adds hit/miss counters and size gauges to this registry (/metrics). */
  metrics?: Registry;
}

export const PAGE_CACHE_DEFAULTS = { maxBytes: 32 * 1024 * 1024, ttlMs: 60_000, maxVariantsPerPath: 16 } as const;

/** Headers a hit replays; everything else (helmet, rate limit) is the current request's own. */
const REPLAYED_HEADERS = ['content-type', 'etag', 'cache-control', 'last-modified', 'link', 'content-language', 'x-robots-tag'] as const;

/** Per-entry bookkeeping counted against maxBytes on top of the body. */
const ENTRY_OVERHEAD = 256;

export function createPageCache(options: PageCacheOptions): PageCache {
  const { clock } = options;
  const maxBytes = options.maxBytes ?? PAGE_CACHE_DEFAULTS.maxBytes;
  const ttlMs = options.ttlMs ?? PAGE_CACHE_DEFAULTS.ttlMs;
  const maxVariants = Math.max(1, options.maxVariantsPerPath ?? PAGE_CACHE_DEFAULTS.maxVariantsPerPath);
  // Insertion order is recency order: a hit moves its entry to the end.
  const entries = new Map<string, Entry>();
  const variants = new Map<string, Set<string>>();
  let bytes = 0;
  let generation = 0;
  const s = { hits: 0, misses: 0, bypassed: 0, stored: 0, evicted: 0, expired: 0, clears: 0 };

  function remove(e: Entry): void {
    entries.delete(e.key);
    bytes -= e.bytes;
    const keys = variants.get(e.path);
    keys?.delete(e.key);
    if (keys && keys.size === 0) variants.delete(e.path);
  }

  const hitCounter = options.metrics
    ? new Counter({ name: 'portal_page_cache_requests_total', help: 'Public page cache lookups by result (hit, miss, bypass)', labelNames: ['result'] as const, registers: [options.metrics] })
    : null;
  if (options.metrics) {
    new Gauge({ name: 'portal_page_cache_bytes', help: 'Bytes held by the public page cache', registers: [options.metrics], collect() { this.set(bytes); } });
    new Gauge({ name: 'portal_page_cache_entries', help: 'Pages held by the public page cache', registers: [options.metrics], collect() { this.set(entries.size); } });
  }

  const cache: PageCache = {
    get(key) {
      const e = entries.get(key);
      if (!e) {
        s.misses++;
        hitCounter?.inc({ result: 'miss' });
        return undefined;
      }
      if (clock.now().getTime() - e.storedAt >= ttlMs) {
        remove(e);
        s.expired++;
        s.misses++;
        hitCounter?.inc({ result: 'miss' });
        return undefined;
      }
      entries.delete(key);
      entries.set(key, e);
      const keys = variants.get(e.path);
      keys?.delete(key);
      keys?.add(key);
      s.hits++;
      hitCounter?.inc({ result: 'hit' });
      return e;
    },

    set(key, path, page) {
      let size = ENTRY_OVERHEAD + page.body.length + key.length * 2;
      for (const [k, v] of Object.entries(page.headers)) size += k.length + v.length;
      // One page may not take more than a quarter of the cache.
      if (size > maxBytes / 4) return false;
      const old = entries.get(key);
      if (old) remove(old);
      let keys = variants.get(path);
      if (!keys) variants.set(path, (keys = new Set()));
      while (keys.size >= maxVariants) {
        const oldest = keys.values().next().value as string;
        remove(entries.get(oldest)!);
        s.evicted++;
      }
      while (bytes + size > maxBytes && entries.size > 0) {
        remove(entries.values().next().value!);
        s.evicted++;
      }
      const e: Entry = { ...page, key, path, bytes: size, storedAt: clock.now().getTime() };
      entries.set(key, e);
      // remove() may have dropped the path's set while evicting its last variant.
      if (!variants.has(path)) variants.set(path, keys);
      keys.add(key);
      bytes += size;
      s.stored++;
      return true;
    },

    clear() {
      entries.clear();
      variants.clear();
      bytes = 0;
      generation++;
      s.clears++;
    },

    get generation() {
      return generation;
    },

    stats: () => ({ entries: entries.size, bytes, ...s }),

    countBypass() {
      s.bypassed++;
      hitCounter?.inc({ result: 'bypass' });
    },

    close: () => unsubscribe(),
  };

  // A municipal site changes rarely: any content change clears everything.
  const unsubscribe = options.events ? options.events.subscribe(() => cache.clear()) : () => undefined;
  return cache;
}

/** The cache key of a request URL: the path without a trailing slash, and the query with sorted parameters. */
export function pageCacheKey(url: string): { key: string; path: string } {
  const q = url.indexOf('?');
  let path = q === -1 ? url : url.slice(0, q);
  if (path.length > 1 && path.endsWith('/')) path = path.replace(/\/+$/, '') || '/';
  const rawQuery = q === -1 ? '' : url.slice(q + 1);
  if (rawQuery === '') return { key: path, path };
  // A stable sort keeps the order of repeated parameters (?a=1&a=2 ≠ ?a=2&a=1).
  const params = [...new URLSearchParams(rawQuery)].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const query = new URLSearchParams(params).toString();
  return { key: query === '' ? path : `${path}?${query}`, path };
}

interface RequestState {
  key: string;
  path: string;
  generation: number;
  cacheable: boolean;
}

const pending = new WeakMap<FastifyRequest, RequestState>();
const FLASH_COOKIE = 'flash';

/** Called by sendPublic: this response may be stored (if the rest of the rules allow). */
export function markPageCacheable(request: FastifyRequest): void {
  const state = pending.get(request);
  if (state) state.cacheable = true;
}

/** If-None-Match uses the weak comparison: W/ prefixes are ignored, `*` matches anything. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v.replace(/^W\//, '') === etag;
  });
}

/** Who must get a fresh page: signed-in (or half signed-in) users, API callers, a pending flash. */
function personal(request: FastifyRequest): boolean {
  return (
    request.currentUser != null ||
    request.sessionIdHash != null ||
    request.headers.authorization !== undefined ||
    (request.cookies !== undefined && request.cookies[FLASH_COOKIE] !== undefined)
  );
}

function storable(reply: FastifyReply, body: string): Record<string, string> | null {
  if (reply.statusCode !== 200) return null;
  if (reply.hasHeader('set-cookie')) return null;
  const cc = String(reply.getHeader('cache-control') ?? '').toLowerCase();
  if (!cc.includes('public') || /\b(no-store|private|no-cache)\b/.test(cc)) return null;
  const vary = String(reply.getHeader('vary') ?? '').toLowerCase();
  if (vary.split(',').some((v) => v.trim() !== '' && v.trim() !== 'accept-encoding')) return null;
  if (body.includes('name="_csrf"')) return null;
  const headers: Record<string, string> = {};
  for (const h of REPLAYED_HEADERS) {
    const v = reply.getHeader(h);
    if (v !== undefined) headers[h] = String(v);
  }
  return headers.etag ? headers : null;
}

/**
 * Serves hits from an onRequest hook and stores opted-in misses in onSend. Register it
 * on the portal's scope (the hooks apply to routes registered after it).
 */
export function registerPageCache(app: FastifyInstance, cache: PageCache): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return done();
    if (personal(request)) {
      cache.countBypass();
      return done();
    }
    const { key, path } = pageCacheKey(request.url);
    const hit = cache.get(key);
    if (!hit) {
      pending.set(request, { key, path, generation: cache.generation, cacheable: false });
      return done();
    }
    reply.headers(hit.headers);
    if (etagMatches(request.headers['if-none-match'], hit.etag)) {
      reply.removeHeader('content-type');
      reply.code(304).send();
    } else {
      reply.code(200).send(hit.body);
    }
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    const state = pending.get(request);
    if (!state || !state.cacheable || typeof payload !== 'string') return done(null, payload);
    pending.delete(request);
    if (state.generation !== cache.generation) return done(null, payload);
    const headers = storable(reply, payload);
    if (headers) cache.set(state.key, state.path, { body: Buffer.from(payload, 'utf8'), headers, etag: headers.etag! });
    done(null, payload);
  });
}
