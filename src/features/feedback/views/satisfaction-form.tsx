// «رضایت شما از خدمات»: a short public form on a district page — which service, how
// satisfied (1–5, radio buttons labelled in Persian digits), an optional plain-text note.
// It posts to /districts/<code>/satisfaction; no JavaScript and no CSRF token (the page is
// publicly cached; the route checks the origin instead, see docs/adr/0004-public-forms.md).
import { Button } from '../../../ui/components/button/button.js';
import { ErrorSummary, errorSummaryItems } from '../../../ui/components/error-summary/error-summary.js';
import { PublicForm } from './public-form.js';
import { Radios } from '../../../ui/components/radios/radios.js';
import { SelectField } from '../../../ui/components/select-field/select-field.js';
import { TextareaField } from '../../../ui/components/textarea-field/textarea-field.js';
import { SERVICE_AREAS, SERVICE_AREA_LABELS } from '../../newsroom/index.js';

export const SATISFACTION_RATING_LABELS = ['۱ — خیلی کم', '۲ — کم', '۳ — متوسط', '۴ — زیاد', '۵ — خیلی زیاد'] as const;

export interface SatisfactionFormProps {
  /** The district's code as in its URL (`/districts/<code>`). */
  districtCode: string;
  /** After an answer: the thanks (or «already answered today») message; see satisfactionStatusMessage. */
  statusMessage?: string;
  /** What was typed, put back after a refused post. */
  values?: Partial<Record<'serviceArea' | 'rating' | 'text', string>>;
  /** Persian messages by field (serviceArea, rating, text, _form). */
  errors?: Record<string, string>;
  /** Heading level of the form's title; 2 on a district page (default). */
  headingLevel?: 1 | 2;
}

const FIELD_IDS: Record<string, string> = {
  serviceArea: 'satisfaction-serviceArea',
  rating: 'satisfaction-rating',
  text: 'satisfaction-text',
};

export function SatisfactionForm(props: SatisfactionFormProps) {
  const errors = props.errors ?? {};
  const values = props.values ?? {};
  const summary = errorSummaryItems(
    Object.fromEntries(Object.entries(errors).map(([k, v]) => [FIELD_IDS[k] ?? k, v])),
    Object.values(FIELD_IDS),
  ).map((i) => (i.fieldId && !Object.values(FIELD_IDS).includes(i.fieldId) ? { text: i.text } : i));
  const Heading = props.headingLevel === 1 ? 'h1' : 'h2';
  return (
    <section class="satisfaction" id="satisfaction" aria-labelledby="satisfaction-title">
      <Heading id="satisfaction-title">رضایت شما از خدمات</Heading>
      <p class="hint">نظر شما دربارهٔ خدمات شهرداری در این ناحیه به بهترشدن آن‌ها کمک می‌کند. هر روز یک پاسخ برای هر خدمت پذیرفته می‌شود.</p>
      {props.statusMessage && (
        <p class="satisfaction__status" role="status">
          {props.statusMessage}
        </p>
      )}
      <ErrorSummary errors={summary} titleId="satisfaction-errors-title" />
      <PublicForm action={`/districts/${encodeURIComponent(props.districtCode)}/satisfaction`} id="satisfaction-form">
        <SelectField
          name="serviceArea"
          id={FIELD_IDS.serviceArea}
          label="کدام خدمت؟"
          placeholder="انتخاب کنید"
          options={SERVICE_AREAS.map((a) => ({ value: a, label: SERVICE_AREA_LABELS[a] }))}
          value={values.serviceArea ?? ''}
          error={errors.serviceArea}
        />
        <Radios
          name="rating"
          idPrefix={FIELD_IDS.rating}
          legend="چقدر از این خدمت راضی هستید؟"
          inline
          items={SATISFACTION_RATING_LABELS.map((label, i) => ({ value: String(i + 1), label }))}
          value={values.rating}
          error={errors.rating}
        />
        <TextareaField
          name="text"
          id={FIELD_IDS.text}
          label="توضیح"
          hint="منتشر نمی‌شود؛ فقط شهرداری آن را می‌خواند."
          optional
          rows={3}
          maxLength={1000}
          value={values.text}
          error={errors.text}
        />
        <Button type="submit">ثبت نظر</Button>
      </PublicForm>
    </section>
  );
}
