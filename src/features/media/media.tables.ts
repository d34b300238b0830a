import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.tables.js';

export const MEDIA_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type MediaMimeType = (typeof MEDIA_MIME_TYPES)[number];

export const RENDITION_FORMATS = ['webp', 'jpeg'] as const;
export type RenditionFormat = (typeof RENDITION_FORMATS)[number];

/**
 * One uploaded photo. The id is a random uuid because it appears in public URLs and
 * must not be guessable. The upload itself is never kept: only a normalised master
 * (full-size JPEG, orientation applied, no metadata) and the renditions are stored.
 * Taken-at and camera are read from EXIF before it is stripped and kept here as data.
 */
export const mediaAssets = pgTable(
  'media_assets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** sha256 (hex) of the uploaded bytes: the same upload by the same person is one asset. */
    sha256: text('sha256').notNull(),
    /** Sniffed from the bytes, never taken from the file name or the browser's claim. */
    mime: text('mime', { enum: MEDIA_MIME_TYPES }).notNull(),
    /** After orientation is applied. */
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** Size of the upload in bytes. */
    bytes: integer('bytes').notNull(),
    caption: text('caption'),
    alt: text('alt'),
    credit: text('credit'),
    takenAt: timestamp('taken_at', { withTimezone: true }),
    cameraMake: text('camera_make'),
    cameraModel: text('camera_model'),
    /** Storage key of the normalised full-size JPEG, kept to make new renditions later; not served. */
    masterKey: text('master_key').notNull(),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('media_assets_uploader_sha_idx').on(t.uploadedBy, t.sha256),
    index('media_assets_created_idx').on(t.createdAt),
    check('media_assets_sha_ck', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('media_assets_dims_ck', sql`${t.width} > 0 and ${t.height} > 0 and ${t.bytes} > 0`),
  ],
);

/** A resized copy at a fixed width, in WebP or JPEG, with all metadata stripped. */
export const mediaRenditions = pgTable(
  'media_renditions',
  {
    assetId: uuid('asset_id')
      .notNull()
      .references(() => mediaAssets.id, { onDelete: 'cascade' }),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    format: text('format', { enum: RENDITION_FORMATS }).notNull(),
    storageKey: text('storage_key').notNull(),
    bytes: integer('bytes').notNull(),
  },
  (t) => [
    primaryKey({ name: 'media_renditions_pk', columns: [t.assetId, t.width, t.format] }),
    uniqueIndex('media_renditions_key_uq').on(t.storageKey),
    check('media_renditions_dims_ck', sql`${t.width} > 0 and ${t.height} > 0 and ${t.bytes} > 0`),
  ],
);

/**
 * Photos attached to something that owns them (a news item: owner_kind 'news'), in the
 * writer's order, with at most one lead photo per owner. The owner is named by kind and
 * id rather than a foreign key so media depends on no other feature's tables.
 */
export const mediaAttachments = pgTable(
  'media_attachments',
  {
    ownerKind: text('owner_kind').notNull(),
    ownerId: integer('owner_id').notNull(),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => mediaAssets.id, { onDelete: 'restrict' }),
    position: integer('position').notNull(),
    isLead: boolean('is_lead').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'media_attachments_pk', columns: [t.ownerKind, t.ownerId, t.assetId] }),
    uniqueIndex('media_attachments_one_lead_uq').on(t.ownerKind, t.ownerId).where(sql`${t.isLead}`),
    index('media_attachments_asset_idx').on(t.assetId),
    check('media_attachments_kind_ck', sql`${t.ownerKind} ~ '^[a-z][a-z_]{0,31}$'`),
    check('media_attachments_position_ck', sql`${t.position} >= 0`),
  ],
);
