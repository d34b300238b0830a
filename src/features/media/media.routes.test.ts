import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TABLE } from '../../access-table.js';
import { systemClock } from '../../core/clock.js';
import { registerAccessControl } from '../../core/http/access.js';
import type { CurrentUser } from '../../core/http/current-user.js';
import { registerErrorHandler } from '../../core/http/error-handler.js';
import { createLocalDiskStorage } from '../../core/storage/index.js';
import { buildTestApp, type CookieJar } from '../../../test/helpers/build-app.js';
import { createUserWithRole, csrfTokenFor, loginAs } from '../../../test/helpers/login.js';
import {
  GPS_IFD_TAG,
  SVG_WITH_SCRIPT,
  elfBytes,
  ifd0Tags,
  jpegWithGps,
  multipartBody,
  noisyJpeg,
  pngClaiming,
} from '../../../test/fixtures/media/images.js';
import { MESSAGES } from './media.images.js';
import { mediaRoutes } from './media.routes.js';
import { createMediaService } from './media.service.js';
import { mediaAssets } from './media.tables.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shahrnama-media-routes-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const mediaRoot = path.join(dataDir, 'media');

const { app, database } = await buildTestApp({ env: { DATA_DIR: dataDir } });

function storedFiles(): string[] {
  if (!existsSync(mediaRoot)) return [];
  return readdirSync(mediaRoot, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(mediaRoot, path.join(e.parentPath, e.name)));
}

async function assetCount(): Promise<number> {
  return (await database.db.select().from(mediaAssets)).length;
}

let jar: CookieJar;
let token: string;

beforeAll(async () => {
  const { user, password } = await createUserWithRole(database, 'reporter');
  jar = await loginAs(app, user.username, password);
  token = await csrfTokenFor(app, jar);
});

type File = { filename: string; data: Buffer; contentType?: string };

async function upload(files: File[], options: { fields?: Record<string, string>; json?: boolean; csrf?: 'header' | 'query' | 'none'; query?: string } = {}) {
  const { body, contentType } = multipartBody(options.fields ?? {}, files);
  const csrf = options.csrf ?? 'header';
  const query = [options.query, csrf === 'query' ? `_csrf=${encodeURIComponent(token)}` : undefined].filter(Boolean).join('&');
  return app.inject({
    method: 'POST',
    url: `/staff/media${query ? `?${query}` : ''}`,
    headers: {
      cookie: jar.header(),
      'content-type': contentType,
      accept: options.json === false ? 'text/html' : 'application/json',
      ...(csrf === 'header' ? { 'x-csrf-token': token } : {}),
    },
    payload: body,
  });
}

/** A refused upload: the status, the Persian message, and nothing written anywhere. */
async function expectRefused(files: File[], status: number, message: string) {
  const before = { assets: await assetCount(), files: storedFiles() };
  const res = await upload(files);
  expect(res.statusCode).toBe(status);
  expect(res.json().error.message).toBe(message);
  expect({ assets: await assetCount(), files: storedFiles() }).toEqual(before);
}

