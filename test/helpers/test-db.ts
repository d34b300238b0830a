// A fresh database per test file, cloned from the migrated template.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { connectDatabase, type Database } from '../../src/core/db/index.js';

export interface TestDatabase extends Database {
  url: string;
  name: string;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Creates a database for this test file and drops it after the file's tests. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject('pgTemplate');
  const name = `${template}_${randomBytes(5).toString('hex')}`;
  // CREATE DATABASE ... TEMPLATE fails if another session is connected to the template;
  // nothing connects to it after global setup, but retry briefly to be safe.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`create database "${name}" template "${template}"`));
      break;
    } catch (err) {
      if (attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const url = withDatabase(inject('pgAdminUrl'), name);
  const database = connectDatabase(url, { max: 5 });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await database.close();
    await admin((c) => c.query(`drop database if exists "${name}" with (force)`));
  };
  afterAll(close);
  return { ...database, url, name, close };
}

export function adminDatabaseUrl(database = 'postgres'): string {
  return withDatabase(inject('pgAdminUrl'), database);
}
