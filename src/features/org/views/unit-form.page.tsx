import { Button, ButtonGroup } from '../../../ui/components/button/button.js';
import { CheckboxField } from '../../../ui/components/checkbox-field/checkbox-field.js';
import { DateField } from '../../../ui/components/date-field/date-field.js';
import { ErrorSummary, errorSummaryItems } from '../../../ui/components/error-summary/error-summary.js';
import { Form } from '../../../ui/components/form/form.js';
import { SelectField } from '../../../ui/components/select-field/select-field.js';
import { SummaryList } from '../../../ui/components/summary-list/summary-list.js';
import { TextField } from '../../../ui/components/text-field/text-field.js';
import { TextareaField } from '../../../ui/components/textarea-field/textarea-field.js';
import { OrgFrame } from './org-frame.js';
import { renderPage } from '../../../ui/render.js';
import type { FormErrors, FormValues, SelectChoice, StaffChrome } from './org-view-models.js';

export const UNIT_FIELD_ORDER = ['kind', 'parentId', 'code', 'name', 'areaHa', 'geometry', 'openedOn', 'closedOn', 'isSample', 'version'] as const;

export interface UnitFormProps {
  chrome: StaffChrome;
  mode: 'create' | 'edit';
  action: string;
  values: FormValues;
  errors: FormErrors;
  /** A message not tied to one field (a stale edit, an unknown field). */
  formError?: string;
  /** Create: the kinds that can be added now. */
  kindChoices: SelectChoice[];
  /** Districts for a neighbourhood; the region for a district. */
  parentChoices: SelectChoice[];
  /** Edit: what the unit is and cannot change. */
  fixed?: { kindLabel: string; name: string; kind: 'region' | 'district' | 'neighbourhood'; parentName: string | null };
  /** Edit of a stale version: where to see the current one. */
  currentHref?: string;
}

export function UnitFormPage(props: UnitFormProps) {
  const v = props.values;
  const e = props.errors;
  const title = props.mode === 'create' ? 'افزودن واحد سازمانی' : `ویرایش ${props.fixed?.name ?? 'واحد'}`;
  const summary = errorSummaryItems(e, UNIT_FIELD_ORDER);
  const formErrors = props.formError ? [{ text: props.formError }, ...summary] : summary;
  const showParent = props.mode === 'create' || props.fixed?.kind === 'neighbourhood';
  return (
    <OrgFrame
      chrome={props.chrome}
      title={formErrors.length ? `خطا: ${title}` : title}
      crumbs={[{ label: 'ساختار سازمانی', href: '/staff/admin/org' }, { label: title }]}
    >
      <ErrorSummary errors={formErrors} />
      {props.currentHref && (
        <p>
          <a href={props.currentHref}>نسخهٔ فعلی این واحد را باز کنید</a> و تغییرات خود را دوباره روی آن اعمال کنید.
        </p>
      )}
      <h1>{title}</h1>
      {props.fixed && (
        <SummaryList
          rows={[
            { key: 'نوع', value: props.fixed.kindLabel },
            ...(props.fixed.kind === 'district' && props.fixed.parentName ? [{ key: 'واحد بالاتر', value: props.fixed.parentName }] : []),
          ]}
        />
      )}
      <Form action={props.action} csrfToken={props.chrome.csrfToken}>
        {props.mode === 'edit' && <input type="hidden" name="version" value={v.version} />}
        {props.mode === 'create' && (
          <SelectField
            name="kind"
            label="نوع واحد"
            options={props.kindChoices}
            value={v.kind}
            placeholder="انتخاب کنید"
            error={e.kind}
          />
        )}
        {showParent && (
          <SelectField
            name="parentId"
            label={props.mode === 'create' ? 'واحد بالاتر' : 'ناحیه'}
            hint={
              props.mode === 'create'
                ? 'برای محله، ناحیهٔ آن را انتخاب کنید. ناحیه خودبه‌خود زیرمجموعهٔ منطقه است و منطقه واحد بالاتر ندارد.'
                : undefined
            }
            options={props.parentChoices}
            value={v.parentId}
            placeholder={props.mode === 'create' ? '— (برای منطقه یا ناحیه خالی بگذارید)' : undefined}
            optional={props.mode === 'create'}
            error={e.parentId}
          />
        )}
        <TextField
          name="code"
          label="کد"
          hint="حرف لاتین، رقم و خط تیره؛ در نشانی صفحه‌ها به کار می‌رود، مثلاً R21-D1."
          value={v.code}
          dir="ltr"
          width="20"
          spellcheck={false}
          autocomplete="off"
          error={e.code}
        />
        <TextField name="name" label="نام" value={v.name} dir="auto" error={e.name} />
        <TextField
          name="areaHa"
          label="مساحت"
          type="number"
          hint="به هکتار؛ رقم فارسی یا لاتین، حداکثر دو رقم اعشار."
          suffix="هکتار"
          width="10"
          value={v.areaHa}
          optional
          error={e.areaHa}
        />
        <TextareaField
          name="geometry"
          label="مرز (GeoJSON)"
          hint="یک هندسهٔ Polygon یا MultiPolygon (یا Feature دارای آن) با مختصات طول و عرض جغرافیایی WGS84. خالی یعنی مرز ثبت نشده است."
          value={v.geometry}
          rows={6}
          dir="ltr"
          spellcheck={false}
          optional
          error={e.geometry}
        />
        <DateField name="openedOn" label="تاریخ آغاز به کار" value={v.openedOn} optional error={e.openedOn} />
        <DateField name="closedOn" label="تاریخ پایان کار" value={v.closedOn} optional error={e.closedOn} />
        <CheckboxField
          name="isSample"
          label="دادهٔ نمونه"
          hint="اگر جای این واحد یا رقم‌های آن هنوز تأیید نشده است، آن را «نمونه» نشان دهید تا همه‌جا همین‌طور نمایش داده شود."
          checked={v.isSample === 'on' || v.isSample === 'true' || v.isSample === '1'}
          error={e.isSample}
        />
        <ButtonGroup>
          <Button type="submit">{props.mode === 'create' ? 'افزودن واحد' : 'ذخیرهٔ تغییرات'}</Button>
          <a href="/staff/admin/org">انصراف</a>
        </ButtonGroup>
      </Form>
    </OrgFrame>
  );
}

export function renderUnitFormPage(props: UnitFormProps): string {
  return renderPage(<UnitFormPage {...props} />);
}
