import { describe, expect, it } from 'vitest';
import { checkTotp, cleanTotpCode, createTotpBox, newTotpSecret, totpCodeAt, totpUri } from './totp.js';

const secretKey = 'x'.repeat(48);

describe('TOTP secrets at rest', () => {
  it('round-trips through AES-256-GCM and never stores the secret in clear', () => {
    const box = createTotpBox(secretKey);
    const secret = newTotpSecret();
    const sealed = box.seal(secret);
    expect(sealed).not.toContain(secret);
    expect(sealed.startsWith('v1:')).toBe(true);
    expect(box.open(sealed)).toBe(secret);
    expect(box.seal(secret)).not.toBe(sealed); // a fresh IV each time
  });

  it('refuses a tampered value or another key', () => {
    const sealed = createTotpBox(secretKey).seal(newTotpSecret());
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1]! ^= 1;
    expect(() => createTotpBox(secretKey).open(`v1:${raw.toString('base64url')}`)).toThrow();
    expect(() => createTotpBox('y'.repeat(48)).open(sealed)).toThrow();
  });
});

describe('TOTP codes', () => {
  const now = new Date('2025-03-01T08:00:10Z');

  it('accepts the current code, typed with Persian digits too, and the neighbouring step', async () => {
    const secret = newTotpSecret();
    const code = await totpCodeAt(secret, now);
    expect(await checkTotp(secret, code, now)).toBe(true);
    const persian = code.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
    expect(await checkTotp(secret, persian, now)).toBe(true);
    expect(await checkTotp(secret, code, new Date(now.getTime() + 30_000))).toBe(true);
  });

  it('refuses an old code, junk and a wrong code', async () => {
    const secret = newTotpSecret();
    const code = await totpCodeAt(secret, now);
    expect(await checkTotp(secret, code, new Date(now.getTime() + 5 * 60_000))).toBe(false);
    expect(await checkTotp(secret, 'abcdef', now)).toBe(false);
    expect(await checkTotp(secret, code === '000000' ? '111111' : '000000', now)).toBe(false);
  });

  it('cleans what people type', () => {
    expect(cleanTotpCode(' ۱۲۳ ۴۵۶ ')).toBe('123456');
    expect(cleanTotpCode('١٢٣-٤٥٦')).toBe('123456');
  });

  it('gives an otpauth URI for the app', () => {
    expect(totpUri('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'admin')).toMatch(/^otpauth:\/\/totp\/Shahrnama:admin\?/);
  });
});
