// Authorisation as data: every route × role. A route missing here stops the app from
// building (MissingAccessRuleError), and test/access-matrix.test.ts walks the table with
// every role and anonymous. Scope (which district or department) is checked by the
// features' policies on top of this gate.
import type { AccessTable } from './core/http/access.js';

const STAFF = 'authenticated' as const;
const ADMIN = ['admin'] as const;

export const ACCESS_TABLE: AccessTable = {
  // Plumbing
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  'GET /static/*': 'public',
  'GET /static/fonts/*': 'public',
  'GET /static/vendor/htmx/*': 'public',
  'GET /static/vendor/jalaali/*': 'public',

  // Accounts (auth feature)
  'GET /login': 'public',
  'POST /login': 'public',
  'GET /login/second-factor': 'public',
  'POST /login/second-factor': 'public',
  'POST /logout': STAFF,
  'GET /signed-out': 'public',
  'GET /account': STAFF,
  'GET /account/password': STAFF,
  'POST /account/password': STAFF,
  'GET /account/second-factor': ['admin', 'pr_manager'],
  'POST /account/second-factor': ['admin', 'pr_manager'],
  'POST /account/second-factor/disable': ['admin', 'pr_manager'],
  'POST /account/tokens': STAFF,
  'POST /account/tokens/:id/revoke': STAFF,
  'GET /api/me': STAFF,
  'GET /staff/admin/users': ADMIN,
  'GET /staff/admin/users/new': ADMIN,
  'POST /staff/admin/users': ADMIN,
  'GET /staff/admin/users/:id': ADMIN,
  'POST /staff/admin/users/:id': ADMIN,
  'POST /staff/admin/users/:id/reset-password': ADMIN,
  'POST /staff/admin/users/:id/second-factor/clear': ADMIN,
  'POST /staff/admin/users/:id/memberships': ADMIN,
  'POST /staff/admin/users/:id/memberships/:membershipId/delete': ADMIN,
  'GET /staff/admin/audit': ADMIN,

  // Organisation (org feature)
  'GET /staff/admin/org': ADMIN,
  'GET /staff/admin/org/units/new': ADMIN,
  'POST /staff/admin/org/units': ADMIN,
  'GET /staff/admin/org/units/:id': ADMIN,
  'POST /staff/admin/org/units/:id': ADMIN,
  'GET /staff/admin/org/departments/new': ADMIN,
  'POST /staff/admin/org/departments': ADMIN,
  'GET /staff/admin/org/departments/:id': ADMIN,
  'POST /staff/admin/org/departments/:id': ADMIN,

  // Staff home (dashboard feature)
  'GET /staff': STAFF,
  'GET /staff/design': ADMIN,

  // Public portal
  'GET /': 'public',
  'GET /districts/:code': 'public',
};
