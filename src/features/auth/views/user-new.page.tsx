import { Button, ButtonGroup } from '../../../ui/components/button/button.js';
import { Breadcrumbs } from '../../../ui/components/breadcrumbs/breadcrumbs.js';
import { CheckboxField } from '../../../ui/components/checkbox-field/checkbox-field.js';
import { ErrorSummary, errorSummaryItems } from '../../../ui/components/error-summary/error-summary.js';
import { Form } from '../../../ui/components/form/form.js';
import { SelectField, type SelectOption } from '../../../ui/components/select-field/select-field.js';
import { TextField } from '../../../ui/components/text-field/text-field.js';
import { StaffFrame, type StaffChrome } from './staff-frame.js';

export interface NewUserValues {
  username: string;
  displayName: string;
  email: string;
  mustChangePassword: boolean;
  role: string;
  scope: string;
}

export interface NewUserPageProps {
  chrome: StaffChrome;
  values: NewUserValues;
  fieldErrors: Readonly<Record<string, string>>;
  roleOptions: SelectOption[];
  scopeOptions: SelectOption[];
}

const ORDER = ['username', 'displayName', 'email', 'password', 'mustChangePassword', 'role', 'scope'];

export function NewUserPage(props: NewUserPageProps) {
  const { values, fieldErrors: e } = props;
  const items = errorSummaryItems(e, ORDER).map((i) => (i.fieldId === '_form' ? { text: i.text } : i));
  return (
    <StaffFrame
      chrome={props.chrome}
      title={items.length ? 'خطا: افزودن کاربر' : 'افزودن کاربر'}
      beforeContent={
        <Breadcrumbs items={[{ label: 'میز کار', href: '/staff' }, { label: 'کاربران', href: '/staff/admin/users' }, { label: 'افزودن کاربر' }]} />
      }
    >
      <ErrorSummary errors={items} />
      <h1>افزودن کاربر</h1>
      <Form action="/staff/admin/users" csrfToken={props.chrome.csrfToken}>
        <TextField
          name="username"
          label="نام کاربری"
          hint="با آن وارد می‌شود. حرف فارسی یا لاتین، رقم، نقطه، خط تیره و زیرخط؛ بدون فاصله."
          value={values.username}
          width="20"
          dir="auto"
          spellcheck={false}
          autocomplete="off"
          maxLength={64}
          error={e.username}
        />
        <TextField name="displayName" label="نام نمایشی" hint="نام و نام خانوادگی، مانند «مریم احمدی»." value={values.displayName} dir="auto" maxLength={100} error={e.displayName} />
        <TextField name="email" label="رایانامه" type="email" value={values.email} width="30" optional maxLength={200} error={e.email} />
        <TextField
          name="password"
          label="رمز عبور اولیه"
          hint="دست‌کم ۱۰ نویسه. آن را به‌طور امن به کاربر برسانید."
          type="password"
          autocomplete="new-password"
          width="20"
          error={e.password}
        />
        <CheckboxField
          name="mustChangePassword"
          label="کاربر باید در نخستین ورود رمز را عوض کند"
          checked={values.mustChangePassword}
          error={e.mustChangePassword}
        />
        <SelectField name="role" label="نقش" options={props.roleOptions} value={values.role} placeholder="انتخاب کنید" error={e.role} />
        <SelectField
          name="scope"
          label="حوزهٔ نقش"
          hint="کل منطقه، یک ناحیه یا یک واحد سازمانی. نقش‌های دیگر را پس از ساختن کاربر می‌توانید بیفزایید."
          options={props.scopeOptions}
          value={values.scope}
          placeholder="انتخاب کنید"
          error={e.scope}
        />
        <ButtonGroup>
          <Button>ساختن کاربر</Button>
          <a href="/staff/admin/users">انصراف</a>
        </ButtonGroup>
      </Form>
    </StaffFrame>
  );
}
