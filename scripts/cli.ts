// Operator commands: `npm run cli -- <command> [--flags]`. They call the services, never
// the tables. Exit codes: 0 done, 1 the command failed, 2 the command line is wrong.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../src/core/config.js';
import { ROLES, isRole } from '../src/core/roles.js';
import type { Database, EmbeddedServer } from '../src/core/db/index.js';
import type { OrgService } from '../src/features/org/index.js';

/**
 * The database, the services and their dependencies, loaded only by commands that need
 * them, so `help` and usage errors answer at once.
 */
async function runtime() {
  const [db, clock, errors, mail, passwords, persian, org, auth, seed] = await Promise.all([
    import('../src/core/db/index.js'),
    import('../src/core/clock.js'),
    import('../src/core/errors.js'),
    import('../src/core/mail.js'),
    import('../src/core/security/passwords.js'),
    import('../src/core/persian/index.js'),
    import('../src/features/org/index.js'),
    import('../src/features/auth/index.js'),
    import('../src/seed/demo-seed.js'),
  ]);
  return { db, clock, errors, mail, passwords, persian, org, auth, seed };
}

const CLI_ACTOR = { userId: null, label: 'cli' } as const;

const HELP = `Shahrnama command line

Usage: npm run cli -- <command> [--flags]

Commands:
  help                          Show this text.
  db:migrate                    Apply the committed database migrations.
  seed:demo                     Seed the Region 21 demo data and demo accounts into an
                                empty database (refuses if organisation data exists).
  region:create --code R21 --name "منطقه ۲۱" [--area 5156] [--sample]
                                Create the region (the root of the organisation).
  user:create --username NAME --display-name "…" --role ROLE
              [--unit CODE | --department ID|KEY|CODE:KEY] [--email ADDRESS] [--password PW]
                                Create an account with one role. Without --unit or
                                --department the role applies to the whole region.
                                Without --password a random one is generated, printed
                                once, and must be changed at first sign-in. (A password
                                given with --password shows in shell history and in the
                                process list; prefer the generated one.)
  user:reset-password --username NAME
                                Give an account a new random password (printed once;
                                it must be changed at next sign-in).

Roles: ${ROLES.join(', ')}

Database: DATABASE_URL when set; otherwise the embedded PostgreSQL under DATA_DIR
(default ./data). The embedded server allows one process per DATA_DIR, so stop the app
before running the CLI on the same DATA_DIR.
`;

class UsageError extends Error {}
class CommandError extends Error {}

function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

function err(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

type Options = NonNullable<ParseArgsConfig['options']>;

function parseFlags<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${name} is required.`);
  return v;
}

/** Opens the database for one command: DATABASE_URL, or the embedded server on DATA_DIR. */
async function withDatabase<T>(config: Config, fn: (database: Database) => Promise<T>): Promise<T> {
  const { connectDatabase, startEmbeddedPostgres, DataDirLockedError } = (await runtime()).db;
  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    try {
      embedded = await startEmbeddedPostgres({ dataDir: config.dataDir });
    } catch (e) {
      if (e instanceof DataDirLockedError) {
        throw new CommandError(
          `${e.message}\n` +
            'The embedded PostgreSQL takes an exclusive lock on DATA_DIR, so the CLI cannot run while the app ' +
            'is running on the same DATA_DIR. Stop the app (Ctrl+C), run this command, then start the app again. ' +
            'With a PostgreSQL server, set DATABASE_URL and both can run at once.\n' +
            'پایگاه دادهٔ درونی در هر لحظه فقط در اختیار یک برنامه است؛ نخست برنامه را متوقف کنید.',
        );
      }
      throw e;
    }
    url = embedded.url('postgres');
  }
  const database = connectDatabase(url, { max: 3, applicationName: 'shahrnama-cli' });
  const stop = async () => {
    await database.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
  };
  const onSignal = () => {
    void stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(database);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stop();
  }
}

async function requireMigrated(database: Database): Promise<void> {
  const { appliedMigrationCount, expectedMigrationCount } = (await runtime()).db;
  const applied = await appliedMigrationCount(database.db);
  const expected = expectedMigrationCount();
  if (applied < expected) {
    throw new CommandError(
      `The database has ${applied} of ${expected} migrations. Run \`npm run db:migrate\` (or start the app once) first.`,
    );
  }
}

