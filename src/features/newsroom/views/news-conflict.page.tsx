// A stale save (409): nothing was written. Both versions side by side — what the person
// typed (in read-only fields, easy to copy) and what is stored now — the word
// differences, and two ways on: open the current version, or deliberately save theirs
// over it.
import { Fragment } from 'preact';
import { Button, ButtonGroup } from '../../../ui/components/button/button.js';
import { Form } from '../../../ui/components/form/form.js';
import { LocalTime } from '../../../ui/components/local-time/local-time.js';
import { RawHtml } from '../../../ui/components/raw-html/raw-html.js';
import { StatusTag } from '../../../ui/components/status-tag/status-tag.js';
import { renderPage } from '../../../ui/render.js';
import { NewsFrame } from './news-frame.js';
import type { FieldDiffView, FormValues, NewsItemView, StaffChrome } from './news-view-models.js';
import { WordDiff } from './word-diff-view.js';

export interface NewsConflictProps {
  chrome: StaffChrome;
  current: Pick<NewsItemView, 'id' | 'version' | 'overline' | 'headline' | 'lead' | 'bodyHtml' | 'state'> & { updatedAt: Date; editedBy: string | null };
  /** What was posted, to show and to post again. */
  mine: FormValues;
  /** The posted body as plain text (easier to read and copy than its HTML). */
  mineBodyText: string;
  /** The posted version the page was based on. */
  staleVersion: number | null;
  /** Current → mine, per field. */
  diffs: FieldDiffView[];
  /** Where «ذخیرهٔ نسخهٔ من» posts (the edit route), and a fresh key for it. */
  saveAction: string;
  idempotencyKey: string;
}

const str = (v: string | readonly string[] | undefined): string => (typeof v === 'string' ? v : '');
const fa = (n: number) => new Intl.NumberFormat('fa-IR').format(n);

/** Every posted field as hidden inputs (checkbox lists as several), except plumbing. */
function HiddenValues(props: { values: FormValues; skip: readonly string[] }) {
  return (
    <>
      {Object.entries(props.values).map(([name, value]) =>
        props.skip.includes(name) || value === undefined ? null : typeof value === 'string' ? (
          <input type="hidden" name={name} value={value} key={name} />
        ) : (
          <Fragment key={name}>
            {value.map((one, i) => (
              <input type="hidden" name={name} value={one} key={`${name}-${i}`} />
            ))}
          </Fragment>
        ),
      )}
    </>
  );
}

function CopyField(props: { id: string; label: string; value: string; rows: number; dir?: 'auto' | 'ltr' }) {
  return (
    <div class="form-group">
      <label class="label" for={props.id}>
        {props.label}
      </label>
      <textarea class="textarea conflict__copy" id={props.id} rows={props.rows} readonly dir={props.dir ?? 'auto'}>
        {props.value}
      </textarea>
    </div>
  );
}

