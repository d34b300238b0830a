// Walks every registered route × every role (and anonymous) and compares what happens
// with the one declared table in src/access-table.ts. A route added without a rule fails
// the app build (MissingAccessRuleError); a rule without a route fails here.
import { describe, expect, it } from 'vitest';
import { ACCESS_TABLE } from '../src/access-table.js';
import { allows, type AccessRule } from '../src/core/http/access.js';
import { ROLES, type Role } from '../src/core/roles.js';
import { buildTestApp, CookieJar, csrfFrom } from './helpers/build-app.js';
import { createUserWithRole, loginAs } from './helpers/login.js';

const { app, database } = await buildTestApp();

/** Parameters filled with ids that do not exist: an allowed request may 404, never 401/403. */
function concrete(url: string): string {
  return url.replace(/:[A-Za-z]+/g, '999999').replace(/\*$/, 'does-not-exist.txt');
}

interface Probe {
  key: string;
  method: string;
  url: string;
  rule: AccessRule;
}

const probes: Probe[] = Object.entries(ACCESS_TABLE).map(([key, rule]) => {
  const [method, url] = key.split(' ') as [string, string];
  return { key, method, url, rule };
});
// Sign-out ends the session: probe it last.
probes.sort((a, b) => Number(a.url === '/logout') - Number(b.url === '/logout'));

async function anonymousJar(): Promise<{ jar: CookieJar; token: string }> {
  const jar = new CookieJar();
  const res = await app.inject({ method: 'GET', url: '/login' });
  jar.store(res.headers['set-cookie']);
  return { jar, token: csrfFrom(res.body) };
}

async function probe(p: Probe, jar: CookieJar, token: string) {
  return app.inject({
    method: p.method as 'GET',
    url: concrete(p.url),
    headers: { cookie: jar.header(), 'x-csrf-token': token, accept: 'text/html' },
    ...(p.method === 'GET' ? {} : { payload: {} }),
  });
}

function deniedAnonymously(res: { statusCode: number; headers: Record<string, unknown> }): boolean {
  if (res.statusCode === 401) return true;
  return res.statusCode === 303 && String(res.headers.location ?? '').startsWith('/login');
}

describe('access table', () => {
  it('every rule names a registered route, and every route has a rule', () => {
    const registered = new Set(app.accessTableKeys());
    const stale = Object.keys(ACCESS_TABLE).filter((k) => !registered.has(k));
    expect(stale).toEqual([]);
    expect([...registered].every((k) => k in ACCESS_TABLE)).toBe(true);
  });

  it('anonymous visitors reach only public routes', async () => {
    const { jar, token } = await anonymousJar();
    const wrong: string[] = [];
    for (const p of probes) {
      const res = await probe(p, jar, token);
      const denied = deniedAnonymously(res) || res.statusCode === 403;
      if (allows(p.rule, null) === denied) wrong.push(`${p.key} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  for (const role of ROLES) {
    it(`role ${role} reaches exactly the routes the table gives it`, async () => {
      const { user, password } = await createUserWithRole(database, role as Role);
      const jar = await loginAs(app, user.username, password);
      const page = await app.inject({ method: 'GET', url: '/account', headers: { cookie: jar.header() } });
      expect(page.statusCode).toBe(200);
      jar.store(page.headers['set-cookie']);
      const token = csrfFrom(page.body);
      const wrong: string[] = [];
      for (const p of probes) {
        const res = await probe(p, jar, token);
        const denied = res.statusCode === 403 || deniedAnonymously(res);
        if (allows(p.rule, [role as Role]) === denied) wrong.push(`${p.key} → ${res.statusCode}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});
