// The newsroom's public shapes: what the service returns and what the routes and views
// receive. Plain data (Dates, numbers, strings), no database types.
import type { CurrentUser } from '../../core/http/current-user.js';
import type { FieldErrors } from '../../core/errors.js';
import type { Tx } from '../../core/db/index.js';
import type { NewsKind, NotificationKind, RevisionReason, ServiceArea } from './newsroom.tables.js';
import type { NewsState, NewsTransitionAction } from './newsroom.workflow.js';

/** Who acts: the signed-in user (with an address for the audit trail, when known). */
export type NewsActor = Pick<CurrentUser, 'id' | 'username' | 'memberships'> & { ip?: string | null };

export interface NewsItem {
  id: number;
  kind: NewsKind;
  state: NewsState;
  overline: string | null;
  headline: string;
  lead: string | null;
  bodyHtml: string;
  sourceLine: string | null;
  orgUnitId: number;
  neighbourhoodId: number | null;
  departmentId: number | null;
  serviceAreas: ServiceArea[];
  occurredAt: Date | null;
  slug: string | null;
  authorId: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  firstSubmittedAt: Date | null;
  lastSubmittedAt: Date | null;
  firstApprovedAt: Date | null;
  firstPublishedAt: Date | null;
  publishedAt: Date | null;
  scheduledFor: Date | null;
  embargoUntil: Date | null;
  correctionNote: string | null;
  correctedAt: Date | null;
  killReason: string | null;
  spikedFromState: NewsState | null;
  /** Set while an editor features the published item on the home page; null otherwise. */
  featuredAt: Date | null;
}

/** The editable fields, as a revision stores them (dates as ISO strings). */
export interface NewsSnapshot {
  kind: NewsKind;
  overline: string | null;
  headline: string;
  lead: string | null;
  bodyHtml: string;
  sourceLine: string | null;
  orgUnitId: number;
  neighbourhoodId: number | null;
  departmentId: number | null;
  serviceAreas: ServiceArea[];
  occurredAt: string | null;
}

export interface NewsRevision {
  newsId: number;
  number: number;
  reason: RevisionReason;
  snapshot: NewsSnapshot;
  /** Null: the system (a scheduled publish). */
  authorId: number | null;
  createdAt: Date;
}

export interface NewsNote {
  id: number;
  newsId: number;
  authorId: number;
  authorUsername: string;
  authorDisplayName: string;
  body: string;
  mentions: number[];
  createdAt: Date;
}

export interface NewsTransition {
  id: number;
  newsId: number;
  action: NewsTransitionAction;
  fromState: NewsState;
  toState: NewsState;
  /** Null: the job runner. */
  actorId: number | null;
  at: Date;
  note: string | null;
}

export interface NewsNotification {
  id: number;
  newsId: number;
  headline: string;
  kind: NotificationKind;
  createdAt: Date;
  readAt: Date | null;
}

/** How long each step took, in milliseconds; null where a step has not happened (or no event time). */
export interface Timeliness {
  occurredToCreatedMs: number | null;
  createdToSubmittedMs: number | null;
  submittedToApprovedMs: number | null;
  approvedToPublishedMs: number | null;
  /** First submission → first publication: the desk's number. */
  submittedToPublishedMs: number | null;
}

/** One item as its page needs it: the item, its author, and what this user may do now. */
export interface NewsItemView {
  item: NewsItem;
  author: { id: number; username: string; displayName: string };
  /** Transition actions this user may take now (buttons to show). */
  actions: NewsTransitionAction[];
  canEdit: boolean;
  canNote: boolean;
  /** When a scheduled or embargoed item will publish. */
  dueAt: Date | null;
  timeliness: Timeliness;
}

/** A row of the desk inbox or a writer's list. */
export interface NewsListItem {
  id: number;
  kind: NewsKind;
  state: NewsState;
  overline: string | null;
  headline: string;
  orgUnitId: number;
  neighbourhoodId: number | null;
  departmentId: number | null;
  serviceAreas: ServiceArea[];
  authorId: number;
  authorDisplayName: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  occurredAt: Date | null;
  firstSubmittedAt: Date | null;
  lastSubmittedAt: Date | null;
  publishedAt: Date | null;
  dueAt: Date | null;
  slug: string | null;
  /** Whole minutes since the last submission while the item is in flight; null otherwise. */
  waitMinutes: number | null;
  /** Waiting on the desk (submitted or approved) for longer than the publish target. */
  overdue: boolean;
}

export interface NewsPage {
  items: NewsListItem[];
  /** Cursor of the next page (pass as `after`), or null on the last page. */
  next: string | null;
}

export interface InboxFilters {
  /** A district (or neighbourhood, or the region for region-wide items). */
  district?: number | null;
  department?: number | null;
  kind?: NewsKind | null;
  /** One state; by default the items in flight (submitted, changes requested, approved, scheduled). */
  state?: NewsState | null;
  /** Only items last submitted at least this many minutes ago. */
  olderThanMinutes?: number | null;
  /** Free text, matched on the folded headline, lead and body. */
  q?: string | null;
}

export interface MyItemsFilters {
  state?: NewsState | null;
  q?: string | null;
}

export interface PageRequest {
  after?: string | null;
  /** 1–100, default 25. */
  limit?: number | null;
}

export interface ActOptions {
  /** Required for request_changes, correct (the correction text) and kill (the reason). */
  note?: string | null;
  /** Required for schedule and embargo: a future instant (parse Jalali + Tehran time in the route). */
  at?: Date | null;
  /** The version the page showed: a stale one is a 409 with the current item. */
  expectedVersion: number;
  /** A double-clicked button sends one key twice: the action happens once. */
  idempotencyKey?: string | null;
}

/**
 * A check run (in the submit transaction) before an item goes to the desk. Returns
 * field errors (empty: fine). The media feature plugs its caption/alt check in here.
 */
export type SubmitCheck = (ctx: { item: NewsItem; tx: Tx }) => Promise<FieldErrors>;

export interface SubmittedVsPublished {
  /** The writer's last submitted version. */
  submitted: { revision: number; at: Date; authorId: number | null; snapshot: NewsSnapshot } | null;
  /** What readers see (the current item while published), else the last published or corrected version. */
  published: { revision: number | null; at: Date; authorId: number | null; snapshot: NewsSnapshot } | null;
}

export interface PublishDueResult {
  published: boolean;
  item: NewsItem | null;
}
