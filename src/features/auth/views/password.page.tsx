import { Button } from '../../../ui/components/button/button.js';
import { ErrorSummary, errorSummaryItems } from '../../../ui/components/error-summary/error-summary.js';
import { Form } from '../../../ui/components/form/form.js';
import { TextField } from '../../../ui/components/text-field/text-field.js';
import { Breadcrumbs } from '../../../ui/components/breadcrumbs/breadcrumbs.js';
import { StaffFrame, type StaffChrome } from './staff-frame.js';

export interface ChangePasswordPageProps {
  chrome: StaffChrome;
  /** The account must change its password before anything else (new or reset). */
  forced: boolean;
  fieldErrors: Readonly<Record<string, string>>;
}

const ORDER = ['currentPassword', 'newPassword', 'newPasswordConfirm'];

export function ChangePasswordPage(props: ChangePasswordPageProps) {
  const items = errorSummaryItems(props.fieldErrors, ORDER).map((i) => (i.fieldId === '_form' ? { text: i.text } : i));
  return (
    <StaffFrame
      chrome={props.chrome}
      title={items.length ? 'خطا: تغییر رمز عبور' : 'تغییر رمز عبور'}
      beforeContent={
        props.forced ? undefined : (
          <Breadcrumbs items={[{ label: 'میز کار', href: '/staff' }, { label: 'حساب کاربری', href: '/account' }, { label: 'تغییر رمز عبور' }]} />
        )
      }
    >
      <ErrorSummary errors={items} />
      <h1>تغییر رمز عبور</h1>
      {props.forced ? (
        <p class="lead">پیش از ادامه، رمز عبوری را که مدیر سامانه به شما داده است با رمزی که فقط خودتان می‌دانید عوض کنید.</p>
      ) : (
        <p class="lead">پس از تغییر رمز، از همهٔ دستگاه‌های دیگر خارج می‌شوید و فقط همین مرورگر واردشده می‌ماند.</p>
      )}
      <Form action="/account/password" csrfToken={props.chrome.csrfToken}>
        <TextField
          name="currentPassword"
          label="رمز عبور فعلی"
          type="password"
          autocomplete="current-password"
          width="20"
          error={props.fieldErrors.currentPassword}
        />
        <TextField
          name="newPassword"
          label="رمز عبور تازه"
          hint="دست‌کم ۱۰ نویسه. یک عبارت بلند که به خاطر می‌سپارید از یک واژهٔ کوتاه پیچیده امن‌تر است."
          type="password"
          autocomplete="new-password"
          width="20"
          error={props.fieldErrors.newPassword}
        />
        <TextField
          name="newPasswordConfirm"
          label="تکرار رمز عبور تازه"
          type="password"
          autocomplete="new-password"
          width="20"
          error={props.fieldErrors.newPasswordConfirm}
        />
        <Button>تغییر رمز عبور</Button>
      </Form>
    </StaffFrame>
  );
}
