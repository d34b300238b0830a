// The frame of every staff page, built from the request: who is signed in (for the header),
// the CSRF token (for the logout button and forms), the flash, and the navigation that
// the user's roles open up. Exported through index.ts for the other staff features.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CurrentUser } from '../../core/http/current-user.js';
import { pageContext } from '../../core/http/page-context.js';
import { ROLE_LABELS, type Role } from '../../core/roles.js';
import type { NavItem } from '../../ui/layouts/layout-props.js';
import { primaryRole } from './auth.policy.js';
import type { StaffChrome } from './views/staff-frame.js';

/** Writers and the PR desk (the newsroom's own policy decides what each may do there). */
const NEWSROOM_ROLES: readonly Role[] = ['reporter', 'photographer', 'liaison', 'pr_editor', 'pr_manager'];
/** The same list as the access table's row for /staff/comments (feedback's MODERATOR_ROLES). */
const COMMENT_MODERATOR_ROLES: readonly Role[] = ['pr_editor', 'pr_manager'];

export type { StaffChrome };

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Counts shown beside staff navigation links, by href (e.g. pending comments for
     * '/staff/comments'); set by a hook in app.ts for the users who see the link.
     */
    navBadges?: Readonly<Record<string, number>>;
  }
}

const faCount = new Intl.NumberFormat('fa-IR');

export function staffNav(user: CurrentUser | null, path: string, badges: Readonly<Record<string, number>> = {}): NavItem[] {
  if (!user) return [];
  const items: Array<{ href: string; label: string; exact?: boolean }> = [{ href: '/staff', label: 'میز کار', exact: true }];
  if (user.roles.some((r) => NEWSROOM_ROLES.includes(r))) items.push({ href: '/staff/news', label: 'خبرها' });
  // The PR desk moderates citizens' comments (the feedback feature's queue).
  if (user.roles.some((r) => COMMENT_MODERATOR_ROLES.includes(r))) items.push({ href: '/staff/comments', label: 'نظرهای شهروندان' });
  if (user.roles.includes('admin')) {
    items.push(
      { href: '/staff/admin/users', label: 'کاربران' },
      { href: '/staff/admin/org', label: 'سازمان' },
      { href: '/staff/admin/audit', label: 'رویدادها' },
    );
  }
  items.push({ href: '/account', label: 'حساب کاربری' });
  return items.map((i) => ({
    href: i.href,
    label: badges[i.href] ? `${i.label} (${faCount.format(badges[i.href]!)})` : i.label,
    current: i.exact ? path === i.href : path === i.href || path.startsWith(`${i.href}/`),
  }));
}

/** Persian label of the role a user's desk is named after. */
export function roleLabelOf(user: CurrentUser): string {
  const role = primaryRole(user.roles);
  return role ? ROLE_LABELS[role] : 'بدون نقش';
}

export function staffChrome(request: FastifyRequest, reply: FastifyReply): StaffChrome {
  const ctx = pageContext(request, reply);
  const user = ctx.currentUser;
  return {
    user: user ? { displayName: user.displayName, roleLabel: roleLabelOf(user) } : null,
    csrfToken: ctx.csrfToken,
    flash: ctx.flash,
    nav: staffNav(user, ctx.path, request.navBadges),
  };
}
