// Plain shapes the org pages render. The routes build them from the service's results;
// the views import no service or database.
import type { NavItem, FlashMessage } from '../../../ui/layouts/layout-props.js';
import type { StaffUser } from '../../../ui/layouts/staff-layout.js';

/** What every staff page needs around its content (the auth feature's staffChrome builds it). */
export interface StaffChrome {
  user: StaffUser | null;
  csrfToken: string;
  nav: NavItem[];
  flash?: FlashMessage;
}

export interface UnitRowView {
  id: number;
  code: string;
  name: string;
  kindLabel: string;
  /** Already formatted for display, e.g. «۵٬۱۵۶ هکتار», or null. */
  area: string | null;
  openedOn: string | null;
  closedOn: string | null;
  hasGeometry: boolean;
  isSample: boolean;
}

export interface DistrictView {
  unit: UnitRowView;
  neighbourhoods: UnitRowView[];
}

export interface DepartmentRowView {
  id: number;
  key: string;
  name: string;
  kindLabel: string;
  isActive: boolean;
}

export interface DepartmentGroupView {
  unitName: string;
  unitCode: string;
  departments: DepartmentRowView[];
}

export interface SelectChoice {
  value: string;
  label: string;
}

/** Form values exactly as typed (or as loaded for an edit), by field name. */
export type FormValues = Readonly<Record<string, string | undefined>>;
export type FormErrors = Readonly<Record<string, string | undefined>>;
