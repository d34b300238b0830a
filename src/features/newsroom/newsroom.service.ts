// The newsroom's rules and transactions: drafts, edits with optimistic versions, every
// workflow action (state + transition row + revision + audit + job + notifications in
// one transaction), notes, revisions, the desk inbox and the scheduled publish.
// Routes call this; this calls the repository; the policy and the workflow are pure.
import type { Clock } from '../../core/clock.js';
import { processContentEvents, type ContentEvents } from '../../core/events.js';
import { withTransaction, type Db, type DbOrTx, type Tx } from '../../core/db/index.js';
import { recordAudit } from '../../core/audit/audit.js';
import { AppError, badRequest, forbidden, notFound, validationFailed, type FieldErrors } from '../../core/errors.js';
import { parseInput } from '../../core/http/forms.js';
import { withIdempotency } from '../../core/http/idempotency.js';
import { htmlToPlainText, sanitizeNewsHtml } from '../../core/html/sanitize.js';
import { cancel as cancelJob, enqueue as enqueueJob, type JobContext, type JobHandler, type JobPayload } from '../../core/jobs/index.js';
import { dateToJalali, fold, hasInvisibleOrBidiChars, identityKey, normalize, parsePeriodKey, periodBounds, toAsciiDigits } from '../../core/persian/index.js';
import {
  NEWS_LIMITS,
  inboxQuerySchema,
  newsInputSchema,
  newsNoteSchema,
  publishTargetSchema,
  type NewsData,
  type NewsInput,
} from './newsroom.inputs.js';
import { allowedTransitions, can, canCreateAt, canManageDesk, canView, hasDepartmentScope, isEditor, isWriter, type PolicyItem, type PolicyPlace } from './newsroom.policy.js';
import * as repo from './newsroom.repository.js';
import { parseSearchQuery, searchPublishedNews, type PublishedSearchInput } from './newsroom.search.js';
import type { NewsItemPatch, NewsItemRow, NewsListRow } from './newsroom.repository.js';
import { SERVICE_AREAS, type NewsKind, type NotificationKind, type RevisionReason, type ServiceArea } from './newsroom.tables.js';
import type {
  ActOptions,
  InboxFilters,
  MyItemsFilters,
  NewsActor,
  NewsItem,
  NewsItemView,
  NewsListItem,
  NewsNote,
  NewsNotification,
  NewsPage,
  NewsRevision,
  NewsSnapshot,
  NewsTransition,
  PageRequest,
  PublishDueResult,
  SubmitCheck,
  SubmittedVsPublished,
  Timeliness,
} from './newsroom.types.js';
import {
  DESK_PENDING_STATES,
  NEWS_ACTION_LABELS,
  NEWS_STATE_LABELS,
  NOTE_REQUIRED,
  TIME_REQUIRED,
  isTransitionAction,
  restoreTarget,
  transition,
  type NewsState,
  type NewsTransitionAction,
} from './newsroom.workflow.js';

/** The job the runner calls for scheduled publishing and lifted embargoes. */
export const NEWS_PUBLISH_JOB = 'newsroom.publish';
export const PUBLISH_TARGET_SETTING = 'newsroom.publish_target_minutes';
export const DEFAULT_PUBLISH_TARGET_MINUTES = 120;

const publishJobKey = (id: number) => `newsroom.publish:${id}`;
/** Own media only: images in the body must come from our media routes. */
const isOwnMediaUrl = (url: string) => /^\/media\/[^/\\]/.test(url) && !url.includes('..');

/** What the newsroom needs of the org feature (createOrgService fits). */
export interface NewsroomOrg {
  findUnit(id: number): Promise<{ id: number; kind: string; parentId: number | null; name: string } | null>;
  findDepartment(id: number): Promise<{ id: number; orgUnitId: number; name: string; isActive: boolean } | null>;
  listUnits(): Promise<ReadonlyArray<{ id: number; kind: string; parentId: number | null; name: string }>>;
}

export interface NewsroomDeps {
  db: Db;
  clock: Clock;
  org: NewsroomOrg;
  /** Extra checks before an item is submitted (the media feature's caption/alt rule). */
  beforeSubmit?: readonly SubmitCheck[];
  /** Told after each commit that changes what readers see; default: the process-wide hub. */
  events?: ContentEvents;
}

/** A stale version: nothing was written; `current` is the item as it is now, for the page to show both. */
export class NewsConflictError extends AppError {
  constructor(
    public readonly current: NewsItem,
    public readonly expectedVersion: number,
  ) {
    super(
      'conflict',
      409,
      'این خبر هم‌زمان توسط شخص دیگری تغییر کرده است. نسخهٔ کنونی را ببینید و تغییرات خود را دوباره اعمال کنید.',
    );
    this.name = 'NewsConflictError';
  }
}

/** The longest slug an editor may choose. */
export const SLUG_MAX = 120;
const SLUG_MAX_FA = '۱۲۰';

