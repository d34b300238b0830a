// The organisation: one region → its districts → their neighbourhoods, and the
// departments attached to the region or a district. Every write is one transaction
// with its audit row; edits carry the version they started from (stale → 409).
import type { Clock } from '../../core/clock.js';
import { withTransaction, type Db, type DbOrTx } from '../../core/db/index.js';
import { recordAudit } from '../../core/audit/audit.js';
import { conflict, notFound, validationFailed, type FieldErrors } from '../../core/errors.js';
import { parseInput } from '../../core/http/forms.js';
import { fold, toAsciiDigits } from '../../core/persian/index.js';
import type { DepartmentKind, OrgUnitKind } from './org.tables.js';

export { DEPARTMENT_KINDS, ORG_UNIT_KINDS, type DepartmentKind, type OrgUnitKind } from './org.tables.js';
import type { UnitGeometry } from './org.geometry.js';
import {
  departmentCreateSchema,
  departmentUpdateSchema,
  unitCreateSchema,
  unitUpdateSchema,
  type DepartmentCreateInput,
  type DepartmentUpdateInput,
  type UnitCreateInput,
  type UnitUpdateInput,
} from './org.inputs.js';
import * as repo from './org.repository.js';
import type { DepartmentRow, OrgUnitRow } from './org.repository.js';

export interface OrgUnit {
  id: number;
  parentId: number | null;
  kind: OrgUnitKind;
  code: string;
  name: string;
  /** Hectares. */
  areaHa: number | null;
  geometry: UnitGeometry | null;
  /** Gregorian ISO dates (YYYY-MM-DD); shown in Jalali. */
  openedOn: string | null;
  closedOn: string | null;
  isSample: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface Department {
  id: number;
  orgUnitId: number;
  key: string;
  kind: DepartmentKind;
  name: string;
  isActive: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface DistrictNode {
  unit: OrgUnit;
  neighbourhoods: OrgUnit[];
}

export interface OrgTree {
  region: OrgUnit | null;
  districts: DistrictNode[];
}

/** Who is making a change, for the audit trail. `userId` null: the CLI or the seed. */
export interface OrgActor {
  userId: number | null;
  label?: string | null;
  ip?: string | null;
}

/** A membership's scope, as the auth feature stores it. */
export interface ScopeRef {
  orgUnitId?: number | null;
  departmentId?: number | null;
}

export const UNIT_KIND_LABELS: Record<OrgUnitKind, string> = {
  region: 'منطقه',
  district: 'ناحیه',
  neighbourhood: 'محله',
};

export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = {
  deputy: 'معاونت',
  office: 'اداره / واحد',
  district_office: 'شهرداری ناحیه',
};

/** The public name of the municipality a region belongs to: «شهرداری منطقه ۲۱ تهران». */
export function regionPublicName(region: Pick<OrgUnit, 'name'>): string {
  return `شهرداری ${region.name} تهران`;
}

const collator = new Intl.Collator('fa');
const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);

function toUnit(row: OrgUnitRow): OrgUnit {
  return {
    id: row.id,
    parentId: row.parentId,
    kind: row.kind,
    code: row.code,
    name: row.name,
    areaHa: row.areaHa === null ? null : Number(row.areaHa),
    geometry: (row.geometry ?? null) as UnitGeometry | null,
    openedOn: row.openedOn,
    closedOn: row.closedOn,
    isSample: row.isSample,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toDepartment(row: DepartmentRow): Department {
  return {
    id: row.id,
    orgUnitId: row.orgUnitId,
    key: row.key,
    kind: row.kind,
    name: row.name,
    isActive: row.isActive,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The name a person reads for a scope: «ناحیه ۳»، «محلهٔ وردآورد (ناحیه ۳)»، «معاونت … — ناحیه ۱». */
function unitLabel(unit: OrgUnitRow | OrgUnit, parent: OrgUnitRow | OrgUnit | undefined): string {
  if (unit.kind === 'neighbourhood') return parent ? `محلهٔ ${unit.name} (${parent.name})` : `محلهٔ ${unit.name}`;
  return unit.name;
}

function departmentLabel(dept: DepartmentRow | Department, unit: OrgUnitRow | OrgUnit | undefined): string {
  if (!unit || unit.kind === 'region' || dept.kind === 'district_office') return dept.name;
  return `${dept.name} — ${unit.name}`;
}

/** Changed fields, for the audit row: before and after of each. */
function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      out[key] = { from: before[key] ?? null, to: after[key] ?? null };
    }
  }
  return out;
}

function auditableUnit(u: OrgUnit | repo.UnitValues): Record<string, unknown> {
  return {
    parentId: u.parentId,
    code: u.code,
    name: u.name,
    areaHa: u.areaHa === null ? null : Number(u.areaHa),
    // The geometry can be large: the trail records that it changed, not every vertex.
    geometry: u.geometry ? `${(u.geometry as UnitGeometry).type}:${JSON.stringify(u.geometry).length}` : null,
    openedOn: u.openedOn,
    closedOn: u.closedOn,
    isSample: u.isSample,
  };
}

/** PostgreSQL unique violations that slipped past the checks (two writers at once). */
function uniqueViolation(err: unknown): string | undefined {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: string; constraint?: string };
    if (pg.code === '23505') return pg.constraint ?? '';
  }
  return undefined;
}

