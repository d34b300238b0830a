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

const STEP_SECONDS = 30;

/**
 * The time step (Unix seconds / 30) of the code, if it is the current code or the one
 * either side of it (clock drift of a phone); null otherwise. The caller refuses a step
 * at or before the last one it accepted, so a code cannot be replayed.
 */
export async function matchTotp(secret: string, code: string, now: Date): Promise<number | null> {
  const token = cleanTotpCode(code);
  if (!/^\d{6}$/.test(token)) return null;
  try {
    const epoch = Math.floor(now.getTime() / 1000);
    const r = await verify({ secret, token, epoch, epochTolerance: STEP_SECONDS });
    if (!r.valid) return null;
    return Math.floor(epoch / STEP_SECONDS) + r.delta;
  } catch {
    return null;
  }
}

/** Whether the code is good at `now` (drift of one step either way), replays not considered. */
export async function checkTotp(secret: string, code: string, now: Date): Promise<boolean> {
  return (await matchTotp(secret, code, now)) !== null;
}

/** For tests and the CLI: the code an authenticator would show at `now`. */
export function totpCodeAt(secret: string, now: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
}
