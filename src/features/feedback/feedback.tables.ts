// Citizens' feedback on published news: comments (moderated before they show), the
// «was this helpful?» and service ratings, and reports of comments by visitors.
// No raw IP address is stored anywhere: only salted hashes.
import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.tables.js';
import { newsItems } from '../newsroom/newsroom.tables.js';
import { orgUnits } from '../org/org.tables.js';

export const COMMENT_STATUSES = ['pending', 'approved', 'rejected', 'spam'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
export const ANSWER_KINDS = ['helpful', 'service_rating'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

const sqlList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));
const at = (name: string) => timestamp(name, { withTimezone: true });

export const comments = pgTable(
  'comments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    newsId: integer('news_id')
      .notNull()
      .references(() => newsItems.id, { onDelete: 'cascade' }),
    authorName: text('author_name').notNull(),
    /** Email or phone for the municipality only; never shown publicly. */
    contact: text('contact'),
    /** Plain text, as sanitised on the way in; never rendered as HTML. */
    body: text('body').notNull(),
    status: text('status', { enum: COMMENT_STATUSES }).notNull().default('pending'),
    rejectReason: text('reject_reason'),
    /** What the public sees instead of the body when set; the original stays for staff. */
    redactedBody: text('redacted_body'),
    replyBody: text('reply_body'),
    replyBy: integer('reply_by').references(() => users.id, { onDelete: 'set null' }),
    reportCount: integer('report_count').notNull().default(0),
    /** sha256(ip + secret salt): for the rate limit, never the address itself. */
    ipHash: text('ip_hash').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    moderatedAt: at('moderated_at'),
    moderatedBy: integer('moderated_by').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('comments_news_status_idx').on(t.newsId, t.status, t.createdAt, t.id),
    index('comments_status_created_idx').on(t.status, t.createdAt.desc(), t.id.desc()),
    index('comments_ip_created_idx').on(t.ipHash, t.createdAt),
    check('comments_status_ck', sql`${t.status} in (${sqlList(COMMENT_STATUSES)})`),
    check('comments_author_name_len_ck', sql`char_length(${t.authorName}) between 1 and 80`),
    check('comments_contact_len_ck', sql`${t.contact} is null or char_length(${t.contact}) <= 120`),
    check('comments_body_len_ck', sql`char_length(${t.body}) between 1 and 2000`),
    check('comments_rejected_reason_ck', sql`${t.status} <> 'rejected' or ${t.rejectReason} is not null`),
    check('comments_version_ck', sql`${t.version} >= 1`),
    check('comments_report_count_ck', sql`${t.reportCount} >= 0`),
  ],
);

export const satisfactionAnswers = pgTable(
  'satisfaction_answers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    newsId: integer('news_id').references(() => newsItems.id, { onDelete: 'cascade' }),
    orgUnitId: integer('org_unit_id').references(() => orgUnits.id, { onDelete: 'restrict' }),
    serviceArea: text('service_area'),
    kind: text('kind', { enum: ANSWER_KINDS }).notNull(),
    /** helpful: 0 or 1; service_rating: 1–5. */
    value: integer('value').notNull(),
    text: text('text'),
    /** sha256(ip + user agent + day + secret salt). */
    visitorKey: text('visitor_key').notNull(),
    answeredOn: date('answered_on', { mode: 'string' }).notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    // One answer per visitor per item per day (a null news_id counts as one item).
    unique('satisfaction_answers_once_uq').on(t.kind, t.newsId, t.visitorKey, t.answeredOn).nullsNotDistinct(),
    index('satisfaction_answers_news_idx').on(t.newsId),
    check('satisfaction_answers_kind_ck', sql`${t.kind} in (${sqlList(ANSWER_KINDS)})`),
    check(
      'satisfaction_answers_value_ck',
      sql`(${t.kind} = 'helpful' and ${t.value} in (0, 1)) or (${t.kind} = 'service_rating' and ${t.value} between 1 and 5)`,
    ),
    check('satisfaction_answers_text_len_ck', sql`${t.text} is null or char_length(${t.text}) <= 1000`),
  ],
);

export const commentReports = pgTable(
  'comment_reports',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    commentId: integer('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    visitorKey: text('visitor_key').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('comment_reports_once_uq').on(t.commentId, t.visitorKey)],
);
