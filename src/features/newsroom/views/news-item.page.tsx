// One news item as the newsroom sees it: the text, its state and timeliness, the
// actions this user may take (each a small POST form with the version and an
// idempotency key), the notes thread, «تغییرات دبیر», the history and the revisions.
import { Fragment } from 'preact';
import { Button, ButtonGroup } from '../../../ui/components/button/button.js';
import { DateField } from '../../../ui/components/date-field/date-field.js';
import { ErrorSummary, errorSummaryItems, type ErrorSummaryItem } from '../../../ui/components/error-summary/error-summary.js';
import { Form } from '../../../ui/components/form/form.js';
import { LocalTime } from '../../../ui/components/local-time/local-time.js';
import { RawHtml } from '../../../ui/components/raw-html/raw-html.js';
import { StatusTag } from '../../../ui/components/status-tag/status-tag.js';
import { SummaryList } from '../../../ui/components/summary-list/summary-list.js';
import { TextField } from '../../../ui/components/text-field/text-field.js';
import { TextareaField } from '../../../ui/components/textarea-field/textarea-field.js';
import { renderPage } from '../../../ui/render.js';
import { NewsFrame } from './news-frame.js';
import type {
  ActionView,
  ComponentChildren,
  FieldDiffView,
  FormErrors,
  FormValues,
  NewsItemView,
  NoteView,
  RevisionView,
  StaffChrome,
  TimelinessRow,
  TransitionView,
} from './news-view-models.js';
import { WordDiff } from './word-diff-view.js';

export interface NewsItemPageProps {
  chrome: StaffChrome;
  item: NewsItemView;
  editHref?: string;
  /** For editors on a published item: its public slug (changeable) and the home-page feature. */
  publicLife?: { slug: string; href: string; featuredAt: Date | null };
  actions: ActionView[];
  /** After a rejected action or note: which form, its errors and what was typed. */
  failed?: { form: string; errors: FormErrors; values: FormValues; message?: string };
  /** A message above everything (a stale version, a step no longer possible). */
  notice?: string;
  timeliness: TimelinessRow[];
  notes: NoteView[];
  canNote: boolean;
  history: TransitionView[];
  revisions: RevisionView[];
  canRestore: boolean;
  editorDiff: { submittedAt: Date; publishedAt: Date; fields: FieldDiffView[] } | null;
  photos?: ComponentChildren;
}

const str = (v: string | readonly string[] | undefined): string => (typeof v === 'string' ? v : '');

const MENTION = /(@[\p{L}\p{N}_][\p{L}\p{N}._-]*)/u;

/** A note's text with @mentions set apart; everything else as typed (escaped). */
function NoteBody(props: { text: string }) {
  const pieces = props.text.split(MENTION);
  return (
    <p class="note__body" dir="auto">
      {pieces.map((piece, i) =>
        i % 2 === 1 ? (
          <bdi class="mention" key={i}>
            {piece}
          </bdi>
        ) : (
          <Fragment key={i}>{piece}</Fragment>
        ),
      )}
    </p>
  );
}

function ActionForm(props: { itemId: number; version: number; csrfToken: string; action: ActionView; failed?: NewsItemPageProps['failed'] }) {
  const a = props.action;
  const failed = props.failed?.form === a.action ? props.failed : undefined;
  const errors = failed?.errors ?? {};
  const values = failed?.values ?? {};
  const body = (
    <Form action={`/staff/news/${props.itemId}/actions`} csrfToken={props.csrfToken} class="action-form" attributes={{ 'data-action': a.action }}>
      <input type="hidden" name="action" value={a.action} />
      <input type="hidden" name="version" value={String(props.version)} />
      <input type="hidden" name="idempotency_key" value={a.idempotencyKey} />
      {a.needs === 'note' && (
        <TextareaField
          name="note"
          id={`note-${a.action}`}
          label={a.noteLabel ?? 'یادداشت'}
          hint={a.noteHint}
          rows={3}
          maxLength={2000}
          value={str(values.note)}
          error={errors.note}
        />
      )}
      {a.needs === 'time' && (
        <div class="action-form__when">
          <DateField name="date" id={`date-${a.action}`} label="تاریخ انتشار" value={str(values.date)} error={errors.date} />
          <TextField
            name="time"
            id={`time-${a.action}`}
            label="ساعت"
            hint="به وقت تهران، مثلاً ۰۸:۰۰."
            width="5"
            dir="ltr"
            autocomplete="off"
            value={str(values.time)}
            error={errors.time}
          />
        </div>
      )}
      <Button variant={a.variant === 'primary' ? undefined : a.variant} confirm={a.confirm}>
        {a.label}
      </Button>
    </Form>
  );
  if (a.needs === 'none') return body;
  return (
    <details class="action-details" open={failed !== undefined}>
      <summary class="action-details__summary">{a.label}</summary>
      {body}
    </details>
  );
}

