// The news form, create and edit: the Persian news structure (روتیتر، تیتر، لید، متن،
// منبع), the place (district, neighbourhood, department, service areas) and when it
// happened. Without JavaScript the body is a textarea of HTML-lite and every button
// posts; with it, static/js/news-editor.js puts a TipTap editor over the textarea and
// static/js/autosave.js saves the draft every 20 seconds and keeps a copy in the browser.
import { Button, ButtonGroup } from '../../../ui/components/button/button.js';
import { Checkboxes } from '../../../ui/components/checkboxes/checkboxes.js';
import { DateField } from '../../../ui/components/date-field/date-field.js';
import { ErrorSummary, errorSummaryItems } from '../../../ui/components/error-summary/error-summary.js';
import { Form } from '../../../ui/components/form/form.js';
import { Radios } from '../../../ui/components/radios/radios.js';
import { SelectField } from '../../../ui/components/select-field/select-field.js';
import { StatusTag } from '../../../ui/components/status-tag/status-tag.js';
import { TextField } from '../../../ui/components/text-field/text-field.js';
import { TextareaField } from '../../../ui/components/textarea-field/textarea-field.js';
import { cx } from '../../../ui/internal/class-names.js';
import { renderPage } from '../../../ui/render.js';
import { NewsFrame } from './news-frame.js';
import type { Choice, ComponentChildren, FormErrors, FormValues, StaffChrome, StateView, SuggestionView } from './news-view-models.js';
import { WordDiff } from './word-diff-view.js';

export const NEWS_FORM_FIELD_ORDER = [
  'kind',
  'overline',
  'headline',
  'lead',
  'body',
  'sourceLine',
  'orgUnitId',
  'neighbourhoodId',
  'departmentId',
  'serviceAreas',
  'occurredDate',
  'occurredTime',
  'correctionNote',
  'media',
] as const;

export interface NewsFormProps {
  chrome: StaffChrome;
  mode: 'create' | 'edit';
  /** Where the form posts (save / save and submit). */
  action: string;
  autosaveUrl: string;
  suggestionsUrl: string;
  /** Key of the browser copy (localStorage), one per item or per new form. */
  storageKey: string;
  /** Edit: the item as stored (for the title and the way back). */
  item?: { id: number; headline: string; state: StateView; href: string; updatedAt: Date };
  values: FormValues;
  errors: FormErrors;
  /** A message not tied to one field. */
  formError?: string;
  /** A note above the form, e.g. «پیش‌نویس ذخیره شد، اما…». */
  notice?: string;
  idempotencyKey: string;
  choices: {
    kinds: Choice[];
    places: Choice[];
    neighbourhoods: Choice[];
    departments: Choice[];
    serviceAreas: Choice[];
  };
  /** Offer «ذخیره و ارسال برای دبیر». */
  canSubmit: boolean;
  /** «ذخیرهٔ پیش‌نویس» or «ذخیرهٔ تغییرات». */
  saveLabel: string;
  /** An editor changing a published item: the correction note field. */
  showCorrection: boolean;
  /** The «ویراستار»'s suggestions: undefined when not asked for, [] when it has none. */
  suggestions?: SuggestionView[];
  /** Photos of the item (the media feature's PhotoManager), below the form. */
  photos?: ComponentChildren;
  /** Photos the editor may place in the body (own media only). */
  editorPhotos: Array<{ src: string; alt: string }>;
}

const str = (v: string | readonly string[] | undefined): string => (typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : '');
const list = (v: string | readonly string[] | undefined): string[] => (v === undefined ? [] : typeof v === 'string' ? (v === '' ? [] : [v]) : [...v]);

function Suggestions(props: { suggestions: SuggestionView[]; url: string }) {
  const { suggestions } = props;
  return (
    <section class="editor-suggestions" id="editor-suggestions" aria-labelledby="editor-suggestions-title" tabindex={-1}>
      <h2 id="editor-suggestions-title">پیشنهادهای ویراستار</h2>
      {suggestions.length === 0 ? (
        <p>ویراستار پیشنهادی ندارد؛ نویسه‌ها، فاصله‌ها و نیم‌فاصله‌های متن با شیوه‌نامه می‌خواند.</p>
      ) : (
        <>
          <p class="hint">
            آنچه ویراستار پیشنهاد می‌کند (نویسه‌های فارسی، نیم‌فاصله، فاصله‌گذاری نشانه‌ها). <span class="word-diff__legend-del">خط‌خورده</span>{' '}
            حذف می‌شود و <span class="word-diff__legend-ins">زیرخط‌دار</span> می‌آید. تا «ذخیره» را نزنید چیزی ذخیره نمی‌شود.
          </p>
          {suggestions.map((s) => (
            <div class="editor-suggestions__item" key={s.field}>
              <h3 class="editor-suggestions__field">{s.label}</h3>
              <WordDiff parts={s.parts} />
              <button class="button button--secondary" type="submit" formaction={props.url} name="apply" value={s.field}>
                پذیرفتن پیشنهاد<span class="visually-hidden"> برای «{s.label}»</span>
              </button>
            </div>
          ))}
          {suggestions.length > 1 && (
            <button class="button" type="submit" formaction={props.url} name="apply" value="all">
              پذیرفتن همهٔ پیشنهادها
            </button>
          )}
        </>
      )}
    </section>
  );
}

