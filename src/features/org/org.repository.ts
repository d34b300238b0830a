// Drizzle queries for org units and departments. No rules here: the service decides.
import { and, asc, count, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/index.js';
import { departments, orgUnits } from './org.tables.js';

export type OrgUnitRow = typeof orgUnits.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;

export interface UnitValues {
  parentId: number | null;
  kind: OrgUnitRow['kind'];
  code: string;
  name: string;
  nameKey: string;
  areaHa: string | null;
  geometry: unknown;
  openedOn: string | null;
  closedOn: string | null;
  isSample: boolean;
}

export interface DepartmentValues {
  orgUnitId: number;
  key: string;
  kind: DepartmentRow['kind'];
  name: string;
  nameKey: string;
  isActive: boolean;
}

export async function countUnits(db: DbOrTx): Promise<number> {
  const [r] = await db.select({ n: count() }).from(orgUnits);
  return r?.n ?? 0;
}

export async function listUnits(db: DbOrTx): Promise<OrgUnitRow[]> {
  return db.select().from(orgUnits).orderBy(asc(orgUnits.code));
}

export async function listUnitsByKind(db: DbOrTx, kind: OrgUnitRow['kind']): Promise<OrgUnitRow[]> {
  return db.select().from(orgUnits).where(eq(orgUnits.kind, kind)).orderBy(asc(orgUnits.code));
}

export async function listChildren(db: DbOrTx, parentId: number): Promise<OrgUnitRow[]> {
  return db.select().from(orgUnits).where(eq(orgUnits.parentId, parentId)).orderBy(asc(orgUnits.code));
}

export async function findUnitById(db: DbOrTx, id: number): Promise<OrgUnitRow | undefined> {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.id, id));
  return row;
}

/** Locks the row for the rest of the transaction, so a concurrent edit waits and then sees the new version. */
export async function findUnitForUpdate(db: DbOrTx, id: number): Promise<OrgUnitRow | undefined> {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.id, id)).for('update');
  return row;
}

export async function findUnitsByIds(db: DbOrTx, ids: number[]): Promise<OrgUnitRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(orgUnits).where(inArray(orgUnits.id, ids));
}

export async function findUnitByCode(db: DbOrTx, code: string): Promise<OrgUnitRow | undefined> {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.code, code));
  return row;
}

/** A sibling (same parent; for the region, another root) whose folded name is the same. */
export async function findSiblingByNameKey(
  db: DbOrTx,
  parentId: number | null,
  nameKey: string,
  excludeId?: number,
): Promise<OrgUnitRow | undefined> {
  const [row] = await db
    .select()
    .from(orgUnits)
    .where(
      and(
        parentId === null ? isNull(orgUnits.parentId) : eq(orgUnits.parentId, parentId),
        eq(orgUnits.nameKey, nameKey),
        excludeId === undefined ? undefined : ne(orgUnits.id, excludeId),
      ),
    )
    .limit(1);
  return row;
}

export async function countChildren(db: DbOrTx, parentId: number): Promise<number> {
  const [r] = await db.select({ n: count() }).from(orgUnits).where(eq(orgUnits.parentId, parentId));
  return r?.n ?? 0;
}

export async function insertUnit(db: DbOrTx, values: UnitValues, now: Date): Promise<OrgUnitRow> {
  const [row] = await db
    .insert(orgUnits)
    .values({ ...values, createdAt: now, updatedAt: now })
    .returning();
  return row!;
}

/** Writes only if the row still has `version`; undefined means someone else got there first. */
export async function updateUnit(
  db: DbOrTx,
  id: number,
  version: number,
  values: Omit<UnitValues, 'kind'>,
  now: Date,
): Promise<OrgUnitRow | undefined> {
  const [row] = await db
    .update(orgUnits)
    .set({ ...values, version: sql`${orgUnits.version} + 1`, updatedAt: now })
    .where(and(eq(orgUnits.id, id), eq(orgUnits.version, version)))
    .returning();
  return row;
}

export async function listDepartments(db: DbOrTx): Promise<DepartmentRow[]> {
  return db.select().from(departments).orderBy(asc(departments.orgUnitId), asc(departments.id));
}

export async function findDepartmentById(db: DbOrTx, id: number): Promise<DepartmentRow | undefined> {
  const [row] = await db.select().from(departments).where(eq(departments.id, id));
  return row;
}

export async function findDepartmentForUpdate(db: DbOrTx, id: number): Promise<DepartmentRow | undefined> {
  const [row] = await db.select().from(departments).where(eq(departments.id, id)).for('update');
  return row;
}

export async function findDepartmentsByIds(db: DbOrTx, ids: number[]): Promise<DepartmentRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(departments).where(inArray(departments.id, ids));
}

export async function findDepartmentByKey(db: DbOrTx, orgUnitId: number, key: string): Promise<DepartmentRow | undefined> {
  const [row] = await db
    .select()
    .from(departments)
    .where(and(eq(departments.orgUnitId, orgUnitId), eq(departments.key, key)));
  return row;
}

export async function findDepartmentByNameKey(
  db: DbOrTx,
  orgUnitId: number,
  nameKey: string,
  excludeId?: number,
): Promise<DepartmentRow | undefined> {
  const [row] = await db
    .select()
    .from(departments)
    .where(
      and(
        eq(departments.orgUnitId, orgUnitId),
        eq(departments.nameKey, nameKey),
        excludeId === undefined ? undefined : ne(departments.id, excludeId),
      ),
    )
    .limit(1);
  return row;
}

export async function insertDepartment(db: DbOrTx, values: DepartmentValues, now: Date): Promise<DepartmentRow> {
  const [row] = await db
    .insert(departments)
    .values({ ...values, createdAt: now, updatedAt: now })
    .returning();
  return row!;
}

export async function updateDepartment(
  db: DbOrTx,
  id: number,
  version: number,
  values: Omit<DepartmentValues, 'key'>,
  now: Date,
): Promise<DepartmentRow | undefined> {
  const [row] = await db
    .update(departments)
    .set({ ...values, version: sql`${departments.version} + 1`, updatedAt: now })
    .where(and(eq(departments.id, id), eq(departments.version, version)))
    .returning();
  return row;
}
