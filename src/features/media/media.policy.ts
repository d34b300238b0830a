// Pure permission checks for media. The access table lets writing staff reach the
// upload routes; these decide what one person may do to one photo.
import type { Role } from '../../core/roles.js';

/** Staff who write or edit news and may upload photos. */
export const MEDIA_UPLOAD_ROLES = ['reporter', 'photographer', 'liaison', 'pr_editor', 'pr_manager'] as const satisfies readonly Role[];
/** The PR desk may correct any photo's caption, alt text and credit. */
export const MEDIA_DESK_ROLES = ['pr_editor', 'pr_manager', 'admin'] as const satisfies readonly Role[];

export interface MediaActor {
  id: number;
  username: string;
  roles?: readonly Role[];
  memberships?: ReadonlyArray<{ role: Role }>;
  ip?: string | null;
}

export function rolesOf(actor: MediaActor): Role[] {
  const roles = new Set<Role>(actor.roles ?? []);
  for (const m of actor.memberships ?? []) roles.add(m.role);
  return [...roles];
}

export function mayUpload(actor: MediaActor): boolean {
  const roles = rolesOf(actor);
  return MEDIA_UPLOAD_ROLES.some((r) => roles.includes(r));
}

/**
 * Caption, alt and credit: the uploader, the desk, or anyone the owner's feature has
 * already allowed to edit an item the photo is attached to (`viaOwner`).
 */
export function mayEditDetails(actor: MediaActor, asset: { uploadedBy: number }, viaOwner = false): boolean {
  if (viaOwner || asset.uploadedBy === actor.id) return true;
  const roles = rolesOf(actor);
  return MEDIA_DESK_ROLES.some((r) => roles.includes(r));
}

/** Only the uploader may throw away a photo that is attached to nothing. */
export function mayDiscard(actor: MediaActor, asset: { uploadedBy: number }): boolean {
  return asset.uploadedBy === actor.id;
}
