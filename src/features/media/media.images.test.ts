import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import {
  SVG_WITH_SCRIPT,
  elfBytes,
  flatImage,
  gifBytes,
  heicLike,
  jpegWithGps,
  noisyJpeg,
  pngClaiming,
} from '../../../test/fixtures/media/images.js';
import { MESSAGES, probeImage, renderRenditions, renditionWidths, sniffImageType } from './media.images.js';

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('sniffImageType', () => {
  it('knows JPEG, PNG and WebP by their bytes', async () => {
    expect(sniffImageType(await flatImage('jpeg', 8, 8))).toBe('image/jpeg');
    expect(sniffImageType(await flatImage('png', 8, 8))).toBe('image/png');
    expect(sniffImageType(await flatImage('webp', 8, 8))).toBe('image/webp');
  });

  it('refuses everything else, whatever it is called', async () => {
    expect(sniffImageType(elfBytes())).toBeNull();
    expect(sniffImageType(SVG_WITH_SCRIPT)).toBeNull();
    expect(sniffImageType(await gifBytes())).toBeNull();
    expect(sniffImageType(heicLike())).toBeNull();
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe('probeImage', () => {
  it('refuses a PNG whose header claims 50000×50000 before decoding', async () => {
    const err = await refusal(probeImage(pngClaiming(50_000, 50_000)));
    expect(err.status).toBe(422);
    expect(err.userMessage).toBe(MESSAGES.tooManyPixels);
  });

  it('accepts exactly the pixel limit in the header and refuses one row more', async () => {
    await expect(probeImage(pngClaiming(8000, 5000))).resolves.toMatchObject({ width: 8000, height: 5000 });
    expect((await refusal(probeImage(pngClaiming(8000, 5001)))).status).toBe(422);
  });

  it('reports upright dimensions and EXIF facts', async () => {
    const p = await probeImage(await jpegWithGps({ width: 300, height: 200, orientation: 6 }));
    expect(p).toMatchObject({ mime: 'image/jpeg', width: 200, height: 300, cameraMake: 'Canon' });
    expect(p.takenAt).toBeInstanceOf(Date);
  });

  it('415 for other types, 413 past 15 MB, 422 for an empty file', async () => {
    expect((await refusal(probeImage(SVG_WITH_SCRIPT))).status).toBe(415);
    expect((await refusal(probeImage(elfBytes()))).userMessage).toBe(MESSAGES.unsupported);
    const big = Buffer.alloc(15 * 1024 * 1024 + 1);
    big.set([0xff, 0xd8, 0xff]);
    expect((await refusal(probeImage(big))).status).toBe(413);
    expect((await refusal(probeImage(Buffer.alloc(0)))).status).toBe(422);
  });

  it('a JPEG with a broken header is corrupt', async () => {
    const err = await refusal(probeImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 1, 2, 3])));
    expect(err.userMessage).toBe(MESSAGES.corrupt);
  });
});

describe('renditions', () => {
  it('picks fixed widths below the photo and its own width, never upscaling', () => {
    expect(renditionWidths(4000)).toEqual([320, 640, 1024, 1600]);
    expect(renditionWidths(1600)).toEqual([320, 640, 1024, 1600]);
    expect(renditionWidths(800)).toEqual([320, 640, 800]);
    expect(renditionWidths(640)).toEqual([320, 640]);
    expect(renditionWidths(200)).toEqual([200]);
  });

  it('are WebP and JPEG with no metadata at all', async () => {
    const out = [];
    for await (const r of renderRenditions(await jpegWithGps({ width: 700, height: 500 }), 700)) out.push(r);
    expect(out.map((r) => `${r.width}.${r.format}`)).toEqual(['320.webp', '320.jpeg', '640.webp', '640.jpeg', '700.webp', '700.jpeg']);
    for (const r of out) {
      const m = await sharp(r.data).metadata();
      expect(m.format).toBe(r.format);
      expect(m.exif).toBeUndefined();
      expect(m.xmp).toBeUndefined();
      expect(m.iptc).toBeUndefined();
      expect(m.icc).toBeUndefined();
      expect(m.orientation).toBeUndefined();
      expect(r.data.includes(Buffer.from('Canon'))).toBe(false);
    }
  });

  it('a truncated JPEG fails while decoding with the Persian corrupt message', async () => {
    const jpeg = await noisyJpeg(600, 400);
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
    await expect(probeImage(truncated)).resolves.toMatchObject({ width: 600 });
    const err = await refusal(
      (async () => {
        for await (const _ of renderRenditions(truncated, 600)) void _;
      })(),
    );
    expect(err.status).toBe(422);
    expect(err.userMessage).toBe(MESSAGES.corrupt);
  });
});
