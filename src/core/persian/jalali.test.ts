import fc from 'fast-check';
import { isLeapJalaaliYear, isValidJalaaliDate, jalaaliMonthLength } from 'jalaali-js';
import { describe, expect, it } from 'vitest';
import { toPersianDigits } from './digits.js';
import {
  JALALI_MONTHS,
  JALALI_WEEKDAYS,
  addJalaliDays,
  dateToJalali,
  formatJalaliDate,
  formatJalaliDateTime,
  formatJalaliNumeric,
  formatRelative,
  jalaliToDate,
  jalaliWeekdayIndex,
  parseJalaliDate,
  parseJalaliDateTime,
  startOfJalaliDay,
  startOfJalaliWeek,
  type JalaliDate,
} from './jalali.js';
import { normalize } from './normalize.js';
import { tehranWallClock } from './tehran-time.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// 8 Azar 1405, 15:30 in Tehran (+03:30, no DST any more).
const sample = new Date('2026-11-29T12:00:00Z');

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function numeric(j: JalaliDate): string {
  return toPersianDigits(`${j.jy}/${pad2(j.jm)}/${pad2(j.jd)}`);
}

const jalaliDateArb = fc
  .record({ jy: fc.integer({ min: 1300, max: 1500 }), jm: fc.integer({ min: 1, max: 12 }), jd: fc.integer({ min: 1, max: 31 }) })
  .map((j) => ({ ...j, jd: Math.min(j.jd, jalaaliMonthLength(j.jy, j.jm)) }));

// Instants between 1300/01/01 and 1499/12/29.
const instantArb = fc.integer({ min: Date.UTC(1921, 2, 22), max: Date.UTC(2121, 2, 19) }).map((t) => new Date(t));

describe('constants', () => {
  it('names the twelve months and the seven days from Saturday', () => {
    expect(JALALI_MONTHS).toHaveLength(12);
    expect(JALALI_MONTHS[0]).toBe('فروردین');
    expect(JALALI_MONTHS[8]).toBe('آذر');
    expect(JALALI_MONTHS[11]).toBe('اسفند');
    expect(JALALI_WEEKDAYS[0]).toBe('شنبه');
    expect(JALALI_WEEKDAYS[6]).toBe('جمعه');
  });
});

