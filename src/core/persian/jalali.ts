// Jalali (Solar Hijri) dates in Asia/Tehran. jalaali-js converts and validates;
// Intl (ICU's Persian calendar, which agrees with jalaali-js day for day over
// 1300–1500) supplies the week-day names and the display.
import { isLeapJalaaliYear, isValidJalaaliDate, jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';
import { toAsciiDigits, toPersianDigits } from './digits.js';
import type { ParseResult } from './result.js';
import { TEHRAN_TIME_ZONE, tehranWallClock, tehranWallClockToDate } from './tehran-time.js';

export interface JalaliDate {
  jy: number;
  jm: number;
  jd: number;
}

export const JALALI_MONTHS = [
  'فروردین',
  'اردیبهشت',
  'خرداد',
  'تیر',
  'مرداد',
  'شهریور',
  'مهر',
  'آبان',
  'آذر',
  'دی',
  'بهمن',
  'اسفند',
] as const;

/** Week days from Saturday, the first day of the Iranian week. */
export const JALALI_WEEKDAYS = ['شنبه', 'یکشنبه', 'دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'جمعه'] as const;

/** Years outside this range are almost certainly typing mistakes. */
export const JALALI_MIN_YEAR = 1300;
export const JALALI_MAX_YEAR = 1500;

const DAY_MS = 86_400_000;

const displayFormat = new Intl.DateTimeFormat('fa-IR-u-ca-persian-nu-arabext', {
  timeZone: TEHRAN_TIME_ZONE,
  weekday: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function displayParts(d: Date): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const p of displayFormat.formatToParts(d)) parts[p.type] = p.value;
  return parts;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function assertValidDate(d: Date): void {
  if (Number.isNaN(d.getTime())) throw new RangeError('تاریخ نامعتبر است.');
}

/** The Jalali calendar date in Tehran at instant `d`. */
export function dateToJalali(d: Date): JalaliDate {
  assertValidDate(d);
  const w = tehranWallClock(d);
  return toJalaali(w.year, w.month, w.day);
}

/** Midnight in Tehran at the start of the given Jalali day (the first real instant, in a DST gap). */
export function jalaliToDate(j: JalaliDate, hour = 0, minute = 0, second = 0): Date {
  if (!Number.isInteger(j.jy) || !Number.isInteger(j.jm) || !Number.isInteger(j.jd) || !isValidJalaaliDate(j.jy, j.jm, j.jd)) {
    throw new RangeError(`تاریخ ${formatJalaliParts(j)} وجود ندارد.`);
  }
  const g = toGregorian(j.jy, j.jm, j.jd);
  return tehranWallClockToDate({ year: g.gy, month: g.gm, day: g.gd, hour, minute, second });
}

function formatJalaliParts(j: JalaliDate): string {
  return toPersianDigits(`${j.jy}/${pad2(j.jm)}/${pad2(j.jd)}`);
}

/** «یکشنبه ۸ آذر ۱۴۰۵»: week day, day, month name, year, in Tehran. */
export function formatJalaliDate(d: Date): string {
  assertValidDate(d);
  const p = displayParts(d);
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** «۱۴۰۵/۰۹/۰۸», for tables. */
export function formatJalaliNumeric(d: Date): string {
  return formatJalaliParts(dateToJalali(d));
}

/** «۱۴۰۵/۰۹/۰۸ ساعت ۱۵:۳۰», in Tehran. */
export function formatJalaliDateTime(d: Date): string {
  assertValidDate(d);
  const p = displayParts(d);
  return `${formatJalaliNumeric(d)} ساعت ${p.hour}:${p.minute}`;
}

/**
 * «همین حالا», «۵ دقیقه پیش», «۲ ساعت پیش», «۳ روز پیش», «۴ ماه پیش», «۲ سال پیش»
 * (and «… دیگر» for the future). Meant to sit beside an absolute date, never alone.
 */
export function formatRelative(d: Date, now: Date): string {
  assertValidDate(d);
  assertValidDate(now);
  const diff = now.getTime() - d.getTime();
  const abs = Math.abs(diff);
  if (abs < 60_000) return 'همین حالا';
  const units: [number, string][] = [
    [365 * DAY_MS, 'سال'],
    [30 * DAY_MS, 'ماه'],
    [DAY_MS, 'روز'],
    [3_600_000, 'ساعت'],
    [60_000, 'دقیقه'],
  ];
  for (const [size, name] of units) {
    if (abs >= size) {
      const n = Math.floor(abs / size);
      return `${toPersianDigits(String(n))} ${name} ${diff > 0 ? 'پیش' : 'دیگر'}`;
    }
  }
  return 'همین حالا';
}

function dateDoesNotExist(j: JalaliDate): string {
  const month = JALALI_MONTHS[j.jm - 1] ?? '';
  const length = jalaaliMonthLength(j.jy, j.jm);
  if (j.jm === 12) {
    return `تاریخ ${formatJalaliParts(j)} وجود ندارد؛ اسفند ${toPersianDigits(String(j.jy))} ${toPersianDigits(String(length))} روز دارد.`;
  }
  return `تاریخ ${formatJalaliParts(j)} وجود ندارد؛ ${month} ${toPersianDigits(String(length))} روز دارد.`;
}

const DATE_RE = /^(\d{4})([/-])(\d{1,2})\2(\d{1,2})$/;
const MSG_DATE_EMPTY = 'تاریخ وارد نشده است.';
const MSG_DATE_FORMAT = 'تاریخ باید به شکل سال/ماه/روز باشد، مانند ۱۴۰۵/۰۹/۰۸.';

/**
 * Reads a Jalali date typed by a person: «۱۴۰۵/۰۹/۰۸», «1405/9/8», «۱۴۰۵-۰۹-۰۸», in
 * Persian, Arabic-Indic or Latin digits. Refuses other shapes, years outside
 * 1300–1500 and dates that do not exist (as jalaali-js judges them).
 */
export function parseJalaliDate(input: string): ParseResult<JalaliDate> {
  const s = toAsciiDigits(input.trim());
  if (s === '') return { ok: false, error: MSG_DATE_EMPTY };
  const m = DATE_RE.exec(s);
  if (!m) return { ok: false, error: MSG_DATE_FORMAT };
  const j = { jy: Number(m[1]), jm: Number(m[3]), jd: Number(m[4]) };
  if (j.jy < JALALI_MIN_YEAR || j.jy > JALALI_MAX_YEAR) {
    return {
      ok: false,
      error: `سال ${toPersianDigits(String(j.jy))} پذیرفته نیست؛ سال باید بین ${toPersianDigits(String(JALALI_MIN_YEAR))} و ${toPersianDigits(String(JALALI_MAX_YEAR))} باشد.`,
    };
  }
  if (j.jm < 1 || j.jm > 12) {
    return { ok: false, error: `ماه ${toPersianDigits(String(j.jm))} وجود ندارد؛ ماه باید بین ۱ و ۱۲ باشد.` };
  }
  if (j.jd < 1) return { ok: false, error: 'روز باید دست‌کم ۱ باشد.' };
  if (!isValidJalaaliDate(j.jy, j.jm, j.jd)) return { ok: false, error: dateDoesNotExist(j) };
  return { ok: true, value: j };
}

const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A Jalali date and an optional wall-clock time («۱۵:۳۰», «9:05:00»), both in Tehran,
 * as an instant. Without a time, the start of the day.
 */
export function parseJalaliDateTime(date: string, time?: string): ParseResult<Date> {
  const d = parseJalaliDate(date);
  if (!d.ok) return d;
  let hour = 0;
  let minute = 0;
  let second = 0;
  const t = toAsciiDigits((time ?? '').trim());
  if (t !== '') {
    const m = TIME_RE.exec(t);
    if (!m) return { ok: false, error: 'ساعت باید به شکل ساعت:دقیقه باشد، مانند ۱۵:۳۰.' };
    hour = Number(m[1]);
    minute = Number(m[2]);
    second = m[3] === undefined ? 0 : Number(m[3]);
    if (hour > 23 || minute > 59 || second > 59) {
      return { ok: false, error: 'ساعت باید بین ۰۰:۰۰ و ۲۳:۵۹ باشد.' };
    }
  }
  return { ok: true, value: jalaliToDate(d.value, hour, minute, second) };
}

/** Whether the Jalali year has 366 days (اسفند of 30 days). */
export function isLeapJalaliYear(jy: number): boolean {
  return isLeapJalaaliYear(jy);
}

/** Days in a Jalali month. */
export function jalaliMonthLength(jy: number, jm: number): number {
  return jalaaliMonthLength(jy, jm);
}

/** Adds whole calendar days to a Jalali date. */
export function addJalaliDays(j: JalaliDate, days: number): JalaliDate {
  const g = toGregorian(j.jy, j.jm, j.jd);
  const t = new Date(Date.UTC(g.gy, g.gm - 1, g.gd) + days * DAY_MS);
  return toJalaali(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** 0 for Saturday … 6 for Friday. */
export function jalaliWeekdayIndex(j: JalaliDate): number {
  const g = toGregorian(j.jy, j.jm, j.jd);
  const jsDay = new Date(Date.UTC(g.gy, g.gm - 1, g.gd)).getUTCDay(); // 0 = Sunday
  return (jsDay + 1) % 7;
}

/** Midnight in Tehran of the Saturday that starts the week containing `d`. */
export function startOfJalaliWeek(d: Date): Date {
  const today = dateToJalali(d);
  return jalaliToDate(addJalaliDays(today, -jalaliWeekdayIndex(today)));
}

/** Midnight in Tehran at the start of the day containing `d`. */
export function startOfJalaliDay(d: Date): Date {
  return jalaliToDate(dateToJalali(d));
}
