// Authorisation as data: every route must have a rule in one declared table, keyed by
// "METHOD /path". A route without a rule stops the app from building. Scope checks
// (which district, which item) are the features' policies; this is the role gate.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../roles.js';
import { forbidden, unauthenticated } from '../errors.js';

/** 'public': anyone; 'authenticated': any signed-in user; a list: users holding one of these roles. */
export type AccessRule = 'public' | 'authenticated' | readonly Role[];
export type AccessTable = Readonly<Record<string, AccessRule>>;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}

export function routeKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${url}`;
}

export class MissingAccessRuleError extends Error {
  constructor(key: string) {
    super(`Route "${key}" has no rule in the access table (src/access-table.ts). Add one.`);
    this.name = 'MissingAccessRuleError';
  }
}

export function allows(rule: AccessRule, roles: readonly Role[] | null): boolean {
  if (rule === 'public') return true;
  if (roles === null) return false;
  if (rule === 'authenticated') return true;
  return rule.some((r) => roles.includes(r));
}

/** Registers the onRoute check and the request gate. Call before any feature registers routes. */
export function registerAccessControl(app: FastifyInstance, table: AccessTable, options: { loginPath: string }): void {
  const seen = new Set<string>();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      // HEAD routes are generated from GET routes and share their rule.
      const m = method === 'HEAD' && !table[routeKey('HEAD', route.url)] ? 'GET' : method;
      const key = routeKey(m, route.url);
      const rule = table[key];
      if (rule === undefined) throw new MissingAccessRuleError(key);
      seen.add(key);
      route.config = { ...(route.config ?? {}), access: rule };
    }
  });
  app.decorate('accessTableKeys', () => [...seen]);

  // A callback hook, not an async one: it runs on every request, public pages included.
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    const rule = request.routeOptions.config?.access;
    // Unmatched URLs (404) have no rule; the not-found handler answers them.
    if (rule === undefined || rule === 'public') return done();
    const user = request.currentUser;
    if (!user) {
      const wantsHtml = request.method === 'GET' && !request.url.startsWith('/api/');
      if (wantsHtml) {
        const next = encodeURIComponent(request.url);
        reply.redirect(`${options.loginPath}?next=${next}`, 303);
        return;
      }
      return done(unauthenticated());
    }
    if (!allows(rule, user.roles)) return done(forbidden());
    done();
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    accessTableKeys(): string[];
  }
}
