import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateToJalali, jalaliToDate } from './jalali.js';
import { formatPeriod, parsePeriodKey, periodBounds, periodKey, periodOf, type JalaliPeriod } from './jalali-period.js';
import { normalize } from './normalize.js';

const year: JalaliPeriod = { type: 'year', year: 1405, index: 1 };
const spring: JalaliPeriod = { type: 'quarter', year: 1405, index: 1 };
const winter: JalaliPeriod = { type: 'quarter', year: 1403, index: 4 };
const azar: JalaliPeriod = { type: 'month', year: 1405, index: 9 };
const esfand1403: JalaliPeriod = { type: 'month', year: 1403, index: 12 };

const periodArb: fc.Arbitrary<JalaliPeriod> = fc.oneof(
  fc.record({ type: fc.constant('year' as const), year: fc.integer({ min: 1300, max: 1499 }), index: fc.constant(1) }),
  fc.record({ type: fc.constant('quarter' as const), year: fc.integer({ min: 1300, max: 1499 }), index: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ type: fc.constant('month' as const), year: fc.integer({ min: 1300, max: 1499 }), index: fc.integer({ min: 1, max: 12 }) }),
);

describe('periodBounds', () => {
  it('runs from Tehran midnight of the first day to Tehran midnight after the last (exclusive)', () => {
    expect(periodBounds(year)).toEqual({ start: new Date('2026-03-20T20:30:00Z'), end: new Date('2027-03-20T20:30:00Z') });
    expect(periodBounds(spring)).toEqual({ start: new Date('2026-03-20T20:30:00Z'), end: new Date('2026-06-21T20:30:00Z') });
    expect(periodBounds(azar)).toEqual({ start: new Date('2026-11-21T20:30:00Z'), end: new Date('2026-12-21T20:30:00Z') });
  });

  it('ends اسفند and the winter quarter at the next Nowruz, leap year or not', () => {
    expect(periodBounds(esfand1403)).toEqual({ start: new Date('2025-02-18T20:30:00Z'), end: new Date('2025-03-20T20:30:00Z') });
    expect(periodBounds(winter).end).toEqual(jalaliToDate({ jy: 1404, jm: 1, jd: 1 }));
    // 1403 is leap: its اسفند has 30 days.
    expect((periodBounds(esfand1403).end.getTime() - periodBounds(esfand1403).start.getTime()) / 86_400_000).toBe(30);
  });

  it('refuses periods that do not exist', () => {
    expect(() => periodBounds({ type: 'quarter', year: 1405, index: 5 })).toThrow(RangeError);
    expect(() => periodBounds({ type: 'month', year: 1405, index: 0 })).toThrow(RangeError);
    expect(() => periodBounds({ type: 'year', year: 1405, index: 2 })).toThrow(RangeError);
  });
});

describe('periodOf', () => {
  it('finds the year, quarter and month of an instant in Tehran', () => {
    const d = new Date('2026-11-29T12:00:00Z'); // 1405/09/08
    expect(periodOf(d, 'year')).toEqual(year);
    expect(periodOf(d, 'quarter')).toEqual({ type: 'quarter', year: 1405, index: 3 });
    expect(periodOf(d, 'month')).toEqual(azar);
    // 20:29 UTC on the last day of اسفند is still 1404 in Tehran; 20:30 is 1405.
    expect(periodOf(new Date('2026-03-20T20:29:00Z'), 'year').year).toBe(1404);
    expect(periodOf(new Date('2026-03-20T20:30:00Z'), 'year').year).toBe(1405);
  });
});

describe('formatPeriod', () => {
  it('writes «۱۴۰۵»، «بهار ۱۴۰۵»، «آذر ۱۴۰۵»', () => {
    expect(formatPeriod(year)).toBe('۱۴۰۵');
    expect(formatPeriod(spring)).toBe('بهار ۱۴۰۵');
    expect(formatPeriod(winter)).toBe('زمستان ۱۴۰۳');
    expect(formatPeriod({ type: 'quarter', year: 1405, index: 3 })).toBe('پاییز ۱۴۰۵');
    expect(formatPeriod(azar)).toBe('آذر ۱۴۰۵');
  });

  it('can name quarters by their order', () => {
    expect(formatPeriod(spring, { quarterStyle: 'ordinal' })).toBe('سه‌ماههٔ اول ۱۴۰۵');
    expect(formatPeriod(winter, { quarterStyle: 'ordinal' })).toBe('سه‌ماههٔ چهارم ۱۴۰۳');
  });

  it('writes normalised Persian', () => {
    for (const p of [year, spring, azar]) {
      expect(normalize(formatPeriod(p))).toBe(formatPeriod(p));
      expect(normalize(formatPeriod(p, { quarterStyle: 'ordinal' }))).toBe(formatPeriod(p, { quarterStyle: 'ordinal' }));
    }
  });
});

describe('periodKey / parsePeriodKey', () => {
  it('writes ASCII keys', () => {
    expect(periodKey(year)).toBe('1405');
    expect(periodKey(spring)).toBe('1405Q1');
    expect(periodKey(azar)).toBe('1405M09');
  });

  it('reads keys, in Persian digits and lower case too', () => {
    expect(parsePeriodKey('1405')).toEqual({ ok: true, value: year });
    expect(parsePeriodKey('1405Q1')).toEqual({ ok: true, value: spring });
    expect(parsePeriodKey('1405M09')).toEqual({ ok: true, value: azar });
    expect(parsePeriodKey('۱۴۰۵m9')).toEqual({ ok: true, value: azar });
    expect(parsePeriodKey(' 1405q1 ')).toEqual({ ok: true, value: spring });
  });

  it('refuses anything else', () => {
    for (const bad of ['', '140', '1405Q', '1405Q0', '1405Q5', '1405M13', '1405M00', '1405-09', '1405X1', '1299', '1501M01', 'abcd']) {
      const r = parsePeriodKey(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/[\u0600-\u06FF]/);
    }
  });
});

describe('periods: properties', () => {
  it('parsePeriodKey(periodKey(p)) gives p back', () => {
    fc.assert(
      fc.property(periodArb, (p) => {
        expect(parsePeriodKey(periodKey(p))).toEqual({ ok: true, value: p });
      }),
      { numRuns: 500 },
    );
  });

  it('the period of an instant contains it, and periods tile the calendar', () => {
    const instant = fc.integer({ min: Date.UTC(1921, 2, 22), max: Date.UTC(2121, 2, 19) }).map((t) => new Date(t));
    fc.assert(
      fc.property(instant, fc.constantFrom('year' as const, 'quarter' as const, 'month' as const), (d, type) => {
        const p = periodOf(d, type);
        const { start, end } = periodBounds(p);
        expect(start.getTime()).toBeLessThanOrEqual(d.getTime());
        expect(d.getTime()).toBeLessThan(end.getTime());
        expect(periodOf(end, type)).not.toEqual(p);
        expect(periodOf(new Date(end.getTime() - 1), type)).toEqual(p);
        expect(dateToJalali(start).jd).toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});
