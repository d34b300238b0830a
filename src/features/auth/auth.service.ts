// Accounts, sign-in and sessions: the rules and the transactions. Routes call these;
// these call the repository. Every admin change and every sign-in outcome is written
// to the audit trail in the same transaction as the change it describes.
import { createHmac } from 'node:crypto';
import type { Db, DbOrTx } from '../../core/db/index.js';
import { withTransaction } from '../../core/db/index.js';
import type { Clock } from '../../core/clock.js';
import type { Config } from '../../core/config.js';
import type { Mailer } from '../../core/mail.js';
import { recordAudit } from '../../core/audit/audit.js';
import { AppError, conflict, forbidden, notFound, tooManyRequests, validationFailed } from '../../core/errors.js';
import type { CurrentUser, MembershipScope } from '../../core/http/current-user.js';
import { ROLE_LABELS, isRole, type Role } from '../../core/roles.js';
import { dummyHash, hashPassword, passwordProblem, randomPassword, verifyPassword } from '../../core/security/passwords.js';
import { hashToken, newToken } from '../../core/security/tokens.js';
import { hasInvisibleOrBidiChars, identityKey, normalize, toPersianDigits } from '../../core/persian/index.js';
import * as repo from './auth.repository.js';
import {
  PENDING_SESSION_MS,
  attemptWindowStart,
  deactivationProblem,
  isSessionExpired,
  isThrottled,
  maySetUpSecondFactor,
  membershipRemovalProblem,
  sessionExpiry,
  shouldTouchSession,
  shouldTouchToken,
  unitKindAllowedAsScope,
} from './auth.policy.js';
import { createTotpBox, matchTotp, newTotpSecret, totpUri } from './totp.js';

/** The cookie carrying the session token (the token itself; the database keeps only its sha256). */
export const SESSION_COOKIE = 'sid';

export const THROTTLED_MESSAGE = 'تعداد تلاش‌های ناموفق زیاد بوده است. یک دقیقهٔ دیگر دوباره تلاش کنید.';
export const BAD_CREDENTIALS_MESSAGE = 'نام کاربری یا رمز عبور درست نیست.';
export const BAD_CODE_MESSAGE = 'کد تأیید درست نیست یا منقضی شده است.';

const MAX_LIVE_TOKENS = 20;
const API_TOKEN_PREFIX = 'shn_';

/** What the org feature must offer: the units and departments memberships are scoped to. */
export interface OrgDirectory {
  listUnits(): Promise<ReadonlyArray<{ id: number; kind: string; name: string; parentId: number | null }>>;
  listDepartments(): Promise<ReadonlyArray<{ id: number; name: string; orgUnitId: number; isActive?: boolean }>>;
}

export interface AuthServiceDeps {
  db: Db;
  clock: Clock;
  config: Config;
  org: OrgDirectory;
  mailer: Mailer;
}

/** Who is acting, for the audit trail. `userId` null: the system (seed, CLI). */
export interface Actor {
  userId: number | null;
  label: string;
  ip?: string | null;
}

export const systemActor: Actor = { userId: null, label: 'سامانه' };

export function actorFrom(user: Pick<CurrentUser, 'id' | 'username'>, ip?: string | null): Actor {
  return { userId: user.id, label: user.username, ip: ip ?? null };
}

export interface MembershipInput {
  role: Role;
  orgUnitId?: number | null;
  departmentId?: number | null;
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  email?: string | null;
  password: string;
  mustChangePassword?: boolean;
  memberships: MembershipInput[];
}

export interface UpdateUserInput {
  displayName: string;
  email: string | null;
  isActive: boolean;
  /** The version the form was rendered from: a stale one is a conflict. */
  version: number;
}

export interface MembershipView extends MembershipScope {
  id: number;
  roleLabel: string;
  scopeLabel: string;
}

export interface UserSummary {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  isActive: boolean;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  lastLoginAt: Date | null;
  passwordChangedAt: Date;
  createdAt: Date;
  version: number;
  memberships: MembershipView[];
}

export interface ScopeOption {
  /** `unit:<id>` or `department:<id>`, as posted by the scope select. */
  value: string;
  label: string;
}

export interface RequestMeta {
  ip: string;
  userAgent?: string | null;
}

export type LoginResult =
  | { ok: true; sessionToken: string; secondFactorRequired: boolean; mustChangePassword: boolean; userId: number }
  | { ok: false; reason: 'throttled' | 'invalid' };

export type SecondFactorResult =
  | { ok: true; sessionToken: string; mustChangePassword: boolean }
  | { ok: false; reason: 'throttled' | 'invalid' | 'no_pending' };

export type SessionLookup =
  | { kind: 'user'; idHash: string; user: CurrentUser }
  | { kind: 'pending'; idHash: string; userId: number }
  | null;

