// Seeds the Region 21 demo through the services (org, auth; newsroom, media and feedback
// for the sample news), in ONE transaction: a crash or an error halfway rolls everything
// back, so a database is either untouched or fully seeded, and "has org units" is a safe
// test for "already seeded". (Photo files written before a rollback are swept as orphans.)
//
// The services are built on the transaction handle. Their own withTransaction calls
// then become savepoints inside it (Drizzle's nested transaction), so their rules and
// audit rows run exactly as in the app, and nothing is committed until the end. A
// transaction is one connection, and services may issue two reads at once
// (Promise.all), which pg 8 only tolerates with a deprecation warning and pg 9 will
// refuse; so the seed's connection runs its queries strictly one after another.
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { systemClock, type Clock } from '../core/clock.js';
import type { Config } from '../core/config.js';
import { withTransaction, type Db } from '../core/db/index.js';
import { createMailer } from '../core/mail.js';
import type { MembershipScope } from '../core/http/current-user.js';
import { ROLE_LABELS, type Role } from '../core/roles.js';
import { randomPassword } from '../core/security/passwords.js';
import { createOrgService, type OrgUnit } from '../features/org/index.js';
import { createAuthService } from '../features/auth/index.js';
import {
  DEMO_ACCOUNTS,
  DISTRICTS,
  DISTRICT_OFFICE_KEY,
  NEIGHBOURHOODS,
  REGION,
  REGION_DEPARTMENTS,
  districtOfficeName,
} from './region21.data.js';
import { seedDemoNews, type DemoNewsResult } from './demo-news.js';

/** Serialises seeding across app processes starting at once on one database. */
const SEED_LOCK_KEY = 72_210_022;

export const SEED_ACTOR = { userId: null, label: 'seed' } as const;

export interface DemoAccount {
  role: Role;
  roleLabel: string;
  username: string;
  password: string;
  scopeLabel: string;
}

export interface DemoSeedResult {
  region: string;
  districts: number;
  neighbourhoods: number;
  departments: number;
  accounts: DemoAccount[];
  news: DemoNewsResult;
}

/** The database already holds organisation data: the demo is never mixed into it. */
export class OrgDataExistsError extends Error {
  constructor() {
    super('The database already has organisation data; the demo seed runs only on an empty database.');
    this.name = 'OrgDataExistsError';
  }
}

/** A Drizzle handle on one pooled connection whose queries are queued, never overlapped. */
async function serialConnection(db: Db): Promise<{ db: Db; release(): void }> {
  // connectDatabase builds Drizzle on a pg.Pool; the handle keeps it as $client.
  const pool = (db as unknown as { $client?: unknown }).$client;
  if (!(pool instanceof pg.Pool)) return { db, release: () => undefined };
  const client = await pool.connect();
  const original = client.query;
  const query = original.bind(client) as (...args: unknown[]) => unknown;
  let tail: Promise<unknown> = Promise.resolve();
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const run = tail.then(() => query(...args));
    tail = run.catch(() => undefined);
    return run;
  };
  return {
    db: drizzle({ client }) as unknown as Db,
    release() {
      client.query = original;
      client.release();
    },
  };
}

/** `news: false` seeds the organisation and accounts only (tests that file their own news). */
export async function seedRegion21Demo(deps: { db: Db; config: Config; clock?: Clock; news?: boolean }): Promise<DemoSeedResult> {
  const clock = deps.clock ?? systemClock;
  const connection = await serialConnection(deps.db);
  try {
    return await seedOn(connection.db, deps.config, clock, deps.news ?? true);
  } finally {
    connection.release();
  }
}

