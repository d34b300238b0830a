// Composition root: core plugins → services → feature plugins. The only place where
// stateful things (database, clock, mailer, config) are wired into features.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { Config } from './core/config.js';
import type { Database } from './core/db/index.js';
import { systemClock, type Clock } from './core/clock.js';
import { loggerOptions } from './core/log.js';
import { registerErrorHandler } from './core/http/error-handler.js';
import { registerAccessControl } from './core/http/access.js';
import { registerObservability } from './core/http/observability.js';
import { registerSecurityHeaders } from './core/http/security-headers.js';
import { registerOpenApi } from './core/http/openapi.js';
import { createMailer, type Mailer } from './core/mail.js';
import { ACCESS_TABLE } from './access-table.js';
import { renderErrorPage } from './ui/pages/error-page.js';
import { createOrgService, orgRoutes } from './features/org/index.js';
import { authRoutes, createAuthService, registerSessionLoader } from './features/auth/index.js';
import { staffRoutes } from './features/dashboard/index.js';
import { createPageCache, portalRoutes } from './features/portal/index.js';
import { processContentEvents, type ContentEvents } from './core/events.js';
import { housekeepingHandler } from './core/jobs/index.js';
import { createLocalDiskStorage } from './core/storage/index.js';
import { createMediaService, mediaRoutes } from './features/media/index.js';
import { createNewsroomService, newsroomJobHandlers } from './features/newsroom/index.js';
import { countNewsReads, createNewsReads, type NewsReads } from './features/newsroom/index.js';
import { newsroomApiRoutes } from './features/newsroom/index.js';
import { newsPhotoOwner, newsroomRoutes, NEWS_MEDIA_OWNER } from './features/newsroom/newsroom.routes.js';
import { createJobRunner, type JobRunner } from './core/jobs/index.js';
import { canModerate, createFeedbackService, feedbackRoutes } from './features/feedback/index.js';
import { publicFormRefusal } from './core/http/public-forms.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobRunner;
    /** Page reads of news items, counted in memory and flushed in batches (tests call flush()). */
    newsReads: NewsReads;
  }
}

export interface AppDeps {
  config: Config;
  database: Database;
  clock?: Clock;
  mailer?: Mailer;
  /** Requests per minute per address across the app (login has its own, stricter limits). */
  rateLimitMax?: number;
  logger?: boolean;
  /** Content events (publish, comment approved …); default: the process-wide hub. */
  events?: ContentEvents;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  const clock = deps.clock ?? systemClock;
  const events = deps.events ?? processContentEvents;
  const mailer = deps.mailer ?? createMailer(config.smtpUrl);

  const app = Fastify({
    logger: deps.logger === false ? false : loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { ignoreTrailingSlash: true },
  });

