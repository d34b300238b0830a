// Display helpers shared by the auth views: dates in Jalali with Persian digits.
import { formatJalaliDateTime, toPersianDigits } from '../../../core/persian/index.js';

export function when(date: Date | null | undefined, empty = '—'): string {
  return date ? formatJalaliDateTime(date) : empty;
}

export function faNumber(n: number | string): string {
  return toPersianDigits(String(n));
}
