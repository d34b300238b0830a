import { sql } from 'drizzle-orm';
import { bigint, check, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.tables.js';
import { departments, orgUnits } from '../org/org.tables.js';
import { NEWS_STATES, NEWS_TRANSITION_ACTIONS } from './newsroom.workflow.js';

export const NEWS_KINDS = ['news', 'photo_news', 'notice', 'interview'] as const;
export type NewsKind = (typeof NEWS_KINDS)[number];

export const NEWS_KIND_LABELS: Record<NewsKind, string> = {
  news: 'خبر',
  photo_news: 'گزارش تصویری',
  notice: 'اطلاعیه',
  interview: 'گفت‌وگو',
};

/** Service-area tags: stable ASCII keys in the database and URLs, Persian names on screen. */
export const SERVICE_AREAS = [
  'waste',
  'streets',
  'green_space',
  'transport',
  'civil_works',
  'urban_planning',
  'culture_social',
  'safety',
  'health',
  'sport',
] as const;
export type ServiceArea = (typeof SERVICE_AREAS)[number];

export const SERVICE_AREA_LABELS: Record<ServiceArea, string> = {
  waste: 'پسماند',
  streets: 'معابر و آسفالت',
  green_space: 'فضای سبز و بوستان‌ها',
  transport: 'حمل‌ونقل و ترافیک',
  civil_works: 'عمران',
  urban_planning: 'شهرسازی',
  culture_social: 'فرهنگی و اجتماعی',
  safety: 'ایمنی و مدیریت بحران',
  health: 'سلامت',
  sport: 'ورزش',
};

export const REVISION_REASONS = ['save', 'submit', 'approve', 'publish', 'restore', 'correction'] as const;
export type RevisionReason = (typeof REVISION_REASONS)[number];

export const NOTIFICATION_KINDS = ['mention', 'changes_requested', 'published'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A fixed list as SQL literals, for check constraints (the lists are our own constants). */
const sqlList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

const at = (name: string) => timestamp(name, { withTimezone: true });

/** A PostgreSQL tsvector (read back as its text form; only SQL ever looks inside). */
const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' });

export const newsItems = pgTable(
  'news_items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind', { enum: NEWS_KINDS }).notNull(),
    state: text('state', { enum: NEWS_STATES }).notNull().default('draft'),
    overline: text('overline'),
    headline: text('headline').notNull(),
    lead: text('lead'),
    /** Allow-list HTML, sanitised on every save (the sanitiser is the authority, not the editor). */
    bodyHtml: text('body_html').notNull().default(''),
    sourceLine: text('source_line'),
    /** A district, or the region for region-wide news. */
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    neighbourhoodId: integer('neighbourhood_id').references(() => orgUnits.id, { onDelete: 'restrict' }),
    departmentId: integer('department_id').references(() => departments.id, { onDelete: 'restrict' }),
    serviceAreas: text('service_areas').array().notNull().default(sql`'{}'::text[]`),
    occurredAt: at('occurred_at'),
    /** Readable Persian slug, fixed on first publish so links stay valid. */
    slug: text('slug'),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    version: integer('version').notNull().default(1),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    firstSubmittedAt: at('first_submitted_at'),
    lastSubmittedAt: at('last_submitted_at'),
    firstApprovedAt: at('first_approved_at'),
    firstPublishedAt: at('first_published_at'),
    publishedAt: at('published_at'),
    scheduledFor: at('scheduled_for'),
    embargoUntil: at('embargo_until'),
    correctionNote: text('correction_note'),
    correctedAt: at('corrected_at'),
    killReason: text('kill_reason'),
    spikedFromState: text('spiked_from_state', { enum: NEWS_STATES }),
    /** Set while an editor features the item on the portal's home page; null otherwise. */
    featuredAt: at('featured_at'),
    /** fold(overline + headline + lead + plain body): the search key until the portal adds a tsvector. */
    searchText: text('search_text').notNull().default(''),
    /** fold(overline + headline): the title's search key (tsvector weight A and the trigram index). */
    searchTitle: text('search_title').notNull().default(''),
    /**
     * Title (weight A) and search_text (weight B) with the stop words removed, built by the
     * IMMUTABLE SQL function of migration 0006 (see docs/adr/0003-search.md).
     */
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(sql`shahrnama_search_vector(search_title, search_text)`),
  },
  (t) => [
    uniqueIndex('news_items_slug_uq').on(t.slug),
    // The desk inbox: by state, newest submission first (keyset on last_submitted_at, id).
    index('news_items_state_submitted_idx').on(t.state, t.lastSubmittedAt.desc(), t.id.desc()),
    // A writer's own items, most recently changed first.
    index('news_items_author_updated_idx').on(t.authorId, t.updatedAt.desc(), t.id.desc()),
    index('news_items_org_unit_idx').on(t.orgUnitId),
    index('news_items_department_idx').on(t.departmentId),
    index('news_items_published_idx').on(t.publishedAt.desc(), t.id.desc()).where(sql`${t.state} = 'published'`),
    index('news_items_featured_idx').on(t.featuredAt.desc()).where(sql`${t.featuredAt} is not null`),
    index('news_items_search_vector_idx').using('gin', t.searchVector),
    index('news_items_search_title_trgm_idx').using('gin', t.searchTitle.op('gin_trgm_ops')),
    check('news_items_version_ck', sql`${t.version} >= 1`),
    check('news_items_state_ck', sql`${t.state} in (${sqlList(NEWS_STATES)})`),
    check('news_items_kind_ck', sql`${t.kind} in (${sqlList(NEWS_KINDS)})`),
    check('news_items_service_areas_ck', sql`${t.serviceAreas} <@ array[${sqlList(SERVICE_AREAS)}]::text[]`),
    check('news_items_schedule_ck', sql`${t.scheduledFor} is null or ${t.embargoUntil} is null`),
    check('news_items_killed_reason_ck', sql`${t.state} <> 'killed' or ${t.killReason} is not null`),
    check('news_items_spiked_from_ck', sql`(${t.state} = 'spiked') = (${t.spikedFromState} is not null)`),
    check('news_items_published_slug_ck', sql`${t.state} <> 'published' or ${t.slug} is not null`),
  ],
);

