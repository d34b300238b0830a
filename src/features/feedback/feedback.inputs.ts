// What citizens and moderators may post, with Persian messages. Unknown fields are refused.
import { z } from 'zod';
import { sanitizeCommentText } from '../../core/html/sanitize.js';
import { choiceField, idField, optionalText, requiredText } from '../../core/http/forms.js';
import { normalize, parseInteger, toPersianDigits } from '../../core/persian/index.js';
import { SERVICE_AREAS } from '../newsroom/index.js';

export const COMMENT_LIMITS = { name: 80, contact: 120, body: 2000, reason: 500, reply: 2000 } as const;

export const COMMENT_FIELD_LABELS = {
  name: 'نام',
  contact: 'ایمیل یا شمارهٔ تماس',
  body: 'متن نظر',
} as const;

/** Bidi embeddings, overrides and isolates: they make a name display as something else. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;
/** Invisible characters with no place in a name (ZWNJ, the Persian half-space, is kept). */
const INVISIBLE_IN_NAME = /[\u00ad\u061c\u180e\u200b\u200d-\u200f\u2060-\u2064\ufeff]/g;

const nameField = z
  .string({ error: `«${COMMENT_FIELD_LABELS.name}» باید متن باشد.` })
  .refine((v) => !BIDI_CONTROLS.test(v), {
    error: `«${COMMENT_FIELD_LABELS.name}» نویسهٔ کنترل جهت متن دارد؛ نام را دوباره و بدون کپی‌کردن تایپ کنید.`,
  })
  .transform((v) => sanitizeCommentText(v).replace(INVISIBLE_IN_NAME, '').replace(/\s+/g, ' '))
  .pipe(requiredText({ label: COMMENT_FIELD_LABELS.name, max: COMMENT_LIMITS.name }));

const bodyField = z
  .string({ error: `«${COMMENT_FIELD_LABELS.body}» باید متن باشد.` })
  .transform((v) => sanitizeCommentText(v))
  .pipe(requiredText({ label: COMMENT_FIELD_LABELS.body, max: COMMENT_LIMITS.body }));

export const commentInputSchema = z.strictObject({
  name: nameField,
  contact: optionalText({ label: COMMENT_FIELD_LABELS.contact, max: COMMENT_LIMITS.contact, normalize: false }).refine(
    (v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) || /^[+0-9۰-۹٠-٩\s-]{6,20}$/.test(v),
    { error: `«${COMMENT_FIELD_LABELS.contact}» باید یک ایمیل یا شمارهٔ تلفن باشد.` },
  ),
  body: bodyField,
  /** The honeypot: hidden from people, filled in by bots. */
  website: z.string().optional(),
  /** Where to go back to (a local path), for the no-JavaScript form. */
  return: z.string().optional(),
});
export type CommentInput = z.output<typeof commentInputSchema>;

export const helpfulInputSchema = z.strictObject({
  value: choiceField({ label: 'آیا این خبر مفید بود؟', options: ['yes', 'no'] as const }),
  return: z.string().optional(),
});

export const reportInputSchema = z.strictObject({
  return: z.string().optional(),
});

export const SATISFACTION_LIMITS = { text: 1000 } as const;
export const SATISFACTION_FIELD_LABELS = {
  serviceArea: 'خدمت',
  rating: 'میزان رضایت',
  text: 'توضیح',
} as const;

const RATING_MESSAGE = `«${SATISFACTION_FIELD_LABELS.rating}» را با یکی از گزینه‌های ۱ تا ۵ انتخاب کنید.`;

/** 1–5 from a radio button (any digits: ۴, ٤ or 4); anything else is a Persian field error. */
const ratingField = z
  .union([z.string(), z.number()], { error: RATING_MESSAGE })
  .optional()
  .transform((v, ctx): number => {
    let n: number | null = null;
    if (typeof v === 'number') n = Number.isInteger(v) ? v : null;
    else if (typeof v === 'string') {
      const r = parseInteger(v.trim());
      n = r.ok ? r.value : null;
    }
    if (n === null || n < 1 || n > 5) {
      ctx.addIssue({ code: 'custom', message: RATING_MESSAGE });
      return z.NEVER;
    }
    return n;
  });

export const satisfactionInputSchema = z.strictObject({
  serviceArea: choiceField({ label: SATISFACTION_FIELD_LABELS.serviceArea, options: SERVICE_AREAS }),
  rating: ratingField,
  /** Plain text, as comments are: markup kept as text, control characters removed. */
  text: z
    .string({ error: `«${SATISFACTION_FIELD_LABELS.text}» باید متن باشد.` })
    .optional()
    .transform((v) => {
      const t = v === undefined ? '' : normalize(sanitizeCommentText(v));
      return t === '' ? null : t;
    })
    .refine((v) => v === null || v.length <= SATISFACTION_LIMITS.text, {
      error: `«${SATISFACTION_FIELD_LABELS.text}» حداکثر ${toPersianDigits(String(SATISFACTION_LIMITS.text))} نویسه می‌تواند باشد.`,
    }),
});
export type SatisfactionInput = z.output<typeof satisfactionInputSchema>;

export const MODERATION_ACTIONS = ['approve', 'reject', 'spam', 'redact', 'reply'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export const moderationInputSchema = z
  .strictObject({
    action: choiceField({ label: 'اقدام', options: MODERATION_ACTIONS }),
    version: idField({ label: 'نسخه' }),
    reason: optionalText({ label: 'دلیل رد', max: COMMENT_LIMITS.reason }),
    redactedBody: z
      .string()
      .optional()
      .transform((v) => (v === undefined ? null : sanitizeCommentText(v) || null))
      .refine((v) => v === null || v.length <= COMMENT_LIMITS.body, { error: '«متن ویراسته» بیش از اندازه بلند است.' }),
    reply: z
      .string()
      .optional()
      .transform((v) => (v === undefined ? null : sanitizeCommentText(v) || null))
      .refine((v) => v === null || v.length <= COMMENT_LIMITS.reply, { error: '«پاسخ شهرداری» بیش از اندازه بلند است.' }),
    status: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'reject' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'برای رد نظر، دلیل را بنویسید.' });
    if (v.action === 'redact' && !v.redactedBody)
      ctx.addIssue({ code: 'custom', path: ['redactedBody'], message: 'متن ویراستهٔ نظر را بنویسید.' });
    if (v.action === 'reply' && !v.reply) ctx.addIssue({ code: 'custom', path: ['reply'], message: 'متن پاسخ را بنویسید.' });
  });
export type ModerationInput = z.output<typeof moderationInputSchema>;

export const COMMENT_STATUS_FILTERS = ['pending', 'approved', 'rejected', 'spam', 'all'] as const;
