import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalDiskStorage, readAll } from './local-disk.js';
import { assertValidKey, InvalidStorageKeyError, isValidKey } from './storage.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'shahrnama-storage-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('storage keys', () => {
  it.each([
    '../etc/passwd',
    'a/../../b',
    '/abs/path',
    'a//b',
    '.hidden',
    'a/.incoming/x',
    'a\\b',
    'A/B',
    'a/b/',
    '',
    'a/%2e%2e/b',
    'ok/..',
    'x/a..b',
    'x\u0000y',
    'ی/ک',
  ])('refuses %j', (key) => {
    expect(isValidKey(key)).toBe(false);
    expect(() => assertValidKey(key)).toThrow(InvalidStorageKeyError);
  });

  it.each(['ab/0f8c1f9e-1d2b-4a6b-9b1e-3c2d1e0f9a8b/320.webp', 'master.jpg', 'a-b_c.d/e'])('accepts %j', (key) => {
    expect(isValidKey(key)).toBe(true);
  });
});

describe('local disk storage', () => {
  const storage = createLocalDiskStorage(path.join(tmp, 'media'));

  it('puts a buffer and reads it back', async () => {
    const { bytes } = await storage.put('aa/one/320.webp', Buffer.from('hello'));
    expect(bytes).toBe(5);
    expect(await storage.exists('aa/one/320.webp')).toBe(true);
    const stream = await storage.get('aa/one/320.webp');
    expect(stream).not.toBeNull();
    expect((await readAll(stream!)).toString()).toBe('hello');
  });

  it('puts a stream', async () => {
    const { bytes } = await storage.put('aa/two/x.jpg', Readable.from([Buffer.from('ab'), Buffer.from('cd')]));
    expect(bytes).toBe(4);
    expect((await readAll((await storage.get('aa/two/x.jpg'))!)).toString()).toBe('abcd');
  });

  it('a failing stream leaves neither the object nor a temporary file', async () => {
    async function* broken() {
      yield Buffer.from('partial data');
      throw new Error('client went away');
    }
    await expect(storage.put('bb/broken/320.webp', Readable.from(broken()))).rejects.toThrow('client went away');
    expect(await storage.exists('bb/broken/320.webp')).toBe(false);
    expect(filesUnder(path.join(storage.root, '.incoming'))).toEqual([]);
  });

  it('answers null and false for a missing object; deleting it is fine', async () => {
    expect(await storage.get('zz/none.jpg')).toBeNull();
    expect(await storage.exists('zz/none.jpg')).toBe(false);
    await expect(storage.delete('zz/none.jpg')).resolves.toBeUndefined();
  });

  it('refuses unsafe keys on every operation and writes nothing outside the root', async () => {
    await expect(storage.put('../escape.txt', Buffer.from('x'))).rejects.toThrow(InvalidStorageKeyError);
    await expect(storage.get('../../etc/passwd')).rejects.toThrow(InvalidStorageKeyError);
    await expect(storage.delete('../media-sibling')).rejects.toThrow(InvalidStorageKeyError);
    await expect(storage.exists('/etc/passwd')).rejects.toThrow(InvalidStorageKeyError);
    expect(existsSync(path.join(tmp, 'escape.txt'))).toBe(false);
  });

  it('overwrites atomically and deletes, tidying empty folders', async () => {
    await storage.put('cc/item/a.jpg', Buffer.from('first'));
    await storage.put('cc/item/a.jpg', Buffer.from('second'));
    expect((await readAll((await storage.get('cc/item/a.jpg'))!)).toString()).toBe('second');
    await storage.delete('cc/item/a.jpg');
    expect(existsSync(path.join(storage.root, 'cc'))).toBe(false);
  });

  it('lists objects with sizes, skipping temporary files', async () => {
    const s = createLocalDiskStorage(path.join(tmp, 'listing'));
    await s.put('a/1.jpg', Buffer.from('1'));
    await s.put('b/c/2.webp', Buffer.from('22'));
    mkdirSync(path.join(s.root, '.incoming'), { recursive: true });
    writeFileSync(path.join(s.root, '.incoming', 'stale.part'), 'x');
    const all = [];
    for await (const o of s.list()) all.push([o.key, o.bytes]);
    expect(all).toEqual([
      ['a/1.jpg', 1],
      ['b/c/2.webp', 2],
    ]);
    const under = [];
    for await (const o of s.list('b')) under.push(o.key);
    expect(under).toEqual(['b/c/2.webp']);
  });

  it('purges temporary files older than the cut-off only', async () => {
    const s = createLocalDiskStorage(path.join(tmp, 'purge'));
    const dir = path.join(s.root, '.incoming');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'old.part'), 'x');
    writeFileSync(path.join(dir, 'new.part'), 'y');
    const past = new Date(Date.now() - 3 * 3600_000);
    utimesSync(path.join(dir, 'old.part'), past, past);
    expect(await s.purgeIncomplete!(new Date(Date.now() - 3600_000))).toBe(1);
    expect(readdirSync(dir)).toEqual(['new.part']);
  });

  it('concurrent writes into one folder and deletes beside them all land', async () => {
    const s = createLocalDiskStorage(path.join(tmp, 'race'));
    for (let i = 0; i < 40; i++) await s.put(`ab/old${i}/x.jpg`, Buffer.from('old'));
    const ops: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      ops.push(s.delete(`ab/old${i}/x.jpg`));
      ops.push(s.put(`ab/new${i}/x.jpg`, Buffer.from(String(i))));
    }
    await Promise.all(ops);
    const keys = [];
    for await (const o of s.list()) keys.push(o.key);
    expect(keys.length).toBe(40);
    expect(keys.every((k) => k.startsWith('ab/new'))).toBe(true);
  });
});
