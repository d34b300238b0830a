// One-shot messages across a POST → redirect → GET, kept in a signed cookie.
import type { FastifyReply, FastifyRequest } from 'fastify';

export type FlashKind = 'success' | 'error' | 'info';
export interface Flash {
  kind: FlashKind;
  text: string;
}

const COOKIE = 'flash';

export function setFlash(reply: FastifyReply, kind: FlashKind, text: string): void {
  reply.setCookie(COOKIE, Buffer.from(JSON.stringify({ kind, text })).toString('base64url'), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    signed: true,
    maxAge: 60,
  });
}

export function takeFlash(request: FastifyRequest, reply: FastifyReply): Flash | undefined {
  const raw = request.cookies[COOKIE];
  if (!raw) return undefined;
  reply.clearCookie(COOKIE, { path: '/' });
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value === null) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')) as Partial<Flash>;
    if ((parsed.kind === 'success' || parsed.kind === 'error' || parsed.kind === 'info') && typeof parsed.text === 'string') {
      return { kind: parsed.kind, text: parsed.text.slice(0, 500) };
    }
  } catch {
    // a tampered or old cookie: ignore it
  }
  return undefined;
}
