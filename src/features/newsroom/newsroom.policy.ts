// Who may do what to which news item. Pure: the service loads the item and the item's
// place in the org tree and asks here; nothing here reads the database.
//
// - Writers (reporter, liaison, photographer) work within their scope: a membership on
//   the item's district (or on the region, which is everywhere) or on the item's
//   department. They create there, edit and submit their own items while draft or
//   waiting for changes, note on their own items, and see their own items plus the
//   items of others in their scope that have left the draft stage (not spiked ones).
// - PR editors (pr_editor, pr_manager) see every item, edit any item the desk holds
//   (submitted … unpublished), and alone request changes, approve, publish, schedule,
//   embargo, unschedule, unpublish, republish, correct, kill, spike and restore. They may
//   also write items themselves (create, edit and submit their own drafts), anywhere.
// - Everyone else (admin, data_officer, official) has no newsroom power; admin gets it
//   only by also holding an editor role.
import type { MembershipScope } from '../../core/http/current-user.js';
import type { Role } from '../../core/roles.js';
import {
  EDITOR_EDITABLE_STATES,
  NEWS_TRANSITION_ACTIONS,
  WRITER_EDITABLE_STATES,
  transition,
  type NewsState,
  type NewsTransitionAction,
} from './newsroom.workflow.js';

export const WRITER_ROLES: readonly Role[] = ['reporter', 'liaison', 'photographer'];
export const EDITOR_ROLES: readonly Role[] = ['pr_editor', 'pr_manager'];

/** Non-transition actions the policy also answers. */
export const NEWS_OTHER_ACTIONS = ['view', 'create', 'edit', 'note'] as const;
export type NewsOtherAction = (typeof NEWS_OTHER_ACTIONS)[number];
export type NewsAction = NewsTransitionAction | NewsOtherAction;

export interface PolicyUser {
  id: number;
  memberships: readonly Pick<MembershipScope, 'role' | 'orgUnitId' | 'departmentId'>[];
}

/** What the policy needs to know about an item. */
export interface PolicyItem {
  state: NewsState;
  authorId: number;
  /** The item's org unit and its ancestors: [district, region] or [region]. */
  unitPath: readonly number[];
  departmentId: number | null;
  /** Needed to answer `restore`. */
  spikedFromState?: NewsState | null;
}

/** Where an item would be placed (for `create`, and for a writer moving an item). */
export type PolicyPlace = Pick<PolicyItem, 'unitPath' | 'departmentId'>;

export function isEditor(user: PolicyUser): boolean {
  return user.memberships.some((m) => EDITOR_ROLES.includes(m.role));
}

export function isWriter(user: PolicyUser): boolean {
  return user.memberships.some((m) => WRITER_ROLES.includes(m.role));
}

/** A writer membership covers the place: its unit is on the item's path, or its department is the item's. */
export function writerCovers(user: PolicyUser, place: PolicyPlace): boolean {
  return user.memberships.some(
    (m) =>
      WRITER_ROLES.includes(m.role) &&
      ((m.orgUnitId !== null && place.unitPath.includes(m.orgUnitId)) ||
        (m.departmentId !== null && place.departmentId !== null && m.departmentId === place.departmentId)),
  );
}

/** A writer scoped to a department files for it in any district (the department is the scope). */
export function hasDepartmentScope(user: PolicyUser): boolean {
  return user.memberships.some((m) => WRITER_ROLES.includes(m.role) && m.departmentId !== null);
}

/** May the user create an item at this place? */
export function canCreateAt(user: PolicyUser, place: PolicyPlace): boolean {
  return isEditor(user) || writerCovers(user, place);
}

export function canView(user: PolicyUser, item: PolicyItem): boolean {
  if (isEditor(user)) return true;
  if (!isWriter(user)) return false;
  if (item.authorId === user.id) return true;
  return item.state !== 'draft' && item.state !== 'spiked' && writerCovers(user, item);
}

function canEdit(user: PolicyUser, item: PolicyItem): boolean {
  const own = item.authorId === user.id;
  if (isEditor(user)) return EDITOR_EDITABLE_STATES.includes(item.state) || (own && item.state === 'draft');
  return own && WRITER_EDITABLE_STATES.includes(item.state) && writerCovers(user, item);
}

/** The one answer to "may this user do this to that item?". */
export function can(user: PolicyUser, action: NewsAction, item: PolicyItem): boolean {
  switch (action) {
    case 'view':
      return canView(user, item);
    case 'create':
      return canCreateAt(user, item);
    case 'edit':
      return canEdit(user, item);
    case 'note':
      return isEditor(user) || (isWriter(user) && item.authorId === user.id);
    case 'submit':
      // The author hands their own item to the desk; nobody submits for someone else.
      return transition(item.state, 'submit') !== null && item.authorId === user.id && canEdit(user, item);
    default:
      return isEditor(user) && transition(item.state, action, item.spikedFromState) !== null;
  }
}

/** Transition actions the user may take on the item now (for the page's buttons). */
export function allowedTransitions(user: PolicyUser, item: PolicyItem): NewsTransitionAction[] {
  const out: NewsTransitionAction[] = [];
  for (const a of NEWS_TRANSITION_ACTIONS) {
    if (can(user, a, item)) out.push(a);
  }
  return out;
}

/** May the user change the desk's settings (the publish target)? */
export function canManageDesk(user: PolicyUser): boolean {
  return user.memberships.some((m) => m.role === 'pr_manager');
}
