// Drizzle queries of the auth feature, nothing else: no rules, no transactions of its own.
// Every function takes the handle to run on, so the service decides what shares a transaction.
import { and, asc, desc, eq, gt, ilike, inArray, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/index.js';
import { auditLog } from '../../core/audit/audit.js';
import type { Role } from '../../core/roles.js';
import { apiTokens, loginAttempts, memberships, sessions, users } from './auth.tables.js';

export type UserRow = typeof users.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;

/** PostgreSQL unique_violation, whether or not Drizzle wrapped the driver error. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const code = e.code ?? e.cause?.code;
  const name = e.constraint ?? e.cause?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}

/** Postgres LIKE pattern for "contains", with the user's own % and _ taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// ---------------------------------------------------------------- users

export async function findUserById(db: DbOrTx, id: number): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function findUserByKey(db: DbOrTx, usernameKey: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.usernameKey, usernameKey)).limit(1);
  return row;
}

export async function insertUser(db: DbOrTx, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

export interface UserPatch {
  displayName?: string;
  email?: string | null;
  isActive?: boolean;
  updatedAt: Date;
}

/** Writes only if the row still has `version`; the caller tells a stale form from a missing row. */
export async function updateUserIfVersion(db: DbOrTx, id: number, version: number, patch: UserPatch): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...patch, version: sql`${users.version} + 1` })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning();
  return row;
}

export async function setUserPassword(
  db: DbOrTx,
  id: number,
  values: { passwordHash: string; mustChangePassword: boolean; at: Date },
): Promise<void> {
  await db
    .update(users)
    .set({
      passwordHash: values.passwordHash,
      mustChangePassword: values.mustChangePassword,
      passwordChangedAt: values.at,
      updatedAt: values.at,
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, id));
}

export async function setUserTotp(db: DbOrTx, id: number, values: { totpSecret: string | null; totpEnabled: boolean; at: Date }): Promise<void> {
  await db
    .update(users)
    .set({ totpSecret: values.totpSecret, totpEnabled: values.totpEnabled, updatedAt: values.at })
    .where(eq(users.id, id));
}

/**
 * Records the step of an accepted code; false when that step (or a later one) was
 * already used — a replay. One statement, so two requests with one code cannot both pass.
 */
export async function claimTotpStep(db: DbOrTx, id: number, step: number): Promise<boolean> {
  const r = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return r.length === 1;
}

export async function setLastLogin(db: DbOrTx, id: number, at: Date): Promise<void> {
  await db.update(users).set({ lastLoginAt: at }).where(eq(users.id, id));
}

export interface UserListFilter {
  text?: string;
  role?: Role;
  active?: boolean;
  /** Keyset cursor: users with a larger id than this. */
  afterId?: number;
  limit: number;
}

export async function listUsers(db: DbOrTx, f: UserListFilter): Promise<UserRow[]> {
  const where: SQL[] = [];
  if (f.text) {
    const p = containsPattern(f.text);
    where.push(or(ilike(users.username, p), ilike(users.usernameKey, p), ilike(users.displayName, p), ilike(users.email, p))!);
  }
  if (f.active !== undefined) where.push(eq(users.isActive, f.active));
  if (f.role) {
    where.push(
      inArray(
        users.id,
        db.select({ id: memberships.userId }).from(memberships).where(eq(memberships.role, f.role)),
      ),
    );
  }
  if (f.afterId !== undefined) where.push(gt(users.id, f.afterId));
  return db
    .select()
    .from(users)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(users.id))
    .limit(f.limit);
}

export async function findUsersByIds(db: DbOrTx, ids: number[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(users).where(inArray(users.id, ids));
}

/** Active users holding the admin role, other than `exceptUserId`. */
export async function countActiveAdmins(db: DbOrTx, exceptUserId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(distinct ${users.id})::int` })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(memberships.role, 'admin'), eq(users.isActive, true), ne(users.id, exceptUserId)));
  return row?.n ?? 0;
}

// ---------------------------------------------------------------- memberships

export async function listMemberships(db: DbOrTx, userId: number): Promise<MembershipRow[]> {
  return db.select().from(memberships).where(eq(memberships.userId, userId)).orderBy(asc(memberships.id));
}

export async function listMembershipsOf(db: DbOrTx, userIds: number[]): Promise<MembershipRow[]> {
  if (userIds.length === 0) return [];
  return db.select().from(memberships).where(inArray(memberships.userId, userIds)).orderBy(asc(memberships.id));
}

export async function insertMembership(db: DbOrTx, values: typeof memberships.$inferInsert): Promise<MembershipRow> {
  const [row] = await db.insert(memberships).values(values).returning();
  return row!;
}

export async function findMembership(db: DbOrTx, userId: number, membershipId: number): Promise<MembershipRow | undefined> {
  const [row] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.id, membershipId), eq(memberships.userId, userId)))
    .limit(1);
  return row;
}

export async function deleteMembership(db: DbOrTx, membershipId: number): Promise<void> {
  await db.delete(memberships).where(eq(memberships.id, membershipId));
}

// ---------------------------------------------------------------- sessions

export async function insertSession(db: DbOrTx, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

export async function findSessionWithUser(db: DbOrTx, idHash: string): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.idHash, idHash))
    .limit(1);
  return row;
}

export async function touchSession(db: DbOrTx, idHash: string, values: { lastSeenAt: Date; expiresAt: Date }): Promise<void> {
  await db.update(sessions).set(values).where(eq(sessions.idHash, idHash));
}

export async function deleteSession(db: DbOrTx, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

export async function deleteUserSessions(db: DbOrTx, userId: number): Promise<number> {
  const rows = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ idHash: sessions.idHash });
  return rows.length;
}

export async function deleteExpiredSessions(db: DbOrTx, now: Date): Promise<void> {
  await db.delete(sessions).where(lte(sessions.expiresAt, now));
}

export async function countUserSessions(db: DbOrTx, userId: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(sessions).where(eq(sessions.userId, userId));
  return row?.n ?? 0;
}

// ---------------------------------------------------------------- sign-in attempts

/**
 * Serialises attempts on one account and one address across app processes for the rest
 * of the transaction, so "count, then record" cannot be raced past the limit. Always in
 * the same order (account, then address), so two transactions never wait on each other
 * in a cycle.
 */
export async function lockAttemptKeys(tx: DbOrTx, usernameKey: string, ip: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7221001, hashtext(${usernameKey}))`);
  await tx.execute(sql`select pg_advisory_xact_lock(7221002, hashtext(${ip}))`);
}

