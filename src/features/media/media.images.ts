// Image work, kept apart from storage and the database: decide the type from the bytes,
// read the header before decoding anything, then make the stripped, upright renditions.
import sharp, { type Metadata } from 'sharp';
import { AppError } from '../../core/errors.js';
import { toPersianDigits } from '../../core/persian/index.js';
import { readExifFacts, type ExifFacts } from './media.exif.js';
import type { MediaMimeType, RenditionFormat } from './media.tables.js';

/** Renditions are made at these widths (never wider than the photo itself). */
export const RENDITION_WIDTHS = [320, 640, 1024, 1600] as const;
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
export const MAX_PIXELS = 40_000_000;

export const MESSAGES = {
  unsupported: 'نوع این پرونده پشتیبانی نمی‌شود؛ فقط JPEG، PNG و WebP.',
  tooLarge: `حجم پرونده بیش از ${toPersianDigits('15')} مگابایت است.`,
  tooManyPixels: 'ابعاد تصویر بیش از حد مجاز است.',
  corrupt: 'پرونده ناقص یا خراب است.',
  empty: 'پرونده‌ای انتخاب نشده یا پرونده خالی است.',
} as const;

export const unsupportedType = () => new AppError('media_unsupported_type', 415, MESSAGES.unsupported, { file: MESSAGES.unsupported });
export const fileTooLarge = () => new AppError('media_too_large', 413, MESSAGES.tooLarge, { file: MESSAGES.tooLarge });
export const tooManyPixels = () => new AppError('media_too_many_pixels', 422, MESSAGES.tooManyPixels, { file: MESSAGES.tooManyPixels });
export const corruptFile = () => new AppError('media_corrupt', 422, MESSAGES.corrupt, { file: MESSAGES.corrupt });
export const emptyFile = () => new AppError('media_empty', 422, MESSAGES.empty, { file: MESSAGES.empty });

const SHARP_FORMAT: Record<MediaMimeType, string> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * The type from the magic bytes only; the file name and the browser's content type are
 * not trusted. Anything else (GIF, SVG, HEIC, a renamed executable) is null.
 */
export function sniffImageType(bytes: Buffer): MediaMimeType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') {
    return 'image/webp';
  }
  return null;
}

export interface Probe extends ExifFacts {
  mime: MediaMimeType;
  /** Upright dimensions (EXIF orientation applied). */
  width: number;
  height: number;
  hasAlpha: boolean;
}

/**
 * Checks type and header dimensions without decoding pixels: a PNG whose header claims
 * 50000×50000 is refused here, before any pixel memory is allocated.
 */
export async function probeImage(bytes: Buffer): Promise<Probe> {
  if (bytes.length === 0) throw emptyFile();
  if (bytes.length > MAX_UPLOAD_BYTES) throw fileTooLarge();
  const mime = sniffImageType(bytes);
  if (!mime) throw unsupportedType();
  let meta: Metadata;
  try {
    // Header only; the pixel limit is checked by us below with a clear message.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw corruptFile();
  }
  if (meta.format !== SHARP_FORMAT[mime]) throw unsupportedType();
  const rawWidth = meta.width ?? 0;
  const rawHeight = meta.height ?? 0;
  if (rawWidth <= 0 || rawHeight <= 0) throw corruptFile();
  if (rawWidth * rawHeight > MAX_PIXELS) throw tooManyPixels();
  const upright = meta.autoOrient ?? { width: rawWidth, height: rawHeight };
  return {
    mime,
    width: upright.width,
    height: upright.height,
    hasAlpha: meta.hasAlpha === true,
    ...readExifFacts(meta.exif),
  };
}

export interface RenderedImage {
  width: number;
  height: number;
  format: RenditionFormat;
  data: Buffer;
}

/** The widths to make for a photo `width` wide: the fixed ones below it, then its own width capped at the largest. */
export function renditionWidths(width: number): number[] {
  const largest = RENDITION_WIDTHS[RENDITION_WIDTHS.length - 1]!;
  const out: number[] = RENDITION_WIDTHS.filter((w) => w < width);
  const top = Math.min(width, largest);
  if (!out.includes(top)) out.push(top);
  return out;
}

function pipelineFor(bytes: Buffer) {
  // failOn 'truncated': a JPEG cut short is refused instead of rendered half grey.
  // rotate() applies the EXIF orientation; output carries no metadata unless asked.
  return sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'truncated' }).rotate();
}

async function encode(bytes: Buffer, width: number | null, format: RenditionFormat, quality: number): Promise<RenderedImage> {
  // mozjpeg's trellis search is worth it for served sizes but takes seconds on a full-size master.
  const mozjpeg = width !== null;
  let p = pipelineFor(bytes);
  if (width !== null) p = p.resize({ width, withoutEnlargement: true });
  const { data, info } =
    format === 'webp'
      ? await p.webp({ quality, effort: 4 }).toBuffer({ resolveWithObject: true })
      : await p
          .flatten({ background: '#ffffff' })
          .jpeg({ quality, mozjpeg, progressive: true })
          .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, format, data };
}

/** Decodes and encodes; any decoder complaint (truncated, corrupt) becomes the Persian 422. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw corruptFile();
  }
}

/** The normalised full-size master: upright JPEG without metadata. Not served; kept to re-render. */
export function renderMaster(bytes: Buffer): Promise<RenderedImage> {
  return guarded(() => encode(bytes, null, 'jpeg', 90));
}

/** Every rendition of a photo `width` wide, in WebP and JPEG. */
export async function* renderRenditions(bytes: Buffer, width: number): AsyncGenerator<RenderedImage> {
  for (const w of renditionWidths(width)) {
    yield await guarded(() => encode(bytes, w, 'webp', 80));
    yield await guarded(() => encode(bytes, w, 'jpeg', 82));
  }
}
