import { Button, ButtonGroup } from '../../../ui/components/button/button.js';
import { StatusTag } from '../../../ui/components/status-tag/status-tag.js';
import { SummaryList } from '../../../ui/components/summary-list/summary-list.js';
import { Table, type TableColumn } from '../../../ui/components/table/table.js';
import { OrgFrame } from './org-frame.js';
import { renderPage } from '../../../ui/render.js';
import type { DepartmentGroupView, DepartmentRowView, DistrictView, StaffChrome, UnitRowView } from './org-view-models.js';

export interface OrgOverviewProps {
  chrome: StaffChrome;
  region: UnitRowView | null;
  districts: DistrictView[];
  departmentGroups: DepartmentGroupView[];
  anySample: boolean;
}

export function SampleTag() {
  return <StatusTag label="نمونه" tone="warning" />;
}

const neighbourhoodColumns: TableColumn<UnitRowView>[] = [
  {
    key: 'name',
    header: 'محله',
    cell: (r) => (
      <>
        <a href={`/staff/admin/org/units/${r.id}`}>{r.name}</a> {r.isSample && <SampleTag />}
      </>
    ),
  },
  { key: 'code', header: 'کد', cell: (r) => <bdi dir="ltr">{r.code}</bdi> },
  { key: 'area', header: 'مساحت', numeric: true, cell: (r) => r.area ?? '—' },
  { key: 'geometry', header: 'مرز', cell: (r) => (r.hasGeometry ? 'دارد' : 'ندارد') },
];

const departmentColumns: TableColumn<DepartmentRowView>[] = [
  { key: 'name', header: 'نام', cell: (r) => <a href={`/staff/admin/org/departments/${r.id}`}>{r.name}</a> },
  { key: 'kind', header: 'نوع', cell: (r) => r.kindLabel },
  { key: 'key', header: 'شناسه', cell: (r) => <bdi dir="ltr">{r.key}</bdi> },
  {
    key: 'status',
    header: 'وضعیت',
    cell: (r) => (r.isActive ? <StatusTag label="فعال" tone="success" /> : <StatusTag label="غیرفعال" tone="neutral" />),
  },
];

function UnitSummary(props: { unit: UnitRowView }) {
  const u = props.unit;
  return (
    <SummaryList
      rows={[
        { key: 'کد', value: <bdi dir="ltr">{u.code}</bdi> },
        { key: 'مساحت', value: u.area ?? 'ثبت نشده' },
        { key: 'آغاز به کار', value: u.openedOn ?? 'ثبت نشده' },
        ...(u.closedOn ? [{ key: 'پایان کار', value: u.closedOn }] : []),
        { key: 'مرز', value: u.hasGeometry ? 'ثبت شده' : 'ثبت نشده' },
        ...(u.isSample ? [{ key: 'داده', value: <SampleTag /> }] : []),
      ]}
    />
  );
}

export function OrgOverviewPage(props: OrgOverviewProps) {
  return (
    <OrgFrame chrome={props.chrome} title="ساختار سازمانی" crumbs={[{ label: 'ساختار سازمانی' }]}>
      <h1>ساختار سازمانی</h1>
      <p>منطقه، نواحی و محله‌های آن، و معاونت‌ها و اداره‌هایی که خبرها، جلسه‌ها و داده‌ها به آن‌ها نسبت داده می‌شوند.</p>
      <ButtonGroup>
        <Button href="/staff/admin/org/units/new">افزودن واحد</Button>
        <Button href="/staff/admin/org/departments/new" variant="secondary">
          افزودن معاونت یا اداره
        </Button>
      </ButtonGroup>
      {props.anySample && (
        <p class="hint">
          <SampleTag /> ردیف‌های نشان‌دار دادهٔ نمونه‌اند، نه واقعیت تأییدشده؛ برای نمونه، اینکه هر محله در کدام ناحیه است هنوز از
          منطقه پرسیده نشده است. پس از تأیید، نشان «نمونه» را در صفحهٔ ویرایش بردارید.
        </p>
      )}

      {props.region === null ? (
        <section aria-labelledby="org-region">
          <h2 id="org-region">منطقه</h2>
          <p>هنوز منطقه‌ای تعریف نشده است. نخست منطقه را بیفزایید، سپس نواحی و محله‌ها را.</p>
          <Button href="/staff/admin/org/units/new?kind=region">افزودن منطقه</Button>
        </section>
      ) : (
        <section aria-labelledby="org-region">
          <h2 id="org-region">
            {props.region.name} {props.region.isSample && <SampleTag />}
          </h2>
          <UnitSummary unit={props.region} />
          <p>
            <a href={`/staff/admin/org/units/${props.region.id}`}>
              ویرایش <span class="visually-hidden">{props.region.name}</span>
            </a>
          </p>
        </section>
      )}

      {props.region !== null && (
        <section aria-labelledby="org-districts">
          <h2 id="org-districts">نواحی و محله‌ها</h2>
          {props.districts.length === 0 && (
            <p>
              هنوز ناحیه‌ای تعریف نشده است. <a href="/staff/admin/org/units/new?kind=district">افزودن ناحیه</a>
            </p>
          )}
          {props.districts.map((d) => (
            <section key={d.unit.id} aria-labelledby={`district-${d.unit.id}`}>
              <h3 id={`district-${d.unit.id}`}>
                {d.unit.name} {d.unit.isSample && <SampleTag />}
              </h3>
              <p>
                کد <bdi dir="ltr">{d.unit.code}</bdi>
                {d.unit.area && <> · مساحت {d.unit.area}</>} ·{' '}
                <a href={`/staff/admin/org/units/${d.unit.id}`}>
                  ویرایش <span class="visually-hidden">{d.unit.name}</span>
                </a>{' '}
                ·{' '}
                <a href={`/staff/admin/org/units/new?kind=neighbourhood&parentId=${d.unit.id}`}>
                  افزودن محله <span class="visually-hidden">به {d.unit.name}</span>
                </a>
              </p>
              <Table
                caption={`محله‌های ${d.unit.name}`}
                columns={neighbourhoodColumns}
                rows={d.neighbourhoods}
                rowKey={(r) => String(r.id)}
                firstCellIsHeader
                empty={`هنوز محله‌ای در ${d.unit.name} ثبت نشده است.`}
              />
            </section>
          ))}
        </section>
      )}

      <section aria-labelledby="org-departments">
        <h2 id="org-departments">معاونت‌ها و اداره‌ها</h2>
        {props.departmentGroups.length === 0 && <p>هنوز واحدی نیست که معاونت یا اداره‌ای به آن وابسته شود.</p>}
        {props.departmentGroups.map((g) => (
          <Table
            key={g.unitCode}
            caption={`وابسته به ${g.unitName}`}
            columns={departmentColumns}
            rows={g.departments}
            rowKey={(r) => String(r.id)}
            firstCellIsHeader
            empty={
              <>
                معاونت یا اداره‌ای به {g.unitName} وابسته نیست. <a href="/staff/admin/org/departments/new">افزودن معاونت یا اداره</a>
              </>
            }
          />
        ))}
      </section>
    </OrgFrame>
  );
}

export function renderOrgOverviewPage(props: OrgOverviewProps): string {
  return renderPage(<OrgOverviewPage {...props} />);
}
