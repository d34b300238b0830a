import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { auditLog } from '../../core/audit/audit.js';
import { AppError } from '../../core/errors.js';
import { createOrgService, type OrgService, type OrgUnit } from './org.service.js';
import { orgUnits } from './org.tables.js';

const actor = { userId: null, label: 'test' };
const clock = { now: () => new Date('2025-06-01T08:00:00Z') };

let database: TestDatabase;
let org: OrgService;
let region: OrgUnit;
let d1: OrgUnit;
let d2: OrgUnit;

/** The AppError a promise rejects with (fails the test if it resolves). */
async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

async function auditCount(entityType: string, entityId: number): Promise<number> {
  const [r] = await database.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, String(entityId))));
  return r?.n ?? 0;
}

const square = {
  type: 'Polygon',
  coordinates: [
    [
      [51.1, 35.6],
      [51.2, 35.6],
      [51.2, 35.7],
      [51.1, 35.7],
      [51.1, 35.6],
    ],
  ],
};

beforeAll(async () => {
  database = await createTestDatabase();
  org = createOrgService({ db: database.db, clock });
  region = await org.createUnit({ kind: 'region', code: 'r21', name: 'منطقه ۲۱', areaHa: '۵۱۵۶' }, actor);
  d1 = await org.createUnit({ kind: 'district', code: 'R21-D1', name: 'ناحیه ۱' }, actor);
  d2 = await org.createUnit({ kind: 'district', parentId: region.id, code: 'R21-D2', name: 'ناحیه ۲' }, actor);
});

