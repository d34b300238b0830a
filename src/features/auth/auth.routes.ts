// Sign-in, second factor and sign-out; the account and admin routes are registered
// from here too. Each handler: validate → one service call → view or redirect.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../core/config.js';
import { safeParseInput } from '../../core/http/forms.js';
import { safeNext } from '../../core/http/page-context.js';
import { staffChrome } from './auth.chrome.js';
import { clearSessionCookie, setSessionCookie } from './auth.hooks.js';
import { requestMeta, sendPage } from './auth.http.js';
import { loginInput, nextQuery, secondFactorInput } from './auth.inputs.js';
import {
  BAD_CODE_MESSAGE,
  BAD_CREDENTIALS_MESSAGE,
  THROTTLED_MESSAGE,
  actorFrom,
  type AuthService,
  type OrgDirectory,
} from './auth.service.js';
import { accountRoutes } from './account.routes.js';
import { adminRoutes } from './admin.routes.js';
import { LoginPage } from './views/login.page.js';
import { SecondFactorPage } from './views/second-factor.page.js';
import { SignedOutPage } from './views/signed-out.page.js';

export interface AuthRoutesOptions {
  auth: AuthService;
  org: OrgDirectory;
  config: Config;
}

/** The `next` a form or query carries, only if it is a safe local path. */
function nextFrom(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const safe = safeNext(value, '');
  return safe === '' ? undefined : safe;
}

function bodyField(body: unknown, name: string): unknown {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)[name] : undefined;
}

/**
 * The second-factor step without a sign-in under way (never started, or its ten minutes
 * ran out): the sign-in form again, saying why.
 */
function noSignInUnderway(request: FastifyRequest, reply: FastifyReply, next: string | undefined, status: number) {
  return sendPage(
    reply,
    LoginPage,
    { chrome: staffChrome(request, reply), username: '', next, fieldErrors: {}, problem: { text: NO_SIGN_IN_UNDERWAY } },
    status,
  );
}

const NO_SIGN_IN_UNDERWAY = 'ورودی در جریان نیست یا مهلت وارد کردن کد تأیید تمام شده است؛ دوباره با نام کاربری و رمز عبور وارد شوید.';

export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions): Promise<void> {
  const { auth } = options;
  const cookieOptions = auth.sessionCookie;

  app.get('/login', async (request, reply) => {
    const q = nextQuery.safeParse(request.query);
    const next = q.success ? nextFrom(q.data.next) : undefined;
    if (request.currentUser) return reply.redirect(next ?? '/staff', 303);
    return sendPage(reply, LoginPage, { chrome: staffChrome(request, reply), username: '', next, fieldErrors: {} });
  });

  app.post('/login', async (request, reply) => {
    const parsed = safeParseInput(loginInput, request.body);
    const next = nextFrom(bodyField(request.body, 'next'));
    const typed = bodyField(request.body, 'username');
    const username = typeof typed === 'string' ? typed.slice(0, 200) : '';
    if (!parsed.ok) {
      return sendPage(reply, LoginPage, { chrome: staffChrome(request, reply), username, next, fieldErrors: parsed.errors }, 422);
    }
    const result = await auth.login({ username: parsed.data.username, password: parsed.data.password, ...requestMeta(request) });
    if (!result.ok) {
      const throttled = result.reason === 'throttled';
      return sendPage(
        reply,
        LoginPage,
        {
          chrome: staffChrome(request, reply),
          username,
          next,
          fieldErrors: {},
          problem: throttled ? { text: THROTTLED_MESSAGE } : { text: BAD_CREDENTIALS_MESSAGE, field: 'username' as const },
        },
        throttled ? 429 : 401,
      );
    }
    // Whatever session this browser had before is ended: a new id at every sign-in.
    if (request.sessionIdHash) await auth.logout(request.sessionIdHash, null);
    setSessionCookie(reply, result.sessionToken, cookieOptions);
    if (result.secondFactorRequired) {
      return reply.redirect(next ? `/login/second-factor?next=${encodeURIComponent(next)}` : '/login/second-factor', 303);
    }
    if (result.mustChangePassword) return reply.redirect('/account/password', 303);
    return reply.redirect(next ?? '/staff', 303);
  });

  app.get('/login/second-factor', async (request, reply) => {
    const q = nextQuery.safeParse(request.query);
    const next = q.success ? nextFrom(q.data.next) : undefined;
    if (request.currentUser) return reply.redirect(next ?? '/staff', 303);
    if (!(await auth.pendingSignIn(request.sessionIdHash))) return noSignInUnderway(request, reply, next, 200);
    return sendPage(reply, SecondFactorPage, { chrome: staffChrome(request, reply), next });
  });

  app.post('/login/second-factor', async (request, reply) => {
    const next = nextFrom(bodyField(request.body, 'next'));
    const parsed = safeParseInput(secondFactorInput, request.body);
    if (!parsed.ok) {
      if (!(await auth.pendingSignIn(request.sessionIdHash))) return noSignInUnderway(request, reply, next, 400);
      const error = parsed.errors.code ?? parsed.errors._form ?? BAD_CODE_MESSAGE;
      return sendPage(reply, SecondFactorPage, { chrome: staffChrome(request, reply), next, error }, 422);
    }
    const result = await auth.verifySecondFactor({ idHash: request.sessionIdHash, code: parsed.data.code, ...requestMeta(request) });
    if (!result.ok) {
      if (result.reason === 'no_pending') return noSignInUnderway(request, reply, next, 400);
      const throttled = result.reason === 'throttled';
      return sendPage(
        reply,
        SecondFactorPage,
        { chrome: staffChrome(request, reply), next, error: throttled ? THROTTLED_MESSAGE : BAD_CODE_MESSAGE },
        throttled ? 429 : 401,
      );
    }
    setSessionCookie(reply, result.sessionToken, cookieOptions);
    if (result.mustChangePassword) return reply.redirect('/account/password', 303);
    return reply.redirect(next ?? '/staff', 303);
  });

  app.post('/logout', async (request, reply) => {
    const user = request.currentUser;
    if (user?.via !== 'token') {
      await auth.logout(request.sessionIdHash, user ? actorFrom(user, request.ip) : null);
      clearSessionCookie(reply, cookieOptions);
    }
    return reply.redirect('/signed-out', 303);
  });

  app.get('/signed-out', async (request, reply) => {
    if (request.currentUser) return reply.redirect('/staff', 303);
    return sendPage(reply, SignedOutPage, { chrome: staffChrome(request, reply) });
  });

  app.get('/api/me', async (request, reply) => {
    const user = request.currentUser!;
    const memberships = await auth.describeMemberships(user.memberships);
    return reply.header('cache-control', 'no-store').send({
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      memberships,
      via: user.via,
    });
  });

  await app.register(accountRoutes, { auth });
  await app.register(adminRoutes, { auth });
}