const MSG = {
  codeTaken: (code: string) => `کد «${code}» پیش‌تر برای واحد دیگری به کار رفته است.`,
  siblingName: (name: string, parent: string) => `«${name}» هم‌اکنون در ${parent} هست (یا نامی که همین‌طور خوانده می‌شود).`,
  regionName: (name: string) => `منطقه‌ای با نام «${name}» هم‌اکنون هست.`,
  nameTaken: (name: string) => `واحدی با نام «${name}» (یا نامی که همین‌طور خوانده می‌شود) در همین سطح هست.`,
  oneRegion: 'سامانه فقط یک منطقه دارد و منطقه پیش‌تر تعریف شده است.',
  regionNoParent: 'منطقه واحد بالاتر ندارد؛ این فیلد را خالی بگذارید.',
  needRegion: 'نخست منطقه را تعریف کنید؛ ناحیه زیرمجموعهٔ منطقه است.',
  districtParent: 'واحد بالاتر ناحیه باید منطقه باشد.',
  neighbourhoodParent: 'محله باید زیرمجموعهٔ یک ناحیه باشد؛ ناحیهٔ آن را انتخاب کنید.',
  noParent: 'واحد بالاتر انتخاب‌شده پیدا نشد.',
  closedBeforeOpened: 'تاریخ پایان کار نمی‌تواند پیش از تاریخ آغاز به کار باشد.',
  deptUnit: 'واحد انتخاب‌شده پیدا نشد.',
  deptNotNeighbourhood: 'معاونت‌ها و اداره‌ها به منطقه یا یک ناحیه وابسته‌اند، نه به محله.',
  deptDistrictOffice: '«شهرداری ناحیه» فقط به یک ناحیه وابسته می‌شود.',
  deptKeyTaken: (key: string) => `شناسهٔ «${key}» در این واحد پیش‌تر به کار رفته است.`,
  deptNameTaken: (name: string) => `«${name}» هم‌اکنون در این واحد هست (یا نامی که همین‌طور خوانده می‌شود).`,
  unitNotFound: 'واحد سازمانی پیدا نشد.',
  deptNotFound: 'این معاونت یا اداره پیدا نشد.',
} as const;

/** Required id fields parse to a number; the schema already refused an empty one. */
function presentId(v: number | null): number {
  if (v === null) throw validationFailed({ orgUnitId: 'واحد را انتخاب کنید.' });
  return v;
}

function throwIfErrors(errors: FieldErrors): void {
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
}

