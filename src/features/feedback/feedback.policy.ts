// Who moderates citizens' comments: the PR desk (the access table enforces the same list).
import type { Role } from '../../core/roles.js';

export const MODERATOR_ROLES = ['pr_editor', 'pr_manager'] as const satisfies readonly Role[];

export function canModerate(roles: readonly Role[]): boolean {
  return roles.some((r) => (MODERATOR_ROLES as readonly Role[]).includes(r));
}
