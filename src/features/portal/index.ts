// The public portal. It owns no tables and reads through the other features' index.ts.
// Nothing imports the portal except the composition root.
export { portalRoutes, PORTAL_CACHE_CONTROL, type PortalRoutesOptions } from './portal.routes.js';
export { createPageCache, PAGE_CACHE_DEFAULTS, type PageCache, type PageCacheOptions, type PageCacheStats } from './portal.cache.js';
