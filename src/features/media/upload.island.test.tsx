// The upload island (static/js/upload.js) in Chromium, under the app's strict CSP: the real
// media plugin in a small app with a page that embeds the PhotoManager. Runs when Debian's
// Chromium is installed, like the journeys in test/e2e.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.js';
import type { CurrentUser } from '../../core/http/current-user.js';
import { registerErrorHandler } from '../../core/http/error-handler.js';
import { registerSecurityHeaders } from '../../core/http/security-headers.js';
import { createLocalDiskStorage } from '../../core/storage/index.js';
import { StaffLayout } from '../../ui/layouts/staff-layout.js';
import { renderPage } from '../../ui/render.js';
import { chromiumPath, launchBrowser, runAxe, screenshot, seriousViolations } from '../../../test/helpers/browser.js';
import { createUserWithRole } from '../../../test/helpers/login.js';
import { createTestDatabase } from '../../../test/helpers/test-db.js';
import { elfBytes, noisyJpeg } from '../../../test/fixtures/media/images.js';
import { mediaRoutes } from './media.routes.js';
import { createMediaService } from './media.service.js';
import { PhotoManager } from './views/photo-manager.partial.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe.runIf(chromiumPath)('browser: photo upload with a progress bar', () => {
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shahrnama-island-'));
  const cspViolations: string[] = [];

  beforeAll(async () => {
    const database = await createTestDatabase();
    const { user } = await createUserWithRole(database, 'reporter');
    const current: CurrentUser = {
      id: user.id,
      username: user.username,
      displayName: 'خبرنگار',
      memberships: [],
      roles: ['reporter'],
      mustChangePassword: false,
      via: 'session',
    };
    const media = createMediaService({ db: database.db, clock: systemClock, storage: createLocalDiskStorage(dir) });
    app = Fastify({ logger: false });
    app.decorateRequest('currentUser', null);
    app.addHook('onRequest', async (request) => {
      request.currentUser = current;
    });
    await app.register(cookie, { secret: 'a-test-secret-that-is-long-enough-for-signing' });
    await app.register(formbody);
    registerSecurityHeaders(app, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          objectSrc: ["'none'"],
        },
      },
    });
    registerErrorHandler(app, (_req, view) => `<p>${view.message}</p>`);
    await app.register(fastifyStatic, { root: path.join(ROOT, 'static'), prefix: '/static/' });
    await app.register(mediaRoutes, { media, owners: { news: { canEdit: async () => true } } });
    app.get('/edit', async (_request, reply) => {
      const photos = await media.listAttachments('news', 1);
      const html = renderPage(
        <StaffLayout title="ویرایش خبر" nav={[]} user={{ displayName: 'خبرنگار', roleLabel: 'کارشناس خبری' }} csrfToken="t">
          <h1>ویرایش خبر</h1>
          <PhotoManager csrfToken="t" ownerKind="news" ownerId={1} photos={photos} returnTo="/edit" />
        </StaffLayout>,
      );
      return reply.type('text/html; charset=utf-8').send(html);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function openEditor() {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(`${base}/edit`);
    await page.waitForSelector('form[data-module="photo-upload"][data-module-state="ready"]');
    return page;
  }

  it('shows progress and the server’s Persian error per file, keeping the good one', async () => {
    const page = await openEditor();
    await page.setInputFiles('input[type="file"]', [
      { name: 'park.jpg', mimeType: 'image/jpeg', buffer: await noisyJpeg(900, 600) },
      { name: 'virus.jpg', mimeType: 'image/jpeg', buffer: elfBytes() },
    ]);
    await page.getByRole('button', { name: 'بارگذاری عکس' }).click();
    const rows = page.locator('.photo-upload__file');
    await expect.poll(async () => rows.count(), { timeout: 30_000 }).toBe(2);
    await expect.poll(async () => rows.nth(1).innerText(), { timeout: 30_000 }).toContain('نوع این پرونده پشتیبانی نمی‌شود؛ فقط JPEG، PNG و WebP.');
    await expect.poll(async () => rows.nth(0).innerText(), { timeout: 30_000 }).toContain('بارگذاری شد.');
    expect(await rows.nth(0).locator('progress').getAttribute('max')).toBe('100');
    expect(await page.locator('[data-upload-status]').innerText()).toContain('صفحه را تازه کنید');
    await screenshot(page, 'media-upload-partial-failure');
    await page.close();
  });

  it('uploads, then reloads to show the photos with caption and alt fields, accessibly', async () => {
    const page = await openEditor();
    await page.setInputFiles('input[type="file"]', [{ name: 'crew.jpg', mimeType: 'image/jpeg', buffer: await noisyJpeg(1100, 700) }]);
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'بارگذاری عکس' }).click()]);
    await page.waitForSelector('.photo-manager__item');
    expect(await page.locator('.photo-manager__item').count()).toBe(2);
    const loaded = await page.locator('.photo-manager__item img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    expect(loaded.every((w) => w > 0)).toBe(true);
    await page.getByLabel('زیرنویس عکس ۱').fill('بازدید از بوستان');
    expect(seriousViolations(await runAxe(page))).toEqual([]);
    await screenshot(page, 'media-photo-manager');
    await page.close();
    expect(cspViolations).toEqual([]);
  });
});