/** The newest revisions are listed; the rest (autosave makes many) fold away. */
const RECENT_REVISIONS = 8;
const fa = (n: number) => new Intl.NumberFormat('fa-IR').format(n);

function RevisionItem(props: { revision: RevisionView; itemId: number; version: number; csrfToken: string; canRestore: boolean }) {
  const r = props.revision;
  return (
    <li class="revisions__item">
      <span>
        نسخهٔ {fa(r.number)} — {r.reasonLabel} — <bdi>{r.authorName}</bdi> — <LocalTime date={r.at} format="datetime" />
        {r.current && (
          <>
            {' '}
            <StatusTag label="نسخهٔ کنونی" tone="neutral" />
          </>
        )}
      </span>
      <br />
      <span class="revisions__headline" dir="auto">
        {r.headline}
      </span>
      {props.canRestore && !r.current && (
        <Form action={`/staff/news/${props.itemId}/revisions/${r.number}/restore`} csrfToken={props.csrfToken} class="revisions__restore">
          <input type="hidden" name="version" value={String(props.version)} />
          <Button variant="secondary" confirm={`متن خبر به نسخهٔ ${fa(r.number)} برگردد؟`}>
            بازگرداندن این نسخه
            <span class="visually-hidden"> (نسخهٔ {fa(r.number)})</span>
          </Button>
        </Form>
      )}
    </li>
  );
}

/** The slug form (old links keep working by a 301) and the «featured on the home page» toggle. */
function PublicLife(props: { itemId: number; version: number; csrfToken: string; life: NonNullable<NewsItemPageProps['publicLife']>; failed?: NewsItemPageProps['failed'] }) {
  const { life } = props;
  const failed = props.failed?.form === 'slug' ? props.failed : undefined;
  return (
    <section class="news-public" aria-labelledby="news-public-title">
      <h2 id="news-public-title">نشانی عمومی و صفحهٔ نخست</h2>
      <p>
        نشانی کنونی:{' '}
        <a href={life.href} dir="ltr">
          <bdi>{life.href}</bdi>
        </a>
      </p>
      <details class="action-details" open={failed !== undefined}>
        <summary class="action-details__summary">تغییر نامک</summary>
        <Form action={`/staff/news/${props.itemId}/slug`} csrfToken={props.csrfToken} class="action-form">
          <input type="hidden" name="version" value={String(props.version)} />
          <TextField
            name="slug"
            id="slug"
            label="نامک تازه"
            hint="واژه‌ها با خط تیره جدا می‌شوند (فاصله‌ها خودبه‌خود خط تیره می‌شوند)؛ حداکثر ۱۲۰ نویسه. پیوندهای نشانی پیشین به نشانی تازه هدایت می‌شوند."
            dir="auto"
            maxLength={120}
            autocomplete="off"
            value={failed ? str(failed.values.slug) : life.slug}
            error={failed?.errors.slug}
          />
          <Button variant="secondary">تغییر نامک</Button>
        </Form>
      </details>
      <Form action={`/staff/news/${props.itemId}/feature`} csrfToken={props.csrfToken} class="action-form">
        <input type="hidden" name="version" value={String(props.version)} />
        <input type="hidden" name="featured" value={life.featuredAt ? '0' : '1'} />
        {life.featuredAt && (
          <p>
            <StatusTag label="برجسته در صفحهٔ نخست" tone="accent" /> از <LocalTime date={life.featuredAt} format="datetime" />
          </p>
        )}
        <Button variant="secondary">{life.featuredAt ? 'برداشتن از صفحهٔ نخست' : 'برجسته‌کردن در صفحهٔ نخست'}</Button>
      </Form>
    </section>
  );
}

