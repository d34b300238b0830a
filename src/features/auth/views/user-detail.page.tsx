import { Button } from '../../../ui/components/button/button.js';
import { Breadcrumbs } from '../../../ui/components/breadcrumbs/breadcrumbs.js';
import { CheckboxField } from '../../../ui/components/checkbox-field/checkbox-field.js';
import { ErrorSummary, errorSummaryItems, type ErrorSummaryItem } from '../../../ui/components/error-summary/error-summary.js';
import { Form } from '../../../ui/components/form/form.js';
import { SelectField, type SelectOption } from '../../../ui/components/select-field/select-field.js';
import { StatusTag } from '../../../ui/components/status-tag/status-tag.js';
import { SummaryList } from '../../../ui/components/summary-list/summary-list.js';
import { Table } from '../../../ui/components/table/table.js';
import { TextField } from '../../../ui/components/text-field/text-field.js';
import { faNumber, when } from './format.js';
import { StaffFrame, type StaffChrome } from './staff-frame.js';

export interface UserDetail {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  isActive: boolean;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  lastLoginAt: Date | null;
  passwordChangedAt: Date;
  createdAt: Date;
  version: number;
  memberships: Array<{ id: number; roleLabel: string; scopeLabel: string }>;
}

export interface UserDetailPageProps {
  chrome: StaffChrome;
  user: UserDetail;
  /** The profile form as posted, when it is shown again with errors. */
  profile?: { displayName: string; email: string; isActive: boolean };
  profileErrors: Readonly<Record<string, string>>;
  membership?: { role: string; scope: string };
  membershipErrors: Readonly<Record<string, string>>;
  roleOptions: SelectOption[];
  scopeOptions: SelectOption[];
}

export function UserDetailPage(props: UserDetailPageProps) {
  const { user } = props;
  const profile = props.profile ?? { displayName: user.displayName, email: user.email ?? '', isActive: user.isActive };
  const pe = props.profileErrors;
  const me = props.membershipErrors;
  const items: ErrorSummaryItem[] = [
    ...errorSummaryItems(pe, ['displayName', 'email', 'isActive']),
    ...errorSummaryItems(me, ['role', 'scope']),
  ].map((i) => (i.fieldId === '_form' ? { text: i.text } : i));
  return (
    <StaffFrame
      chrome={props.chrome}
      title={`${items.length ? 'خطا: ' : ''}کاربر ${user.displayName}`}
      beforeContent={
        <Breadcrumbs items={[{ label: 'میز کار', href: '/staff' }, { label: 'کاربران', href: '/staff/admin/users' }, { label: user.displayName }]} />
      }
    >
      <ErrorSummary errors={items} />
      <h1>
        <bdi>{user.displayName}</bdi>
      </h1>
      <SummaryList
        rows={[
          { key: 'نام کاربری', value: user.username },
          {
            key: 'وضعیت',
            value: (
              <>
                {user.isActive ? <StatusTag tone="success" label="فعال" /> : <StatusTag tone="neutral" label="غیرفعال" />}{' '}
                {user.mustChangePassword && <StatusTag tone="warning" label="باید رمز را عوض کند" />}
              </>
            ),
          },
          { key: 'تأیید دومرحله‌ای', value: user.totpEnabled ? 'روشن' : 'خاموش' },
          { key: 'آخرین ورود', value: when(user.lastLoginAt, 'هرگز') },
          { key: 'آخرین تغییر رمز', value: when(user.passwordChangedAt) },
          { key: 'ساخته‌شده', value: when(user.createdAt) },
        ]}
      />

      <h2>مشخصات</h2>
      <Form action={`/staff/admin/users/${user.id}`} csrfToken={props.chrome.csrfToken}>
        <input type="hidden" name="version" value={String(user.version)} />
        <TextField name="displayName" label="نام نمایشی" value={profile.displayName} dir="auto" maxLength={100} error={pe.displayName} />
        <TextField name="email" label="رایانامه" type="email" value={profile.email} width="30" optional maxLength={200} error={pe.email} />
        <CheckboxField
          name="isActive"
          label="حساب فعال است"
          hint="حساب غیرفعال نمی‌تواند وارد شود و همهٔ نشست‌های بازش بسته می‌شود."
          checked={profile.isActive}
          error={pe.isActive}
        />
        <Button>ذخیرهٔ مشخصات</Button>
      </Form>

      <h2>نقش‌ها</h2>
      <Table
        caption={`نقش‌های ${user.displayName}`}
        captionVisuallyHidden
        rows={user.memberships}
        rowKey={(m) => String(m.id)}
        empty="این کاربر هنوز نقشی ندارد و پس از ورود کاری نمی‌تواند بکند. با فرم زیر نقشی به او بدهید."
        columns={[
          { key: 'roleLabel', header: 'نقش' },
          { key: 'scopeLabel', header: 'حوزه', cell: (m) => <bdi>{m.scopeLabel}</bdi> },
          {
            key: 'actions',
            header: <span class="visually-hidden">کارها</span>,
            cell: (m) => (
              <Form action={`/staff/admin/users/${user.id}/memberships/${m.id}/delete`} csrfToken={props.chrome.csrfToken}>
                <Button variant="warning" confirm={`نقش «${m.roleLabel}» در «${m.scopeLabel}» برداشته شود؟`}>
                  برداشتن<span class="visually-hidden"> نقش {m.roleLabel} در {m.scopeLabel}</span>
                </Button>
              </Form>
            ),
          },
        ]}
      />
      <h3>افزودن نقش</h3>
      <Form action={`/staff/admin/users/${user.id}/memberships`} csrfToken={props.chrome.csrfToken}>
        <SelectField name="role" label="نقش" options={props.roleOptions} value={props.membership?.role} placeholder="انتخاب کنید" error={me.role} />
        <SelectField
          name="scope"
          label="حوزهٔ نقش"
          options={props.scopeOptions}
          value={props.membership?.scope}
          placeholder="انتخاب کنید"
          error={me.scope}
        />
        <Button variant="secondary">افزودن نقش</Button>
      </Form>

      <h2>بازنشانی رمز عبور</h2>
      <p>
        یک رمز تصادفی تازه ساخته و فقط یک بار به شما نشان داده می‌شود. همهٔ نشست‌های باز این کاربر بسته می‌شود و او باید پس از ورود رمز را عوض
        کند.
      </p>
      <Form action={`/staff/admin/users/${user.id}/reset-password`} csrfToken={props.chrome.csrfToken}>
        <Button variant="warning" confirm={`رمز عبور ${user.displayName} بازنشانی شود؟`}>
          بازنشانی رمز عبور
        </Button>
      </Form>
      {user.totpEnabled && (
        <>
          <h2>تأیید دومرحله‌ای</h2>
          <p>اگر کاربر گوشی یا برنامهٔ احراز هویت خود را از دست داده است، تأیید دومرحله‌ای او را خاموش کنید تا بتواند فقط با رمز عبور وارد شود و دوباره آن را راه بیندازد.</p>
          <Form action={`/staff/admin/users/${user.id}/second-factor/clear`} csrfToken={props.chrome.csrfToken}>
            <Button variant="warning" confirm={`تأیید دومرحله‌ای ${user.displayName} خاموش شود؟`}>
              خاموش کردن تأیید دومرحله‌ای
            </Button>
          </Form>
        </>
      )}
      <p class="small">
        نسخهٔ اطلاعات: <span dir="ltr">{faNumber(user.version)}</span> — <a href={`/staff/admin/audit?entity=user:${user.id}`}>رویدادهای این کاربر</a>
      </p>
    </StaffFrame>
  );
}
