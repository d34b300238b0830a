// Small request/response helpers shared by the auth route plugins.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h, type FunctionComponent } from 'preact';
import { sendHtml } from '../../core/http/page-context.js';
import type { RequestMeta } from './auth.service.js';
import { renderPage } from '../../ui/render.js';

/** Renders a page component with the given props as a full HTML response. */
export function sendPage<P>(reply: FastifyReply, component: FunctionComponent<P>, props: NoInfer<P>, status = 200): FastifyReply {
  // h() is typed for attribute objects; the page's own prop type is the contract here.
  return sendHtml(reply, renderPage(h(component as FunctionComponent<object>, props as object)), status);
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  const ua = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof ua === 'string' ? ua : null };
}
