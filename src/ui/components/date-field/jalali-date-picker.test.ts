// The browser module imports jalaali-js from the URL the app serves it at
// (../vendor/jalaali/index.js, i.e. /static/vendor/jalaali/index.js). That file
// exists only on the server, so the test loads a copy whose import points at
// the package itself.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

interface JalaliDate {
  jy: number;
  jm: number;
  jd: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const source = readFileSync(path.resolve(here, '../../../../static/js/jalali-date-picker.js'), 'utf8');
const specifier = "'../vendor/jalaali/index.js'";
const packageEntry = path.join(path.dirname(createRequire(import.meta.url).resolve('jalaali-js/package.json')), 'dist/index.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'shahrnama-picker-'));
const copy = path.join(dir, 'jalali-date-picker.mjs');
writeFileSync(copy, source.replace(specifier, JSON.stringify(packageEntry)));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const picker = (await import(/* @vite-ignore */ copy)) as {
  parseJalali: (text: string) => JalaliDate | null;
  formatJalali: (date: JalaliDate) => string;
};

it('imports jalaali-js from the path the app serves', () => {
  expect(source).toContain(`from ${specifier}`);
});

describe('jalali-date-picker pure helpers', () => {
  it('parses Persian, Arabic-Indic and Latin digits with any separator', () => {
    const expected = { jy: 1405, jm: 9, jd: 8 };
    for (const text of ['۱۴۰۵/۰۹/۰۸', '١٤٠٥/٠٩/٠٨', '1405/9/8', '1405-09-08', '1405.09.08', '14050908', ' ۱۴۰۵ ۹ ۸ ']) {
      expect(picker.parseJalali(text)).toEqual(expected);
    }
  });

  it('rejects dates that do not exist', () => {
    expect(picker.parseJalali('۱۴۰۵/۱۳/۰۱')).toBeNull();
    expect(picker.parseJalali('1404/12/30')).toBeNull(); // 1404 is not a leap year
    expect(picker.parseJalali('1403/12/30')).toEqual({ jy: 1403, jm: 12, jd: 30 });
    expect(picker.parseJalali('')).toBeNull();
    expect(picker.parseJalali('فردا')).toBeNull();
  });

  it('writes the date back in Persian digits, zero-padded', () => {
    expect(picker.formatJalali({ jy: 1405, jm: 9, jd: 8 })).toBe('۱۴۰۵/۰۹/۰۸');
  });
});
