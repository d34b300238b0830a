import { Button } from '../../../ui/components/button/button.js';
import { StaffFrame, type StaffChrome } from './staff-frame.js';

export function SignedOutPage(props: { chrome: StaffChrome }) {
  return (
    <StaffFrame chrome={props.chrome} title="از سامانه خارج شدید">
      <h1>از سامانه خارج شدید</h1>
      <p class="lead">نشست شما بسته شد. اگر از رایانهٔ مشترک استفاده می‌کنید، پنجرهٔ مرورگر را هم ببندید.</p>
      <Button href="/login">ورود دوباره</Button>
    </StaffFrame>
  );
}
