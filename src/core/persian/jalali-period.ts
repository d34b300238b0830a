// Jalali periods (year, quarter = season, month), the grain of the databank's
// indicators. Bounds are instants at Tehran midnight; `end` is exclusive.
import { toPersianDigits, toAsciiDigits } from './digits.js';
import { JALALI_MAX_YEAR, JALALI_MIN_YEAR, JALALI_MONTHS, dateToJalali, jalaliToDate } from './jalali.js';
import type { ParseResult } from './result.js';

export type JalaliPeriodType = 'year' | 'quarter' | 'month';

/** `index` is 1 for a year, 1–4 for a quarter, 1–12 for a month. */
export interface JalaliPeriod {
  type: JalaliPeriodType;
  year: number;
  index: number;
}

export const JALALI_SEASONS = ['بهار', 'تابستان', 'پاییز', 'زمستان'] as const;
const QUARTER_ORDINALS = ['اول', 'دوم', 'سوم', 'چهارم'] as const;

function checkPeriod(p: JalaliPeriod): void {
  const max = p.type === 'year' ? 1 : p.type === 'quarter' ? 4 : 12;
  if (!Number.isInteger(p.year) || !Number.isInteger(p.index) || p.index < 1 || p.index > max) {
    const name = p.type === 'year' ? 'سال' : p.type === 'quarter' ? 'فصل' : 'ماه';
    throw new RangeError(`${name} با شمارهٔ ${toPersianDigits(String(p.index))} در سال ${toPersianDigits(String(p.year))} وجود ندارد.`);
  }
}

function firstMonth(p: JalaliPeriod): number {
  return p.type === 'year' ? 1 : p.type === 'quarter' ? (p.index - 1) * 3 + 1 : p.index;
}

function monthsIn(p: JalaliPeriod): number {
  return p.type === 'year' ? 12 : p.type === 'quarter' ? 3 : 1;
}

/** The period's first instant and the first instant after it. */
export function periodBounds(p: JalaliPeriod): { start: Date; end: Date } {
  checkPeriod(p);
  const first = firstMonth(p);
  const after = first + monthsIn(p); // 2..13
  const start = jalaliToDate({ jy: p.year, jm: first, jd: 1 });
  const end = after > 12 ? jalaliToDate({ jy: p.year + 1, jm: 1, jd: 1 }) : jalaliToDate({ jy: p.year, jm: after, jd: 1 });
  return { start, end };
}

/** The period of the given type that contains instant `d` (in Tehran). */
export function periodOf(d: Date, type: JalaliPeriodType): JalaliPeriod {
  const j = dateToJalali(d);
  if (type === 'year') return { type, year: j.jy, index: 1 };
  if (type === 'quarter') return { type, year: j.jy, index: Math.floor((j.jm - 1) / 3) + 1 };
  return { type, year: j.jy, index: j.jm };
}

export interface FormatPeriodOptions {
  /** Quarters as seasons («بهار ۱۴۰۵», the default) or as ordinals («سه‌ماههٔ اول ۱۴۰۵»). */
  quarterStyle?: 'season' | 'ordinal';
}

/** «۱۴۰۵»، «بهار ۱۴۰۵» (or «سه‌ماههٔ اول ۱۴۰۵»)، «آذر ۱۴۰۵». */
export function formatPeriod(p: JalaliPeriod, opts: FormatPeriodOptions = {}): string {
  checkPeriod(p);
  const year = toPersianDigits(String(p.year));
  if (p.type === 'year') return year;
  if (p.type === 'month') return `${JALALI_MONTHS[p.index - 1]} ${year}`;
  if (opts.quarterStyle === 'ordinal') return `سه‌ماههٔ ${QUARTER_ORDINALS[p.index - 1]} ${year}`;
  return `${JALALI_SEASONS[p.index - 1]} ${year}`;
}

/** '1405', '1405Q1', '1405M09': ASCII keys for URLs, files and the API. */
export function periodKey(p: JalaliPeriod): string {
  checkPeriod(p);
  if (p.type === 'year') return String(p.year);
  if (p.type === 'quarter') return `${p.year}Q${p.index}`;
  return `${p.year}M${String(p.index).padStart(2, '0')}`;
}

const KEY_RE = /^(\d{4})(?:([Qq])(\d)|([Mm])(\d{1,2}))?$/;

/** Reads a key made by `periodKey` (Persian digits and a lower-case q/m are accepted too). */
export function parsePeriodKey(key: string): ParseResult<JalaliPeriod> {
  const m = KEY_RE.exec(toAsciiDigits(key.trim()));
  if (!m) return { ok: false, error: 'کلید دوره باید به شکل 1405 یا 1405Q1 یا 1405M09 باشد.' };
  const year = Number(m[1]);
  if (year < JALALI_MIN_YEAR || year > JALALI_MAX_YEAR) {
    return {
      ok: false,
      error: `سال ${toPersianDigits(String(year))} پذیرفته نیست؛ سال باید بین ${toPersianDigits(String(JALALI_MIN_YEAR))} و ${toPersianDigits(String(JALALI_MAX_YEAR))} باشد.`,
    };
  }
  if (m[2]) {
    const index = Number(m[3]);
    if (index < 1 || index > 4) return { ok: false, error: 'فصل باید بین ۱ و ۴ باشد.' };
    return { ok: true, value: { type: 'quarter', year, index } };
  }
  if (m[4]) {
    const index = Number(m[5]);
    if (index < 1 || index > 12) return { ok: false, error: 'ماه باید بین ۱ و ۱۲ باشد.' };
    return { ok: true, value: { type: 'month', year, index } };
  }
  return { ok: true, value: { type: 'year', year, index: 1 } };
}
