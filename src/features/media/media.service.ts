// Photos: ingest (type from the bytes, limits, EXIF facts read then stripped, upright
// renditions), details with optimistic versions, attachments in the writer's order with
// one lead photo, and the sweep that keeps storage and database in step.
//
// Files are written before the row and removed again if anything fails, so a rejected
// or half-finished upload leaves nothing behind; a crash between the two leaves files
// without a row, which sweepOrphans() removes after a grace period.
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Clock } from '../../core/clock.js';
import { recordAudit } from '../../core/audit/audit.js';
import { withTransaction, type Db, type DbOrTx } from '../../core/db/index.js';
import { AppError, conflict, forbidden, notFound, type FieldErrors } from '../../core/errors.js';
import { parseInput } from '../../core/http/forms.js';
import { toPersianDigits } from '../../core/persian/index.js';
import type { Storage } from '../../core/storage/index.js';
import {
  MAX_UPLOAD_BYTES,
  fileTooLarge,
  probeImage,
  renderMaster,
  renderRenditions,
  type RenderedImage,
} from './media.images.js';
import { mediaDetailsSchema, type MediaDetailsInput } from './media.inputs.js';
import { mayDiscard, mayEditDetails, type MediaActor } from './media.policy.js';
import * as repo from './media.repository.js';
import type { AssetRow, RenditionRow } from './media.repository.js';
import type { MediaMimeType, RenditionFormat } from './media.tables.js';

export type { MediaActor };

export interface MediaServiceDeps {
  db: Db;
  clock: Clock;
  storage: Storage;
  /** Photos decoded at once in this process (each may take a few hundred MB at 40 MP). Default 2. */
  maxConcurrentIngests?: number;
  /** Return the existing asset when the same person uploads the same bytes again. Default true. */
  dedupe?: boolean;
}

export interface RenditionView {
  width: number;
  height: number;
  format: RenditionFormat;
  bytes: number;
  url: string;
}

export interface MediaAsset {
  id: string;
  mime: MediaMimeType;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  caption: string | null;
  alt: string | null;
  credit: string | null;
  takenAt: Date | null;
  cameraMake: string | null;
  cameraModel: string | null;
  uploadedBy: number;
  createdAt: Date;
  version: number;
  renditions: RenditionView[];
  /** The smallest JPEG: works in every browser. */
  thumbUrl: string;
  /** A JPEG about 1024 px wide (or the largest there is) for `<img src>`. */
  fallbackUrl: string;
  srcset: { webp: string; jpeg: string };
}

export interface IngestedAsset extends MediaAsset {
  /** True when this person had uploaded the same bytes before and that asset is returned. */
  deduplicated: boolean;
}

export interface AttachedPhoto extends MediaAsset {
  position: number;
  isLead: boolean;
}

export interface IngestOptions {
  /** As uploaded; recorded in the audit trail only. */
  filename: string;
  caption?: string | null;
  alt?: string | null;
  credit?: string | null;
}

export interface PhotoListChange {
  /** Caption, alt and credit per photo, with the version the form showed. */
  details?: Array<{ assetId: string; version: number } & MediaDetailsInput>;
  leadAssetId?: string | null;
  move?: { assetId: string; by: -1 | 1 };
  remove?: string;
}

export interface OpenedRendition {
  stream: Readable;
  bytes: number;
  contentType: 'image/webp' | 'image/jpeg';
  etag: string;
}

export interface SweepOptions {
  /** Files younger than this are left alone: an ingest may be between its files and its row. Default 1 h. */
  graceMs?: number;
  /**
   * Also delete assets attached to nothing that are older than this (rows and files).
   * Off by default: a photo used only inline in a body must be attached, or it would go.
   */
  unattachedMaxAgeMs?: number | null;
}

