import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import { auditLog } from '../../core/audit/audit.js';
import { createLocalDiskStorage, readAll, type Storage } from '../../core/storage/index.js';
import { createTestDatabase } from '../../../test/helpers/test-db.js';
import { createUserWithRole } from '../../../test/helpers/login.js';
import {
  GPS_IFD_TAG,
  flatImage,
  ifd0Tags,
  jpegWithGps,
  noisyJpeg,
  pngClaiming,
  SVG_WITH_SCRIPT,
  elfBytes,
} from '../../../test/fixtures/media/images.js';
import { MESSAGES } from './media.images.js';
import { createMediaService, parseRenditionFile, renditionUrl, type MediaActor } from './media.service.js';
import { mediaAssets, mediaAttachments, mediaRenditions } from './media.tables.js';

const t = await createTestDatabase();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'shahrnama-media-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let now = new Date('2025-01-10T08:00:00Z');
const clock: Clock = { now: () => now };
const storage = createLocalDiskStorage(path.join(tmp, 'media'));
const media = createMediaService({ db: t.db, clock, storage });

let reporter: MediaActor;
let photographer: MediaActor;
let editor: MediaActor;

beforeAll(async () => {
  const toActor = (u: { id: number; username: string }, role: MediaActor['roles']): MediaActor => ({ id: u.id, username: u.username, roles: role });
  reporter = toActor((await createUserWithRole(t, 'reporter')).user, ['reporter']);
  photographer = toActor((await createUserWithRole(t, 'photographer')).user, ['photographer']);
  editor = toActor((await createUserWithRole(t, 'pr_editor')).user, ['pr_editor']);
});

/** Every file under the storage root except in-flight temporaries. */
function storedFiles(root = storage.root): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

