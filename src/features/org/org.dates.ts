// Opened/closed dates are stored as Gregorian ISO dates (a `date` column: a calendar day,
// no time zone) and shown and typed in Jalali, as «۱۴۰۵/۰۹/۰۸».
import { toGregorian, toJalaali } from 'jalaali-js';
import { toPersianDigits, type JalaliDate } from '../../core/persian/index.js';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A parsed (hence existing) Jalali day as the ISO date of the same day. */
export function jalaliToIso(j: JalaliDate): string {
  const g = toGregorian(j.jy, j.jm, j.jd);
  return `${g.gy}-${pad2(g.gm)}-${pad2(g.gd)}`;
}

function toJalaliParts(iso: string): JalaliDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return toJalaali(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** For a date field: «۱۴۰۵/۰۹/۰۸», or '' for none. */
export function isoToJalaliInput(iso: string | null): string {
  if (!iso) return '';
  const j = toJalaliParts(iso);
  if (!j) return '';
  return toPersianDigits(`${j.jy}/${pad2(j.jm)}/${pad2(j.jd)}`);
}

/** For tables and summaries (the numeric form DESIGN.md asks for in tables), or null. */
export function isoToJalaliDisplay(iso: string | null): string | null {
  const s = isoToJalaliInput(iso);
  return s === '' ? null : s;
}
