// Form and JSON input parsing with Zod: unknown fields rejected, no silent coercion,
// Persian messages per field. Field builders normalise Persian text on the way in.
import { z } from 'zod';
import { validationFailed, type FieldErrors } from '../errors.js';
import {
  hasInvisibleOrBidiChars,
  normalize,
  toPersianDigits,
  parseInteger,
  parseJalaliDate,
  parseNumber,
} from '../persian/index.js';

/** Names the form posts that are plumbing, not data. */
const PLUMBING_FIELDS = new Set(['_csrf', 'idempotency_key']);

export type FormBody = Record<string, unknown>;

function stripPlumbing(body: unknown): FormBody {
  if (body === null || body === undefined) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw validationFailed({ _form: 'قالب اطلاعات ارسال‌شده درست نیست.' });
  const out: FormBody = {};
  for (const [k, v] of Object.entries(body as FormBody)) if (!PLUMBING_FIELDS.has(k)) out[k] = v;
  return out;
}

function issuesToFieldErrors(issues: z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      errors._form = `فیلد ناشناخته در فرم: ${issue.keys.join('، ')}`;
      continue;
    }
    const key = issue.path.length ? issue.path.map(String).join('.') : '_form';
    if (!errors[key]) errors[key] = issue.message;
  }
  return errors;
}

/** Parses a body against a strict schema; throws a 422 AppError with Persian field errors. */
export function parseInput<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(stripPlumbing(body));
  if (!result.success) throw validationFailed(issuesToFieldErrors(result.error.issues));
  return result.data;
}

/** Like parseInput but returns errors instead of throwing, for forms that re-render. */
export function safeParseInput<S extends z.ZodType>(
  schema: S,
  body: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors; values: FormBody } {
  let values: FormBody;
  try {
    values = stripPlumbing(body);
  } catch {
    return { ok: false, errors: { _form: 'قالب اطلاعات ارسال‌شده درست نیست.' }, values: {} };
  }
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: issuesToFieldErrors(result.error.issues), values };
}

interface TextOptions {
  label: string;
  max?: number;
  min?: number;
  /** Apply the Persian normaliser (titles, names); off for secrets and codes. */
  normalize?: boolean;
}

const mustBeText = (label: string) => `«${label}» باید متن باشد.`;
/** Numbers in messages are shown in Persian digits. */
const fa = (n: number) => toPersianDigits(String(n));

/** A required single-line or multi-line text field. */
export function requiredText(o: TextOptions) {
  const max = o.max ?? 200;
  return z
    .string({ error: mustBeText(o.label) })
    .transform((v) => (o.normalize === false ? v.trim() : normalize(v)))
    .pipe(
      z
        .string()
        .min(Math.max(1, o.min ?? 1), { error: o.min && o.min > 1 ? `«${o.label}» دست‌کم ${fa(o.min)} نویسه باشد.` : `«${o.label}» را وارد کنید.` })
        .max(max, { error: `«${o.label}» حداکثر ${fa(max)} نویسه می‌تواند باشد.` }),
    );
}

/** An optional text field: empty becomes null. */
export function optionalText(o: TextOptions) {
  const max = o.max ?? 200;
  return z
    .string({ error: mustBeText(o.label) })
    .optional()
    .transform((v) => {
      if (v === undefined) return null;
      const t = o.normalize === false ? v.trim() : normalize(v);
      return t === '' ? null : t;
    })
    .refine((v) => v === null || v.length <= max, { error: `«${o.label}» حداکثر ${fa(max)} نویسه می‌تواند باشد.` });
}

/** Usernames and slugs: no invisible or bidi-control characters, a safe alphabet. */
export function identityText(o: { label: string; max?: number }) {
  const max = o.max ?? 64;
  return z
    .string({ error: mustBeText(o.label) })
    .trim()
    .min(1, { error: `«${o.label}» را وارد کنید.` })
    .max(max, { error: `«${o.label}» حداکثر ${fa(max)} نویسه می‌تواند باشد.` })
    .refine((v) => !hasInvisibleOrBidiChars(v), {
      error: `«${o.label}» نویسهٔ نامرئی یا کنترل جهت متن دارد؛ آن را دوباره و بدون کپی‌کردن تایپ کنید.`,
    })
    .refine((v) => /^[\p{L}\p{N}._-]+$/u.test(v), {
      error: `«${o.label}» فقط می‌تواند حرف، رقم، نقطه، خط تیره و زیرخط داشته باشد.`,
    });
}

/** A number typed by a person: Persian, Arabic-Indic or Latin digits; never a JSON true/null. */
export function numberField(o: { label: string; min?: number; max?: number; integer?: boolean; optional?: boolean }) {
  const base = z.union([z.string(), z.number()], { error: `«${o.label}» باید عدد باشد.` });
  const parsed = base.transform((v, ctx): number | null => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || (o.integer && !Number.isInteger(v))) {
        ctx.addIssue({ code: 'custom', message: `«${o.label}» باید عدد${o.integer ? ' صحیح' : ''} باشد.` });
        return z.NEVER;
      }
      return v;
    }
    if (v.trim() === '') {
      if (o.optional) return null;
      ctx.addIssue({ code: 'custom', message: `«${o.label}» را وارد کنید.` });
      return z.NEVER;
    }
    const r = o.integer ? parseInteger(v) : parseNumber(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: `«${o.label}»: ${r.error}` });
      return z.NEVER;
    }
    return r.value;
  });
  return (o.optional ? base.optional().transform((v) => (v === undefined ? '' : v)).pipe(parsed) : parsed).refine(
    (n) =>
      n === null ||
      ((o.min === undefined || n >= o.min) && (o.max === undefined || n <= o.max)),
    {
      error:
        o.min !== undefined && o.max !== undefined
          ? `«${o.label}» باید بین ${fa(o.min)} و ${fa(o.max)} باشد.`
          : o.min !== undefined
            ? `«${o.label}» نباید کمتر از ${fa(o.min)} باشد.`
            : `«${o.label}» نباید بیشتر از ${fa(o.max ?? 0)} باشد.`,
    },
  );
}

/** A Jalali date typed as ۱۴۰۵/۰۹/۰۸ (any digits); rejected if the day does not exist. */
export function jalaliDateField(o: { label: string; optional?: boolean }) {
  return z
    .string({ error: mustBeText(o.label) })
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') {
        if (o.optional) return null;
        ctx.addIssue({ code: 'custom', message: `«${o.label}» را وارد کنید.` });
        return z.NEVER;
      }
      const r = parseJalaliDate(v);
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: `«${o.label}»: ${r.error}` });
        return z.NEVER;
      }
      return r.value;
    });
}

/** One value of a fixed list (select, radios). */
export function choiceField<const T extends readonly [string, ...string[]]>(o: { label: string; options: T }) {
  return z.enum(o.options, { error: `یکی از گزینه‌های «${o.label}» را انتخاب کنید.` });
}

/** A checkbox: present ("on"/"true"/"1") is true, absent is false. */
export function checkboxField() {
  return z
    .union([z.literal('on'), z.literal('true'), z.literal('1'), z.literal('false'), z.literal('0'), z.boolean()])
    .optional()
    .transform((v) => v === true || v === 'on' || v === 'true' || v === '1');
}

/** An id from a select: a positive integer in ASCII digits (Persian digits accepted too). */
export function idField(o: { label: string; optional?: boolean }) {
  // PostgreSQL integer ids: a larger number cannot name a row and would fail in the query.
  return numberField({ label: o.label, integer: true, min: 1, max: 2_147_483_647, optional: o.optional });
}
