// Roles are cross-cutting (authorisation table, layouts, features), so they live in core.
export const ROLES = ['admin', 'pr_manager', 'pr_editor', 'reporter', 'photographer', 'liaison', 'data_officer', 'official'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'مدیر سامانه',
  pr_manager: 'مدیر روابط عمومی',
  pr_editor: 'دبیر خبر روابط عمومی',
  reporter: 'کارشناس خبری',
  photographer: 'عکاس',
  liaison: 'رابط روابط عمومی',
  data_officer: 'کارشناس آمار و اطلاعات',
  official: 'مدیر / مسئول',
};

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}
