// Public surface of core/persian: normalisation, search folding, digits and
// numbers, identity checks, Jalali dates and periods in Asia/Tehran.
export type { ParseResult } from './result.js';
export { normalize } from './normalize.js';
export { fold } from './fold.js';
export { hasInvisibleOrBidiChars, identityKey } from './identity.js';
export { loadWordList, isKnownWord, type PersianWordList } from './word-list.js';
export {
  MINUS_SIGN,
  formatNumber,
  parseInteger,
  parseNumber,
  toAsciiDigits,
  toPersianDigits,
  type FormatNumberOptions,
} from './digits.js';
export {
  JALALI_MAX_YEAR,
  JALALI_MIN_YEAR,
  JALALI_MONTHS,
  JALALI_WEEKDAYS,
  addJalaliDays,
  dateToJalali,
  formatJalaliDate,
  formatJalaliDateTime,
  formatJalaliNumeric,
  formatRelative,
  isLeapJalaliYear,
  jalaliMonthLength,
  jalaliToDate,
  jalaliWeekdayIndex,
  parseJalaliDate,
  parseJalaliDateTime,
  startOfJalaliDay,
  startOfJalaliWeek,
  type JalaliDate,
} from './jalali.js';
export {
  JALALI_SEASONS,
  formatPeriod,
  parsePeriodKey,
  periodBounds,
  periodKey,
  periodOf,
  type FormatPeriodOptions,
  type JalaliPeriod,
  type JalaliPeriodType,
} from './jalali-period.js';
export { TEHRAN_TIME_ZONE } from './tehran-time.js';
