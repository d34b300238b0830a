// The comments of a news item and the form to add one, for the portal to embed.
// Comment text is plain text: rendered as escaped text only (links are not clickable),
// line breaks shown as <br>. The contact is never shown.
import { Fragment } from 'preact';
import { Button } from '../../../ui/components/button/button.js';
import { ErrorSummary, errorSummaryItems } from '../../../ui/components/error-summary/error-summary.js';
import { Form } from '../../../ui/components/form/form.js';
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
  csrfToken: string;
  /** What was typed, put back after a rejected post. */
  values?: Partial<Record<'name' | 'contact' | 'body', string>>;
  errors?: Record<string, string>;
  /** «نظر شما دریافت شد…» after a post, or another notice. */
  statusMessage?: string;
  /** Local path to come back to after posting (the news page). */
  returnTo?: string;
}

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
  return (
    <section class="comments" aria-labelledby={`comments-title-${props.newsId}`}>
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
              <Form action={`/comments/${c.id}/report`} csrfToken={props.csrfToken} class="comment__report">
                {props.returnTo && <input type="hidden" name="return" value={props.returnTo} />}
                <Button type="submit" variant="secondary">
                  گزارش نظر نامناسب
                </Button>
              </Form>
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
      <ErrorSummary errors={errorSummaryItems(errors, ['name', 'contact', 'body'])} />
      <Form action={`/news/${props.newsId}/comments`} csrfToken={props.csrfToken} id={formId}>
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
        <div class="comments__trap" aria-hidden="true" hidden>
          <label for={`${formId}-website`}>این فیلد را خالی بگذارید</label>
          <input type="text" id={`${formId}-website`} name="website" value="" tabIndex={-1} autocomplete="off" />
        </div>
        <Button type="submit">فرستادن نظر</Button>
      </Form>
    </section>
  );
}
