import { ErrorSummary, type ErrorSummaryItem } from '../../../ui/components/error-summary/error-summary.js';
import { Form } from '../../../ui/components/form/form.js';
import { Pagination } from '../../../ui/components/pagination/pagination.js';
import { SelectField } from '../../../ui/components/select-field/select-field.js';
import { TextField } from '../../../ui/components/text-field/text-field.js';
import { DateField } from '../../../ui/components/date-field/date-field.js';
import { PortalLayout } from '../../../ui/layouts/portal-layout.js';
import { renderPage } from '../../../ui/render.js';
import { formatJalaliDate, formatNumber } from '../../../core/persian/index.js';
import { withHead, type PortalHead } from './head.js';
import type { PortalChrome } from './portal-view-models.js';

/** The search form as typed (kept on errors). */
export interface PortalSearchForm {
  q: string;
  district: string;
  kind: string;
  from: string;
  to: string;
}

export type PortalSearchField = keyof PortalSearchForm | 'page';

/** A piece of a snippet: the view wraps `mark` pieces in <mark>; Preact escapes all text. */
export interface PortalSnippetPart {
  text: string;
  mark: boolean;
}

export interface PortalSearchHitView {
  href: string;
  overline: string | null;
  headline: string;
  kindLabel: string;
  publishedAt: Date;
  placeName: string | null;
  placeHref: string | null;
  snippet: PortalSnippetPart[];
}

export interface PortalSearchSuggestionView {
  href: string;
  headline: string;
  publishedAt: Date;
  placeName: string | null;
}

export interface PortalSearchResultView {
  total: number;
  /** More matches than `total` (the count stops at a cap). */
  totalIsCapped: boolean;
  hits: PortalSearchHitView[];
  suggestions: PortalSearchSuggestionView[];
  page: number;
  hasNext: boolean;
}

export interface PortalSearchProps extends PortalChrome {
  form: PortalSearchForm;
  errors: Partial<Record<PortalSearchField, string>>;
  districts: Array<{ code: string; name: string }>;
  kinds: Array<{ value: string; label: string }>;
  /** Null: nothing searched yet (no query, or an error). */
  result: PortalSearchResultView | null;
  /** A query was typed but held only very common words. */
  onlyStopWords: boolean;
  /** Filters were chosen but no word typed. */
  missingQuery: boolean;
}

const FIELD_ORDER: PortalSearchField[] = ['q', 'district', 'kind', 'from', 'to', 'page'];
const FIELD_ID: Record<PortalSearchField, string> = {
  q: 'search-q',
  district: 'search-district',
  kind: 'search-kind',
  from: 'search-from',
  to: 'search-to',
  page: 'search-results',
};

export const SEARCH_TITLE = 'جست‌وجو در خبرها';

function countText(r: PortalSearchResultView): string {
  if (r.totalIsCapped) return `بیش از ${formatNumber(r.total)} نتیجه`;
  return `${formatNumber(r.total)} نتیجه`;
}

function Snippet(props: { parts: PortalSnippetPart[] }) {
  if (props.parts.length === 0) return null;
  return (
    <p class="portal-search__snippet" dir="auto">
      {props.parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : p.text))}
    </p>
  );
}

function Hits(props: { hits: PortalSearchHitView[] }) {
  return (
    <ol class="portal-news-list portal-search__results">
      {props.hits.map((h) => (
        <li key={h.href} class="portal-news-list__item">
          <article>
            {h.overline && (
              <p class="portal-news-list__overline" dir="auto">
                {h.overline}
              </p>
            )}
            <h3 class="portal-news-list__headline" dir="auto">
              <a href={h.href}>{h.headline}</a>
            </h3>
            <Snippet parts={h.snippet} />
            <p class="portal-news-list__meta">
              {h.kindLabel}
              {' · '}
              <time datetime={h.publishedAt.toISOString()}>{formatJalaliDate(h.publishedAt)}</time>
              {h.placeName && (
                <>
                  {' · '}
                  {h.placeHref ? <a href={h.placeHref}>{h.placeName}</a> : h.placeName}
                </>
              )}
            </p>
          </article>
        </li>
      ))}
    </ol>
  );
}

