// One app on the Region 21 demo data for a browser journey: its own test database, a
// temporary DATA_DIR (the demo's sample photos are written there, never into the
// checkout), a free port, and one Chromium. close() undoes all of it.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/core/config.js';
import { seedRegion21Demo, type DemoAccount } from '../../src/seed/demo-seed.js';
import { launchBrowser } from './browser.js';
import { createTestDatabase } from './test-db.js';

export interface DemoApp {
  base: string;
  browser: Browser;
  accounts: DemoAccount[];
  account(username: string): DemoAccount;
  close(): Promise<void>;
}

export async function startDemoApp(name: string): Promise<DemoApp> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), `shahrnama-${name}-`));
  const config = parseConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', DATABASE_URL: database.url, DATA_DIR: dataDir }, { persistSecrets: false });
  const accounts = (await seedRegion21Demo({ db: database.db, config })).accounts;
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  return {
    base,
    browser,
    accounts,
    account(username) {
      const a = accounts.find((x) => x.username === username);
      if (!a) throw new Error(`no demo account ${username}`);
      return a;
    },
    async close() {
      await browser.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
