// Request schemas for org units and departments: forms and JSON alike. Strict objects
// (unknown fields rejected), no coercion of JSON null/true into numbers, Persian
// messages. Rules that need the database (uniqueness, the parent's kind) are the
// service's.
import { z } from 'zod';
import {
  checkboxField,
  choiceField,
  idField,
  jalaliDateField,
  numberField,
  requiredText,
} from '../../core/http/forms.js';
import { toAsciiDigits } from '../../core/persian/index.js';
import { DEPARTMENT_KINDS, ORG_UNIT_KINDS, type DepartmentKind, type OrgUnitKind } from './org.tables.js';
import { parseGeometryText, validateGeometry } from './org.geometry.js';
import { jalaliToIso } from './org.dates.js';

export const UNIT_FIELD_LABELS = {
  kind: 'نوع واحد',
  parentId: 'واحد بالاتر',
  code: 'کد',
  name: 'نام',
  areaHa: 'مساحت',
  geometry: 'مرز (GeoJSON)',
  openedOn: 'تاریخ آغاز به کار',
  closedOn: 'تاریخ پایان کار',
  isSample: 'دادهٔ نمونه',
  version: 'نسخه',
} as const;

export const DEPARTMENT_FIELD_LABELS = {
  orgUnitId: 'واحد سازمانی',
  kind: 'نوع',
  key: 'شناسه',
  name: 'نام',
  isActive: 'فعال',
  version: 'نسخه',
} as const;

/** Codes appear in URLs (/districts/R21-D1): ASCII letters, digits and single hyphens. */
const unitCode = z
  .string({ error: `«${UNIT_FIELD_LABELS.code}» باید متن باشد.` })
  .transform((v) => toAsciiDigits(v.trim()).toUpperCase())
  .pipe(
    z
      .string()
      .min(1, { error: `«${UNIT_FIELD_LABELS.code}» را وارد کنید.` })
      .max(32, { error: `«${UNIT_FIELD_LABELS.code}» حداکثر ۳۲ نویسه می‌تواند باشد.` })
      .regex(/^[A-Z0-9]+(?:-[A-Z0-9]+)*$/, {
        error: `«${UNIT_FIELD_LABELS.code}» فقط حرف لاتین، رقم و خط تیره (-) می‌تواند داشته باشد؛ مثلاً R21-D1.`,
      }),
  );

/** Department keys are stable identifiers other features may refer to (e.g. `urban_services`). */
const departmentKey = z
  .string({ error: `«${DEPARTMENT_FIELD_LABELS.key}» باید متن باشد.` })
  .transform((v) => toAsciiDigits(v.trim()).toLowerCase())
  .pipe(
    z
      .string()
      .min(1, { error: `«${DEPARTMENT_FIELD_LABELS.key}» را وارد کنید.` })
      .max(40, { error: `«${DEPARTMENT_FIELD_LABELS.key}» حداکثر ۴۰ نویسه می‌تواند باشد.` })
      .regex(/^[a-z][a-z0-9_]*$/, {
        error: `«${DEPARTMENT_FIELD_LABELS.key}» فقط حرف کوچک لاتین، رقم و زیرخط (_) می‌تواند داشته باشد و با حرف شروع می‌شود؛ مثلاً urban_services.`,
      }),
  );

/**
 * A boundary: GeoJSON text from a form, or an object from JSON/the seed. Empty means
 * none. Returns the geometry object (a Feature is unwrapped to its geometry).
 */
const geometryField = z
  .union([z.string(), z.record(z.string(), z.unknown())], {
    error: `«${UNIT_FIELD_LABELS.geometry}» باید متن GeoJSON باشد.`,
  })
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || (typeof v === 'string' && v.trim() === '')) return null;
    const r = typeof v === 'string' ? parseGeometryText(v) : validateGeometry(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: `«${UNIT_FIELD_LABELS.geometry}»: ${r.error}` });
      return z.NEVER;
    }
    return r.value;
  });

