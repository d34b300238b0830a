// The public portal: the home page, district pages, a page per published item, feeds and
// sitemaps. Public, cacheable (strong ETag and 304s), no cookies set, nothing but
// published things shown. Each group of routes lives in its own module.
import type { FastifyPluginAsync } from 'fastify';
import { portalFeedRoutes } from './portal.feed.routes.js';
import { portalNewsRoutes } from './portal.news.routes.js';
import { portalPagesRoutes } from './portal.pages.routes.js';
import type { PortalRoutesOptions } from './portal.shared.js';

export type { PortalRoutesOptions } from './portal.shared.js';
export { PORTAL_CACHE_CONTROL, strongEtag, newsPath } from './portal.shared.js';

export const portalRoutes: FastifyPluginAsync<PortalRoutesOptions> = async (app, opts) => {
  await app.register(portalPagesRoutes, opts);
  await app.register(portalNewsRoutes, opts);
  await app.register(portalFeedRoutes, opts);
};
