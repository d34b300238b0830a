// Process entry: configuration → database (embedded unless DATABASE_URL) → migrations →
// demo seed on an empty database → listen; stops cleanly on SIGINT/SIGTERM.
import pino from 'pino';
import { ConfigError, loadConfig } from './core/config.js';
import { connectDatabase, runMigrations, startEmbeddedPostgres, type EmbeddedServer } from './core/db/index.js';
import { loggerOptions } from './core/log.js';
import { buildApp } from './app.js';
import { bootstrapData } from './seed/bootstrap.js';
import { systemClock } from './core/clock.js';
import { ensureHousekeepingScheduled } from './core/jobs/index.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = pino(loggerOptions(config.logLevel));

  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    log.info({ dataDir: config.dataDir }, 'starting the embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      onLog: (line) => log.debug({ pg: line }, 'postgres'),
    });
    log.info({ cluster: embedded.clusterDir }, 'embedded PostgreSQL is ready');
    url = embedded.url('postgres');
  }

  const database = connectDatabase(url);
  let stopping = false;
  const stopEmbedded = async () => {
    await database.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
  };

  try {
    await runMigrations(database.pool);
    log.info('migrations are current');
    await bootstrapData({ db: database.db, config, log });
  } catch (err) {
    log.fatal({ err }, 'start-up failed');
    await stopEmbedded();
    process.exit(1);
  }

  const app = await buildApp({ config, database });
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    try {
      await app.close();
    } finally {
      await stopEmbedded();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    log.fatal({ err }, 'could not listen');
    await app.close().catch(() => undefined);
    await stopEmbedded();
    process.exit(1);
  }
  // Catches up on jobs whose time passed while the app was down, then polls.
  await ensureHousekeepingScheduled(database.db, systemClock);
  await app.jobs.start();
  process.stdout.write(`\nشهرنما آماده است / Shahrnama is running: ${config.publicUrl}\n\n`);
}

main().catch((err: unknown) => {
  // Errors before the logger exists (e.g. the embedded server refusing to start) end here.
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
