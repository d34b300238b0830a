// Citizens' feedback: comments (moderated before they show), «was this helpful?», and
// reports. Anonymous writes are keyed by salted hashes only; the raw address is never kept.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import { processContentEvents, type ContentEvents } from '../../core/events.js';
import { recordAudit } from '../../core/audit/audit.js';
import { withTransaction, type Db } from '../../core/db/index.js';
import { conflict, notFound, tooManyRequests } from '../../core/errors.js';
import { newsItems } from '../newsroom/newsroom.tables.js';
import { commentReports, comments, satisfactionAnswers, type CommentStatus } from './feedback.tables.js';
import type { CommentInput, ModerationInput, SatisfactionInput } from './feedback.inputs.js';

export const COMMENT_RECEIVED = 'نظر شما ثبت شد و پس از بررسی منتشر می‌شود.';
export const ALREADY_ANSWERED = 'پاسخ شما پیش‌تر ثبت شده است.';
export const ANSWER_THANKS = 'از پاسخ شما سپاسگزاریم.';
export const REPORT_RECEIVED = 'گزارش شما دریافت شد. سپاسگزاریم.';
export const SATISFACTION_THANKS = 'نظر شما دربارهٔ خدمات ثبت شد. از همراهی شما سپاسگزاریم.';
export const SATISFACTION_ALREADY = 'شما امروز برای این خدمت در این ناحیه نظر داده‌اید؛ هر روز یک پاسخ برای هر خدمت پذیرفته می‌شود. فردا دوباره می‌توانید نظر بدهید.';
export const COMMENT_RATE_LIMIT = 'از این نشانی در چند دقیقهٔ گذشته نظرهای زیادی فرستاده شده است. چند دقیقهٔ دیگر دوباره تلاش کنید.';

/** At most this many comments per address in the window. */
export const COMMENT_RATE = { max: 5, windowMinutes: 10 } as const;
/** Reports from distinct visitors that send an approved comment back to the queue. */
export const REPORTS_TO_HIDE = 3;

export interface VisitorMeta {
  ip: string;
  userAgent: string;
}

export interface FeedbackActor {
  userId: number;
  label: string;
  ip?: string | null;
}

/** What the public sees of a comment: no contact, no address hash, the redacted text if any. */
export interface PublicComment {
  id: number;
  authorName: string;
  body: string;
  replyBody: string | null;
  createdAt: Date;
}

export interface StaffComment {
  id: number;
  newsId: number;
  newsHeadline: string;
  authorName: string;
  contact: string | null;
  body: string;
  redactedBody: string | null;
  status: CommentStatus;
  rejectReason: string | null;
  replyBody: string | null;
  reportCount: number;
  createdAt: Date;
  moderatedAt: Date | null;
  version: number;
}

export interface QueuePage {
  rows: StaffComment[];
  /** Cursor for the next page, or null at the end. */
  next: string | null;
}

