import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/test-db.js';
import { appliedMigrationCount, expectedMigrationCount, withTransaction } from './index.js';
import { auditLog } from '../audit/audit.tables.js';

describe('database layer', () => {
  it('clones a migrated database per test file', async () => {
    const t = await createTestDatabase();
    expect(await appliedMigrationCount(t.db)).toBe(expectedMigrationCount());
    const r = await t.db.execute<{ v: number }>(sql`select current_setting('server_version_num')::int as v`);
    expect(r.rows[0]!.v).toBeGreaterThanOrEqual(150000);
  });

  it('rolls back every row of a failed transaction', async () => {
    const t = await createTestDatabase();
    await expect(
      withTransaction(t.db, async (tx) => {
        await tx.insert(auditLog).values({ action: 'a' });
        await tx.insert(auditLog).values({ action: 'b' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await t.db.select().from(auditLog);
    expect(rows).toHaveLength(0);
  });

  it('stores and reads Persian text unchanged (UTF-8 cluster)', async () => {
    const t = await createTestDatabase();
    const text = 'روابط‌عمومی منطقهٔ ۲۱';
    await t.db.insert(auditLog).values({ action: text });
    const [row] = await t.db.select().from(auditLog);
    expect(row!.action).toBe(text);
  });
});
