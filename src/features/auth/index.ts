// The auth feature's public surface: the service factory and its types, the session
// loader for app.ts, the route plugin, and the staff page frame other features reuse.
export {
  createAuthService,
  actorFrom,
  systemActor,
  SESSION_COOKIE,
  type AuthService,
  type AuthServiceDeps,
  type Actor,
  type CreateUserInput,
  type MembershipInput,
  type MembershipView,
  type OrgDirectory,
  type UserSummary,
} from './auth.service.js';
export { registerSessionLoader } from './auth.hooks.js';
export { authRoutes, type AuthRoutesOptions } from './auth.routes.js';
export { staffChrome, staffNav, roleLabelOf, type StaffChrome } from './auth.chrome.js';
export { StaffFrame } from './views/staff-frame.js';
export { primaryRole, SECOND_FACTOR_ROLES } from './auth.policy.js';
export { totpCodeAt } from './totp.js';
