// Drizzle queries for the newsroom, nothing else: no rules, no transactions of its own
// (the service passes the transaction in).
import { and, asc, desc, eq, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../core/db/index.js';
import { settings } from '../../core/jobs/index.js';
import { memberships, users } from '../auth/auth.tables.js';
import {
  newsItems,
  newsNotes,
  newsNotifications,
  newsRevisions,
  newsTransitions,
  type NewsKind,
  type NotificationKind,
  type RevisionReason,
} from './newsroom.tables.js';
import type { NewsState, NewsTransitionAction } from './newsroom.workflow.js';

export type NewsItemRow = typeof newsItems.$inferSelect;
export type NewsItemInsert = typeof newsItems.$inferInsert;
export type NewsRevisionRow = typeof newsRevisions.$inferSelect;
export type NewsNoteRow = typeof newsNotes.$inferSelect;
export type NewsTransitionRow = typeof newsTransitions.$inferSelect;
export type NewsNotificationRow = typeof newsNotifications.$inferSelect;

/** Fields a save or a transition may change (never id, author or created_at). */
export type NewsItemPatch = Partial<Omit<NewsItemInsert, 'id' | 'authorId' | 'createdAt' | 'version'>>;

export async function insertItem(tx: Tx, values: NewsItemInsert): Promise<NewsItemRow> {
  const [row] = await tx.insert(newsItems).values(values).returning();
  return row!;
}

export async function findItem(h: DbOrTx, id: number): Promise<NewsItemRow | undefined> {
  const [row] = await h.select().from(newsItems).where(eq(newsItems.id, id));
  return row;
}

/** The item with a row lock: whoever holds it decides; others wait and then see the new version. */
export async function lockItem(tx: Tx, id: number): Promise<NewsItemRow | undefined> {
  const [row] = await tx.select().from(newsItems).where(eq(newsItems.id, id)).for('update');
  return row;
}

/** Applies a change and bumps the version, only from the version the caller holds. */
export async function updateItem(tx: Tx, id: number, fromVersion: number, patch: NewsItemPatch): Promise<NewsItemRow | undefined> {
  const [row] = await tx
    .update(newsItems)
    .set({ ...patch, version: sql`${newsItems.version} + 1` })
    .where(and(eq(newsItems.id, id), eq(newsItems.version, fromVersion)))
    .returning();
  return row;
}

export async function slugTaken(h: DbOrTx, slug: string): Promise<boolean> {
  const rows = await h.select({ id: newsItems.id }).from(newsItems).where(eq(newsItems.slug, slug)).limit(1);
  return rows.length > 0;
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

/** ILIKE pattern for a folded token, with LIKE's own characters escaped. */
function containsPattern(token: string): string {
  return `%${token.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface InboxFilter {
  states: NewsState[];
  orgUnitId: number | null;
  departmentId: number | null;
  kind: NewsKind | null;
  submittedBefore: Date | null;
  /** Folded search tokens; all must appear. */
  tokens: string[];
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
    ...f.tokens.map((t) => sql`${newsItems.searchText} ilike ${containsPattern(t)}`),
    f.after === null
      ? undefined
      : sql`(${newsItems.lastSubmittedAt}, ${newsItems.id}) < (${f.after.at.toISOString()}::timestamptz, ${f.after.id})`,
  ];
  return h
    .select(listColumns)
    .from(newsItems)
    .innerJoin(users, eq(users.id, newsItems.authorId))
    .where(and(...where))
    .orderBy(desc(newsItems.lastSubmittedAt), desc(newsItems.id))
    .limit(f.limit);
}

export interface AuthorFilter {
  authorId: number;
  states: NewsState[] | null;
  tokens: string[];
  after: { at: Date; id: number } | null;
  limit: number;
}

/** A writer's own items, most recently changed first, keyset on (updated_at, id). */
export async function byAuthor(h: DbOrTx, f: AuthorFilter): Promise<NewsListRow[]> {
  const where: (SQL | undefined)[] = [
    eq(newsItems.authorId, f.authorId),
    f.states === null ? undefined : inArray(newsItems.state, f.states),
    ...f.tokens.map((t) => sql`${newsItems.searchText} ilike ${containsPattern(t)}`),
    f.after === null ? undefined : sql`(${newsItems.updatedAt}, ${newsItems.id}) < (${f.after.at.toISOString()}::timestamptz, ${f.after.id})`,
  ];
  return h
    .select(listColumns)
    .from(newsItems)
    .innerJoin(users, eq(users.id, newsItems.authorId))
    .where(and(...where))
    .orderBy(desc(newsItems.updatedAt), desc(newsItems.id))
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
    f.from === null ? undefined : sql`${newsItems.publishedAt} >= ${f.from.toISOString()}::timestamptz`,
    f.to === null ? undefined : sql`${newsItems.publishedAt} < ${f.to.toISOString()}::timestamptz`,
    f.after === null ? undefined : sql`(${newsItems.publishedAt}, ${newsItems.id}) < (${f.after.at.toISOString()}::timestamptz, ${f.after.id})`,
  ];
  return h
    .select()
    .from(newsItems)
    .where(and(...where))
    .orderBy(desc(newsItems.publishedAt), desc(newsItems.id))
    .limit(f.limit);
}

export async function findPublishedBySlug(h: DbOrTx, slug: string): Promise<NewsItemRow | undefined> {
  const [row] = await h
    .select()
    .from(newsItems)
    .where(and(eq(newsItems.slug, slug), eq(newsItems.state, 'published')));
  return row;
}
