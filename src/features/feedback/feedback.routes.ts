// Public feedback endpoints (anonymous forms on cached pages: a same-origin check instead
// of a CSRF token, see docs/adr/0004-public-forms.md; they also answer JSON) and the PR
// desk's moderation queue: validate → service → redirect | re-render (422/409).
// The comment form's POST lives with the news page (the portal re-renders itself on 422).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, isAppError, notFound, validationFailed, type AppError } from '../../core/errors.js';
import { wantsJson } from '../../core/http/error-handler.js';
import { setFlash } from '../../core/http/flash.js';
import { parseInput, safeParseInput } from '../../core/http/forms.js';
import { sendHtml } from '../../core/http/page-context.js';
import { PUBLIC_FORM } from '../../core/http/public-forms.js';
import { staffChrome } from '../auth/index.js';
import { regionPublicName, type OrgService } from '../org/index.js';
import { COMMENT_STATUS_FILTERS, helpfulInputSchema, moderationInputSchema, reportInputSchema, satisfactionInputSchema } from './feedback.inputs.js';
import { canModerate } from './feedback.policy.js';
import type { FeedbackService, VisitorMeta } from './feedback.service.js';
import { renderModerationPage, type ModerationPageProps } from './views/moderation.page.js';
import { renderSatisfactionPage } from './views/satisfaction.page.js';

export interface FeedbackRoutesOptions {
  feedback: FeedbackService;
  /** Resolves `/districts/:code` for the satisfaction form. */
  org: Pick<OrgService, 'getUnitByCode' | 'getRegion'>;
}

type StatusFilter = (typeof COMMENT_STATUS_FILTERS)[number];

/** Ids in URLs: ASCII digits within the integer column's range, else a 404. */
function idParam(raw: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw notFound();
  const id = Number(raw);
  if (id > 2_147_483_647) throw notFound();
  return id;
}

/** Who is posting, for the salted hashes (never stored raw). */
export function visitorOf(request: FastifyRequest): VisitorMeta {
  const ua = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof ua === 'string' ? ua.slice(0, 500) : '' };
}

function statusFilter(raw: unknown): StatusFilter {
  return typeof raw === 'string' && (COMMENT_STATUS_FILTERS as readonly string[]).includes(raw) ? (raw as StatusFilter) : 'pending';
}

/** What was typed, as strings, to put back in a re-rendered form. */
export function typedValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) if (k !== '_csrf' && typeof v === 'string') out[k] = v;
  }
  return out;
}

/** A news item's public page (the portal's /news/<slug>) with a query and a fragment. */
export function newsPageHref(slug: string | null, query: string, fragment: string): string {
  return slug ? `/news/${encodeURIComponent(slug)}?${query}#${fragment}` : '/';
}

/**
 * After a public form: JSON for scripts, else 303 to a cacheable variant of the page
 * (`?helpful=thanks`) that shows the outcome — no cookie flash, which would make the
 * page differ per visitor.
 */
function answer(request: FastifyRequest, reply: FastifyReply, message: string, location: string, jsonStatus = 202): FastifyReply {
  if (wantsJson(request)) return reply.status(jsonStatus).send(jsonStatus >= 400 ? { error: { code: 'already_answered', message } } : { message });
  return reply.redirect(location, 303);
}

/** An open district by the code in its URL, or a 404 (closed, unknown, or not a district). */
async function openDistrict(org: FeedbackRoutesOptions['org'], code: string) {
  const unknown = 'ناحیه‌ای با این نشانی پیدا نشد.';
  if (code.length > 32) throw notFound(unknown);
  const [unit, region] = await Promise.all([org.getUnitByCode(code), org.getRegion()]);
  if (!unit || unit.kind !== 'district' || unit.closedOn !== null || !region) throw notFound(unknown);
  return { unit, region };
}

export const feedbackRoutes: FastifyPluginAsync<FeedbackRoutesOptions> = async (app, opts) => {
  const { feedback, org } = opts;

  app.post<{ Params: { id: string } }>('/news/:id/helpful', PUBLIC_FORM, async (request, reply) => {
    const newsId = idParam(request.params.id);
    const input = parseInput(helpfulInputSchema, request.body);
    const result = await feedback.answerHelpful(newsId, input.value === 'yes', visitorOf(request));
    return answer(request, reply, result.message, newsPageHref(result.newsSlug, `helpful=${result.recorded ? 'thanks' : 'already'}`, 'helpful'));
  });

  app.post<{ Params: { id: string } }>('/comments/:id/report', PUBLIC_FORM, async (request, reply) => {
    const commentId = idParam(request.params.id);
    parseInput(reportInputSchema, request.body);
    const result = await feedback.report(commentId, visitorOf(request));
    return answer(request, reply, result.message, newsPageHref(result.newsSlug, 'report=received', 'comments'));
  });

  app.post<{ Params: { code: string } }>('/districts/:code/satisfaction', PUBLIC_FORM, async (request, reply) => {
    const { unit, region } = await openDistrict(org, request.params.code);
    const parsed = safeParseInput(satisfactionInputSchema, request.body);
    if (!parsed.ok) {
      if (wantsJson(request)) throw validationFailed(parsed.errors);
      // Not the (cached) district page: a small page of its own that no cache keeps.
      const html = renderSatisfactionPage({
        siteName: regionPublicName(region),
        districtName: unit.name,
        districtCode: unit.code,
        form: { districtCode: unit.code, errors: parsed.errors, values: typedValues(request.body) },
      });
      return sendHtml(reply, html, 422);
    }
    const result = await feedback.answerSatisfaction(unit.id, parsed.data, visitorOf(request));
    const location = `/districts/${encodeURIComponent(unit.code)}?satisfaction=${result.recorded ? 'thanks' : 'already'}#satisfaction`;
    return answer(request, reply, result.message, location, result.recorded ? 202 : 409);
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
