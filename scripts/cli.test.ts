// The CLI as an operator runs it: a child process (`node --import tsx scripts/cli.ts …`) on a test
// database, checked by exit code and output.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { adminDatabaseUrl, createTestDatabase, type TestDatabase } from '../test/helpers/test-db.js';
import { authServiceFor } from '../test/helpers/login.js';
import { systemClock } from '../src/core/clock.js';
import { createOrgService } from '../src/features/org/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shahrnama-cli-test-'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  const base: Record<string, string | undefined> = { ...process.env, TEST_DATABASE_URL: undefined, DATABASE_URL: undefined, SEED_DEMO: undefined };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/cli.ts', ...args],
      {
        cwd: ROOT,
        env: { ...base, LOG_LEVEL: 'silent', DATA_DIR: dataDir, SESSION_SECRET: 'x'.repeat(40), NODE_ENV: 'test', ...env } as NodeJS.ProcessEnv,
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let database: TestDatabase;
const on = (args: string[]) => cli(args, { DATABASE_URL: database.url });

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

// Each command is a fresh process that loads TypeScript: slow on a busy machine, hence the long timeout.
describe('cli', { timeout: 180_000 }, () => {
  it('prints help, and exits 2 on an unknown command or a missing flag', async () => {
    const help = await cli(['help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('user:create --username NAME');
    const unknown = await cli(['frobnicate'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const missing = await on(['user:create', '--username', 'x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--display-name is required');
    const badFlag = await on(['user:create', '--usrname', 'x']);
    expect(badFlag.code).toBe(2);
    const badRole = await on(['user:create', '--username', 'x1', '--display-name', 'x', '--role', 'boss']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('Unknown role "boss"');
  });

  it('needs a region before the first user, then creates the region and an admin with a generated password', async () => {
    const early = await on(['user:create', '--username', 'chief', '--display-name', 'مدیر سامانه', '--role', 'admin']);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('There is no region yet');
    expect(early.stderr).toContain('region:create');

    const region = await on(['region:create', '--code', 'R21', '--name', 'منطقه ۲۱', '--area', '۵۱۵۶']);
    expect(region.stderr).toBe('');
    expect(region.code).toBe(0);
    expect(region.stdout).toContain('R21');

    const created = await on(['user:create', '--username', 'chief', '--display-name', 'مدیر سامانه', '--role', 'admin']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created user chief');
    const password = /Password[^:]*: (\S+)/.exec(created.stdout)?.[1];
    expect(password).toBeTruthy();
    const login = await authServiceFor(database).login({ username: 'chief', password: password!, ip: '127.0.0.1' });
    expect(login).toMatchObject({ ok: true, mustChangePassword: true });
  });

  it('refuses a bad username with the service’s Persian message and exit code 1', async () => {
    const bad = await on(['user:create', '--username', 'bad name!', '--display-name', 'کسی', '--role', 'reporter']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('«نام کاربری»');
    const dup = await on(['user:create', '--username', 'CHIEF', '--display-name', 'دیگری', '--role', 'admin', '--password', 'another-long-password']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/پیش‌تر ثبت شده/);
  });

  it('scopes a user to a district or a department', async () => {
    const org = createOrgService({ db: database.db, clock: systemClock });
    const region = (await org.getRegion())!;
    await org.createUnit({ kind: 'district', code: 'R21-D3', name: 'ناحیه ۳' }, { userId: null, label: 'test' });
    await org.createDepartment({ orgUnitId: region.id, kind: 'deputy', key: 'urban_services', name: 'معاونت خدمات شهری و محیط زیست' }, { userId: null, label: 'test' });

    const reporter = await on(['user:create', '--username', 'reporter3', '--display-name', 'خبرنگار', '--role', 'reporter', '--unit', 'r21-d3', '--password', 'a-chosen-password-1']);
    expect(reporter.stderr).toBe('');
    expect(reporter.stdout).toContain('ناحیه ۳');
    expect(reporter.stdout).not.toContain('Password');
    const liaison = await on(['user:create', '--username', 'liaison1', '--display-name', 'رابط', '--role', 'liaison', '--department', 'urban_services']);
    expect(liaison.code).toBe(0);
    expect(liaison.stdout).toContain('معاونت خدمات شهری و محیط زیست');
    const nowhere = await on(['user:create', '--username', 'lost', '--display-name', 'گم', '--role', 'reporter', '--unit', 'R21-D9']);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('No org unit with code R21-D9');
  });

  it('resets a password', async () => {
    const res = await on(['user:reset-password', '--username', 'reporter3']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const password = /: (\S+)\s*$/.exec(res.stdout)?.[1];
    const auth = authServiceFor(database);
    expect((await auth.login({ username: 'reporter3', password: password!, ip: '127.0.0.2' })).ok).toBe(true);
    expect((await auth.login({ username: 'reporter3', password: 'a-chosen-password-1', ip: '127.0.0.2' })).ok).toBe(false);
    const missing = await on(['user:reset-password', '--username', 'nobody']);
    expect(missing.code).toBe(1);
  });

  it('refuses seed:demo when organisation data exists, and seeds an empty database', async () => {
    const refused = await on(['seed:demo']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already has organisation data');

    const fresh = await createTestDatabase();
    const seeded = await cli(['seed:demo'], { DATABASE_URL: fresh.url });
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);
    for (const u of ['admin', 'pr.manager', 'pr.editor', 'reporter.d3', 'photographer.d3', 'liaison.services', 'data.officer', 'official.d1']) {
      expect(seeded.stdout).toContain(u);
    }
    expect((await createOrgService({ db: fresh.db, clock: systemClock }).listDistricts()).length).toBe(3);
  });

  it('migrates an empty database, and other commands refuse to run before that', async () => {
    const name = `${inject('pgTemplate')}_cli_blank`;
    const admin = new pg.Client({ connectionString: adminDatabaseUrl() });
    await admin.connect();
    try {
      await admin.query(`create database "${name}"`);
      const url = adminDatabaseUrl(name);
      const early = await cli(['seed:demo'], { DATABASE_URL: url });
      expect(early.code).toBe(1);
      expect(early.stderr).toContain('db:migrate');
      const migrated = await cli(['db:migrate'], { DATABASE_URL: url });
      expect(migrated.stderr).toBe('');
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toContain('Migrations are current');
      const again = await cli(['db:migrate'], { DATABASE_URL: url });
      expect(again.code).toBe(0);
    } finally {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });

  it('says clearly that it cannot share DATA_DIR with a running app', async () => {
    // A live Node process (this test worker) holds the data folder's lock file.
    const locked = mkdtempSync(path.join(os.tmpdir(), 'shahrnama-cli-locked-'));
    try {
      writeFileSync(path.join(locked, 'shahrnama.pid'), String(process.pid));
      const res = await cli(['db:migrate'], { DATA_DIR: locked });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('cannot run while the app is running on the same DATA_DIR');
    } finally {
      rmSync(locked, { recursive: true, force: true });
    }
  });
});
