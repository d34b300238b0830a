// User administration and the audit trail viewer (admins only, per the access table).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, notFound, type FieldErrors } from '../../core/errors.js';
import type { CurrentUser } from '../../core/http/current-user.js';
import { parseInput, safeParseInput } from '../../core/http/forms.js';
import { setFlash } from '../../core/http/flash.js';
import { ROLES, ROLE_LABELS } from '../../core/roles.js';
import { staffChrome } from './auth.chrome.js';
import { sendPage } from './auth.http.js';
import {
  addMembershipInput,
  auditQuery,
  createUserInput,
  emptyInput,
  idParam,
  membershipParams,
  updateUserInput,
  userListQuery,
} from './auth.inputs.js';
import { actorFrom, type AuthService } from './auth.service.js';
import { AuditPage } from './views/audit.page.js';
import { PasswordResetPage } from './views/password-reset.page.js';
import { UserDetailPage, type UserDetailPageProps } from './views/user-detail.page.js';
import { NewUserPage, type NewUserValues } from './views/user-new.page.js';
import { UsersListPage } from './views/users-list.page.js';

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function admin(request: FastifyRequest): CurrentUser {
  return request.currentUser!;
}

function userIdFrom(request: FastifyRequest): number {
  const p = idParam.safeParse(request.params);
  if (!p.success) throw notFound('کاربر پیدا نشد.');
  return Number(p.data.id);
}

function str(body: unknown, name: string): string {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v : '';
}

function checked(body: unknown, name: string): boolean {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return v === 'on' || v === 'true' || v === '1' || v === true;
}

function isValidation(err: unknown): err is { fieldErrors: FieldErrors; userMessage: string } {
  return isAppError(err) && err.status === 422;
}

/** A 422 whose message is not tied to a field still shows in the summary. */
function withForm(err: { fieldErrors: FieldErrors; userMessage: string }): FieldErrors {
  return Object.keys(err.fieldErrors).length ? err.fieldErrors : { _form: err.userMessage };
}

