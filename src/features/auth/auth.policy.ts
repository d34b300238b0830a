// Pure rules of the auth feature: session lifetimes, throttling, who may hold a second
// factor, which pages a user who owes a password change may still open, and the admin
// lock-out guards. No I/O here, so every rule is testable with plain values.
import type { Role } from '../../core/roles.js';
import { ROLES } from '../../core/roles.js';

/** A session ends after this much inactivity (sliding). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** A session ends this long after sign-in, however active. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Between the password and the second factor: a short window. */
export const PENDING_SESSION_MS = 10 * 60 * 1000;
/** last_seen_at is written at most this often, to keep reads from becoming writes. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 1000;
/** Failed sign-in attempts allowed per account and per address in one window. */
export const MAX_FAILED_ATTEMPTS = 10;
export const ATTEMPT_WINDOW_MS = 60 * 1000;
/** last_used_at of an API token is written at most this often. */
export const TOKEN_TOUCH_INTERVAL_MS = 60 * 1000;

export const SECOND_FACTOR_ROLES: readonly Role[] = ['admin', 'pr_manager'];

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/**
 * When a session seen at `seenAt` stops being valid: idle timeout from the last activity,
 * capped by the absolute lifetime from sign-in.
 */
export function sessionExpiry(createdAt: Date, seenAt: Date): Date {
  return new Date(Math.min(createdAt.getTime() + SESSION_ABSOLUTE_MS, seenAt.getTime() + SESSION_IDLE_MS));
}

export function isSessionExpired(s: SessionTimes, now: Date): boolean {
  return (
    now.getTime() >= s.expiresAt.getTime() ||
    now.getTime() >= s.lastSeenAt.getTime() + SESSION_IDLE_MS ||
    now.getTime() >= s.createdAt.getTime() + SESSION_ABSOLUTE_MS
  );
}

/** Sliding expiry is refreshed at most once a minute per session. */
export function shouldTouchSession(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS;
}

export function shouldTouchToken(lastUsedAt: Date | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - lastUsedAt.getTime() >= TOKEN_TOUCH_INTERVAL_MS;
}

/** Counts of recent failures for the account and for the address; over the limit → refuse. */
export function isThrottled(failures: { account: number; address: number }): boolean {
  return failures.account >= MAX_FAILED_ATTEMPTS || failures.address >= MAX_FAILED_ATTEMPTS;
}

export function attemptWindowStart(now: Date): Date {
  return new Date(now.getTime() - ATTEMPT_WINDOW_MS);
}

/** Only the roles that can change the most may enrol a second factor. */
export function maySetUpSecondFactor(roles: readonly Role[]): boolean {
  return roles.some((r) => SECOND_FACTOR_ROLES.includes(r));
}

/** Routes a user who must change the password may still use (keys as in the access table). */
const ALLOWED_WHILE_PASSWORD_CHANGE_OWED = new Set(['GET /account/password', 'POST /account/password', 'POST /logout']);

export function allowedWhilePasswordChangeOwed(routeKey: string): boolean {
  return ALLOWED_WHILE_PASSWORD_CHANGE_OWED.has(routeKey);
}

/** The role whose desk a user lands on: the first of their roles in ROLES order. */
export function primaryRole(roles: readonly Role[]): Role | null {
  for (const r of ROLES) if (roles.includes(r)) return r;
  return null;
}

export interface MembershipLike {
  id: number;
  role: Role;
}

/**
 * An admin may not take away their own admin role or switch themselves off: the system
 * could be left with nobody to manage it. `activeAdminCount` counts active admins other
 * than the target user's own membership being removed.
 */
export function membershipRemovalProblem(input: {
  actorUserId: number | null;
  targetUserId: number;
  membership: MembershipLike;
  otherActiveAdmins: number;
}): string | null {
  if (input.membership.role !== 'admin') return null;
  if (input.actorUserId === input.targetUserId) return 'نمی‌توانید نقش مدیر سامانه را از حساب خودتان بردارید.';
  if (input.otherActiveAdmins === 0) return 'این آخرین مدیر سامانهٔ فعال است و نقش او را نمی‌توان برداشت.';
  return null;
}

export function deactivationProblem(input: {
  actorUserId: number | null;
  targetUserId: number;
  targetIsAdmin: boolean;
  otherActiveAdmins: number;
}): string | null {
  if (input.actorUserId === input.targetUserId) return 'نمی‌توانید حساب خودتان را غیرفعال کنید.';
  if (input.targetIsAdmin && input.otherActiveAdmins === 0) return 'این آخرین مدیر سامانهٔ فعال است و نمی‌توان او را غیرفعال کرد.';
  return null;
}

export type ScopeKind = 'unit' | 'department';

/** Memberships are scoped to the region or a district, or to a department — never a neighbourhood. */
export function unitKindAllowedAsScope(kind: string): boolean {
  return kind === 'region' || kind === 'district';
}
