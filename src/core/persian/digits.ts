import { PERSIAN_DECIMAL, PERSIAN_THOUSANDS } from './chars.js';
import type { ParseResult } from './result.js';

const TO_PERSIAN = /[0-9\u0660-\u0669]/g;
const TO_ASCII = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** ASCII and Arabic-Indic digits → Persian digits; everything else untouched. */
export function toPersianDigits(s: string): string {
  return s.replace(TO_PERSIAN, (d) => {
    const code = d.charCodeAt(0);
    const value = code >= 0x0660 ? code - 0x0660 : code - 0x30;
    return String.fromCharCode(0x06f0 + value);
  });
}

/** Persian and Arabic-Indic digits → ASCII digits; everything else untouched. */
export function toAsciiDigits(s: string): string {
  return s.replace(TO_ASCII, (d) => {
    const code = d.charCodeAt(0);
    const value = code >= 0x06f0 ? code - 0x06f0 : code - 0x0660;
    return String.fromCharCode(0x30 + value);
  });
}

export interface FormatNumberOptions {
  /** Digits after the decimal separator at most; when omitted the shortest exact form is used. */
  maximumFractionDigits?: number;
  /** Digits after the decimal separator at least (padded with zeros). */
  minimumFractionDigits?: number;
  /** Group thousands with ٬ (default true). */
  useGrouping?: boolean;
}

/** The minus sign used in display (U+2212); `parseNumber` accepts it and the hyphen-minus. */
export const MINUS_SIGN = '\u2212';

/** Expands JavaScript's exponent notation ("1.5e+21", "1e-7") into plain decimal digits. */
function plainDecimal(abs: number): string {
  const s = String(abs);
  const m = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const intPart = m[1] ?? '';
  const fracPart = m[2] ?? '';
  const exp = Number(m[3]);
  const digits = intPart + fracPart;
  const point = intPart.length + exp;
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

function groupThousands(intDigits: string): string {
  let out = '';
  for (let i = 0; i < intDigits.length; i++) {
    if (i > 0 && (intDigits.length - i) % 3 === 0) out += PERSIAN_THOUSANDS;
    out += intDigits[i];
  }
  return out;
}

/**
 * A number for people to read: Persian digits, ٬ between thousands, ٫ before the
 * fraction, U+2212 for a negative sign. Without `maximumFractionDigits` the shortest
 * decimal that reads back to the same double is used, so
 * `parseNumber(formatNumber(n))` gives `n` back for every finite `n`.
 * Throws a RangeError for NaN and ±Infinity, which have no honest display.
 */
export function formatNumber(n: number, opts: FormatNumberOptions = {}): string {
  if (!Number.isFinite(n)) throw new RangeError('عدد نامتناهی یا نامعتبر را نمی‌توان نمایش داد.');
  const { maximumFractionDigits, minimumFractionDigits = 0, useGrouping = true } = opts;
  let plain: string;
  if (maximumFractionDigits === undefined) {
    plain = plainDecimal(Math.abs(n));
    if (minimumFractionDigits > 0) {
      const [i = '', f = ''] = plain.split('.');
      plain = `${i}.${f.padEnd(minimumFractionDigits, '0')}`;
    }
  } else {
    plain = new Intl.NumberFormat('en-US', {
      useGrouping: false,
      maximumFractionDigits,
      minimumFractionDigits: Math.min(minimumFractionDigits, maximumFractionDigits),
    }).format(Math.abs(n));
  }
  const [intDigits = '0', fraction] = plain.split('.');
  const negative = n < 0 && /[1-9]/.test(plain);
  const body = (useGrouping ? groupThousands(intDigits) : intDigits) + (fraction ? PERSIAN_DECIMAL + fraction : '');
  return (negative ? MINUS_SIGN : '') + toPersianDigits(body);
}

const MSG_EMPTY = 'عددی وارد نشده است.';
const MSG_INVALID = 'عدد واردشده معتبر نیست؛ فقط رقم، جداکنندهٔ هزارگان (٬) و ممیز (٫) پذیرفته می‌شود.';
const MSG_TWO_POINTS = 'عدد نمی‌تواند بیش از یک ممیز داشته باشد.';
const MSG_GROUPING = 'جداکنندهٔ هزارگان درست به کار نرفته است؛ نمونهٔ درست: ۱٬۲۵۰٬۰۰۰';
const MSG_TOO_LARGE = 'عدد بیش از حد بزرگ است.';
const MSG_NOT_INTEGER = 'عدد باید صحیح باشد و ممیز نداشته باشد.';

const SURROUNDING_SPACE = /^[\s\u200E\u200F\u061C\u200C]+|[\s\u200E\u200F\u061C\u200C]+$/g;

/**
 * Reads a number typed by a person: Persian, Arabic-Indic or Latin digits; ٬ (or a
 * Latin comma, only in well-formed groups of three) between thousands; ٫ or '.' before
 * the fraction; an optional leading minus (hyphen-minus or U+2212); whitespace around.
 * Everything else ("1e5", "0x10", "Infinity", letters, two decimal points) is refused.
 */
export function parseNumber(input: string): ParseResult<number> {
  const s = toAsciiDigits(input.replace(SURROUNDING_SPACE, ''));
  if (s === '') return { ok: false, error: MSG_EMPTY };
  let rest = s;
  let sign = '';
  if (rest.startsWith('-') || rest.startsWith(MINUS_SIGN)) {
    sign = '-';
    rest = rest.slice(1);
  }
  if (!/^[0-9.,\u066B\u066C]+$/.test(rest)) return { ok: false, error: MSG_INVALID };
  const points = rest.match(/[.\u066B]/g)?.length ?? 0;
  if (points > 1) return { ok: false, error: MSG_TWO_POINTS };
  const [intPartRaw = '', fracPart] = rest.split(/[.\u066B]/);
  if (fracPart !== undefined && !/^[0-9]+$/.test(fracPart)) {
    return { ok: false, error: fracPart === '' ? MSG_INVALID : MSG_GROUPING };
  }
  let intPart = intPartRaw;
  if (/[,\u066C]/.test(intPart)) {
    const usesComma = intPart.includes(',');
    const usesArabic = intPart.includes(PERSIAN_THOUSANDS);
    if (usesComma && usesArabic) return { ok: false, error: MSG_GROUPING };
    const sep = usesComma ? ',' : PERSIAN_THOUSANDS;
    const groups = intPart.split(sep);
    const [first = '', ...others] = groups;
    if (!/^[0-9]{1,3}$/.test(first) || others.some((g) => !/^[0-9]{3}$/.test(g))) {
      return { ok: false, error: MSG_GROUPING };
    }
    intPart = groups.join('');
  }
  if (intPart === '' && fracPart === undefined) return { ok: false, error: MSG_INVALID };
  const value = Number(`${sign}${intPart === '' ? '0' : intPart}${fracPart === undefined ? '' : `.${fracPart}`}`);
  if (!Number.isFinite(value)) return { ok: false, error: MSG_TOO_LARGE };
  return { ok: true, value: value === 0 ? 0 : value };
}

/** Like `parseNumber`, but only whole numbers within the safe-integer range. */
export function parseInteger(input: string): ParseResult<number> {
  const r = parseNumber(input);
  if (!r.ok) return r;
  if (/[.\u066B]/.test(toAsciiDigits(input))) return { ok: false, error: MSG_NOT_INTEGER };
  if (!Number.isSafeInteger(r.value)) return { ok: false, error: MSG_TOO_LARGE };
  return r;
}
