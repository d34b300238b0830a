import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const ORG_UNIT_KINDS = ['region', 'district', 'neighbourhood'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export const DEPARTMENT_KINDS = ['deputy', 'office', 'district_office'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];


const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const orgUnits = pgTable(
  'org_units',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    parentId: integer('parent_id').references((): AnyPgColumn => orgUnits.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: ORG_UNIT_KINDS }).notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** fold(name): two siblings may not share a name that reads the same. */
    nameKey: text('name_key').notNull(),
    areaHa: numeric('area_ha', { precision: 12, scale: 2 }),
    geometry: jsonb('geometry'),
    openedOn: date('opened_on'),
    closedOn: date('closed_on'),
    /** Demo rows whose figures or placement are illustrative, not facts. */
    isSample: boolean('is_sample').notNull().default(false),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('org_units_code_uq').on(t.code),
    uniqueIndex('org_units_parent_name_uq').on(sql`coalesce(${t.parentId}, 0)`, t.nameKey),
    index('org_units_parent_idx').on(t.parentId),
    check('org_units_parent_kind_ck', sql`(${t.kind} = 'region') = (${t.parentId} is null)`),
    check('org_units_dates_ck', sql`${t.closedOn} is null or ${t.openedOn} is null or ${t.closedOn} >= ${t.openedOn}`),
  ],
);

export const departments = pgTable(
  'departments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    key: text('key').notNull(),
    kind: text('kind', { enum: DEPARTMENT_KINDS }).notNull(),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('departments_unit_key_uq').on(t.orgUnitId, t.key),
    uniqueIndex('departments_unit_name_uq').on(t.orgUnitId, t.nameKey),
  ],
);
