// What every rendered page needs from the request: the user, a CSRF token, a flash.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CurrentUser } from './current-user.js';
import { takeFlash, type Flash } from './flash.js';

export interface PageContext {
  currentUser: CurrentUser | null;
  csrfToken: string;
  flash: Flash | undefined;
  /** Path of the current page, for marking the current nav item. */
  path: string;
}

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  return {
    currentUser: request.currentUser,
    csrfToken: reply.generateCsrf(),
    flash: takeFlash(request, reply),
    path: request.url.split('?')[0] ?? '/',
  };
}

/** Sends a rendered HTML document with the given status (422 for a rejected form). */
export function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/** A safe local redirect target from a ?next= value: only same-site absolute paths. */
export function safeNext(next: unknown, fallback: string): string {
  if (typeof next !== 'string') return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  for (const ch of next) if (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) return fallback;
  return next;
}
