// The public portal: the home page, district pages, a page per published item, feeds and
// sitemaps. Public, cacheable (strong ETag and 304s), no cookies set, nothing but
// published things shown. Each group of routes lives in its own module.
import type { FastifyPluginAsync } from 'fastify';
import { portalBrowseRoutes } from './portal.browse.routes.js';
import { portalFeedRoutes } from './portal.feed.routes.js';
import { portalNewsRoutes } from './portal.news.routes.js';
import { portalPagesRoutes } from './portal.pages.routes.js';
import { portalSearchRoutes } from './portal.search.routes.js';
import type { PortalRoutesOptions } from './portal.shared.js';
import { registerPageCache } from './portal.cache.js';

export type { PortalRoutesOptions } from './portal.shared.js';
export { PORTAL_CACHE_CONTROL, strongEtag, newsPath } from './portal.shared.js';

export const portalRoutes: FastifyPluginAsync<PortalRoutesOptions> = async (app, opts) => {
  // First, so its hooks cover every portal route: hits are served before any route work.
  if (opts.pageCache) registerPageCache(app, opts.pageCache);
  await app.register(portalPagesRoutes, opts);
  await app.register(portalNewsRoutes, opts);
  await app.register(portalFeedRoutes, opts);
  await app.register(portalBrowseRoutes, opts);
  await app.register(portalSearchRoutes, opts);
};
