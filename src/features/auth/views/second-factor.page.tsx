import { Button } from '../../../ui/components/button/button.js';
import { ErrorSummary, type ErrorSummaryItem } from '../../../ui/components/error-summary/error-summary.js';
import { Form } from '../../../ui/components/form/form.js';
import { TextField } from '../../../ui/components/text-field/text-field.js';
import { StaffFrame, type StaffChrome } from './staff-frame.js';

export interface SecondFactorPageProps {
  chrome: StaffChrome;
  next?: string;
  error?: string;
}

/** The second step of sign-in for accounts with an authenticator app. */
export function SecondFactorPage(props: SecondFactorPageProps) {
  const items: ErrorSummaryItem[] = props.error ? [{ fieldId: 'code', text: props.error }] : [];
  return (
    <StaffFrame chrome={props.chrome} title={props.error ? 'خطا: کد تأیید' : 'کد تأیید'}>
      <ErrorSummary errors={items} />
      <Form action="/login/second-factor" csrfToken={props.chrome.csrfToken}>
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <TextField
          name="code"
          label="کد تأیید"
          labelIsPageHeading
          hint="کد شش‌رقمی‌ای را که برنامهٔ احراز هویت (مانند Google Authenticator) روی گوشی شما نشان می‌دهد وارد کنید."
          type="number"
          autocomplete="one-time-code"
          width="5"
          maxLength={20}
          error={props.error}
        />
        <Button>ادامه</Button>
      </Form>
      <p>
        <a href="/login">ورود با حساب دیگر</a>
      </p>
    </StaffFrame>
  );
}
