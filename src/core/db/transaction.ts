// Every multi-row write goes through here: one transaction, retried on serialization
// failures and deadlocks, which PostgreSQL reports and asks the client to retry.
import type { Db, Tx } from './client.js';

const RETRYABLE = new Set(['40001', '40P01']);

export interface TxOptions {
  isolation?: 'read committed' | 'repeatable read' | 'serializable';
  retries?: number;
}

export async function withTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>, options: TxOptions = {}): Promise<T> {
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(work, { isolationLevel: options.isolation ?? 'read committed' });
    } catch (err) {
      const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
      if (attempt < retries && code && RETRYABLE.has(code)) {
        await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 10));
        continue;
      }
      throw err;
    }
  }
}
