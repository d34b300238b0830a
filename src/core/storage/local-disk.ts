// Storage on the local disk under one root folder (by default `${dataDir}/media`).
// Writes go to a temporary file in `<root>/.incoming`, are flushed to disk and then
// renamed into place, so a crash leaves either the old object, the new one, or a
// temporary file that purgeIncomplete() removes — never a half-written object.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertValidKey, InvalidStorageKeyError, type Storage, type StoredObject } from './storage.js';

const INCOMING = '.incoming';

export interface LocalDiskStorage extends Storage {
  readonly root: string;
}

function isMissing(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export function createLocalDiskStorage(rootDir: string): LocalDiskStorage {
  const root = path.resolve(rootDir);
  const incoming = path.join(root, INCOMING);

  /** The absolute path of a key, checked once more against the root after resolving. */
  function pathOf(key: string): string {
    assertValidKey(key);
    const full = path.resolve(root, ...key.split('/'));
    if (!full.startsWith(root + path.sep)) throw new InvalidStorageKeyError(key);
    return full;
  }

  async function writeAll(tmp: string, data: Buffer | Readable): Promise<number> {
    const handle = await open(tmp, 'wx', 0o640);
    try {
      let bytes = 0;
      if (Buffer.isBuffer(data)) {
        await handle.writeFile(data);
        bytes = data.length;
      } else {
        const sink = new Writable({
          write(chunk: Buffer, _enc, cb) {
            bytes += chunk.length;
            handle.write(chunk).then(() => cb(), cb);
          },
        });
        await pipeline(data, sink);
      }
      // Durable before it becomes visible under its name.
      await handle.sync();
      return bytes;
    } finally {
      await handle.close();
    }
  }

  async function* walk(dir: string, rel: string): AsyncGenerator<StoredObject> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (rel === '' && e.name === INCOMING) continue;
      const key = rel === '' ? e.name : `${rel}/${e.name}`;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        yield* walk(full, key);
      } else if (e.isFile()) {
        try {
          const s = await stat(full);
          yield { key, bytes: s.size, modifiedAt: s.mtime };
        } catch (err) {
          if (!isMissing(err)) throw err;
        }
      }
    }
  }

  return {
    root,

    async put(key, data) {
      const target = pathOf(key);
      await mkdir(incoming, { recursive: true });
      await mkdir(path.dirname(target), { recursive: true });
      const tmp = path.join(incoming, `${randomBytes(12).toString('hex')}.part`);
      try {
        const bytes = await writeAll(tmp, data);
        // A concurrent delete may tidy away the (then empty) parent folder between the
        // mkdir and the rename: make it again and retry.
        for (let attempt = 0; ; attempt++) {
          try {
            await rename(tmp, target);
            break;
          } catch (err) {
            if (attempt >= 3 || !isMissing(err)) throw err;
            await mkdir(path.dirname(target), { recursive: true });
          }
        }
        return { bytes };
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    },

    async get(key) {
      const file = pathOf(key);
      try {
        // Open first so a missing file is a null here, not a stream error later.
        const handle = await open(file, 'r');
        return handle.createReadStream();
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
    },

    async delete(key) {
      const file = pathOf(key);
      try {
        await unlink(file);
      } catch (err) {
        if (!isMissing(err)) throw err;
        return;
      }
      // Tidy empty parent folders up to the root; a folder still in use stays.
      let dir = path.dirname(file);
      while (dir.startsWith(root + path.sep)) {
        try {
          await rmdir(dir);
        } catch {
          break;
        }
        dir = path.dirname(dir);
      }
    },

    async exists(key) {
      try {
        return (await stat(pathOf(key))).isFile();
      } catch (err) {
        if (isMissing(err)) return false;
        throw err;
      }
    },

    list(prefix) {
      if (prefix === undefined || prefix === '') return walk(root, '');
      const clean = prefix.replace(/\/+$/, '');
      assertValidKey(clean);
      return walk(pathOf(clean), clean);
    },

    async purgeIncomplete(olderThan) {
      let removed = 0;
      let names: string[];
      try {
        names = await readdir(incoming);
      } catch (err) {
        if (isMissing(err)) return 0;
        throw err;
      }
      for (const name of names) {
        const full = path.join(incoming, name);
        try {
          const s = await stat(full);
          if (s.mtime < olderThan) {
            await rm(full, { force: true, recursive: true });
            removed += 1;
          }
        } catch (err) {
          if (!isMissing(err)) throw err;
        }
      }
      return removed;
    },
  };
}

/** Reads a whole stream into memory, refusing more than `limit` bytes (for tests and small objects). */
export async function readAll(stream: Readable, limit = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      stream.destroy();
      throw new RangeError('stream exceeds the limit');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