async function counts() {
  return {
    assets: (await t.db.select().from(mediaAssets)).length,
    renditions: (await t.db.select().from(mediaRenditions)).length,
    files: storedFiles().length,
  };
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

async function read(url: string): Promise<Buffer> {
  const [, , id, file] = url.split('/');
  const opened = await media.openRendition(id!, file!);
  expect(opened).not.toBeNull();
  return readAll(opened!.stream);
}

describe('ingest', () => {
  it('keeps taken-at and camera as data and serves renditions without EXIF or GPS', async () => {
    const upload = await jpegWithGps({ width: 2000, height: 1500 });
    const inputMeta = await sharp(upload).metadata();
    expect(ifd0Tags(inputMeta.exif)).toContain(GPS_IFD_TAG);

    const asset = await media.ingest(reporter, upload, { filename: 'DSC_0001.JPG', caption: 'بازدید شهردار  از بوستان', credit: 'روابط عمومی' });
    expect(asset).toMatchObject({
      mime: 'image/jpeg',
      width: 2000,
      height: 1500,
      bytes: upload.length,
      cameraMake: 'Canon',
      cameraModel: 'Canon EOS 90D',
      caption: 'بازدید شهردار از بوستان',
      alt: null,
      credit: 'روابط عمومی',
      uploadedBy: reporter.id,
      version: 1,
      deduplicated: false,
    });
    expect(asset.takenAt?.toISOString()).toBe('2024-05-06T06:50:30.000Z');
    expect(asset.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(asset.id).toMatch(/^[0-9a-f-]{36}$/);

    expect(asset.renditions.map((r) => `${r.width}.${r.format}`)).toEqual([
      '320.jpeg',
      '320.webp',
      '640.jpeg',
      '640.webp',
      '1024.jpeg',
      '1024.webp',
      '1600.jpeg',
      '1600.webp',
    ]);
    for (const r of asset.renditions) {
      expect(r.url).toBe(renditionUrl(asset, r.width, r.format));
      const bytes = await read(r.url);
      expect(bytes.length).toBe(r.bytes);
      const m = await sharp(bytes).metadata();
      expect(m.format).toBe(r.format);
      expect([m.width, m.height]).toEqual([r.width, Math.round((r.width * 1500) / 2000)]);
      expect(m.exif).toBeUndefined();
      expect(m.xmp).toBeUndefined();
      expect(m.icc).toBeUndefined();
      expect(bytes.includes(Buffer.from('Canon'))).toBe(false);
    }
    expect(asset.thumbUrl).toBe(`/media/${asset.id}/320.jpg`);
    expect(asset.fallbackUrl).toBe(`/media/${asset.id}/1024.jpg`);
    expect(asset.srcset.webp).toBe(
      [320, 640, 1024, 1600].map((w) => `/media/${asset.id}/${w}.webp ${w}w`).join(', '),
    );

    // The master is stored (for new renditions later), stripped too, and not reachable by URL.
    const master = await readAll((await storage.get(`${asset.id.slice(0, 2)}/${asset.id}/master.jpg`))!);
    const mm = await sharp(master).metadata();
    expect([mm.width, mm.height, mm.exif]).toEqual([2000, 1500, undefined]);
    expect(await media.openRendition(asset.id, 'master.jpg')).toBeNull();
    // The upload itself is not stored anywhere.
    for (const f of storedFiles()) expect(readFileSync(path.join(storage.root, f)).equals(upload)).toBe(false);

    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.entityId, asset.id));
    expect(audit).toMatchObject({ action: 'media.uploaded', actorUserId: reporter.id });
  });

  it('applies the EXIF orientation: a 6 turns landscape pixels into a portrait photo', async () => {
    const asset = await media.ingest(reporter, await jpegWithGps({ width: 800, height: 600, orientation: 6 }), { filename: 'phone.jpg' });
    expect([asset.width, asset.height]).toEqual([600, 800]);
    expect(asset.renditions.map((r) => [r.width, r.height, r.format])).toEqual([
      [320, 427, 'jpeg'],
      [320, 427, 'webp'],
      [600, 800, 'jpeg'],
      [600, 800, 'webp'],
    ]);
    const m = await sharp(await read(asset.renditions[2]!.url)).metadata();
    expect([m.width, m.height, m.orientation]).toEqual([600, 800, undefined]);
  });

  it('takes PNG and WebP; transparency is kept in WebP and flattened in JPEG', async () => {
    const png = await media.ingest(reporter, await flatImage('png', 500, 300, true), { filename: 'map.png' });
    expect(png.mime).toBe('image/png');
    expect(png.renditions.map((r) => `${r.width}.${r.format}`)).toEqual(['320.jpeg', '320.webp', '500.jpeg', '500.webp']);
    expect((await sharp(await read(png.renditions[1]!.url)).metadata()).hasAlpha).toBe(true);
    expect((await sharp(await read(png.renditions[0]!.url)).metadata()).hasAlpha).toBe(false);
    const webp = await media.ingest(reporter, await flatImage('webp', 300, 200), { filename: 'x.webp' });
    expect(webp.mime).toBe('image/webp');
    expect(webp.renditions.map((r) => r.width)).toEqual([300, 300]);
  });

  it('reads from a stream and refuses one past 15 MB without keeping anything', async () => {
    const before = await counts();
    const asset = await media.ingest(reporter, Readable.from([await noisyJpeg(400, 300)]), { filename: 's.jpg' });
    expect(asset.width).toBe(400);
    const after = await counts();
    expect(after.assets).toBe(before.assets + 1);

    async function* huge() {
      yield Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
      for (let i = 0; i < 16; i++) yield Buffer.alloc(1024 * 1024, 7);
    }
    const err = await refusal(media.ingest(reporter, Readable.from(huge()), { filename: 'big.jpg' }));
    expect([err.status, err.userMessage]).toEqual([413, MESSAGES.tooLarge]);
    expect(await counts()).toEqual(after);
  });

  it('refuses other types, pixel bombs and truncated files with Persian messages, writing nothing', async () => {
    const before = await counts();
    const cases: Array<[Buffer, number, string]> = [
      [elfBytes(), 415, MESSAGES.unsupported],
      [SVG_WITH_SCRIPT, 415, MESSAGES.unsupported],
      [pngClaiming(50_000, 50_000), 422, MESSAGES.tooManyPixels],
    ];
    const jpeg = await noisyJpeg(900, 700);
    cases.push([jpeg.subarray(0, Math.floor(jpeg.length / 2)), 422, MESSAGES.corrupt]);
    for (const [bytes, status, message] of cases) {
      const err = await refusal(media.ingest(reporter, bytes, { filename: 'photo.jpg' }));
      expect([err.status, err.userMessage]).toEqual([status, message]);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a caption longer than allowed before doing any image work', async () => {
    const err = await refusal(media.ingest(reporter, await noisyJpeg(100, 100), { filename: 'a.jpg', caption: 'ب'.repeat(1001) }));
    expect(err.status).toBe(422);
    expect(err.fieldErrors.caption).toContain('زیرنویس');
  });

  it('a storage failure half-way removes the files already written', async () => {
    let puts = 0;
    const flaky: Storage = {
      ...storage,
      async put(key, data) {
        puts += 1;
        if (puts === 4) throw new Error('disk full');
        return storage.put(key, data);
      },
      list: storage.list,
    };
    const fragile = createMediaService({ db: t.db, clock, storage: flaky });
    const before = await counts();
    await expect(fragile.ingest(reporter, await noisyJpeg(1300, 800), { filename: 'x.jpg' })).rejects.toThrow('disk full');
    expect(await counts()).toEqual(before);
  });

  it('a database failure after the files are written removes them too', async () => {
    const before = await counts();
    const ghost: MediaActor = { id: 2_000_000_000, username: 'ghost', roles: ['reporter'] };
    await expect(media.ingest(ghost, await noisyJpeg(500, 400), { filename: 'x.jpg' })).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });

  it('the same bytes from the same person are one asset; from someone else a new one', async () => {
    const bytes = await noisyJpeg(350, 250);
    const a = await media.ingest(photographer, bytes, { filename: 'a.jpg' });
    const before = await counts();
    const again = await media.ingest(photographer, bytes, { filename: 'a-copy.jpg' });
    expect(again).toMatchObject({ id: a.id, deduplicated: true });
    expect(await counts()).toEqual(before);
    const other = await media.ingest(reporter, bytes, { filename: 'a.jpg' });
    expect(other.id).not.toBe(a.id);
  });
});

describe('details', () => {
  it('normalises Persian text, bumps the version and refuses a stale one with 409', async () => {
    const a = await media.ingest(photographer, await noisyJpeg(400, 300), { filename: 'd.jpg' });
    const updated = await media.updateDetails(photographer, a.id, { caption: 'كودكان در پارك', alt: 'بچه ها روی تاب' }, 1);
    expect(updated).toMatchObject({ caption: 'کودکان در پارک', alt: 'بچه‌ها روی تاب', credit: null, version: 2 });
    const err = await refusal(media.updateDetails(photographer, a.id, { caption: 'دیگر' }, 1));
    expect(err.status).toBe(409);
    expect((await media.getAsset(a.id))?.caption).toBe('کودکان در پارک');
    // Absent fields keep what is stored; an empty one clears it.
    const cleared = await media.updateDetails(photographer, a.id, { alt: '' }, 2);
    expect(cleared).toMatchObject({ caption: 'کودکان در پارک', alt: null, version: 3 });
  });

  it('the uploader and the desk may edit; another writer may not, unless through an owner they edit', async () => {
    const a = await media.ingest(photographer, await noisyJpeg(300, 300), { filename: 'e.jpg' });
    expect((await refusal(media.updateDetails(reporter, a.id, { caption: 'x' }, 1))).status).toBe(403);
    await media.updateDetails(editor, a.id, { caption: 'ویرایش دبیر' }, 1);
    expect((await refusal(media.updateDetails(reporter, a.id, { caption: 'x' }, 2, { owner: { kind: 'news', id: 77 } }))).status).toBe(403);
    await media.attach(photographer, 'news', 77, a.id);
    const viaOwner = await media.updateDetails(reporter, a.id, { caption: 'از راه خبر' }, 2, { owner: { kind: 'news', id: 77 } });
    expect(viaOwner.caption).toBe('از راه خبر');
  });

  it('404 for an unknown or malformed id', async () => {
    expect((await refusal(media.updateDetails(editor, '00000000-0000-4000-8000-000000000000', {}, 1))).status).toBe(404);
    expect((await refusal(media.updateDetails(editor, '../etc', {}, 1))).status).toBe(404);
  });
});

describe('attachments', () => {
  const owner = { kind: 'news', id: 501 };
  let ids: string[] = [];

  beforeAll(async () => {
    ids = [];
    for (let i = 0; i < 3; i++) ids.push((await media.ingest(reporter, await noisyJpeg(330 + i, 240), { filename: `${i}.jpg` })).id);
  });

  const order = async () => (await media.listAttachments(owner.kind, owner.id)).map((p) => [ids.indexOf(p.id), p.position, p.isLead]);

  it('attaches in order; the first is the lead; attaching twice changes nothing', async () => {
    for (const id of ids) await media.attach(reporter, owner.kind, owner.id, id);
    await media.attach(reporter, owner.kind, owner.id, ids[0]!);
    expect(await order()).toEqual([
      [0, 0, true],
      [1, 1, false],
      [2, 2, false],
    ]);
    const listed = await media.listAttachments(owner.kind, owner.id);
    expect(listed[0]!.srcset.jpeg).toContain('320w');
  });

  it('reorders and sets the lead (one lead only)', async () => {
    await media.reorder(reporter, owner.kind, owner.id, [ids[2]!, ids[0]!, ids[1]!]);
    await media.setLead(reporter, owner.kind, owner.id, ids[1]!);
    expect(await order()).toEqual([
      [2, 0, false],
      [0, 1, false],
      [1, 2, true],
    ]);
    const leads = await t.db.select().from(mediaAttachments).where(eq(mediaAttachments.isLead, true));
    expect(leads.filter((l) => l.ownerId === owner.id)).toHaveLength(1);
  });

  it('a reorder that does not match the attached set is a 409', async () => {
    expect((await refusal(media.reorder(reporter, owner.kind, owner.id, [ids[0]!, ids[1]!]))).status).toBe(409);
    expect((await refusal(media.reorder(reporter, owner.kind, owner.id, [ids[0]!, ids[0]!, ids[1]!]))).status).toBe(409);
  });

  it('missingForSubmit names each photo without caption or alt, in Persian, keyed by input id', async () => {
    const errors = await media.missingForSubmit(owner.kind, owner.id);
    expect(errors[`caption_${ids[2]}`]).toBe('زیرنویس عکس ۱ را بنویسید.');
    expect(errors[`alt_${ids[1]}`]).toContain('متن جایگزین عکس ۳');
    expect(errors.media).toBe('پیش از ارسال، برای همهٔ عکس‌ها زیرنویس و متن جایگزین بنویسید (عکس ۱، ۲، ۳).');
    for (const id of ids) {
      const a = (await media.getAsset(id))!;
      await media.updateDetails(reporter, id, { caption: 'زیرنویس', alt: 'متن جایگزین' }, a.version);
    }
    expect(await media.missingForSubmit(owner.kind, owner.id)).toEqual({});
    expect(await media.missingForSubmit('news', 999)).toEqual({});
  });

  it('detaching the lead makes the first remaining photo lead and closes the gap', async () => {
    await media.detach(reporter, owner.kind, owner.id, ids[1]!);
    expect(await order()).toEqual([
      [2, 0, true],
      [0, 1, false],
    ]);
    expect(await media.getAsset(ids[1]!)).not.toBeNull();
    expect((await refusal(media.detach(reporter, owner.kind, owner.id, ids[1]!))).status).toBe(404);
  });

  it('savePhotoList applies details, lead and a move in one go; a stale version rolls all back', async () => {
    const [first, second] = await media.listAttachments(owner.kind, owner.id);
    const saved = await media.savePhotoList(reporter, owner.kind, owner.id, {
      details: [{ assetId: second!.id, version: second!.version, caption: 'تازه', alt: second!.alt, credit: 'عکاس' }],
      leadAssetId: second!.id,
      move: { assetId: second!.id, by: -1 },
    });
    expect(saved.map((p) => [p.id, p.isLead, p.caption])).toEqual([
      [second!.id, true, 'تازه'],
      [first!.id, false, first!.caption],
    ]);
    const err = await refusal(
      media.savePhotoList(reporter, owner.kind, owner.id, {
        details: [{ assetId: second!.id, version: second!.version, caption: 'کهنه' }],
        leadAssetId: first!.id,
      }),
    );
    expect(err.status).toBe(409);
    const now2 = await media.listAttachments(owner.kind, owner.id);
    expect(now2.map((p) => [p.id, p.isLead, p.caption])).toEqual([
      [second!.id, true, 'تازه'],
      [first!.id, false, first!.caption],
    ]);
  });

  it('savePhotoList collects field errors per photo', async () => {
    const [a, b] = await media.listAttachments(owner.kind, owner.id);
    const err = await refusal(
      media.savePhotoList(reporter, owner.kind, owner.id, {
        details: [
          { assetId: a!.id, version: a!.version, caption: 'x'.repeat(1001) },
          { assetId: b!.id, version: b!.version, alt: 'y'.repeat(301) },
        ],
      }),
    );
    expect(err.status).toBe(422);
    expect(Object.keys(err.fieldErrors).sort()).toEqual([`alt_${b!.id}`, `caption_${a!.id}`].sort());
  });

  it('owner kinds and ids are checked', async () => {
    expect((await refusal(media.attach(reporter, 'News; drop', 1, ids[0]!))).status).toBe(404);
    expect((await refusal(media.attach(reporter, 'news', 0, ids[0]!))).status).toBe(404);
    expect((await refusal(media.attach(reporter, 'news', 1, '00000000-0000-4000-8000-000000000000'))).status).toBe(404);
  });
});

describe('discard and sweep', () => {
  it('discard removes only the actor’s unattached photos, rows and files', async () => {
    const mine = await media.ingest(photographer, await noisyJpeg(310, 200), { filename: 'm.jpg' });
    const attached = await media.ingest(photographer, await noisyJpeg(311, 200), { filename: 'n.jpg' });
    const theirs = await media.ingest(reporter, await noisyJpeg(312, 200), { filename: 'o.jpg' });
    await media.attach(photographer, 'news', 900, attached.id);
    await media.discard(photographer, [mine.id, attached.id, theirs.id]);
    expect(await media.getAsset(mine.id)).toBeNull();
    expect(storedFiles().some((f) => f.includes(mine.id))).toBe(false);
    expect(await media.getAsset(attached.id)).not.toBeNull();
    expect(await media.getAsset(theirs.id)).not.toBeNull();
  });

  it('sweeps files without a row after the grace period, and old unattached assets when asked', async () => {
    const sweepRoot = path.join(tmp, 'sweep');
    const s = createLocalDiskStorage(sweepRoot);
    const svc = createMediaService({ db: t.db, clock, storage: s });
    const kept = await svc.ingest(reporter, await noisyJpeg(320, 200), { filename: 'k.jpg' });
    await svc.attach(reporter, 'news', 1000, kept.id);
    const loose = await svc.ingest(editor, await noisyJpeg(321, 200), { filename: 'l.jpg' });
    // Files of an ingest that crashed before its row: one old, one in flight.
    const orphanId = '0f0f0f0f-0000-4000-8000-000000000001';
    const fresh = '0f0f0f0f-0000-4000-8000-000000000002';
    await s.put(`0f/${orphanId}/320.webp`, Buffer.from('x'));
    await s.put(`0f/${fresh}/320.webp`, Buffer.from('y'));
    await s.put('unrelated/readme.txt', Buffer.from('not ours'));
    const old = new Date(now.getTime() - 2 * 3600_000);
    utimesSync(path.join(sweepRoot, '0f', orphanId, '320.webp'), old, old);
    for (const f of storedFiles(sweepRoot)) if (f.includes(kept.id) || f.includes(loose.id) || f.startsWith('unrelated')) utimesSync(path.join(sweepRoot, f), old, old);

    const r1 = await svc.sweepOrphans();
    expect(r1).toMatchObject({ filesDeleted: 1, assetsDeleted: 0 });
    expect(await s.exists(`0f/${orphanId}/320.webp`)).toBe(false);
    expect(await s.exists(`0f/${fresh}/320.webp`)).toBe(true);
    expect(await s.exists('unrelated/readme.txt')).toBe(true);
    expect(await svc.getAsset(loose.id)).not.toBeNull();

    now = new Date(now.getTime() + 25 * 3600_000);
    const r2 = await svc.sweepOrphans({ unattachedMaxAgeMs: 24 * 3600_000 });
    expect(r2.assetsDeleted).toBeGreaterThanOrEqual(1);
    expect(await svc.getAsset(loose.id)).toBeNull();
    expect(storedFiles(sweepRoot).some((f) => f.includes(loose.id))).toBe(false);
    expect(await svc.getAsset(kept.id)).not.toBeNull();
    expect(storedFiles(sweepRoot).filter((f) => f.includes(kept.id)).length).toBe(kept.renditions.length + 1);
  });
});

describe('urls', () => {
  it('round-trips the file part of a rendition URL', () => {
    expect(renditionUrl('abc', 640, 'jpeg')).toBe('/media/abc/640.jpg');
    expect(parseRenditionFile('640.jpg')).toEqual({ width: 640, format: 'jpeg' });
    expect(parseRenditionFile('1600.webp')).toEqual({ width: 1600, format: 'webp' });
    for (const bad of ['master.jpg', '0640.jpg', '640.jpeg', '640.png', '../1.jpg', '640.jpg.exe']) expect(parseRenditionFile(bad)).toBeNull();
  });
});
