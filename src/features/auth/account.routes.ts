// The signed-in person's own account: profile, password, second factor, API tokens.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, isAppError, notFound } from '../../core/errors.js';
import type { CurrentUser } from '../../core/http/current-user.js';
import { parseInput, safeParseInput } from '../../core/http/forms.js';
import { setFlash } from '../../core/http/flash.js';
import { staffChrome } from './auth.chrome.js';
import { setSessionCookie } from './auth.hooks.js';
import { changePasswordInput, createTokenInput, emptyInput, idParam, totpCodeInput } from './auth.inputs.js';
import { maySetUpSecondFactor } from './auth.policy.js';
import { requestMeta, sendPage } from './auth.http.js';
import { actorFrom, type AuthService } from './auth.service.js';
import { AccountPage, type AccountPageProps } from './views/account.page.js';
import { ChangePasswordPage } from './views/password.page.js';
import { SecondFactorSetupPage } from './views/second-factor-setup.page.js';

const BROWSER_ONLY = 'این کار فقط با ورود از مرورگر ممکن است، نه با توکن دسترسی.';

function signedIn(request: FastifyRequest): CurrentUser {
  // The access gate has already refused anonymous requests on these routes.
  return request.currentUser!;
}

function requireBrowser(user: CurrentUser): void {
  if (user.via !== 'session') throw forbidden(BROWSER_ONLY);
}