describe('org units', () => {
  it('stores the region with its code upper-cased and its area from Persian digits', () => {
    expect(region).toMatchObject({ kind: 'region', code: 'R21', parentId: null, areaHa: 5156, version: 1, isSample: false });
  });

  it('puts a district under the region when no parent is given', () => {
    expect(d1.parentId).toBe(region.id);
  });

  it('lists the tree: region, districts by code, neighbourhoods by Persian name order', async () => {
    await org.createUnit({ kind: 'neighbourhood', parentId: d2.id, code: 'T-N1', name: 'کوی نصر' }, actor);
    await org.createUnit({ kind: 'neighbourhood', parentId: d2.id, code: 'T-N2', name: 'پونک' }, actor);
    await org.createUnit({ kind: 'neighbourhood', parentId: d2.id, code: 'T-N3', name: 'لادن' }, actor);
    const tree = await org.listTree();
    expect(tree.region?.id).toBe(region.id);
    expect(tree.districts.map((d) => d.unit.code)).toEqual(['R21-D1', 'R21-D2']);
    const names = tree.districts[1]!.neighbourhoods.map((n) => n.name);
    // Persian order: پ before ک before ل (code-point order would put پ after ل and ک last).
    expect(names).toEqual(['پونک', 'کوی نصر', 'لادن']);
    expect((await org.listNeighbourhoods(d2.id)).map((n) => n.name)).toEqual(names);
    expect((await org.listDistricts()).map((d) => d.name)).toEqual(['ناحیه ۱', 'ناحیه ۲']);
  });

  it('normalises the name on save and refuses a sibling that folds to the same name («علي» vs «علی»)', async () => {
    const first = await org.createUnit({ kind: 'neighbourhood', parentId: d1.id, code: 'T-ALI1', name: 'علی' }, actor);
    expect(first.name).toBe('علی');
    const e = await rejection(org.createUnit({ kind: 'neighbourhood', parentId: d1.id, code: 'T-ALI2', name: 'علي' }, actor));
    expect(e.status).toBe(422);
    expect(e.fieldErrors.name).toContain('ناحیه ۱');
    // The same name under another district is another place.
    const other = await org.createUnit({ kind: 'neighbourhood', parentId: d2.id, code: 'T-ALI3', name: 'علي' }, actor);
    expect(other.name).toBe('علی');
  });

  it('refuses a code already in use, whatever its case', async () => {
    const e = await rejection(org.createUnit({ kind: 'neighbourhood', parentId: d1.id, code: 'r21-d2', name: 'تازه' }, actor));
    expect(e.status).toBe(422);
    expect(e.fieldErrors.code).toMatch(/R21-D2/);
  });

  it('refuses codes outside the URL-safe alphabet', async () => {
    const e = await rejection(org.createUnit({ kind: 'neighbourhood', parentId: d1.id, code: 'ن ۱', name: 'تازه' }, actor));
    expect(e.fieldErrors.code).toBeDefined();
  });

  it('keeps kinds and parents consistent', async () => {
    const n = await org.createUnit({ kind: 'neighbourhood', parentId: d1.id, code: 'T-KP1', name: 'محلهٔ آزمون' }, actor);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ kind: 'region', code: 'R99', name: 'منطقهٔ دیگر' }, 'kind'],
      [{ kind: 'region', parentId: region.id, code: 'R98', name: 'منطقهٔ سوم' }, 'parentId'],
      [{ kind: 'district', parentId: d1.id, code: 'T-KP2', name: 'ناحیهٔ زیر ناحیه' }, 'parentId'],
      [{ kind: 'neighbourhood', code: 'T-KP3', name: 'بی‌پدر' }, 'parentId'],
      [{ kind: 'neighbourhood', parentId: region.id, code: 'T-KP4', name: 'زیر منطقه' }, 'parentId'],
      [{ kind: 'neighbourhood', parentId: n.id, code: 'T-KP5', name: 'زیر محله' }, 'parentId'],
      [{ kind: 'neighbourhood', parentId: 999_999, code: 'T-KP6', name: 'ناموجود' }, 'parentId'],
      [{ kind: 'city', code: 'T-KP7', name: 'شهر' }, 'kind'],
    ];
    for (const [input, field] of cases) {
      const e = await rejection(org.createUnit(input as never, actor));
      expect(e.status, JSON.stringify(input)).toBe(422);
      expect(e.fieldErrors[field], JSON.stringify(input)).toMatch(/[\u0600-\u06FF]/);
    }
  });

  it('validates the GeoJSON boundary and stores a valid one', async () => {
    const bad = [
      'not json',
      JSON.stringify({ type: 'Point', coordinates: [51, 35] }),
      JSON.stringify({ type: 'Polygon', coordinates: [[[51, 35], [52, 35], [52, 36], [51, 36]]] }),
      JSON.stringify({ type: 'Polygon', coordinates: [[[251, 35], [252, 35], [252, 36], [251, 35]]] }),
      { type: 'LineString', coordinates: [] },
    ];
    for (const geometry of bad) {
      const e = await rejection(org.createUnit({ kind: 'neighbourhood', parentId: d1.id, code: 'T-GEO', name: 'مرزدار', geometry }, actor));
      expect(e.fieldErrors.geometry).toMatch(/^«مرز \(GeoJSON\)»: /);
    }
    const ok = await org.createUnit(
      { kind: 'neighbourhood', parentId: d1.id, code: 'T-GEO', name: 'مرزدار', geometry: JSON.stringify({ type: 'Feature', properties: {}, geometry: square }) },
      actor,
    );
    expect(ok.geometry).toEqual(square);
    expect((await org.getUnit(ok.id)).geometry).toEqual(square);
  });

  it('parses Jalali dates, refuses a day that does not exist and a closing before the opening', async () => {
    const opened = await org.createUnit(
      { kind: 'neighbourhood', parentId: d1.id, code: 'T-DATE1', name: 'تاریخ‌دار', openedOn: '۱۳۸۳/۰۱/۰۱', closedOn: '1404/07/30' },
      actor,
    );
    expect(opened.openedOn).toBe('2004-03-20');
    expect(opened.closedOn).toBe('2025-10-22');
    for (const openedOn of ['1402/12/30', '1404/07/31', '1404/13/01']) {
      const e = await rejection(org.createUnit({ kind: 'neighbourhood', parentId: d1.id, code: 'T-DATE2', name: 'بی‌تاریخ', openedOn }, actor));
      expect(e.fieldErrors.openedOn, openedOn).toMatch(/^«تاریخ آغاز به کار»/);
    }
    const e = await rejection(
      org.createUnit({ kind: 'neighbourhood', parentId: d1.id, code: 'T-DATE3', name: 'وارونه', openedOn: '1400/01/02', closedOn: '1400/01/01' }, actor),
    );
    expect(e.fieldErrors.closedOn).toBeDefined();
  });

  it('accepts the area in Persian, Arabic-Indic or Latin digits, with at most two decimals', async () => {
    const a = await org.createUnit({ kind: 'neighbourhood', parentId: d1.id, code: 'T-AREA1', name: 'مساحت ۱', areaHa: '۱۲٫۵' }, actor);
    expect(a.areaHa).toBe(12.5);
    const b = await org.createUnit({ kind: 'neighbourhood', parentId: d1.id, code: 'T-AREA2', name: 'مساحت ۲', areaHa: '٣٤' }, actor);
    expect(b.areaHa).toBe(34);
    const c = await org.createUnit({ kind: 'neighbourhood', parentId: d1.id, code: 'T-AREA3', name: 'مساحت ۳', areaHa: '1,250.75' }, actor);
    expect(c.areaHa).toBe(1250.75);
    for (const areaHa of ['1.234', '-5', 'دوازده', '1e3']) {
      const e = await rejection(org.createUnit({ kind: 'neighbourhood', parentId: d1.id, code: 'T-AREA4', name: 'مساحت ۴', areaHa }, actor));
      expect(e.fieldErrors.areaHa, areaHa).toMatch(/^«مساحت»/);
    }
  });

  it('does not coerce JSON null or true into numbers, booleans or text', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ areaHa: null }, 'areaHa'],
      [{ areaHa: true }, 'areaHa'],
      [{ parentId: true }, 'parentId'],
      [{ parentId: null }, 'parentId'],
      [{ name: null }, 'name'],
      [{ code: 12 }, 'code'],
      [{ isSample: 'yes' }, 'isSample'],
      [{ openedOn: 14000101 }, 'openedOn'],
    ];
    for (const [patch, field] of cases) {
      const input = { kind: 'neighbourhood', parentId: d1.id, code: 'T-NULL', name: 'تهی', ...patch };
      const e = await rejection(org.createUnit(input as never, actor));
      expect(e.status).toBe(422);
      expect(e.fieldErrors[field], JSON.stringify(patch)).toBeDefined();
    }
    const [r] = await database.db.select({ n: count() }).from(orgUnits).where(eq(orgUnits.code, 'T-NULL'));
    expect(r?.n).toBe(0);
  });

  it('refuses unknown fields', async () => {
    const e = await rejection(org.createUnit({ kind: 'district', code: 'T-X', name: 'ناحیهٔ ایکس', population: 5 } as never, actor));
    expect(e.fieldErrors._form).toContain('population');
  });

  it('updates with the version it started from, and writes one audit row per change', async () => {
    const n = await org.createUnit({ kind: 'neighbourhood', parentId: d1.id, code: 'T-UPD', name: 'پیش از ویرایش', isSample: true }, actor);
    expect(await auditCount('org_unit', n.id)).toBe(1);
    const updated = await org.updateUnit(
      n.id,
      { parentId: String(d2.id), code: 'T-UPD', name: 'پس از ویرایش', areaHa: '10', version: '۱' },
      { userId: null, label: 'editor', ip: '127.0.0.1' },
    );
    expect(updated).toMatchObject({ version: 2, parentId: d2.id, name: 'پس از ویرایش', areaHa: 10, isSample: false });
    expect(await auditCount('org_unit', n.id)).toBe(2);
    const [row] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'org_unit'), eq(auditLog.entityId, String(n.id)), eq(auditLog.action, 'org.unit.update')));
    expect(row).toMatchObject({ actorLabel: 'editor', ip: '127.0.0.1' });
    expect(row!.details).toMatchObject({
      version: 2,
      changes: { name: { from: 'پیش از ویرایش', to: 'پس از ویرایش' }, parentId: { from: d1.id, to: d2.id }, isSample: { from: true, to: false } },
    });
  });

  it('answers a stale version with 409 and writes nothing', async () => {
    const n = await org.createUnit({ kind: 'neighbourhood', parentId: d1.id, code: 'T-STALE', name: 'هم‌زمان' }, actor);
    await org.updateUnit(n.id, { parentId: d1.id, code: 'T-STALE', name: 'نخستین ویرایش', version: 1 }, actor);
    const e = await rejection(org.updateUnit(n.id, { parentId: d1.id, code: 'T-STALE', name: 'ویرایش کهنه', version: 1 }, actor));
    expect(e.status).toBe(409);
    expect(e.code).toBe('conflict');
    const now = await org.getUnit(n.id);
    expect(now).toMatchObject({ name: 'نخستین ویرایش', version: 2 });
    expect(await auditCount('org_unit', n.id)).toBe(2);
  });

  it('a 422 on update writes nothing either', async () => {
    const n = await org.createUnit({ kind: 'neighbourhood', parentId: d1.id, code: 'T-BADUPD', name: 'بی‌تغییر' }, actor);
    const e = await rejection(org.updateUnit(n.id, { parentId: d1.id, code: 'R21-D1', name: 'بی‌تغییر', version: 1 }, actor));
    expect(e.status).toBe(422);
    expect(await org.getUnit(n.id)).toMatchObject({ code: 'T-BADUPD', version: 1 });
    expect(await auditCount('org_unit', n.id)).toBe(1);
  });

  it('answers 404 for a unit that does not exist', async () => {
    expect((await rejection(org.updateUnit(999_999, { code: 'X', name: 'x', version: 1 }, actor))).status).toBe(404);
    expect((await rejection(org.getUnit(999_999))).status).toBe(404);
  });

  it('finds units by code in any case and with Persian digits', async () => {
    expect((await org.getUnitByCode('r21-d1'))?.id).toBe(d1.id);
    expect((await org.getUnitByCode('R21-D۲'))?.id).toBe(d2.id);
    expect(await org.getUnitByCode('nope')).toBeNull();
  });
});