  app.decorateRequest('currentUser', null);
  app.decorateRequest('sessionIdHash', null);

  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  await app.register(rateLimit, {
    global: true,
    max: deps.rateLimitMax ?? 600,
    timeWindow: '1 minute',
    allowList: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url.startsWith('/static/'),
  });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: '_csrf_secret',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: config.secureCookies },
    getToken: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const q = req.query as Record<string, unknown> | undefined;
      const fromBody = body && typeof body === 'object' ? body._csrf : undefined;
      const token = fromBody ?? req.headers['x-csrf-token'] ?? q?._csrf;
      return typeof token === 'string' ? token : undefined;
    },
  });

  registerErrorHandler(app, renderErrorPage);

  // Services.
  const org = createOrgService({ db: database.db, clock });
  const auth = createAuthService({ db: database.db, clock, config, org, mailer });
  // Photos: files under DATA_DIR/media (an S3-compatible Storage can replace it later).
  const media = createMediaService({ db: database.db, clock, storage: createLocalDiskStorage(path.join(config.dataDir, 'media')) });
  // A news item goes to the desk only when each of its photos has a caption and alt text.
  const newsroom = createNewsroomService({
    db: database.db,
    clock,
    org,
    events,
    beforeSubmit: [({ item, tx }) => media.missingForSubmit(NEWS_MEDIA_OWNER, item.id, tx)],
  });

  // Citizens' comments, «was this helpful?», satisfaction answers (salted hashes, no raw addresses).
  const feedback = createFeedbackService({ db: database.db, clock, salt: config.sessionSecret, events });

  // Background jobs (scheduled publishing, embargoes). Built here, started by the server
  // (tests run due jobs explicitly with app.jobs.runDueOnce()).
  const jobs = createJobRunner({
    db: database.db,
    clock,
    log: app.log,
    handlers: {
      ...newsroomJobHandlers(newsroom),
      // Daily: purge finished jobs and expired idempotency keys, sweep orphaned photo files.
      ...housekeepingHandler({
        db: database.db,
        clock,
        log: app.log,
        tasks: [{ name: 'media.sweepOrphans', run: () => media.sweepOrphans() }],
      }),
    },
  });
  app.decorate('jobs', jobs);

  // Reads of /news/:slug (also when served from the page cache), flushed every 30 s and on close.
  const newsReads = createNewsReads({ db: database.db, clock, log: app.log });
  app.decorate('newsReads', newsReads);
  app.addHook('onResponse', countNewsReads(newsReads, '/news/:slug'));
  newsReads.start();
  app.addHook('onClose', async () => newsReads.stop());
  app.addHook('onClose', async () => jobs.stop());

  // Sessions first, then the access gate, then CSRF on every state-changing request.
  registerSessionLoader(app, auth);
  registerAccessControl(app, ACCESS_TABLE, { loginPath: '/login' });
  // Static assets, self-hosted: our own css/js, the Vazirmatn font, vendored htmx.
  await app.register(fastifyStatic, {
    root: path.join(ROOT, 'static'),
    prefix: '/static/',
    maxAge: config.nodeEnv === 'production' ? '1d' : 0,
    decorateReply: false,
  });
  await app.register(fastifyStatic, {
    root: path.join(ROOT, 'node_modules/vazirmatn/fonts/webfonts'),
    prefix: '/static/fonts/',
    maxAge: '30d',
    immutable: true,
    decorateReply: false,
  });
  await app.register(fastifyStatic, {
    root: path.join(ROOT, 'node_modules/htmx.org/dist'),
    prefix: '/static/vendor/htmx/',
    allowedPath: (p) => p === '/htmx.min.js',
    maxAge: '30d',
    decorateReply: false,
  });
  await app.register(fastifyStatic, {
    root: path.join(ROOT, 'node_modules/jalaali-js/dist'),
    prefix: '/static/vendor/jalaali/',
    allowedPath: (p) => p === '/index.js',
    maxAge: '30d',
    decorateReply: false,
  });

  app.addHook('preHandler', (request, reply, done) => {
    const m = request.method;
    if (m === 'GET' || m === 'HEAD' || m === 'OPTIONS') return done();
    // API calls authenticated by a bearer token carry no ambient cookie authority.
    if (request.currentUser?.via === 'token') return done();
    // Anonymous forms on cached public pages: a same-origin check instead of a token (ADR 0004).
    if (request.routeOptions.config.publicForm) return done(publicFormRefusal(request, config.publicUrl) ?? undefined);
    app.csrfProtection(request, reply, done);
  });
  // The PR desk's navigation shows how many comments wait for moderation (one indexed count).
  app.addHook('preHandler', async (request) => {
    const user = request.currentUser;
    if (request.method !== 'GET' || !user || user.via === 'token' || !request.url.startsWith('/staff') || !canModerate(user.roles)) return;
    request.navBadges = { '/staff/comments': await feedback.pendingCount() };
  });

  // The OpenAPI document collects the /api/v1 routes registered after it.
  await registerOpenApi(app);
  const metrics = registerObservability(app, { db: database.db });
  // Rendered public pages in memory, cleared on every content event (portal.cache.ts).
  const pageCache = createPageCache({ clock, events, metrics });
  app.addHook('onClose', async () => pageCache.close());
  await app.register(authRoutes, { auth, org, config });
  await app.register(orgRoutes, { org, auth });
  await app.register(staffRoutes, { org, auth });
  await app.register(portalRoutes, { org, newsroom, media, feedback, publicUrl: config.publicUrl, clock, pageCache, reads: newsReads });
  await app.register(mediaRoutes, { media, owners: { [NEWS_MEDIA_OWNER]: newsPhotoOwner(newsroom) } });
  await app.register(newsroomRoutes, { newsroom, org, auth, media });
  await app.register(newsroomApiRoutes, { newsroom });
  // Citizens' comments, «was this helpful?» and the PR desk's moderation queue.
  await app.register(feedbackRoutes, { feedback, org });

  return app;
}