/** Snapshots of the editable fields, numbered per item; never updated. */
export const newsRevisions = pgTable(
  'news_revisions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    newsId: integer('news_id')
      .notNull()
      .references(() => newsItems.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    reason: text('reason', { enum: REVISION_REASONS }).notNull(),
    /** Null: the system (the scheduler publishing). */
    authorId: integer('author_id').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('news_revisions_news_number_uq').on(t.newsId, t.number),
    check('news_revisions_reason_ck', sql`${t.reason} in (${sqlList(REVISION_REASONS)})`),
  ],
);

/** The editorial thread, both ways. Append-only: nothing updates or deletes a note. */
export const newsNotes = pgTable(
  'news_notes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    newsId: integer('news_id')
      .notNull()
      .references(() => newsItems.id, { onDelete: 'cascade' }),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    body: text('body').notNull(),
    /** User ids named with @username in the body (only those who may see the item). */
    mentions: integer('mentions').array().notNull().default(sql`'{}'::integer[]`),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('news_notes_news_idx').on(t.newsId, t.id)],
);

/** Every state change with its time and actor, so time-to-publish is measured. */
export const newsTransitions = pgTable(
  'news_transitions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    newsId: integer('news_id')
      .notNull()
      .references(() => newsItems.id, { onDelete: 'cascade' }),
    action: text('action', { enum: NEWS_TRANSITION_ACTIONS }).notNull(),
    fromState: text('from_state', { enum: NEWS_STATES }).notNull(),
    toState: text('to_state', { enum: NEWS_STATES }).notNull(),
    /** Null: the job runner (scheduled publish, embargo lifted). */
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'restrict' }),
    at: at('at').notNull(),
    note: text('note'),
  },
  (t) => [
    index('news_transitions_news_idx').on(t.newsId, t.at),
    check('news_transitions_action_ck', sql`${t.action} in (${sqlList(NEWS_TRANSITION_ACTIONS)})`),
  ],
);

export const newsNotifications = pgTable(
  'news_notifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    newsId: integer('news_id')
      .notNull()
      .references(() => newsItems.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    readAt: at('read_at'),
  },
  (t) => [
    index('news_notifications_user_idx').on(t.userId, t.id.desc()),
    index('news_notifications_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
    check('news_notifications_kind_ck', sql`${t.kind} in (${sqlList(NOTIFICATION_KINDS)})`),
  ],
);

/** Every slug an item had before its current one: old links answer with a permanent redirect. */
export const newsSlugHistory = pgTable(
  'news_slug_history',
  {
    slug: text('slug').primaryKey(),
    newsId: integer('news_id')
      .notNull()
      .references(() => newsItems.id, { onDelete: 'cascade' }),
    replacedAt: at('replaced_at').notNull().defaultNow(),
  },
  (t) => [index('news_slug_history_news_idx').on(t.newsId)],
);

/** Page reads per item per Tehran calendar day (counted in memory, flushed in batches). */
export const newsDailyReads = pgTable(
  'news_daily_reads',
  {
    newsId: integer('news_id')
      .notNull()
      .references(() => newsItems.id, { onDelete: 'cascade' }),
    /** The Tehran calendar day, as a date. */
    day: date('day', { mode: 'string' }).notNull(),
    reads: integer('reads').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.newsId, t.day] }), index('news_daily_reads_day_idx').on(t.day), check('news_daily_reads_reads_ck', sql`${t.reads} >= 0`)],
);