async function seedOn(connection: Db, config: Config, clock: Clock, withNews: boolean): Promise<DemoSeedResult> {
  return withTransaction(connection, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    // See the header: services on the transaction, their transactions become savepoints.
    const db = tx as unknown as Db;
    const org = createOrgService({ db, clock });
    if (!(await org.isEmpty())) throw new OrgDataExistsError();
    // Demo accounts get no mail; a mailer without SMTP sends nothing.
    const auth = createAuthService({ db, clock, config, org, mailer: createMailer(undefined) });

    const region = await org.createUnit({ kind: 'region', code: REGION.code, name: REGION.name, areaHa: REGION.areaHa }, SEED_ACTOR);
    const districts = new Map<string, OrgUnit>();
    for (const d of DISTRICTS) {
      districts.set(d.code, await org.createUnit({ kind: 'district', parentId: region.id, code: d.code, name: d.name }, SEED_ACTOR));
    }
    for (const n of NEIGHBOURHOODS) {
      const parent = districts.get(n.district)!;
      await org.createUnit({ kind: 'neighbourhood', parentId: parent.id, code: n.code, name: n.name, isSample: true }, SEED_ACTOR);
    }

    const departmentIds = new Map<string, number>();
    for (const d of REGION_DEPARTMENTS) {
      const dept = await org.createDepartment({ orgUnitId: region.id, kind: d.kind, key: d.key, name: d.name }, SEED_ACTOR);
      departmentIds.set(d.key, dept.id);
    }
    for (const district of districts.values()) {
      await org.createDepartment(
        { orgUnitId: district.id, kind: 'district_office', key: DISTRICT_OFFICE_KEY, name: districtOfficeName(district.name) },
        SEED_ACTOR,
      );
    }

    const accounts: DemoAccount[] = [];
    const users = new Map<string, { id: number; username: string; memberships: MembershipScope[] }>();
    for (const a of DEMO_ACCOUNTS) {
      const scope =
        'department' in a.scope
          ? { orgUnitId: null, departmentId: departmentIds.get(a.scope.department)! }
          : { orgUnitId: a.scope.unit === 'region' ? region.id : districts.get(a.scope.unit)!.id, departmentId: null };
      const password = randomPassword();
      const created = await auth.createUser(
        {
          username: a.username,
          displayName: a.displayName,
          password,
          // Demo accounts are for trying the product; the printed password is the one to use.
          mustChangePassword: false,
          memberships: [{ role: a.role, ...scope }],
        },
        SEED_ACTOR,
      );
      users.set(a.username, { id: created.id, username: created.username, memberships: [{ role: a.role, ...scope }] });
      accounts.push({
        role: a.role,
        roleLabel: ROLE_LABELS[a.role],
        username: a.username,
        password,
        scopeLabel: await org.describeScope(scope),
      });
    }

    const news = withNews ? await seedDemoNews({ db, config, org, users, clock }) : { published: 0, photos: 0, comments: 0 };

    return {
      news,
      region: region.name,
      districts: districts.size,
      neighbourhoods: NEIGHBOURHOODS.length,
      departments: REGION_DEPARTMENTS.length + districts.size,
      accounts,
    };
  });
}

/** The one-time table of demo accounts, for a terminal. */
export function formatDemoAccounts(result: DemoSeedResult, loginUrl: string): string {
  const head = ['role', 'username', 'password', 'scope'];
  const rows = result.accounts.map((a) => [a.role, a.username, a.password, a.scopeLabel]);
  const widths = [0, 1, 2].map((i) => Math.max(head[i]!.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c)).join('   ')}`;
  return [
    '',
    '================ Shahrnama demo data / داده‌های نمونهٔ شهرنما ================',
    `Seeded ${result.region}: ${result.districts} districts, ${result.neighbourhoods} neighbourhoods ` +
      `(their placement in districts is sample data), ${result.departments} departments, ` +
      `${result.news.published} sample news items with ${result.news.photos} photos and ${result.news.comments} comments.`,
    'Demo accounts, one per role. The passwords are shown ONLY NOW and are not stored anywhere readable:',
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w)).concat(['-----'])),
    ...rows.map(line),
    '',
    `Sign in at ${loginUrl}`,
    'Demo data is for trying Shahrnama. In production set SEED_DEMO=false before the first start.',
    '============================================================================',
    '',
  ].join('\n');
}