function failedSummary(props: NewsItemPageProps): ErrorSummaryItem[] {
  const f = props.failed;
  if (!f) return [];
  const ids: Record<string, string> = {};
  for (const k of Object.keys(f.errors)) {
    if (f.form === 'note') ids[k] = k === 'body' ? 'note-body' : k;
    else ids[k] = k === 'note' ? `note-${f.form}` : k === 'date' ? `date-${f.form}` : k === 'time' ? `time-${f.form}` : k;
  }
  const items = errorSummaryItems(Object.fromEntries(Object.entries(f.errors).map(([k, v]) => [ids[k] ?? k, v])));
  return f.message ? [{ text: f.message }, ...items.filter((i) => i.text !== f.message)] : items;
}

export function NewsItemPage(props: NewsItemPageProps) {
  const { item } = props;
  const errors = failedSummary(props);
  const simple = props.actions.filter((a) => a.needs === 'none');
  const detailed = props.actions.filter((a) => a.needs !== 'none');
  return (
    <NewsFrame chrome={props.chrome} title={item.headline} crumbs={[{ label: 'خبرها', href: '/staff/news' }, { label: item.headline }]} hasErrors={errors.length > 0}>
      <ErrorSummary errors={errors} />
      {props.notice && (
        <div class="notice notice--warning" role="alert">
          <p>{props.notice}</p>
        </div>
      )}
      <article class="news-item" aria-labelledby="news-headline">
        <p class="news-item__status">
          <StatusTag label={item.state.label} tone={item.state.tone} /> <span class="news-item__kind">{item.kindLabel}</span>
          {item.dueAt && (
            <>
              {' '}
              — {item.dueKind === 'embargo' ? 'ممنوعیت انتشار تا' : 'انتشار در'} <LocalTime date={item.dueAt} format="datetime" />
            </>
          )}
        </p>
        {item.overline && (
          <p class="news-item__overline" dir="auto">
            {item.overline}
          </p>
        )}
        <h1 id="news-headline" dir="auto">
          {item.headline}
        </h1>
        {item.lead && (
          <p class="lead" dir="auto">
            {item.lead}
          </p>
        )}
        {item.correctionNote && (
          <div class="notice">
            <p>
              <strong>اصلاحیه</strong>
              {item.correctedAt && (
                <>
                  {' '}
                  (<LocalTime date={item.correctedAt} format="datetime" />)
                </>
              )}
              : <bdi>{item.correctionNote}</bdi>
            </p>
          </div>
        )}
        {item.killReason && (
          <div class="notice notice--warning">
            <p>
              <strong>دلیل لغو:</strong> <bdi>{item.killReason}</bdi>
            </p>
          </div>
        )}

        {(props.editHref || props.actions.length > 0) && (
          <section class="news-actions" aria-labelledby="news-actions-title">
            <h2 id="news-actions-title">کارهای این خبر</h2>
            {(props.editHref || simple.length > 0) && (
              <div class="news-actions__row">
                {props.editHref && (
                  <Button href={props.editHref} variant="secondary">
                    ویرایش
                  </Button>
                )}
                {simple.map((a) => (
                  <ActionForm key={a.action} itemId={item.id} version={item.version} csrfToken={props.chrome.csrfToken} action={a} failed={props.failed} />
                ))}
              </div>
            )}
            {detailed.map((a) => (
              <ActionForm key={a.action} itemId={item.id} version={item.version} csrfToken={props.chrome.csrfToken} action={a} failed={props.failed} />
            ))}
          </section>
        )}

        {props.publicLife && (
          <PublicLife itemId={item.id} version={item.version} csrfToken={props.chrome.csrfToken} life={props.publicLife} failed={props.failed} />
        )}

        <h2>متن خبر</h2>
        {item.bodyHtml ? <RawHtml html={item.bodyHtml} class="prose news-item__body" /> : <p class="hint">متن خبر هنوز نوشته نشده است.</p>}

        {props.photos}

        <h2>مشخصات</h2>
        <SummaryList rows={item.meta} />

        <h2>زمان‌بندی خبر</h2>
        <SummaryList
          rows={props.timeliness.map((t) => ({
            key: t.label,
            value: t.at ? <LocalTime date={t.at} format="datetime" /> : t.text ? t.text : <span class="hint">هنوز نه</span>,
          }))}
        />
      </article>

      {props.editorDiff && (
        <section class="editor-diff" aria-labelledby="editor-diff-title">
          <h2 id="editor-diff-title">تغییرات دبیر</h2>
          <p class="hint">
            تفاوت آنچه نویسنده فرستاد (<LocalTime date={props.editorDiff.submittedAt} format="datetime" />) با آنچه منتشر شد (
            <LocalTime date={props.editorDiff.publishedAt} format="datetime" />
            ). <span class="word-diff__legend-del">خط‌خورده</span>: حذف دبیر؛ <span class="word-diff__legend-ins">زیرخط‌دار</span>: افزودهٔ دبیر.
          </p>
          {props.editorDiff.fields.length === 0 ? (
            <p>دبیر متن نویسنده را بی‌تغییر منتشر کرد.</p>
          ) : (
            props.editorDiff.fields.map((f) => (
              <div key={f.label}>
                <h3>{f.label}</h3>
                <WordDiff parts={f.parts} />
              </div>
            ))
          )}
        </section>
      )}

      <section class="notes" aria-labelledby="notes-title">
        <h2 id="notes-title">یادداشت‌ها</h2>
        {props.notes.length === 0 ? (
          <p class="hint">هنوز یادداشتی نیست.</p>
        ) : (
          <ol class="notes__list">
            {props.notes.map((n) => (
              <li class="note" key={n.id}>
                <p class="note__meta">
                  <bdi class="note__author">{n.authorName}</bdi> — <LocalTime date={n.at} format="datetime" />
                </p>
                <NoteBody text={n.body} />
              </li>
            ))}
          </ol>
        )}
        {props.canNote && (
          <Form action={`/staff/news/${item.id}/notes`} csrfToken={props.chrome.csrfToken} class="note-form">
            <TextareaField
              name="body"
              id="note-body"
              label="یادداشت تازه"
              hint="برای نویسنده یا دبیر؛ یادداشت‌ها پاک نمی‌شوند. برای خبردادن به کسی @نام‌کاربری او را بنویسید."
              rows={3}
              maxLength={2000}
              value={props.failed?.form === 'note' ? str(props.failed.values.body) : ''}
              error={props.failed?.form === 'note' ? props.failed.errors.body : undefined}
            />
            <Button variant="secondary">افزودن یادداشت</Button>
          </Form>
        )}
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">سابقه</h2>
        {props.history.length === 0 ? (
          <p class="hint">این خبر هنوز برای دبیر فرستاده نشده است.</p>
        ) : (
          <ol class="history">
            {props.history.map((t, i) => (
              <li key={i}>
                <LocalTime date={t.at} format="datetime" />: <strong>{t.label}</strong> به دست <bdi>{t.actorName}</bdi> ({t.fromLabel} ← {t.toLabel})
                {t.note && (
                  <>
                    {' '}
                    — <bdi>{t.note}</bdi>
                  </>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="revisions-title">
        <h2 id="revisions-title">نسخه‌ها</h2>
        <p class="hint">هر ذخیره و هر گام مهم یک نسخه می‌سازد. بازگرداندن یک نسخه، خودش نسخهٔ تازه‌ای است؛ چیزی پاک نمی‌شود.</p>
        <ol class="revisions">
          {props.revisions.slice(0, RECENT_REVISIONS).map((r) => (
            <RevisionItem key={r.number} revision={r} itemId={item.id} version={item.version} csrfToken={props.chrome.csrfToken} canRestore={props.canRestore} />
          ))}
        </ol>
        {props.revisions.length > RECENT_REVISIONS && (
          <details class="revisions__older">
            <summary>نسخه‌های پیشین ({fa(props.revisions.length - RECENT_REVISIONS)} نسخه)</summary>
            <ol class="revisions">
              {props.revisions.slice(RECENT_REVISIONS).map((r) => (
                <RevisionItem key={r.number} revision={r} itemId={item.id} version={item.version} csrfToken={props.chrome.csrfToken} canRestore={props.canRestore} />
              ))}
            </ol>
          </details>
        )}
      </section>
      <ButtonGroup>
        <a href="/staff/news">بازگشت به خبرها</a>
      </ButtonGroup>
    </NewsFrame>
  );
}

export function renderNewsItemPage(props: NewsItemPageProps): string {
  return renderPage(<NewsItemPage {...props} />);
}
