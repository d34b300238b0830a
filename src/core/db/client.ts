// One pg pool and one Drizzle instance per app. Stateful: created in app.ts and passed down.
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';

export type Db = NodePgDatabase<Record<string, never>>;
/** The Drizzle handle inside a transaction has the same query surface as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  pool: pg.Pool;
  db: Db;
  close(): Promise<void>;
}

// bigint (int8) and numeric columns come back as strings unless told otherwise; counts
// are well inside the safe-integer range, numerics stay strings for exactness.
pg.types.setTypeParser(20, (v) => Number(v));

export function connectDatabase(url: string, options: { max?: number; applicationName?: string } = {}): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'shahrnama',
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = drizzle({ client: pool });
  return {
    pool,
    db,
    async close() {
      await pool.end();
    },
  };
}