describe('POST /staff/media', () => {
  it('uploads with the CSRF header and answers JSON for the island; renditions carry no GPS', async () => {
    const photo = await jpegWithGps({ width: 1400, height: 1000 });
    expect(ifd0Tags((await sharp(photo).metadata()).exif)).toContain(GPS_IFD_TAG);
    const res = await upload([{ filename: 'IMG_1.jpg', data: photo }]);
    expect(res.statusCode).toBe(201);
    const json = res.json();
    expect(json).toMatchObject({ width: 1400, height: 1000, mime: 'image/jpeg', version: 1, deduplicated: false });
    expect(json.thumbUrl).toBe(`/media/${json.id}/320.jpg`);
    expect(json.assets).toHaveLength(1);
    expect(json.renditions.map((r: { url: string }) => r.url)).toContain(`/media/${json.id}/1024.webp`);

    for (const r of json.renditions as Array<{ url: string; format: string; width: number }>) {
      const img = await app.inject({ method: 'GET', url: r.url });
      expect(img.statusCode).toBe(200);
      const bytes = img.rawPayload;
      const m = await sharp(bytes).metadata();
      expect(m.exif).toBeUndefined();
      expect(m.width).toBe(r.width);
      // No metadata container at all (checked structurally: a raw byte search for "GPS"
      // can match compressed image data by chance).
      expect(m.xmp).toBeUndefined();
    }
  });

  it('serves renditions with long caching, the right type, an ETag, nosniff; 304 and HEAD work', async () => {
    const res = await upload([{ filename: 'b.png', data: await noisyJpeg(700, 500), contentType: 'image/png' }]);
    const { id } = res.json();
    const webp = await app.inject({ method: 'GET', url: `/media/${id}/640.webp` });
    expect(webp.statusCode).toBe(200);
    expect(webp.headers['content-type']).toBe('image/webp');
    expect(webp.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(webp.headers['x-content-type-options']).toBe('nosniff');
    expect(Number(webp.headers['content-length'])).toBe(webp.rawPayload.length);
    const etag = String(webp.headers.etag);
    expect(etag).toMatch(/^".+"$/);
    const again = await app.inject({ method: 'GET', url: `/media/${id}/640.webp`, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const jpg = await app.inject({ method: 'GET', url: `/media/${id}/700.jpg` });
    expect(jpg.headers['content-type']).toBe('image/jpeg');
    const head = await app.inject({ method: 'HEAD', url: `/media/${id}/320.jpg` });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });

  it('404 in Persian for unknown photos, sizes, the master and odd names', async () => {
    const { id } = (await upload([{ filename: 'c.jpg', data: await noisyJpeg(330, 200) }])).json();
    for (const url of [
      `/media/${id}/1600.webp`,
      `/media/${id}/master.jpg`,
      `/media/${id}/320.png`,
      '/media/00000000-0000-4000-8000-000000000000/320.jpg',
      '/media/not-a-uuid/320.jpg',
      `/media/${id}/..%2f..%2fsession-secret`,
    ]) {
      const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain('پیدا نشد');
    }
  });

  it('refuses a renamed executable (415), an SVG with a script (415), a pixel bomb and a truncated JPEG (422)', async () => {
    await expectRefused([{ filename: 'photo.jpg', data: elfBytes() }], 415, MESSAGES.unsupported);
    await expectRefused([{ filename: 'logo.svg', data: SVG_WITH_SCRIPT, contentType: 'image/svg+xml' }], 415, MESSAGES.unsupported);
    await expectRefused([{ filename: 'huge.png', data: pngClaiming(50_000, 50_000), contentType: 'image/png' }], 422, MESSAGES.tooManyPixels);
    const jpeg = await noisyJpeg(800, 600);
    await expectRefused([{ filename: 'cut.jpg', data: jpeg.subarray(0, Math.floor(jpeg.length * 0.5)) }], 422, MESSAGES.corrupt);
  });

  it('refuses a file over 15 MB with 413 and writes nothing', async () => {
    const big = Buffer.alloc(15 * 1024 * 1024 + 10, 1);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    await expectRefused([{ filename: 'big.jpg', data: big }], 413, MESSAGES.tooLarge);
  });

  it('is all or nothing: a bad second file throws away the first', async () => {
    await expectRefused(
      [
        { filename: 'good.jpg', data: await noisyJpeg(360, 240) },
        { filename: 'bad.jpg', data: elfBytes() },
      ],
      415,
      MESSAGES.unsupported,
    );
  });

  it('more than 10 files at once: 413 in Persian and nothing kept', async () => {
    const files: File[] = [];
    for (let i = 0; i < 11; i++) files.push({ filename: `f${i}.jpg`, data: await noisyJpeg(40 + i, 30) });
    await expectRefused(files, 413, 'در هر بار حداکثر ۱۰ پرونده را بفرستید.');
  });

  it('a request cut off in the middle of a file keeps nothing, not even the complete file before it', async () => {
    const before = { assets: await assetCount(), files: storedFiles() };
    const { body, contentType } = multipartBody({}, [
      { filename: 'whole.jpg', data: await noisyJpeg(380, 250) },
      { filename: 'cut.jpg', data: await noisyJpeg(600, 400) },
    ]);
    const res = await app.inject({
      method: 'POST',
      url: '/staff/media',
      headers: { cookie: jar.header(), 'x-csrf-token': token, 'content-type': contentType, accept: 'application/json' },
      payload: body.subarray(0, body.length - 20_000),
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect({ assets: await assetCount(), files: storedFiles() }).toEqual(before);
  });

  it('without a CSRF token: 403 and nothing written', async () => {
    const before = { assets: await assetCount(), files: storedFiles() };
    const res = await upload([{ filename: 'x.jpg', data: await noisyJpeg(300, 200) }], { csrf: 'none' });
    expect(res.statusCode).toBe(403);
    expect({ assets: await assetCount(), files: storedFiles() }).toEqual(before);
  });

  it('the no-JS form (token in the query) redirects back to a safe local path with a flash', async () => {
    const ok = await upload([{ filename: 'n.jpg', data: await noisyJpeg(300, 210) }], {
      csrf: 'query',
      json: false,
      fields: { return: '/staff/news/12/edit' },
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/staff/news/12/edit');
    expect(String(ok.headers['set-cookie'])).toContain('flash=');
    const evil = await upload([{ filename: 'n2.jpg', data: await noisyJpeg(300, 211) }], { csrf: 'query', json: false, fields: { return: '//evil.example/' } });
    expect(evil.headers.location).toBe('/staff');
  });

  it('an HTML error page in Persian for the no-JS form', async () => {
    const res = await upload([{ filename: 'p.jpg', data: elfBytes() }], { csrf: 'query', json: false });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('نوع این پرونده پشتیبانی نمی‌شود');
  });

  it('no file chosen is a 422; a form that is not multipart is a 415; unknown fields and owners are refused', async () => {
    const empty = await upload([{ filename: '', data: Buffer.alloc(0), contentType: 'application/octet-stream' }]);
    expect(empty.statusCode).toBe(422);
    const plain = await app.inject({
      method: 'POST',
      url: '/staff/media',
      headers: { cookie: jar.header(), 'x-csrf-token': token, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      payload: 'caption=x',
    });
    expect(plain.statusCode).toBe(415);
    const before = await assetCount();
    const odd = await upload([{ filename: 'o.jpg', data: await noisyJpeg(300, 212) }], { fields: { evil: '1' } });
    expect(odd.statusCode).toBe(422);
    const owner = await upload([{ filename: 'o.jpg', data: await noisyJpeg(300, 213) }], { fields: { owner_kind: 'news', owner_id: '1' } });
    expect(owner.statusCode).toBe(404);
    expect(await assetCount()).toBe(before);
  });

  it('is closed to anonymous visitors and to roles that do not write', async () => {
    const { body, contentType } = multipartBody({}, [{ filename: 'a.jpg', data: await noisyJpeg(100, 100) }]);
    const anon = await app.inject({ method: 'POST', url: '/staff/media', headers: { 'content-type': contentType, accept: 'application/json' }, payload: body });
    expect(anon.statusCode).toBe(401);
    const { user, password } = await createUserWithRole(database, 'official');
    const officialJar = await loginAs(app, user.username, password);
    const officialToken = await csrfTokenFor(app, officialJar);
    const res = await app.inject({
      method: 'POST',
      url: '/staff/media',
      headers: { cookie: officialJar.header(), 'x-csrf-token': officialToken, 'content-type': contentType, accept: 'application/json' },
      payload: body,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('POST /staff/media/:id', () => {
  it('updates caption, alt and credit with the version; a stale version is a 409', async () => {
    const { id } = (await upload([{ filename: 'd.jpg', data: await noisyJpeg(320, 230) }])).json();
    const post = (payload: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `/staff/media/${id}`,
        headers: { cookie: jar.header(), 'x-csrf-token': token, accept: 'application/json' },
        payload,
      });
    const ok = await post({ caption: 'افتتاح  بوستان', alt: 'نوار افتتاح', credit: 'عکاس منطقه', version: '1' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ caption: 'افتتاح بوستان', alt: 'نوار افتتاح', credit: 'عکاس منطقه', version: 2 });
    const stale = await post({ caption: 'دیگر', version: '1' });
    expect(stale.statusCode).toBe(409);
    const noVersion = await post({ caption: 'دیگر' });
    expect(noVersion.statusCode).toBe(422);
    const unknownField = await post({ caption: 'دیگر', version: '2', owner: 'x' });
    expect(unknownField.statusCode).toBe(422);
  });
});

describe('owner photo lists (with an owner kind registered)', () => {
  let mini: FastifyInstance;
  const allowed = new Set([7]);
  const mediaDir = mkdtempSync(path.join(os.tmpdir(), 'shahrnama-media-owner-'));
  afterAll(() => rmSync(mediaDir, { recursive: true, force: true }));
  const reporterUser: CurrentUser = {
    id: 0,
    username: 'r',
    displayName: 'ر',
    memberships: [],
    roles: ['reporter'],
    mustChangePassword: false,
    via: 'session',
  };

  beforeAll(async () => {
    const { user } = await createUserWithRole(database, 'reporter');
    reporterUser.id = user.id;
    reporterUser.username = user.username;
    const media = createMediaService({ db: database.db, clock: systemClock, storage: createLocalDiskStorage(mediaDir) });
    // The real plugin in a small app: a signed-in reporter, the access gate, the error handler.
    mini = Fastify({ logger: false });
    mini.decorateRequest('currentUser', null);
    mini.addHook('onRequest', async (request) => {
      request.currentUser = reporterUser;
    });
    await mini.register(cookie, { secret: 'a-test-secret-that-is-long-enough-for-signing' });
    await mini.register(formbody);
    registerErrorHandler(mini, (_req, view) => `<p>${view.message}</p>`);
    registerAccessControl(mini, ACCESS_TABLE, { loginPath: '/login' });
    await mini.register(mediaRoutes, {
      media,
      owners: {
        test: {
          async canEdit(_user, ownerId) {
            if (ownerId === 404) throw Object.assign(new Error('no such owner'), { statusCode: 404 });
            return allowed.has(ownerId);
          },
        },
      },
    });
    await mini.ready();
  });
  afterAll(() => mini?.close());

  const send = async (ownerId: number, data: Buffer) => {
    const { body, contentType } = multipartBody({ owner_kind: 'test', owner_id: String(ownerId), return: '/staff/test/7' }, [{ filename: 'x.jpg', data }]);
    return mini.inject({ method: 'POST', url: '/staff/media', headers: { 'content-type': contentType, accept: 'application/json' }, payload: body });
  };
  const list = async () => {
    const res = await mini.inject({
      method: 'POST',
      url: '/staff/media/owners/test/7',
      headers: { accept: 'application/json' },
      payload: { action: 'save' },
    });
    expect(res.statusCode).toBe(200);
    return res.json().photos as Array<{ id: string; version: number; isLead: boolean; caption: string | null; position: number }>;
  };

  it('an upload for an owner attaches the photos in order, the first as lead', async () => {
    const a = await send(7, await noisyJpeg(340, 200));
    const b = await send(7, await noisyJpeg(341, 200));
    expect(a.statusCode).toBe(201);
    const photos = await list();
    expect(photos.map((p) => [p.id, p.isLead])).toEqual([
      [a.json().id, true],
      [b.json().id, false],
    ]);
  });

  it('an owner the user may not edit: 403 before any work, nothing written', async () => {
    const before = readdirSync(mediaDir).length;
    const res = await send(8, await noisyJpeg(342, 200));
    expect(res.statusCode).toBe(403);
    expect(readdirSync(mediaDir).length).toBe(before);
  });

  it('the PhotoManager form saves details and lead, moves and removes; each redirects back', async () => {
    const [first, second] = await list();
    const form = (fields: Record<string, string>) =>
      mini.inject({
        method: 'POST',
        url: '/staff/media/owners/test/7',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        payload: new URLSearchParams(fields).toString(),
      });
    const saved = await form({
      return: '/staff/test/7',
      [`caption_${first!.id}`]: 'زیرنویس یک',
      [`alt_${first!.id}`]: 'متن یک',
      [`credit_${first!.id}`]: '',
      [`version_${first!.id}`]: String(first!.version),
      [`caption_${second!.id}`]: '',
      [`alt_${second!.id}`]: '',
      [`credit_${second!.id}`]: '',
      [`version_${second!.id}`]: String(second!.version),
      lead: second!.id,
      action: `up:${second!.id}`,
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/staff/test/7');
    let photos = await list();
    expect(photos.map((p) => [p.id, p.isLead, p.caption])).toEqual([
      [second!.id, true, null],
      [first!.id, false, 'زیرنویس یک'],
    ]);
    const stale = await form({ [`caption_${first!.id}`]: 'کهنه', [`version_${first!.id}`]: String(first!.version), action: 'save' });
    expect(stale.statusCode).toBe(409);
    const bad = await form({ action: 'explode' });
    expect(bad.statusCode).toBe(422);
    const removed = await form({ action: `remove:${second!.id}` });
    expect(removed.statusCode).toBe(303);
    photos = await list();
    expect(photos.map((p) => [p.id, p.isLead])).toEqual([[first!.id, true]]);
  });

  it('unknown owner kinds are 404; the owner feature can answer 404 itself; others are 403', async () => {
    const post = (url: string) => mini.inject({ method: 'POST', url, headers: { accept: 'application/json' }, payload: { action: 'save' } });
    expect((await post('/staff/media/owners/nope/7')).statusCode).toBe(404);
    expect((await post('/staff/media/owners/test/404')).statusCode).toBe(404);
    expect((await post('/staff/media/owners/test/8')).statusCode).toBe(403);
    expect((await post('/staff/media/owners/test/abc')).statusCode).toBe(404);
  });
});
