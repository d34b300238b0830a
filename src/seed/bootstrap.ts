// What happens to an empty database when the server starts (after migrations):
// with SEED_DEMO, the Region 21 demo is seeded and the demo accounts are printed once;
// without it, nothing is written and the way to create the first admin is printed.
// A database that already has organisation data is left alone.
import { systemClock, type Clock } from '../core/clock.js';
import type { Config } from '../core/config.js';
import type { Db } from '../core/db/index.js';
import { createOrgService } from '../features/org/index.js';
import { OrgDataExistsError, formatDemoAccounts, seedRegion21Demo, type DemoSeedResult } from './demo-seed.js';

/** The logger calls used here (pino's logger fits). */
export interface BootstrapLog {
  info(msg: string): void;
  warn(msg: string): void;
}

export interface BootstrapDeps {
  db: Db;
  config: Config;
  log: BootstrapLog;
  clock?: Clock;
  /** Where the one-time notice goes; standard output by default. */
  out?: (text: string) => void;
}

export type BootstrapResult =
  | { action: 'none' }
  | { action: 'seeded'; seed: DemoSeedResult }
  | { action: 'instructions' };

export const FIRST_ADMIN_INSTRUCTIONS = [
  '',
  '================ Shahrnama: no organisation data yet ================',
  'SEED_DEMO is false, so nothing was seeded. To set up this installation:',
  '',
  '  1. Stop the app if it runs on the embedded database (the CLI needs DATA_DIR to itself).',
  '  2. Create the region:',
  '       npm run cli -- region:create --code R21 --name "منطقه ۲۱" --area 5156',
  '  3. Create the first administrator (a password is generated and shown once):',
  '       npm run cli -- user:create --username admin --display-name "مدیر سامانه" --role admin',
  '  4. Start the app again, sign in and add districts and neighbourhoods',
  '     under «ساختار سازمانی» (/staff/admin/org).',
  '',
  'Or, for a demo installation: npm run cli -- seed:demo',
  '====================================================================',
  '',
].join('\n');

export async function bootstrapData(deps: BootstrapDeps): Promise<BootstrapResult> {
  const clock = deps.clock ?? systemClock;
  const out = deps.out ?? ((text: string) => void process.stdout.write(text));
  const org = createOrgService({ db: deps.db, clock });
  if (!(await org.isEmpty())) {
    deps.log.info('organisation data present; nothing to seed');
    return { action: 'none' };
  }
  if (!deps.config.seedDemo) {
    out(FIRST_ADMIN_INSTRUCTIONS);
    return { action: 'instructions' };
  }
  if (deps.config.nodeEnv === 'production') {
    deps.log.warn('SEED_DEMO is true in production: seeding demo data and demo accounts into an empty database');
  }
  try {
    const seed = await seedRegion21Demo({ db: deps.db, config: deps.config, clock });
    deps.log.info(`seeded the Region 21 demo: ${seed.accounts.length} demo accounts`);
    out(formatDemoAccounts(seed, `${deps.config.publicUrl}/login`));
    return { action: 'seeded', seed };
  } catch (err) {
    // Another process seeded between our check and our lock: that is success, not failure.
    if (err instanceof OrgDataExistsError) return { action: 'none' };
    throw err;
  }
}
