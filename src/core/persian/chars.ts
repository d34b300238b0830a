// Character classes shared by the normaliser, the folder and the number helpers.
// Kept as string fragments so they can be composed into regular expressions
// (the project targets ES2022, so the `v` flag and set operations are not available).

export const ZWNJ = '\u200C';
export const PERSIAN_DECIMAL = '\u066B'; // ٫
export const PERSIAN_THOUSANDS = '\u066C'; // ٬

/** Arabic-script letters (Persian, Arabic and the extended blocks). */
export const AR_LETTER = '\\u0620-\\u063F\\u0641-\\u064A\\u066E\\u066F\\u0671-\\u06D3\\u06D5\\u06EE\\u06EF\\u06FA-\\u06FC\\u06FF\\u0750-\\u077F\\u08A0-\\u08C9';
/** Combining marks of the Arabic script (harakat, hamza above/below, superscript alef, Quranic marks). */
export const AR_MARK = '\\u0610-\\u061A\\u064B-\\u065F\\u0670\\u06D6-\\u06DC\\u06DF-\\u06E4\\u06E7\\u06E8\\u06EA-\\u06ED';
/** Persian (extended Arabic-Indic) digits. */
export const FA_DIGIT = '\\u06F0-\\u06F9';

const arLetterRe = new RegExp(`^[${AR_LETTER}]$`);
const arMarkRe = new RegExp(`^[${AR_MARK}]$`);

export function isArabicLetter(ch: string | undefined): boolean {
  return ch !== undefined && arLetterRe.test(ch);
}

export function isArabicMark(ch: string | undefined): boolean {
  return ch !== undefined && arMarkRe.test(ch);
}

/**
 * Letters that never join the following letter: a ZWNJ after them is invisible
 * and only gets in the way of search, so it is removed.
 */
export const NON_JOINING = new Set([
  '\u0621', // ء
  '\u0622', // آ
  '\u0623', // أ
  '\u0624', // ؤ
  '\u0625', // إ
  '\u0627', // ا
  '\u0629', // ة
  '\u062F', // د
  '\u0630', // ذ
  '\u0631', // ر
  '\u0632', // ز
  '\u0648', // و
  '\u0671', // ٱ
  '\u0698', // ژ
  '\u06C0', // ۀ
]);
