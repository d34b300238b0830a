// The comments of a news item and the form to add one, for the portal to embed.
// Comment text is plain text: rendered as escaped text only (links are not clickable),
// line breaks shown as <br>. The contact is never shown. On a publicly cached page the
// forms carry no CSRF token (csrfToken omitted): those routes check the origin instead.
import { Fragment } from 'preact';
import { Button } from '../../../ui/components/button/button.js';
import { ErrorSummary, errorSummaryItems } from '../../../ui/components/error-summary/error-summary.js';
import { PublicForm } from './public-form.js';
import { LocalTime } from '../../../ui/components/local-time/local-time.js';
import { TextField } from '../../../ui/components/text-field/text-field.js';
import { TextareaField } from '../../../ui/components/textarea-field/textarea-field.js';

export interface PublicCommentView {
  id: number;
  authorName: string;
  body: string;
  replyBody: string | null;
  createdAt: Date;
}

export interface CommentsSectionProps {
  newsId: number;
  comments: PublicCommentView[];
  /** Omit on publicly cached pages (the public form routes check the origin instead). */
  csrfToken?: string;
  /** What was typed, put back after a rejected post. */
  values?: Partial<Record<'name' | 'contact' | 'body', string>>;
  errors?: Record<string, string>;
  /** «نظر شما دریافت شد…» after a post, or another notice. */
  statusMessage?: string;
  /** Local path to come back to after posting (the news page). */
  returnTo?: string;
}

const FIELDS = ['name', 'contact', 'body'] as const;

/** Plain text with its line breaks; every line is escaped text, never markup. */
function Lines(props: { text: string }) {
  return (
    <>
      {props.text.split('\n').map((line, i) => (
        <Fragment key={i}>
          {i > 0 && <br />}
          {line}
        </Fragment>
      ))}
    </>
  );
}

export function CommentsSection(props: CommentsSectionProps) {
  const errors = props.errors ?? {};
  const values = props.values ?? {};
  const formId = `comment-form-${props.newsId}`;
  // The summary links to the fields' real ids; errors not tied to a field are plain items.
  const summary = errorSummaryItems(
    Object.fromEntries(Object.entries(errors).map(([k, v]) => [(FIELDS as readonly string[]).includes(k) ? `${formId}-${k}` : k, v])),
    FIELDS.map((f) => `${formId}-${f}`),
  ).map((i) => (i.fieldId && !i.fieldId.startsWith(`${formId}-`) ? { text: i.text } : i));
  return (
    <section class="comments" id="comments" aria-labelledby={`comments-title-${props.newsId}`}>
      <h2 id={`comments-title-${props.newsId}`}>نظرها</h2>
      {props.comments.length === 0 ? (
        <p class="comments__empty">هنوز نظری منتشر نشده است.</p>
      ) : (
        <ol class="comments__list">
          {props.comments.map((c) => (
            <li class="comment" id={`comment-${c.id}`} key={c.id}>
              <p class="comment__meta">
                <bdi class="comment__author">{c.authorName}</bdi> · <LocalTime date={c.createdAt} format="date" />
              </p>
              <p class="comment__body" dir="auto">
                <Lines text={c.body} />
              </p>
              {c.replyBody !== null && (
                <div class="comment__reply">
                  <p class="comment__reply-title">پاسخ شهرداری</p>
                  <p dir="auto">
                    <Lines text={c.replyBody} />
                  </p>
                </div>
              )}
              <PublicForm action={`/comments/${c.id}/report`} csrfToken={props.csrfToken} class="comment__report">
                {props.returnTo && <input type="hidden" name="return" value={props.returnTo} />}
                <Button type="submit" variant="secondary">
                  گزارش نظر نامناسب
                  <span class="visually-hidden">
                    {' '}
                    (نظر <bdi>{c.authorName}</bdi>)
                  </span>
                </Button>
              </PublicForm>
            </li>
          ))}
        </ol>
      )}
      <h3>نظر شما</h3>
      {props.statusMessage && (
        <p class="comments__status" role="status">
          {props.statusMessage}
        </p>
      )}
      <ErrorSummary errors={summary} titleId={`${formId}-errors-title`} />
      <PublicForm action={`/news/${props.newsId}/comments`} csrfToken={props.csrfToken} id={formId}>
        {props.returnTo && <input type="hidden" name="return" value={props.returnTo} />}
        <TextField name="name" id={`${formId}-name`} label="نام" value={values.name} error={errors.name} maxLength={80} autocomplete="name" />
        <TextField
          name="contact"
          id={`${formId}-contact`}
          label="ایمیل یا شمارهٔ تماس"
          hint="منتشر نمی‌شود؛ فقط برای پاسخ شهرداری."
          optional
          dir="ltr"
          value={values.contact}
          error={errors.contact}
          maxLength={120}
        />
        <TextareaField name="body" id={`${formId}-body`} label="متن نظر" rows={5} value={values.body} error={errors.body} maxLength={2000} />
        <div class="comments__trap" hidden>
          <label for={`${formId}-website`}>این فیلد را خالی بگذارید</label>
          <input type="text" id={`${formId}-website`} name="website" value="" tabIndex={-1} autocomplete="off" />
        </div>
        <Button type="submit">فرستادن نظر</Button>
      </PublicForm>
    </section>
  );
}
