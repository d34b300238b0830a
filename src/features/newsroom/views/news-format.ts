// Display helpers for the newsroom pages: durations in Persian words and digits.
import { toPersianDigits } from '../../../core/persian/index.js';

const fa = (n: number) => toPersianDigits(String(n));

/** «۲ روز و ۳ ساعت», «۱ ساعت و ۵ دقیقه», «۴۵ دقیقه», «کمتر از یک دقیقه». Two units at most. */
export function formatDuration(ms: number): string {
  const negative = ms < 0;
  let minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'کمتر از یک دقیقه';
  const days = Math.floor(minutes / 1440);
  minutes -= days * 1440;
  const hours = Math.floor(minutes / 60);
  minutes -= hours * 60;
  const units: string[] = [];
  if (days) units.push(`${fa(days)} روز`);
  if (hours) units.push(`${fa(hours)} ساعت`);
  if (minutes && !days) units.push(`${fa(minutes)} دقیقه`);
  const text = units.slice(0, 2).join(' و ');
  return negative ? `${text} (پیش از آن)` : text;
}

export function formatMinutes(minutes: number): string {
  return formatDuration(minutes * 60_000);
}
