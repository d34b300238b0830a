import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, EmbeddedStartError, startEmbeddedPostgres } from './index.js';
import { resolveClusterDir } from './embedded.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDataDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'shahrnama-embedded-'));
  // mkdtemp makes 0700; as root the postgres OS user must reach it, else the cluster is relocated.
  chmodSync(d, 0o755);
  dirs.push(d);
  return d;
}

/** Starts the fixture holding an embedded server; resolves with the child once ready. */
function holdEmbedded(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/hold-embedded.ts', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /READY (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) => reject(new Error(`holder exited with ${code}: ${err}`)));
  });
}

async function query(url: string, text: string): Promise<unknown[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

function postmasterPid(dataDir: string): number {
  const cluster = path.join(dataDir, 'pg');
  return Number(readFileSync(path.join(cluster, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded PostgreSQL', () => {
  it('stops a postmaster orphaned by kill -9 of its app and starts cleanly, keeping committed data', async () => {
    const dataDir = tempDataDir();
    const { child, url } = await holdEmbedded(dataDir);
    await query(url, 'create table kept (v text)');
    await query(url, "insert into kept values ('پیش از kill -9')");
    const orphan = postmasterPid(dataDir);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(alive(orphan)).toBe(true); // the library leaves it running

    const server = await startEmbeddedPostgres({ dataDir });
    try {
      expect(alive(orphan)).toBe(false);
      const rows = await query(server.url('postgres'), 'select v from kept');
      expect(rows).toEqual([{ v: 'پیش از kill -9' }]);
    } finally {
      await server.stop();
    }
  });

  it('refuses a second app process on the same DATA_DIR with a clear message', async () => {
    const dataDir = tempDataDir();
    const { child } = await holdEmbedded(dataDir);
    try {
      await expect(startEmbeddedPostgres({ dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/already running on DATA_DIR/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });

  it("shows the server's own log lines when it cannot start", async () => {
    const dataDir = tempDataDir();
    const first = await startEmbeddedPostgres({ dataDir });
    await first.stop();
    appendFileSync(path.join(dataDir, 'pg', 'postgresql.conf'), '\nshared_buffers = not_a_size\n');
    const err = await startEmbeddedPostgres({ dataDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddedStartError);
    expect(String((err as Error).message)).toMatch(/shared_buffers/);
    // the failed start released the data folder: fixing the file lets it start
    const conf = readFileSync(path.join(dataDir, 'pg', 'postgresql.conf'), 'utf8').replace('shared_buffers = not_a_size', '');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(dataDir, 'pg', 'postgresql.conf'), conf);
    const again = await startEmbeddedPostgres({ dataDir });
    await again.stop();
  });

  it.runIf(process.getuid?.() === 0)('as root, keeps the cluster outside a folder the postgres user cannot reach', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'shahrnama-private-')); // 0700, like /root
    dirs.push(home);
    const { dir, relocated } = resolveClusterDir(path.join(home, 'data'), path.join(tempDataDir(), 'var-lib'));
    expect(relocated).toBe(true);
    expect(dir.startsWith(home)).toBe(false);
    const open = tempDataDir();
    expect(resolveClusterDir(path.join(open, 'data'))).toEqual({ dir: path.join(open, 'data', 'pg'), relocated: false });
    expect(existsSync(home)).toBe(true);
  });
});