export async function adminRoutes(app: FastifyInstance, options: { auth: AuthService }): Promise<void> {
  const { auth } = options;

  // ------------------------------------------------------------ list

  app.get('/staff/admin/users', async (request, reply) => {
    const q = parseInput(userListQuery, request.query);
    const status = q.status ?? '';
    const result = await auth.listUsers({
      text: q.q?.trim() || undefined,
      role: q.role || undefined,
      active: status === 'active' ? true : status === 'inactive' ? false : undefined,
      after: q.after ? Number(q.after) : undefined,
    });
    return sendPage(reply, UsersListPage, {
      chrome: staffChrome(request, reply),
      rows: result.rows,
      filters: { q: q.q ?? '', role: q.role ?? '', status: status || 'all' },
      roleOptions,
      nextCursor: result.nextCursor,
      paged: q.after !== undefined,
    });
  });

  // ------------------------------------------------------------ create

  const blankUser: NewUserValues = { username: '', displayName: '', email: '', mustChangePassword: true, role: '', scope: '' };

  async function renderNew(request: FastifyRequest, reply: FastifyReply, values: NewUserValues, fieldErrors: FieldErrors, status = 200) {
    return sendPage(
      reply,
      NewUserPage,
      { chrome: staffChrome(request, reply), values, fieldErrors, roleOptions, scopeOptions: await auth.scopeOptions() },
      status,
    );
  }

  app.get('/staff/admin/users/new', async (request, reply) => renderNew(request, reply, blankUser, {}));

  app.post('/staff/admin/users', async (request, reply) => {
    const body = request.body;
    const typed: NewUserValues = {
      username: str(body, 'username'),
      displayName: str(body, 'displayName'),
      email: str(body, 'email'),
      mustChangePassword: checked(body, 'mustChangePassword'),
      role: str(body, 'role'),
      scope: str(body, 'scope'),
    };
    const parsed = safeParseInput(createUserInput, body);
    if (!parsed.ok) return renderNew(request, reply, typed, parsed.errors, 422);
    const d = parsed.data;
    try {
      const user = await auth.createUser(
        {
          username: d.username,
          displayName: d.displayName,
          email: d.email,
          password: d.password,
          mustChangePassword: d.mustChangePassword,
          memberships: [{ role: d.role, ...d.scope }],
        },
        actorFrom(admin(request), request.ip),
      );
      setFlash(reply, 'success', `کاربر «${user.displayName}» ساخته شد.`);
      return reply.redirect(`/staff/admin/users/${user.id}`, 303);
    } catch (err) {
      if (isValidation(err)) return renderNew(request, reply, typed, withForm(err), 422);
      throw err;
    }
  });

  // ------------------------------------------------------------ detail, edit

  async function renderDetail(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: Partial<Pick<UserDetailPageProps, 'profile' | 'profileErrors' | 'membership' | 'membershipErrors'>> = {},
    status = 200,
  ) {
    const [user, scopeOptions] = await Promise.all([auth.getUser(id), auth.scopeOptions()]);
    if (!user) throw notFound('کاربر پیدا نشد.');
    return sendPage(
      reply,
      UserDetailPage,
      {
        chrome: staffChrome(request, reply),
        user,
        profileErrors: {},
        membershipErrors: {},
        roleOptions,
        scopeOptions,
        ...extra,
      },
      status,
    );
  }

  app.get('/staff/admin/users/:id', async (request, reply) => renderDetail(request, reply, userIdFrom(request)));

  app.post('/staff/admin/users/:id', async (request, reply) => {
    const id = userIdFrom(request);
    const body = request.body;
    const profile = { displayName: str(body, 'displayName'), email: str(body, 'email'), isActive: checked(body, 'isActive') };
    const parsed = safeParseInput(updateUserInput, body);
    if (!parsed.ok) return renderDetail(request, reply, id, { profile, profileErrors: parsed.errors }, 422);
    try {
      const user = await auth.updateUser(
        id,
        { displayName: parsed.data.displayName, email: parsed.data.email, isActive: parsed.data.isActive, version: parsed.data.version! },
        actorFrom(admin(request), request.ip),
      );
      setFlash(reply, 'success', `مشخصات «${user.displayName}» ذخیره شد.`);
      return reply.redirect(`/staff/admin/users/${id}`, 303);
    } catch (err) {
      // A stale version is a 409 from the service and goes to the error page unchanged.
      if (isValidation(err)) return renderDetail(request, reply, id, { profile, profileErrors: withForm(err) }, 422);
      throw err;
    }
  });

  app.post('/staff/admin/users/:id/reset-password', async (request, reply) => {
    const id = userIdFrom(request);
    parseInput(emptyInput, request.body);
    const { password, user } = await auth.resetPassword(id, actorFrom(admin(request), request.ip));
    return sendPage(reply, PasswordResetPage, {
      chrome: staffChrome(request, reply),
      user: { id: user.id, username: user.username, displayName: user.displayName },
      password,
    });
  });

  app.post('/staff/admin/users/:id/second-factor/clear', async (request, reply) => {
    const id = userIdFrom(request);
    parseInput(emptyInput, request.body);
    await auth.clearSecondFactor(id, actorFrom(admin(request), request.ip));
    setFlash(reply, 'success', 'تأیید دومرحله‌ای این کاربر خاموش شد؛ پس از ورود می‌تواند دوباره آن را راه بیندازد.');
    return reply.redirect(`/staff/admin/users/${id}`, 303);
  });

  // ------------------------------------------------------------ memberships

  app.post('/staff/admin/users/:id/memberships', async (request, reply) => {
    const id = userIdFrom(request);
    const membership = { role: str(request.body, 'role'), scope: str(request.body, 'scope') };
    const parsed = safeParseInput(addMembershipInput, request.body);
    if (!parsed.ok) return renderDetail(request, reply, id, { membership, membershipErrors: parsed.errors }, 422);
    try {
      const m = await auth.addMembership(id, { role: parsed.data.role, ...parsed.data.scope }, actorFrom(admin(request), request.ip));
      setFlash(reply, 'success', `نقش «${m.roleLabel}» در «${m.scopeLabel}» افزوده شد.`);
      return reply.redirect(`/staff/admin/users/${id}`, 303);
    } catch (err) {
      if (isValidation(err)) return renderDetail(request, reply, id, { membership, membershipErrors: withForm(err) }, 422);
      throw err;
    }
  });

  app.post('/staff/admin/users/:id/memberships/:membershipId/delete', async (request, reply) => {
    const p = membershipParams.safeParse(request.params);
    if (!p.success) throw notFound();
    parseInput(emptyInput, request.body);
    const id = Number(p.data.id);
    try {
      await auth.removeMembership(id, Number(p.data.membershipId), actorFrom(admin(request), request.ip));
    } catch (err) {
      if (isValidation(err)) return renderDetail(request, reply, id, { membershipErrors: withForm(err) }, 422);
      throw err;
    }
    setFlash(reply, 'success', 'نقش برداشته شد.');
    return reply.redirect(`/staff/admin/users/${id}`, 303);
  });

  // ------------------------------------------------------------ audit trail

  app.get('/staff/admin/audit', async (request, reply) => {
    const q = parseInput(auditQuery, request.query);
    const action = q.action?.trim() ?? '';
    const actor = q.actor?.trim() ?? '';
    const entity = q.entity ?? '';
    const page = await auth.listAudit({
      action: action || undefined,
      actor: actor || undefined,
      entity: entity || undefined,
      before: q.before ? Number(q.before) : undefined,
      after: q.after ? Number(q.after) : undefined,
    });
    return sendPage(reply, AuditPage, {
      chrome: staffChrome(request, reply),
      rows: page.rows,
      filters: { action, actor, entity },
      newerCursor: page.newerCursor,
      olderCursor: page.olderCursor,
    });
  });
}
