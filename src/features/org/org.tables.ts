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

export const ROLES = ['admin', 'pr_manager', 'pr_editor', 'reporter', 'photographer', 'liaison', 'data_officer', 'official'] as const;
export type Role = (typeof ROLES)[number];

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

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    username: text('username').notNull(),
    /** identityKey(username): «علي» and «علی» collide here. */
    usernameKey: text('username_key').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_username_key_uq').on(t.usernameKey)],
);

export const memberships = pgTable(
  'memberships',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    /** Scope: an org unit (the region = everything) or a department; exactly one is set. */
    orgUnitId: integer('org_unit_id').references(() => orgUnits.id, { onDelete: 'restrict' }),
    departmentId: integer('department_id').references(() => departments.id, { onDelete: 'restrict' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('memberships_user_idx').on(t.userId),
    uniqueIndex('memberships_uq').on(t.userId, t.role, sql`coalesce(${t.orgUnitId}, 0)`, sql`coalesce(${t.departmentId}, 0)`),
    check('memberships_scope_ck', sql`(${t.orgUnitId} is null) <> (${t.departmentId} is null)`),
  ],
);
