// The query plans behind «a word in most items is as fast as a rare one» (ADR 0003): on
// 20 000 published items with fresh statistics, a very common word is answered by a short
// walk of the newest items through the published index (stopping at the cap), a rare word
// by a walk bounded to walkRows items and then the GIN index. Plan shapes and row counts
// are asserted, never times.
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
  // 90 % of items say «شهرداری», 5 % «بوستان», 0.05 % «آبنما» (folded: «ابنما»); already folded text.
  await t.pool.query(`
    insert into news_items (kind, state, headline, body_html, org_unit_id, author_id, slug, published_at, search_text, search_title)
    select 'news', 'published', 'خبر ' || g, '', (select id from org_units limit 1), (select id from users limit 1), 'plan-' || g,
      timestamptz '2026-11-01' - (g || ' minutes')::interval,
      (case when g % 10 <> 0 then 'شهرداری ' else '' end) || (case when g % 20 = 0 then 'بوستان ' else '' end) ||
        (case when g % 2000 = 0 then 'ابنما ' else '' end) || 'متن خبر شماره ' || g || ' دربارهٔ خدمات شهری ' || md5(g::text),
      'خبر ' || g
    from generate_series(1, 20000) g`);
  await t.pool.query('analyze news_items');
});

/** The repository's own search statements for a query (captured as they are sent), and which step answered. */
async function statementsOf(query: string) {
  const parsed = parseSearchQuery(query);
  const pool = t.pool as unknown as { query: (...args: unknown[]) => unknown };
  const original = pool.query;
  const captured: Array<{ text: string; values: unknown[] }> = [];
  pool.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    if (first && typeof first === 'object' && 'text' in first) {
      const q = first as { text: string; values?: unknown[] };
      captured.push({ text: q.text, values: q.values ?? (Array.isArray(second) ? second : []) });
    }
    return original.apply(this, args);
  } as typeof original;
  try {
    const page = await repo.searchPublished(t.db, {
      tsquery: parsed.tsquery!,
      orgUnitId: null,
      kind: null,
      from: null,
      to: null,
      cap: SEARCH_LIMITS.candidateCap,
      walkRows: SEARCH_LIMITS.walkRows,
      offset: 0,
      limit: 20,
    });
    return { page, statements: captured };
  } finally {
    pool.query = original;
  }
}

/** EXPLAIN (ANALYZE) of a captured statement, as text. */
async function explain(statement: { text: string; values: unknown[] }): Promise<string> {
  const rows = await t.pool.query(`explain (analyze, costs off, timing off) ${statement.text}`, statement.values);
  return rows.rows.map((r: Record<string, string>) => String(Object.values(r)[0])).join('\n');
}

/** The largest `actual … rows=N` of the scans on the published index in a plan. */
function walkedRows(plan: string): number {
  const rows = plan
    .split('\n')
    .filter((l) => l.includes('news_items_published_idx'))
    .map((l) => Number(/rows=(\d+)/.exec(l.slice(l.indexOf('actual')))?.[1] ?? 0));
  return Math.max(0, ...rows);
}

describe('search query plans', () => {
  it('a word in most items is answered by the first step: a short walk of the newest published items', async () => {
    const { page, statements } = await statementsOf('شهرداری');
    expect(page.via).toBe('walk');
    expect(page.total).toBe(SEARCH_LIMITS.candidateCap + 1);
    expect(statements).toHaveLength(1);
    const plan = await explain(statements[0]!);
    expect(plan).toContain('Index Scan using news_items_published_idx');
    expect(plan).not.toContain('Bitmap Heap Scan');
    // 90 % of items match: about cap / 0.9 rows are read, not walkRows.
    expect(walkedRows(plan)).toBeLessThan(SEARCH_LIMITS.candidateCap * 2);
  });

  it('a rare word walks at most walkRows items, then uses the full-text index', async () => {
    const { page, statements } = await statementsOf('آبنما');
    expect(page.via).toBe('index');
    expect(page.total).toBe(10);
    expect(statements).toHaveLength(2);
    const [walk, index] = await Promise.all(statements.map(explain));
    expect(walkedRows(walk!)).toBe(SEARCH_LIMITS.walkRows);
    expect(index).toContain('news_items_search_vector_idx');
    expect(index).not.toContain('news_items_published_idx');
  });

  it('a word in 5 % of items is ranked from the walk (cap matches within walkRows)', async () => {
    const { page, statements } = await statementsOf('بوستان');
    expect(page.via).toBe('walk');
    expect(statements).toHaveLength(1);
    expect(walkedRows(await explain(statements[0]!))).toBeLessThanOrEqual(SEARCH_LIMITS.walkRows);
  });

  it('the vector stays in the row (STORAGE MAIN): the walk tests each row without a TOAST lookup', async () => {
    const r = await t.db.execute<{ storage: string }>(
      sql`select attstorage as storage from pg_attribute where attrelid = 'news_items'::regclass and attname = 'search_vector'`,
    );
    expect(r.rows[0]!.storage).toBe('m');
  });

  it('the statistics see the common word (the prefix form does not hide it)', async () => {
    const r = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from news_items where search_vector @@ to_tsquery('shahrnama_fa', 'شهرداری')`);
    expect(r.rows[0]!.n).toBe(18000);
  });
});
