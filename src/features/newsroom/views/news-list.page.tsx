// The newsroom's lists: the desk inbox for editors (filters in the URL, each row's wait
// and an overdue tag) and «خبرهای من» for writers. Keyset pagination: «بعدی» only,
// with a way back to the first page.
import { Button, ButtonGroup } from '../../../ui/components/button/button.js';
import { ErrorSummary, errorSummaryItems } from '../../../ui/components/error-summary/error-summary.js';
import { Form } from '../../../ui/components/form/form.js';
import { LocalTime } from '../../../ui/components/local-time/local-time.js';
import { SelectField } from '../../../ui/components/select-field/select-field.js';
import { StatusTag } from '../../../ui/components/status-tag/status-tag.js';
import { Table, type TableColumn } from '../../../ui/components/table/table.js';
import { TextField } from '../../../ui/components/text-field/text-field.js';
import { renderPage } from '../../../ui/render.js';
import { toPersianDigits } from '../../../core/persian/index.js';
import { NewsFrame } from './news-frame.js';
import type { Choice, FormErrors, NewsRowView, StaffChrome } from './news-view-models.js';

export interface NewsListProps {
  chrome: StaffChrome;
  mode: 'desk' | 'mine';
  /** Editors may switch between the desk and their own items. */
  isEditor: boolean;
  canCreate: boolean;
  /** The filter values as in the URL. */
  filters: Readonly<Record<string, string>>;
  errors: FormErrors;
  choices: { districts: Choice[]; departments: Choice[]; kinds: Choice[]; states: Choice[]; ages: Choice[] };
  rows: NewsRowView[];
  nextHref?: string;
  /** Shown on a page after the first. */
  firstHref?: string;
  /** «۲ ساعت»: the desk's publish target. */
  targetLabel?: string;
  anyFilter: boolean;
  /** Unread notifications for this user (mentions, changes requested, published). */
  notifications: NotificationView[];
  /** For the PR manager: the desk's publish target, editable. */
  deskTarget?: { minutes: number };
  csrfToken: string;
}

export interface NotificationView {
  id: number;
  href: string;
  text: string;
  at: Date;
}

function NotificationsPanel(props: { items: NotificationView[]; csrfToken: string }) {
  if (props.items.length === 0) return null;
  return (
    <section class="notifications" aria-labelledby="notifications-title">
      <h2 id="notifications-title">اعلان‌های تازه</h2>
      <ul>
        {props.items.map((n) => (
          <li key={n.id}>
            <a href={n.href} dir="auto">
              {n.text}
            </a>{' '}
            <LocalTime date={n.at} format="datetime" />
          </li>
        ))}
      </ul>
      <Form action="/staff/news/notifications/read" method="post" csrfToken={props.csrfToken}>
        <Button variant="secondary">علامت‌گذاری همه به‌عنوان خوانده‌شده</Button>
      </Form>
    </section>
  );
}

function DeskTargetForm(props: { minutes: number; csrfToken: string }) {
  return (
    <details class="desk-target">
      <summary>هدف زمان انتشار میز</summary>
      <Form action="/staff/news/settings" method="post" csrfToken={props.csrfToken}>
        <TextField
          name="minutes"
          label="هدف زمان انتشار (دقیقه)"
          hint="خبری که بیش از این منتظر دبیر بماند «دیرکرد» نشان داده می‌شود. پیش‌فرض ۱۲۰ دقیقه است."
          type="number"
          width="5"
          value={toPersianDigits(String(props.minutes))}
        />
        <Button>ذخیرهٔ هدف</Button>
      </Form>
    </details>
  );
}

const FILTER_ORDER = ['district', 'department', 'kind', 'state', 'age', 'q', 'after'];

function HeadlineCell(props: { row: NewsRowView }) {
  const r = props.row;
  return (
    <>
      {r.overline && (
        <span class="news-row__overline" dir="auto">
          {r.overline}
        </span>
      )}
      <a href={r.href} dir="auto" class="news-row__headline">
        {r.headline}
      </a>
    </>
  );
}

function WaitCell(props: { row: NewsRowView }) {
  const r = props.row;
  if (r.waitLabel === null) return <>—</>;
  return (
    <span class="news-row__wait">
      {r.waitLabel}
      {r.overdue && (
        <>
          {' '}
          <StatusTag label="دیرکرد" tone="danger" />
        </>
      )}
    </span>
  );
}

function deskColumns(): TableColumn<NewsRowView>[] {
  return [
    { key: 'headline', header: 'تیتر', cell: (r) => <HeadlineCell row={r} /> },
    { key: 'state', header: 'وضعیت', cell: (r) => <StatusTag label={r.state.label} tone={r.state.tone} /> },
    { key: 'place', header: 'ناحیه', cell: (r) => r.placeLabel },
    { key: 'kind', header: 'نوع', cell: (r) => r.kindLabel },
    { key: 'author', header: 'نویسنده', cell: (r) => <bdi>{r.authorName}</bdi> },
    {
      key: 'submitted',
      header: 'آخرین ارسال',
      numeric: true,
      cell: (r) => (r.submittedAt ? <LocalTime date={r.submittedAt} format="datetime" /> : '—'),
    },
    { key: 'wait', header: 'در انتظار', cell: (r) => <WaitCell row={r} /> },
  ];
}

