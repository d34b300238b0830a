import { Button } from '../../../ui/components/button/button.js';
import { ErrorSummary, errorSummaryItems, type ErrorSummaryItem } from '../../../ui/components/error-summary/error-summary.js';
import { Form } from '../../../ui/components/form/form.js';
import { TextField } from '../../../ui/components/text-field/text-field.js';
import { StaffFrame, type StaffChrome } from './staff-frame.js';

export interface LoginPageProps {
  chrome: StaffChrome;
  /** What the person typed, kept on error (never the password). */
  username: string;
  next?: string;
  fieldErrors: Readonly<Record<string, string>>;
  /** A whole-form problem: wrong credentials or too many attempts. */
  problem?: { text: string; field?: 'username' };
}

/** GOV.UK-style sign-in: one column, big fields, an error summary on top. */
export function LoginPage(props: LoginPageProps) {
  const items: ErrorSummaryItem[] = [
    ...(props.problem ? [{ fieldId: props.problem.field, text: props.problem.text }] : []),
    ...errorSummaryItems(props.fieldErrors, ['username', 'password']).filter((i) => i.fieldId !== '_form'),
    ...(props.fieldErrors._form ? [{ text: props.fieldErrors._form }] : []),
  ];
  return (
    <StaffFrame chrome={props.chrome} title={items.length ? 'خطا: ورود به شهرنما' : 'ورود به شهرنما'}>
      <ErrorSummary errors={items} />
      <h1>ورود به شهرنما</h1>
      <p class="lead">برای کار با سامانهٔ روابط عمومی، با نام کاربری و رمز عبوری که مدیر سامانه به شما داده است وارد شوید.</p>
      <Form action="/login" csrfToken={props.chrome.csrfToken}>
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <TextField
          name="username"
          label="نام کاربری"
          value={props.username}
          autocomplete="username"
          dir="auto"
          spellcheck={false}
          width="20"
          error={props.fieldErrors.username}
        />
        <TextField
          name="password"
          label="رمز عبور"
          type="password"
          autocomplete="current-password"
          width="20"
          error={props.fieldErrors.password}
        />
        <Button>ورود</Button>
      </Form>
      <p>اگر رمز عبور خود را فراموش کرده‌اید، از مدیر سامانه بخواهید آن را بازنشانی کند.</p>
    </StaffFrame>
  );
}