export interface SweepResult {
  filesDeleted: number;
  assetsDeleted: number;
  incompletePurged: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OWNER_KIND = /^[a-z][a-z_]{0,31}$/;
const FILE_NAME = /^([1-9][0-9]{0,4})\.(webp|jpg)$/;
const EXT: Record<RenditionFormat, string> = { webp: 'webp', jpeg: 'jpg' };
const CONTENT_TYPE: Record<RenditionFormat, 'image/webp' | 'image/jpeg'> = { webp: 'image/webp', jpeg: 'image/jpeg' };
const fa = (n: number) => toPersianDigits(String(n));

export function isAssetId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function isOwnerKind(value: unknown): value is string {
  return typeof value === 'string' && OWNER_KIND.test(value);
}

/** Public URL of one rendition: `/media/<uuid>/<width>.<webp|jpg>`. */
export function renditionUrl(asset: string | { id: string }, width: number, format: RenditionFormat): string {
  const id = typeof asset === 'string' ? asset : asset.id;
  return `/media/${id}/${width}.${EXT[format]}`;
}

/** Parses the `<width>.<webp|jpg>` part of a media URL. */
export function parseRenditionFile(file: string): { width: number; format: RenditionFormat } | null {
  const m = FILE_NAME.exec(file);
  if (!m) return null;
  return { width: Number(m[1]), format: m[2] === 'jpg' ? 'jpeg' : 'webp' };
}

/** Storage layout: `<first two hex digits>/<uuid>/<name>`, so no folder grows too large. */
export function storageKeyOf(assetId: string, name: string): string {
  return `${assetId.slice(0, 2)}/${assetId}/${name}`;
}

function assetIdOfKey(key: string): string | null {
  const parts = key.split('/');
  if (parts.length !== 3 || !isAssetId(parts[1]) || parts[0] !== parts[1]!.slice(0, 2)) return null;
  return parts[1]!;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads a stream into memory, refusing (413) past the upload limit without buffering the rest. */
async function readLimited(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += b.length;
    if (total > limit) {
      stream.destroy();
      throw fileTooLarge();
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** A tiny counting semaphore: at most `max` jobs run at once, the rest wait in order. */
function createLimiter(max: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async function run<T>(job: () => Promise<T>): Promise<T> {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await job();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

function cleanFilename(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f\u007f]/g, '');
  return base.slice(0, 200);
}

function toView(row: AssetRow, renditions: RenditionRow[]): MediaAsset {
  const views: RenditionView[] = renditions
    .filter((r) => r.assetId === row.id)
    .sort((a, b) => a.width - b.width || a.format.localeCompare(b.format))
    .map((r) => ({ width: r.width, height: r.height, format: r.format, bytes: r.bytes, url: renditionUrl(row.id, r.width, r.format) }));
  const jpegs = views.filter((v) => v.format === 'jpeg');
  const webps = views.filter((v) => v.format === 'webp');
  const thumb = jpegs[0];
  const fallback = [...jpegs].reverse().find((v) => v.width <= 1024) ?? thumb;
  const srcset = (list: RenditionView[]) => list.map((v) => `${v.url} ${v.width}w`).join(', ');
  return {
    id: row.id,
    mime: row.mime,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    sha256: row.sha256,
    caption: row.caption,
    alt: row.alt,
    credit: row.credit,
    takenAt: row.takenAt,
    cameraMake: row.cameraMake,
    cameraModel: row.cameraModel,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt,
    version: row.version,
    renditions: views,
    thumbUrl: thumb?.url ?? '',
    fallbackUrl: fallback?.url ?? '',
    srcset: { webp: srcset(webps), jpeg: srcset(jpegs) },
  };
}

function ownerKindOrThrow(kind: string): string {
  if (!isOwnerKind(kind)) throw notFound();
  return kind;
}

function ownerIdOrThrow(id: number): number {
  if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647) throw notFound();
  return id;
}

const photoNotFound = () => notFound('عکس پیدا نشد.');

export function createMediaService(deps: MediaServiceDeps) {
  const { db, clock, storage } = deps;
  const limit = createLimiter(Math.max(1, deps.maxConcurrentIngests ?? 2));
  const dedupe = deps.dedupe ?? true;

  /** Runs in the caller's transaction when given one, else in a new one. */
  function inTx<T>(tx: DbOrTx | undefined, work: (tx: DbOrTx) => Promise<T>): Promise<T> {
    return tx ? work(tx) : withTransaction(db, work);
  }

  async function viewsOf(handle: DbOrTx, rows: AssetRow[]): Promise<MediaAsset[]> {
    const renditions = await repo.renditionsOf(
      handle,
      rows.map((r) => r.id),
    );
    return rows.map((r) => toView(r, renditions));
  }

  async function deleteKeys(keys: readonly string[]): Promise<number> {
    const results = await Promise.allSettled(keys.map((k) => storage.delete(k)));
    return results.filter((r) => r.status === 'fulfilled').length;
  }

  function audit(handle: DbOrTx, actor: MediaActor, action: string, entityId: string, details: Record<string, unknown>, entityType = 'media_asset') {
    return recordAudit(handle, {
      actorUserId: actor.id,
      actorLabel: actor.username,
      ip: actor.ip ?? null,
      action,
      entityType,
      entityId,
      details,
    });
  }

  function parseDetails(input: MediaDetailsInput, current?: { caption: string | null; alt: string | null; credit: string | null }) {
    const present: Record<string, string> = {};
    for (const k of ['caption', 'alt', 'credit'] as const) {
      const v = input[k];
      if (v !== undefined) present[k] = v ?? '';
    }
    const parsed = parseInput(mediaDetailsSchema, present);
    return {
      caption: 'caption' in present ? parsed.caption : (current?.caption ?? null),
      alt: 'alt' in present ? parsed.alt : (current?.alt ?? null),
      credit: 'credit' in present ? parsed.credit : (current?.credit ?? null),
    };
  }

  // ---------------------------------------------------------------- ingest

  async function ingest(actor: MediaActor, input: Buffer | Readable, options: IngestOptions): Promise<IngestedAsset> {
    const bytes = Buffer.isBuffer(input) ? input : await readLimited(input, MAX_UPLOAD_BYTES);
    if (bytes.length > MAX_UPLOAD_BYTES) throw fileTooLarge();
    const details = parseDetails({ caption: options.caption, alt: options.alt, credit: options.credit });
    const probe = await probeImage(bytes);
    const hash = sha256(bytes);

    if (dedupe) {
      const existing = await repo.findAssetByUploaderSha(db, actor.id, hash);
      if (existing) {
        const [view] = await viewsOf(db, [existing]);
        return { ...view!, deduplicated: true };
      }
    }

    return limit(async () => {
      const id = randomUUID();
      const written: string[] = [];
      const put = async (name: string, image: RenderedImage) => {
        const key = storageKeyOf(id, name);
        // Recorded before the write so a write that fails half-way is cleaned up too.
        written.push(key);
        await storage.put(key, image.data);
        return key;
      };
      try {
        const master = await renderMaster(bytes);
        const masterKey = await put('master.jpg', master);
        const renditions: RenditionRow[] = [];
        for await (const r of renderRenditions(bytes, master.width)) {
          const storageKey = await put(`${r.width}.${EXT[r.format]}`, r);
          renditions.push({ assetId: id, width: r.width, height: r.height, format: r.format, storageKey, bytes: r.data.length });
        }
        const now = clock.now();
        const row = await withTransaction(db, async (tx) => {
          const inserted = await repo.insertAsset(tx, {
            id,
            sha256: hash,
            mime: probe.mime,
            width: master.width,
            height: master.height,
            bytes: bytes.length,
            caption: details.caption,
            alt: details.alt,
            credit: details.credit,
            takenAt: probe.takenAt,
            cameraMake: probe.cameraMake,
            cameraModel: probe.cameraModel,
            masterKey,
            uploadedBy: actor.id,
            createdAt: now,
            updatedAt: now,
          });
          await repo.insertRenditions(tx, renditions);
          await audit(tx, actor, 'media.uploaded', id, {
            filename: cleanFilename(options.filename),
            mime: probe.mime,
            width: master.width,
            height: master.height,
            bytes: bytes.length,
            sha256: hash,
          });
          return inserted;
        });
        return { ...toView(row, renditions), deduplicated: false };
      } catch (err) {
        await deleteKeys(written);
        throw err;
      }
    });
  }

  // ---------------------------------------------------------------- reading

  async function getAsset(id: string, tx?: DbOrTx): Promise<MediaAsset | null> {
    if (!isAssetId(id)) return null;
    const row = await repo.findAsset(tx ?? db, id);
    if (!row) return null;
    const [view] = await viewsOf(tx ?? db, [row]);
    return view!;
  }

  /** Several assets by id, in the order asked; unknown ids are left out. */
  async function getAssets(ids: readonly string[], tx?: DbOrTx): Promise<MediaAsset[]> {
    const valid = [...new Set(ids.filter(isAssetId))];
    const rows = await repo.findAssetsByIds(tx ?? db, valid);
    const views = await viewsOf(tx ?? db, rows);
    const byId = new Map(views.map((v) => [v.id, v]));
    return valid.map((id) => byId.get(id)).filter((v): v is MediaAsset => v !== undefined);
  }

  async function listAttachments(ownerKind: string, ownerId: number, tx?: DbOrTx): Promise<AttachedPhoto[]> {
    if (!isOwnerKind(ownerKind)) return [];
    const handle = tx ?? db;
    const links = await repo.attachmentsOf(handle, ownerKind, ownerId);
    const rows = await repo.findAssetsByIds(
      handle,
      links.map((l) => l.assetId),
    );
    const views = new Map((await viewsOf(handle, rows)).map((v) => [v.id, v]));
    return links.flatMap((l, index) => {
      const v = views.get(l.assetId);
      return v ? [{ ...v, position: index, isLead: l.isLead }] : [];
    });
  }

  /**
   * Field errors for photos that still lack a caption or alt text (empty: ready). Keys
   * `caption_<uuid>` / `alt_<uuid>` are the PhotoManager's input ids, so an error
   * summary can link to them; `media` is a one-line summary.
   */
  async function missingForSubmit(ownerKind: string, ownerId: number, tx?: DbOrTx): Promise<FieldErrors> {
    const photos = await listAttachments(ownerKind, ownerId, tx);
    const errors: FieldErrors = {};
    const incomplete: string[] = [];
    photos.forEach((p, i) => {
      const n = fa(i + 1);
      if (!p.caption) errors[`caption_${p.id}`] = `زیرنویس عکس ${n} را بنویسید.`;
      if (!p.alt) errors[`alt_${p.id}`] = `متن جایگزین عکس ${n} را بنویسید (برای کسانی که عکس را نمی‌بینند).`;
      if (!p.caption || !p.alt) incomplete.push(n);
    });
    if (incomplete.length) {
      errors.media = `پیش از ارسال، برای همهٔ عکس‌ها زیرنویس و متن جایگزین بنویسید (عکس ${incomplete.join('، ')}).`;
    }
    return errors;
  }

  async function openRendition(assetId: string, file: string): Promise<OpenedRendition | null> {
    if (!isAssetId(assetId)) return null;
    const parsed = parseRenditionFile(file);
    if (!parsed) return null;
    const row = await repo.findRendition(db, assetId, parsed.width, parsed.format);
    if (!row) return null;
    const stream = await storage.get(row.storageKey);
    if (!stream) return null;
    return {
      stream,
      bytes: row.bytes,
      contentType: CONTENT_TYPE[parsed.format],
      // Renditions never change under a URL: the key itself is a strong validator.
      etag: `"${assetId}-${parsed.width}-${parsed.format}"`,
    };
  }

  // ---------------------------------------------------------------- details

  async function updateDetails(
    actor: MediaActor,
    id: string,
    input: MediaDetailsInput,
    expectedVersion: number,
    options: { owner?: { kind: string; id: number }; tx?: DbOrTx } = {},
  ): Promise<MediaAsset> {
    if (!isAssetId(id)) throw photoNotFound();
    return inTx(options.tx, async (tx) => {
      const current = await repo.findAsset(tx, id, { forUpdate: true });
      if (!current) throw photoNotFound();
      const viaOwner = options.owner ? await repo.isAttachedTo(tx, options.owner.kind, options.owner.id, id) : false;
      if (!mayEditDetails(actor, current, viaOwner)) throw forbidden();
      if (current.version !== expectedVersion) {
        throw conflict('زیرنویس یا مشخصات این عکس هم‌زمان توسط شخص دیگری تغییر کرده است. صفحه را دوباره باز کنید و تغییرات را دوباره اعمال کنید.');
      }
      const next = parseDetails(input, current);
      const unchanged = next.caption === current.caption && next.alt === current.alt && next.credit === current.credit;
      if (unchanged) return (await viewsOf(tx, [current]))[0]!;
      const updated = await repo.updateAssetDetails(tx, id, expectedVersion, next, clock.now());
      if (!updated) throw conflict();
      await audit(tx, actor, 'media.details_updated', id, {
        before: { caption: current.caption, alt: current.alt, credit: current.credit },
        after: next,
        version: updated.version,
      });
      return (await viewsOf(tx, [updated]))[0]!;
    });
  }

  // ---------------------------------------------------------------- attachments

  async function renumber(tx: DbOrTx, ownerKind: string, ownerId: number, orderedIds: readonly string[]) {
    for (const [position, assetId] of orderedIds.entries()) await repo.setAttachmentPosition(tx, ownerKind, ownerId, assetId, position);
  }

  /** Adds a photo at the end of an owner's list; the first photo becomes the lead. Attaching twice is a no-op. */
  async function attach(actor: MediaActor, ownerKind: string, ownerId: number, assetId: string, tx?: DbOrTx): Promise<void> {
    ownerKindOrThrow(ownerKind);
    ownerIdOrThrow(ownerId);
    if (!isAssetId(assetId)) throw photoNotFound();
    await inTx(tx, async (t) => {
      if (!(await repo.findAsset(t, assetId))) throw photoNotFound();
      await repo.lockOwner(t, ownerKind, ownerId);
      const current = await repo.attachmentsOf(t, ownerKind, ownerId);
      if (current.some((a) => a.assetId === assetId)) return;
      const position = current.reduce((m, a) => Math.max(m, a.position + 1), 0);
      await repo.insertAttachment(t, { ownerKind, ownerId, assetId, position, isLead: !current.some((a) => a.isLead), createdAt: clock.now() });
      await audit(t, actor, 'media.attached', assetId, { ownerKind, ownerId, position });
    });
  }

  /** Removes a photo from an owner (the asset stays); if it was the lead, the first remaining photo becomes lead. */
  async function detach(actor: MediaActor, ownerKind: string, ownerId: number, assetId: string, tx?: DbOrTx): Promise<void> {
    ownerKindOrThrow(ownerKind);
    ownerIdOrThrow(ownerId);
    if (!isAssetId(assetId)) throw photoNotFound();
    await inTx(tx, async (t) => {
      await repo.lockOwner(t, ownerKind, ownerId);
      const current = await repo.attachmentsOf(t, ownerKind, ownerId);
      const gone = current.find((a) => a.assetId === assetId);
      if (!gone) throw photoNotFound();
      await repo.deleteAttachment(t, ownerKind, ownerId, assetId);
      const rest = current.filter((a) => a.assetId !== assetId);
      await renumber(
        t,
        ownerKind,
        ownerId,
        rest.map((a) => a.assetId),
      );
      if (gone.isLead && rest[0]) await repo.setLead(t, ownerKind, ownerId, rest[0].assetId);
      await audit(t, actor, 'media.detached', assetId, { ownerKind, ownerId });
    });
  }

  /** Puts an owner's photos in the given order; the list must be exactly the attached photos. */
  async function reorder(actor: MediaActor, ownerKind: string, ownerId: number, orderedAssetIds: readonly string[], tx?: DbOrTx): Promise<void> {
    ownerKindOrThrow(ownerKind);
    ownerIdOrThrow(ownerId);
    await inTx(tx, async (t) => {
      await repo.lockOwner(t, ownerKind, ownerId);
      const current = await repo.attachmentsOf(t, ownerKind, ownerId);
      const wanted = new Set(orderedAssetIds);
      const same =
        wanted.size === orderedAssetIds.length && wanted.size === current.length && current.every((a) => wanted.has(a.assetId));
      if (!same) {
        throw conflict('فهرست عکس‌ها هم‌زمان تغییر کرده است. صفحه را دوباره باز کنید و ترتیب را دوباره بچینید.');
      }
      await renumber(t, ownerKind, ownerId, orderedAssetIds);
      await audit(t, actor, 'media.reordered', `${ownerKind}:${ownerId}`, { order: orderedAssetIds }, 'media_owner');
    });
  }

  /** Makes one attached photo the lead photo of its owner. */
  async function setLead(actor: MediaActor, ownerKind: string, ownerId: number, assetId: string, tx?: DbOrTx): Promise<void> {
    ownerKindOrThrow(ownerKind);
    ownerIdOrThrow(ownerId);
    if (!isAssetId(assetId)) throw photoNotFound();
    await inTx(tx, async (t) => {
      await repo.lockOwner(t, ownerKind, ownerId);
      const current = await repo.attachmentsOf(t, ownerKind, ownerId);
      const target = current.find((a) => a.assetId === assetId);
      if (!target) throw photoNotFound();
      if (target.isLead) return;
      await repo.setLead(t, ownerKind, ownerId, assetId);
      await audit(t, actor, 'media.lead_set', assetId, { ownerKind, ownerId });
    });
  }

  /**
   * What the PhotoManager form posts, applied in one transaction: details of each photo
   * (only those that changed; a stale version is a 409), the lead, then one move or removal.
   * The caller has checked that the actor may edit the owner.
   */
  async function savePhotoList(actor: MediaActor, ownerKind: string, ownerId: number, change: PhotoListChange): Promise<AttachedPhoto[]> {
    ownerKindOrThrow(ownerKind);
    ownerIdOrThrow(ownerId);
    return withTransaction(db, async (tx) => {
      await repo.lockOwner(tx, ownerKind, ownerId);
      const attached = await repo.attachmentsOf(tx, ownerKind, ownerId);
      const isHere = (id: string) => attached.some((a) => a.assetId === id);
      const errors: FieldErrors = {};
      for (const d of change.details ?? []) {
        if (!isHere(d.assetId)) continue;
        try {
          await updateDetails(actor, d.assetId, d, d.version, { owner: { kind: ownerKind, id: ownerId }, tx });
        } catch (err) {
          // Collect every photo's field errors so the writer sees them all at once.
          if (err instanceof AppError && err.status === 422) {
            for (const [k, v] of Object.entries(err.fieldErrors)) errors[`${k}_${d.assetId}`] = v;
          } else throw err;
        }
      }
      if (Object.keys(errors).length) {
        throw new AppError('validation_failed', 422, 'اطلاعات عکس‌ها کامل یا درست نیست.', errors);
      }
      if (change.leadAssetId && isHere(change.leadAssetId)) await setLead(actor, ownerKind, ownerId, change.leadAssetId, tx);
      if (change.move && isHere(change.move.assetId)) {
        const order = attached.map((a) => a.assetId);
        const from = order.indexOf(change.move.assetId);
        const to = from + change.move.by;
        if (to >= 0 && to < order.length) {
          [order[from], order[to]] = [order[to]!, order[from]!];
          await reorder(actor, ownerKind, ownerId, order, tx);
        }
      }
      if (change.remove && isHere(change.remove)) await detach(actor, ownerKind, ownerId, change.remove, tx);
      return listAttachments(ownerKind, ownerId, tx);
    });
  }

  // ---------------------------------------------------------------- removal

  async function removeAssets(handle: DbOrTx, rows: AssetRow[]): Promise<string[]> {
    const renditions = await repo.renditionsOf(
      handle,
      rows.map((r) => r.id),
    );
    await repo.deleteAssets(
      handle,
      rows.map((r) => r.id),
    );
    return [...rows.map((r) => r.masterKey), ...renditions.map((r) => r.storageKey)];
  }

  /**
   * Throws away photos the actor uploaded that are attached to nothing (an upload batch
   * that failed part-way). Rows go in one transaction, then the files.
   */
  async function discard(actor: MediaActor, assetIds: readonly string[]): Promise<void> {
    const ids = [...new Set(assetIds.filter(isAssetId))];
    if (ids.length === 0) return;
    const keys = await withTransaction(db, async (tx) => {
      const rows = await repo.findAssetsByIds(tx, ids);
      const removable: AssetRow[] = [];
      for (const row of rows) {
        if (!mayDiscard(actor, row) || (await repo.isAttached(tx, row.id))) continue;
        removable.push(row);
        await audit(tx, actor, 'media.discarded', row.id, { sha256: row.sha256 });
      }
      return removeAssets(tx, removable);
    });
    await deleteKeys(keys);
  }

  /**
   * Keeps storage and database in step: deletes files whose asset has no row (older than
   * the grace period), leftovers of interrupted writes, and — when asked — assets that
   * were never attached to anything. Safe to run while uploads happen.
   */
  async function sweepOrphans(options: SweepOptions = {}): Promise<SweepResult> {
    const now = clock.now();
    const graceMs = options.graceMs ?? 3_600_000;
    const cutoff = new Date(now.getTime() - graceMs);
    let assetsDeleted = 0;
    let filesDeleted = 0;

    if (options.unattachedMaxAgeMs !== undefined && options.unattachedMaxAgeMs !== null) {
      const before = new Date(now.getTime() - options.unattachedMaxAgeMs);
      for (;;) {
        const keys = await withTransaction(db, async (tx) => {
          const rows = await repo.unattachedAssetsBefore(tx, before, 100);
          // Row locks: an attach racing with the sweep either waits or finds the asset gone.
          const locked: AssetRow[] = [];
          for (const r of rows) {
            const row = await repo.findAsset(tx, r.id, { forUpdate: true });
            if (row && !(await repo.isAttached(tx, row.id))) locked.push(row);
          }
          assetsDeleted += locked.length;
          return locked.length ? removeAssets(tx, locked) : null;
        });
        if (keys === null) break;
        filesDeleted += await deleteKeys(keys);
      }
    }

    // Files whose asset row does not exist, in batches.
    let batch: Array<{ key: string; assetId: string }> = [];
    const flush = async () => {
      const known = await repo.existingAssetIds(db, [...new Set(batch.map((b) => b.assetId))]);
      filesDeleted += await deleteKeys(batch.filter((b) => !known.has(b.assetId)).map((b) => b.key));
      batch = [];
    };
    for await (const object of storage.list()) {
      const assetId = assetIdOfKey(object.key);
      // Keys outside our layout are not ours to judge; leave them.
      if (!assetId || object.modifiedAt >= cutoff) continue;
      batch.push({ key: object.key, assetId });
      if (batch.length >= 500) await flush();
    }
    if (batch.length) await flush();

    const incompletePurged = storage.purgeIncomplete ? await storage.purgeIncomplete(cutoff) : 0;
    return { filesDeleted, assetsDeleted, incompletePurged };
  }

  return {
    ingest,
    getAsset,
    getAssets,
    listAttachments,
    missingForSubmit,
    openRendition,
    updateDetails,
    attach,
    detach,
    reorder,
    setLead,
    savePhotoList,
    discard,
    sweepOrphans,
    renditionUrl,
  };
}

export type MediaService = ReturnType<typeof createMediaService>;
