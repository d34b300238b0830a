import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, parseInteger, parseNumber, toAsciiDigits, toPersianDigits } from './digits.js';
import { normalize } from './normalize.js';

function value(input: string): number | undefined {
  const r = parseNumber(input);
  return r.ok ? r.value : undefined;
}

function error(input: string): string | undefined {
  const r = parseNumber(input);
  return r.ok ? undefined : r.error;
}

describe('toPersianDigits / toAsciiDigits', () => {
  it('converts between the three digit systems', () => {
    expect(toPersianDigits('0123456789')).toBe('۰۱۲۳۴۵۶۷۸۹');
    expect(toPersianDigits('٠١٢٣٤٥٦٧٨٩')).toBe('۰۱۲۳۴۵۶۷۸۹');
    expect(toAsciiDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(toAsciiDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
  });

  it('leaves everything else alone', () => {
    expect(toPersianDigits('سال 1403، ساعت 15:30')).toBe('سال ۱۴۰۳، ساعت ۱۵:۳۰');
    expect(toAsciiDigits('COVID-۱۹ و ABC')).toBe('COVID-19 و ABC');
  });
});

describe('formatNumber', () => {
  it('uses Persian digits, ٬ between thousands and ٫ before the fraction', () => {
    expect(formatNumber(0)).toBe('۰');
    expect(formatNumber(1403)).toBe('۱٬۴۰۳');
    expect(formatNumber(1250000)).toBe('۱٬۲۵۰٬۰۰۰');
    expect(formatNumber(3.5)).toBe('۳٫۵');
    expect(formatNumber(1234567.891)).toBe('۱٬۲۳۴٬۵۶۷٫۸۹۱');
    expect(formatNumber(-42)).toBe('−۴۲');
    expect(formatNumber(-0)).toBe('۰');
  });

  it('writes very large and very small numbers without an exponent', () => {
    expect(formatNumber(1e21)).toBe('۱٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰');
    expect(formatNumber(1.5e-7)).toBe('۰٫۰۰۰۰۰۰۱۵');
  });

  it('honours the options', () => {
    expect(formatNumber(1234.5678, { maximumFractionDigits: 2 })).toBe('۱٬۲۳۴٫۵۷');
    expect(formatNumber(12, { minimumFractionDigits: 2 })).toBe('۱۲٫۰۰');
    expect(formatNumber(12.5, { minimumFractionDigits: 2, maximumFractionDigits: 2 })).toBe('۱۲٫۵۰');
    expect(formatNumber(1403, { useGrouping: false })).toBe('۱۴۰۳');
    expect(formatNumber(-0.001, { maximumFractionDigits: 1 })).toBe('۰');
  });

  it('refuses NaN and Infinity', () => {
    expect(() => formatNumber(Number.NaN)).toThrow(RangeError);
    expect(() => formatNumber(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('parseNumber', () => {
  it('accepts Persian, Arabic-Indic and Latin digits', () => {
    expect(value('۱۲۳')).toBe(123);
    expect(value('١٢٣')).toBe(123);
    expect(value('123')).toBe(123);
    expect(value('۱2٣')).toBe(123);
  });

  it('accepts ٬ and well-formed Latin commas between thousands', () => {
    expect(value('۱٬۲۵۰٬۰۰۰')).toBe(1250000);
    expect(value('1,250,000')).toBe(1250000);
    expect(value('12,345.5')).toBe(12345.5);
  });

  it('accepts ٫ and . before the fraction', () => {
    expect(value('۳٫۵')).toBe(3.5);
    expect(value('3.5')).toBe(3.5);
    expect(value('۰٫۰۰۱')).toBe(0.001);
    expect(value('.5')).toBe(0.5);
  });

  it('accepts a leading minus and surrounding whitespace', () => {
    expect(value('-۴۲')).toBe(-42);
    expect(value('−۴۲')).toBe(-42);
    expect(value('  ۴۲ \n')).toBe(42);
    expect(value('\u200E−۴۲')).toBe(-42);
    expect(value('-0')).toBe(0);
  });

  it('refuses everything else with a Persian message', () => {
    for (const bad of ['', '   ', 'abc', '۱۲الف', '1e5', '0x10', 'Infinity', '-Infinity', 'NaN', '+5', '--5', '5-', '1 000', '5.', '۱٫۲٫۳', '1.2.3', '12,34', '1,2345', '1,234٬567', '٬۱۲۳', '1/2', '۱۲%']) {
      const e = error(bad);
      expect(e, JSON.stringify(bad)).toBeDefined();
      expect(e).toMatch(/[\u0600-\u06FF]/);
    }
    expect(error('')).toBe('عددی وارد نشده است.');
    expect(error('۱٫۲٫۳')).toBe('عدد نمی‌تواند بیش از یک ممیز داشته باشد.');
    expect(error('12,34')).toMatch(/جداکنندهٔ هزارگان/);
  });

  it('refuses numbers too large for a double', () => {
    expect(error('1' + '0'.repeat(400))).toBe('عدد بیش از حد بزرگ است.');
  });
});

describe('parseInteger', () => {
  it('accepts whole numbers', () => {
    expect(parseInteger('۱٬۴۰۳')).toEqual({ ok: true, value: 1403 });
    expect(parseInteger('-12')).toEqual({ ok: true, value: -12 });
  });

  it('refuses fractions and unsafe integers', () => {
    expect(parseInteger('۳٫۵')).toEqual({ ok: false, error: 'عدد باید صحیح باشد و ممیز نداشته باشد.' });
    expect(parseInteger('۳٫۰').ok).toBe(false);
    expect(parseInteger('9007199254740993')).toEqual({ ok: false, error: 'عدد بیش از حد بزرگ است.' });
    expect(parseInteger('abc').ok).toBe(false);
  });
});

describe('digits: messages', () => {
  it('writes its messages in normalised Persian', () => {
    for (const bad of ['', 'x', '1.2.3', '12,34', '1' + '0'.repeat(400)]) {
      const e = error(bad) ?? '';
      expect(normalize(e)).toBe(e);
    }
    const r = parseInteger('1.5');
    expect(r.ok ? '' : normalize(r.error)).toBe(r.ok ? '' : r.error);
  });
});

describe('digits: properties', () => {
  it('parseNumber(formatNumber(n)) === n for every finite double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const r = parseNumber(formatNumber(n));
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value === n).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('parseInteger(formatNumber(n)) === n for every safe integer', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(parseInteger(formatNumber(n))).toEqual({ ok: true, value: n === 0 ? 0 : n });
      }),
      { numRuns: 1000 },
    );
  });

  it('toAsciiDigits undoes toPersianDigits', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const ascii = toAsciiDigits(s);
        expect(toAsciiDigits(toPersianDigits(ascii))).toBe(ascii);
      }),
    );
  });
});
