import { Button } from '../../../ui/components/button/button.js';
import { Breadcrumbs } from '../../../ui/components/breadcrumbs/breadcrumbs.js';
import { ErrorSummary } from '../../../ui/components/error-summary/error-summary.js';
import { Form } from '../../../ui/components/form/form.js';
import { StatusTag } from '../../../ui/components/status-tag/status-tag.js';
import { SummaryList } from '../../../ui/components/summary-list/summary-list.js';
import { Table } from '../../../ui/components/table/table.js';
import { TextField } from '../../../ui/components/text-field/text-field.js';
import { when } from './format.js';
import { StaffFrame, type StaffChrome } from './staff-frame.js';

export interface AccountTokenRow {
  id: number;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface AccountPageProps {
  chrome: StaffChrome;
  profile: {
    username: string;
    displayName: string;
    email: string | null;
    lastLoginAt: Date | null;
    passwordChangedAt: Date;
    roles: Array<{ roleLabel: string; scopeLabel: string }>;
  };
  secondFactor: { available: boolean; enabled: boolean };
  tokens: AccountTokenRow[];
  /** Shown once, right after it was made. */
  newToken?: { name: string; token: string };
  tokenName?: string;
  tokenError?: string;
  /** Token actions need the browser session, not a token. */
  canManageTokens: boolean;
}

export function AccountPage(props: AccountPageProps) {
  const { profile } = props;
  const liveTokens = props.tokens.filter((t) => t.revokedAt === null);
  return (
    <StaffFrame
      chrome={props.chrome}
      title={props.tokenError ? 'خطا: حساب کاربری' : 'حساب کاربری'}
      beforeContent={<Breadcrumbs items={[{ label: 'میز کار', href: '/staff' }, { label: 'حساب کاربری' }]} />}
    >
      <ErrorSummary errors={props.tokenError ? [{ fieldId: 'name', text: props.tokenError }] : []} />
      <h1>حساب کاربری</h1>
      <SummaryList
        rows={[
          { key: 'نام', value: profile.displayName },
          { key: 'نام کاربری', value: profile.username },
          { key: 'رایانامه', value: profile.email ?? 'ثبت نشده' },
          {
            key: 'نقش‌ها',
            value: profile.roles.length ? (
              <ul>
                {profile.roles.map((r, i) => (
                  <li key={i}>
                    {r.roleLabel} — <bdi>{r.scopeLabel}</bdi>
                  </li>
                ))}
              </ul>
            ) : (
              'هنوز نقشی به شما داده نشده است.'
            ),
          },
          { key: 'آخرین ورود', value: when(profile.lastLoginAt, 'ثبت نشده') },
          {
            key: 'رمز عبور',
            value: `آخرین تغییر: ${when(profile.passwordChangedAt)}`,
            actions: [{ href: '/account/password', label: 'تغییر', visuallyHiddenText: 'رمز عبور' }],
          },
          ...(props.secondFactor.available
            ? [
                {
                  key: 'تأیید دومرحله‌ای',
                  value: props.secondFactor.enabled ? (
                    <StatusTag tone="success" label="روشن" />
                  ) : (
                    <StatusTag tone="warning" label="خاموش" />
                  ),
                  actions: [
                    {
                      href: '/account/second-factor',
                      label: props.secondFactor.enabled ? 'مدیریت' : 'روشن کردن',
                      visuallyHiddenText: 'تأیید دومرحله‌ای',
                    },
                  ],
                },
              ]
            : []),
        ]}
      />

      <h2 id="tokens">توکن‌های دسترسی برنامه‌ها</h2>
      <p>
        برنامه‌ها و اسکریپت‌ها می‌توانند با یک توکن شخصی در سرآیند <code dir="ltr">Authorization: Bearer …</code> به جای شما درخواست بفرستند. هر
        توکن همهٔ دسترسی‌های شما را دارد؛ آن را مانند رمز عبور نگه دارید و هر وقت لازم نبود باطلش کنید.
      </p>
      {props.newToken && (
        <div class="flash flash--success" role="status">
          <p class="flash__text">
            توکن «<bdi>{props.newToken.name}</bdi>» ساخته شد. آن را همین حالا کپی کنید؛ دوباره نشان داده نمی‌شود:
          </p>
          <p class="lead">
            <code dir="ltr" id="new-token">
              {props.newToken.token}
            </code>
          </p>
        </div>
      )}
      <Table
        caption="توکن‌های شما"
        captionVisuallyHidden
        rows={props.tokens}
        rowKey={(t) => String(t.id)}
        empty="هنوز توکنی نساخته‌اید. اگر برنامه‌ای باید به جای شما کار کند، در فرم زیر برای آن توکن بسازید."
        columns={[
          { key: 'name', header: 'نام', cell: (t) => <bdi>{t.name}</bdi> },
          { key: 'createdAt', header: 'ساخته‌شده', cell: (t) => when(t.createdAt) },
          { key: 'lastUsedAt', header: 'آخرین استفاده', cell: (t) => when(t.lastUsedAt, 'هرگز') },
          {
            key: 'state',
            header: 'وضعیت',
            cell: (t) => (t.revokedAt ? <StatusTag tone="neutral" label="باطل‌شده" /> : <StatusTag tone="success" label="فعال" />),
          },
          {
            key: 'actions',
            header: <span class="visually-hidden">کارها</span>,
            cell: (t) =>
              t.revokedAt === null ? (
                <Form action={`/account/tokens/${t.id}/revoke`} csrfToken={props.chrome.csrfToken}>
                  <Button variant="warning" confirm={`توکن «${t.name}» باطل شود؟`}>
                    باطل کردن<span class="visually-hidden"> توکن {t.name}</span>
                  </Button>
                </Form>
              ) : null,
          },
        ]}
      />
      {props.canManageTokens && liveTokens.length < 20 && (
        <Form action="/account/tokens" csrfToken={props.chrome.csrfToken}>
          <TextField
            name="name"
            label="نام توکن تازه"
            hint="برای اینکه بعداً بدانید کدام برنامه از آن استفاده می‌کند، مثلاً «اسکریپت گزارش هفتگی»."
            value={props.tokenName}
            width="30"
            maxLength={80}
            error={props.tokenError}
          />
          <Button variant="secondary">ساختن توکن</Button>
        </Form>
      )}
    </StaffFrame>
  );
}
