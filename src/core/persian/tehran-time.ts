// Wall-clock time in Asia/Tehran, from the tz database that ships with Node's ICU.
// Iran has kept +03:30 all year since 1402 (2023), but dates before that had summer time (and
// 1977–1980 had other offsets), so the offset is always asked for, never assumed.

export const TEHRAN_TIME_ZONE = 'Asia/Tehran';

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const wallFormat = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
  timeZone: TEHRAN_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
  era: 'short',
});

/** The Gregorian wall-clock reading in Tehran at instant `d`. */
export function tehranWallClock(d: Date): WallClock {
  const parts: Record<string, string> = {};
  for (const p of wallFormat.formatToParts(d)) parts[p.type] = p.value;
  const year = Number(parts.year);
  return {
    // Years before the common era (never in practice, but keep the arithmetic honest).
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function utcOf(w: WallClock): number {
  const t = new Date(0);
  t.setUTCFullYear(w.year, w.month - 1, w.day);
  t.setUTCHours(w.hour, w.minute, w.second, 0);
  return t.getTime();
}

/** Tehran's offset from UTC at instant `t`, in milliseconds (seconds precision: LMT was +3:25:44). */
function offsetAt(t: number): number {
  const whole = Math.floor(t / 1000) * 1000;
  return utcOf(tehranWallClock(new Date(whole))) - whole;
}

/**
 * The instant at which Tehran's clocks showed `w`. A reading skipped by a
 * spring-forward (00:00–00:59 on the first day of summer time) maps to the same
 * instant as one hour later, so the start of such a day is its first real instant;
 * a reading that happened twice (autumn) maps to the first of the two.
 */
export function tehranWallClockToDate(w: WallClock): Date {
  const asUtc = utcOf(w);
  // Try the offsets in force a day either side; the earliest one that reads back is right.
  const candidates = [...new Set([offsetAt(asUtc - 86_400_000), offsetAt(asUtc), offsetAt(asUtc + 86_400_000)])]
    .map((off) => asUtc - off)
    .sort((a, b) => a - b);
  for (const t of candidates) {
    if (utcOf(tehranWallClock(new Date(t))) === asUtc) return new Date(t);
  }
  // In a gap: use the offset from before the transition, which lands after it.
  return new Date(asUtc - offsetAt(asUtc - 86_400_000));
}
