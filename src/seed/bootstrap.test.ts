import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/test-db.js';
import { parseConfig, type Config } from '../core/config.js';
import { systemClock } from '../core/clock.js';
import { createMailer } from '../core/mail.js';
import { ROLES } from '../core/roles.js';
import { departments, orgUnits } from '../features/org/org.tables.js';
import { memberships, users } from '../features/auth/auth.tables.js';
import { createOrgService } from '../features/org/index.js';
import { createAuthService } from '../features/auth/index.js';
import { bootstrapData, FIRST_ADMIN_INSTRUCTIONS, type BootstrapResult } from './bootstrap.js';
import { DEMO_ACCOUNTS, NEIGHBOURHOODS } from './region21.data.js';
import { DEMO_NEWS } from './region21.news.js';

const silentLog = { info: () => undefined, warn: () => undefined };

// The demo's sample photos are written under DATA_DIR/media: a temporary folder here.
const dataDir = mkdtempSync(path.join(tmpdir(), 'shahrnama-seed-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function configFor(database: TestDatabase, seedDemo: boolean): Config {
  return parseConfig(
    { LOG_LEVEL: 'silent', NODE_ENV: 'test', SEED_DEMO: String(seedDemo), DATABASE_URL: database.url, DATA_DIR: dataDir },
    { persistSecrets: false },
  );
}

async function counts(database: TestDatabase) {
  const n = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;
  const db = database.db;
  return {
    units: await n(db.select({ n: count() }).from(orgUnits)),
    regions: await n(db.select({ n: count() }).from(orgUnits).where(eq(orgUnits.kind, 'region'))),
    districts: await n(db.select({ n: count() }).from(orgUnits).where(eq(orgUnits.kind, 'district'))),
    neighbourhoods: await n(db.select({ n: count() }).from(orgUnits).where(eq(orgUnits.kind, 'neighbourhood'))),
    departments: await n(db.select({ n: count() }).from(departments)),
    users: await n(db.select({ n: count() }).from(users)),
  };
}

async function run(database: TestDatabase, seedDemo: boolean): Promise<{ result: BootstrapResult; printed: string }> {
  let printed = '';
  const result = await bootstrapData({
    db: database.db,
    config: configFor(database, seedDemo),
    log: silentLog,
    out: (t) => {
      printed += t;
    },
  });
  return { result, printed };
}

describe('bootstrapData with SEED_DEMO=true', () => {
  it('seeds Region 21, prints one account per role once, and does nothing the second time', async () => {
    const database = await createTestDatabase();
    const first = await run(database, true);
    expect(first.result.action).toBe('seeded');
    expect(await counts(database)).toEqual({ units: 21, regions: 1, districts: 3, neighbourhoods: 17, departments: 11, users: 8 });

    const org = createOrgService({ db: database.db, clock: systemClock });
    const region = await org.getRegion();
    expect(region).toMatchObject({ code: 'R21', name: 'منطقه ۲۱', areaHa: 5156, isSample: false });
    const tree = await org.listTree();
    expect(tree.districts.map((d) => d.unit.name)).toEqual(['ناحیه ۱', 'ناحیه ۲', 'ناحیه ۳']);
    expect(tree.districts.every((d) => !d.unit.isSample && d.neighbourhoods.length >= 5)).toBe(true);
    const all = tree.districts.flatMap((d) => d.neighbourhoods);
    expect(all.every((n) => n.isSample)).toBe(true);
    expect(all.map((n) => n.name).sort()).toEqual(NEIGHBOURHOODS.map((n) => n.name).sort());

    const groups = await org.listDepartmentsByUnit();
    expect(groups[0]!.departments.map((d) => d.key).sort()).toEqual(
      ['civil_works', 'finance_admin', 'planning', 'pr', 'social_cultural', 'traffic', 'urban_planning', 'urban_services'].sort(),
    );
    for (const g of groups.slice(1)) {
      expect(g.departments).toHaveLength(1);
      expect(g.departments[0]).toMatchObject({ kind: 'district_office', name: `شهرداری ${g.unit.name}` });
    }

    // The sample news: every item published through the workflow, photos attached, the
    // demo citizens' comments approved — on the public pages, not just in tables.
    if (first.result.action !== 'seeded') throw new Error('unreachable');
    expect(first.result.seed.news).toEqual({
      published: DEMO_NEWS.length,
      photos: DEMO_NEWS.reduce((n, d) => n + (d.photos?.length ?? 0), 0),
      comments: DEMO_NEWS.reduce((n, d) => n + (d.comments?.length ?? 0), 0),
    });
    const published = await database.db.execute<{ state: string; n: number; featured: number; photos: number }>(sql`
      select state, count(*)::int as n, count(featured_at)::int as featured,
        (select count(*)::int from media_attachments) as photos
      from news_items group by state`);
    expect(published.rows).toEqual([
      { state: 'published', n: DEMO_NEWS.length, featured: DEMO_NEWS.filter((d) => d.featured).length, photos: first.result.seed.news.photos },
    ]);
    const approved = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from comments where status = 'approved'`);
    expect(approved.rows[0]!.n).toBe(first.result.seed.news.comments);

    // One account per role, scoped as described, each password printed and working.
    const rows = await database.db.select().from(memberships);
    expect(rows.map((m) => m.role).sort()).toEqual([...ROLES].sort());
    const byRole = new Map(first.result.seed.accounts.map((a) => [a.role, a]));
    expect(byRole.get('reporter')?.scopeLabel).toBe('ناحیه ۳');
    expect(byRole.get('photographer')?.scopeLabel).toBe('ناحیه ۳');
    expect(byRole.get('liaison')?.scopeLabel).toBe('معاونت خدمات شهری و محیط زیست');
    expect(byRole.get('data_officer')?.scopeLabel).toBe('منطقه ۲۱');
    expect(byRole.get('official')?.scopeLabel).toBe('ناحیه ۱');
    for (const a of first.result.seed.accounts) {
      expect(first.printed).toContain(a.username);
      expect(first.printed).toContain(a.password);
    }
    const config = configFor(database, true);
    const auth = createAuthService({ db: database.db, clock: systemClock, config, org, mailer: createMailer(undefined) });
    const admin = byRole.get('admin')!;
    const login = await auth.login({ username: admin.username, password: admin.password, ip: '127.0.0.1' });
    expect(login.ok).toBe(true);

    const second = await run(database, true);
    expect(second).toEqual({ result: { action: 'none' }, printed: '' });
    expect((await counts(database)).units).toBe(21);
    expect((await counts(database)).users).toBe(8);
  });

  it('seeds once when two processes start at the same moment', async () => {
    const database = await createTestDatabase();
    const results = await Promise.all([run(database, true), run(database, true)]);
    expect(results.map((r) => r.result.action).sort()).toEqual(['none', 'seeded']);
    expect(await counts(database)).toMatchObject({ units: 21, users: 8 });
  });

  it('rolls the whole seed back when a step fails, so the next start is not fooled', async () => {
    const database = await createTestDatabase();
    // A user who takes a demo username makes the seed fail at its last step.
    const config = configFor(database, true);
    const org = createOrgService({ db: database.db, clock: systemClock });
    const auth = createAuthService({ db: database.db, clock: systemClock, config, org, mailer: createMailer(undefined) });
    const taken = DEMO_ACCOUNTS[DEMO_ACCOUNTS.length - 1]!.username;
    await auth.createUser({ username: taken, displayName: 'کاربر پیشین', password: 'a-long-enough-password', memberships: [] }, { userId: null, label: 'test' });

    await expect(run(database, true)).rejects.toThrow();
    expect(await counts(database)).toEqual({ units: 0, regions: 0, districts: 0, neighbourhoods: 0, departments: 0, users: 1 });
  });
});

describe('bootstrapData with SEED_DEMO=false', () => {
  it('seeds nothing and prints how to create the first admin', async () => {
    const database = await createTestDatabase();
    const { result, printed } = await run(database, false);
    expect(result.action).toBe('instructions');
    expect(printed).toBe(FIRST_ADMIN_INSTRUCTIONS);
    expect(printed).toContain('npm run cli -- user:create --username admin');
    expect(await counts(database)).toEqual({ units: 0, regions: 0, districts: 0, neighbourhoods: 0, departments: 0, users: 0 });
  });
});