function mineColumns(): TableColumn<NewsRowView>[] {
  return [
    { key: 'headline', header: 'تیتر', cell: (r) => <HeadlineCell row={r} /> },
    { key: 'state', header: 'وضعیت', cell: (r) => <StatusTag label={r.state.label} tone={r.state.tone} /> },
    { key: 'place', header: 'ناحیه', cell: (r) => r.placeLabel },
    { key: 'kind', header: 'نوع', cell: (r) => r.kindLabel },
    { key: 'updated', header: 'آخرین تغییر', numeric: true, cell: (r) => <LocalTime date={r.updatedAt} format="datetime" /> },
    { key: 'wait', header: 'در انتظار دبیر', cell: (r) => <WaitCell row={r} /> },
  ];
}

export function NewsListPage(props: NewsListProps) {
  const desk = props.mode === 'desk';
  const title = desk ? 'میز خبر' : 'خبرهای من';
  const f = props.filters;
  const e = props.errors;
  const errors = errorSummaryItems(e, FILTER_ORDER);
  const overdueCount = props.rows.filter((r) => r.overdue).length;
  return (
    <NewsFrame chrome={props.chrome} title={title} crumbs={[{ label: 'خبرها', href: '/staff/news' }, { label: title }]} hasErrors={errors.length > 0}>
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      {desk ? (
        <p class="lead">
          خبرهایی که نویسندگان برای دبیر فرستاده‌اند، به ترتیب آخرین ارسال.
          {props.targetLabel && <> هدف انتشار: {props.targetLabel} پس از ارسال؛ دیرتر از آن «دیرکرد» است.</>}
        </p>
      ) : (
        <p class="lead">خبرهایی که نوشته‌اید، به ترتیب آخرین تغییر.</p>
      )}
      <ButtonGroup>
        {props.canCreate && <Button href="/staff/news/new">نوشتن خبر تازه</Button>}
        {props.isEditor && (desk ? <a href="/staff/news?view=mine">خبرهای من</a> : <a href="/staff/news">میز خبر</a>)}
      </ButtonGroup>

      <Form method="get" action="/staff/news" class="filters" attributes={{ 'data-filters': '' }}>
        {!desk && <input type="hidden" name="view" value="mine" />}
        <h2 class="filters__title">فیلترها</h2>
        <div class="filters__fields">
          {desk && (
            <>
              <SelectField name="district" label="ناحیه" options={props.choices.districts} value={f.district} placeholder="همه" error={e.district} />
              <SelectField
                name="department"
                label="معاونت یا اداره"
                options={props.choices.departments}
                value={f.department}
                placeholder="همه"
                error={e.department}
              />
              <SelectField name="kind" label="نوع" options={props.choices.kinds} value={f.kind} placeholder="همه" error={e.kind} />
            </>
          )}
          <SelectField
            name="state"
            label="وضعیت"
            options={props.choices.states}
            value={f.state}
            placeholder={desk ? 'همهٔ خبرهای در جریان' : 'همه'}
            error={e.state}
          />
          {desk && <SelectField name="age" label="در انتظار" options={props.choices.ages} value={f.age} placeholder="هر مدت" error={e.age} />}
          <TextField name="q" label="جست‌وجو" type="search" value={f.q} width="20" dir="auto" error={e.q} />
        </div>
        <ButtonGroup>
          <Button variant="secondary">اعمال فیلترها</Button>
          {props.anyFilter && <a href={desk ? '/staff/news' : '/staff/news?view=mine'}>پاک‌کردن فیلترها</a>}
        </ButtonGroup>
      </Form>

      <NotificationsPanel items={props.notifications} csrfToken={props.csrfToken} />
      {props.deskTarget && <DeskTargetForm minutes={props.deskTarget.minutes} csrfToken={props.csrfToken} />}
      {desk && overdueCount > 0 && (
        <p class="notice notice--warning">
          <StatusTag label="دیرکرد" tone="danger" /> {new Intl.NumberFormat('fa-IR').format(overdueCount)} خبر در این صفحه بیش از هدف انتشار
          منتظر مانده است.
        </p>
      )}
      <Table
        caption={desk ? 'خبرهای میز' : 'خبرهای شما'}
        captionVisuallyHidden
        columns={desk ? deskColumns() : mineColumns()}
        rows={props.rows}
        rowKey={(r) => String(r.id)}
        empty={
          props.anyFilter ? (
            <>
              خبری با این فیلترها نیست. <a href={desk ? '/staff/news' : '/staff/news?view=mine'}>پاک‌کردن فیلترها</a>
            </>
          ) : desk ? (
            'میز خالی است: خبری منتظر دبیر نیست.'
          ) : (
            <>
              هنوز خبری ننوشته‌اید. <a href="/staff/news/new">نوشتن خبر تازه</a>
            </>
          )
        }
      />
      {(props.nextHref || props.firstHref) && (
        <nav class="pagination" aria-label="صفحه‌بندی">
          <ul class="pagination__list">
            {props.firstHref && (
              <li class="pagination__item pagination__item--previous">
                <a class="pagination__link" href={props.firstHref}>
                  صفحهٔ نخست
                </a>
              </li>
            )}
            {props.nextHref && (
              <li class="pagination__item pagination__item--next">
                <a class="pagination__link" rel="next" href={props.nextHref}>
                  بعدی<span class="visually-hidden"> صفحه</span>
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </NewsFrame>
  );
}

export function renderNewsListPage(props: NewsListProps): string {
  return renderPage(<NewsListPage {...props} />);
}
