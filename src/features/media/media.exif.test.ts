import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { jpegWithGps } from '../../../test/fixtures/media/images.js';
import { parseExifDateTime, readExifFacts } from './media.exif.js';

/** A big-endian ("MM") TIFF with Make, Model and an Exif IFD holding DateTimeOriginal. */
function bigEndianExif(make: string, model: string, date: string): Buffer {
  const strings = [make + '\0', model + '\0', date + '\0'].map((s) => Buffer.from(s, 'latin1'));
  const ifd0At = 8;
  const ifd0Size = 2 + 3 * 12 + 4;
  const exifAt = ifd0At + ifd0Size;
  const exifSize = 2 + 12 + 4;
  let dataAt = exifAt + exifSize;
  const buf = Buffer.alloc(dataAt + strings.reduce((n, s) => n + s.length, 0));
  buf.write('MM', 0, 'latin1');
  buf.writeUInt16BE(42, 2);
  buf.writeUInt32BE(ifd0At, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    buf.writeUInt16BE(tag, at);
    buf.writeUInt16BE(type, at + 2);
    buf.writeUInt32BE(count, at + 4);
    buf.writeUInt32BE(value, at + 8);
  };
  const put = (s: Buffer) => {
    const at = dataAt;
    s.copy(buf, at);
    dataAt += s.length;
    return at;
  };
  buf.writeUInt16BE(3, ifd0At);
  entry(ifd0At + 2, 0x010f, 2, strings[0]!.length, put(strings[0]!));
  entry(ifd0At + 14, 0x0110, 2, strings[1]!.length, put(strings[1]!));
  entry(ifd0At + 26, 0x8769, 4, 1, exifAt);
  buf.writeUInt16BE(1, exifAt);
  entry(exifAt + 2, 0x9003, 2, strings[2]!.length, put(strings[2]!));
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), buf]);
}

describe('readExifFacts', () => {
  it('reads taken-at (Tehran wall clock when no offset), make and model from a camera JPEG', async () => {
    const meta = await sharp(await jpegWithGps({ width: 64, height: 48 })).metadata();
    const facts = readExifFacts(meta.exif);
    expect(facts.cameraMake).toBe('Canon');
    expect(facts.cameraModel).toBe('Canon EOS 90D');
    // 2024-05-06 10:20:30 in Tehran (+03:30) is 06:50:30 UTC.
    expect(facts.takenAt?.toISOString()).toBe('2024-05-06T06:50:30.000Z');
  });

  it('uses OffsetTimeOriginal when the camera wrote one', async () => {
    const meta = await sharp(await jpegWithGps({ width: 64, height: 48, offset: '+02:00' })).metadata();
    expect(readExifFacts(meta.exif).takenAt?.toISOString()).toBe('2024-05-06T08:20:30.000Z');
  });

  it('reads big-endian TIFF as well', () => {
    const facts = readExifFacts(bigEndianExif('NIKON CORPORATION', 'NIKON D750', '2023:12:31 23:59:59'));
    expect(facts).toEqual({
      cameraMake: 'NIKON CORPORATION',
      cameraModel: 'NIKON D750',
      takenAt: new Date('2023-12-31T20:29:59.000Z'),
    });
  });

  it('yields nulls for no EXIF, garbage, a truncated block or a bogus date', () => {
    const none = { takenAt: null, cameraMake: null, cameraModel: null };
    expect(readExifFacts(undefined)).toEqual(none);
    expect(readExifFacts(Buffer.from('Exif\0\0garbage!'))).toEqual(none);
    const good = bigEndianExif('A', 'B', '2023:01:01 00:00:00');
    expect(readExifFacts(good.subarray(0, 20))).toEqual(none);
    expect(readExifFacts(bigEndianExif('A', 'B', '0000:00:00 00:00:00')).takenAt).toBeNull();
    expect(readExifFacts(bigEndianExif('A', 'B', '2023:02:30 10:00:00')).takenAt).toBeNull();
  });

  it('strips control characters from camera names', () => {
    expect(readExifFacts(bigEndianExif('Can\u0007on  ', 'X\u001b[31m', '2023:01:01 00:00:00')).cameraMake).toBe('Canon');
  });

  it('never throws, whatever the bytes', () => {
    const sample = bigEndianExif('Canon', 'EOS', '2023:01:01 00:00:00');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat(sample.length - 1), fc.nat(255), (random, at, byte) => {
        readExifFacts(Buffer.from(random));
        const mutated = Buffer.from(sample);
        mutated[at] = byte;
        const facts = readExifFacts(mutated);
        expect(facts.cameraMake === null || typeof facts.cameraMake === 'string').toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseExifDateTime', () => {
  it('applies a negative offset', () => {
    expect(parseExifDateTime('2024:01:02 03:04:05', '-05:00')?.toISOString()).toBe('2024-01-02T08:04:05.000Z');
  });
  it('refuses impossible times', () => {
    expect(parseExifDateTime('2024:01:02 24:00:00', null)).toBeNull();
    expect(parseExifDateTime('yesterday', null)).toBeNull();
  });
});
