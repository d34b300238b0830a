// Looking up a public district by the code in its URL.
import { notFound } from '../../core/errors.js';
import type { OrgService } from '../org/index.js';
import { isOpen } from './portal.shared.js';

const UNKNOWN_DISTRICT = 'ناحیه‌ای با این نشانی پیدا نشد.';

/** An open district by its code (and the region), or a 404. */
export async function openDistrict(org: Pick<OrgService, 'getUnitByCode' | 'getRegion'>, code: string) {
  if (code.length > 32) throw notFound(UNKNOWN_DISTRICT);
  const [unit, region] = await Promise.all([org.getUnitByCode(code), org.getRegion()]);
  if (!unit || unit.kind !== 'district' || !isOpen(unit) || !region) throw notFound(UNKNOWN_DISTRICT);
  return { unit, region };
}
