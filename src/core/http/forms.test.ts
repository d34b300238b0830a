import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { checkboxField, identityText, jalaliDateField, numberField, optionalText, parseInput, requiredText, safeParseInput } from './forms.js';

const schema = z.strictObject({
  title: requiredText({ label: 'تیتر', max: 20 }),
  note: optionalText({ label: 'یادداشت', max: 50 }),
  count: numberField({ label: 'تعداد', integer: true, min: 0, max: 1000 }),
  day: jalaliDateField({ label: 'تاریخ', optional: true }),
  flag: checkboxField(),
});

function errorsOf(body: unknown): Record<string, string> {
  try {
    parseInput(schema, body);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(422);
    return (err as AppError).fieldErrors;
  }
  throw new Error('expected a validation failure');
}

describe('form parsing', () => {
  it('accepts Persian and Arabic-Indic digits in number fields', () => {
    expect(parseInput(schema, { title: 'خبر', count: '۱۲۳' }).count).toBe(123);
    expect(parseInput(schema, { title: 'خبر', count: '٤٥' }).count).toBe(45);
    expect(parseInput(schema, { title: 'خبر', count: 7 }).count).toBe(7);
  });

  it('never coerces null or true into a number', () => {
    expect(errorsOf({ title: 'خبر', count: null }).count).toMatch(/عدد/);
    expect(errorsOf({ title: 'خبر', count: true }).count).toMatch(/عدد/);
    expect(errorsOf({ title: 'خبر', count: '12abc' }).count).toBeDefined();
    expect(errorsOf({ title: 'خبر', count: '1.5' }).count).toBeDefined();
  });

  it('rejects unknown fields and ignores the CSRF plumbing field', () => {
    expect(errorsOf({ title: 'خبر', count: '1', admin: 'yes' })._form).toMatch(/ناشناخته/);
    expect(parseInput(schema, { title: 'خبر', count: '1', _csrf: 'x' }).title).toBe('خبر');
  });

  it('rejects an overlong field with a Persian message naming it', () => {
    expect(errorsOf({ title: 'الف'.repeat(30), count: '1' }).title).toMatch(/«تیتر» حداکثر ۲۰|«تیتر» حداکثر 20/);
  });

  it('rejects a Jalali date that does not exist', () => {
    const e = errorsOf({ title: 'خبر', count: '1', day: '۱۴۰۲/۰۷/۳۱' });
    expect(e.day).toMatch(/تاریخ/);
    const ok = parseInput(schema, { title: 'خبر', count: '1', day: '۱۴۰۵/۰۹/۰۸' });
    expect(ok.day).toEqual({ jy: 1405, jm: 9, jd: 8 });
  });

  it('normalises text and turns an empty optional field into null', () => {
    const r = parseInput(schema, { title: '  علي  ', count: '1', note: '   ' });
    expect(r.title).toBe('علی');
    expect(r.note).toBeNull();
    expect(r.flag).toBe(false);
  });

  it('returns the typed values with the errors for re-rendering', () => {
    const r = safeParseInput(schema, { title: '', count: 'x' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.values).toEqual({ title: '', count: 'x' });
      expect(Object.keys(r.errors).sort()).toEqual(['count', 'title']);
    }
  });

  it('identity fields refuse zero-width and bidi-control characters', () => {
    const s = z.strictObject({ username: identityText({ label: 'نام کاربری' }) });
    expect(() => parseInput(s, { username: 'ali\u200b' })).toThrow(AppError);
    expect(() => parseInput(s, { username: '\u202eali' })).toThrow(AppError);
    expect(() => parseInput(s, { username: 'ali reza' })).toThrow(AppError);
    expect(parseInput(s, { username: 'ali.rezaei' }).username).toBe('ali.rezaei');
  });

  it('rejects a body that is not an object', () => {
    expect(() => parseInput(schema, 'title=x')).toThrow(AppError);
    expect(() => parseInput(schema, [1, 2])).toThrow(AppError);
  });
});