function BodyField(props: { value: string; error?: string; photos: Array<{ src: string; alt: string }> }) {
  const errorId = props.error ? 'body-error' : undefined;
  return (
    <div
      class={cx('form-group', 'news-body', props.error && 'form-group--error')}
      data-module="news-editor"
      data-photos={JSON.stringify(props.photos)}
    >
      <label class="label" for="body" id="body-label">
        متن خبر
      </label>
      <div class="hint" id="body-hint">
        <span>بندها کوتاه و روشن؛ پرسش‌های چه، کجا، کی، چه کسی و چرا در بندهای نخست پاسخ داده شود.</span>{' '}
        <span class="news-body__plain-hint">
          بدون ویرایشگر: هر بند را با یک خط خالی جدا کنید. اگر برچسب HTML می‌نویسید، فقط این‌ها پذیرفته می‌شوند: p، h2، h3، blockquote،
          ul، ol، li، a، strong، em.
        </span>
      </div>
      {props.error && (
        <p class="error-message" id={errorId}>
          <span class="visually-hidden">خطا:</span> {props.error}
        </p>
      )}
      <textarea
        class={cx('textarea', 'news-body__source', props.error && 'textarea--error')}
        id="body"
        name="body"
        rows={16}
        dir="rtl"
        aria-describedby={errorId ? `body-hint ${errorId}` : 'body-hint'}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value}
      </textarea>
    </div>
  );
}

