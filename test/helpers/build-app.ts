// An app per test file on its own cloned database, driven with app.inject.
import type { FastifyInstance } from 'fastify';
import { afterAll } from 'vitest';
import { parseConfig, type Config } from '../../src/core/config.js';
import type { Clock } from '../../src/core/clock.js';
import type { Mailer } from '../../src/core/mail.js';
import { buildApp } from '../../src/app.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
}

export async function buildTestApp(options: { clock?: Clock; mailer?: Mailer; env?: Record<string, string>; rateLimitMax?: number } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = parseConfig(
    { LOG_LEVEL: 'silent', NODE_ENV: 'test', SEED_DEMO: 'false', DATABASE_URL: database.url, ...options.env },
    { persistSecrets: false },
  );
  const app = await buildApp({
    config,
    database,
    clock: options.clock,
    mailer: options.mailer,
    logger: false,
    rateLimitMax: options.rateLimitMax ?? 10_000,
  });
  await app.ready();
  afterAll(async () => {
    await app.close();
  });
  return { app, database, config };
}

/** A cookie jar for inject: keeps what Set-Cookie says across requests. */
export class CookieJar {
  private cookies = new Map<string, string>();

  store(setCookie: string | string[] | undefined): void {
    if (!setCookie) return;
    for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line);
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

/** Pulls the hidden CSRF token out of a rendered form. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf"[^>]*value="([^"]+)"/.exec(html) ?? /value="([^"]+)"[^>]*name="_csrf"/.exec(html);
  if (!m) throw new Error('no _csrf field in the page');
  return m[1]!;
}
