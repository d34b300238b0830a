import type { VNode } from 'preact';
import { breadcrumbsExamples } from './components/breadcrumbs/breadcrumbs.examples.js';
import { Breadcrumbs } from './components/breadcrumbs/breadcrumbs.js';
import { buttonExamples } from './components/button/button.examples.js';
import { Button } from './components/button/button.js';
import { checkboxFieldExamples } from './components/checkbox-field/checkbox-field.examples.js';
import { CheckboxField } from './components/checkbox-field/checkbox-field.js';
import { checkboxesExamples } from './components/checkboxes/checkboxes.examples.js';
import { Checkboxes } from './components/checkboxes/checkboxes.js';
import { dateFieldExamples } from './components/date-field/date-field.examples.js';
import { DateField } from './components/date-field/date-field.js';
import { errorSummaryExamples } from './components/error-summary/error-summary.examples.js';
import { ErrorSummary } from './components/error-summary/error-summary.js';
import type { Example } from './components/example.js';
import { flashExamples } from './components/flash/flash.examples.js';
import { Flash } from './components/flash/flash.js';
import { formExamples } from './components/form/form.examples.js';
import { Form } from './components/form/form.js';
import { iconExamples } from './components/icon/icon.examples.js';
import { Icon } from './components/icon/icon.js';
import { localTimeExamples } from './components/local-time/local-time.examples.js';
import { LocalTime } from './components/local-time/local-time.js';
import { paginationExamples } from './components/pagination/pagination.examples.js';
import { Pagination } from './components/pagination/pagination.js';
import { radiosExamples } from './components/radios/radios.examples.js';
import { Radios } from './components/radios/radios.js';
import { rawHtmlExamples } from './components/raw-html/raw-html.examples.js';
import { RawHtml } from './components/raw-html/raw-html.js';
import { selectFieldExamples } from './components/select-field/select-field.examples.js';
import { SelectField } from './components/select-field/select-field.js';
import { statusTagExamples } from './components/status-tag/status-tag.examples.js';
import { StatusTag } from './components/status-tag/status-tag.js';
import { summaryListExamples } from './components/summary-list/summary-list.examples.js';
import { SummaryList } from './components/summary-list/summary-list.js';
import { tableExamples } from './components/table/table.examples.js';
import { Table } from './components/table/table.js';
import { textFieldExamples } from './components/text-field/text-field.examples.js';
import { TextField } from './components/text-field/text-field.js';
import { textareaFieldExamples } from './components/textarea-field/textarea-field.examples.js';
import { TextareaField } from './components/textarea-field/textarea-field.js';
import type { NavItem } from './layouts/layout-props.js';
import { StaffLayout, type StaffUser } from './layouts/staff-layout.js';

export interface GalleryEntry {
  /** Folder name under src/ui/components. */
  name: string;
  title: string;
  examples: Array<{ name: string; render: () => VNode }>;
}

function entry<P extends object>(
  name: string,
  title: string,
  Component: (props: P) => VNode | null,
  examples: Example<P>[],
): GalleryEntry {
  return {
    name,
    title,
    examples: examples.map((e) => ({ name: e.name, render: () => <Component {...e.props} /> })),
  };
}

export const galleryEntries: GalleryEntry[] = [
  entry('error-summary', 'خلاصهٔ خطاها', ErrorSummary, errorSummaryExamples),
  entry('text-field', 'فیلد متنی', TextField, textFieldExamples),
  entry('textarea-field', 'فیلد متن بلند', TextareaField, textareaFieldExamples),
  entry('select-field', 'فهرست کشویی', SelectField, selectFieldExamples),
  entry('checkbox-field', 'چک‌باکس تکی', CheckboxField, checkboxFieldExamples),
  entry('checkboxes', 'چک‌باکس‌ها', Checkboxes, checkboxesExamples),
  entry('radios', 'دکمه‌های رادیویی', Radios, radiosExamples),
  entry('date-field', 'تاریخ شمسی', DateField, dateFieldExamples),
  entry('button', 'دکمه', Button, buttonExamples),
  entry('form', 'فرم', Form, formExamples),
  entry('table', 'جدول', Table, tableExamples),
  entry('pagination', 'صفحه‌بندی', Pagination, paginationExamples),
  entry('flash', 'پیام کوتاه', Flash, flashExamples),
  entry('status-tag', 'برچسب وضعیت', StatusTag, statusTagExamples),
  entry('summary-list', 'فهرست خلاصه', SummaryList, summaryListExamples),
  entry('breadcrumbs', 'مسیر صفحه', Breadcrumbs, breadcrumbsExamples),
  entry('local-time', 'زمان', LocalTime, localTimeExamples),
  entry('icon', 'نمادها', Icon, iconExamples),
  entry('raw-html', 'HTML پاک‌سازی‌شده', RawHtml, rawHtmlExamples),
];

export type GalleryPageProps = ({ user: StaffUser; csrfToken: string } | { user?: undefined; csrfToken?: string }) & {
  nav?: NavItem[];
};

/** Every component with every example, for designers and engineers (mounted at /staff/design). */
export function GalleryPage(props: GalleryPageProps) {
  const session = props.user ? { user: props.user, csrfToken: props.csrfToken } : {};
  return (
    <StaffLayout title="سامانهٔ طراحی" nav={props.nav} {...session}>
      <div class="gallery">
        <h1>سامانهٔ طراحی شهرنما</h1>
        <p class="lead">
          اجزای رابط کاربری با نمونه‌هایشان. هر نمونه همان است که آزمون‌های خودکار هم نمایش می‌دهند.
        </p>
        <nav class="gallery__contents" aria-label="فهرست اجزا">
          <ul>
            {galleryEntries.map((e) => (
              <li key={e.name}>
                <a href={`#component-${e.name}`}>{e.title}</a>
              </li>
            ))}
          </ul>
        </nav>
        {galleryEntries.map((e) => (
          <section class="gallery__component" key={e.name} aria-labelledby={`component-${e.name}`}>
            <h2 id={`component-${e.name}`}>
              {e.title} <code dir="ltr">{e.name}</code>
            </h2>
            {e.examples.map((example) => (
              <div class="gallery__example" key={example.name}>
                <h3 class="gallery__example-title">{example.name}</h3>
                <div class="gallery__preview">{example.render()}</div>
              </div>
            ))}
          </section>
        ))}
      </div>
    </StaffLayout>
  );
}
