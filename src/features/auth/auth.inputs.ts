// Request schemas of the auth feature: strict (unknown fields rejected), Persian messages,
// secrets never trimmed or normalised.
import { z } from 'zod';
import { checkboxField, choiceField, identityText, idField, optionalText, requiredText } from '../../core/http/forms.js';
import { ROLES } from '../../core/roles.js';

/** A secret as typed: never trimmed or normalised, length-limited so argon2 is not a DoS lever. */
function secretField(label: string, max = 200) {
  return z
    .string({ error: `«${label}» باید متن باشد.` })
    .min(1, { error: `«${label}» را وارد کنید.` })
    .max(max, { error: `«${label}» حداکثر ${max} نویسه می‌تواند باشد.` });
}

const emailField = optionalText({ label: 'رایانامه', max: 200, normalize: false }).refine(
  (v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
  { error: 'نشانی رایانامه درست نیست؛ مانند name@example.ir بنویسید.' },
);

/** `unit:<id>` or `department:<id>` from the scope select. */
const scopeField = z
  .string({ error: 'حوزهٔ نقش را انتخاب کنید.' })
  .regex(/^(unit|department):[1-9]\d{0,9}$/, { error: 'حوزهٔ نقش را انتخاب کنید.' })
  .transform((v) => {
    const [kind, id] = v.split(':') as [string, string];
    return kind === 'unit' ? { orgUnitId: Number(id), departmentId: null } : { orgUnitId: null, departmentId: Number(id) };
  });

export const loginInput = z.strictObject({
  // Not identityText: a login form answers the same for every wrong name, whatever it contains.
  username: z
    .string({ error: '«نام کاربری» باید متن باشد.' })
    .trim()
    .min(1, { error: '«نام کاربری» را وارد کنید.' })
    .max(200, { error: '«نام کاربری» حداکثر ۲۰۰ نویسه می‌تواند باشد.' }),
  password: secretField('رمز عبور'),
  next: z.string().max(2000).optional(),
});

export const secondFactorInput = z.strictObject({
  code: z
    .string({ error: '«کد تأیید» باید متن باشد.' })
    .trim()
    .min(1, { error: '«کد تأیید» را وارد کنید.' })
    .max(20, { error: '«کد تأیید» شش رقم است.' }),
  next: z.string().max(2000).optional(),
});

export const changePasswordInput = z
  .strictObject({
    currentPassword: secretField('رمز عبور فعلی'),
    newPassword: secretField('رمز عبور تازه'),
    newPasswordConfirm: secretField('تکرار رمز عبور تازه'),
  })
  .refine((v) => v.newPassword === v.newPasswordConfirm, {
    path: ['newPasswordConfirm'],
    error: 'تکرار رمز عبور تازه با خود آن یکی نیست.',
  });

export const totpCodeInput = z.strictObject({
  code: z
    .string({ error: '«کد تأیید» باید متن باشد.' })
    .trim()
    .min(1, { error: '«کد تأیید» را وارد کنید.' })
    .max(20, { error: '«کد تأیید» شش رقم است.' }),
});

export const createTokenInput = z.strictObject({
  name: requiredText({ label: 'نام توکن', max: 80 }),
});

export const roleField = choiceField({ label: 'نقش', options: ROLES });

export const createUserInput = z.strictObject({
  username: identityText({ label: 'نام کاربری', max: 64 }),
  displayName: requiredText({ label: 'نام نمایشی', max: 100 }),
  email: emailField,
  password: secretField('رمز عبور اولیه'),
  mustChangePassword: checkboxField(),
  role: roleField,
  scope: scopeField,
});

export const updateUserInput = z.strictObject({
  displayName: requiredText({ label: 'نام نمایشی', max: 100 }),
  email: emailField,
  isActive: checkboxField(),
  version: idField({ label: 'نسخه' }),
});

export const addMembershipInput = z.strictObject({
  role: roleField,
  scope: scopeField,
});

// Query strings: unknown parameters (a tracking tag, a bookmark's leftovers) are ignored.
export const userListQuery = z.object({
  q: z.string().max(100).optional(),
  role: z.enum(ROLES).or(z.literal('')).optional(),
  status: z.enum(['active', 'inactive', 'all', '']).optional(),
  after: z.string().regex(/^\d{1,10}$/).optional(),
});

export const auditQuery = z.object({
  action: z.string().max(100).optional(),
  actor: z.string().max(100).optional(),
  entity: z
    .string()
    .regex(/^([a-z_]{1,40}:[A-Za-z0-9_-]{1,60})?$/)
    .optional(),
  before: z.string().regex(/^\d{1,18}$/).optional(),
  after: z.string().regex(/^\d{1,18}$/).optional(),
});

export const idParam = z.strictObject({ id: z.string().regex(/^[1-9]\d{0,9}$/) });
export const membershipParams = z.strictObject({
  id: z.string().regex(/^[1-9]\d{0,9}$/),
  membershipId: z.string().regex(/^[1-9]\d{0,9}$/),
});

export const nextQuery = z.object({ next: z.string().max(2000).optional() });

/** A POST that carries nothing but the CSRF token. */
export const emptyInput = z.strictObject({});
