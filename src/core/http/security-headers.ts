// Security headers on every response (CSP, frame, referrer, nosniff …), from the `helmet`
// library. Our policy is the same for every request (no nonces, no per-route policy), so
// helmet's middleware runs once at start-up against a recording response and each request
// gets the recorded headers in one synchronous hook. (The @fastify/helmet wrapper built a
// new helmet middleware, CSP parsing included, on every request: a sixth of the CPU of a
// cached public page.)
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** The headers helmet sets for these options, names in lower case. */
export function securityHeaders(options: Readonly<HelmetOptions>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
    getHeader: () => undefined,
  };
  let failure: unknown;
  // helmet's middleware is synchronous: it has called `next` (or thrown) when it returns.
  helmet(options)({} as never, recorder as never, (err?: unknown) => {
    failure = err;
  });
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return Object.freeze(headers);
}

/** Adds the security headers to every response (set in onRequest, so 304s and errors get them too). */
export function registerSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const headers = securityHeaders(options);
  const entries = Object.entries(headers);
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of entries) reply.header(name, value);
    done();
  });
}
