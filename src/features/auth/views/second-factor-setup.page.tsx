import { Button } from '../../../ui/components/button/button.js';
import { Breadcrumbs } from '../../../ui/components/breadcrumbs/breadcrumbs.js';
import { ErrorSummary } from '../../../ui/components/error-summary/error-summary.js';
import { Form } from '../../../ui/components/form/form.js';
import { TextField } from '../../../ui/components/text-field/text-field.js';
import { StaffFrame, type StaffChrome } from './staff-frame.js';

export type SecondFactorSetupState = { enabled: true } | { enabled: false; secret: string; uri: string };

export interface SecondFactorSetupPageProps {
  chrome: StaffChrome;
  state: SecondFactorSetupState;
  error?: string;
}

/** Groups the base32 secret in fours so it can be typed into an app by hand. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

export function SecondFactorSetupPage(props: SecondFactorSetupPageProps) {
  const { state } = props;
  return (
    <StaffFrame
      chrome={props.chrome}
      title={props.error ? 'خطا: تأیید دومرحله‌ای' : 'تأیید دومرحله‌ای'}
      beforeContent={
        <Breadcrumbs items={[{ label: 'میز کار', href: '/staff' }, { label: 'حساب کاربری', href: '/account' }, { label: 'تأیید دومرحله‌ای' }]} />
      }
    >
      <ErrorSummary errors={props.error ? [{ fieldId: 'code', text: props.error }] : []} />
      <h1>تأیید دومرحله‌ای</h1>
      {state.enabled ? (
        <>
          <p class="lead">تأیید دومرحله‌ای برای حساب شما روشن است: هنگام ورود، پس از رمز عبور کد برنامهٔ احراز هویت هم خواسته می‌شود.</p>
          <h2>خاموش کردن تأیید دومرحله‌ای</h2>
          <p>برای خاموش کردن، کد کنونی برنامهٔ احراز هویت را وارد کنید. بدون تأیید دومرحله‌ای، حساب شما فقط با رمز عبور محافظت می‌شود.</p>
          <Form action="/account/second-factor/disable" csrfToken={props.chrome.csrfToken}>
            <TextField name="code" label="کد تأیید" type="number" autocomplete="one-time-code" width="5" maxLength={20} error={props.error} />
            <Button variant="warning">خاموش کردن تأیید دومرحله‌ای</Button>
          </Form>
        </>
      ) : (
        <>
          <p class="lead">با روشن کردن تأیید دومرحله‌ای، ورود به حساب شما علاوه بر رمز عبور، کدی از برنامهٔ احراز هویت گوشی‌تان هم لازم دارد.</p>
          <ol>
            <li>یک برنامهٔ احراز هویت (مانند Google Authenticator، FreeOTP یا Aegis) روی گوشی نصب کنید.</li>
            <li>
              در برنامه «افزودن حساب با کلید» را بزنید و این کلید را وارد کنید:
              <p class="lead">
                <code dir="ltr" id="totp-secret">{grouped(state.secret)}</code>
              </p>
            </li>
            <li>
              یا اگر برنامه نشانی را می‌پذیرد، این نشانی را به آن بدهید:
              <p>
                <code dir="ltr" id="totp-uri">{state.uri}</code>
              </p>
            </li>
            <li>کد شش‌رقمی‌ای را که برنامه نشان می‌دهد در زیر وارد کنید.</li>
          </ol>
          <Form action="/account/second-factor" csrfToken={props.chrome.csrfToken}>
            <TextField name="code" label="کد تأیید" type="number" autocomplete="one-time-code" width="5" maxLength={20} error={props.error} />
            <Button>روشن کردن تأیید دومرحله‌ای</Button>
          </Form>
        </>
      )}
    </StaffFrame>
  );
}