export async function countFailures(db: DbOrTx, by: { usernameKey?: string; ip?: string }, since: Date): Promise<number> {
  const where: SQL[] = [eq(loginAttempts.success, false), gt(loginAttempts.at, since)];
  if (by.usernameKey !== undefined) where.push(eq(loginAttempts.usernameKey, by.usernameKey));
  if (by.ip !== undefined) where.push(eq(loginAttempts.ip, by.ip));
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(loginAttempts)
    .where(and(...where));
  return row?.n ?? 0;
}

export async function insertAttempt(db: DbOrTx, values: { usernameKey: string; ip: string; success: boolean; at: Date }): Promise<void> {
  await db.insert(loginAttempts).values(values);
}

export async function deleteAttemptsBefore(db: DbOrTx, before: Date): Promise<void> {
  await db.delete(loginAttempts).where(lt(loginAttempts.at, before));
}

// ---------------------------------------------------------------- API tokens

export async function insertApiToken(db: DbOrTx, values: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

export async function listApiTokens(db: DbOrTx, userId: number): Promise<ApiTokenRow[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.id));
}

export async function countLiveApiTokens(db: DbOrTx, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
  return row?.n ?? 0;
}

export async function revokeApiToken(db: DbOrTx, userId: number, tokenId: number, at: Date): Promise<ApiTokenRow | undefined> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning();
  return row;
}

export async function findApiTokenWithUser(db: DbOrTx, tokenHash: string): Promise<{ token: ApiTokenRow; user: UserRow } | undefined> {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .limit(1);
  return row;
}

export async function touchApiToken(db: DbOrTx, tokenId: number, at: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, tokenId));
}

// ---------------------------------------------------------------- audit trail (read side)

export interface AuditFilter {
  /** Exact action, or a prefix when it ends with a dot («user.»). */
  action?: string;
  actorUserId?: number;
  entityType?: string;
  entityId?: string;
  /** Keyset: rows older than this id (the next page of a newest-first list). */
  beforeId?: number;
  /** Keyset: rows newer than this id (the previous page). */
  afterId?: number;
  limit: number;
}

/** Newest first, whichever direction the page was asked for. */
export async function listAudit(db: DbOrTx, f: AuditFilter): Promise<AuditRow[]> {
  const where: SQL[] = [];
  if (f.action) {
    where.push(f.action.endsWith('.') ? ilike(auditLog.action, `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : eq(auditLog.action, f.action));
  }
  if (f.actorUserId !== undefined) where.push(eq(auditLog.actorUserId, f.actorUserId));
  if (f.entityType !== undefined) where.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId !== undefined) where.push(eq(auditLog.entityId, f.entityId));
  if (f.afterId !== undefined) {
    where.push(gt(auditLog.id, f.afterId));
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(...where))
      .orderBy(asc(auditLog.id))
      .limit(f.limit);
    return rows.reverse();
  }
  if (f.beforeId !== undefined) where.push(lt(auditLog.id, f.beforeId));
  return db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(f.limit);
}

export async function auditExists(
  db: DbOrTx,
  f: { action?: string; actorUserId?: number; entityType?: string; entityId?: string; newerThan?: number; olderThan?: number },
): Promise<boolean> {
  const where: SQL[] = [];
  if (f.action) {
    where.push(f.action.endsWith('.') ? ilike(auditLog.action, `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : eq(auditLog.action, f.action));
  }
  if (f.actorUserId !== undefined) where.push(eq(auditLog.actorUserId, f.actorUserId));
  if (f.entityType !== undefined) where.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId !== undefined) where.push(eq(auditLog.entityId, f.entityId));
  if (f.newerThan !== undefined) where.push(gt(auditLog.id, f.newerThan));
  if (f.olderThan !== undefined) where.push(lt(auditLog.id, f.olderThan));
  const [row] = await db.select({ id: auditLog.id }).from(auditLog).where(and(...where)).limit(1);
  return row !== undefined;
}