export async function accountRoutes(app: FastifyInstance, options: { auth: AuthService }): Promise<void> {
  const { auth } = options;

  async function renderAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Pick<AccountPageProps, 'newToken' | 'tokenName' | 'tokenError'> = {},
    status = 200,
  ) {
    const user = signedIn(request);
    const [summary, tokens] = await Promise.all([auth.getUser(user.id), auth.listApiTokens(user.id)]);
    if (!summary) throw notFound();
    return sendPage(
      reply,
      AccountPage,
      {
        chrome: staffChrome(request, reply),
        profile: {
          username: summary.username,
          displayName: summary.displayName,
          email: summary.email,
          lastLoginAt: summary.lastLoginAt,
          passwordChangedAt: summary.passwordChangedAt,
          roles: summary.memberships.map((m) => ({ roleLabel: m.roleLabel, scopeLabel: m.scopeLabel })),
        },
        secondFactor: { available: maySetUpSecondFactor(user.roles), enabled: summary.totpEnabled },
        tokens,
        canManageTokens: user.via === 'session',
        ...extra,
      },
      status,
    );
  }

  app.get('/account', async (request, reply) => renderAccount(request, reply));

  // ------------------------------------------------------------ password

  app.get('/account/password', async (request, reply) =>
    sendPage(reply, ChangePasswordPage, { chrome: staffChrome(request, reply), forced: signedIn(request).mustChangePassword, fieldErrors: {} }),
  );

  app.post('/account/password', async (request, reply) => {
    const user = signedIn(request);
    requireBrowser(user);
    const again = (fieldErrors: Record<string, string>) =>
      sendPage(reply, ChangePasswordPage, { chrome: staffChrome(request, reply), forced: user.mustChangePassword, fieldErrors }, 422);
    const parsed = safeParseInput(changePasswordInput, request.body);
    if (!parsed.ok) return again(parsed.errors);
    try {
      const { sessionToken } = await auth.changePassword(user.id, parsed.data.currentPassword, parsed.data.newPassword, requestMeta(request));
      setSessionCookie(reply, sessionToken, auth.sessionCookie);
    } catch (err) {
      if (isAppError(err) && err.status === 422) return again(err.fieldErrors);
      throw err;
    }
    setFlash(reply, 'success', 'رمز عبور شما تغییر کرد. از همهٔ دستگاه‌های دیگر خارج شدید.');
    return reply.redirect(user.mustChangePassword ? '/staff' : '/account', 303);
  });

  // ------------------------------------------------------------ second factor (TOTP)

  app.get('/account/second-factor', async (request, reply) => {
    const user = signedIn(request);
    requireBrowser(user);
    const state = await auth.beginTotpEnrolment(user);
    return sendPage(reply, SecondFactorSetupPage, {
      chrome: staffChrome(request, reply),
      state: 'secret' in state ? { enabled: false, secret: state.secret, uri: state.uri } : { enabled: true },
    });
  });

  app.post('/account/second-factor', async (request, reply) => {
    const user = signedIn(request);
    requireBrowser(user);
    const parsed = safeParseInput(totpCodeInput, request.body);
    let error: string | undefined;
    if (parsed.ok) {
      try {
        await auth.confirmTotp(user, parsed.data.code, actorFrom(user, request.ip));
      } catch (err) {
        if (!(isAppError(err) && err.status === 422)) throw err;
        error = err.fieldErrors.code ?? err.userMessage;
      }
    } else {
      error = parsed.errors.code ?? parsed.errors._form;
    }
    if (error !== undefined) {
      const state = await auth.beginTotpEnrolment(user);
      return sendPage(
        reply,
        SecondFactorSetupPage,
        {
          chrome: staffChrome(request, reply),
          state: 'secret' in state ? { enabled: false, secret: state.secret, uri: state.uri } : { enabled: true },
          error,
        },
        422,
      );
    }
    setFlash(reply, 'success', 'تأیید دومرحله‌ای روشن شد. از این پس هنگام ورود کد برنامه هم خواسته می‌شود.');
    return reply.redirect('/account', 303);
  });

  app.post('/account/second-factor/disable', async (request, reply) => {
    const user = signedIn(request);
    requireBrowser(user);
    const parsed = safeParseInput(totpCodeInput, request.body);
    let error: string | undefined;
    if (parsed.ok) {
      try {
        await auth.disableTotp(user.id, parsed.data.code, actorFrom(user, request.ip));
      } catch (err) {
        if (!(isAppError(err) && err.status === 422)) throw err;
        error = err.fieldErrors.code ?? err.userMessage;
      }
    } else {
      error = parsed.errors.code ?? parsed.errors._form;
    }
    if (error !== undefined) {
      return sendPage(reply, SecondFactorSetupPage, { chrome: staffChrome(request, reply), state: { enabled: true }, error }, 422);
    }
    setFlash(reply, 'success', 'تأیید دومرحله‌ای خاموش شد.');
    return reply.redirect('/account', 303);
  });

  // ------------------------------------------------------------ API tokens

  app.post('/account/tokens', async (request, reply) => {
    const user = signedIn(request);
    requireBrowser(user);
    const parsed = safeParseInput(createTokenInput, request.body);
    if (!parsed.ok) {
      const typed = (request.body as Record<string, unknown> | undefined)?.name;
      return renderAccount(request, reply, { tokenName: typeof typed === 'string' ? typed : '', tokenError: parsed.errors.name ?? parsed.errors._form }, 422);
    }
    try {
      const { token } = await auth.createApiToken(user.id, parsed.data.name, actorFrom(user, request.ip));
      // Shown in this response only; a redirect would have to carry the secret somewhere.
      return await renderAccount(request, reply, { newToken: { name: parsed.data.name, token } });
    } catch (err) {
      if (isAppError(err) && err.status === 422) {
        return renderAccount(request, reply, { tokenName: parsed.data.name, tokenError: err.fieldErrors.name ?? err.userMessage }, 422);
      }
      throw err;
    }
  });

  // Allowed with a token too: a script may retire its own credential.
  app.post('/account/tokens/:id/revoke', async (request, reply) => {
    const user = signedIn(request);
    const params = idParam.safeParse(request.params);
    if (!params.success) throw notFound();
    parseInput(emptyInput, request.body);
    await auth.revokeApiToken(user.id, Number(params.data.id), actorFrom(user, request.ip));
    if (user.via === 'token') return reply.send({ revoked: true });
    setFlash(reply, 'success', 'توکن باطل شد.');
    return reply.redirect('/account#tokens', 303);
  });
}