const MSG = {
  notFound: 'خبر پیدا نشد.',
  noNewsroomRole: 'برای کار در خبرنامه نقش خبرنگار، رابط، عکاس یا دبیر خبر لازم است.',
  outOfScope: 'فقط برای ناحیه یا واحدی که در آن عضو هستید می‌توانید خبر بنویسید.',
  cannot: (action: string) => `اجازهٔ «${action}» برای این خبر را ندارید.`,
  cannotEdit: 'اجازهٔ ویرایش این خبر را در وضعیت کنونی ندارید.',
  cannotNote: 'فقط نویسندهٔ خبر و دبیران خبر می‌توانند برای این خبر یادداشت بگذارند.',
  invalidTransition: (action: string, state: NewsState) => `«${action}» در وضعیت «${NEWS_STATE_LABELS[state]}» ممکن نیست.`,
  unitMissing: 'ناحیهٔ انتخاب‌شده پیدا نشد.',
  unitKind: 'خبر به یک ناحیه یا به کل منطقه تعلق دارد، نه به محله.',
  neighbourhoodMissing: 'محلهٔ انتخاب‌شده پیدا نشد.',
  neighbourhoodOutside: 'محلهٔ انتخاب‌شده در این ناحیه نیست.',
  departmentMissing: 'معاونت یا ادارهٔ انتخاب‌شده پیدا نشد.',
  departmentInactive: 'این معاونت یا اداره دیگر فعال نیست.',
  departmentOutside: 'این واحد به ناحیهٔ دیگری وابسته است.',
  noteRequired: {
    request_changes: 'بنویسید چه چیزی باید اصلاح شود.',
    correct: 'متن اصلاحیه را بنویسید؛ خوانندگان آن را می‌بینند.',
    kill: 'دلیل لغو خبر را بنویسید.',
  } as Partial<Record<NewsTransitionAction, string>>,
  noteTooLong: `یادداشت حداکثر ${NEWS_LIMITS.note} نویسه می‌تواند باشد.`,
  timeRequired: 'تاریخ و ساعت انتشار را وارد کنید.',
  timeInPast: 'زمان انتشار باید در آینده باشد.',
  submitHeadline: 'پیش از ارسال، تیتر را بنویسید.',
  submitLead: 'پیش از ارسال، لید را بنویسید.',
  submitBody: 'پیش از ارسال، متن خبر را بنویسید.',
  noRevision: 'این نسخه از خبر پیدا نشد.',
  badCursor: 'نشانی صفحه نامعتبر است؛ از صفحهٔ اول شروع کنید.',
  inboxEditorsOnly: 'میز خبر فقط برای دبیران خبر است.',
  deskSettings: 'فقط مدیر روابط عمومی می‌تواند هدف زمان انتشار را تغییر دهد.',
  slugEditorsOnly: 'فقط دبیران خبر می‌توانند نامک خبر را تغییر دهند.',
  slugNotPublished: 'نامک فقط برای خبر منتشرشده تغییر می‌کند.',
  slugRequired: 'نامک تازه را وارد کنید.',
  slugTooLong: `نامک حداکثر ${SLUG_MAX_FA} نویسه می‌تواند باشد.`,
  slugInvisible: 'نامک نویسهٔ نامرئی یا کنترل جهت متن دارد؛ آن را دوباره و بدون کپی‌کردن تایپ کنید.',
  slugLetters: 'نامک باید دست‌کم یک حرف یا رقم داشته باشد.',
  slugSame: 'این همان نامک کنونی خبر است.',
  slugTaken: 'این نامک را خبر دیگری دارد یا پیش‌تر داشته است؛ نامک دیگری بنویسید.',
  slugNote: (from: string, to: string) => `نامک نشانی عمومی از «${from}» به «${to}» تغییر کرد؛ نشانی پیشین به نشانی تازه هدایت می‌شود.`,
  featureEditorsOnly: 'فقط دبیران خبر می‌توانند خبری را در صفحهٔ نخست برجسته کنند.',
  featureNotPublished: 'فقط خبر منتشرشده را می‌توان در صفحهٔ نخست برجسته کرد.',
} as const;

/**
 * A slug an editor typed: refused with invisible or bidi-control characters or over
 * SLUG_MAX characters, then made readable by slugify (spaces and half-spaces to hyphens,
 * ASCII digits, Persian letters normalised, so «علي» and «علی» are one slug).
 */
function checkSlug(requested: string): string {
  const raw = requested.trim();
  if (raw === '') throw validationFailed({ slug: MSG.slugRequired });
  if (hasInvisibleOrBidiChars(raw.replace(/\u200c/g, ''))) throw validationFailed({ slug: MSG.slugInvisible });
  if (raw.length > SLUG_MAX) throw validationFailed({ slug: MSG.slugTooLong });
  const slug = slugify(raw, SLUG_MAX);
  if (!/[\p{L}\p{N}]/u.test(raw)) throw validationFailed({ slug: MSG.slugLetters });
  return slug;
}

// ------------------------------------------------------------------ pure helpers

/**
 * A readable Persian slug: normalised, digits in ASCII, diacritics dropped, every run of
 * anything but letters and digits (spaces, half-spaces, punctuation) one hyphen, cut on
 * a word boundary. «بازگشایی بوستان‌ها در ناحیهٔ ۳» → «بازگشایی-بوستان-ها-در-ناحیه-3».
 */
export function slugify(headline: string, maxLength = 80): string {
  let s = toAsciiDigits(normalize(headline)).toLowerCase();
  s = s.replace(/\p{M}/gu, '');
  s = s.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  if (s.length > maxLength) {
    const cut = s.slice(0, maxLength);
    const at = cut.lastIndexOf('-');
    s = at > maxLength / 2 ? cut.slice(0, at) : cut;
  }
  return s || 'khabar';
}

const MENTION = /(?<![\p{L}\p{N}_.@-])@([\p{L}\p{N}_][\p{L}\p{N}._-]*)/gu;

