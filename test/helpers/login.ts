// Accounts and signed-in browsers for route tests: users are made through the auth
// service (so its rules apply), sign-in goes through the real /login form with its
// CSRF token, and forms are posted the way a browser would.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { parseConfig } from '../../src/core/config.js';
import { systemClock, type Clock } from '../../src/core/clock.js';
import type { Database } from '../../src/core/db/index.js';
import { createMailer } from '../../src/core/mail.js';
import type { Role } from '../../src/core/roles.js';
import { randomPassword } from '../../src/core/security/passwords.js';
import { createAuthService, systemActor, type UserSummary } from '../../src/features/auth/index.js';
import { createOrgService, type OrgUnit } from '../../src/features/org/index.js';
import { CookieJar, csrfFrom } from './build-app.js';

export interface Scope {
  orgUnitId?: number | null;
  departmentId?: number | null;
}

let serial = 0;

/** The region every default membership is scoped to; created once per database. */
export async function ensureRegion(database: Pick<Database, 'db'>): Promise<OrgUnit> {
  const org = createOrgService({ db: database.db, clock: systemClock });
  const existing = await org.getRegion();
  if (existing) return existing;
  return org.createUnit({ kind: 'region', code: 'R21', name: 'منطقه ۲۱' }, { userId: null, label: 'test' });
}

/** An auth service on the test database (its own session secret: not for TOTP shared with an app). */
export function authServiceFor(database: Pick<Database, 'db'>, clock: Clock = systemClock) {
  const config = parseConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', SEED_DEMO: 'false' }, { persistSecrets: false });
  const org = createOrgService({ db: database.db, clock });
  return createAuthService({ db: database.db, clock, config, org, mailer: createMailer(undefined) });
}

/**
 * A user holding one role, scoped to the given unit or department (the region when
 * omitted), with a known password and no password change owed.
 */
export async function createUserWithRole(
  database: Pick<Database, 'db'>,
  role: Role,
  scope?: Scope,
  options: { username?: string; displayName?: string; password?: string; mustChangePassword?: boolean; clock?: Clock } = {},
): Promise<{ user: UserSummary; password: string }> {
  const region = scope ? undefined : await ensureRegion(database);
  const membership = scope
    ? { role, orgUnitId: scope.orgUnitId ?? null, departmentId: scope.departmentId ?? null }
    : { role, orgUnitId: region!.id, departmentId: null };
  const password = options.password ?? randomPassword();
  serial += 1;
  const username = options.username ?? `${role.replace('_', '-')}-${serial}-${Math.random().toString(36).slice(2, 7)}`;
  const user = await authServiceFor(database, options.clock).createUser(
    {
      username,
      displayName: options.displayName ?? `کاربر آزمایشی ${serial}`,
      password,
      mustChangePassword: options.mustChangePassword ?? false,
      memberships: [membership],
    },
    systemActor,
  );
  return { user, password };
}

type InjectResult = LightMyRequestResponse;

/** GETs a page with the jar's cookies and keeps whatever cookies come back. */
export async function getPage(app: FastifyInstance, jar: CookieJar, url: string, headers: Record<string, string> = {}): Promise<InjectResult> {
  const res = await app.inject({ method: 'GET', url, headers: { cookie: jar.header(), accept: 'text/html', ...headers } });
  jar.store(res.headers['set-cookie']);
  return res;
}

/**
 * Signs in through the real form: GET /login for the CSRF token, POST the credentials.
 * Returns the jar with the session (`sid`) and CSRF secret cookies.
 */
export async function loginAs(
  app: FastifyInstance,
  username: string,
  password: string,
  options: { remoteAddress?: string; jar?: CookieJar } = {},
): Promise<CookieJar> {
  const jar = options.jar ?? new CookieJar();
  const page = await app.inject({ method: 'GET', url: '/login', headers: { cookie: jar.header() }, remoteAddress: options.remoteAddress });
  jar.store(page.headers['set-cookie']);
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfFrom(page.body), username, password }).toString(),
    remoteAddress: options.remoteAddress,
  });
  if (res.statusCode !== 303) {
    throw new Error(`sign-in as ${username} failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
  }
  jar.store(res.headers['set-cookie']);
  return jar;
}

/** A CSRF token for the jar's secret, read from a page that has a form (following one redirect). */
export async function csrfTokenFor(app: FastifyInstance, jar: CookieJar, from = '/account'): Promise<string> {
  let res = await getPage(app, jar, from);
  if (res.statusCode === 303 || res.statusCode === 302) res = await getPage(app, jar, String(res.headers.location));
  return csrfFrom(res.body);
}

/**
 * Posts a form as a browser does: a fresh CSRF token from a page (default /account, or
 * `from`), urlencoded fields, the jar's cookies; cookies in the answer are kept.
 */
export async function postForm(
  app: FastifyInstance,
  jar: CookieJar,
  url: string,
  fields: Record<string, string | string[]>,
  options: { from?: string; remoteAddress?: string; csrf?: string | null } = {},
): Promise<InjectResult> {
  const token = options.csrf === undefined ? await csrfTokenFor(app, jar, options.from) : options.csrf;
  const body = new URLSearchParams();
  if (token !== null) body.append('_csrf', token);
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  const res = await app.inject({
    method: 'POST',
    url,
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: body.toString(),
    remoteAddress: options.remoteAddress,
  });
  jar.store(res.headers['set-cookie']);
  return res;
}
