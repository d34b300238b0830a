import { Breadcrumbs } from '../../../ui/components/breadcrumbs/breadcrumbs.js';
import { StaffFrame, type StaffChrome } from './staff-frame.js';

export interface PasswordResetPageProps {
  chrome: StaffChrome;
  user: { id: number; username: string; displayName: string };
  /** Shown this once; the server keeps only its hash. */
  password: string;
}

export function PasswordResetPage(props: PasswordResetPageProps) {
  const { user } = props;
  return (
    <StaffFrame
      chrome={props.chrome}
      title="رمز عبور بازنشانی شد"
      beforeContent={
        <Breadcrumbs
          items={[
            { label: 'میز کار', href: '/staff' },
            { label: 'کاربران', href: '/staff/admin/users' },
            { label: user.displayName, href: `/staff/admin/users/${user.id}` },
            { label: 'بازنشانی رمز عبور' },
          ]}
        />
      }
    >
      <h1>رمز عبور بازنشانی شد</h1>
      <p class="lead">
        رمز تازهٔ <bdi>{user.displayName}</bdi> (نام کاربری <bdi>{user.username}</bdi>):
      </p>
      <p class="lead">
        <code dir="ltr" id="one-time-password">
          {props.password}
        </code>
      </p>
      <p>
        این رمز فقط همین یک بار نشان داده می‌شود. آن را به‌طور امن (حضوری یا تلفنی، نه در پیام‌رسان) به کاربر برسانید. همهٔ نشست‌های باز او بسته
        شد و پس از ورود باید رمز را عوض کند.
      </p>
      <p>
        <a href={`/staff/admin/users/${user.id}`}>بازگشت به صفحهٔ کاربر</a>
      </p>
    </StaffFrame>
  );
}
