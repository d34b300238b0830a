import { Button } from '../../../ui/components/button/button.js';
import { Breadcrumbs } from '../../../ui/components/breadcrumbs/breadcrumbs.js';
import { Form } from '../../../ui/components/form/form.js';
import { Pagination } from '../../../ui/components/pagination/pagination.js';
import { Table } from '../../../ui/components/table/table.js';
import { TextField } from '../../../ui/components/text-field/text-field.js';
import { faNumber, when } from './format.js';
import { StaffFrame, type StaffChrome } from './staff-frame.js';

export interface AuditRowView {
  id: number;
  at: Date;
  actorLabel: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export interface AuditPageProps {
  chrome: StaffChrome;
  rows: AuditRowView[];
  filters: { action: string; actor: string; entity: string };
  newerCursor?: string;
  olderCursor?: string;
}

/** Persian names of the actions this feature writes; other features' actions show their code. */
const ACTION_LABELS: Record<string, string> = {
  'auth.login': 'ورود',
  'auth.login_failed': 'ورود ناموفق',
  'auth.login_throttled': 'ورود ردشده (تلاش زیاد)',
  'auth.password_verified': 'رمز درست؛ در انتظار کد تأیید',
  'auth.second_factor_failed': 'کد تأیید نادرست',
  'auth.second_factor_throttled': 'کد تأیید ردشده (تلاش زیاد)',
  'auth.logout': 'خروج',
  'user.created': 'ساختن کاربر',
  'user.updated': 'ویرایش کاربر',
  'user.activated': 'فعال کردن کاربر',
  'user.deactivated': 'غیرفعال کردن کاربر',
  'user.password_reset': 'بازنشانی رمز عبور',
  'user.password_changed': 'تغییر رمز عبور',
  'user.password_change_failed': 'تغییر رمز ناموفق',
  'user.membership_added': 'افزودن نقش',
  'user.membership_removed': 'برداشتن نقش',
  'user.second_factor_enabled': 'روشن کردن تأیید دومرحله‌ای',
  'user.second_factor_disabled': 'خاموش کردن تأیید دومرحله‌ای',
  'user.second_factor_cleared': 'خاموش کردن تأیید دومرحله‌ای به دست مدیر',
  'user.api_token_created': 'ساختن توکن دسترسی',
  'user.api_token_revoked': 'باطل کردن توکن دسترسی',
};

const ENTITY_LABELS: Record<string, string> = { user: 'کاربر' };

function detailsText(details: Record<string, unknown>): string {
  const entries = Object.entries(details);
  if (entries.length === 0) return '';
  const text = JSON.stringify(details);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export function AuditPage(props: AuditPageProps) {
  const { filters } = props;
  const filtered = filters.action !== '' || filters.actor !== '' || filters.entity !== '';
  const query = { action: filters.action || undefined, actor: filters.actor || undefined, entity: filters.entity || undefined };
  return (
    <StaffFrame
      chrome={props.chrome}
      title="رویدادهای سامانه"
      beforeContent={<Breadcrumbs items={[{ label: 'میز کار', href: '/staff' }, { label: 'رویدادهای سامانه' }]} />}
    >
      <h1>رویدادهای سامانه</h1>
      <p class="lead">هر ورود، خروج و تغییری که مدیران و کاربران در سامانه داده‌اند، از تازه به کهنه.</p>
      <Form action="/staff/admin/audit" method="get">
        <TextField
          name="action"
          label="کار"
          hint={
            <>
              کد کار، مانند <code dir="ltr">auth.login</code>؛ با نقطه در پایان (<code dir="ltr">user.</code>) همهٔ کارهای آن دسته.
            </>
          }
          value={filters.action}
          dir="ltr"
          width="20"
          optional
        />
        <TextField name="actor" label="نام کاربری انجام‌دهنده" value={filters.actor} dir="auto" width="20" optional />
        {filters.entity && <input type="hidden" name="entity" value={filters.entity} />}
        <Button variant="secondary">نمایش</Button>
      </Form>
      {filters.entity && (
        <p>
          فقط رویدادهای <bdi dir="ltr">{filters.entity}</bdi> — <a href="/staff/admin/audit">همهٔ رویدادها</a>
        </p>
      )}
      <Table
        caption="رویدادها"
        captionVisuallyHidden
        rows={props.rows}
        rowKey={(r) => String(r.id)}
        empty={
          filtered ? (
            <>
              رویدادی با این شرایط پیدا نشد. <a href="/staff/admin/audit">همهٔ رویدادها را ببینید</a>.
            </>
          ) : (
            'هنوز رویدادی ثبت نشده است.'
          )
        }
        columns={[
          { key: 'at', header: 'زمان', cell: (r) => <time datetime={r.at.toISOString()}>{when(r.at)}</time> },
          { key: 'actor', header: 'انجام‌دهنده', cell: (r) => (r.actorLabel ? <bdi>{r.actorLabel}</bdi> : '—') },
          {
            key: 'action',
            header: 'کار',
            cell: (r) => (
              <>
                {ACTION_LABELS[r.action] ?? r.action}
                {ACTION_LABELS[r.action] && (
                  <span class="small">
                    {' '}
                    <code dir="ltr">{r.action}</code>
                  </span>
                )}
              </>
            ),
          },
          {
            key: 'entity',
            header: 'موضوع',
            cell: (r) =>
              r.entityType ? (
                r.entityType === 'user' && r.entityId ? (
                  <a href={`/staff/admin/users/${r.entityId}`}>
                    {ENTITY_LABELS.user} {faNumber(r.entityId)}
                  </a>
                ) : (
                  <bdi>
                    {ENTITY_LABELS[r.entityType] ?? r.entityType} {r.entityId ?? ''}
                  </bdi>
                )
              ) : (
                '—'
              ),
          },
          { key: 'ip', header: 'نشانی', cell: (r) => (r.ip ? <bdi dir="ltr">{r.ip}</bdi> : '—') },
          { key: 'details', header: 'جزئیات', cell: (r) => <code dir="ltr">{detailsText(r.details)}</code> },
        ]}
      />
      <Pagination
        path="/staff/admin/audit"
        query={query}
        previousCursor={props.newerCursor}
        nextCursor={props.olderCursor}
        previousParam="after"
        nextParam="before"
      />
    </StaffFrame>
  );
}
