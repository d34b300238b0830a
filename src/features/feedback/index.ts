// The feedback feature's public surface: the service, the route plugin, and the view
// partials the portal embeds on a news page (comments and «was this helpful?»).
export {
  createFeedbackService,
  COMMENT_RECEIVED,
  ALREADY_ANSWERED,
  COMMENT_RATE,
  COMMENT_RATE_LIMIT,
  ANSWER_THANKS,
  REPORT_RECEIVED,
  SATISFACTION_THANKS,
  SATISFACTION_ALREADY,
  REPORTS_TO_HIDE,
  type FeedbackService,
  type FeedbackDeps,
  type PublicComment,
  type StaffComment,
  type VisitorMeta,
} from './feedback.service.js';
export { feedbackRoutes, newsPageHref, typedValues, visitorOf, type FeedbackRoutesOptions } from './feedback.routes.js';
export { MODERATOR_ROLES, canModerate } from './feedback.policy.js';
export {
  COMMENT_LIMITS,
  COMMENT_FIELD_LABELS,
  commentInputSchema,
  satisfactionInputSchema,
  SATISFACTION_LIMITS,
  type CommentInput,
  type SatisfactionInput,
} from './feedback.inputs.js';
export { COMMENT_STATUSES, type CommentStatus } from './feedback.tables.js';
export { CommentsSection, type CommentsSectionProps, type PublicCommentView } from './views/comments-section.js';
export { HelpfulWidget, type HelpfulWidgetProps } from './views/helpful-widget.js';
export { SatisfactionForm, SATISFACTION_RATING_LABELS, type SatisfactionFormProps } from './views/satisfaction-form.js';
export { satisfactionStatusMessage } from './feedback.status.js';
