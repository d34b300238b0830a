// Who is asking: resolves the session cookie or a bearer token into request.currentUser
// before the access gate runs, and keeps half-signed-in users (second factor owed) and
// users who owe a password change on the one page they must finish first.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { forbidden } from '../../core/errors.js';
import { routeKey } from '../../core/http/access.js';
import { allowedWhilePasswordChangeOwed } from './auth.policy.js';
import { SESSION_COOKIE, type AuthService } from './auth.service.js';

export const CHANGE_PASSWORD_PATH = '/account/password';
export const SECOND_FACTOR_PATH = '/login/second-factor';

export interface SessionCookieOptions {
  secure: boolean;
}

export function setSessionCookie(reply: FastifyReply, token: string, options: SessionCookieOptions): void {
  // No max-age: the cookie goes when the browser closes; the server enforces 30 min idle / 12 h.
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secure });
}

export function clearSessionCookie(reply: FastifyReply, options: SessionCookieOptions): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secure });
}

function bearerToken(request: FastifyRequest): string | null | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const m = /^Bearer[ ]+([A-Za-z0-9_-]{1,200})$/i.exec(header.trim());
  return m ? m[1]! : null;
}

/** Adds the onRequest hook; call before registerAccessControl so the gate sees the user. */
export function registerSessionLoader(app: FastifyInstance, auth: AuthService): void {
  const options = auth.sessionCookie;
  /** Resolves the user; true when it answered the request itself (a redirect). */
  const load = async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    let pending = false;

    const bearer = bearerToken(request);
    if (bearer !== undefined) {
      // An Authorization header decides alone: a bad token never falls back to the cookie.
      if (bearer !== null) request.currentUser = await auth.authenticateToken(bearer);
    } else {
      const sid = request.cookies[SESSION_COOKIE];
      if (sid) {
        const found = await auth.authenticateSession(sid);
        if (found === null) {
          clearSessionCookie(reply, options);
        } else if (found.kind === 'pending') {
          request.sessionIdHash = found.idHash;
          pending = true;
        } else {
          request.sessionIdHash = found.idHash;
          request.currentUser = found.user;
        }
      }
    }

    const rule = request.routeOptions.config?.access;
    if (rule === undefined || rule === 'public' || !request.routeOptions.url) return false;
    const key = routeKey(request.method === 'HEAD' ? 'GET' : request.method, request.routeOptions.url);
    const user = request.currentUser;

    if (pending && user === null && request.method === 'GET' && !request.url.startsWith('/api/')) {
      reply.redirect(SECOND_FACTOR_PATH, 303);
      return true;
    }
    if (user?.mustChangePassword && !allowedWhilePasswordChangeOwed(key)) {
      if (user.via === 'token') throw forbidden('رمز عبور این حساب باید عوض شود؛ ابتدا با مرورگر وارد شوید و آن را تغییر دهید.');
      reply.redirect(CHANGE_PASSWORD_PATH, 303);
      return true;
    }
    return false;
  };
  // A callback hook: an anonymous request (no bearer token, no session cookie) has nothing
  // to load and goes on at once, without a promise; that is every public page view.
  app.addHook('onRequest', (request, reply, done) => {
    request.currentUser = null;
    request.sessionIdHash = null;
    // Assets and probes need no user; browsers send the cookie with every one of them.
    if (request.url.startsWith('/static/') || request.url === '/healthz' || request.url === '/readyz') return done();
    if (request.headers.authorization === undefined && !request.cookies[SESSION_COOKIE]) return done();
    load(request, reply).then(
      (answered) => {
        if (!answered) done();
      },
      (err: Error) => done(err),
    );
  });
}
