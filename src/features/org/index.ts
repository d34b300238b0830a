// The org feature's public surface: other features and the composition root import
// from here only.
export {
  createOrgService,
  regionPublicName,
  DEPARTMENT_KIND_LABELS,
  UNIT_KIND_LABELS,
  type Department,
  type DistrictNode,
  type OrgActor,
  type OrgService,
  type OrgTree,
  type OrgUnit,
  type ScopeRef,
} from './org.service.js';
export type { UnitGeometry } from './org.geometry.js';
export type { DepartmentCreateInput, DepartmentUpdateInput, UnitCreateInput, UnitUpdateInput } from './org.inputs.js';
export { DEPARTMENT_KINDS, ORG_UNIT_KINDS, type DepartmentKind, type OrgUnitKind } from './org.tables.js';
export { orgRoutes, type OrgRoutesOptions } from './org.routes.js';