describe('display', () => {
  it('formats a date for prose: «یکشنبه ۸ آذر ۱۴۰۵»', () => {
    expect(formatJalaliDate(sample)).toBe('یکشنبه ۸ آذر ۱۴۰۵');
  });

  it('formats a date for tables and with the time', () => {
    expect(formatJalaliNumeric(sample)).toBe('۱۴۰۵/۰۹/۰۸');
    expect(formatJalaliDateTime(sample)).toBe('۱۴۰۵/۰۹/۰۸ ساعت ۱۵:۳۰');
    expect(formatJalaliDateTime(new Date('2026-11-28T20:35:00Z'))).toBe('۱۴۰۵/۰۹/۰۸ ساعت ۰۰:۰۵');
  });

  it('uses Tehran time, not UTC, to decide the day', () => {
    expect(dateToJalali(new Date('2026-11-28T20:29:59Z'))).toEqual({ jy: 1405, jm: 9, jd: 7 });
    expect(dateToJalali(new Date('2026-11-28T20:30:00Z'))).toEqual({ jy: 1405, jm: 9, jd: 8 });
  });

  it('uses the summer time Tehran had before 1402', () => {
    // 1399/06/01 = 2020-08-22, at +04:30 then.
    expect(formatJalaliDateTime(new Date('2020-08-22T07:30:00Z'))).toBe('۱۳۹۹/۰۶/۰۱ ساعت ۱۲:۰۰');
  });

  it('writes normalised Persian', () => {
    for (const s of [formatJalaliDate(sample), formatJalaliDateTime(sample), formatJalaliNumeric(sample)]) {
      expect(normalize(s)).toBe(s);
    }
  });

  it('throws on an invalid Date', () => {
    expect(() => formatJalaliDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('formatRelative', () => {
  const now = new Date('2026-11-29T12:00:00Z');
  it('says «همین حالا» within a minute', () => {
    expect(formatRelative(now, now)).toBe('همین حالا');
    expect(formatRelative(new Date(now.getTime() - 59_000), now)).toBe('همین حالا');
    expect(formatRelative(new Date(now.getTime() + 30_000), now)).toBe('همین حالا');
  });

  it('counts minutes, hours, days, months and years', () => {
    expect(formatRelative(new Date(now.getTime() - 5 * 60_000), now)).toBe('۵ دقیقه پیش');
    expect(formatRelative(new Date(now.getTime() - 2 * HOUR), now)).toBe('۲ ساعت پیش');
    expect(formatRelative(new Date(now.getTime() - 3 * DAY), now)).toBe('۳ روز پیش');
    expect(formatRelative(new Date(now.getTime() - 65 * DAY), now)).toBe('۲ ماه پیش');
    expect(formatRelative(new Date(now.getTime() - 800 * DAY), now)).toBe('۲ سال پیش');
  });

  it('speaks of the future with «دیگر»', () => {
    expect(formatRelative(new Date(now.getTime() + 2 * HOUR), now)).toBe('۲ ساعت دیگر');
  });
});

describe('parseJalaliDate', () => {
  it('accepts the usual shapes and digit systems', () => {
    const expected = { ok: true, value: { jy: 1405, jm: 9, jd: 8 } };
    expect(parseJalaliDate('۱۴۰۵/۰۹/۰۸')).toEqual(expected);
    expect(parseJalaliDate('1405/9/8')).toEqual(expected);
    expect(parseJalaliDate('۱۴۰۵-۰۹-۰۸')).toEqual(expected);
    expect(parseJalaliDate('١٤٠٥/٠٩/٠٨')).toEqual(expected);
    expect(parseJalaliDate('  1405/09/08 ')).toEqual(expected);
  });

  it('agrees with jalaali-js about the dates DESIGN.md calls invalid', () => {
    // 1403 is a leap year, so اسفند 1403 has 30 days and 1403/12/30 exists, but no اسفند has 31.
    expect(isLeapJalaaliYear(1403)).toBe(true);
    expect(isValidJalaaliDate(1403, 12, 30)).toBe(true);
    expect(isValidJalaaliDate(1403, 12, 31)).toBe(false);
    expect(isValidJalaaliDate(1402, 7, 31)).toBe(false);
    expect(isLeapJalaaliYear(1402)).toBe(false);
    expect(isValidJalaaliDate(1402, 12, 30)).toBe(false);
  });

  it('refuses dates that do not exist, saying why', () => {
    expect(parseJalaliDate('۱۴۰۲/۰۷/۳۱')).toEqual({ ok: false, error: 'تاریخ ۱۴۰۲/۰۷/۳۱ وجود ندارد؛ مهر ۳۰ روز دارد.' });
    expect(parseJalaliDate('۱۴۰۲/۱۲/۳۰')).toEqual({
      ok: false,
      error: 'تاریخ ۱۴۰۲/۱۲/۳۰ وجود ندارد؛ اسفند ۱۴۰۲ ۲۹ روز دارد.',
    });
    expect(parseJalaliDate('۱۴۰۳/۱۲/۳۱')).toEqual({
      ok: false,
      error: 'تاریخ ۱۴۰۳/۱۲/۳۱ وجود ندارد؛ اسفند ۱۴۰۳ ۳۰ روز دارد.',
    });
    expect(parseJalaliDate('۱۴۰۳/۱۲/۳۰')).toEqual({ ok: true, value: { jy: 1403, jm: 12, jd: 30 } });
    expect(parseJalaliDate('1405/01/32').ok).toBe(false);
  });

  it('refuses wrong shapes, months and years out of range', () => {
    expect(parseJalaliDate('')).toEqual({ ok: false, error: 'تاریخ وارد نشده است.' });
    for (const bad of ['abc', '1405/09', '1405/09-08', '05/09/08', '1405.09.08', '1405/009/08', '۱۴۰۵/۹/۸ ساعت', '1405//8']) {
      const r = parseJalaliDate(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error).toBe('تاریخ باید به شکل سال/ماه/روز باشد، مانند ۱۴۰۵/۰۹/۰۸.');
    }
    expect(parseJalaliDate('1405/13/01')).toEqual({ ok: false, error: 'ماه ۱۳ وجود ندارد؛ ماه باید بین ۱ و ۱۲ باشد.' });
    expect(parseJalaliDate('1405/00/01').ok).toBe(false);
    expect(parseJalaliDate('1405/01/00')).toEqual({ ok: false, error: 'روز باید دست‌کم ۱ باشد.' });
    expect(parseJalaliDate('1299/01/01')).toEqual({
      ok: false,
      error: 'سال ۱۲۹۹ پذیرفته نیست؛ سال باید بین ۱۳۰۰ و ۱۵۰۰ باشد.',
    });
    expect(parseJalaliDate('1501/01/01').ok).toBe(false);
  });

  it('writes its messages in normalised Persian', () => {
    for (const input of ['', 'x', '1405/13/01', '1405/01/00', '1200/01/01', '1402/07/31', '1402/12/30']) {
      const r = parseJalaliDate(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(normalize(r.error)).toBe(r.error);
    }
  });
});

describe('parseJalaliDateTime', () => {
  it('reads a date and a time as Tehran wall-clock time', () => {
    const r = parseJalaliDateTime('۱۴۰۵/۰۹/۰۸', '۱۵:۳۰');
    expect(r.ok && r.value.toISOString()).toBe('2026-11-29T12:00:00.000Z');
    const s = parseJalaliDateTime('1405/9/8', '9:05:07');
    expect(s.ok && s.value.toISOString()).toBe('2026-11-29T05:35:07.000Z');
  });

  it('starts the day without a time', () => {
    const r = parseJalaliDateTime('1405/09/08');
    expect(r.ok && r.value.toISOString()).toBe('2026-11-28T20:30:00.000Z');
    const e = parseJalaliDateTime('1405/09/08', '  ');
    expect(e.ok && e.value.toISOString()).toBe('2026-11-28T20:30:00.000Z');
  });

  it('computes the historical summer-time offset instead of assuming +03:30', () => {
    // 1399/06/01 12:00 was at +04:30; 1399/10/01 12:00 at +03:30.
    const summer = parseJalaliDateTime('1399/06/01', '12:00');
    expect(summer.ok && summer.value.toISOString()).toBe('2020-08-22T07:30:00.000Z');
    const winter = parseJalaliDateTime('1399/10/01', '12:00');
    expect(winter.ok && winter.value.toISOString()).toBe('2020-12-21T08:30:00.000Z');
  });

  it('refuses bad times and passes date errors through', () => {
    expect(parseJalaliDateTime('1405/09/08', '24:00')).toEqual({ ok: false, error: 'ساعت باید بین ۰۰:۰۰ و ۲۳:۵۹ باشد.' });
    expect(parseJalaliDateTime('1405/09/08', '12:60').ok).toBe(false);
    expect(parseJalaliDateTime('1405/09/08', '12')).toEqual({
      ok: false,
      error: 'ساعت باید به شکل ساعت:دقیقه باشد، مانند ۱۵:۳۰.',
    });
    expect(parseJalaliDateTime('1402/07/31', '10:00')).toEqual({
      ok: false,
      error: 'تاریخ ۱۴۰۲/۰۷/۳۱ وجود ندارد؛ مهر ۳۰ روز دارد.',
    });
  });
});

describe('jalaliToDate / dateToJalali', () => {
  it('gives Tehran midnight', () => {
    expect(jalaliToDate({ jy: 1405, jm: 9, jd: 8 }).toISOString()).toBe('2026-11-28T20:30:00.000Z');
    expect(jalaliToDate({ jy: 1405, jm: 1, jd: 1 }).toISOString()).toBe('2026-03-20T20:30:00.000Z');
  });

  it('starts a day whose midnight summer time skipped at its first real instant', () => {
    // On 1400/01/02 (2021-03-22) the clocks went from 00:00 straight to 01:00.
    const d = jalaliToDate({ jy: 1400, jm: 1, jd: 2 });
    expect(d.toISOString()).toBe('2021-03-21T20:30:00.000Z');
    expect(tehranWallClock(d)).toMatchObject({ hour: 1, minute: 0 });
    expect(dateToJalali(d)).toEqual({ jy: 1400, jm: 1, jd: 2 });
    expect(dateToJalali(new Date(d.getTime() - 1))).toEqual({ jy: 1400, jm: 1, jd: 1 });
  });

  it('handles the local mean time Tehran kept before 1314', () => {
    expect(jalaliToDate({ jy: 1310, jm: 1, jd: 1 }).toISOString()).toBe('1931-03-21T20:34:16.000Z');
  });

  it('throws on a date that does not exist', () => {
    expect(() => jalaliToDate({ jy: 1402, jm: 7, jd: 31 })).toThrow(RangeError);
    expect(() => jalaliToDate({ jy: 1402, jm: 13, jd: 1 })).toThrow(RangeError);
    expect(() => jalaliToDate({ jy: 1402, jm: 1.5, jd: 1 })).toThrow(RangeError);
  });

  it('adds days and knows the weekday', () => {
    expect(addJalaliDays({ jy: 1403, jm: 12, jd: 30 }, 1)).toEqual({ jy: 1404, jm: 1, jd: 1 });
    expect(addJalaliDays({ jy: 1405, jm: 1, jd: 1 }, -1)).toEqual({ jy: 1404, jm: 12, jd: 29 });
    expect(jalaliWeekdayIndex({ jy: 1405, jm: 9, jd: 8 })).toBe(1); // یکشنبه
    expect(jalaliWeekdayIndex({ jy: 1405, jm: 9, jd: 7 })).toBe(0); // شنبه
  });

  it('finds the start of the day', () => {
    expect(startOfJalaliDay(sample).toISOString()).toBe('2026-11-28T20:30:00.000Z');
  });
});

describe('startOfJalaliWeek', () => {
  it('starts the week on Saturday at Tehran midnight', () => {
    expect(startOfJalaliWeek(sample).toISOString()).toBe('2026-11-27T20:30:00.000Z');
    expect(formatJalaliDate(startOfJalaliWeek(sample))).toBe('شنبه ۷ آذر ۱۴۰۵');
    // Friday evening belongs to the week that started six days before.
    expect(formatJalaliDate(startOfJalaliWeek(new Date('2026-11-27T20:29:00Z')))).toBe('شنبه ۳۰ آبان ۱۴۰۵');
  });
});

describe('jalali: properties', () => {
  it('parseJalaliDate reads back what formatJalaliNumeric writes', () => {
    fc.assert(
      fc.property(jalaliDateArb, (j) => {
        const d = jalaliToDate(j);
        expect(dateToJalali(d)).toEqual(j);
        expect(formatJalaliNumeric(d)).toBe(numeric(j));
        expect(parseJalaliDate(formatJalaliNumeric(d))).toEqual({ ok: true, value: j });
        expect(parseJalaliDate(`${j.jy}-${j.jm}-${j.jd}`)).toEqual({ ok: true, value: j });
      }),
      { numRuns: 500 },
    );
  });

  it('Intl (ICU) and jalaali-js agree on every instant', () => {
    fc.assert(
      fc.property(instantArb, (d) => {
        const j = dateToJalali(d);
        expect(formatJalaliDate(d)).toMatch(new RegExp(` ${toPersianDigits(String(j.jd))} ${JALALI_MONTHS[j.jm - 1]} ${toPersianDigits(String(j.jy))}$`));
        expect(formatJalaliDate(d).split(' ')[0]).toBe(JALALI_WEEKDAYS[jalaliWeekdayIndex(j)]);
      }),
      { numRuns: 500 },
    );
  });

  it('parseJalaliDateTime and formatJalaliDateTime round-trip (no summer time since 1402)', () => {
    const timeArb = fc.record({ h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }) });
    fc.assert(
      fc.property(jalaliDateArb.filter((j) => j.jy >= 1402), timeArb, (j, t) => {
        const time = toPersianDigits(`${pad2(t.h)}:${pad2(t.m)}`);
        const r = parseJalaliDateTime(numeric(j), time);
        expect(r.ok).toBe(true);
        if (r.ok) expect(formatJalaliDateTime(r.value)).toBe(`${numeric(j)} ساعت ${time}`);
      }),
      { numRuns: 300 },
    );
  });

  it('lands on the same day and within an hour of the wall clock in any year', () => {
    const timeArb = fc.record({ h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }) });
    fc.assert(
      fc.property(jalaliDateArb, timeArb, (j, t) => {
        const r = parseJalaliDateTime(numeric(j), `${t.h}:${pad2(t.m)}`);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(dateToJalali(r.value)).toEqual(j);
        const w = tehranWallClock(r.value);
        const minutes = w.hour * 60 + w.minute - (t.h * 60 + t.m);
        expect(minutes === 0 || minutes === 60).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('startOfJalaliWeek is the latest Saturday midnight at or before the instant', () => {
    fc.assert(
      fc.property(instantArb, (d) => {
        const start = startOfJalaliWeek(d);
        expect(start.getTime()).toBeLessThanOrEqual(d.getTime());
        expect(d.getTime() - start.getTime()).toBeLessThan(7 * DAY + HOUR);
        expect(jalaliWeekdayIndex(dateToJalali(start))).toBe(0);
        const w = tehranWallClock(start);
        expect(w.minute === 0 && (w.hour === 0 || w.hour === 1)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