async function services(database: Database, config: Config) {
  const rt = await runtime();
  const clock = rt.clock.systemClock;
  const org = rt.org.createOrgService({ db: database.db, clock });
  const auth = rt.auth.createAuthService({ db: database.db, clock, config, org, mailer: rt.mail.createMailer(config.smtpUrl) });
  return { org, auth };
}

/** --department: a numeric id, a key unique across units (urban_services), or CODE:key. */
async function resolveDepartment(org: OrgService, spec: string): Promise<number> {
  if (/^[0-9]+$/.test(spec)) {
    const d = await org.findDepartment(Number(spec));
    if (!d) throw new CommandError(`No department with id ${spec}.`);
    return d.id;
  }
  const [codePart, keyPart] = spec.includes(':') ? spec.split(':', 2) : [undefined, spec];
  const key = keyPart!.trim().toLowerCase();
  if (codePart !== undefined) {
    const unit = await org.getUnitByCode(codePart);
    if (!unit) throw new CommandError(`No org unit with code ${codePart}.`);
    const d = await org.getDepartmentByKey(unit.id, key);
    if (!d) throw new CommandError(`No department "${key}" in ${unit.code}.`);
    return d.id;
  }
  const matches = (await org.listDepartments()).filter((d) => d.key === key);
  if (matches.length === 0) throw new CommandError(`No department with key "${key}".`);
  if (matches.length > 1) throw new CommandError(`Several units have a department "${key}"; write it as UNITCODE:${key}.`);
  return matches[0]!.id;
}

async function cmdMigrate(config: Config): Promise<void> {
  await withDatabase(config, async (database) => {
    const { runMigrations, appliedMigrationCount } = (await runtime()).db;
    await runMigrations(database.pool);
    out(`Migrations are current (${await appliedMigrationCount(database.db)} applied).`);
  });
}

async function cmdSeedDemo(config: Config): Promise<void> {
  await withDatabase(config, async (database) => {
    await requireMigrated(database);
    const { seedRegion21Demo, formatDemoAccounts, OrgDataExistsError } = (await runtime()).seed;
    try {
      const result = await seedRegion21Demo({ db: database.db, config });
      out(formatDemoAccounts(result, `${config.publicUrl}/login`));
    } catch (e) {
      if (e instanceof OrgDataExistsError) {
        throw new CommandError(`${e.message} Nothing was changed.`);
      }
      throw e;
    }
  });
}

async function cmdRegionCreate(config: Config, args: string[]): Promise<void> {
  const v = parseFlags(args, {
    code: { type: 'string' },
    name: { type: 'string' },
    area: { type: 'string' },
    sample: { type: 'boolean' },
  });
  const code = required(v, 'code');
  const name = required(v, 'name');
  await withDatabase(config, async (database) => {
    await requireMigrated(database);
    const { org } = await services(database, config);
    const region = await org.createUnit(
      { kind: 'region', code, name, ...(v.area !== undefined ? { areaHa: v.area } : {}), isSample: v.sample === true },
      CLI_ACTOR,
    );
    out(`Created the region ${region.code} «${region.name}» (id ${region.id}).`);
  });
}

