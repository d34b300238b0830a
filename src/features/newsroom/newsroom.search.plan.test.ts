// The query plans behind «a word in most items is as fast as a rare one» (ADR 0003): on
// 20 000 published items with fresh statistics, the candidate query of a very common
// word walks the newest items through the published index and stops at the cap, while a
// rare word goes through the GIN index. Plan shapes are asserted, never times.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import * as repo from './newsroom.repository.js';
import { parseSearchQuery, SEARCH_LIMITS } from './newsroom.search.js';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.pool.query(`insert into org_units (kind, code, name, name_key) values ('region', 'R', 'منطقه', 'منطقه')`);
  await t.pool.query(`insert into users (username, username_key, display_name, password_hash) values ('plan', 'plan', 'plan', 'x')`);
  // 90 % of items say «شهرداری», 5 % «بوستان», 0.05 % «آبنما»; already folded text.
  await t.pool.query(`
    insert into news_items (kind, state, headline, body_html, org_unit_id, author_id, slug, published_at, search_text, search_title)
    select 'news', 'published', 'خبر ' || g, '', (select id from org_units limit 1), (select id from users limit 1), 'plan-' || g,
      timestamptz '2026-11-01' - (g || ' minutes')::interval,
      (case when g % 10 <> 0 then 'شهرداری ' else '' end) || (case when g % 20 = 0 then 'بوستان ' else '' end) ||
        (case when g % 2000 = 0 then 'آبنما ' else '' end) || 'متن خبر شماره ' || g || ' دربارهٔ خدمات شهری ' || md5(g::text),
      'خبر ' || g
    from generate_series(1, 20000) g`);
  await t.pool.query('analyze news_items');
});

/** EXPLAIN of the repository's own search statement (captured as it is sent). */
async function planOf(query: string): Promise<string> {
  const parsed = parseSearchQuery(query);
  const pool = t.pool as unknown as { query: (...args: unknown[]) => unknown };
  const original = pool.query;
  let captured: { text: string; values: unknown[] } | null = null;
  pool.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    if (captured === null && first && typeof first === 'object' && 'text' in first) {
      const q = first as { text: string; values?: unknown[] };
      captured = { text: q.text, values: q.values ?? (Array.isArray(second) ? second : []) };
    }
    return original.apply(this, args);
  } as typeof original;
  try {
    await repo.searchPublished(t.db, { tsquery: parsed.tsquery!, orgUnitId: null, kind: null, from: null, to: null, cap: SEARCH_LIMITS.candidateCap, offset: 0, limit: 20 });
  } finally {
    pool.query = original;
  }
  const c = captured as { text: string; values: unknown[] } | null;
  if (!c) throw new Error('the search statement was not captured');
  const rows = await t.pool.query(`explain ${c.text}`, c.values);
  return rows.rows.map((r: Record<string, string>) => String(Object.values(r)[0])).join('\n');
}

describe('search query plans', () => {
  it('a word in most items walks the newest published items and stops at the cap', async () => {
    const plan = await planOf('شهرداری');
    expect(plan).toContain('Index Scan using news_items_published_idx');
    expect(plan).not.toContain('Bitmap Heap Scan');
  });

  it('a rare word uses the full-text index', async () => {
    const plan = await planOf('آبنما');
    expect(plan).toContain('news_items_search_vector_idx');
  });

  it('the statistics see the common word (the prefix form does not hide it)', async () => {
    const r = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from news_items where search_vector @@ to_tsquery('shahrnama_fa', 'شهرداری')`);
    expect(r.rows[0]!.n).toBe(18000);
  });
});