describe('departments', () => {
  it('creates departments on the region and district offices on districts', async () => {
    const dept = await org.createDepartment({ orgUnitId: region.id, kind: 'deputy', key: 'Urban_Services', name: 'معاونت خدمات شهري' }, actor);
    expect(dept).toMatchObject({ key: 'urban_services', name: 'معاونت خدمات شهری', isActive: true, version: 1 });
    const office = await org.createDepartment({ orgUnitId: String(d1.id), kind: 'district_office', key: 'district_office', name: 'شهرداری ناحیه ۱' }, actor);
    expect(office.orgUnitId).toBe(d1.id);
    // The same key on another unit is fine.
    await org.createDepartment({ orgUnitId: d2.id, kind: 'district_office', key: 'district_office', name: 'شهرداری ناحیه ۲' }, actor);
    expect(await auditCount('department', dept.id)).toBe(1);
    expect((await org.listDepartments()).length).toBe(3);
    const groups = await org.listDepartmentsByUnit();
    expect(groups.map((g) => g.unit.code)).toEqual(['R21', 'R21-D1', 'R21-D2']);
  });

  it('refuses bad attachments, duplicate keys and names', async () => {
    const [n] = await org.listNeighbourhoods(d1.id);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ orgUnitId: region.id, kind: 'district_office', key: 'x_office', name: 'دفتر' }, 'kind'],
      [{ orgUnitId: n!.id, kind: 'office', key: 'n_office', name: 'دفتر محله' }, 'orgUnitId'],
      [{ orgUnitId: region.id, kind: 'deputy', key: 'urban_services', name: 'نام دیگر' }, 'key'],
      [{ orgUnitId: region.id, kind: 'deputy', key: 'other', name: 'معاونت خدمات شهری' }, 'name'],
      [{ orgUnitId: region.id, kind: 'deputy', key: '1bad', name: 'کلید بد' }, 'key'],
      [{ orgUnitId: 999_999, kind: 'deputy', key: 'ghost', name: 'ناموجود' }, 'orgUnitId'],
      [{ orgUnitId: null, kind: 'deputy', key: 'nullish', name: 'تهی' }, 'orgUnitId'],
    ];
    for (const [input, field] of cases) {
      const e = await rejection(org.createDepartment(input as never, actor));
      expect(e.status, JSON.stringify(input)).toBe(422);
      expect(e.fieldErrors[field], JSON.stringify(input)).toBeDefined();
    }
  });

  it('updates with a version; a stale one is a 409 that writes nothing', async () => {
    const dept = await org.createDepartment({ orgUnitId: region.id, kind: 'office', key: 'pr', name: 'روابط عمومی' }, actor);
    const updated = await org.updateDepartment(dept.id, { orgUnitId: region.id, kind: 'office', name: 'ادارهٔ روابط عمومی', isActive: 'on', version: 1 }, actor);
    expect(updated).toMatchObject({ name: 'ادارهٔ روابط عمومی', key: 'pr', version: 2, isActive: true });
    const e = await rejection(org.updateDepartment(dept.id, { orgUnitId: region.id, kind: 'office', name: 'کهنه', version: 1 }, actor));
    expect(e.status).toBe(409);
    expect((await org.getDepartment(dept.id)).name).toBe('ادارهٔ روابط عمومی');
    expect(await auditCount('department', dept.id)).toBe(2);
    const off = await org.updateDepartment(dept.id, { orgUnitId: region.id, kind: 'office', name: 'ادارهٔ روابط عمومی', version: 2 }, actor);
    expect(off.isActive).toBe(false);
  });

  it('describes scopes in Persian', async () => {
    const depts = await org.listDepartments();
    const services = depts.find((d) => d.key === 'urban_services')!;
    const office = depts.find((d) => d.orgUnitId === d1.id)!;
    const [n] = await org.listNeighbourhoods(d1.id);
    expect(await org.describeScope({ orgUnitId: region.id })).toBe('منطقه ۲۱');
    expect(await org.describeScope({ orgUnitId: d1.id, departmentId: null })).toBe('ناحیه ۱');
    expect(await org.describeScope({ departmentId: services.id })).toBe('معاونت خدمات شهری');
    expect(await org.describeScope({ departmentId: office.id })).toBe('شهرداری ناحیه ۱');
    expect(await org.describeScope({ orgUnitId: n!.id })).toBe(`محلهٔ ${n!.name} (ناحیه ۱)`);
    expect(await org.describeScopes([{ orgUnitId: d2.id }, { departmentId: 999_999 }, {}])).toEqual(['ناحیه ۲', 'واحد نامعلوم', 'بدون محدوده']);
  });
});
