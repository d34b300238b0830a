// The staff home: every role lands here after sign-in. It names the desk of the user's
// main role, lists their roles with scope names, and links only to what exists now.
import type { FastifyInstance } from 'fastify';
import { h, type FunctionComponent, type VNode } from 'preact';
import { sendHtml } from '../../core/http/page-context.js';
import { ROLE_LABELS } from '../../core/roles.js';
import { GalleryPage } from '../../ui/gallery.page.js';
import { renderPage } from '../../ui/render.js';
import { primaryRole, roleLabelOf, SECOND_FACTOR_ROLES, staffChrome, type AuthService, type OrgDirectory } from '../auth/index.js';
import { homeLinkGroups } from './dashboard.policy.js';
import { StaffHomePage } from './views/staff-home.page.js';

/** A page component with its props as a vnode (h() is typed for attribute objects). */
function page<P>(component: FunctionComponent<P>, props: NoInfer<P>): VNode {
  return h(component as FunctionComponent<object>, props as object);
}

export interface StaffRoutesOptions {
  org: OrgDirectory;
  auth: AuthService;
}

export async function staffRoutes(app: FastifyInstance, options: StaffRoutesOptions): Promise<void> {
  const { auth } = options;

  app.get('/staff', async (request, reply) => {
    const user = request.currentUser!;
    const role = primaryRole(user.roles);
    const [roles, secondFactor] = await Promise.all([auth.describeMemberships(user.memberships), auth.secondFactorStatus(user.id)]);
    const html = renderPage(
      page(StaffHomePage, {
        chrome: staffChrome(request, reply),
        heading: role ? `میز کار ${ROLE_LABELS[role]}` : 'میز کار',
        displayName: user.displayName,
        roles: roles.map((r) => ({ roleLabel: r.roleLabel, scopeLabel: r.scopeLabel })),
        groups: homeLinkGroups(user.roles),
        mustEnableSecondFactor: !secondFactor.enabled && user.roles.some((r) => SECOND_FACTOR_ROLES.includes(r)),
      }),
    );
    return sendHtml(reply, html);
  });

  app.get('/staff/design', async (request, reply) => {
    const chrome = staffChrome(request, reply);
    const user = request.currentUser!;
    const html = renderPage(
      page(GalleryPage, { user: { displayName: user.displayName, roleLabel: roleLabelOf(user) }, csrfToken: chrome.csrfToken, nav: chrome.nav }),
    );
    return sendHtml(reply, html);
  });
}
