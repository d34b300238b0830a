// Drizzle queries for media only; the service decides what and when.
import { and, asc, eq, inArray, lt, notExists, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/index.js';
import { mediaAssets, mediaAttachments, mediaRenditions, type RenditionFormat } from './media.tables.js';

export type AssetRow = typeof mediaAssets.$inferSelect;
export type NewAssetRow = typeof mediaAssets.$inferInsert;
export type RenditionRow = typeof mediaRenditions.$inferSelect;
export type AttachmentRow = typeof mediaAttachments.$inferSelect;

export async function insertAsset(db: DbOrTx, row: NewAssetRow): Promise<AssetRow> {
  const [r] = await db.insert(mediaAssets).values(row).returning();
  return r!;
}

export async function insertRenditions(db: DbOrTx, rows: RenditionRow[]): Promise<void> {
  if (rows.length) await db.insert(mediaRenditions).values(rows);
}

export async function findAsset(db: DbOrTx, id: string, options: { forUpdate?: boolean } = {}): Promise<AssetRow | null> {
  const q = db.select().from(mediaAssets).where(eq(mediaAssets.id, id));
  const [r] = options.forUpdate ? await q.for('update') : await q;
  return r ?? null;
}

export async function findAssetsByIds(db: DbOrTx, ids: readonly string[]): Promise<AssetRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(mediaAssets).where(inArray(mediaAssets.id, [...ids]));
}

export async function findAssetByUploaderSha(db: DbOrTx, uploadedBy: number, sha256: string): Promise<AssetRow | null> {
  const [r] = await db
    .select()
    .from(mediaAssets)
    .where(and(eq(mediaAssets.uploadedBy, uploadedBy), eq(mediaAssets.sha256, sha256)))
    .orderBy(asc(mediaAssets.createdAt))
    .limit(1);
  return r ?? null;
}

export async function renditionsOf(db: DbOrTx, assetIds: readonly string[]): Promise<RenditionRow[]> {
  if (assetIds.length === 0) return [];
  return db
    .select()
    .from(mediaRenditions)
    .where(inArray(mediaRenditions.assetId, [...assetIds]))
    .orderBy(asc(mediaRenditions.width), asc(mediaRenditions.format));
}

export async function findRendition(db: DbOrTx, assetId: string, width: number, format: RenditionFormat): Promise<RenditionRow | null> {
  const [r] = await db
    .select()
    .from(mediaRenditions)
    .where(and(eq(mediaRenditions.assetId, assetId), eq(mediaRenditions.width, width), eq(mediaRenditions.format, format)));
  return r ?? null;
}

export async function updateAssetDetails(
  db: DbOrTx,
  id: string,
  expectedVersion: number,
  patch: { caption: string | null; alt: string | null; credit: string | null },
  now: Date,
): Promise<AssetRow | null> {
  const [r] = await db
    .update(mediaAssets)
    .set({ ...patch, updatedAt: now, version: sql`${mediaAssets.version} + 1` })
    .where(and(eq(mediaAssets.id, id), eq(mediaAssets.version, expectedVersion)))
    .returning();
  return r ?? null;
}

export async function deleteAssets(db: DbOrTx, ids: readonly string[]): Promise<void> {
  if (ids.length) await db.delete(mediaAssets).where(inArray(mediaAssets.id, [...ids]));
}

/** Attachments of one owner in the writer's order. */
export async function attachmentsOf(db: DbOrTx, ownerKind: string, ownerId: number): Promise<AttachmentRow[]> {
  return db
    .select()
    .from(mediaAttachments)
    .where(and(eq(mediaAttachments.ownerKind, ownerKind), eq(mediaAttachments.ownerId, ownerId)))
    .orderBy(asc(mediaAttachments.position), asc(mediaAttachments.createdAt), asc(mediaAttachments.assetId));
}

/** Serialises changes to one owner's photos (order and lead) inside the caller's transaction. */
export async function lockOwner(db: DbOrTx, ownerKind: string, ownerId: number): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`media:${ownerKind}`}), ${ownerId})`);
}

export async function insertAttachment(db: DbOrTx, row: typeof mediaAttachments.$inferInsert): Promise<boolean> {
  const r = await db.insert(mediaAttachments).values(row).onConflictDoNothing().returning({ assetId: mediaAttachments.assetId });
  return r.length > 0;
}

export async function deleteAttachment(db: DbOrTx, ownerKind: string, ownerId: number, assetId: string): Promise<boolean> {
  const r = await db
    .delete(mediaAttachments)
    .where(and(eq(mediaAttachments.ownerKind, ownerKind), eq(mediaAttachments.ownerId, ownerId), eq(mediaAttachments.assetId, assetId)))
    .returning({ assetId: mediaAttachments.assetId });
  return r.length > 0;
}

export async function setAttachmentPosition(db: DbOrTx, ownerKind: string, ownerId: number, assetId: string, position: number): Promise<void> {
  await db
    .update(mediaAttachments)
    .set({ position })
    .where(and(eq(mediaAttachments.ownerKind, ownerKind), eq(mediaAttachments.ownerId, ownerId), eq(mediaAttachments.assetId, assetId)));
}

export async function setLead(db: DbOrTx, ownerKind: string, ownerId: number, assetId: string | null): Promise<void> {
  // Clear first, then set: the partial unique index allows one lead at any moment.
  await db
    .update(mediaAttachments)
    .set({ isLead: false })
    .where(and(eq(mediaAttachments.ownerKind, ownerKind), eq(mediaAttachments.ownerId, ownerId), eq(mediaAttachments.isLead, true)));
  if (assetId !== null) {
    await db
      .update(mediaAttachments)
      .set({ isLead: true })
      .where(and(eq(mediaAttachments.ownerKind, ownerKind), eq(mediaAttachments.ownerId, ownerId), eq(mediaAttachments.assetId, assetId)));
  }
}

export async function isAttached(db: DbOrTx, assetId: string): Promise<boolean> {
  const [r] = await db.select({ one: sql<number>`1` }).from(mediaAttachments).where(eq(mediaAttachments.assetId, assetId)).limit(1);
  return r !== undefined;
}

export async function isAttachedTo(db: DbOrTx, ownerKind: string, ownerId: number, assetId: string): Promise<boolean> {
  const [r] = await db
    .select({ one: sql<number>`1` })
    .from(mediaAttachments)
    .where(and(eq(mediaAttachments.ownerKind, ownerKind), eq(mediaAttachments.ownerId, ownerId), eq(mediaAttachments.assetId, assetId)))
    .limit(1);
  return r !== undefined;
}

/** Of the given ids, those that have an asset row. */
export async function existingAssetIds(db: DbOrTx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: mediaAssets.id }).from(mediaAssets).where(inArray(mediaAssets.id, [...ids]));
  return new Set(rows.map((r) => r.id));
}

/** Assets attached to nothing and created before `before`, oldest first. */
export async function unattachedAssetsBefore(db: DbOrTx, before: Date, limit: number): Promise<AssetRow[]> {
  return db
    .select()
    .from(mediaAssets)
    .where(
      and(
        lt(mediaAssets.createdAt, before),
        notExists(db.select({ one: sql`1` }).from(mediaAttachments).where(eq(mediaAttachments.assetId, mediaAssets.id))),
      ),
    )
    .orderBy(asc(mediaAssets.createdAt))
    .limit(limit);
}