export interface FeedbackDeps {
  db: Db;
  clock: Clock;
  /** Secret salt for the hashes (config.sessionSecret). */
  salt: string;
  /** Told after each commit that changes the comments readers see; default: the process-wide hub. */
  events?: ContentEvents;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The calendar day in Tehran, YYYY-MM-DD. */
function tehranDay(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

const staffColumns = {
  id: comments.id,
  newsId: comments.newsId,
  newsHeadline: newsItems.headline,
  authorName: comments.authorName,
  contact: comments.contact,
  body: comments.body,
  redactedBody: comments.redactedBody,
  status: comments.status,
  rejectReason: comments.rejectReason,
  replyBody: comments.replyBody,
  reportCount: comments.reportCount,
  createdAt: comments.createdAt,
  moderatedAt: comments.moderatedAt,
  version: comments.version,
};

/** Pending first, then the rest; newest first within each. */
const queueRank = sql<number>`(case when ${comments.status} = 'pending' then 0 else 1 end)`;

function parseCursor(raw: string | undefined): { rank: number; id: number } | null {
  const m = raw ? /^([01])-([1-9][0-9]{0,9})$/.exec(raw) : null;
  if (!m) return null;
  const id = Number(m[2]);
  return id > 2_147_483_647 ? null : { rank: Number(m[1]), id };
}

export function createFeedbackService(deps: FeedbackDeps) {
  const { db, clock, salt } = deps;
  const events = deps.events ?? processContentEvents;

  const ipHash = (ip: string) => sha256(`ip\u0000${salt}\u0000${ip}`);
  const visitorKey = (v: VisitorMeta, day: string | null) => sha256(`visitor\u0000${salt}\u0000${v.ip}\u0000${v.userAgent}\u0000${day ?? ''}`);

  async function publishedNews(newsId: number): Promise<{ id: number; slug: string | null }> {
    const [row] = await db
      .select({ id: newsItems.id, slug: newsItems.slug })
      .from(newsItems)
      .where(and(eq(newsItems.id, newsId), eq(newsItems.state, 'published')));
    if (!row) throw notFound('این خبر پیدا نشد یا منتشر نشده است.');
    return row;
  }

  async function getForStaff(id: number): Promise<StaffComment> {
    const [row] = await db.select(staffColumns).from(comments).innerJoin(newsItems, eq(newsItems.id, comments.newsId)).where(eq(comments.id, id));
    if (!row) throw notFound('این نظر پیدا نشد.');
    return row;
  }

  return {
    /**
     * A citizen's comment, pending until moderated. A filled honeypot answers the same
     * and stores nothing. At most COMMENT_RATE per address per window (429 after).
     */
    async submitComment(newsId: number, input: CommentInput, visitor: VisitorMeta): Promise<{ stored: boolean; message: string; newsSlug: string | null }> {
      const news = await publishedNews(newsId);
      if (input.website !== undefined && input.website.trim() !== '') return { stored: false, message: COMMENT_RECEIVED, newsSlug: news.slug };
      const hash = ipHash(visitor.ip);
      const now = clock.now();
      const since = new Date(now.getTime() - COMMENT_RATE.windowMinutes * 60_000);
      await withTransaction(db, async (tx) => {
        // One writer per address at a time, so parallel posts cannot pass the count together.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`comment-rate:${hash}`}, 0))`);
        const [count] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(comments)
          .where(and(eq(comments.ipHash, hash), gt(comments.createdAt, since)));
        if ((count?.n ?? 0) >= COMMENT_RATE.max) throw tooManyRequests(COMMENT_RATE_LIMIT);
        await tx.insert(comments).values({
          newsId,
          authorName: input.name,
          contact: input.contact,
          body: input.body,
          ipHash: hash,
          createdAt: now,
        });
      });
      return { stored: true, message: COMMENT_RECEIVED, newsSlug: news.slug };
    },

    /** Approved comments of a news item, oldest first, as the public sees them. */
    async listApproved(newsId: number): Promise<PublicComment[]> {
      const rows = await db
        .select({
          id: comments.id,
          authorName: comments.authorName,
          body: comments.body,
          redactedBody: comments.redactedBody,
          replyBody: comments.replyBody,
          createdAt: comments.createdAt,
        })
        .from(comments)
        .where(and(eq(comments.newsId, newsId), eq(comments.status, 'approved')))
        .orderBy(asc(comments.createdAt), asc(comments.id));
      return rows.map((r) => ({ id: r.id, authorName: r.authorName, body: r.redactedBody ?? r.body, replyBody: r.replyBody, createdAt: r.createdAt }));
    },

    /** «Was this helpful?»: one answer per visitor per item per (Tehran) day; a second changes nothing. */
    async answerHelpful(newsId: number, helpful: boolean, visitor: VisitorMeta): Promise<{ recorded: boolean; message: string; newsSlug: string | null }> {
      const news = await publishedNews(newsId);
      const now = clock.now();
      const day = tehranDay(now);
      const inserted = await db
        .insert(satisfactionAnswers)
        .values({ newsId, kind: 'helpful', value: helpful ? 1 : 0, visitorKey: visitorKey(visitor, day), answeredOn: day, createdAt: now })
        .onConflictDoNothing()
        .returning({ id: satisfactionAnswers.id });
      return inserted.length
        ? { recorded: true, message: ANSWER_THANKS, newsSlug: news.slug }
        : { recorded: false, message: ALREADY_ANSWERED, newsSlug: news.slug };
    },

    /**
     * «How satisfied are you with this service in your district?»: one answer per visitor
     * per district per service area per (Tehran) day; a second is refused politely
     * (recorded: false) and changes nothing. The district is resolved by the caller.
     */
    async answerSatisfaction(
      districtId: number,
      input: SatisfactionInput,
      visitor: VisitorMeta,
    ): Promise<{ recorded: boolean; message: string }> {
      const now = clock.now();
      const day = tehranDay(now);
      // The table's once-a-day key is (kind, news, visitor, day); a rating has no news item,
      // so the district and the service area are part of the visitor key instead.
      const key = visitorKey({ ip: visitor.ip, userAgent: `${visitor.userAgent}\u0000satisfaction:${districtId}:${input.serviceArea}` }, day);
      const inserted = await db
        .insert(satisfactionAnswers)
        .values({
          newsId: null,
          orgUnitId: districtId,
          serviceArea: input.serviceArea,
          kind: 'service_rating',
          value: input.rating,
          text: input.text,
          visitorKey: key,
          answeredOn: day,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: satisfactionAnswers.id });
      return inserted.length ? { recorded: true, message: SATISFACTION_THANKS } : { recorded: false, message: SATISFACTION_ALREADY };
    },

    /** Comments waiting for the PR desk (the staff navigation's count). */
    async pendingCount(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(comments).where(eq(comments.status, 'pending'));
      return row?.n ?? 0;
    },

    /** Helpful answers of an item: yes and no counts. */
    async helpfulCounts(newsId: number): Promise<{ yes: number; no: number }> {
      const rows = await db
        .select({ value: satisfactionAnswers.value, n: sql<number>`count(*)::int` })
        .from(satisfactionAnswers)
        .where(and(eq(satisfactionAnswers.newsId, newsId), eq(satisfactionAnswers.kind, 'helpful')))
        .groupBy(satisfactionAnswers.value);
      return { yes: rows.find((r) => r.value === 1)?.n ?? 0, no: rows.find((r) => r.value === 0)?.n ?? 0 };
    },

    /** A visitor reports an approved comment; REPORTS_TO_HIDE distinct reports send it back to pending. */
    async report(commentId: number, visitor: VisitorMeta): Promise<{ counted: boolean; hidden: boolean; message: string; newsSlug: string | null }> {
      let newsId = 0;
      const result = await withTransaction(db, async (tx) => {
        const [row] = await tx
          .select({ id: comments.id, status: comments.status, newsId: comments.newsId, newsSlug: newsItems.slug, newsState: newsItems.state })
          .from(comments)
          .innerJoin(newsItems, eq(newsItems.id, comments.newsId))
          .where(eq(comments.id, commentId))
          .for('update', { of: comments });
        if (!row || row.status !== 'approved' || row.newsState !== 'published') throw notFound('این نظر پیدا نشد.');
        const newsSlug = row.newsSlug;
        newsId = row.newsId;
        const inserted = await tx
          .insert(commentReports)
          .values({ commentId, visitorKey: visitorKey(visitor, null), createdAt: clock.now() })
          .onConflictDoNothing()
          .returning({ id: commentReports.id });
        if (!inserted.length) return { counted: false, hidden: false, message: REPORT_RECEIVED, newsSlug };
        const [after] = await tx
          .update(comments)
          .set({ reportCount: sql`${comments.reportCount} + 1` })
          .where(eq(comments.id, commentId))
          .returning({ reportCount: comments.reportCount });
        const hide = (after?.reportCount ?? 0) >= REPORTS_TO_HIDE;
        if (hide) {
          await tx
            .update(comments)
            .set({ status: 'pending', version: sql`${comments.version} + 1` })
            .where(eq(comments.id, commentId));
          await recordAudit(tx, { action: 'comment.hidden_by_reports', entityType: 'comment', entityId: commentId, details: { reports: after?.reportCount } });
        }
        return { counted: true, hidden: hide, message: REPORT_RECEIVED, newsSlug };
      });
      if (result.hidden) events.emit('comment.hidden', { commentId, newsId });
      return result;
    },

    getForStaff,

    /** The moderation queue: pending first, newest first; filter by status; keyset pages. */
    async queue(filter: { status?: CommentStatus | 'all'; cursor?: string }, limit = 30): Promise<QueuePage> {
      const conds = [];
      if (filter.status && filter.status !== 'all') conds.push(eq(comments.status, filter.status));
      const cur = parseCursor(filter.cursor);
      if (cur) conds.push(sql`(${queueRank}, -${comments.id}) > (${cur.rank}, ${-cur.id})`);
      const rows = await db
        .select({ ...staffColumns, rank: queueRank })
        .from(comments)
        .innerJoin(newsItems, eq(newsItems.id, comments.newsId))
        .where(conds.length ? and(...conds) : undefined)
        .orderBy(asc(queueRank), desc(comments.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        rows: page.map(({ rank: _rank, ...r }) => r),
        next: rows.length > limit && last ? `${Number(last.rank)}-${last.id}` : null,
      };
    },

    /** approve | reject (reason) | spam | redact (shown text; original kept) | reply; stale version → 409. */
    async moderate(actor: FeedbackActor, id: number, input: ModerationInput): Promise<StaffComment> {
      const now = clock.now();
      const before = { status: null as CommentStatus | null, newsId: 0 };
      await withTransaction(db, async (tx) => {
        const [row] = await tx.select().from(comments).where(eq(comments.id, id)).for('update');
        if (!row) throw notFound('این نظر پیدا نشد.');
        if (row.version !== input.version) throw conflict();
        before.status = row.status;
        before.newsId = row.newsId;
        const common = { version: row.version + 1, moderatedAt: now, moderatedBy: actor.userId };
        let change: Partial<typeof comments.$inferInsert>;
        switch (input.action) {
          case 'approve':
            // A deliberate (re-)approval starts the report count afresh.
            change = { status: 'approved', rejectReason: null, reportCount: 0 };
            await tx.delete(commentReports).where(eq(commentReports.commentId, id));
            break;
          case 'reject':
            change = { status: 'rejected', rejectReason: input.reason };
            break;
          case 'spam':
            change = { status: 'spam' };
            break;
          case 'redact':
            change = { redactedBody: input.redactedBody };
            break;
          case 'reply':
            change = { replyBody: input.reply, replyBy: actor.userId };
            break;
        }
        await tx
          .update(comments)
          .set({ ...change, ...common })
          .where(eq(comments.id, id));
        await recordAudit(tx, {
          actorUserId: actor.userId,
          actorLabel: actor.label,
          action: `comment.${input.action}`,
          entityType: 'comment',
          entityId: id,
          ip: actor.ip ?? null,
          details: {
            newsId: row.newsId,
            from: row.status,
            ...(input.action === 'reject' ? { reason: input.reason } : {}),
            ...(input.action === 'redact' ? { redactedBody: input.redactedBody } : {}),
            ...(input.action === 'reply' ? { reply: input.reply } : {}),
          },
        });
      });
      // After the commit: the page cache forgets pages whose visible comments changed.
      const shown = { commentId: id, newsId: before.newsId };
      if (input.action === 'approve') events.emit('comment.approved', shown);
      else if (before.status === 'approved') events.emit(input.action === 'reject' || input.action === 'spam' ? 'comment.hidden' : 'comment.changed', shown);
      return getForStaff(id);
    },
  };
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;
