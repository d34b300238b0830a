// argon2id with OWASP/ASVS L2 parameters (19 MiB, 2 passes, 1 lane).
import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

const PARAMS = { algorithm: 2 /* Algorithm.Argon2id (an ambient const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the user does not exist, so timing does not tell. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(`no-such-user-${Math.random()}`);
  return dummy;
}

/** Persian message or null. Length over composition rules (NIST 800-63B). */
export function passwordProblem(password: string, context: { username?: string } = {}): string | null {
  if ([...password].length < 10) return 'رمز عبور باید دست‌کم ۱۰ نویسه باشد.';
  if ([...password].length > 200) return 'رمز عبور حداکثر ۲۰۰ نویسه می‌تواند باشد.';
  if (context.username && password.toLowerCase().includes(context.username.toLowerCase())) {
    return 'رمز عبور نباید نام کاربری را در خود داشته باشد.';
  }
  if (/^(.)\1+$/u.test(password)) return 'رمز عبور نباید فقط از تکرار یک نویسه ساخته شده باشد.';
  return null;
}

/** A readable random password for demo accounts and admin resets (about 90 bits). */
export function randomPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < 16; i++) {
    out += alphabet[randomInt(alphabet.length)];
    if (i === 3 || i === 7 || i === 11) out += '-';
  }
  return out;
}
