// Anonymous forms on publicly cached pages (comments, «was this helpful?», reports,
// satisfaction) cannot carry a per-visitor CSRF token: the page is the same bytes for
// everyone. They act as nobody (no session, no ambient authority), so instead of a token
// they must come from our own pages: a same-origin check (docs/adr/0004-public-forms.md).
// A route opts in with `config: { publicForm: true }`; app.ts's preHandler reads the flag.
import type { FastifyRequest } from 'fastify';
import { forbidden, type AppError } from '../errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** An anonymous public form: checked for same origin instead of a CSRF token. */
    publicForm?: boolean;
  }
}

/** Spread into a route's options: `app.post(url, PUBLIC_FORM, handler)`. */
export const PUBLIC_FORM = { config: { publicForm: true } } as const;

export const CROSS_SITE_MESSAGE = 'این فرم فقط از صفحه‌های خود این تارنما پذیرفته می‌شود. صفحه را دوباره باز کنید و از همان‌جا بفرستید.';

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const v = request.headers[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? v[0] : undefined;
};

/**
 * Null when the request may come from our own pages, else the 403 to answer with.
 * Refused: `Sec-Fetch-Site: cross-site`, or an `Origin` (else `Referer`) whose origin is
 * neither the request's own (scheme + Host, as the proxy reports it) nor `publicUrl`'s.
 * Neither header (old browsers, scripts) is allowed: such a request carries no cookie
 * authority that a forged post could borrow, and the form acts as nobody.
 */
export function publicFormRefusal(request: FastifyRequest, publicUrl: string): AppError | null {
  if (header(request, 'sec-fetch-site') === 'cross-site') return forbidden(CROSS_SITE_MESSAGE);
  const claimed = header(request, 'origin') || header(request, 'referer');
  if (!claimed) return null;
  const origin = originOf(claimed);
  const allowed = new Set<string>();
  const own = originOf(`${request.protocol}://${request.host}`);
  if (own) allowed.add(own);
  const pub = originOf(publicUrl);
  if (pub) allowed.add(pub);
  return origin !== null && allowed.has(origin) ? null : forbidden(CROSS_SITE_MESSAGE);
}