export function createOrgService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function regionRow(h: DbOrTx): Promise<OrgUnitRow | undefined> {
    const [region] = await repo.listUnitsByKind(h, 'region');
    return region;
  }

  /** Kind ↔ parent rules; returns the parent id to store. */
  async function checkPlacement(
    h: DbOrTx,
    kind: OrgUnitKind,
    parentId: number | null,
    errors: FieldErrors,
    selfId?: number,
  ): Promise<{ parentId: number | null; parent: OrgUnitRow | undefined }> {
    if (kind === 'region') {
      if (parentId !== null) errors.parentId = MSG.regionNoParent;
      const existing = await regionRow(h);
      if (existing && existing.id !== selfId) errors.kind = MSG.oneRegion;
      return { parentId: null, parent: undefined };
    }
    if (kind === 'district') {
      const region = await regionRow(h);
      if (!region) {
        errors.parentId = MSG.needRegion;
        return { parentId: null, parent: undefined };
      }
      // There is one region, so an empty choice means it.
      if (parentId !== null && parentId !== region.id) errors.parentId = MSG.districtParent;
      return { parentId: region.id, parent: region };
    }
    if (parentId === null) {
      errors.parentId = MSG.neighbourhoodParent;
      return { parentId: null, parent: undefined };
    }
    const parent = await repo.findUnitById(h, parentId);
    if (!parent) errors.parentId = MSG.noParent;
    else if (parent.kind !== 'district') errors.parentId = MSG.neighbourhoodParent;
    return { parentId, parent };
  }

  async function checkUnitUniqueness(
    h: DbOrTx,
    values: { code: string; name: string; nameKey: string; parentId: number | null; kind: OrgUnitKind },
    parent: OrgUnitRow | undefined,
    errors: FieldErrors,
    selfId?: number,
  ): Promise<void> {
    const sameCode = await repo.findUnitByCode(h, values.code);
    if (sameCode && sameCode.id !== selfId) errors.code = MSG.codeTaken(values.code);
    if (errors.parentId || errors.kind) return;
    const sibling = await repo.findSiblingByNameKey(h, values.parentId, values.nameKey, selfId);
    if (sibling) {
      errors.name = values.kind === 'region' || !parent ? MSG.regionName(values.name) : MSG.siblingName(values.name, parent.name);
    }
  }

  function checkDates(openedOn: string | null, closedOn: string | null, errors: FieldErrors): void {
    if (openedOn && closedOn && closedOn < openedOn) errors.closedOn = MSG.closedBeforeOpened;
  }

  /** Maps a unique violation from a concurrent writer to the same field errors the checks give. */
  function rethrowUnitUnique(err: unknown, code: string, name: string): never {
    const constraint = uniqueViolation(err);
    if (constraint === 'org_units_code_uq') throw validationFailed({ code: MSG.codeTaken(code) });
    if (constraint === 'org_units_parent_name_uq') throw validationFailed({ name: MSG.nameTaken(name) });
    throw err;
  }

  function rethrowDepartmentUnique(err: unknown, key: string, name: string): never {
    const constraint = uniqueViolation(err);
    if (constraint === 'departments_unit_key_uq') throw validationFailed({ key: MSG.deptKeyTaken(key) });
    if (constraint === 'departments_unit_name_uq') throw validationFailed({ name: MSG.deptNameTaken(name) });
    throw err;
  }

  async function checkDepartmentUnit(
    h: DbOrTx,
    orgUnitId: number,
    kind: DepartmentKind,
    errors: FieldErrors,
  ): Promise<OrgUnitRow | undefined> {
    const unit = await repo.findUnitById(h, orgUnitId);
    if (!unit) errors.orgUnitId = MSG.deptUnit;
    else if (unit.kind === 'neighbourhood') errors.orgUnitId = MSG.deptNotNeighbourhood;
    else if (kind === 'district_office' && unit.kind !== 'district') errors.kind = MSG.deptDistrictOffice;
    return unit;
  }

  const service = {
    /** True when no org unit exists yet (a fresh database). */
    async isEmpty(): Promise<boolean> {
      return (await repo.countUnits(db)) === 0;
    },

    async getRegion(): Promise<OrgUnit | null> {
      const region = await regionRow(db);
      return region ? toUnit(region) : null;
    },

    /** The whole tree: the region, its districts by code, each district's neighbourhoods by name. */
    async listTree(): Promise<OrgTree> {
      const rows = (await repo.listUnits(db)).map(toUnit);
      const region = rows.find((u) => u.kind === 'region') ?? null;
      const districts = rows
        .filter((u) => u.kind === 'district')
        .map((unit) => ({
          unit,
          neighbourhoods: rows.filter((n) => n.kind === 'neighbourhood' && n.parentId === unit.id).sort(byName),
        }));
      return { region, districts };
    },

    async listUnits(): Promise<OrgUnit[]> {
      return (await repo.listUnits(db)).map(toUnit);
    },

    async listDistricts(): Promise<OrgUnit[]> {
      return (await repo.listUnitsByKind(db, 'district')).map(toUnit);
    },

    async listNeighbourhoods(districtId: number): Promise<OrgUnit[]> {
      return (await repo.listChildren(db, districtId))
        .filter((u) => u.kind === 'neighbourhood')
        .map(toUnit)
        .sort(byName);
    },

    async findUnit(id: number): Promise<OrgUnit | null> {
      const row = await repo.findUnitById(db, id);
      return row ? toUnit(row) : null;
    },

    /** Throws a Persian 404 when absent. */
    async getUnit(id: number): Promise<OrgUnit> {
      const row = await repo.findUnitById(db, id);
      if (!row) throw notFound(MSG.unitNotFound);
      return toUnit(row);
    },

    /** Codes are stored upper-case; any case and Persian digits are accepted here. */
    async getUnitByCode(code: string): Promise<OrgUnit | null> {
      const normalised = toAsciiDigits(code.trim()).toUpperCase();
      const row = await repo.findUnitByCode(db, normalised);
      return row ? toUnit(row) : null;
    },

    async createUnit(input: UnitCreateInput, actor: OrgActor): Promise<OrgUnit> {
      const data = parseInput(unitCreateSchema, input);
      const values: repo.UnitValues = {
        parentId: data.parentId,
        kind: data.kind,
        code: data.code,
        name: data.name,
        nameKey: fold(data.name),
        areaHa: data.areaHa === null ? null : data.areaHa.toFixed(2),
        geometry: data.geometry,
        openedOn: data.openedOn,
        closedOn: data.closedOn,
        isSample: data.isSample,
      };
      try {
        return await withTransaction(db, async (tx) => {
          const errors: FieldErrors = {};
          const placement = await checkPlacement(tx, data.kind, data.parentId, errors);
          values.parentId = placement.parentId;
          await checkUnitUniqueness(tx, values, placement.parent, errors);
          checkDates(values.openedOn, values.closedOn, errors);
          throwIfErrors(errors);
          const row = await repo.insertUnit(tx, values, clock.now());
          const unit = toUnit(row);
          await recordAudit(tx, {
            actorUserId: actor.userId,
            actorLabel: actor.label ?? null,
            ip: actor.ip ?? null,
            action: 'org.unit.create',
            entityType: 'org_unit',
            entityId: unit.id,
            details: { kind: unit.kind, ...auditableUnit(unit) },
          });
          return unit;
        });
      } catch (err) {
        rethrowUnitUnique(err, values.code, values.name);
      }
    },

    async updateUnit(id: number, input: UnitUpdateInput, actor: OrgActor): Promise<OrgUnit> {
      const data = parseInput(unitUpdateSchema, input);
      const nameKey = fold(data.name);
      try {
        return await withTransaction(db, async (tx) => {
          const current = await repo.findUnitForUpdate(tx, id);
          if (!current) throw notFound(MSG.unitNotFound);
          if (current.version !== data.version) throw conflict();
          const errors: FieldErrors = {};
          const placement = await checkPlacement(tx, current.kind, data.parentId, errors, id);
          const values: Omit<repo.UnitValues, 'kind'> = {
            parentId: placement.parentId,
            code: data.code,
            name: data.name,
            nameKey,
            areaHa: data.areaHa === null ? null : data.areaHa.toFixed(2),
            geometry: data.geometry,
            openedOn: data.openedOn,
            closedOn: data.closedOn,
            isSample: data.isSample,
          };
          await checkUnitUniqueness(tx, { ...values, kind: current.kind }, placement.parent, errors, id);
          checkDates(values.openedOn, values.closedOn, errors);
          throwIfErrors(errors);
          const row = await repo.updateUnit(tx, id, data.version, values, clock.now());
          // The row is locked, so this only happens if the lock was somehow bypassed.
          if (!row) throw conflict();
          const unit = toUnit(row);
          await recordAudit(tx, {
            actorUserId: actor.userId,
            actorLabel: actor.label ?? null,
            ip: actor.ip ?? null,
            action: 'org.unit.update',
            entityType: 'org_unit',
            entityId: id,
            details: { version: unit.version, changes: diff(auditableUnit(toUnit(current)), auditableUnit(unit)) },
          });
          return unit;
        });
      } catch (err) {
        rethrowUnitUnique(err, data.code, data.name);
      }
    },

    async listDepartments(): Promise<Department[]> {
      return (await repo.listDepartments(db)).map(toDepartment);
    },

    /** Departments grouped under the unit they are attached to (region first, then districts by code). */
    async listDepartmentsByUnit(): Promise<{ unit: OrgUnit; departments: Department[] }[]> {
      // Sequential on purpose: the seed runs this service on one transaction's client.
      const units = await repo.listUnits(db);
      const depts = await repo.listDepartments(db);
      const order = (u: OrgUnitRow) => (u.kind === 'region' ? 0 : u.kind === 'district' ? 1 : 2);
      return units
        .filter((u) => u.kind !== 'neighbourhood')
        .sort((a, b) => order(a) - order(b) || a.code.localeCompare(b.code))
        .map((u) => ({
          unit: toUnit(u),
          departments: depts
            .filter((d) => d.orgUnitId === u.id)
            .map(toDepartment)
            .sort((a, b) => (a.kind === 'district_office' ? -1 : 0) - (b.kind === 'district_office' ? -1 : 0) || byName(a, b)),
        }));
    },

    async findDepartment(id: number): Promise<Department | null> {
      const row = await repo.findDepartmentById(db, id);
      return row ? toDepartment(row) : null;
    },

    async getDepartment(id: number): Promise<Department> {
      const row = await repo.findDepartmentById(db, id);
      if (!row) throw notFound(MSG.deptNotFound);
      return toDepartment(row);
    },

    async getDepartmentByKey(orgUnitId: number, key: string): Promise<Department | null> {
      const row = await repo.findDepartmentByKey(db, orgUnitId, key.trim().toLowerCase());
      return row ? toDepartment(row) : null;
    },

    async createDepartment(input: DepartmentCreateInput, actor: OrgActor): Promise<Department> {
      const data = parseInput(departmentCreateSchema, input);
      const orgUnitId = presentId(data.orgUnitId);
      const nameKey = fold(data.name);
      try {
        return await withTransaction(db, async (tx) => {
          const errors: FieldErrors = {};
          const unit = await checkDepartmentUnit(tx, orgUnitId, data.kind, errors);
          if (unit && !errors.orgUnitId) {
            if (await repo.findDepartmentByKey(tx, unit.id, data.key)) errors.key = MSG.deptKeyTaken(data.key);
            if (await repo.findDepartmentByNameKey(tx, unit.id, nameKey)) errors.name = MSG.deptNameTaken(data.name);
          }
          throwIfErrors(errors);
          const row = await repo.insertDepartment(
            tx,
            { orgUnitId, key: data.key, kind: data.kind, name: data.name, nameKey, isActive: true },
            clock.now(),
          );
          await recordAudit(tx, {
            actorUserId: actor.userId,
            actorLabel: actor.label ?? null,
            ip: actor.ip ?? null,
            action: 'org.department.create',
            entityType: 'department',
            entityId: row.id,
            details: { orgUnitId: row.orgUnitId, key: row.key, kind: row.kind, name: row.name },
          });
          return toDepartment(row);
        });
      } catch (err) {
        rethrowDepartmentUnique(err, data.key, data.name);
      }
    },

    async updateDepartment(id: number, input: DepartmentUpdateInput, actor: OrgActor): Promise<Department> {
      const data = parseInput(departmentUpdateSchema, input);
      const orgUnitId = presentId(data.orgUnitId);
      const nameKey = fold(data.name);
      let key = '';
      try {
        return await withTransaction(db, async (tx) => {
          const current = await repo.findDepartmentForUpdate(tx, id);
          if (!current) throw notFound(MSG.deptNotFound);
          if (current.version !== data.version) throw conflict();
          key = current.key;
          const errors: FieldErrors = {};
          const unit = await checkDepartmentUnit(tx, orgUnitId, data.kind, errors);
          if (unit && !errors.orgUnitId) {
            if (unit.id !== current.orgUnitId && (await repo.findDepartmentByKey(tx, unit.id, current.key))) {
              errors.orgUnitId = MSG.deptKeyTaken(current.key);
            }
            if (await repo.findDepartmentByNameKey(tx, unit.id, nameKey, id)) errors.name = MSG.deptNameTaken(data.name);
          }
          throwIfErrors(errors);
          const values = { orgUnitId, kind: data.kind, name: data.name, nameKey, isActive: data.isActive };
          const row = await repo.updateDepartment(tx, id, data.version, values, clock.now());
          if (!row) throw conflict();
          const pick = (d: DepartmentRow) => ({ orgUnitId: d.orgUnitId, kind: d.kind, name: d.name, isActive: d.isActive });
          await recordAudit(tx, {
            actorUserId: actor.userId,
            actorLabel: actor.label ?? null,
            ip: actor.ip ?? null,
            action: 'org.department.update',
            entityType: 'department',
            entityId: id,
            details: { version: row.version, changes: diff(pick(current), pick(row)) },
          });
          return toDepartment(row);
        });
      } catch (err) {
        rethrowDepartmentUnique(err, key, data.name);
      }
    },

    /** A Persian label for a membership's scope, e.g. «ناحیه ۳» or «معاونت خدمات شهری و محیط زیست». */
    async describeScope(scope: ScopeRef): Promise<string> {
      const [label] = await service.describeScopes([scope]);
      return label!;
    },

    /** Labels for many scopes with two queries (for lists of users). */
    async describeScopes(scopes: readonly ScopeRef[]): Promise<string[]> {
      const deptIds = [...new Set(scopes.map((s) => s.departmentId).filter((v): v is number => typeof v === 'number'))];
      const depts = new Map((await repo.findDepartmentsByIds(db, deptIds)).map((d) => [d.id, d]));
      const unitIds = new Set<number>();
      for (const s of scopes) if (typeof s.orgUnitId === 'number') unitIds.add(s.orgUnitId);
      for (const d of depts.values()) unitIds.add(d.orgUnitId);
      let units = new Map((await repo.findUnitsByIds(db, [...unitIds])).map((u) => [u.id, u]));
      const parentIds = [...units.values()].map((u) => u.parentId).filter((p): p is number => p !== null && !units.has(p));
      if (parentIds.length) {
        const parents = await repo.findUnitsByIds(db, parentIds);
        units = new Map([...units, ...parents.map((u) => [u.id, u] as const)]);
      }
      return scopes.map((s) => {
        if (typeof s.departmentId === 'number') {
          const d = depts.get(s.departmentId);
          return d ? departmentLabel(d, units.get(d.orgUnitId)) : 'واحد نامعلوم';
        }
        if (typeof s.orgUnitId === 'number') {
          const u = units.get(s.orgUnitId);
          return u ? unitLabel(u, u.parentId === null ? undefined : units.get(u.parentId)) : 'واحد نامعلوم';
        }
        return 'بدون محدوده';
      });
    },
  };
  return service;
}

export type OrgService = ReturnType<typeof createOrgService>;
