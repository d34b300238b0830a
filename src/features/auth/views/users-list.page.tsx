import { Button } from '../../../ui/components/button/button.js';
import { Breadcrumbs } from '../../../ui/components/breadcrumbs/breadcrumbs.js';
import { Form } from '../../../ui/components/form/form.js';
import { Pagination } from '../../../ui/components/pagination/pagination.js';
import { SelectField, type SelectOption } from '../../../ui/components/select-field/select-field.js';
import { StatusTag } from '../../../ui/components/status-tag/status-tag.js';
import { Table } from '../../../ui/components/table/table.js';
import { TextField } from '../../../ui/components/text-field/text-field.js';
import { when } from './format.js';
import { StaffFrame, type StaffChrome } from './staff-frame.js';

export interface UserListRow {
  id: number;
  username: string;
  displayName: string;
  isActive: boolean;
  mustChangePassword: boolean;
  lastLoginAt: Date | null;
  memberships: Array<{ roleLabel: string; scopeLabel: string }>;
}

export interface UsersListPageProps {
  chrome: StaffChrome;
  rows: UserListRow[];
  filters: { q: string; role: string; status: string };
  roleOptions: SelectOption[];
  nextCursor?: string;
  /** The list is a later page: offer the way back to the first. */
  paged: boolean;
}

export function UsersListPage(props: UsersListPageProps) {
  const { filters } = props;
  const filtered = filters.q !== '' || filters.role !== '' || (filters.status !== '' && filters.status !== 'all');
  return (
    <StaffFrame
      chrome={props.chrome}
      title="کاربران"
      beforeContent={<Breadcrumbs items={[{ label: 'میز کار', href: '/staff' }, { label: 'کاربران' }]} />}
    >
      <h1>کاربران</h1>
      <Button href="/staff/admin/users/new">افزودن کاربر</Button>
      <Form action="/staff/admin/users" method="get">
        <TextField name="q" label="جستجو در نام، نام کاربری یا رایانامه" value={filters.q} width="30" dir="auto" optional />
        <SelectField name="role" label="نقش" options={props.roleOptions} value={filters.role} placeholder="همهٔ نقش‌ها" optional />
        <SelectField
          name="status"
          label="وضعیت"
          value={filters.status}
          options={[
            { value: 'all', label: 'همه' },
            { value: 'active', label: 'فعال' },
            { value: 'inactive', label: 'غیرفعال' },
          ]}
        />
        <Button variant="secondary">نمایش</Button>
      </Form>
      <Table
        caption="فهرست کاربران"
        captionVisuallyHidden
        rows={props.rows}
        rowKey={(r) => String(r.id)}
        firstCellIsHeader
        empty={
          filtered ? (
            <>
              کاربری با این شرایط پیدا نشد. <a href="/staff/admin/users">همهٔ کاربران را ببینید</a>.
            </>
          ) : (
            <>
              هنوز کاربری ثبت نشده است. <a href="/staff/admin/users/new">نخستین کاربر را بیفزایید</a>.
            </>
          )
        }
        columns={[
          {
            key: 'displayName',
            header: 'نام',
            cell: (r) => (
              <a href={`/staff/admin/users/${r.id}`}>
                <bdi>{r.displayName}</bdi>
              </a>
            ),
          },
          { key: 'username', header: 'نام کاربری', cell: (r) => <bdi>{r.username}</bdi> },
          {
            key: 'roles',
            header: 'نقش و حوزه',
            cell: (r) =>
              r.memberships.length ? (
                <ul>
                  {r.memberships.map((m, i) => (
                    <li key={i}>
                      {m.roleLabel} — <bdi>{m.scopeLabel}</bdi>
                    </li>
                  ))}
                </ul>
              ) : (
                'بدون نقش'
              ),
          },
          {
            key: 'state',
            header: 'وضعیت',
            cell: (r) => (
              <>
                {r.isActive ? <StatusTag tone="success" label="فعال" /> : <StatusTag tone="neutral" label="غیرفعال" />}
                {r.mustChangePassword && r.isActive && <StatusTag tone="warning" label="باید رمز را عوض کند" />}
              </>
            ),
          },
          { key: 'lastLoginAt', header: 'آخرین ورود', cell: (r) => when(r.lastLoginAt, 'هرگز') },
        ]}
      />
      <Pagination
        path="/staff/admin/users"
        query={{ q: filters.q || undefined, role: filters.role || undefined, status: filters.status || undefined }}
        nextCursor={props.nextCursor}
        nextParam="after"
      />
      {props.paged && (
        <p>
          <a href="/staff/admin/users">بازگشت به ابتدای فهرست</a>
        </p>
      )}
    </StaffFrame>
  );
}
