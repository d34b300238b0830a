// The schemas the routes will use for actions and the inbox query (the news form itself
// is exercised through the service tests).
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { parseInput } from '../../core/http/forms.js';
import { inboxQuerySchema, newsActionSchema, newsInputSchema } from './newsroom.inputs.js';

function fieldErrors(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).fieldErrors;
  }
  throw new Error('expected a validation error');
}

describe('newsroom inputs', () => {
  it('an action form: Jalali date and Tehran time in any digits, the version, a normalised note', () => {
    const v = parseInput(newsActionSchema, { action: 'schedule', date: '۱۴۰۵/۰۹/۱۲', time: '٠٨:٣٠', version: '۳', note: 'انتشار صبح', _csrf: 'x' });
    expect(v).toEqual({ action: 'schedule', note: 'انتشار صبح', at: new Date('2026-12-03T05:00:00Z'), expectedVersion: 3 });
    expect(parseInput(newsActionSchema, { action: 'approve', version: 1 })).toEqual({ action: 'approve', note: null, at: null, expectedVersion: 1 });
  });

  it('an action form refuses unknown actions and fields, a time without a date, a missing version', () => {
    expect(fieldErrors(() => parseInput(newsActionSchema, { action: 'delete', version: '1' })).action).toBe('یکی از گزینه‌های «کار» را انتخاب کنید.');
    expect(fieldErrors(() => parseInput(newsActionSchema, { action: 'approve', version: '1', force: 'yes' }))._form).toBe('فیلد ناشناخته در فرم: force');
    expect(fieldErrors(() => parseInput(newsActionSchema, { action: 'schedule', version: '1', time: '۱۰:۰۰' })).date).toBe(
      'برای «ساعت»، «تاریخ» را هم وارد کنید.',
    );
    expect(fieldErrors(() => parseInput(newsActionSchema, { action: 'schedule', version: '1', date: '۱۴۰۵/۱۳/۰۱' })).date).toMatch(/^«تاریخ»: ماه ۱۳ وجود ندارد/);
    expect(fieldErrors(() => parseInput(newsActionSchema, { action: 'approve' })).version).toBe('«نسخه» باید عدد باشد.');
    expect(fieldErrors(() => parseInput(newsActionSchema, { action: 'approve', version: true })).version).toBe('«نسخه» باید عدد باشد.');
  });

  it('the inbox query: empty filters are absent, digits of any kind, bounded limit', () => {
    expect(parseInput(inboxQuerySchema, { district: '۳', kind: '', state: 'submitted', olderThanMinutes: '60', limit: '۲۵' })).toEqual({
      district: 3,
      department: null,
      kind: null,
      state: 'submitted',
      olderThanMinutes: 60,
      q: null,
      after: null,
      limit: 25,
    });
    expect(fieldErrors(() => parseInput(inboxQuerySchema, { limit: '500' })).limit).toBeDefined();
    expect(fieldErrors(() => parseInput(inboxQuerySchema, { state: 'lost' })).state).toBeDefined();
  });

  it('the news form: a time needs a date; the event may not be more than a day ahead', () => {
    const now = new Date('2026-12-01T06:30:00Z');
    const base = { kind: 'news', headline: 'تیتر', orgUnitId: '1' };
    expect(fieldErrors(() => parseInput(newsInputSchema(now), { ...base, occurredTime: '۱۰:۰۰' })).occurredDate).toBe(
      'برای «ساعت رویداد»، «تاریخ رویداد» را هم وارد کنید.',
    );
    // Tomorrow (within a day) is accepted: clocks and time zones slip.
    expect(parseInput(newsInputSchema(now), { ...base, occurredDate: '۱۴۰۵/۰۹/۱۱' }).occurredAt).toEqual(new Date('2026-12-01T20:30:00Z'));
    const v = parseInput(newsInputSchema(now), { ...base, serviceAreas: ['waste', 'waste', 'sport'], neighbourhoodId: '' });
    expect(v).toMatchObject({ serviceAreas: ['waste', 'sport'], neighbourhoodId: null, lead: null, bodyHtml: '', occurredAt: null });
  });
});