export interface ApiTokenView {
  id: number;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface AuditEntryView {
  id: number;
  at: Date;
  actorUserId: number | null;
  actorLabel: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  rows: AuditEntryView[];
  /** Cursor for older rows (the «بعدی» page), when there are any. */
  olderCursor?: string;
  /** Cursor for newer rows (the «قبلی» page), when there are any. */
  newerCursor?: string;
}

export type AuthService = ReturnType<typeof createAuthService>;

function usernameKeyOf(username: string): string {
  return identityKey(username);
}

/** A key for counting attempts on whatever was typed, even text that could never be a username. */
/** «نام ناشناخته #3f9a1c0b»: a keyed digest of the typed name, never the text itself. */
export function unknownUserLabel(key: string, secret: string): string {
  return `نام ناشناخته #${createHmac('sha256', secret).update(`audit-login:${key}`).digest('hex').slice(0, 8)}`;
}

function attemptKeyOf(username: string): string {
  try {
    return identityKey(username).slice(0, 200);
  } catch {
    return username.trim().toLowerCase().slice(0, 200);
  }
}

function roleList(ms: ReadonlyArray<{ role: Role }>): Role[] {
  return [...new Set(ms.map((m) => m.role))];
}

export function createAuthService(deps: AuthServiceDeps) {
  const { db, clock, org, mailer } = deps;
  const totpBox = createTotpBox(deps.config.sessionSecret);
  /** A secret sealed under another SESSION_SECRET cannot be opened: it counts as none. */
  const openSecret = (sealed: string | null): string | null => {
    if (!sealed) return null;
    try {
      return totpBox.open(sealed);
    } catch {
      return null;
    }
  };

  // ------------------------------------------------------------ scope names

  async function scopeDirectory() {
    const [units, depts] = await Promise.all([org.listUnits(), org.listDepartments()]);
    const unitById = new Map(units.map((u) => [u.id, u]));
    const deptById = new Map(depts.map((d) => [d.id, d]));
    const unitName = (id: number) => unitById.get(id)?.name ?? `واحد ${id}`;
    const scopeLabel = (m: { orgUnitId: number | null; departmentId: number | null }): string => {
      if (m.orgUnitId !== null) {
        const u = unitById.get(m.orgUnitId);
        if (!u) return unitName(m.orgUnitId);
        return u.kind === 'region' ? `${u.name} (همهٔ منطقه)` : u.name;
      }
      if (m.departmentId !== null) {
        const d = deptById.get(m.departmentId);
        if (!d) return `واحد سازمانی ${m.departmentId}`;
        return `${d.name} — ${unitName(d.orgUnitId)}`;
      }
      return '—';
    };
    return { units, depts, unitById, deptById, scopeLabel };
  }

  function toMembershipViews(rows: repo.MembershipRow[], scopeLabel: (m: repo.MembershipRow) => string): MembershipView[] {
    return rows.map((m) => ({
      id: m.id,
      role: m.role,
      orgUnitId: m.orgUnitId,
      departmentId: m.departmentId,
      roleLabel: ROLE_LABELS[m.role],
      scopeLabel: scopeLabel(m),
    }));
  }

  function toSummary(u: repo.UserRow, ms: MembershipView[]): UserSummary {
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      email: u.email,
      isActive: u.isActive,
      mustChangePassword: u.mustChangePassword,
      totpEnabled: u.totpEnabled,
      lastLoginAt: u.lastLoginAt,
      passwordChangedAt: u.passwordChangedAt,
      createdAt: u.createdAt,
      version: u.version,
      memberships: ms,
    };
  }

