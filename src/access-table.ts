// Authorisation as data: every route × role. A route missing here stops the app from
// building (MissingAccessRuleError), and test/access-matrix.test.ts walks the table with
// every role and anonymous. Scope (which district or department) is checked by the
// features' policies on top of this gate.
import type { AccessTable } from './core/http/access.js';

const STAFF = 'authenticated' as const;
const ADMIN = ['admin'] as const;
/** Staff who write news (reporter, photographer, liaison) or edit it (the PR desk). */
const NEWSROOM = ['reporter', 'photographer', 'liaison', 'pr_editor', 'pr_manager'] as const;
/** Staff who write or edit news and may upload photos (media feature). */
const PHOTO_WRITERS = ['reporter', 'photographer', 'liaison', 'pr_editor', 'pr_manager'] as const;

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

  // Photos (media feature): upload, details, an item's photo list; renditions are public.
  'POST /staff/media': PHOTO_WRITERS,
  'POST /staff/media/:id': PHOTO_WRITERS,
  'POST /staff/media/owners/:kind/:ownerId': PHOTO_WRITERS,
  'GET /media/:id/:file': 'public',

  // JSON API (newsroom feature) for signed-in staff, by personal API token or session;
  // the service enforces roles and scopes (404 outside the user's sight). Docs are public.
  'GET /api/docs': 'public',
  'GET /api/v1/news': STAFF,
  'POST /api/v1/news': STAFF,
  'GET /api/v1/news/:id': STAFF,
  'PUT /api/v1/news/:id': STAFF,
  'POST /api/v1/news/:id/transitions': STAFF,
  'GET /api/v1/news/:id/notes': STAFF,
  'POST /api/v1/news/:id/notes': STAFF,

  // Newsroom pages (newsroom feature): writers and the PR desk; the policy decides per item
  // (another district's item is a 404, an editor's step by a writer a 403).
  'GET /staff/news': NEWSROOM,
  'GET /staff/news/new': NEWSROOM,
  'POST /staff/news': NEWSROOM,
  'POST /staff/news/autosave': NEWSROOM,
  'POST /staff/news/notifications/read': NEWSROOM,
  'POST /staff/news/settings': ['pr_manager'],
  'POST /staff/news/editor-suggestions': NEWSROOM,
  'GET /staff/news/:id': NEWSROOM,
  'GET /staff/news/:id/edit': NEWSROOM,
  'POST /staff/news/:id': NEWSROOM,
  'POST /staff/news/:id/autosave': NEWSROOM,
  'POST /staff/news/:id/editor-suggestions': NEWSROOM,
  'POST /staff/news/:id/actions': NEWSROOM,
  'POST /staff/news/:id/notes': NEWSROOM,
  'POST /staff/news/:id/revisions/:number/restore': NEWSROOM,
  // An editor changes a published item's slug (old links answer 301) or features it.
  'POST /staff/news/:id/slug': ['pr_editor', 'pr_manager'],
  'POST /staff/news/:id/feature': ['pr_editor', 'pr_manager'],

  // Citizens' feedback (feedback feature): anonymous comments, «was this helpful?» and
  // reports; the PR desk moderates (a writer's forged moderation post is a 403 here).
  'POST /news/:id/comments': 'public',
  'POST /news/:id/helpful': 'public',
  'POST /comments/:id/report': 'public',
  'POST /districts/:code/satisfaction': 'public',
  'GET /staff/comments': ['pr_editor', 'pr_manager'],
  'POST /staff/comments/:id/moderate': ['pr_editor', 'pr_manager'],

  // Public portal
  'GET /': 'public',
  'GET /districts/:code': 'public',
  'GET /districts/:code/feed.xml': 'public',
  'GET /districts/:code/feed.atom': 'public',
  'GET /districts/:code/neighbourhoods/:ncode': 'public',
  'GET /tags': 'public',
  'GET /tags/:area': 'public',
  'GET /tags/:area/feed.xml': 'public',
  'GET /tags/:area/feed.atom': 'public',
  'GET /archive': 'public',
  'GET /archive/:year/:month': 'public',
  'GET /notices': 'public',
  'GET /news/:slug': 'public',
  'GET /search': 'public',
  'GET /feed.xml': 'public',
  'GET /feed.atom': 'public',
  'GET /sitemap.xml': 'public',
  'GET /news-sitemap.xml': 'public',
};