export function NewsConflictPage(props: NewsConflictProps) {
  const c = props.current;
  const m = props.mine;
  const title = 'این خبر هم‌زمان تغییر کرده است';
  return (
    <NewsFrame
      chrome={props.chrome}
      title={title}
      crumbs={[
        { label: 'خبرها', href: '/staff/news' },
        { label: c.headline, href: `/staff/news/${c.id}` },
        { label: 'تداخل ویرایش' },
      ]}
    >
      <div class="error-summary" role="alert" aria-labelledby="conflict-title" tabindex={-1} data-module="error-summary">
        <h2 class="error-summary__title" id="conflict-title">
          تغییرات شما ذخیره نشد
        </h2>
        <p class="error-summary__description">
          از وقتی این خبر را باز کردید{props.staleVersion !== null ? <> (نسخهٔ {fa(props.staleVersion)})</> : null}، کس دیگری آن را تغییر
          داده است (اکنون نسخهٔ {fa(c.version)}
          {c.editedBy ? (
            <>
              ، <bdi>{c.editedBy}</bdi>
            </>
          ) : null}
          ، <LocalTime date={c.updatedAt} format="datetime" />
          ). برای آن‌که کار هیچ‌کس از دست نرود، چیزی بازنویسی نشد.
        </p>
      </div>
      <h1>{title}</h1>
      <p>
        متن خود را از ستون «نسخهٔ شما» بردارید (فیلدها فقط‌خواندنی‌اند و می‌توانید همه را انتخاب و کپی کنید)، نسخهٔ کنونی را باز کنید و
        تغییرات خود را دوباره روی آن اعمال کنید.
      </p>
      <div class="conflict">
        <section class="conflict__column" aria-labelledby="conflict-mine">
          <h2 id="conflict-mine">نسخهٔ شما (ذخیره‌نشده)</h2>
          <CopyField id="mine-overline" label="روتیتر" value={str(m.overline)} rows={1} />
          <CopyField id="mine-headline" label="تیتر" value={str(m.headline)} rows={2} />
          <CopyField id="mine-lead" label="لید" value={str(m.lead)} rows={4} />
          <CopyField id="mine-body" label="متن خبر" value={props.mineBodyText} rows={12} />
          <details class="conflict__html">
            <summary>متن خبر با قالب (HTML)، برای چسباندن در حالت بدون ویرایشگر</summary>
            <CopyField id="mine-body-html" label="HTML متن خبر" value={str(m.body)} rows={8} dir="ltr" />
          </details>
        </section>
        <section class="conflict__column" aria-labelledby="conflict-current">
          <h2 id="conflict-current">نسخهٔ کنونی (نسخهٔ {fa(c.version)})</h2>
          <p class="news-item__status">
            <StatusTag label={c.state.label} tone={c.state.tone} />
          </p>
          {c.overline && (
            <p class="news-item__overline" dir="auto">
              {c.overline}
            </p>
          )}
          <p class="conflict__headline" dir="auto">
            {c.headline}
          </p>
          {c.lead && (
            <p class="lead" dir="auto">
              {c.lead}
            </p>
          )}
          <RawHtml html={c.bodyHtml} class="prose conflict__body" />
        </section>
      </div>
      <h2>تفاوت‌ها</h2>
      {props.diffs.length === 0 ? (
        <p>متن تیتر، لید و بدنه در دو نسخه یکی است؛ تفاوت در دیگر فیلدهاست.</p>
      ) : (
        <>
          <p class="hint">
            از نسخهٔ کنونی تا نسخهٔ شما: <span class="word-diff__legend-del">خط‌خورده</span> فقط در نسخهٔ کنونی است و{' '}
            <span class="word-diff__legend-ins">زیرخط‌دار</span> فقط در نسخهٔ شما.
          </p>
          {props.diffs.map((d) => (
            <div key={d.label}>
              <h3>{d.label}</h3>
              <WordDiff parts={d.parts} />
            </div>
          ))}
        </>
      )}
      <h2>چه کنید؟</h2>
      <ButtonGroup>
        <Button href={`/staff/news/${c.id}/edit`}>بازکردن نسخهٔ کنونی برای ویرایش</Button>
        <a href={`/staff/news/${c.id}`}>دیدن خبر</a>
      </ButtonGroup>
      <Form action={props.saveAction} csrfToken={props.chrome.csrfToken} class="conflict__override">
        <HiddenValues values={m} skip={['_csrf', 'version', 'idempotency_key', 'intent', 'apply']} />
        <input type="hidden" name="version" value={String(c.version)} />
        <input type="hidden" name="idempotency_key" value={props.idempotencyKey} />
        <input type="hidden" name="intent" value="save" />
        <p class="hint">اگر مطمئن هستید نسخهٔ شما باید جای نسخهٔ کنونی را بگیرد (تغییرات دیگری که در آن است از متن کنونی حذف می‌شود، ولی در نسخه‌ها می‌ماند):</p>
        <Button variant="warning" confirm="نسخهٔ شما جای نسخهٔ کنونی را بگیرد؟">
          ذخیرهٔ نسخهٔ من به‌جای نسخهٔ کنونی
        </Button>
      </Form>
    </NewsFrame>
  );
}

export function renderNewsConflictPage(props: NewsConflictProps): string {
  return renderPage(<NewsConflictPage {...props} />);
}
