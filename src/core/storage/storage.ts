// Where uploaded files live. Kept small on purpose so an S3-compatible implementation
// fits the same shape (put = PutObject, get = GetObject, list = ListObjectsV2).
import type { Readable } from 'node:stream';

export interface StoredObject {
  key: string;
  bytes: number;
  modifiedAt: Date;
}

export interface Storage {
  /** Writes the whole object or nothing: a reader never sees a partial file. Overwrites. */
  put(key: string, data: Buffer | Readable): Promise<{ bytes: number }>;
  /** A stream of the object, or null when there is none. */
  get(key: string): Promise<Readable | null>;
  /** Removes the object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Every object (optionally under a prefix), for sweeping orphans. */
  list(prefix?: string): AsyncIterable<StoredObject>;
  /**
   * Removes leftovers of writes that never finished (a crash between write and
   * rename), older than the given instant. S3's equivalent is a lifecycle rule that
   * aborts incomplete multipart uploads, so this is optional.
   */
  purgeIncomplete?(olderThan: Date): Promise<number>;
}

export class InvalidStorageKeyError extends Error {
  constructor(key: string) {
    super(`Invalid storage key: ${JSON.stringify(key.slice(0, 200))}`);
    this.name = 'InvalidStorageKeyError';
  }
}

// Lower-case ASCII segments separated by single slashes; each segment starts with a
// letter or digit, so ".", ".." and hidden names cannot be expressed at all.
const SEGMENT = /^[a-z0-9][a-z0-9._-]{0,127}$/;

/** Throws unless `key` is a safe relative key: no traversal, no absolute path, no odd bytes. */
export function assertValidKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > 512) throw new InvalidStorageKeyError(String(key));
  const segments = key.split('/');
  if (segments.length > 8) throw new InvalidStorageKeyError(key);
  for (const s of segments) {
    if (!SEGMENT.test(s) || s.includes('..')) throw new InvalidStorageKeyError(key);
  }
}

export function isValidKey(key: string): boolean {
  try {
    assertValidKey(key);
    return true;
  } catch {
    return false;
  }
}