  function toCurrentUser(u: repo.UserRow, ms: repo.MembershipRow[], via: CurrentUser['via']): CurrentUser {
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      memberships: ms.map((m) => ({ role: m.role, orgUnitId: m.orgUnitId, departmentId: m.departmentId })),
      roles: roleList(ms),
      mustChangePassword: u.mustChangePassword,
      via,
    };
  }

  /** Checks a scope against the org tree; returns the normalised pair or throws a 422. */
  async function validateScope(m: MembershipInput, field = 'scope'): Promise<{ orgUnitId: number | null; departmentId: number | null }> {
    if (!isRole(m.role)) throw validationFailed({ role: 'نقش انتخاب‌شده معتبر نیست.' });
    const unitId = m.orgUnitId ?? null;
    const deptId = m.departmentId ?? null;
    if ((unitId === null) === (deptId === null)) {
      throw validationFailed({ [field]: 'حوزهٔ نقش را انتخاب کنید: منطقه، یک ناحیه یا یک واحد سازمانی.' });
    }
    const dir = await scopeDirectory();
    if (unitId !== null) {
      const u = dir.unitById.get(unitId);
      if (!u) throw validationFailed({ [field]: 'منطقه یا ناحیهٔ انتخاب‌شده وجود ندارد.' });
      if (!unitKindAllowedAsScope(u.kind)) throw validationFailed({ [field]: 'حوزهٔ نقش باید کل منطقه یا یک ناحیه باشد، نه یک محله.' });
      return { orgUnitId: unitId, departmentId: null };
    }
    const d = dir.deptById.get(deptId!);
    if (!d) throw validationFailed({ [field]: 'واحد سازمانی انتخاب‌شده وجود ندارد.' });
    if (d.isActive === false) throw validationFailed({ [field]: 'واحد سازمانی انتخاب‌شده غیرفعال است.' });
    return { orgUnitId: null, departmentId: deptId };
  }

  function usernameProblem(username: string): string | null {
    if (hasInvisibleOrBidiChars(username)) {
      return '«نام کاربری» نویسهٔ نامرئی یا کنترل جهت متن دارد؛ آن را دوباره و بدون کپی‌کردن تایپ کنید.';
    }
    if (!/^[\p{L}\p{N}._-]{2,64}$/u.test(username)) {
      return '«نام کاربری» باید ۲ تا ۶۴ نویسه و فقط حرف، رقم، نقطه، خط تیره یا زیرخط باشد.';
    }
    return null;
  }

  const DUPLICATE_USERNAME = 'این نام کاربری یا نامی که همان‌طور خوانده می‌شود (مثلاً با «ي» یا «ك» عربی) پیش‌تر ثبت شده است.';

  async function startSession(tx: DbOrTx, userId: number, meta: RequestMeta, pending: boolean): Promise<string> {
    const now = clock.now();
    const token = newToken(32);
    await repo.insertSession(tx, {
      idHash: hashToken(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: pending ? new Date(now.getTime() + PENDING_SESSION_MS) : sessionExpiry(now, now),
      pendingSecondFactor: pending,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 400) ?? null,
    });
    return token;
  }

  /** Best effort: a person is told their password changed, never what it is. */
  async function notifyPasswordChange(u: repo.UserRow, byAdmin: boolean): Promise<void> {
    if (!u.email || !mailer.configured) return;
    try {
      await mailer.send({
        to: u.email,
        subject: 'شهرنما: رمز عبور حساب شما تغییر کرد',
        text: byAdmin
          ? `${u.displayName} گرامی،\nمدیر سامانه رمز عبور حساب «${u.username}» را بازنشانی کرد. رمز تازه را از او بگیرید و پس از ورود آن را عوض کنید.`
          : `${u.displayName} گرامی،\nرمز عبور حساب «${u.username}» تغییر کرد. اگر این کار را شما نکرده‌اید، بی‌درنگ با مدیر سامانه تماس بگیرید.`,
      });
    } catch {
      // Mail is a courtesy here; the change itself is already committed and audited.
    }
  }

  async function requireUser(db0: DbOrTx, id: number): Promise<repo.UserRow> {
    const u = await repo.findUserById(db0, id);
    if (!u) throw notFound('کاربر پیدا نشد.');
    return u;
  }

  async function getUser(id: number): Promise<UserSummary | undefined> {
    const u = await repo.findUserById(db, id);
    if (!u) return undefined;
    const [ms, dir] = await Promise.all([repo.listMemberships(db, id), scopeDirectory()]);
    return toSummary(u, toMembershipViews(ms, dir.scopeLabel));
  }

  async function updateUser(id: number, input: UpdateUserInput, actor: Actor): Promise<UserSummary> {
    // Names are normalised on save, whichever door (form, CLI, seed) they came through.
    const displayName = normalize(input.displayName).trim();
    if (!displayName) throw validationFailed({ displayName: '«نام نمایشی» را وارد کنید.' });
    const now = clock.now();
    await withTransaction(db, async (tx) => {
      const before = await requireUser(tx, id);
      if (before.version !== input.version) throw conflict();
      if (before.isActive && !input.isActive) {
        const adminRoles = (await repo.listMemberships(tx, id)).some((m) => m.role === 'admin');
        const problem = deactivationProblem({
          actorUserId: actor.userId,
          targetUserId: id,
          targetIsAdmin: adminRoles,
          otherActiveAdmins: await repo.countActiveAdmins(tx, id),
        });
        if (problem) throw validationFailed({ isActive: problem });
      }
      const after = await repo.updateUserIfVersion(tx, id, input.version, {
        displayName,
        email: input.email,
        isActive: input.isActive,
        updatedAt: now,
      });
      // Someone saved between our read and our write.
      if (!after) throw conflict();
      const changes: Record<string, [unknown, unknown]> = {};
      if (before.displayName !== after.displayName) changes.displayName = [before.displayName, after.displayName];
      if (before.email !== after.email) changes.email = [before.email, after.email];
      if (before.isActive !== after.isActive) changes.isActive = [before.isActive, after.isActive];
      await recordAudit(tx, {
        actorUserId: actor.userId,
        actorLabel: actor.label,
        ip: actor.ip ?? null,
        action: before.isActive && !after.isActive ? 'user.deactivated' : !before.isActive && after.isActive ? 'user.activated' : 'user.updated',
        entityType: 'user',
        entityId: id,
        details: { changes, version: after.version },
      });
      // A switched-off account is signed out everywhere at once.
      if (!after.isActive) await repo.deleteUserSessions(tx, id);
    });
    return (await getUser(id))!;
  }

  return {
    /** Cookie flags: Secure when the public URL is https. */
    sessionCookie: { secure: deps.config.secureCookies } as const,

    // ========================================================== users (admin)

    async createUser(input: CreateUserInput, actor: Actor): Promise<UserSummary> {
      const username = input.username.trim();
      const errors: Record<string, string> = {};
      const uProblem = usernameProblem(username);
      if (uProblem) errors.username = uProblem;
      // Names are normalised on save, whichever door (form, CLI, seed) they came through.
      const displayName = normalize(input.displayName).trim();
      if (!displayName) errors.displayName = '«نام نمایشی» را وارد کنید.';
      const pProblem = passwordProblem(input.password, { username });
      if (pProblem) errors.password = pProblem;
      if (Object.keys(errors).length) throw validationFailed(errors);

      const key = usernameKeyOf(username);
      const scopes: Array<MembershipInput & { orgUnitId: number | null; departmentId: number | null }> = [];
      for (const m of input.memberships) scopes.push({ role: m.role, ...(await validateScope(m)) });
      const passwordHash = await hashPassword(input.password);
      const now = clock.now();

      try {
        const user = await withTransaction(db, async (tx) => {
          if (await repo.findUserByKey(tx, key)) throw validationFailed({ username: DUPLICATE_USERNAME });
          const u = await repo.insertUser(tx, {
            username,
            usernameKey: key,
            displayName,
            email: input.email ?? null,
            passwordHash,
            mustChangePassword: input.mustChangePassword ?? true,
            passwordChangedAt: now,
            createdAt: now,
            updatedAt: now,
          });
          const seen = new Set<string>();
          for (const s of scopes) {
            const k = `${s.role}:${s.orgUnitId}:${s.departmentId}`;
            if (seen.has(k)) continue;
            seen.add(k);
            await repo.insertMembership(tx, { userId: u.id, role: s.role, orgUnitId: s.orgUnitId, departmentId: s.departmentId, createdAt: now });
          }
          await recordAudit(tx, {
            actorUserId: actor.userId,
            actorLabel: actor.label,
            ip: actor.ip ?? null,
            action: 'user.created',
            entityType: 'user',
            entityId: u.id,
            details: { username, displayName, roles: scopes.map((s) => ({ role: s.role, orgUnitId: s.orgUnitId, departmentId: s.departmentId })) },
          });
          return u;
        });
        return (await getUser(user.id))!;
      } catch (err) {
        if (repo.isUniqueViolation(err, 'users_username_key_uq')) throw validationFailed({ username: DUPLICATE_USERNAME });
        throw err;
      }
    },

    getUser,

    async listUsers(filter: { text?: string; role?: Role; active?: boolean; after?: number; limit?: number }) {
      const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
      const rows = await repo.listUsers(db, { text: filter.text, role: filter.role, active: filter.active, afterId: filter.after, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const [ms, dir] = await Promise.all([repo.listMembershipsOf(db, page.map((u) => u.id)), scopeDirectory()]);
      const byUser = new Map<number, repo.MembershipRow[]>();
      for (const m of ms) byUser.set(m.userId, [...(byUser.get(m.userId) ?? []), m]);
      return {
        rows: page.map((u) => toSummary(u, toMembershipViews(byUser.get(u.id) ?? [], dir.scopeLabel))),
        nextCursor: rows.length > limit ? String(page[page.length - 1]!.id) : undefined,
      };
    },

    /** Choices for the scope select: the region, its districts, then departments. */
    async scopeOptions(): Promise<ScopeOption[]> {
      const dir = await scopeDirectory();
      const units = dir.units.filter((u) => unitKindAllowedAsScope(u.kind));
      units.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'region' ? -1 : 1));
      return [
        ...units.map((u) => ({ value: `unit:${u.id}`, label: dir.scopeLabel({ orgUnitId: u.id, departmentId: null }) })),
        ...dir.depts
          .filter((d) => d.isActive !== false)
          .map((d) => ({ value: `department:${d.id}`, label: dir.scopeLabel({ orgUnitId: null, departmentId: d.id }) })),
      ];
    },

    updateUser,

    async setActive(id: number, active: boolean, actor: Actor, version?: number): Promise<UserSummary> {
      const u = await requireUser(db, id);
      return updateUser(id, { displayName: u.displayName, email: u.email, isActive: active, version: version ?? u.version }, actor);
    },

    /** A fresh random password, shown once to the admin; the user must change it at next sign-in. */
    async resetPassword(id: number, actor: Actor): Promise<{ password: string; user: UserSummary }> {
      const password = randomPassword();
      const passwordHash = await hashPassword(password);
      const now = clock.now();
      const u = await withTransaction(db, async (tx) => {
        const u = await requireUser(tx, id);
        await repo.setUserPassword(tx, id, { passwordHash, mustChangePassword: true, at: now });
        const ended = await repo.deleteUserSessions(tx, id);
        await recordAudit(tx, {
          actorUserId: actor.userId,
          actorLabel: actor.label,
          ip: actor.ip ?? null,
          action: 'user.password_reset',
          entityType: 'user',
          entityId: id,
          details: { sessionsEnded: ended },
        });
        return u;
      });
      await notifyPasswordChange(u, true);
      return { password, user: (await getUser(id))! };
    },

    async addMembership(userId: number, m: MembershipInput, actor: Actor): Promise<MembershipView> {
      const scope = await validateScope(m);
      try {
        const row = await withTransaction(db, async (tx) => {
          await requireUser(tx, userId);
          const row = await repo.insertMembership(tx, { userId, role: m.role, ...scope, createdAt: clock.now() });
          await recordAudit(tx, {
            actorUserId: actor.userId,
            actorLabel: actor.label,
            ip: actor.ip ?? null,
            action: 'user.membership_added',
            entityType: 'user',
            entityId: userId,
            details: { membershipId: row.id, role: m.role, ...scope },
          });
          return row;
        });
        const dir = await scopeDirectory();
        return toMembershipViews([row], dir.scopeLabel)[0]!;
      } catch (err) {
        if (repo.isUniqueViolation(err, 'memberships_uq')) throw validationFailed({ role: 'این نقش با همین حوزه پیش‌تر به این کاربر داده شده است.' });
        throw err;
      }
    },

    async removeMembership(userId: number, membershipId: number, actor: Actor): Promise<void> {
      await withTransaction(db, async (tx) => {
        const m = await repo.findMembership(tx, userId, membershipId);
        if (!m) throw notFound('این نقش برای این کاربر پیدا نشد.');
        const problem = membershipRemovalProblem({
          actorUserId: actor.userId,
          targetUserId: userId,
          membership: m,
          otherActiveAdmins: await repo.countActiveAdmins(tx, userId),
        });
        if (problem) throw new AppError('membership_locked', 422, problem, { _form: problem });
        await repo.deleteMembership(tx, m.id);
        await recordAudit(tx, {
          actorUserId: actor.userId,
          actorLabel: actor.label,
          ip: actor.ip ?? null,
          action: 'user.membership_removed',
          entityType: 'user',
          entityId: userId,
          details: { membershipId: m.id, role: m.role, orgUnitId: m.orgUnitId, departmentId: m.departmentId },
        });
      });
    },

    // ========================================================== sign-in

    /**
     * Password sign-in. Throttled per account and per address (10 failures a minute)
     * before the password is looked at; an unknown user, a wrong password and a
     * switched-off account give the same answer, and take the same time.
     */
    async login(input: { username: string; password: string } & RequestMeta): Promise<LoginResult> {
      const key = attemptKeyOf(input.username);
      // What was typed is never written down: it may be a password typed into the wrong
      // field. Unknown names appear as a short keyed digest, so repeated attempts of one
      // name can still be told apart in the audit trail.
      const label = unknownUserLabel(key, deps.config.sessionSecret);
      return withTransaction(db, async (tx): Promise<LoginResult> => {
        const now = clock.now();
        await repo.lockAttemptKeys(tx, key, input.ip);
        const since = attemptWindowStart(now);
        const failures = {
          account: await repo.countFailures(tx, { usernameKey: key }, since),
          address: await repo.countFailures(tx, { ip: input.ip }, since),
        };
        if (isThrottled(failures)) {
          await recordAudit(tx, { actorLabel: label, ip: input.ip, action: 'auth.login_throttled', details: failures });
          return { ok: false, reason: 'throttled' };
        }
        const user = await repo.findUserByKey(tx, key);
        const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password);
        if (!user || !passwordOk || !user.isActive) {
          await repo.insertAttempt(tx, { usernameKey: key, ip: input.ip, success: false, at: now });
          await recordAudit(tx, {
            actorUserId: user?.id ?? null,
            actorLabel: user?.username ?? label,
            ip: input.ip,
            action: 'auth.login_failed',
            entityType: user ? 'user' : undefined,
            entityId: user?.id,
            details: { reason: !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'inactive' },
          });
          return { ok: false, reason: 'invalid' };
        }
        await repo.insertAttempt(tx, { usernameKey: key, ip: input.ip, success: true, at: now });
        // Housekeeping rides along with sign-ins: expired sessions and old attempts go.
        await repo.deleteExpiredSessions(tx, now);
        await repo.deleteAttemptsBefore(tx, new Date(now.getTime() - 24 * 60 * 60 * 1000));
        const pending = user.totpEnabled;
        const sessionToken = await startSession(tx, user.id, input, pending);
        if (!pending) await repo.setLastLogin(tx, user.id, now);
        await recordAudit(tx, {
          actorUserId: user.id,
          actorLabel: user.username,
          ip: input.ip,
          action: pending ? 'auth.password_verified' : 'auth.login',
          entityType: 'user',
          entityId: user.id,
          details: pending ? { secondFactor: 'owed' } : {},
        });
        return { ok: true, sessionToken, secondFactorRequired: pending, mustChangePassword: user.mustChangePassword, userId: user.id };
      });
    },

    /** Who is half-way through signing in on this session, if anyone. */
    async pendingSignIn(idHash: string | null): Promise<{ userId: number; username: string } | null> {
      if (!idHash) return null;
      const row = await repo.findSessionWithUser(db, idHash);
      if (!row || !row.session.pendingSecondFactor || isSessionExpired(row.session, clock.now())) return null;
      return { userId: row.user.id, username: row.user.username };
    },

    /** Second step of sign-in: the TOTP code. Success replaces the half session with a new one. */
    async verifySecondFactor(input: { idHash: string | null; code: string } & RequestMeta): Promise<SecondFactorResult> {
      if (!input.idHash) return { ok: false, reason: 'no_pending' };
      const idHash = input.idHash;
      return withTransaction(db, async (tx): Promise<SecondFactorResult> => {
        const now = clock.now();
        const row = await repo.findSessionWithUser(tx, idHash);
        if (!row || !row.session.pendingSecondFactor || isSessionExpired(row.session, now) || !row.user.isActive) {
          return { ok: false, reason: 'no_pending' };
        }
        const user = row.user;
        await repo.lockAttemptKeys(tx, user.usernameKey, input.ip);
        const since = attemptWindowStart(now);
        const failures = {
          account: await repo.countFailures(tx, { usernameKey: user.usernameKey }, since),
          address: await repo.countFailures(tx, { ip: input.ip }, since),
        };
        if (isThrottled(failures)) {
          await recordAudit(tx, { actorUserId: user.id, actorLabel: user.username, ip: input.ip, action: 'auth.second_factor_throttled', details: failures });
          return { ok: false, reason: 'throttled' };
        }
        const secret = user.totpEnabled ? openSecret(user.totpSecret) : null;
        // A code is good once: its time step must be after the last one accepted.
        const step = secret !== null ? await matchTotp(secret, input.code, now) : null;
        const ok = step !== null && (await repo.claimTotpStep(tx, user.id, step));
        await repo.insertAttempt(tx, { usernameKey: user.usernameKey, ip: input.ip, success: ok, at: now });
        if (!ok) {
          await recordAudit(tx, {
            actorUserId: user.id,
            actorLabel: user.username,
            ip: input.ip,
            action: 'auth.second_factor_failed',
            entityType: 'user',
            entityId: user.id,
          });
          return { ok: false, reason: 'invalid' };
        }
        await repo.deleteSession(tx, idHash);
        const sessionToken = await startSession(tx, user.id, input, false);
        await repo.setLastLogin(tx, user.id, now);
        await recordAudit(tx, {
          actorUserId: user.id,
          actorLabel: user.username,
          ip: input.ip,
          action: 'auth.login',
          entityType: 'user',
          entityId: user.id,
          details: { secondFactor: 'totp' },
        });
        return { ok: true, sessionToken, mustChangePassword: user.mustChangePassword };
      });
    },

    async logout(idHash: string | null, actor: Actor | null): Promise<void> {
      if (!idHash) return;
      await withTransaction(db, async (tx) => {
        await repo.deleteSession(tx, idHash);
        if (actor) {
          await recordAudit(tx, {
            actorUserId: actor.userId,
            actorLabel: actor.label,
            ip: actor.ip ?? null,
            action: 'auth.logout',
            entityType: 'user',
            entityId: actor.userId ?? undefined,
          });
        }
      });
    },

    /**
     * Resolves a session cookie. Expired sessions are deleted on sight; a live one slides
     * its idle deadline forward, writing at most once a minute.
     */
    async authenticateSession(token: string): Promise<SessionLookup> {
      if (!token || token.length > 200) return null;
      const idHash = hashToken(token);
      const row = await repo.findSessionWithUser(db, idHash);
      if (!row) return null;
      const now = clock.now();
      if (isSessionExpired(row.session, now) || !row.user.isActive) {
        await repo.deleteSession(db, idHash);
        return null;
      }
      if (row.session.pendingSecondFactor) return { kind: 'pending', idHash, userId: row.user.id };
      if (shouldTouchSession(row.session.lastSeenAt, now)) {
        await repo.touchSession(db, idHash, { lastSeenAt: now, expiresAt: sessionExpiry(row.session.createdAt, now) });
      }
      const ms = await repo.listMemberships(db, row.user.id);
      return { kind: 'user', idHash, user: toCurrentUser(row.user, ms, 'session') };
    },

    /** Resolves `Authorization: Bearer <token>`: a personal API token of an active user. */
    async authenticateToken(token: string): Promise<CurrentUser | null> {
      if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
      const row = await repo.findApiTokenWithUser(db, hashToken(token));
      if (!row || !row.user.isActive) return null;
      const now = clock.now();
      if (shouldTouchToken(row.token.lastUsedAt, now)) await repo.touchApiToken(db, row.token.id, now);
      const ms = await repo.listMemberships(db, row.user.id);
      return toCurrentUser(row.user, ms, 'token');
    },

    // ========================================================== own account

    /**
     * Changes one's own password. Every session of the user ends (a thief's included) and
     * a new one is returned for the browser that made the change.
     */
    async changePassword(userId: number, current: string, next: string, meta: RequestMeta): Promise<{ sessionToken: string }> {
      const u = await requireUser(db, userId);
      const now = clock.now();
      const since = attemptWindowStart(now);
      const failures = await repo.countFailures(db, { usernameKey: u.usernameKey }, since);
      if (isThrottled({ account: failures, address: 0 })) throw tooManyRequests(THROTTLED_MESSAGE);
      if (!(await verifyPassword(u.passwordHash, current))) {
        await withTransaction(db, async (tx) => {
          await repo.insertAttempt(tx, { usernameKey: u.usernameKey, ip: meta.ip, success: false, at: now });
          await recordAudit(tx, {
            actorUserId: u.id,
            actorLabel: u.username,
            ip: meta.ip,
            action: 'user.password_change_failed',
            entityType: 'user',
            entityId: u.id,
          });
        });
        throw validationFailed({ currentPassword: 'رمز عبور فعلی درست نیست.' });
      }
      const problem = passwordProblem(next, { username: u.username });
      if (problem) throw validationFailed({ newPassword: problem });
      if (next === current) throw validationFailed({ newPassword: 'رمز عبور تازه باید با رمز فعلی فرق داشته باشد.' });
      const passwordHash = await hashPassword(next);
      const sessionToken = await withTransaction(db, async (tx) => {
        await repo.setUserPassword(tx, userId, { passwordHash, mustChangePassword: false, at: now });
        const ended = await repo.deleteUserSessions(tx, userId);
        const token = await startSession(tx, userId, meta, false);
        await recordAudit(tx, {
          actorUserId: u.id,
          actorLabel: u.username,
          ip: meta.ip,
          action: 'user.password_changed',
          entityType: 'user',
          entityId: u.id,
          details: { sessionsEnded: ended },
        });
        return token;
      });
      await notifyPasswordChange(u, false);
      return { sessionToken };
    },

    async secondFactorStatus(userId: number): Promise<{ enabled: boolean }> {
      const u = await requireUser(db, userId);
      return { enabled: u.totpEnabled };
    },

    /**
     * Starts (or resumes) enrolment: a secret kept, encrypted, until confirmed with a code.
     * Reloading the page shows the same secret, so an app already set up keeps working.
     */
    async beginTotpEnrolment(user: Pick<CurrentUser, 'id' | 'roles'>): Promise<{ secret: string; uri: string } | { enabled: true }> {
      if (!maySetUpSecondFactor(user.roles)) throw forbidden('تأیید دومرحله‌ای فقط برای مدیر سامانه و مدیر روابط عمومی است.');
      const u = await requireUser(db, user.id);
      if (u.totpEnabled) return { enabled: true };
      let secret = openSecret(u.totpSecret);
      if (secret === null) {
        secret = newTotpSecret();
        await repo.setUserTotp(db, u.id, { totpSecret: totpBox.seal(secret), totpEnabled: false, at: clock.now() });
      }
      return { secret, uri: totpUri(secret, u.username) };
    },

    async confirmTotp(user: Pick<CurrentUser, 'id' | 'roles'>, code: string, actor: Actor): Promise<void> {
      if (!maySetUpSecondFactor(user.roles)) throw forbidden('تأیید دومرحله‌ای فقط برای مدیر سامانه و مدیر روابط عمومی است.');
      const now = clock.now();
      await withTransaction(db, async (tx) => {
        const u = await requireUser(tx, user.id);
        if (u.totpEnabled) return;
        if (!u.totpSecret) throw validationFailed({ code: 'ابتدا صفحهٔ راه‌اندازی را باز کنید تا کلید ساخته شود.' });
        const secret = openSecret(u.totpSecret);
        const step = secret === null ? null : await matchTotp(secret, code, now);
        if (step === null || !(await repo.claimTotpStep(tx, u.id, step))) throw validationFailed({ code: BAD_CODE_MESSAGE });
        await repo.setUserTotp(tx, u.id, { totpSecret: u.totpSecret, totpEnabled: true, at: now });
        await recordAudit(tx, {
          actorUserId: actor.userId,
          actorLabel: actor.label,
          ip: actor.ip ?? null,
          action: 'user.second_factor_enabled',
          entityType: 'user',
          entityId: u.id,
        });
      });
    },

    async disableTotp(userId: number, code: string, actor: Actor): Promise<void> {
      const now = clock.now();
      await withTransaction(db, async (tx) => {
        const u = await requireUser(tx, userId);
        if (!u.totpEnabled || !u.totpSecret) return;
        const secret = openSecret(u.totpSecret);
        const step = secret === null ? null : await matchTotp(secret, code, now);
        if (step === null || !(await repo.claimTotpStep(tx, u.id, step))) throw validationFailed({ code: BAD_CODE_MESSAGE });
        await repo.setUserTotp(tx, u.id, { totpSecret: null, totpEnabled: false, at: now });
        await recordAudit(tx, {
          actorUserId: actor.userId,
          actorLabel: actor.label,
          ip: actor.ip ?? null,
          action: 'user.second_factor_disabled',
          entityType: 'user',
          entityId: u.id,
        });
      });
    },

    /** For a lost phone: an admin switches another user's second factor off (audited). */
    async clearSecondFactor(userId: number, actor: Actor): Promise<void> {
      await withTransaction(db, async (tx) => {
        const u = await requireUser(tx, userId);
        if (!u.totpEnabled && !u.totpSecret) return;
        await repo.setUserTotp(tx, u.id, { totpSecret: null, totpEnabled: false, at: clock.now() });
        await recordAudit(tx, {
          actorUserId: actor.userId,
          actorLabel: actor.label,
          ip: actor.ip ?? null,
          action: 'user.second_factor_cleared',
          entityType: 'user',
          entityId: u.id,
        });
      });
    },

    // ========================================================== API tokens

    /** A personal API token; the token itself is returned once and only its hash is kept. */
    async createApiToken(userId: number, name: string, actor: Actor): Promise<{ id: number; token: string }> {
      const clean = name.trim();
      if (!clean) throw validationFailed({ name: '«نام توکن» را وارد کنید.' });
      const token = `${API_TOKEN_PREFIX}${newToken(32)}`;
      const row = await withTransaction(db, async (tx) => {
        await requireUser(tx, userId);
        if ((await repo.countLiveApiTokens(tx, userId)) >= MAX_LIVE_TOKENS) {
          throw validationFailed({ name: `حداکثر ${toPersianDigits(String(MAX_LIVE_TOKENS))} توکن فعال می‌توانید داشته باشید؛ ابتدا یکی را باطل کنید.` });
        }
        const row = await repo.insertApiToken(tx, { userId, name: clean, tokenHash: hashToken(token), createdAt: clock.now() });
        await recordAudit(tx, {
          actorUserId: actor.userId,
          actorLabel: actor.label,
          ip: actor.ip ?? null,
          action: 'user.api_token_created',
          entityType: 'user',
          entityId: userId,
          details: { tokenId: row.id, name: clean },
        });
        return row;
      });
      return { id: row.id, token };
    },

    async listApiTokens(userId: number): Promise<ApiTokenView[]> {
      const rows = await repo.listApiTokens(db, userId);
      return rows.map((t) => ({ id: t.id, name: t.name, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, revokedAt: t.revokedAt }));
    },

    async revokeApiToken(userId: number, tokenId: number, actor: Actor): Promise<void> {
      await withTransaction(db, async (tx) => {
        const row = await repo.revokeApiToken(tx, userId, tokenId, clock.now());
        if (!row) throw notFound('این توکن پیدا نشد یا پیش‌تر باطل شده است.');
        await recordAudit(tx, {
          actorUserId: actor.userId,
          actorLabel: actor.label,
          ip: actor.ip ?? null,
          action: 'user.api_token_revoked',
          entityType: 'user',
          entityId: userId,
          details: { tokenId, name: row.name },
        });
      });
    },

    // ========================================================== audit trail

    async listAudit(filter: {
      action?: string;
      actor?: string;
      /** `type:id`, e.g. `user:12`. */
      entity?: string;
      before?: number;
      after?: number;
      limit?: number;
    }): Promise<AuditPage> {
      const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
      let actorUserId: number | undefined;
      if (filter.actor) {
        let key: string | undefined;
        try {
          key = usernameKeyOf(filter.actor);
        } catch {
          key = undefined;
        }
        const u = key ? await repo.findUserByKey(db, key) : undefined;
        if (!u) return { rows: [] };
        actorUserId = u.id;
      }
      const [entityType, entityId] = filter.entity ? filter.entity.split(':', 2) : [undefined, undefined];
      const base = { action: filter.action, actorUserId, entityType, entityId };
      const rows = await repo.listAudit(db, { ...base, beforeId: filter.before, afterId: filter.after, limit });
      const first = rows[0];
      const last = rows[rows.length - 1];
      const [hasNewer, hasOlder] = await Promise.all([
        first ? repo.auditExists(db, { ...base, newerThan: first.id }) : Promise.resolve(false),
        last ? repo.auditExists(db, { ...base, olderThan: last.id }) : Promise.resolve(false),
      ]);
      return {
        rows: rows.map((r) => ({ ...r, details: r.details ?? {} })),
        newerCursor: hasNewer && first ? String(first.id) : undefined,
        olderCursor: hasOlder && last ? String(last.id) : undefined,
      };
    },

    // ========================================================== for other features

    /** The signed-in user's roles with Persian role and scope names (staff home, account). */
    async describeMemberships(memberships: readonly MembershipScope[]): Promise<Array<MembershipScope & { roleLabel: string; scopeLabel: string }>> {
      const dir = await scopeDirectory();
      return memberships.map((m) => ({ ...m, roleLabel: ROLE_LABELS[m.role], scopeLabel: dir.scopeLabel(m) }));
    },
  };
}
