import { describe, expect, it } from 'vitest';
import {
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  allowedWhilePasswordChangeOwed,
  deactivationProblem,
  isSessionExpired,
  isThrottled,
  maySetUpSecondFactor,
  membershipRemovalProblem,
  primaryRole,
  sessionExpiry,
  shouldTouchSession,
  unitKindAllowedAsScope,
} from './auth.policy.js';

const t0 = new Date('2025-03-01T08:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const MIN = 60_000;

describe('session lifetime', () => {
  it('expires 30 minutes after the last activity, sliding', () => {
    expect(sessionExpiry(t0, t0)).toEqual(at(SESSION_IDLE_MS));
    expect(sessionExpiry(t0, at(60 * MIN))).toEqual(at(90 * MIN));
  });

  it('never outlives 12 hours from sign-in, however active', () => {
    expect(sessionExpiry(t0, at(SESSION_ABSOLUTE_MS - MIN))).toEqual(at(SESSION_ABSOLUTE_MS));
    const s = { createdAt: t0, lastSeenAt: at(SESSION_ABSOLUTE_MS - MIN), expiresAt: at(SESSION_ABSOLUTE_MS + 29 * MIN) };
    expect(isSessionExpired(s, at(SESSION_ABSOLUTE_MS))).toBe(true);
  });

  it('is valid until the idle deadline and not a moment after', () => {
    const s = { createdAt: t0, lastSeenAt: t0, expiresAt: sessionExpiry(t0, t0) };
    expect(isSessionExpired(s, at(SESSION_IDLE_MS - 1))).toBe(false);
    expect(isSessionExpired(s, at(SESSION_IDLE_MS))).toBe(true);
  });

  it('writes last_seen_at at most once a minute', () => {
    expect(shouldTouchSession(t0, at(59_999))).toBe(false);
    expect(shouldTouchSession(t0, at(MIN))).toBe(true);
  });
});

describe('throttling', () => {
  it('allows ten failures a minute per account and per address, not eleven', () => {
    expect(isThrottled({ account: 9, address: 9 })).toBe(false);
    expect(isThrottled({ account: 10, address: 0 })).toBe(true);
    expect(isThrottled({ account: 0, address: 10 })).toBe(true);
  });
});

describe('roles', () => {
  it('offers a second factor to admins and PR managers only', () => {
    expect(maySetUpSecondFactor(['admin'])).toBe(true);
    expect(maySetUpSecondFactor(['reporter', 'pr_manager'])).toBe(true);
    expect(maySetUpSecondFactor(['reporter', 'pr_editor'])).toBe(false);
  });

  it('names the desk after the first role in the declared order', () => {
    expect(primaryRole(['reporter', 'admin'])).toBe('admin');
    expect(primaryRole([])).toBeNull();
  });

  it('scopes roles to the region, a district or a department, never a neighbourhood', () => {
    expect(unitKindAllowedAsScope('region')).toBe(true);
    expect(unitKindAllowedAsScope('district')).toBe(true);
    expect(unitKindAllowedAsScope('neighbourhood')).toBe(false);
  });
});

describe('pages open while a password change is owed', () => {
  it('are the password form and sign-out only', () => {
    expect(allowedWhilePasswordChangeOwed('GET /account/password')).toBe(true);
    expect(allowedWhilePasswordChangeOwed('POST /account/password')).toBe(true);
    expect(allowedWhilePasswordChangeOwed('POST /logout')).toBe(true);
    expect(allowedWhilePasswordChangeOwed('GET /staff')).toBe(false);
    expect(allowedWhilePasswordChangeOwed('GET /account')).toBe(false);
  });
});

describe('admin lock-out guards', () => {
  const adminMembership = { id: 1, role: 'admin' as const };
  it('keep an admin from removing their own admin role', () => {
    expect(membershipRemovalProblem({ actorUserId: 5, targetUserId: 5, membership: adminMembership, otherActiveAdmins: 3 })).toMatch(/خودتان/);
  });
  it('keep the last active admin', () => {
    expect(membershipRemovalProblem({ actorUserId: 1, targetUserId: 5, membership: adminMembership, otherActiveAdmins: 0 })).toMatch(/آخرین/);
    expect(deactivationProblem({ actorUserId: 1, targetUserId: 5, targetIsAdmin: true, otherActiveAdmins: 0 })).toMatch(/آخرین/);
  });
  it('let other roles go freely', () => {
    expect(membershipRemovalProblem({ actorUserId: 5, targetUserId: 5, membership: { id: 2, role: 'reporter' }, otherActiveAdmins: 0 })).toBeNull();
    expect(deactivationProblem({ actorUserId: 1, targetUserId: 5, targetIsAdmin: false, otherActiveAdmins: 0 })).toBeNull();
  });
  it('keep an admin from switching themselves off', () => {
    expect(deactivationProblem({ actorUserId: 5, targetUserId: 5, targetIsAdmin: true, otherActiveAdmins: 2 })).toMatch(/خودتان/);
  });
});