/** Hectares with at most two decimals (the column is numeric(12,2): nothing is rounded silently). */
const areaField = numberField({ label: UNIT_FIELD_LABELS.areaHa, min: 0, max: 1_000_000, optional: true }).refine(
  (n) => n === null || Math.abs(Math.round(n * 100) - n * 100) < 1e-6,
  { error: `«${UNIT_FIELD_LABELS.areaHa}» حداکثر دو رقم اعشار می‌تواند داشته باشد.` },
);

/** An optional Jalali date as typed, stored as the ISO date of that day. */
const isoDate = (label: string) =>
  jalaliDateField({ label, optional: true }).transform((j) => (j === null ? null : jalaliToIso(j)));

const unitFields = {
  code: unitCode,
  name: requiredText({ label: UNIT_FIELD_LABELS.name, max: 100 }),
  areaHa: areaField,
  geometry: geometryField,
  openedOn: isoDate(UNIT_FIELD_LABELS.openedOn),
  closedOn: isoDate(UNIT_FIELD_LABELS.closedOn),
  isSample: checkboxField(),
};

export const unitCreateSchema = z.strictObject({
  kind: choiceField({ label: UNIT_FIELD_LABELS.kind, options: ORG_UNIT_KINDS }),
  parentId: idField({ label: UNIT_FIELD_LABELS.parentId, optional: true }),
  ...unitFields,
});

/** An edit replaces every editable field (the form always posts them all); the kind is fixed. */
export const unitUpdateSchema = z.strictObject({
  parentId: idField({ label: UNIT_FIELD_LABELS.parentId, optional: true }),
  ...unitFields,
  version: numberField({ label: UNIT_FIELD_LABELS.version, integer: true, min: 1 }),
});

export const departmentCreateSchema = z.strictObject({
  orgUnitId: idField({ label: DEPARTMENT_FIELD_LABELS.orgUnitId }),
  kind: choiceField({ label: DEPARTMENT_FIELD_LABELS.kind, options: DEPARTMENT_KINDS }),
  key: departmentKey,
  name: requiredText({ label: DEPARTMENT_FIELD_LABELS.name, max: 120 }),
});

/** The key is fixed once created: other features may refer to it. */
export const departmentUpdateSchema = z.strictObject({
  orgUnitId: idField({ label: DEPARTMENT_FIELD_LABELS.orgUnitId }),
  kind: choiceField({ label: DEPARTMENT_FIELD_LABELS.kind, options: DEPARTMENT_KINDS }),
  name: requiredText({ label: DEPARTMENT_FIELD_LABELS.name, max: 120 }),
  isActive: checkboxField(),
  version: numberField({ label: DEPARTMENT_FIELD_LABELS.version, integer: true, min: 1 }),
});

/** A number as typed in a form (any digits) or sent as a JSON number; never null or true. */
type NumberInput = number | string;

/** What callers pass: form strings or JSON values (Persian digits welcome). Validated by the schemas above. */
export interface UnitCreateInput {
  kind: OrgUnitKind;
  /** The district of a neighbourhood; for a district it may be left out (the region). */
  parentId?: NumberInput;
  code: string;
  name: string;
  /** Hectares. */
  areaHa?: NumberInput;
  /** GeoJSON text or object. */
  geometry?: string | Record<string, unknown>;
  /** Jalali, e.g. «۱۳۸۳/۰۱/۰۱». */
  openedOn?: string;
  closedOn?: string;
  isSample?: boolean | string;
}

export interface UnitUpdateInput extends Omit<UnitCreateInput, 'kind'> {
  version: NumberInput;
}

export interface DepartmentCreateInput {
  orgUnitId: NumberInput;
  kind: DepartmentKind;
  key: string;
  name: string;
}

export interface DepartmentUpdateInput {
  orgUnitId: NumberInput;
  kind: DepartmentKind;
  name: string;
  isActive?: boolean | string;
  version: NumberInput;
}

export type UnitCreateData = z.output<typeof unitCreateSchema>;
export type UnitUpdateData = z.output<typeof unitUpdateSchema>;
export type DepartmentCreateData = z.output<typeof departmentCreateSchema>;
export type DepartmentUpdateData = z.output<typeof departmentUpdateSchema>;
