// The newsroom's state machine: pure data and functions, no database, no user.
//
// Choices made here (refining the brief; the service and the policy follow them):
// - One `scheduled` state covers both a scheduled publish and an embargo. Which one it
//   is shows in the item: `scheduledFor` (a planned time) or `embargoUntil` (not before
//   that time); exactly one is set while scheduled. `schedule` and `embargo` also work
//   from `scheduled` (re-timing replaces the pending job), `unschedule` goes back to
//   `approved` and clears both.
// - `correct` keeps a published item published: it records a correction note and a
//   revision with reason `correction`; "corrected" is therefore a fact about a
//   published item (`correctedAt`), not a state of its own.
// - `kill` is terminal and possible from every state after submission; a draft that is
//   not wanted is spiked instead (it never reached the desk).
// - `spike` is a soft delete from any state but `killed` (and `spiked`); `restore` goes
//   back to the state the item had (`spikedFromState`). One exception, decided by
//   `restoreTarget`: a spiked scheduled item whose publish time has passed in the
//   meantime comes back `approved` (schedule cleared) rather than publishing at once.
// - `request_changes` works on submitted and approved items (a second editor may send
//   an approved item back); `approve` works on submitted items and on items waiting for
//   changes (the desk may make the fix itself when the writer cannot).
// - `publish` (now) works from approved and from scheduled (publish early, the pending
//   job is cancelled); `republish` brings an unpublished item back.
// - Scheduled publishing by the job runner uses the action `publish` with no actor.

export const NEWS_STATES = [
  'draft',
  'submitted',
  'changes_requested',
  'approved',
  'scheduled',
  'published',
  'unpublished',
  'killed',
  'spiked',
] as const;
export type NewsState = (typeof NEWS_STATES)[number];

/** Actions that move an item from one state to another (or to the same, for `correct` and re-timing). */
export const NEWS_TRANSITION_ACTIONS = [
  'submit',
  'request_changes',
  'approve',
  'publish',
  'schedule',
  'embargo',
  'unschedule',
  'unpublish',
  'republish',
  'correct',
  'kill',
  'spike',
  'restore',
] as const;
export type NewsTransitionAction = (typeof NEWS_TRANSITION_ACTIONS)[number];

export const NEWS_STATE_LABELS: Record<NewsState, string> = {
  draft: 'پیش‌نویس',
  submitted: 'ارسال‌شده برای دبیر',
  changes_requested: 'نیازمند اصلاح',
  approved: 'تأییدشده',
  scheduled: 'زمان‌بندی‌شده',
  published: 'منتشرشده',
  unpublished: 'از انتشار خارج‌شده',
  killed: 'لغوشده',
  spiked: 'کنارگذاشته',
};

export const NEWS_ACTION_LABELS: Record<NewsTransitionAction, string> = {
  submit: 'ارسال برای دبیر',
  request_changes: 'درخواست اصلاح',
  approve: 'تأیید',
  publish: 'انتشار',
  schedule: 'زمان‌بندی انتشار',
  embargo: 'انتشار پس از پایان ممنوعیت',
  unschedule: 'لغو زمان‌بندی',
  unpublish: 'خارج‌کردن از انتشار',
  republish: 'انتشار دوباره',
  correct: 'ثبت اصلاحیه',
  kill: 'لغو خبر',
  spike: 'کنارگذاشتن',
  restore: 'بازگرداندن',
};

/** Marks the one transition whose target is remembered, not fixed. */
const PREVIOUS = 'previous' as const;

type Target = NewsState | typeof PREVIOUS;

const AFTER_SUBMISSION_KILL_SPIKE = { kill: 'killed', spike: 'spiked' } as const;

/** The whole machine: state → action → next state. Anything absent is not allowed. */
export const TRANSITIONS: Readonly<Record<NewsState, Readonly<Partial<Record<NewsTransitionAction, Target>>>>> = {
  draft: { submit: 'submitted', spike: 'spiked' },
  submitted: { request_changes: 'changes_requested', approve: 'approved', ...AFTER_SUBMISSION_KILL_SPIKE },
  changes_requested: { submit: 'submitted', approve: 'approved', ...AFTER_SUBMISSION_KILL_SPIKE },
  approved: {
    request_changes: 'changes_requested',
    publish: 'published',
    schedule: 'scheduled',
    embargo: 'scheduled',
    ...AFTER_SUBMISSION_KILL_SPIKE,
  },
  scheduled: {
    publish: 'published',
    schedule: 'scheduled',
    embargo: 'scheduled',
    unschedule: 'approved',
    ...AFTER_SUBMISSION_KILL_SPIKE,
  },
  published: { unpublish: 'unpublished', correct: 'published', ...AFTER_SUBMISSION_KILL_SPIKE },
  unpublished: { republish: 'published', ...AFTER_SUBMISSION_KILL_SPIKE },
  killed: {},
  spiked: { restore: PREVIOUS },
};

export function isNewsState(v: unknown): v is NewsState {
  return typeof v === 'string' && (NEWS_STATES as readonly string[]).includes(v);
}

export function isTransitionAction(v: unknown): v is NewsTransitionAction {
  return typeof v === 'string' && (NEWS_TRANSITION_ACTIONS as readonly string[]).includes(v);
}

/**
 * The state `action` leads to from `state`, or null if the machine does not allow it.
 * `restore` needs the state the item was spiked from (null/absent → not restorable).
 */
export function transition(state: NewsState, action: NewsTransitionAction, spikedFrom?: NewsState | null): NewsState | null {
  const target = TRANSITIONS[state][action];
  if (target === undefined) return null;
  if (target !== PREVIOUS) return target;
  if (!spikedFrom || spikedFrom === 'spiked' || spikedFrom === 'killed') return null;
  return spikedFrom;
}

/** Actions possible from `state` (ignoring who asks). */
export function actionsFrom(state: NewsState): NewsTransitionAction[] {
  return NEWS_TRANSITION_ACTIONS.filter((a) => TRANSITIONS[state][a] !== undefined);
}

/**
 * Where a restored item lands: the state it was spiked from, except a scheduled item
 * whose time has passed while it was spiked, which comes back approved (nobody chose to
 * publish it now).
 */
export function restoreTarget(spikedFrom: NewsState, dueAt: Date | null, now: Date): NewsState {
  if (spikedFrom === 'scheduled' && (dueAt === null || dueAt.getTime() <= now.getTime())) return 'approved';
  return spikedFrom;
}

/** Actions that need a note (a reason the writer or the reader will see). */
export const NOTE_REQUIRED: ReadonlySet<NewsTransitionAction> = new Set(['request_changes', 'correct', 'kill']);

/** Actions that need a time in the future. */
export const TIME_REQUIRED: ReadonlySet<NewsTransitionAction> = new Set(['schedule', 'embargo']);

/** States in which the item is waiting for the desk (counted against the publish target). */
export const DESK_PENDING_STATES: readonly NewsState[] = ['submitted', 'approved'];

/** States a writer may still change their own item in. */
export const WRITER_EDITABLE_STATES: readonly NewsState[] = ['draft', 'changes_requested'];

/** States a PR editor may change any item in (a published item's edit is a fix or a correction). */
export const EDITOR_EDITABLE_STATES: readonly NewsState[] = [
  'submitted',
  'changes_requested',
  'approved',
  'scheduled',
  'published',
  'unpublished',
];
