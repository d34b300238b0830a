// The comment form's rules without HTTP: names cleaned of invisible characters but not of
// the Persian half-space, bidi overrides refused, bodies as plain text within limits.
import { describe, expect, it } from 'vitest';
import { commentInputSchema, moderationInputSchema } from './feedback.inputs.js';

const base = { name: 'مریم', body: 'سلام' };

describe('comment input', () => {
  it('removes zero-width characters from names and keeps the half-space (ZWNJ)', () => {
    const r = commentInputSchema.safeParse({ ...base, name: 'علی\u200b\ufeff رضایی\u200cفر' });
    expect(r.success && r.data.name).toBe('علی رضایی\u200cفر');
  });

  it('refuses bidi overrides and isolates in names', () => {
    for (const ch of ['\u202e', '\u202d', '\u2067']) expect(commentInputSchema.safeParse({ ...base, name: `a${ch}b` }).success).toBe(false);
  });

  it('keeps markup as text, strips control characters, refuses unknown fields and bad contacts', () => {
    const r = commentInputSchema.safeParse({ ...base, body: '<b>x</b>\u0007\u202e' });
    expect(r.success && r.data.body).toBe('<b>x</b>');
    expect(commentInputSchema.safeParse({ ...base, extra: '1' }).success).toBe(false);
    expect(commentInputSchema.safeParse({ ...base, contact: 'not a contact' }).success).toBe(false);
    expect(commentInputSchema.safeParse({ ...base, contact: '۰۹۱۲ ۱۲۳ ۴۵۶۷' }).success).toBe(true);
    expect(commentInputSchema.safeParse({ ...base, body: '   ' }).success).toBe(false);
  });

  it('asks for a reason to reject, a text to redact and a reply to reply', () => {
    expect(moderationInputSchema.safeParse({ action: 'reject', version: '1' }).success).toBe(false);
    expect(moderationInputSchema.safeParse({ action: 'redact', version: '1' }).success).toBe(false);
    expect(moderationInputSchema.safeParse({ action: 'reply', version: '1', reply: ' ' }).success).toBe(false);
    expect(moderationInputSchema.safeParse({ action: 'reject', version: '۲', reason: 'توهین‌آمیز' }).success).toBe(true);
  });
});
