// TOTP second factor: secrets made and checked with otplib (RFC 6238, 6 digits, 30 s),
// kept at rest encrypted with AES-256-GCM under a key derived from the session secret
// (HKDF-SHA256), so a database dump alone does not give out the authenticator seeds.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { generate, generateSecret, generateURI, verify } from 'otplib';

const FORMAT = 'v1';

export interface TotpBox {
  seal(secret: string): string;
  open(sealed: string): string;
}

export function createTotpBox(sessionSecret: string): TotpBox {
  const key = Buffer.from(hkdfSync('sha256', sessionSecret, 'shahrnama', 'totp-secret-v1', 32));
  return {
    seal(secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return `${FORMAT}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    open(sealed) {
      const [format, payload] = sealed.split(':');
      if (format !== FORMAT || !payload) throw new Error('unknown TOTP secret format');
      const raw = Buffer.from(payload, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: 'Shahrnama', label: account, secret });
}

/** Normalises what a person typed: Persian or Arabic-Indic digits and spaces are fine. */
export function cleanTotpCode(input: string): string {
  return input
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\s-]/g, '');
}

/** Accepts the current code and the one either side of it (clock drift of a phone). */
export async function checkTotp(secret: string, code: string, now: Date): Promise<boolean> {
  const token = cleanTotpCode(code);
  if (!/^\d{6}$/.test(token)) return false;
  try {
    const r = await verify({ secret, token, epoch: Math.floor(now.getTime() / 1000), epochTolerance: 30 });
    return r.valid;
  } catch {
    return false;
  }
}

/** For tests and the CLI: the code an authenticator would show at `now`. */
export function totpCodeAt(secret: string, now: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
}
