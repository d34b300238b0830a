// The PR desk's comment queue: pending first, each comment with its moderation form.
import { Button } from '../../../ui/components/button/button.js';
import { ErrorSummary, errorSummaryItems } from '../../../ui/components/error-summary/error-summary.js';
import { Form } from '../../../ui/components/form/form.js';
import { LocalTime } from '../../../ui/components/local-time/local-time.js';
import { SelectField } from '../../../ui/components/select-field/select-field.js';
import { StatusTag } from '../../../ui/components/status-tag/status-tag.js';
import { TextField } from '../../../ui/components/text-field/text-field.js';
import { TextareaField } from '../../../ui/components/textarea-field/textarea-field.js';
import { renderPage } from '../../../ui/render.js';
import { StaffFrame, type StaffChrome } from '../../auth/index.js';

export const COMMENT_STATUS_LABELS = {
  pending: 'در انتظار بررسی',
  approved: 'منتشرشده',
  rejected: 'ردشده',
  spam: 'هرزنامه',
} as const;

export interface StaffCommentView {
  id: number;
  newsId: number;
  newsHeadline: string;
  authorName: string;
  contact: string | null;
  body: string;
  redactedBody: string | null;
  status: keyof typeof COMMENT_STATUS_LABELS;
  rejectReason: string | null;
  replyBody: string | null;
  reportCount: number;
  createdAt: Date;
  version: number;
}

export interface ModerationPageProps {
  chrome: StaffChrome;
  rows: StaffCommentView[];
  status: string;
  nextHref: string | null;
  /** A rejected moderation form: which comment, and its errors. */
  failed?: { id: number; errors: Record<string, string>; values: Record<string, string> };
}

const STATUS_OPTIONS = [
  { value: 'pending', label: COMMENT_STATUS_LABELS.pending },
  { value: 'approved', label: COMMENT_STATUS_LABELS.approved },
  { value: 'rejected', label: COMMENT_STATUS_LABELS.rejected },
  { value: 'spam', label: COMMENT_STATUS_LABELS.spam },
  { value: 'all', label: 'همه (در انتظارها اول)' },
];

const ACTION_OPTIONS = [
  { value: 'approve', label: 'انتشار' },
  { value: 'reject', label: 'رد (با دلیل)' },
  { value: 'spam', label: 'هرزنامه' },
  { value: 'redact', label: 'ویرایش متن نمایش‌داده‌شده' },
  { value: 'reply', label: 'پاسخ شهرداری' },
];

function tone(status: StaffCommentView['status']): 'success' | 'warning' | 'neutral' {
  return status === 'approved' ? 'success' : status === 'pending' ? 'warning' : 'neutral';
}

function CommentCard(props: { c: StaffCommentView; csrfToken: string; status: string; failed?: ModerationPageProps['failed'] }) {
  const { c } = props;
  const failed = props.failed?.id === c.id ? props.failed : undefined;
  const errors = failed?.errors ?? {};
  const values = failed?.values ?? {};
  const fid = `moderate-${c.id}`;
  return (
    <article class="moderation-item" id={`comment-${c.id}`}>
      <h2 class="moderation-item__title">
        <a href={`/staff/news/${c.newsId}`}>{c.newsHeadline}</a>
      </h2>
      <p>
        <StatusTag label={COMMENT_STATUS_LABELS[c.status]} tone={tone(c.status)} /> <bdi>{c.authorName}</bdi>
        {c.contact && (
          <>
            {' · '}
            <bdi dir="ltr">{c.contact}</bdi>
          </>
        )}
        {' · '}
        <LocalTime date={c.createdAt} format="datetime" />
        {c.reportCount > 0 && ` · ${new Intl.NumberFormat('fa-IR').format(c.reportCount)} گزارش`}
      </p>
      <p class="moderation-item__body" dir="auto">
        {c.body}
      </p>
      {c.redactedBody !== null && (
        <p class="moderation-item__redacted" dir="auto">
          <strong>متن نمایش‌داده‌شده: </strong>
          {c.redactedBody}
        </p>
      )}
      {c.rejectReason && <p>دلیل رد: {c.rejectReason}</p>}
      {c.replyBody && (
        <p dir="auto">
          <strong>پاسخ شهرداری: </strong>
          {c.replyBody}
        </p>
      )}
      <ErrorSummary errors={errorSummaryItems(errors)} focusOnLoad={failed !== undefined} titleId={`${fid}-errors`} />
      <Form action={`/staff/comments/${c.id}/moderate`} csrfToken={props.csrfToken} id={fid}>
        <input type="hidden" name="version" value={String(c.version)} />
        <input type="hidden" name="status" value={props.status} />
        <SelectField name="action" id={`${fid}-action`} label="اقدام" options={ACTION_OPTIONS} value={values.action ?? 'approve'} error={errors.action} />
        <TextField name="reason" id={`${fid}-reason`} label="دلیل رد" optional value={values.reason} error={errors.reason} />
        <TextareaField
          name="redactedBody"
          id={`${fid}-redactedBody`}
          label="متن ویراسته"
          optional
          rows={3}
          value={values.redactedBody ?? c.redactedBody ?? ''}
          error={errors.redactedBody}
        />
        <TextareaField name="reply" id={`${fid}-reply`} label="پاسخ شهرداری" optional rows={3} value={values.reply ?? c.replyBody ?? ''} error={errors.reply} />
        <Button type="submit">ثبت</Button>
      </Form>
    </article>
  );
}

export function ModerationPage(props: ModerationPageProps) {
  return (
    <StaffFrame chrome={props.chrome} title="نظرهای شهروندان">
      <h1>نظرهای شهروندان</h1>
      <Form action="/staff/comments" method="get">
        <SelectField name="status" label="وضعیت" options={STATUS_OPTIONS} value={props.status} />
        <Button type="submit" variant="secondary">
          نمایش
        </Button>
      </Form>
      {props.rows.length === 0 && <p>نظری در این فهرست نیست.</p>}
      {props.rows.map((c) => (
        <CommentCard key={c.id} c={c} csrfToken={props.chrome.csrfToken} status={props.status} failed={props.failed} />
      ))}
      {props.nextHref && (
        <p>
          <a href={props.nextHref}>صفحهٔ بعد</a>
        </p>
      )}
    </StaffFrame>
  );
}

export function renderModerationPage(props: ModerationPageProps): string {
  return renderPage(<ModerationPage {...props} />);
}
