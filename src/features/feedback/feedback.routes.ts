// Public feedback endpoints (anonymous, CSRF-protected forms that also answer JSON) and
// the PR desk's moderation queue: validate → service → redirect | re-render (422/409).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, isAppError, notFound, type AppError } from '../../core/errors.js';
import { wantsJson } from '../../core/http/error-handler.js';
import { setFlash } from '../../core/http/flash.js';
import { parseInput, safeParseInput } from '../../core/http/forms.js';
import { safeNext, sendHtml } from '../../core/http/page-context.js';
import { staffChrome } from '../auth/index.js';
import { COMMENT_STATUS_FILTERS, commentInputSchema, helpfulInputSchema, moderationInputSchema, reportInputSchema } from './feedback.inputs.js';
import { canModerate } from './feedback.policy.js';
import type { FeedbackService, VisitorMeta } from './feedback.service.js';
import { renderModerationPage, type ModerationPageProps } from './views/moderation.page.js';

export interface FeedbackRoutesOptions {
  feedback: FeedbackService;
}

type StatusFilter = (typeof COMMENT_STATUS_FILTERS)[number];

/** Ids in URLs: ASCII digits within the integer column's range, else a 404. */
function idParam(raw: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw notFound();
  const id = Number(raw);
  if (id > 2_147_483_647) throw notFound();
  return id;
}

function visitorOf(request: FastifyRequest): VisitorMeta {
  const ua = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof ua === 'string' ? ua.slice(0, 500) : '' };
}

function statusFilter(raw: unknown): StatusFilter {
  return typeof raw === 'string' && (COMMENT_STATUS_FILTERS as readonly string[]).includes(raw) ? (raw as StatusFilter) : 'pending';
}

function typedValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) if (k !== '_csrf' && typeof v === 'string') out[k] = v;
  }
  return out;
}

/** A public form's answer: 202 JSON for scripts, else a flash and 303 back to a local page. */
function answer(request: FastifyRequest, reply: FastifyReply, message: string, returnTo: string | undefined): FastifyReply {
  if (wantsJson(request)) return reply.status(202).send({ message });
  setFlash(reply, 'success', message);
  return reply.redirect(safeNext(returnTo, '/'), 303);
}

export const feedbackRoutes: FastifyPluginAsync<FeedbackRoutesOptions> = async (app, opts) => {
  const { feedback } = opts;

  app.post<{ Params: { id: string } }>('/news/:id/comments', async (request, reply) => {
    const newsId = idParam(request.params.id);
    const input = parseInput(commentInputSchema, request.body);
    const result = await feedback.submitComment(newsId, input, visitorOf(request));
    return answer(request, reply, result.message, input.return);
  });

  app.post<{ Params: { id: string } }>('/news/:id/helpful', async (request, reply) => {
    const newsId = idParam(request.params.id);
    const input = parseInput(helpfulInputSchema, request.body);
    const result = await feedback.answerHelpful(newsId, input.value === 'yes', visitorOf(request));
    return answer(request, reply, result.message, input.return);
  });

  app.post<{ Params: { id: string } }>('/comments/:id/report', async (request, reply) => {
    const commentId = idParam(request.params.id);
    const input = parseInput(reportInputSchema, request.body);
    const result = await feedback.report(commentId, visitorOf(request));
    return answer(request, reply, result.message, input.return);
  });

  async function queuePage(request: FastifyRequest, reply: FastifyReply, status: StatusFilter, cursor: string | undefined, failed?: ModerationPageProps['failed']) {
    const page = await feedback.queue({ status, cursor });
    const nextHref = page.next ? `/staff/comments?${new URLSearchParams({ status, after: page.next }).toString()}` : null;
    return renderModerationPage({ chrome: staffChrome(request, reply), rows: page.rows, status, nextHref, failed });
  }

  function requireModerator(request: FastifyRequest) {
    const user = request.currentUser;
    if (!user || !canModerate(user.roles)) throw forbidden();
    return user;
  }

  app.get<{ Querystring: Record<string, unknown> }>('/staff/comments', async (request, reply) => {
    requireModerator(request);
    const q = request.query ?? {};
    const cursor = typeof q.after === 'string' ? q.after : undefined;
    return sendHtml(reply, await queuePage(request, reply, statusFilter(q.status), cursor));
  });

  app.post<{ Params: { id: string } }>('/staff/comments/:id/moderate', async (request, reply) => {
    const user = requireModerator(request);
    const id = idParam(request.params.id);
    const values = typedValues(request.body);
    const status = statusFilter(values.status);
    const parsed = safeParseInput(moderationInputSchema, request.body);
    if (!parsed.ok) {
      await feedback.getForStaff(id); // an unknown comment is a 404, not a form error
      return sendHtml(reply, await queuePage(request, reply, status, undefined, { id, errors: parsed.errors, values }), 422);
    }
    try {
      await feedback.moderate({ userId: user.id, label: user.username, ip: request.ip }, id, parsed.data);
    } catch (err) {
      if (isAppError(err) && err.status === 409) {
        const e: AppError = err;
        return sendHtml(reply, await queuePage(request, reply, status, undefined, { id, errors: { _form: e.userMessage }, values }), 409);
      }
      throw err;
    }
    setFlash(reply, 'success', 'تصمیم دربارهٔ نظر ثبت شد.');
    return reply.redirect(`/staff/comments?${new URLSearchParams({ status }).toString()}`, 303);
  });
};