export function NewsFormPage(props: NewsFormProps) {
  const v = props.values;
  const e = props.errors;
  const title = props.mode === 'create' ? 'نوشتن خبر تازه' : 'ویرایش خبر';
  const summary = errorSummaryItems(e, NEWS_FORM_FIELD_ORDER);
  const formErrors = props.formError ? [{ text: props.formError }, ...summary] : summary;
  const crumbs = [
    { label: 'خبرها', href: '/staff/news' },
    ...(props.item ? [{ label: props.item.headline, href: props.item.href }] : []),
    { label: title },
  ];
  const cancelHref = props.item?.href ?? '/staff/news';
  return (
    <NewsFrame chrome={props.chrome} title={title} crumbs={crumbs} hasErrors={formErrors.length > 0} scripts={['news-editor.js', 'autosave.js']}>
      <ErrorSummary errors={formErrors} />
      <h1>
        {title}
        {props.item && (
          <>
            {' '}
            <StatusTag label={props.item.state.label} tone={props.item.state.tone} class="heading-tag" />
          </>
        )}
      </h1>
      {props.item && (
        <p class="lead">
          <bdi>{props.item.headline}</bdi>
        </p>
      )}
      {props.notice && <p class="notice">{props.notice}</p>}
      <Form
        action={props.action}
        csrfToken={props.chrome.csrfToken}
        id="news-form"
        class="news-form"
        attributes={{
          'data-autosave-url': props.autosaveUrl,
          'data-autosave-storage-key': props.storageKey,
          'data-updated-at': props.item ? props.item.updatedAt.toISOString() : '',
        }}
      >
        <input type="hidden" name="idempotency_key" value={props.idempotencyKey} />
        {props.mode === 'edit' && <input type="hidden" name="version" value={str(v.version)} />}
        {props.suggestions !== undefined && <Suggestions suggestions={props.suggestions} url={props.suggestionsUrl} />}

        <Radios name="kind" legend="نوع خبر" items={props.choices.kinds} value={str(v.kind) || 'news'} inline error={e.kind} />
        <TextField
          name="overline"
          label="روتیتر"
          hint="جملهٔ کوتاه بالای تیتر: چه کسی، کجا یا در چه زمینه‌ای؛ مثلاً: شهردار ناحیهٔ ۳ در بازدید از بوستان ولایت"
          value={str(v.overline)}
          dir="auto"
          maxLength={120}
          optional
          error={e.overline}
        />
        <TextField
          name="headline"
          label="تیتر"
          hint="خبر در یک جمله، با فعل؛ حداکثر ۱۶۰ نویسه."
          value={str(v.headline)}
          dir="auto"
          maxLength={160}
          error={e.headline}
        />
        <TextareaField
          name="lead"
          label="لید"
          hint="بند نخست: مهم‌ترین بخش خبر در یک یا دو جمله. پیش از ارسال برای دبیر لازم است."
          value={str(v.lead)}
          rows={3}
          maxLength={600}
          optional
          error={e.lead}
        />
        <BodyField value={str(v.body)} error={e.body} photos={props.editorPhotos} />
        <TextField
          name="sourceLine"
          label="منبع"
          hint="مثلاً «به نقل از روابط عمومی شهرداری ناحیهٔ ۳»."
          value={str(v.sourceLine)}
          dir="auto"
          maxLength={200}
          optional
          error={e.sourceLine}
        />

        <h2 class="news-form__section">کجا و چه زمانی</h2>
        <SelectField
          name="orgUnitId"
          label="ناحیه"
          hint="خبر در فهرست همین ناحیه دیده می‌شود. «کل منطقه» برای خبرهای منطقه‌ای است."
          options={props.choices.places}
          value={str(v.orgUnitId)}
          placeholder={props.choices.places.length === 1 ? undefined : 'انتخاب کنید'}
          error={e.orgUnitId}
        />
        <SelectField
          name="neighbourhoodId"
          label="محله"
          hint="محله باید در ناحیهٔ انتخاب‌شده باشد."
          options={props.choices.neighbourhoods}
          value={str(v.neighbourhoodId)}
          placeholder="—"
          optional
          error={e.neighbourhoodId}
        />
        <SelectField
          name="departmentId"
          label="معاونت یا اداره"
          options={props.choices.departments}
          value={str(v.departmentId)}
          placeholder="—"
          optional
          error={e.departmentId}
        />
        <Checkboxes
          name="serviceAreas"
          legend="حوزهٔ خدمات"
          hint="همهٔ حوزه‌هایی که خبر به آن‌ها مربوط است."
          items={props.choices.serviceAreas}
          values={list(v.serviceAreas)}
          optional
          error={e.serviceAreas}
        />
        <DateField name="occurredDate" label="تاریخ رویداد" value={str(v.occurredDate)} optional error={e.occurredDate} />
        <TextField
          name="occurredTime"
          label="ساعت رویداد"
          hint="۲۴ ساعته به وقت تهران، مثلاً ۱۰:۳۰."
          value={str(v.occurredTime)}
          width="5"
          dir="ltr"
          autocomplete="off"
          optional
          error={e.occurredTime}
        />
        {props.showCorrection && (
          <TextareaField
            name="correctionNote"
            label="متن اصلاحیه"
            hint="این خبر منتشر شده است. اگر این ویرایش خطایی را درست می‌کند که خوانندگان باید بدانند، اصلاحیه را بنویسید؛ زیر خبر نشان داده می‌شود. برای ویرایش جزئی خالی بگذارید."
            value={str(v.correctionNote)}
            rows={3}
            maxLength={2000}
            optional
            error={e.correctionNote}
          />
        )}

        <p class="autosave-status" data-autosave-status role="status" aria-live="polite"></p>
        <ButtonGroup>
          <Button type="submit" name="intent" value="save" variant={props.canSubmit ? 'secondary' : undefined}>
            {props.saveLabel}
          </Button>
          {props.canSubmit && (
            <Button type="submit" name="intent" value="submit">
              ذخیره و ارسال برای دبیر
            </Button>
          )}
          <button class="button button--secondary" type="submit" formaction={props.suggestionsUrl} data-editor-suggestions="">
            ویراستار
            <span class="visually-hidden">: پیشنهادهای نگارشی برای تیتر، لید و متن</span>
          </button>
          <a href={cancelHref}>انصراف</a>
        </ButtonGroup>
      </Form>
      {props.photos !== undefined ? (
        <div id="media" class="news-form__photos">
          {props.photos}
        </div>
      ) : (
        props.mode === 'create' && (
          <p class="hint" id="media">
            پس از نخستین ذخیره می‌توانید عکس‌های خبر را بارگذاری کنید.
          </p>
        )
      )}
    </NewsFrame>
  );
}

export function renderNewsFormPage(props: NewsFormProps): string {
  return renderPage(<NewsFormPage {...props} />);
}
