// Kills the app with SIGKILL in the middle of writes, restarts it on the same DATA_DIR,
// and checks that every write the app acknowledged is there and the server is healthy.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shahrnama-crash-'));
chmodSync(dataDir, 0o755);
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGTERM');
      await new Promise((r) => c.once('exit', r));
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts `npm start`'s entry point; resolves with everything it printed once it listens. */
function startApp(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'true', LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('Shahrnama is running')) {
        clearInterval(timer);
        resolve({ child, output: () => out });
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`app exited with ${code}:\n${out}`));
    });
  });
}

class Session {
  private cookies = new Map<string, string>();
  constructor(private base: string) {}

  private store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  }

  private header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string): Promise<Response> {
    const res = await fetch(this.base + url, { headers: { cookie: this.header() }, redirect: 'manual' });
    this.store(res);
    return res;
  }

  async post(url: string, fields: Record<string, string>, token: string): Promise<Response> {
    const res = await fetch(this.base + url, {
      method: 'POST',
      headers: { cookie: this.header(), 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': token },
      body: new URLSearchParams({ ...fields, _csrf: token }).toString(),
      redirect: 'manual',
    });
    this.store(res);
    return res;
  }
}

function csrf(html: string): string {
  const m = /name="_csrf"[^>]*value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token in page');
  return m[1]!;
}

function clusterUrl(): string {
  const password = readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  return `postgresql://postgres:${encodeURIComponent(password)}@localhost:5432/postgres?host=${encodeURIComponent(path.join(dataDir, 'pg'))}`;
}

describe('crash recovery', () => {
  it('keeps every acknowledged write through kill -9 of the app and restarts healthy', { timeout: 180_000 }, async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = await startApp(port);
    const adminLine = first.output().split('\n').find((l) => /^\s*admin\s+admin\s+\S+/.test(l));
    expect(adminLine, first.output()).toBeDefined();
    const password = adminLine!.trim().split(/\s+/)[2]!;

    const s = new Session(base);
    const login = await s.get('/login');
    const loginRes = await s.post('/login', { username: 'admin', password }, csrf(await login.text()));
    expect(loginRes.status).toBe(303);
    const form = await s.get('/staff/admin/org/units/new');
    expect(form.status).toBe(200);
    const token = csrf(await form.text());

    const db = new pg.Client({ connectionString: clusterUrl() });
    await db.connect();
    const district = (await db.query<{ id: number }>(`select id from org_units where code = 'R21-D1'`)).rows[0]!.id;
    await db.end();

    // Writers post units until the process dies; a 303 is an acknowledgement.
    const acknowledged: string[] = [];
    let n = 0;
    let dead = false;
    const writer = async () => {
      while (!dead) {
        const code = `CRASH-N${++n}`;
        try {
          const res = await s.post(
            '/staff/admin/org/units',
            { kind: 'neighbourhood', parentId: String(district), code, name: `محلهٔ آزمایش ${n}`, isSample: 'on' },
            token,
          );
          if (res.status === 303) acknowledged.push(code);
          else if (!dead) throw new Error(`unexpected ${res.status}: ${(await res.text()).slice(0, 300)}`);
        } catch (err) {
          if (!dead) throw err;
        }
      }
    };
    const writers = Promise.all([writer(), writer(), writer()]);
    while (acknowledged.length < 30) await new Promise((r) => setTimeout(r, 20));
    dead = true;
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    await writers;
    expect(acknowledged.length).toBeGreaterThanOrEqual(30);

    // Same DATA_DIR: the orphaned postmaster is found and stopped, the app starts again.
    const second = await startApp(port);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    const check = new pg.Client({ connectionString: clusterUrl() });
    await check.connect();
    const rows = (await check.query<{ code: string }>(`select code from org_units where code like 'CRASH-N%'`)).rows;
    await check.end();
    const stored = new Set(rows.map((r) => r.code));
    expect(acknowledged.filter((c) => !stored.has(c))).toEqual([]);
    // The demo was not seeded a second time and nothing was printed again.
    expect(second.output()).not.toContain('Demo accounts');
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
    expect(second.child.exitCode).toBe(0);
  });
});
