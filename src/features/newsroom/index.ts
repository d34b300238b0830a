// The newsroom feature's public surface: the service factory, its types, the pure
// workflow and policy (for buttons and the access matrix), labels and input schemas.
export {
  createNewsroomService,
  NewsConflictError,
  NEWS_PUBLISH_JOB,
  PUBLISH_TARGET_SETTING,
  DEFAULT_PUBLISH_TARGET_MINUTES,
  newsroomJobHandlers,
  slugify,
  parseMentionNames,
  timeliness,
  dueAtOf,
  type NewsroomService,
  type NewsroomDeps,
  type NewsroomOrg,
} from './newsroom.service.js';
export { newsroomApiRoutes, type NewsroomApiOptions } from './newsroom.api.js';
export type {
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
export {
  NEWS_STATES,
  NEWS_TRANSITION_ACTIONS,
  NEWS_STATE_LABELS,
  NEWS_ACTION_LABELS,
  NOTE_REQUIRED,
  TIME_REQUIRED,
  transition,
  actionsFrom,
  type NewsState,
  type NewsTransitionAction,
} from './newsroom.workflow.js';
export { can, canManageDesk, allowedTransitions, canCreateAt, isEditor, isWriter, EDITOR_ROLES, WRITER_ROLES, type NewsAction, type PolicyItem } from './newsroom.policy.js';
export {
  NEWS_KINDS,
  NEWS_KIND_LABELS,
  SERVICE_AREAS,
  SERVICE_AREA_LABELS,
  REVISION_REASONS,
  NOTIFICATION_KINDS,
  type NewsKind,
  type ServiceArea,
  type RevisionReason,
  type NotificationKind,
} from './newsroom.tables.js';
export {
  NEWS_FIELD_LABELS,
  NEWS_LIMITS,
  newsInputSchema,
  newsActionSchema,
  newsNoteSchema,
  inboxQuerySchema,
  type NewsInput,
  type NewsActionData,
  type InboxQuery,
} from './newsroom.inputs.js';
