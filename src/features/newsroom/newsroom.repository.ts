// Drizzle queries for the newsroom, nothing else: no rules, no transactions of its own
// (the service passes the transaction in).
import { and, asc, desc, eq, getTableColumns, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../core/db/index.js';
import { settings } from '../../core/jobs/index.js';
import { memberships, users } from '../auth/auth.tables.js';
import {
  newsItems,
  newsNotes,
  newsNotifications,
  newsRevisions,
  newsSlugHistory,
  newsTransitions,
  type NewsKind,
  type NotificationKind,
  type RevisionReason,
} from './newsroom.tables.js';
import type { NewsState, NewsTransitionAction } from './newsroom.workflow.js';

/** Every news_items column but the search vector: only SQL reads it, and it is kilobytes a row. */
const { searchVector: _searchVector, ...itemColumns } = getTableColumns(newsItems);
export type NewsItemRow = Omit<typeof newsItems.$inferSelect, 'searchVector'>;
export type NewsItemInsert = typeof newsItems.$inferInsert;
export type NewsRevisionRow = typeof newsRevisions.$inferSelect;
export type NewsNoteRow = typeof newsNotes.$inferSelect;
export type NewsTransitionRow = typeof newsTransitions.$inferSelect;
export type NewsNotificationRow = typeof newsNotifications.$inferSelect;

/** Fields a save or a transition may change (never id, author or created_at). */
export type NewsItemPatch = Partial<Omit<NewsItemInsert, 'id' | 'authorId' | 'createdAt' | 'version'>>;

export async function insertItem(tx: Tx, values: NewsItemInsert): Promise<NewsItemRow> {
  const [row] = await tx.insert(newsItems).values(values).returning(itemColumns);
  return row!;
}

export async function findItem(h: DbOrTx, id: number): Promise<NewsItemRow | undefined> {
  const [row] = await h.select(itemColumns).from(newsItems).where(eq(newsItems.id, id));
  return row;
}

/** The item with a row lock: whoever holds it decides; others wait and then see the new version. */
export async function lockItem(tx: Tx, id: number): Promise<NewsItemRow | undefined> {
  const [row] = await tx.select(itemColumns).from(newsItems).where(eq(newsItems.id, id)).for('update');
  return row;
}

/** Applies a change and bumps the version, only from the version the caller holds. */
export async function updateItem(tx: Tx, id: number, fromVersion: number, patch: NewsItemPatch): Promise<NewsItemRow | undefined> {
  const [row] = await tx
    .update(newsItems)
    .set({ ...patch, version: sql`${newsItems.version} + 1` })
    .where(and(eq(newsItems.id, id), eq(newsItems.version, fromVersion)))
    .returning(itemColumns);
  return row;
}

export async function slugTaken(h: DbOrTx, slug: string): Promise<boolean> {
  const rows = await h.select({ id: newsItems.id }).from(newsItems).where(eq(newsItems.slug, slug)).limit(1);
  if (rows.length > 0) return true;
  // A former slug still redirects to its item: it is not free for another one.
  const old = await h.select({ id: newsSlugHistory.newsId }).from(newsSlugHistory).where(eq(newsSlugHistory.slug, slug)).limit(1);
  return old.length > 0;
}

/** Who holds a slug now or held it before (null: free). */
export async function slugHolder(h: DbOrTx, slug: string): Promise<{ newsId: number; current: boolean } | null> {
  const [now] = await h.select({ id: newsItems.id }).from(newsItems).where(eq(newsItems.slug, slug)).limit(1);
  if (now) return { newsId: now.id, current: true };
  const [old] = await h.select({ id: newsSlugHistory.newsId }).from(newsSlugHistory).where(eq(newsSlugHistory.slug, slug)).limit(1);
  return old ? { newsId: old.id, current: false } : null;
}

/** Keeps a replaced slug (its redirect); an item taking back one of its own former slugs drops it from history. */
export async function recordSlugChange(tx: Tx, newsId: number, oldSlug: string, newSlug: string, at: Date): Promise<void> {
  await tx.delete(newsSlugHistory).where(and(eq(newsSlugHistory.slug, newSlug), eq(newsSlugHistory.newsId, newsId)));
  await tx
    .insert(newsSlugHistory)
    .values({ slug: oldSlug, newsId, replacedAt: at })
    .onConflictDoUpdate({ target: newsSlugHistory.slug, set: { newsId, replacedAt: at } });
}

/** Serialises slug choice for one base within the transaction (two publishes of one headline). */
export async function lockSlugBase(tx: Tx, base: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`news-slug:${base}`}))`);
}

// ------------------------------------------------------------------ revisions

export async function insertRevision(
  tx: Tx,
  v: { newsId: number; snapshot: Record<string, unknown>; reason: RevisionReason; authorId: number | null; createdAt: Date },
): Promise<NewsRevisionRow> {
  // The item row is locked by the caller, so max()+1 cannot race.
  const [row] = await tx
    .insert(newsRevisions)
    .values({
      newsId: v.newsId,
      number: sql`(select coalesce(max(${newsRevisions.number}), 0) + 1 from ${newsRevisions} where ${newsRevisions.newsId} = ${v.newsId})`,
      snapshot: v.snapshot,
      reason: v.reason,
      authorId: v.authorId,
      createdAt: v.createdAt,
    })
    .returning();
  return row!;
}

export async function listRevisions(h: DbOrTx, newsId: number): Promise<NewsRevisionRow[]> {
  return h.select().from(newsRevisions).where(eq(newsRevisions.newsId, newsId)).orderBy(asc(newsRevisions.number));
}

export async function findRevision(h: DbOrTx, newsId: number, number: number): Promise<NewsRevisionRow | undefined> {
  const [row] = await h
    .select()
    .from(newsRevisions)
    .where(and(eq(newsRevisions.newsId, newsId), eq(newsRevisions.number, number)));
  return row;
}

export async function lastRevisionWithReason(h: DbOrTx, newsId: number, reasons: RevisionReason[]): Promise<NewsRevisionRow | undefined> {
  const [row] = await h
    .select()
    .from(newsRevisions)
    .where(and(eq(newsRevisions.newsId, newsId), inArray(newsRevisions.reason, reasons)))
    .orderBy(desc(newsRevisions.number))
    .limit(1);
  return row;
}

// ------------------------------------------------------------------ transitions

export async function insertTransition(
  tx: Tx,
  v: { newsId: number; action: NewsTransitionAction; fromState: NewsState; toState: NewsState; actorId: number | null; at: Date; note: string | null },
): Promise<NewsTransitionRow> {
  const [row] = await tx.insert(newsTransitions).values(v).returning();
  return row!;
}

export async function listTransitions(h: DbOrTx, newsId: number): Promise<NewsTransitionRow[]> {
  return h.select().from(newsTransitions).where(eq(newsTransitions.newsId, newsId)).orderBy(asc(newsTransitions.at), asc(newsTransitions.id));
}

// ------------------------------------------------------------------ notes

export async function insertNote(tx: Tx, v: { newsId: number; authorId: number; body: string; mentions: number[]; createdAt: Date }): Promise<NewsNoteRow> {
  const [row] = await tx.insert(newsNotes).values(v).returning();
  return row!;
}

export async function listNotes(
  h: DbOrTx,
  newsId: number,
): Promise<Array<NewsNoteRow & { authorUsername: string; authorDisplayName: string }>> {
  return h
    .select({
      id: newsNotes.id,
      newsId: newsNotes.newsId,
      authorId: newsNotes.authorId,
      body: newsNotes.body,
      mentions: newsNotes.mentions,
      createdAt: newsNotes.createdAt,
      authorUsername: users.username,
      authorDisplayName: users.displayName,
    })
    .from(newsNotes)
    .innerJoin(users, eq(users.id, newsNotes.authorId))
    .where(eq(newsNotes.newsId, newsId))
    .orderBy(asc(newsNotes.id));
}

// ------------------------------------------------------------------ people

export interface PersonWithMemberships {
  id: number;
  username: string;
  displayName: string;
  isActive: boolean;
  memberships: Array<{ role: (typeof memberships.$inferSelect)['role']; orgUnitId: number | null; departmentId: number | null }>;
}

/** Active users by their identity keys (fold of the username), with memberships. */
export async function findPeopleByUsernameKeys(h: DbOrTx, keys: string[]): Promise<PersonWithMemberships[]> {
  if (keys.length === 0) return [];
  const people = await h
    .select({ id: users.id, username: users.username, displayName: users.displayName, isActive: users.isActive })
    .from(users)
    .where(and(inArray(users.usernameKey, keys), eq(users.isActive, true)));
  return withMemberships(h, people);
}

export async function findPeopleByIds(h: DbOrTx, ids: number[]): Promise<PersonWithMemberships[]> {
  if (ids.length === 0) return [];
  const people = await h
    .select({ id: users.id, username: users.username, displayName: users.displayName, isActive: users.isActive })
    .from(users)
    .where(inArray(users.id, ids));
  return withMemberships(h, people);
}

async function withMemberships(
  h: DbOrTx,
  people: Array<Omit<PersonWithMemberships, 'memberships'>>,
): Promise<PersonWithMemberships[]> {
  if (people.length === 0) return [];
  const ms = await h
    .select({ userId: memberships.userId, role: memberships.role, orgUnitId: memberships.orgUnitId, departmentId: memberships.departmentId })
    .from(memberships)
    .where(inArray(memberships.userId, people.map((p) => p.id)));
  return people.map((p) => ({
    ...p,
    memberships: ms.filter((m) => m.userId === p.id).map(({ role, orgUnitId, departmentId }) => ({ role, orgUnitId, departmentId })),
  }));
}

// ------------------------------------------------------------------ notifications

export async function insertNotifications(
  tx: Tx,
  rows: Array<{ userId: number; newsId: number; kind: NotificationKind; createdAt: Date }>,
): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(newsNotifications).values(rows);
}

export async function listNotifications(
  h: DbOrTx,
  userId: number,
  o: { unreadOnly: boolean; limit: number },
): Promise<Array<NewsNotificationRow & { headline: string }>> {
  return h
    .select({
      id: newsNotifications.id,
      userId: newsNotifications.userId,
      newsId: newsNotifications.newsId,
      kind: newsNotifications.kind,
      createdAt: newsNotifications.createdAt,
      readAt: newsNotifications.readAt,
      headline: newsItems.headline,
    })
    .from(newsNotifications)
    .innerJoin(newsItems, eq(newsItems.id, newsNotifications.newsId))
    .where(and(eq(newsNotifications.userId, userId), o.unreadOnly ? isNull(newsNotifications.readAt) : undefined))
    .orderBy(desc(newsNotifications.id))
    .limit(o.limit);
}

export async function markNotificationsRead(h: DbOrTx, userId: number, ids: number[] | 'all', at: Date): Promise<number> {
  const r = await h
    .update(newsNotifications)
    .set({ readAt: at })
    .where(
      and(
        eq(newsNotifications.userId, userId),
        isNull(newsNotifications.readAt),
        ids === 'all' ? undefined : inArray(newsNotifications.id, ids.length ? ids : [-1]),
      ),
    )
    .returning({ id: newsNotifications.id });
  return r.length;
}

// ------------------------------------------------------------------ settings

export async function readSetting(h: DbOrTx, key: string): Promise<unknown> {
  const [row] = await h.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row?.value;
}

export async function writeSetting(tx: Tx, key: string, value: unknown, userId: number, at: Date): Promise<void> {
  await tx
    .insert(settings)
    .values({ key, value, updatedAt: at, updatedBy: userId })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at, updatedBy: userId } });
}

// ------------------------------------------------------------------ lists

/** The columns a list row needs (no body), with the author's display name. */
const listColumns = {
  id: newsItems.id,
  kind: newsItems.kind,
  state: newsItems.state,
  overline: newsItems.overline,
  headline: newsItems.headline,
  orgUnitId: newsItems.orgUnitId,
  neighbourhoodId: newsItems.neighbourhoodId,
  departmentId: newsItems.departmentId,
  serviceAreas: newsItems.serviceAreas,
  authorId: newsItems.authorId,
  authorDisplayName: users.displayName,
  version: newsItems.version,
  createdAt: newsItems.createdAt,
  updatedAt: newsItems.updatedAt,
  occurredAt: newsItems.occurredAt,
  firstSubmittedAt: newsItems.firstSubmittedAt,
  lastSubmittedAt: newsItems.lastSubmittedAt,
  publishedAt: newsItems.publishedAt,
  scheduledFor: newsItems.scheduledFor,
  embargoUntil: newsItems.embargoUntil,
  slug: newsItems.slug,
};
export interface NewsListRow {
  id: number;
  kind: NewsKind;
  state: NewsState;
  overline: string | null;
  headline: string;
  orgUnitId: number;
  neighbourhoodId: number | null;
  departmentId: number | null;
  serviceAreas: string[];
  authorId: number;
  authorDisplayName: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  occurredAt: Date | null;
  firstSubmittedAt: Date | null;
  lastSubmittedAt: Date | null;
  publishedAt: Date | null;
  scheduledFor: Date | null;
  embargoUntil: Date | null;
  slug: string | null;
}

export interface InboxFilter {
  states: NewsState[];
  orgUnitId: number | null;
  departmentId: number | null;
  kind: NewsKind | null;
  submittedBefore: Date | null;
  /** A tsquery from parseSearchQuery (newsroom.search.ts), a filter only; null: no text filter. */
  tsquery: string | null;
  after: { at: Date; id: number } | null;
  limit: number;
}

/** Desk inbox: newest submission first, keyset on (last_submitted_at, id). */
export async function inbox(h: DbOrTx, f: InboxFilter): Promise<NewsListRow[]> {
  const where: (SQL | undefined)[] = [
    inArray(newsItems.state, f.states),
    sql`${newsItems.lastSubmittedAt} is not null`,
    f.orgUnitId === null ? undefined : or(eq(newsItems.orgUnitId, f.orgUnitId), eq(newsItems.neighbourhoodId, f.orgUnitId)),
    f.departmentId === null ? undefined : eq(newsItems.departmentId, f.departmentId),
    f.kind === null ? undefined : eq(newsItems.kind, f.kind),
    f.submittedBefore === null ? undefined : lte(newsItems.lastSubmittedAt, f.submittedBefore),
    f.tsquery === null ? undefined : matchesSearch(f.tsquery),
    f.after === null
      ? undefined
      : sql`(${newsItems.lastSubmittedAt}, ${newsItems.id}) < (${f.after.at.toISOString()}::timestamptz, ${f.after.id})`,
  ];
  return h
    .select(listColumns)
    .from(newsItems)
    .innerJoin(users, eq(users.id, newsItems.authorId))
    .where(and(...where))
    // NULLS LAST as in news_items_state_submitted_idx, so one state's page can be read off the index.
    .orderBy(sql`${newsItems.lastSubmittedAt} desc nulls last`, sql`${newsItems.id} desc nulls last`)
    .limit(f.limit);
}

export interface AuthorFilter {
  authorId: number;
  states: NewsState[] | null;
  tsquery: string | null;
  after: { at: Date; id: number } | null;
  limit: number;
}

/** A writer's own items, most recently changed first, keyset on (updated_at, id). */
export async function byAuthor(h: DbOrTx, f: AuthorFilter): Promise<NewsListRow[]> {
  const where: (SQL | undefined)[] = [
    eq(newsItems.authorId, f.authorId),
    f.states === null ? undefined : inArray(newsItems.state, f.states),
    f.tsquery === null ? undefined : matchesSearch(f.tsquery),
    f.after === null ? undefined : sql`(${newsItems.updatedAt}, ${newsItems.id}) < (${f.after.at.toISOString()}::timestamptz, ${f.after.id})`,
  ];
  return h
    .select(listColumns)
    .from(newsItems)
    .innerJoin(users, eq(users.id, newsItems.authorId))
    .where(and(...where))
    // NULLS LAST as in news_items_author_updated_idx, so the page is read off the index.
    .orderBy(sql`${newsItems.updatedAt} desc nulls last`, sql`${newsItems.id} desc nulls last`)
    .limit(f.limit);
}

export async function authorOf(h: DbOrTx, userId: number): Promise<{ id: number; username: string; displayName: string } | undefined> {
  const [row] = await h.select({ id: users.id, username: users.username, displayName: users.displayName }).from(users).where(eq(users.id, userId));
  return row;
}

// ------------------------------------------------------------------ public (portal)

export interface PublishedFilter {
  /** A district (or the region): items of that unit or of one of its neighbourhoods. */
  orgUnitId: number | null;
  serviceArea: string | null;
  /** Items of this neighbourhood only. */
  neighbourhoodId?: number | null;
  kind?: NewsKind | null;
  /** Published at or after `from` and before `to`. */
  from: Date | null;
  to: Date | null;
  after: { at: Date; id: number } | null;
  limit: number;
}

/** Published items, newest first, keyset on (published_at, id) (the partial index news_items_published_idx). */
export async function listPublished(h: DbOrTx, f: PublishedFilter): Promise<NewsItemRow[]> {
  const where: (SQL | undefined)[] = [
    eq(newsItems.state, 'published'),
    sql`${newsItems.publishedAt} is not null`,
    f.orgUnitId === null ? undefined : or(eq(newsItems.orgUnitId, f.orgUnitId), eq(newsItems.neighbourhoodId, f.orgUnitId)),
    f.serviceArea === null ? undefined : sql`${newsItems.serviceAreas} @> array[${f.serviceArea}]::text[]`,
    f.neighbourhoodId == null ? undefined : eq(newsItems.neighbourhoodId, f.neighbourhoodId),
    f.kind == null ? undefined : eq(newsItems.kind, f.kind),
    f.from === null ? undefined : sql`${newsItems.publishedAt} >= ${f.from.toISOString()}::timestamptz`,
    f.to === null ? undefined : sql`${newsItems.publishedAt} < ${f.to.toISOString()}::timestamptz`,
    f.after === null ? undefined : sql`(${newsItems.publishedAt}, ${newsItems.id}) < (${f.after.at.toISOString()}::timestamptz, ${f.after.id})`,
  ];
  return h
    .select(itemColumns)
    .from(newsItems)
    .where(and(...where))
    .orderBy(sql`${newsItems.publishedAt} desc nulls last`, sql`${newsItems.id} desc nulls last`)
    .limit(f.limit);
}

/** Published items an editor features on the home page, most recently featured first. */
export async function listFeatured(h: DbOrTx, limit: number): Promise<NewsItemRow[]> {
  return h
    .select(itemColumns)
    .from(newsItems)
    .where(and(eq(newsItems.state, 'published'), sql`${newsItems.publishedAt} is not null`, sql`${newsItems.featuredAt} is not null`))
    .orderBy(sql`${newsItems.featuredAt} desc nulls last`, sql`${newsItems.id} desc nulls last`)
    .limit(limit);
}

/** Published items per Tehran calendar day ('YYYY-MM-DD'), for the archive by Jalali month. */
export async function publishedPerDay(h: DbOrTx): Promise<Array<{ day: string; count: number }>> {
  const day = sql<string>`to_char(${newsItems.publishedAt} at time zone 'Asia/Tehran', 'YYYY-MM-DD')`;
  return h
    .select({ day, count: sql<number>`count(*)::int` })
    .from(newsItems)
    .where(and(eq(newsItems.state, 'published'), sql`${newsItems.publishedAt} is not null`))
    .groupBy(day);
}

/** Published items per service area (an item with several areas counts in each). */
export async function publishedPerServiceArea(h: DbOrTx): Promise<Array<{ area: string; count: number }>> {
  const result = await h.execute<{ area: string; count: number }>(sql`
    select a.area, count(*)::int as count
    from ${newsItems} n cross join lateral unnest(n.service_areas) as a(area)
    where n.state = 'published' and n.published_at is not null
    group by a.area`);
  return result.rows.map((r) => ({ area: r.area, count: Number(r.count) }));
}

/** The current slug of the published item that once had `slug`, or undefined. */
export async function redirectForOldSlug(h: DbOrTx, slug: string): Promise<string | undefined> {
  const [row] = await h
    .select({ slug: newsItems.slug })
    .from(newsSlugHistory)
    .innerJoin(newsItems, eq(newsItems.id, newsSlugHistory.newsId))
    .where(and(eq(newsSlugHistory.slug, slug), eq(newsItems.state, 'published')));
  return row?.slug ?? undefined;
}

/** Published items sharing a service area or the district with the item, newest first, without it. */
export async function listRelated(
  h: DbOrTx,
  f: { excludeId: number; serviceAreas: string[]; orgUnitId: number; limit: number },
): Promise<NewsItemRow[]> {
  const areas = f.serviceAreas.length
    ? sql`${newsItems.serviceAreas} && array[${sql.join(
        f.serviceAreas.map((a) => sql`${a}`),
        sql`, `,
      )}]::text[]`
    : undefined;
  const place = or(eq(newsItems.orgUnitId, f.orgUnitId), eq(newsItems.neighbourhoodId, f.orgUnitId));
  return h
    .select(itemColumns)
    .from(newsItems)
    .where(
      and(
        eq(newsItems.state, 'published'),
        sql`${newsItems.publishedAt} is not null`,
        sql`${newsItems.id} <> ${f.excludeId}`,
        areas ? or(areas, place) : place,
      ),
    )
    .orderBy(sql`${newsItems.publishedAt} desc nulls last`, sql`${newsItems.id} desc nulls last`)
    .limit(f.limit);
}

export async function findPublishedBySlug(h: DbOrTx, slug: string): Promise<NewsItemRow | undefined> {
  const [row] = await h
    .select(itemColumns)
    .from(newsItems)
    .where(and(eq(newsItems.slug, slug), eq(newsItems.state, 'published')));
  return row;
}

// ------------------------------------------------------------------ full-text search (newsroom.search.ts, ADR 0003)

const SEARCH_CONFIG_SQL = sql.raw(`'public.shahrnama_fa'::regconfig`);

/** `search_vector @@ tsquery` for a tsquery text built by parseSearchQuery (never raw user text). */
export function matchesSearch(tsquery: string): SQL {
  return sql`${newsItems.searchVector} @@ to_tsquery(${SEARCH_CONFIG_SQL}, ${tsquery})`;
}

/** The public search's filters, on a row aliased `n`. */
interface PublishedFilters {
  /** A district: its items (items keep the district in org_unit_id, a neighbourhood beside it). */
  orgUnitId: number | null;
  kind: NewsKind | null;
  from: Date | null;
  to: Date | null;
}

/** The date range of the filters (index bounds on published_at). */
function dateRange(f: PublishedFilters): SQL[] {
  return [
    f.from === null ? undefined : sql`n.published_at >= ${f.from.toISOString()}::timestamptz`,
    f.to === null ? undefined : sql`n.published_at < ${f.to.toISOString()}::timestamptz`,
  ].filter((s): s is SQL => s !== undefined);
}

/** District and kind. */
function placeAndKind(f: PublishedFilters): SQL[] {
  return [
    f.orgUnitId === null ? undefined : sql`n.org_unit_id = ${f.orgUnitId}`,
    f.kind === null ? undefined : sql`n.kind = ${f.kind}`,
  ].filter((s): s is SQL => s !== undefined);
}

const allOf = (parts: SQL[]): SQL => sql.join(parts, sql` and `);
const PUBLISHED: SQL[] = [sql`n.state = 'published'`, sql`n.published_at is not null`];

export interface PublishedSearchFilter extends PublishedFilters {
  tsquery: string;
  /** Newest matches looked at (and counted); ranking happens within them. */
  cap: number;
  /** Newest published items the first step walks at most (see searchPublished). */
  walkRows: number;
  offset: number;
  limit: number;
}

export interface PublishedSearchRow {
  id: number;
  kind: NewsKind;
  slug: string | null;
  overline: string | null;
  headline: string;
  lead: string | null;
  bodyHtml: string;
  orgUnitId: number;
  neighbourhoodId: number | null;
  publishedAt: Date;
  rank: number;
}

export interface PublishedSearchPage {
  rows: PublishedSearchRow[];
  /** Matches among the newest `cap + 1` (so `> cap` means "more than cap"); known even for a page past the end. */
  total: number;
  /** Which step found the candidates (for tests and the bench). */
  via: 'walk' | 'index';
}

/**
 * Published items matching a tsquery, ranked (title weight above body) among the newest
 * `cap + 1` matches only, in at most two bounded steps (ADR 0003, "Two bounded steps"):
 *
 * 1. Walk: the newest `walkRows` published items (news_items_published_idx, newest first,
 *    the date range as index bounds), testing each, stopping at `cap + 1` matches. A word
 *    in at least cap / walkRows of the recent items ends here.
 * 2. Index: otherwise the word is rarer than that, and all its matches come from the GIN
 *    index (a materialized CTE: planned without order or limit, so never as a walk), the
 *    newest `cap + 1` kept.
 *
 * The walk is never left to the planner's estimate of a word's frequency: for a prefix it
 * is a fixed guess, and a walk chosen for a word that is in fact rare reads the whole
 * table. ts_rank_cd runs on at most cap + 1 rows; only the page's rows are read whole.
 */
export async function searchPublished(h: DbOrTx, f: PublishedSearchFilter): Promise<PublishedSearchPage> {
  const q = sql`to_tsquery(${SEARCH_CONFIG_SQL}, ${f.tsquery})`;
  // Each ORDER BY matches news_items_published_idx exactly (DESC NULLS LAST). The walk's
  // outer query reuses the alias `n` for the subquery, so the same filters apply.
  const walk = sql`
    cand as materialized (
      select n.id, n.published_at from (
        select n.id, n.published_at, n.org_unit_id, n.kind, n.search_vector
        from news_items n
        where ${allOf([...PUBLISHED, ...dateRange(f)])}
        order by n.published_at desc nulls last, n.id desc nulls last
        limit ${f.walkRows}
      ) n
      where ${allOf([sql`n.search_vector @@ ${q}`, ...placeAndKind(f)])}
      order by n.published_at desc nulls last, n.id desc nulls last
      limit ${f.cap + 1}
    )`;
  const index = sql`
    matches as materialized (
      select n.id, n.published_at
      from news_items n
      where ${allOf([...PUBLISHED, sql`n.search_vector @@ ${q}`, ...dateRange(f), ...placeAndKind(f)])}
    ),
    cand as materialized (
      select id, published_at from matches
      order by published_at desc nulls last, id desc nulls last
      limit ${f.cap + 1}
    )`;

  const run = async (ctes: SQL) => {
    // One row even when the page is empty (past the end): the total comes with it.
    const result = await h.execute<{
      total: number | string;
      id: number | null;
      kind: NewsKind;
      slug: string | null;
      overline: string | null;
      headline: string;
      lead: string | null;
      body_html: string;
      org_unit_id: number;
      neighbourhood_id: number | null;
      published_at: Date | string;
      rank: number;
    }>(sql`
      with ${ctes},
      ranked as (
        select c.id, c.published_at, ts_rank_cd(n.search_vector, ${q}) as rank
        from cand c join news_items n on n.id = c.id
        order by rank desc, c.published_at desc, c.id desc
        limit ${f.limit} offset ${f.offset}
      )
      select t.total, n.id, n.kind, n.slug, n.overline, n.headline, n.lead, n.body_html, n.org_unit_id, n.neighbourhood_id,
        n.published_at, r.rank::float8 as rank
      from (select count(*)::int as total from cand) t
      left join ranked r on true
      left join news_items n on n.id = r.id
      order by r.rank desc nulls last, r.published_at desc, r.id desc`);
    const total = Number(result.rows[0]?.total ?? 0);
    const rows = result.rows
      .filter((r) => r.id !== null)
      .map((r) => ({
        id: r.id!,
        kind: r.kind,
        slug: r.slug,
        overline: r.overline,
        headline: r.headline,
        lead: r.lead,
        bodyHtml: r.body_html,
        orgUnitId: r.org_unit_id,
        neighbourhoodId: r.neighbourhood_id,
        publishedAt: new Date(r.published_at),
        rank: Number(r.rank),
      }));
    return { rows, total };
  };

  const walked = await run(walk);
  if (walked.total > f.cap) return { ...walked, via: 'walk' };
  return { ...(await run(index)), via: 'index' };
}

export interface SimilarTitleRow {
  id: number;
  kind: NewsKind;
  slug: string | null;
  overline: string | null;
  headline: string;
  lead: string | null;
  orgUnitId: number;
  publishedAt: Date;
  similarity: number;
}

/**
 * Published items whose folded title holds a word close to `text` (trigram word
 * similarity ≥ threshold, through the trigram GIN index): typos. At most 200 candidates
 * are scored, so a close match of a common word costs the same as a rare one.
 */
export async function similarTitles(
  db: Db,
  f: { text: string; threshold: number; orgUnitId: number | null; kind: NewsKind | null; from: Date | null; to: Date | null; limit: number },
): Promise<SimilarTitleRow[]> {
  const filters = allOf([...PUBLISHED, sql`${f.text} <% n.search_title`, ...dateRange(f), ...placeAndKind(f)]);
  const run = async (tx: DbOrTx) => {
    // The `<%` operator reads its threshold from this setting; local to the transaction.
    await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(f.threshold)}, true)`);
    const result = await tx.execute<{
      id: number;
      kind: NewsKind;
      slug: string | null;
      overline: string | null;
      headline: string;
      lead: string | null;
      org_unit_id: number;
      published_at: Date | string;
      similarity: number;
    }>(sql`
      with cand as (
        select n.id, word_similarity(${f.text}, n.search_title) as similarity
        from news_items n
        where ${filters}
        limit 200
      )
      select n.id, n.kind, n.slug, n.overline, n.headline, n.lead, n.org_unit_id, n.published_at, c.similarity::float8 as similarity
      from cand c join news_items n on n.id = c.id
      order by c.similarity desc, n.published_at desc, n.id desc
      limit ${f.limit}`);
    return result.rows;
  };
  const rows = await db.transaction(run);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    slug: r.slug,
    overline: r.overline,
    headline: r.headline,
    lead: r.lead,
    orgUnitId: r.org_unit_id,
    publishedAt: new Date(r.published_at),
    similarity: Number(r.similarity),
  }));
}