async function cmdUserCreate(config: Config, args: string[]): Promise<void> {
  const v = parseFlags(args, {
    username: { type: 'string' },
    'display-name': { type: 'string' },
    role: { type: 'string' },
    unit: { type: 'string' },
    department: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
  });
  const username = required(v, 'username');
  const displayName = required(v, 'display-name');
  const role = required(v, 'role');
  if (!isRole(role)) throw new UsageError(`Unknown role "${role}". Roles: ${ROLES.join(', ')}.`);
  if (v.unit !== undefined && v.department !== undefined) throw new UsageError('Give --unit or --department, not both.');
  if (v.password !== undefined && v.password === '') throw new UsageError('--password is empty; leave it out to generate one.');

  await withDatabase(config, async (database) => {
    await requireMigrated(database);
    const { org, auth } = await services(database, config);
    let scope: { orgUnitId: number | null; departmentId: number | null };
    if (v.department !== undefined) {
      scope = { orgUnitId: null, departmentId: await resolveDepartment(org, v.department) };
    } else if (v.unit !== undefined) {
      const unit = await org.getUnitByCode(v.unit);
      if (!unit) throw new CommandError(`No org unit with code ${v.unit}.`);
      scope = { orgUnitId: unit.id, departmentId: null };
    } else {
      const region = await org.getRegion();
      if (!region) {
        throw new CommandError(
          'There is no region yet, so the role has nothing to apply to. Create it first:\n' +
            '  npm run cli -- region:create --code R21 --name "منطقه ۲۱"\n' +
            'or seed the demo: npm run cli -- seed:demo',
        );
      }
      scope = { orgUnitId: region.id, departmentId: null };
    }
    const generated = v.password === undefined;
    const password = v.password ?? (await runtime()).passwords.randomPassword();
    const user = await auth.createUser(
      {
        username,
        displayName,
        email: v.email ?? null,
        password,
        mustChangePassword: generated,
        memberships: [{ role, ...scope }],
      },
      CLI_ACTOR,
    );
    out(`Created user ${user.username} (id ${user.id}) as ${role} for ${await org.describeScope(scope)}.`);
    if (generated) {
      out(`Password (shown only now; to be changed at first sign-in): ${password}`);
    }
  });
}

async function cmdUserResetPassword(config: Config, args: string[]): Promise<void> {
  const v = parseFlags(args, { username: { type: 'string' } });
  const username = required(v, 'username');
  await withDatabase(config, async (database) => {
    await requireMigrated(database);
    const { auth } = await services(database, config);
    const { identityKey } = (await runtime()).persian;
    const key = identityKey(username.trim());
    const { rows } = await auth.listUsers({ text: username.trim(), limit: 200 });
    const user = rows.find((u) => identityKey(u.username) === key);
    if (!user) throw new CommandError(`No user "${username}".`);
    const { password } = await auth.resetPassword(user.id, CLI_ACTOR);
    out(`New password for ${user.username} (shown only now; to be changed at next sign-in): ${password}`);
  });
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    out(HELP);
    return command === undefined ? 2 : 0;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      err(e.message);
      return 2;
    }
    throw e;
  }
  try {
    switch (command) {
      case 'db:migrate':
        if (args.length) throw new UsageError('db:migrate takes no flags.');
        await cmdMigrate(config);
        break;
      case 'seed:demo':
        if (args.length) throw new UsageError('seed:demo takes no flags.');
        await cmdSeedDemo(config);
        break;
      case 'region:create':
        await cmdRegionCreate(config, args);
        break;
      case 'user:create':
        await cmdUserCreate(config, args);
        break;
      case 'user:reset-password':
        await cmdUserResetPassword(config, args);
        break;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`Usage error: ${e.message}\nRun \`npm run cli -- help\` for the commands and their flags.`);
      return 2;
    }
    if (e instanceof CommandError) {
      err(`Error: ${e.message}`);
      return 1;
    }
    const { isAppError } = (await runtime()).errors;
    if (isAppError(e)) {
      // The services' messages are Persian and meant for people: print them as they are.
      const lines = [`Error (${e.code}): ${e.userMessage}`];
      for (const [field, message] of Object.entries(e.fieldErrors)) lines.push(`  - ${field}: ${message}`);
      err(lines.join('\n'));
      return 1;
    }
    err(`Error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    err(`Error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
