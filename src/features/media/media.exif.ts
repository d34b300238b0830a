// A small, defensive reader for the three EXIF facts we keep as data: when the photo was
// taken (DateTimeOriginal, with OffsetTimeOriginal when the camera wrote one) and the
// camera's make and model. Input is the EXIF block sharp reports ("Exif\0\0" + TIFF).
// Every offset is bounds-checked; anything odd yields null for that fact, never a throw.
import { tehranWallClockToDate } from '../../core/persian/tehran-time.js';

export interface ExifFacts {
  takenAt: Date | null;
  cameraMake: string | null;
  cameraModel: string | null;
}

const TAG_MAKE = 0x010f;
const TAG_MODEL = 0x0110;
const TAG_EXIF_IFD = 0x8769;
const TAG_DATE_TIME_ORIGINAL = 0x9003;
const TAG_DATE_TIME_DIGITIZED = 0x9004;
const TAG_OFFSET_TIME_ORIGINAL = 0x9011;
const TYPE_ASCII = 2;
const TYPE_LONG = 4;
const MAX_ENTRIES = 512;
const MAX_TEXT = 128;

const NONE: ExifFacts = { takenAt: null, cameraMake: null, cameraModel: null };

interface Tiff {
  buf: Buffer;
  /** Start of the TIFF header: offsets in the file are relative to it. */
  base: number;
  little: boolean;
}

function u16(t: Tiff, at: number): number | null {
  if (at < 0 || at + 2 > t.buf.length) return null;
  return t.little ? t.buf.readUInt16LE(at) : t.buf.readUInt16BE(at);
}

function u32(t: Tiff, at: number): number | null {
  if (at < 0 || at + 4 > t.buf.length) return null;
  return t.little ? t.buf.readUInt32LE(at) : t.buf.readUInt32BE(at);
}

interface Entry {
  type: number;
  count: number;
  /** Absolute position of the entry's 4-byte value/offset field. */
  valueField: number;
}

/** The entries of the IFD at TIFF offset `offset`, keyed by tag; empty when out of bounds. */
function readIfd(t: Tiff, offset: number): Map<number, Entry> {
  const entries = new Map<number, Entry>();
  const start = t.base + offset;
  const n = u16(t, start);
  if (n === null || n > MAX_ENTRIES) return entries;
  for (let i = 0; i < n; i++) {
    const at = start + 2 + i * 12;
    const tag = u16(t, at);
    const type = u16(t, at + 2);
    const count = u32(t, at + 4);
    if (tag === null || type === null || count === null || at + 12 > t.buf.length) break;
    if (!entries.has(tag)) entries.set(tag, { type, count, valueField: at + 8 });
  }
  return entries;
}

/** An ASCII value, trimmed of NULs and spaces, with control characters removed; null if absent or odd. */
function ascii(t: Tiff, e: Entry | undefined): string | null {
  if (!e || e.type !== TYPE_ASCII || e.count === 0 || e.count > 4096) return null;
  let start: number;
  if (e.count <= 4) start = e.valueField;
  else {
    const off = u32(t, e.valueField);
    if (off === null) return null;
    start = t.base + off;
  }
  if (start < 0 || start + e.count > t.buf.length) return null;
  const raw = t.buf.subarray(start, start + e.count).toString('latin1');
  // eslint-disable-next-line no-control-regex
  const text = raw.replace(/\u0000[\s\S]*$/, '').replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  if (text === '') return null;
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
}

function long(t: Tiff, e: Entry | undefined): number | null {
  if (!e || e.type !== TYPE_LONG || e.count !== 1) return null;
  return u32(t, e.valueField);
}

/** "YYYY:MM:DD HH:MM:SS" (+ optional "+HH:MM") to an instant; the wall clock is Tehran's when no offset is given. */
export function parseExifDateTime(value: string | null, offset: string | null): Date | null {
  if (!value) return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  const o = offset ? /^([+-])(\d{2}):(\d{2})$/.exec(offset.trim()) : null;
  if (o) {
    const sign = o[1] === '-' ? -1 : 1;
    const minutes = Number(o[2]) * 60 + Number(o[3]);
    if (minutes > 14 * 60) return null;
    return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - sign * minutes * 60_000);
  }
  // Cameras keep local time without a zone; this is a Tehran municipality's camera.
  return tehranWallClockToDate({ year, month, day, hour, minute, second });
}

/** Reads taken-at and camera make/model from an EXIF block; whatever cannot be read is null. */
export function readExifFacts(exif: Buffer | undefined | null): ExifFacts {
  if (!exif || exif.length < 8) return NONE;
  let base = 0;
  if (exif.length >= 6 && exif.subarray(0, 6).toString('latin1') === 'Exif\u0000\u0000') base = 6;
  const order = exif.subarray(base, base + 2).toString('latin1');
  if (order !== 'II' && order !== 'MM') return NONE;
  const t: Tiff = { buf: exif, base, little: order === 'II' };
  if (u16(t, base + 2) !== 42) return NONE;
  const ifd0Offset = u32(t, base + 4);
  if (ifd0Offset === null || ifd0Offset < 8) return NONE;
  const ifd0 = readIfd(t, ifd0Offset);
  const cameraMake = ascii(t, ifd0.get(TAG_MAKE));
  const cameraModel = ascii(t, ifd0.get(TAG_MODEL));
  let takenAt: Date | null = null;
  const exifOffset = long(t, ifd0.get(TAG_EXIF_IFD));
  if (exifOffset !== null && exifOffset >= 8 && exifOffset !== ifd0Offset) {
    const sub = readIfd(t, exifOffset);
    const offset = ascii(t, sub.get(TAG_OFFSET_TIME_ORIGINAL));
    takenAt =
      parseExifDateTime(ascii(t, sub.get(TAG_DATE_TIME_ORIGINAL)), offset) ??
      parseExifDateTime(ascii(t, sub.get(TAG_DATE_TIME_DIGITIZED)), null);
  }
  return { takenAt, cameraMake, cameraModel };
}