function Suggestions(props: { items: PortalSearchSuggestionView[] }) {
  if (props.items.length === 0) return null;
  return (
    <section class="portal-search__suggestions" aria-labelledby="search-suggestions-title">
      <h2 id="search-suggestions-title">شاید منظورتان این‌ها بود</h2>
      <ul class="portal-news-list">
        {props.items.map((s) => (
          <li key={s.href} class="portal-news-list__item">
            <p class="portal-news-list__headline" dir="auto">
              <a href={s.href}>{s.headline}</a>
            </p>
            <p class="portal-news-list__meta">
              <time datetime={s.publishedAt.toISOString()}>{formatJalaliDate(s.publishedAt)}</time>
              {s.placeName && ` · ${s.placeName}`}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PortalSearchPage(props: PortalSearchProps) {
  const f = props.form;
  const e = props.errors;
  const summary: ErrorSummaryItem[] = FIELD_ORDER.filter((k) => e[k]).map((k) => ({ fieldId: FIELD_ID[k], text: e[k]! }));
  const r = props.result;
  const title = f.q && summary.length === 0 ? `${SEARCH_TITLE}: ${f.q}` : SEARCH_TITLE;
  const keep: Record<string, string | undefined> = { q: f.q, district: f.district, kind: f.kind, from: f.from, to: f.to };
  return (
    <PortalLayout title={title} siteName={props.siteName} tagline="روابط عمومی" searchQuery={f.q} hasErrors={summary.length > 0}>
      <ErrorSummary errors={summary} />
      <h1>{SEARCH_TITLE}</h1>
      <Form action="/search" method="get" class="portal-search__form">
        <TextField name="q" id={FIELD_ID.q} label="چه چیزی را می‌جویید؟" type="search" dir="auto" value={f.q} error={e.q} maxLength={200} />
        <details class="portal-search__filters" open={Boolean(f.district || f.kind || f.from || f.to || e.district || e.kind || e.from || e.to)}>
          <summary>محدود کردن جست‌وجو</summary>
          <div class="portal-search__filter-fields">
            <SelectField
              name="district"
              id={FIELD_ID.district}
              label="ناحیه"
              optional
              placeholder="همهٔ ناحیه‌ها"
              options={props.districts.map((d) => ({ value: d.code, label: d.name }))}
              value={f.district}
              error={e.district}
            />
            <SelectField
              name="kind"
              id={FIELD_ID.kind}
              label="نوع"
              optional
              placeholder="همهٔ انواع"
              options={props.kinds}
              value={f.kind}
              error={e.kind}
            />
            <DateField name="from" id={FIELD_ID.from} label="منتشرشده از تاریخ" optional value={f.from} error={e.from} />
            <DateField name="to" id={FIELD_ID.to} label="تا تاریخ" optional value={f.to} error={e.to} />
          </div>
        </details>
        <button class="button" type="submit">
          جست‌وجو
        </button>
      </Form>

      <section id={FIELD_ID.page} class="portal-search__outcome" aria-labelledby="search-results-title">
        <h2 id="search-results-title" class="visually-hidden">
          نتیجه‌ها
        </h2>
        {summary.length > 0 ? (
          <p>خطای بالا را برطرف کنید و دوباره جست‌وجو کنید.</p>
        ) : props.onlyStopWords ? (
          <p>واژه‌هایی که نوشتید بسیار رایج‌اند و به‌تنهایی جست‌وجو نمی‌شوند؛ واژهٔ دقیق‌تری بنویسید، مثلاً نام محله یا موضوع خبر.</p>
        ) : props.missingQuery ? (
          <p>برای جست‌وجو دست‌کم یک واژه بنویسید.</p>
        ) : r === null ? (
          <p>واژه‌ای از تیتر یا متن خبر را بنویسید؛ نوشتن با یا بدون نیم‌فاصله و با رقم‌های فارسی یا لاتین فرقی نمی‌کند.</p>
        ) : (
          <>
            <p class="portal-search__count" role="status">
              {countText(r)}
              {r.totalIsCapped && '؛ برای نتیجه‌های دقیق‌تر، جست‌وجو را به ناحیه، نوع یا بازهٔ تاریخ محدود کنید.'}
            </p>
            {r.hits.length === 0 ? (
              <p>
                {r.page > 1
                  ? 'این صفحه نتیجه‌ای ندارد؛ به صفحهٔ اول برگردید.'
                  : 'خبری با این واژه‌ها پیدا نشد. واژهٔ دیگری را امتحان کنید یا محدودیت ناحیه، نوع و تاریخ را بردارید.'}
              </p>
            ) : (
              <Hits hits={r.hits} />
            )}
            <Suggestions items={r.suggestions} />
            <Pagination
              path="/search"
              query={keep}
              previousParam="page"
              nextParam="page"
              previousCursor={r.page > 1 ? String(r.page - 1) : undefined}
              nextCursor={r.hasNext ? String(r.page + 1) : undefined}
            />
          </>
        )}
      </section>
    </PortalLayout>
  );
}

export function renderPortalSearchPage(props: PortalSearchProps, head: PortalHead = {}): string {
  return withHead(renderPage(<PortalSearchPage {...props} />), head);
}
