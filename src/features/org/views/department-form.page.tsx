import { Button, ButtonGroup } from '../../../ui/components/button/button.js';
import { CheckboxField } from '../../../ui/components/checkbox-field/checkbox-field.js';
import { ErrorSummary, errorSummaryItems } from '../../../ui/components/error-summary/error-summary.js';
import { Form } from '../../../ui/components/form/form.js';
import { SelectField } from '../../../ui/components/select-field/select-field.js';
import { SummaryList } from '../../../ui/components/summary-list/summary-list.js';
import { TextField } from '../../../ui/components/text-field/text-field.js';
import { OrgFrame } from './org-frame.js';
import { renderPage } from '../../../ui/render.js';
import type { FormErrors, FormValues, SelectChoice, StaffChrome } from './org-view-models.js';

export const DEPARTMENT_FIELD_ORDER = ['orgUnitId', 'kind', 'key', 'name', 'isActive', 'version'] as const;

export interface DepartmentFormProps {
  chrome: StaffChrome;
  mode: 'create' | 'edit';
  action: string;
  values: FormValues;
  errors: FormErrors;
  formError?: string;
  unitChoices: SelectChoice[];
  kindChoices: SelectChoice[];
  /** Edit: the key, fixed once created. */
  fixedKey?: string;
  editName?: string;
  currentHref?: string;
}

export function DepartmentFormPage(props: DepartmentFormProps) {
  const v = props.values;
  const e = props.errors;
  const title = props.mode === 'create' ? 'افزودن معاونت یا اداره' : `ویرایش ${props.editName ?? 'معاونت یا اداره'}`;
  const summary = errorSummaryItems(e, DEPARTMENT_FIELD_ORDER);
  const formErrors = props.formError ? [{ text: props.formError }, ...summary] : summary;
  return (
    <OrgFrame
      chrome={props.chrome}
      title={formErrors.length ? `خطا: ${title}` : title}
      crumbs={[{ label: 'ساختار سازمانی', href: '/staff/admin/org' }, { label: title }]}
    >
      <ErrorSummary errors={formErrors} />
      {props.currentHref && (
        <p>
          <a href={props.currentHref}>نسخهٔ فعلی را باز کنید</a> و تغییرات خود را دوباره روی آن اعمال کنید.
        </p>
      )}
      <h1>{title}</h1>
      {props.fixedKey && <SummaryList rows={[{ key: 'شناسه', value: <bdi dir="ltr">{props.fixedKey}</bdi> }]} />}
      <Form action={props.action} csrfToken={props.chrome.csrfToken}>
        {props.mode === 'edit' && <input type="hidden" name="version" value={v.version} />}
        <SelectField
          name="orgUnitId"
          label="وابسته به"
          hint="معاونت‌ها و اداره‌ها به منطقه یا یک ناحیه وابسته‌اند."
          options={props.unitChoices}
          value={v.orgUnitId}
          placeholder="انتخاب کنید"
          error={e.orgUnitId}
        />
        <SelectField name="kind" label="نوع" options={props.kindChoices} value={v.kind} placeholder="انتخاب کنید" error={e.kind} />
        {props.mode === 'create' && (
          <TextField
            name="key"
            label="شناسه"
            hint="نام لاتین ثابتی که بخش‌های دیگر سامانه با آن به این واحد اشاره می‌کنند؛ حرف کوچک، رقم و زیرخط، مثلاً urban_services. پس از ساخت تغییر نمی‌کند."
            value={v.key}
            dir="ltr"
            width="20"
            spellcheck={false}
            autocomplete="off"
            error={e.key}
          />
        )}
        <TextField name="name" label="نام" value={v.name} dir="auto" error={e.name} />
        {props.mode === 'edit' && (
          <CheckboxField
            name="isActive"
            label="فعال"
            hint="واحد غیرفعال در فهرست‌های انتخاب پیشنهاد نمی‌شود، ولی سابقه‌اش می‌ماند."
            checked={v.isActive === 'on' || v.isActive === 'true' || v.isActive === '1'}
            error={e.isActive}
          />
        )}
        <ButtonGroup>
          <Button type="submit">{props.mode === 'create' ? 'افزودن' : 'ذخیرهٔ تغییرات'}</Button>
          <a href="/staff/admin/org">انصراف</a>
        </ButtonGroup>
      </Form>
    </OrgFrame>
  );
}

export function renderDepartmentFormPage(props: DepartmentFormProps): string {
  return renderPage(<DepartmentFormPage {...props} />);
}
