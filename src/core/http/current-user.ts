import type { Role } from '../roles.js';

export interface MembershipScope {
  role: Role;
  /** The org unit the role applies to (the region means everywhere), or null if scoped to a department. */
  orgUnitId: number | null;
  departmentId: number | null;
}

/** The signed-in user as every feature sees it; set by the auth feature on each request. */
export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  memberships: MembershipScope[];
  roles: Role[];
  mustChangePassword: boolean;
  /** How the request was authenticated: a browser session or a personal API token. */
  via: 'session' | 'token';
}

declare module 'fastify' {
  interface FastifyRequest {
    currentUser: CurrentUser | null;
    /** Id hash of the browser session, when there is one. */
    sessionIdHash: string | null;
  }
}
