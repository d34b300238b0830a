// One PostgreSQL per test run: the embedded server by default, the server at
// TEST_DATABASE_URL when set. A template database is migrated once; each test file
// clones its own database from it (see test-db.ts).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { testDatabaseUrl } from '../../src/core/config.js';
import { connectDatabase, runMigrations, startEmbeddedPostgres, type EmbeddedServer } from '../../src/core/db/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    pgServerKind: 'embedded' | 'external';
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  let server: EmbeddedServer | undefined;
  let tmp: string | undefined;
  let adminUrl = testDatabaseUrl();
  const kind = adminUrl ? 'external' : 'embedded';
  if (!adminUrl) {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'shahrnama-test-'));
    chmodSync(tmp, 0o755); // reachable by the postgres OS user when tests run as root
    server = await startEmbeddedPostgres({ dataDir: tmp });
    adminUrl = server.url('postgres');
  }
  // A name per run, so two runs against one external server do not collide.
  const template = `shahrnama_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${template}"`);
  await admin.end();
  const database = connectDatabase(withDatabase(adminUrl, template), { max: 2 });
  try {
    await runMigrations(database.pool);
  } finally {
    await database.close();
  }
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  project.provide('pgServerKind', kind);

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      // Drop what this run created (test files drop their own; this catches the rest).
      const r = await c.query<{ datname: string }>(
        `select datname from pg_database where datname like $1 or datname = $2`,
        [`${template}_%`, template],
      );
      for (const { datname } of r.rows) await c.query(`drop database if exists "${datname}" with (force)`);
    } finally {
      await c.end();
    }
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  };
}