/** The usernames named with @ in a note, as typed (trailing sentence dots dropped), each once. */
export function parseMentionNames(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(MENTION)) {
    const name = m[1]!.replace(/[.-]+$/, '');
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

const span = (from: Date | null, to: Date | null) => (from && to ? to.getTime() - from.getTime() : null);

/** Step durations of an item, from its own timestamps (first submission, first approval, first publication). */
export function timeliness(item: Pick<NewsItem, 'occurredAt' | 'createdAt' | 'firstSubmittedAt' | 'firstApprovedAt' | 'firstPublishedAt'>): Timeliness {
  return {
    occurredToCreatedMs: span(item.occurredAt, item.createdAt),
    createdToSubmittedMs: span(item.createdAt, item.firstSubmittedAt),
    submittedToApprovedMs: span(item.firstSubmittedAt, item.firstApprovedAt),
    approvedToPublishedMs: span(item.firstApprovedAt, item.firstPublishedAt),
    submittedToPublishedMs: span(item.firstSubmittedAt, item.firstPublishedAt),
  };
}

/** When a scheduled item publishes: its scheduled time or the end of its embargo. */
export function dueAtOf(item: Pick<NewsItem, 'scheduledFor' | 'embargoUntil'>): Date | null {
  return item.scheduledFor ?? item.embargoUntil ?? null;
}

function toItem(row: NewsItemRow): NewsItem {
  const { searchText: _searchText, searchTitle: _searchTitle, ...rest } = row;
  return { ...rest, serviceAreas: row.serviceAreas as ServiceArea[] };
}

function snapshotOf(row: Pick<NewsItemRow, keyof NewsSnapshot> | NewsItem): NewsSnapshot {
  return {
    kind: row.kind,
    overline: row.overline,
    headline: row.headline,
    lead: row.lead,
    bodyHtml: row.bodyHtml,
    sourceLine: row.sourceLine,
    orgUnitId: row.orgUnitId,
    neighbourhoodId: row.neighbourhoodId,
    departmentId: row.departmentId,
    serviceAreas: [...(row.serviceAreas as ServiceArea[])],
    occurredAt: row.occurredAt ? new Date(row.occurredAt).toISOString() : null,
  };
}

function searchTextOf(v: { overline: string | null; headline: string; lead: string | null; bodyHtml: string }): string {
  return fold([v.overline ?? '', v.headline, v.lead ?? '', htmlToPlainText(v.bodyHtml)].join('\n'));
}

function encodeCursor(at: Date, id: number): string {
  return `${at.getTime()}_${id}`;
}

function decodeCursor(after: string | null | undefined): { at: Date; id: number } | null {
  if (after === null || after === undefined || after === '') return null;
  const m = /^(\d{1,15})_(\d{1,10})$/.exec(after);
  if (!m) throw badRequest(MSG.badCursor);
  const at = new Date(Number(m[1]));
  const id = Number(m[2]);
  // Ids are PostgreSQL integers; a larger one would fail in the query, not here.
  if (id > 2_147_483_647 || Number.isNaN(at.getTime())) throw badRequest(MSG.badCursor);
  return { at, id };
}

function pageLimit(limit: number | null | undefined): number {
  if (limit === null || limit === undefined) return 25;
  if (!Number.isInteger(limit) || limit < 1) return 25;
  return Math.min(limit, 100);
}

/** The search filter of the staff lists: the public search's tsquery (stop words alone: no filter). */
function tsqueryOf(q: string | null | undefined): string | null {
  return parseSearchQuery(q).tsquery;
}

/** fold(overline + headline): the title key for the A weight and the trigram index. */
function searchTitleOf(v: { overline: string | null; headline: string }): string {
  return fold(`${v.overline ?? ''}\n${v.headline}`);
}

const actionLabel = (action: NewsTransitionAction): string => NEWS_ACTION_LABELS[action];

export type NewsroomService = ReturnType<typeof createNewsroomService>;

export function createNewsroomService(deps: NewsroomDeps) {
  const { db, clock, org } = deps;
  const extraSubmitChecks = deps.beforeSubmit ?? [];
  const events = deps.events ?? processContentEvents;

  /**
   * Call after the commit: tells the portal's page cache when readers' view changed (the
   * item was public before or is public now). `edit` is a plain save or a restore.
   */
  function announce(action: NewsTransitionAction | 'edit', before: NewsItemRow['state'], after: NewsItemRow): void {
    if (before !== 'published' && after.state !== 'published') return;
    const payload = { newsId: after.id, slug: after.slug };
    if (action === 'publish' || action === 'republish') events.emit('news.published', payload);
    else if (after.state !== 'published') events.emit('news.unpublished', payload);
    else if (action === 'correct') events.emit('news.corrected', payload);
    else events.emit('news.changed', payload);
  }

  // ---------------------------------------------------------------- places and policy

  /** The item's unit and its parent: what writer scope is checked against. */
  async function unitPath(orgUnitId: number): Promise<number[]> {
    const unit = await org.findUnit(orgUnitId);
    if (!unit) return [orgUnitId];
    return unit.parentId === null ? [unit.id] : [unit.id, unit.parentId];
  }

  async function policyItem(row: NewsItemRow | NewsItem): Promise<PolicyItem> {
    return {
      state: row.state,
      authorId: row.authorId,
      unitPath: await unitPath(row.orgUnitId),
      departmentId: row.departmentId,
      spikedFromState: row.spikedFromState,
    };
  }

  /**
   * The org references of an item: a district or the region, a neighbourhood of that
   * district, a department of the region or that district. Returns the policy place.
   */
  async function checkPlacement(data: Pick<NewsData, 'orgUnitId' | 'neighbourhoodId' | 'departmentId'>): Promise<PolicyPlace> {
    const errors: FieldErrors = {};
    const unit = await org.findUnit(data.orgUnitId);
    if (!unit) errors.orgUnitId = MSG.unitMissing;
    else if (unit.kind !== 'district' && unit.kind !== 'region') errors.orgUnitId = MSG.unitKind;
    if (data.neighbourhoodId !== null) {
      const n = await org.findUnit(data.neighbourhoodId);
      if (!n || n.kind !== 'neighbourhood') errors.neighbourhoodId = MSG.neighbourhoodMissing;
      else if (unit && n.parentId !== unit.id) errors.neighbourhoodId = MSG.neighbourhoodOutside;
    }
    if (data.departmentId !== null) {
      const d = await org.findDepartment(data.departmentId);
      if (!d) errors.departmentId = MSG.departmentMissing;
      else if (!d.isActive) errors.departmentId = MSG.departmentInactive;
      else if (unit && d.orgUnitId !== unit.id && d.orgUnitId !== unit.parentId) errors.departmentId = MSG.departmentOutside;
    }
    if (Object.keys(errors).length > 0) throw validationFailed(errors);
    return {
      unitPath: unit!.parentId === null ? [unit!.id] : [unit!.id, unit!.parentId],
      departmentId: data.departmentId,
    };
  }

  /** Writers keep their items within their scope; editors may place items anywhere. */
  function assertMayPlace(user: NewsActor, place: PolicyPlace): void {
    if (!isEditor(user) && !isWriter(user)) throw forbidden(MSG.noNewsroomRole);
    if (!canCreateAt(user, place)) throw validationFailed({ orgUnitId: MSG.outOfScope });
  }

  /** Loads an item the user may see; anything else is "not found" (no hint that it exists). */
  async function loadVisible(h: DbOrTx, user: NewsActor, id: number, lock: boolean): Promise<{ row: NewsItemRow; pitem: PolicyItem }> {
    const row = lock ? await repo.lockItem(h as Tx, id) : await repo.findItem(h, id);
    if (!row) throw notFound(MSG.notFound);
    const pitem = await policyItem(row);
    if (!canView(user, pitem)) throw notFound(MSG.notFound);
    return { row, pitem };
  }

  function assertVersion(row: NewsItemRow, expectedVersion: number): void {
    if (row.version !== expectedVersion) throw new NewsConflictError(toItem(row), expectedVersion);
  }

  function sanitizedFields(data: NewsData) {
    const bodyHtml = sanitizeNewsHtml(data.bodyHtml, { isOwnMediaUrl });
    return {
      kind: data.kind,
      overline: data.overline,
      headline: data.headline,
      lead: data.lead,
      bodyHtml,
      sourceLine: data.sourceLine,
      orgUnitId: data.orgUnitId,
      neighbourhoodId: data.neighbourhoodId,
      departmentId: data.departmentId,
      serviceAreas: data.serviceAreas,
      occurredAt: data.occurredAt,
      searchText: searchTextOf({ overline: data.overline, headline: data.headline, lead: data.lead, bodyHtml }),
      searchTitle: searchTitleOf(data),
    };
  }

  async function audit(
    tx: Tx,
    user: NewsActor | null,
    action: string,
    newsId: number,
    details: Record<string, unknown>,
  ): Promise<void> {
    await recordAudit(tx, {
      actorUserId: user?.id ?? null,
      actorLabel: user?.username ?? 'سامانه',
      ip: user?.ip ?? null,
      action: `newsroom.${action}`,
      entityType: 'news_item',
      entityId: newsId,
      details,
    });
  }

  async function addRevision(tx: Tx, row: NewsItemRow, reason: RevisionReason, authorId: number | null, at: Date): Promise<number> {
    const r = await repo.insertRevision(tx, { newsId: row.id, snapshot: { ...snapshotOf(row) }, reason, authorId, createdAt: at });
    return r.number;
  }

  async function notify(tx: Tx, newsId: number, kind: NotificationKind, userIds: number[], actorId: number | null, at: Date): Promise<void> {
    const ids = [...new Set(userIds)].filter((id) => id !== actorId);
    await repo.insertNotifications(
      tx,
      ids.map((userId) => ({ userId, newsId, kind, createdAt: at })),
    );
  }

  /** Users named with @ who may see the item (others are not told it exists). */
  async function resolveMentions(tx: Tx, body: string, pitem: PolicyItem, authorId: number): Promise<number[]> {
    const names = parseMentionNames(body);
    if (names.length === 0) return [];
    const keys: string[] = [];
    for (const n of names) {
      try {
        keys.push(identityKey(n));
      } catch {
        // not a username anyone could have
      }
    }
    const people = await repo.findPeopleByUsernameKeys(tx, keys);
    return people
      .filter((p) => p.id !== authorId && canView({ id: p.id, memberships: p.memberships }, pitem))
      .map((p) => p.id)
      .sort((a, b) => a - b);
  }

  async function appendNote(tx: Tx, user: NewsActor, row: NewsItemRow, pitem: PolicyItem, body: string, at: Date): Promise<NewsNote> {
    const mentions = await resolveMentions(tx, body, pitem, user.id);
    const note = await repo.insertNote(tx, { newsId: row.id, authorId: user.id, body, mentions, createdAt: at });
    await notify(tx, row.id, 'mention', mentions, user.id, at);
    const author = await repo.authorOf(tx, user.id);
    return {
      id: note.id,
      newsId: note.newsId,
      authorId: note.authorId,
      authorUsername: author?.username ?? user.username,
      authorDisplayName: author?.displayName ?? user.username,
      body: note.body,
      mentions: note.mentions,
      createdAt: note.createdAt,
    };
  }

  /** The desk accepts only complete items: headline, lead, body, district, plus plugged-in checks. */
  async function submitProblems(tx: Tx, row: NewsItemRow): Promise<FieldErrors> {
    const errors: FieldErrors = {};
    if (!row.headline.trim()) errors.headline = MSG.submitHeadline;
    if (!row.lead || !row.lead.trim()) errors.lead = MSG.submitLead;
    if (!htmlToPlainText(row.bodyHtml).trim()) errors.body = MSG.submitBody;
    for (const check of extraSubmitChecks) {
      const more = await check({ item: toItem(row), tx });
      for (const [k, v] of Object.entries(more)) if (!errors[k]) errors[k] = v;
    }
    return errors;
  }

  function checkNote(action: NewsTransitionAction, note: string | null): string | null {
    const text = note === null ? null : normalize(note);
    const value = text === null || text === '' ? null : text;
    const required = NOTE_REQUIRED.has(action);
    if (required && value === null) throw validationFailed({ note: MSG.noteRequired[action] ?? MSG.noteTooLong });
    if (value !== null && value.length > NEWS_LIMITS.note) throw validationFailed({ note: MSG.noteTooLong });
    return value;
  }

  async function slugFor(tx: Tx, row: NewsItemRow): Promise<string> {
    if (row.slug) return row.slug;
    const base = slugify(row.headline);
    await repo.lockSlugBase(tx, base);
    if (!(await repo.slugTaken(tx, base))) return base;
    return `${base}-${row.id}`;
  }

  /**
   * Runs a write in one transaction and returns the id it wrote. With an idempotency key
   * the first outcome (the id) is stored in that same transaction; a repeat with the key
   * (a double click) runs nothing and gets the same id back.
   */
  async function writeOnce(
    user: NewsActor,
    scope: string,
    key: string | null | undefined,
    status: number,
    work: (tx: Tx) => Promise<number>,
  ): Promise<number> {
    if (!key) return withTransaction(db, work);
    const outcome = await withIdempotency(db, { userId: user.id, scope, key }, async (tx) => ({ status, body: { id: await work(tx) } }), { clock });
    const id = (outcome.body as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'number') throw new Error(`idempotent outcome without an id for ${scope}`);
    return id;
  }

  async function reload(id: number): Promise<NewsItem> {
    const row = await repo.findItem(db, id);
    if (!row) throw notFound(MSG.notFound);
    return toItem(row);
  }

  // ---------------------------------------------------------------- transitions

  /**
   * One workflow action on a locked item. `user` null is the job runner (scheduled
   * publish), which skips the policy and the version check.
   */
  async function applyAction(
    tx: Tx,
    user: NewsActor | null,
    row: NewsItemRow,
    pitem: PolicyItem,
    action: NewsTransitionAction,
    o: { note: string | null; at: Date | null },
  ): Promise<NewsItemRow> {
    const now = clock.now();
    let next = transition(row.state, action, row.spikedFromState);
    if (next === null) throw new AppError('invalid_transition', 409, MSG.invalidTransition(actionLabel(action), row.state));
    if (user && !can(user, action, pitem)) throw forbidden(MSG.cannot(actionLabel(action)));
    const note = checkNote(action, o.note);
    if (TIME_REQUIRED.has(action)) {
      if (!o.at) throw validationFailed({ date: MSG.timeRequired });
      if (o.at.getTime() <= now.getTime()) throw validationFailed({ date: MSG.timeInPast });
    }

    const actorId = user?.id ?? null;
    const patch: NewsItemPatch = { updatedAt: now };
    let revision: RevisionReason | null = null;
    let notifyKind: NotificationKind | null = null;
    let job: 'enqueue' | 'cancel' | null = null;
    const wasScheduled = row.state === 'scheduled';

    const publishNow = async () => {
      patch.publishedAt = now;
      patch.firstPublishedAt = row.firstPublishedAt ?? now;
      patch.slug = await slugFor(tx, row);
      patch.scheduledFor = null;
      patch.embargoUntil = null;
      revision = 'publish';
      notifyKind = 'published';
      if (wasScheduled) job = 'cancel';
    };

    switch (action) {
      case 'submit': {
        const problems = await submitProblems(tx, row);
        if (Object.keys(problems).length > 0) throw validationFailed(problems, 'پیش از ارسال برای دبیر، این موارد را کامل کنید.');
        patch.firstSubmittedAt = row.firstSubmittedAt ?? now;
        patch.lastSubmittedAt = now;
        revision = 'submit';
        break;
      }
      case 'request_changes':
        notifyKind = 'changes_requested';
        break;
      case 'approve':
        patch.firstApprovedAt = row.firstApprovedAt ?? now;
        revision = 'approve';
        break;
      case 'publish':
      case 'republish':
        await publishNow();
        break;
      case 'schedule':
        patch.scheduledFor = o.at;
        patch.embargoUntil = null;
        job = 'enqueue';
        break;
      case 'embargo':
        patch.embargoUntil = o.at;
        patch.scheduledFor = null;
        job = 'enqueue';
        break;
      case 'unschedule':
        patch.scheduledFor = null;
        patch.embargoUntil = null;
        job = 'cancel';
        break;
      case 'unpublish':
        break;
      case 'correct':
        patch.correctionNote = note;
        patch.correctedAt = now;
        revision = 'correction';
        break;
      case 'kill':
        patch.killReason = note;
        patch.scheduledFor = null;
        patch.embargoUntil = null;
        if (wasScheduled) job = 'cancel';
        break;
      case 'spike':
        patch.spikedFromState = row.state;
        // The schedule stays on the row so a restore can decide; the job goes now.
        if (wasScheduled) job = 'cancel';
        break;
      case 'restore': {
        next = restoreTarget(row.spikedFromState!, dueAtOf(row), now);
        patch.spikedFromState = null;
        if (next === 'scheduled') job = 'enqueue';
        else {
          patch.scheduledFor = null;
          patch.embargoUntil = null;
        }
        break;
      }
    }
    patch.state = next;

    const updated = await repo.updateItem(tx, row.id, row.version, patch);
    if (!updated) throw new NewsConflictError(toItem(row), row.version);

    await repo.insertTransition(tx, { newsId: row.id, action, fromState: row.state, toState: next, actorId, at: now, note });
    const revisionNo = revision ? await addRevision(tx, updated, revision, actorId, now) : null;

    if (job === 'enqueue') {
      const dueAt = dueAtOf(updated)!;
      await enqueueJob(tx, { kind: NEWS_PUBLISH_JOB, runAt: dueAt, payload: { newsId: row.id, at: dueAt.toISOString() }, dedupeKey: publishJobKey(row.id) });
    } else if (job === 'cancel') {
      await cancelJob(tx, publishJobKey(row.id));
    }

    if (action === 'request_changes' && user && note) {
      // The request is also the next message of the thread the writer answers in.
      await appendNote(tx, user, updated, pitem, note, now);
    }
    if (notifyKind) await notify(tx, row.id, notifyKind, [row.authorId], actorId, now);

    await audit(tx, user, action, row.id, {
      from: row.state,
      to: next,
      version: updated.version,
      ...(note ? { note } : {}),
      ...(revisionNo ? { revision: revisionNo } : {}),
      ...(dueAtOf(updated) && next === 'scheduled' ? { dueAt: dueAtOf(updated)!.toISOString() } : {}),
      ...(patch.slug && !row.slug ? { slug: patch.slug } : {}),
    });
    return updated;
  }

  // ---------------------------------------------------------------- lists

  function listItem(r: NewsListRow, now: Date, targetMinutes: number): NewsListItem {
    const inFlight = r.state === 'submitted' || r.state === 'changes_requested' || r.state === 'approved' || r.state === 'scheduled';
    const waitMinutes = inFlight && r.lastSubmittedAt ? Math.max(0, Math.floor((now.getTime() - r.lastSubmittedAt.getTime()) / 60_000)) : null;
    return {
      id: r.id,
      kind: r.kind,
      state: r.state,
      overline: r.overline,
      headline: r.headline,
      orgUnitId: r.orgUnitId,
      neighbourhoodId: r.neighbourhoodId,
      departmentId: r.departmentId,
      serviceAreas: r.serviceAreas as ServiceArea[],
      authorId: r.authorId,
      authorDisplayName: r.authorDisplayName,
      version: r.version,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      occurredAt: r.occurredAt,
      firstSubmittedAt: r.firstSubmittedAt,
      lastSubmittedAt: r.lastSubmittedAt,
      publishedAt: r.publishedAt,
      dueAt: dueAtOf(r),
      slug: r.slug,
      waitMinutes,
      overdue: waitMinutes !== null && DESK_PENDING_STATES.includes(r.state) && waitMinutes > targetMinutes,
    };
  }

  async function publishTargetMinutes(h: DbOrTx): Promise<number> {
    const v = await repo.readSetting(h, PUBLISH_TARGET_SETTING);
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : DEFAULT_PUBLISH_TARGET_MINUTES;
  }

  // ---------------------------------------------------------------- the service

  const service = {
    /** Creates a draft for the user (a writer within their scope, or an editor). */
    async createDraft(user: NewsActor, input: NewsInput, options: { idempotencyKey?: string | null } = {}): Promise<NewsItem> {
      if (!isEditor(user) && !isWriter(user)) throw forbidden(MSG.noNewsroomRole);
      const data = parseInput(newsInputSchema(clock.now()), input);
      const place = await checkPlacement(data);
      assertMayPlace(user, place);
      const fields = sanitizedFields(data);
      const id = await writeOnce(user, 'newsroom.create', options.idempotencyKey, 201, async (tx) => {
        const now = clock.now();
        const row = await repo.insertItem(tx, { ...fields, state: 'draft', authorId: user.id, createdAt: now, updatedAt: now });
        const revisionNo = await addRevision(tx, row, 'save', user.id, now);
        await audit(tx, user, 'create', row.id, { kind: row.kind, headline: row.headline, orgUnitId: row.orgUnitId, revision: revisionNo });
        return row.id;
      });
      return reload(id);
    },

    /**
     * Replaces the editable fields (forms post them all). A stale `expectedVersion` is a
     * NewsConflictError carrying the current item; nothing is written. On a published
     * item a `correctionNote` makes the edit a correction (shown to readers); without one
     * it is a plain fix. Either way a revision is kept.
     */
    async update(
      user: NewsActor,
      id: number,
      input: NewsInput,
      expectedVersion: number,
      options: { correctionNote?: string | null; idempotencyKey?: string | null } = {},
    ): Promise<NewsItem> {
      const data = parseInput(newsInputSchema(clock.now()), input);
      const place = await checkPlacement(data);
      const fields = sanitizedFields(data);
      const committed: { announce?: () => void } = {};
      await writeOnce(user, `newsroom.update:${id}`, options.idempotencyKey, 200, async (tx) => {
        const { row, pitem } = await loadVisible(tx, user, id, true);
        assertVersion(row, expectedVersion);
        if (!can(user, 'edit', pitem)) throw forbidden(MSG.cannotEdit);
        if (!isEditor(user)) assertMayPlace(user, place);
        const now = clock.now();
        const correcting = row.state === 'published' && !!options.correctionNote?.trim();
        const note = correcting ? checkNote('correct', options.correctionNote ?? null) : null;
        const patch: NewsItemPatch = { ...fields, updatedAt: now };
        if (correcting) {
          patch.correctionNote = note;
          patch.correctedAt = now;
        }
        const updated = await repo.updateItem(tx, id, row.version, patch);
        if (!updated) throw new NewsConflictError(toItem(row), expectedVersion);
        const revisionNo = await addRevision(tx, updated, correcting ? 'correction' : 'save', user.id, now);
        if (correcting) {
          await repo.insertTransition(tx, { newsId: id, action: 'correct', fromState: row.state, toState: row.state, actorId: user.id, at: now, note });
        }
        const changed = (Object.keys(snapshotOf(updated)) as (keyof NewsSnapshot)[]).filter(
          (k) => JSON.stringify(snapshotOf(row)[k]) !== JSON.stringify(snapshotOf(updated)[k]),
        );
        await audit(tx, user, correcting ? 'correct' : 'update', id, {
          state: row.state,
          version: updated.version,
          revision: revisionNo,
          changed,
          ...(note ? { note } : {}),
        });
        committed.announce = () => announce(correcting ? 'correct' : 'edit', row.state, updated);
        return updated.id;
      });
      committed.announce?.();
      return reload(id);
    },

    /**
     * Every workflow action (see newsroom.workflow.ts) in one transaction: the state, a
     * transition row, a revision where the step is a milestone, the audit row, the
     * publish job (enqueued or cancelled) and the notifications.
     */
    async act(user: NewsActor, id: number, action: NewsTransitionAction, options: ActOptions): Promise<NewsItem> {
      if (!isTransitionAction(action)) throw badRequest();
      const committed: { announce?: () => void } = {};
      await writeOnce(user, `newsroom.act:${id}:${action}`, options.idempotencyKey, 200, async (tx) => {
        const { row, pitem } = await loadVisible(tx, user, id, true);
        assertVersion(row, options.expectedVersion);
        const updated = await applyAction(tx, user, row, pitem, action, { note: options.note ?? null, at: options.at ?? null });
        committed.announce = () => announce(action, row.state, updated);
        return updated.id;
      });
      committed.announce?.();
      return reload(id);
    },

    /**
     * The job handler's body: publishes the item if it is still scheduled (or embargoed)
     * for exactly `at`. Anything else (unscheduled, re-timed, already published, spiked)
     * is a no-op, so running it twice publishes once. Pass the job's transaction when the
     * runner gives one.
     */
    async publishDue(id: number, at: Date, tx?: Tx, afterCommit?: (fn: () => void) => void): Promise<PublishDueResult> {
      let published: NewsItemRow | null = null;
      const work = async (t: Tx): Promise<PublishDueResult> => {
        const row = await repo.lockItem(t, id);
        if (!row || row.state !== 'scheduled') return { published: false, item: row ? toItem(row) : null };
        const due = dueAtOf(row);
        if (!due || due.getTime() !== at.getTime()) return { published: false, item: toItem(row) };
        const updated = await applyAction(t, null, row, await policyItem(row), 'publish', { note: null, at: null });
        published = updated;
        return { published: true, item: toItem(updated) };
      };
      const result = tx ? await work(tx) : await withTransaction(db, work);
      const done: NewsItemRow | null = published;
      if (done) {
        const tell = () => announce('publish', 'scheduled', done);
        // In the caller's transaction: only once it has committed (the job runner says when).
        if (tx && afterCommit) afterCommit(tell);
        else tell();
      }
      return result;
    },

    /** The item, its author and what this user may do with it; 404 outside the user's sight. */
    async getForUser(user: NewsActor, id: number): Promise<NewsItemView> {
      const { row, pitem } = await loadVisible(db, user, id, false);
      const author = (await repo.authorOf(db, row.authorId)) ?? { id: row.authorId, username: '', displayName: '' };
      const item = toItem(row);
      return {
        item,
        author,
        actions: allowedTransitions(user, pitem),
        canEdit: can(user, 'edit', pitem),
        canNote: can(user, 'note', pitem),
        dueAt: row.state === 'scheduled' ? dueAtOf(row) : null,
        timeliness: timeliness(item),
      };
    },

    /** Appends a note to the item's thread; @username mentions notify those who may see the item. */
    async addNote(user: NewsActor, id: number, body: string): Promise<NewsNote> {
      const data = parseInput(newsNoteSchema, { body });
      return withTransaction(db, async (tx) => {
        const { row, pitem } = await loadVisible(tx, user, id, false);
        if (!can(user, 'note', pitem)) throw forbidden(MSG.cannotNote);
        const now = clock.now();
        const note = await appendNote(tx, user, row, pitem, data.body, now);
        await audit(tx, user, 'note', id, { noteId: note.id, mentions: note.mentions });
        return note;
      });
    },

    async listNotes(user: NewsActor, id: number): Promise<NewsNote[]> {
      await loadVisible(db, user, id, false);
      return (await repo.listNotes(db, id)).map((n) => ({ ...n }));
    },

    async listTransitions(user: NewsActor, id: number): Promise<NewsTransition[]> {
      await loadVisible(db, user, id, false);
      return (await repo.listTransitions(db, id)).map((t) => ({ ...t }));
    },

    async listRevisions(user: NewsActor, id: number): Promise<NewsRevision[]> {
      await loadVisible(db, user, id, false);
      return (await repo.listRevisions(db, id)).map((r) => ({
        newsId: r.newsId,
        number: r.number,
        reason: r.reason,
        snapshot: r.snapshot as unknown as NewsSnapshot,
        authorId: r.authorId,
        createdAt: r.createdAt,
      }));
    },

    /** Puts an earlier revision's fields back, as a new revision (reason `restore`); history is kept. */
    async restoreRevision(user: NewsActor, id: number, revisionNo: number, expectedVersion: number): Promise<NewsItem> {
      const committed: { announce?: () => void } = {};
      const updated = await withTransaction(db, async (tx) => {
        const { row, pitem } = await loadVisible(tx, user, id, true);
        assertVersion(row, expectedVersion);
        if (!can(user, 'edit', pitem)) throw forbidden(MSG.cannotEdit);
        const rev = await repo.findRevision(tx, id, revisionNo);
        if (!rev) throw notFound(MSG.noRevision);
        const s = rev.snapshot as unknown as NewsSnapshot;
        const place = await checkPlacement({ orgUnitId: s.orgUnitId, neighbourhoodId: s.neighbourhoodId, departmentId: s.departmentId });
        if (!isEditor(user)) assertMayPlace(user, place);
        const now = clock.now();
        // Re-sanitised: the allow-list may have tightened since the revision was taken.
        const bodyHtml = sanitizeNewsHtml(s.bodyHtml, { isOwnMediaUrl });
        const next = await repo.updateItem(tx, id, row.version, {
          kind: s.kind,
          overline: s.overline,
          headline: s.headline,
          lead: s.lead,
          bodyHtml,
          sourceLine: s.sourceLine,
          orgUnitId: s.orgUnitId,
          neighbourhoodId: s.neighbourhoodId,
          departmentId: s.departmentId,
          serviceAreas: s.serviceAreas,
          occurredAt: s.occurredAt ? new Date(s.occurredAt) : null,
          searchText: searchTextOf({ overline: s.overline, headline: s.headline, lead: s.lead, bodyHtml }),
          searchTitle: searchTitleOf(s),
          updatedAt: now,
        });
        if (!next) throw new NewsConflictError(toItem(row), expectedVersion);
        const newNo = await addRevision(tx, next, 'restore', user.id, now);
        await audit(tx, user, 'restore_revision', id, { from: revisionNo, revision: newNo, version: next.version });
        committed.announce = () => announce('edit', row.state, next);
        return next;
      });
      committed.announce?.();
      return toItem(updated);
    },

    /** The writer's last submitted version and what went (or is) out, for the page to diff. */
    async diffSubmittedVsPublished(user: NewsActor, id: number): Promise<SubmittedVsPublished> {
      const { row } = await loadVisible(db, user, id, false);
      const submitted = await repo.lastRevisionWithReason(db, id, ['submit']);
      let published: SubmittedVsPublished['published'] = null;
      if (row.state === 'published') {
        published = { revision: null, at: row.updatedAt, authorId: null, snapshot: snapshotOf(row) };
      } else {
        const rev = await repo.lastRevisionWithReason(db, id, ['publish', 'correction']);
        if (rev) published = { revision: rev.number, at: rev.createdAt, authorId: rev.authorId, snapshot: rev.snapshot as unknown as NewsSnapshot };
      }
      return {
        submitted: submitted
          ? { revision: submitted.number, at: submitted.createdAt, authorId: submitted.authorId, snapshot: submitted.snapshot as unknown as NewsSnapshot }
          : null,
        published,
      };
    },

    /**
     * The desk inbox (editors): newest submission first, keyset-paginated, each row with
     * its wait and an overdue flag against the desk's publish target.
     */
    async inbox(user: NewsActor, filters: InboxFilters = {}, page: PageRequest = {}): Promise<NewsPage & { targetMinutes: number }> {
      if (!isEditor(user)) throw forbidden(MSG.inboxEditorsOnly);
      const now = clock.now();
      const limit = pageLimit(page.limit);
      const targetMinutes = await publishTargetMinutes(db);
      const states: NewsState[] = filters.state
        ? [filters.state]
        : ['submitted', 'changes_requested', 'approved', 'scheduled'];
      const rows = await repo.inbox(db, {
        states,
        orgUnitId: filters.district ?? null,
        departmentId: filters.department ?? null,
        kind: filters.kind ?? null,
        submittedBefore:
          filters.olderThanMinutes === null || filters.olderThanMinutes === undefined
            ? null
            : new Date(now.getTime() - filters.olderThanMinutes * 60_000),
        tsquery: tsqueryOf(filters.q),
        after: decodeCursor(page.after),
        limit: limit + 1,
      });
      const items = rows.slice(0, limit).map((r) => listItem(r, now, targetMinutes));
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return { items, next: last ? encodeCursor(last.lastSubmittedAt!, last.id) : null, targetMinutes };
    },

    /** The inbox from a query string (for the routes): validates, then calls inbox. */
    async inboxFromQuery(user: NewsActor, query: unknown): Promise<NewsPage & { targetMinutes: number }> {
      const q = parseInput(inboxQuerySchema, query);
      return service.inbox(
        user,
        { district: q.district, department: q.department, kind: q.kind, state: q.state, olderThanMinutes: q.olderThanMinutes, q: q.q },
        { after: q.after, limit: q.limit },
      );
    },

    /** The user's own items, most recently changed first. */
    async myItems(user: NewsActor, filters: MyItemsFilters = {}, page: PageRequest = {}): Promise<NewsPage> {
      const now = clock.now();
      const limit = pageLimit(page.limit);
      const targetMinutes = await publishTargetMinutes(db);
      const rows = await repo.byAuthor(db, {
        authorId: user.id,
        states: filters.state ? [filters.state] : null,
        tsquery: tsqueryOf(filters.q),
        after: decodeCursor(page.after),
        limit: limit + 1,
      });
      const items = rows.slice(0, limit).map((r) => listItem(r, now, targetMinutes));
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return { items, next: last ? encodeCursor(last.updatedAt, last.id) : null };
    },

    timeliness,

    /** Units the user may file news for (the create form's select): districts and the region. */
    async placesFor(user: NewsActor): Promise<Array<{ id: number; kind: string; name: string }>> {
      const units = await org.listUnits();
      return units
        .filter((u) => u.kind === 'district' || u.kind === 'region')
        .filter((u) => canCreateAt(user, { unitPath: u.parentId === null ? [u.id] : [u.id, u.parentId], departmentId: null }) || hasDepartmentScope(user))
        .map((u) => ({ id: u.id, kind: u.kind, name: u.name }));
    },

    async deskSettings(): Promise<{ publishTargetMinutes: number }> {
      return { publishTargetMinutes: await publishTargetMinutes(db) };
    },

    async setPublishTargetMinutes(user: NewsActor, minutes: number | string): Promise<{ publishTargetMinutes: number }> {
      if (!canManageDesk(user)) throw forbidden(MSG.deskSettings);
      const data = parseInput(publishTargetSchema, { minutes });
      const value = data.minutes as number;
      await withTransaction(db, async (tx) => {
        const before = await publishTargetMinutes(tx);
        await repo.writeSetting(tx, PUBLISH_TARGET_SETTING, value, user.id, clock.now());
        await recordAudit(tx, {
          actorUserId: user.id,
          actorLabel: user.username,
          ip: user.ip ?? null,
          action: 'newsroom.settings',
          entityType: 'setting',
          entityId: PUBLISH_TARGET_SETTING,
          details: { from: before, to: value },
        });
      });
      return { publishTargetMinutes: value };
    },

    async notifications(user: NewsActor, options: { unreadOnly?: boolean; limit?: number } = {}): Promise<NewsNotification[]> {
      const rows = await repo.listNotifications(db, user.id, { unreadOnly: options.unreadOnly ?? false, limit: pageLimit(options.limit ?? 50) });
      return rows.map((r) => ({ id: r.id, newsId: r.newsId, headline: r.headline, kind: r.kind, createdAt: r.createdAt, readAt: r.readAt }));
    },

    async markNotificationsRead(user: NewsActor, ids: number[] | 'all'): Promise<number> {
      return repo.markNotificationsRead(db, user.id, ids, clock.now());
    },

    /**
     * Published items for the public portal, newest first (no user: only what readers see).
     * `month` is a Jalali period key (1405M09); `since` bounds the publication time from below.
     */
    async listPublished(
      filters: {
        districtId?: number | null;
        neighbourhoodId?: number | null;
        serviceArea?: ServiceArea | null;
        kind?: NewsKind | null;
        month?: string | null;
        since?: Date | null;
        limit?: number | null;
        after?: string | null;
      } = {},
    ): Promise<{ items: NewsItem[]; next: string | null }> {
      let from = filters.since ?? null;
      let to: Date | null = null;
      if (filters.month) {
        const period = parsePeriodKey(filters.month);
        if (!period.ok) throw badRequest(period.error);
        const bounds = periodBounds(period.value);
        from = from && from > bounds.start ? from : bounds.start;
        to = bounds.end;
      }
      const limit = pageLimit(filters.limit);
      const rows = await repo.listPublished(db, {
        orgUnitId: filters.districtId ?? null,
        serviceArea: filters.serviceArea ?? null,
        neighbourhoodId: filters.neighbourhoodId ?? null,
        kind: filters.kind ?? null,
        from,
        to,
        after: decodeCursor(filters.after),
        limit,
      });
      const last = rows.length === limit ? rows[rows.length - 1] : undefined;
      return { items: rows.map(toItem), next: last?.publishedAt ? encodeCursor(last.publishedAt, last.id) : null };
    },

    /** Published items featured on the home page, most recently featured first. */
    async listFeatured(limit: number): Promise<NewsItem[]> {
      return (await repo.listFeatured(db, pageLimit(limit))).map(toItem);
    },

    /** The Jalali months with published items and their counts, newest first (days in Tehran). */
    async publishedMonths(): Promise<Array<{ year: number; month: number; count: number }>> {
      const months = new Map<string, { year: number; month: number; count: number }>();
      for (const { day, count } of await repo.publishedPerDay(db)) {
        // Noon UTC is the afternoon of the same calendar day in Tehran.
        const j = dateToJalali(new Date(`${day}T12:00:00Z`));
        const key = `${j.jy}-${j.jm}`;
        const m = months.get(key) ?? { year: j.jy, month: j.jm, count: 0 };
        m.count += count;
        months.set(key, m);
      }
      return [...months.values()].sort((a, b) => b.year - a.year || b.month - a.month);
    },

    /** Published items per service area, every area present (0 when it has none). */
    async publishedTagCounts(): Promise<Record<ServiceArea, number>> {
      const counts = Object.fromEntries(SERVICE_AREAS.map((a) => [a, 0])) as Record<ServiceArea, number>;
      for (const { area, count } of await repo.publishedPerServiceArea(db)) {
        if ((SERVICE_AREAS as readonly string[]).includes(area)) counts[area as ServiceArea] = count;
      }
      return counts;
    },

    /** Full-text search of published items for the portal (newsroom.search.ts, ADR 0003). */
    searchPublished: (input: PublishedSearchInput) => searchPublishedNews(db, input),

    /** A published item by its slug, or null (drafts, killed and unknown slugs alike). */
    async getPublishedBySlug(slug: string): Promise<NewsItem | null> {
      if (slug.length === 0 || slug.length > 300) return null;
      const row = await repo.findPublishedBySlug(db, slug);
      return row ? toItem(row) : null;
    },

    /** A published item by its id, or null (the news page re-rendered after a refused comment). */
    async getPublishedById(id: number): Promise<NewsItem | null> {
      const row = await repo.findItem(db, id);
      return row && row.state === 'published' && row.slug ? toItem(row) : null;
    },

    /** Where an old slug of a published item points now (its current slug), or null. */
    async slugRedirect(slug: string): Promise<string | null> {
      if (slug.length === 0 || slug.length > 300) return null;
      return (await repo.redirectForOldSlug(db, slug)) ?? null;
    },

    /** Up to `limit` other published items of the same service areas or the same district, newest first. */
    async listRelated(item: Pick<NewsItem, 'id' | 'serviceAreas' | 'orgUnitId'>, limit = 4): Promise<NewsItem[]> {
      const rows = await repo.listRelated(db, { excludeId: item.id, serviceAreas: item.serviceAreas, orgUnitId: item.orgUnitId, limit: pageLimit(limit) });
      return rows.map(toItem);
    },

    /**
     * An editor changes the public slug of a published item (slugs are otherwise fixed on
     * first publish). The old slug is kept in news_slug_history so its links answer with a
     * 301; the change is a note in the item's thread and an audit row. Stale version → 409.
     */
    async changeSlug(user: NewsActor, id: number, requested: string, expectedVersion: number): Promise<NewsItem> {
      if (!isEditor(user)) throw forbidden(MSG.slugEditorsOnly);
      const slug = checkSlug(requested);
      await withTransaction(db, async (tx) => {
        const { row, pitem } = await loadVisible(tx, user, id, true);
        assertVersion(row, expectedVersion);
        if (row.state !== 'published' || !row.slug) throw new AppError('invalid_state', 409, MSG.slugNotPublished);
        if (row.slug === slug) throw validationFailed({ slug: MSG.slugSame });
        await repo.lockSlugBase(tx, slug);
        const holder = await repo.slugHolder(tx, slug);
        if (holder && holder.newsId !== id) throw validationFailed({ slug: MSG.slugTaken });
        const now = clock.now();
        const updated = await repo.updateItem(tx, id, row.version, { slug, updatedAt: now });
        if (!updated) throw new NewsConflictError(toItem(row), expectedVersion);
        await repo.recordSlugChange(tx, id, row.slug, slug, now);
        await appendNote(tx, user, updated, pitem, MSG.slugNote(row.slug, slug), now);
        await audit(tx, user, 'change_slug', id, { from: row.slug, to: slug, version: updated.version });
      });
      events.emit('news.changed', { newsId: id, slug }); // after the commit: the page cache forgets the old links
      return reload(id);
    },

    /** An editor features a published item on the home page (or stops featuring it). Stale version → 409. */
    async setFeatured(user: NewsActor, id: number, featured: boolean, expectedVersion: number): Promise<NewsItem> {
      if (!isEditor(user)) throw forbidden(MSG.featureEditorsOnly);
      await withTransaction(db, async (tx) => {
        const { row } = await loadVisible(tx, user, id, true);
        assertVersion(row, expectedVersion);
        if (featured && row.state !== 'published') throw new AppError('invalid_state', 409, MSG.featureNotPublished);
        const now = clock.now();
        const updated = await repo.updateItem(tx, id, row.version, { featuredAt: featured ? now : null });
        if (!updated) throw new NewsConflictError(toItem(row), expectedVersion);
        await audit(tx, user, featured ? 'feature' : 'unfeature', id, { version: updated.version });
      });
      const item = await reload(id);
      events.emit('news.changed', { newsId: id, slug: item.slug }); // after the commit: the home page changes
      return item;
    },
  };

  return service;
}

/**
 * Handlers for the job runner (wired in app.ts): the scheduled publish runs inside the
 * job's own transaction, so the publish and the job's "done" commit together.
 */
export function newsroomJobHandlers(service: Pick<NewsroomService, 'publishDue'>): Record<string, JobHandler> {
  return {
    [NEWS_PUBLISH_JOB]: async (payload: JobPayload, ctx: JobContext) => {
      const newsId = Number(payload.newsId);
      const at = new Date(String(payload.at));
      if (!Number.isInteger(newsId) || Number.isNaN(at.getTime())) throw new Error(`bad ${NEWS_PUBLISH_JOB} payload: ${JSON.stringify(payload)}`);
      await service.publishDue(newsId, at, ctx.tx, ctx.afterCommit);
    },
  };
}
