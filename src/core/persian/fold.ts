// Search keys. The same function folds documents and queries, so every spelling a
// person might type for a word must end on the same key: «روابط عمومی ها»,
// «روابط‌عمومی‌ها» and «روابط عمومي‌ها» all become «روابط عمومی ها».
import { AR_LETTER, AR_MARK, ZWNJ } from './chars.js';
import { toAsciiDigits } from './digits.js';
import { normalize } from './normalize.js';
import { splitJoined } from './segmentation.js';

const PREFIX_ZWNJ = new RegExp(`(?<![${AR_LETTER}${AR_MARK}\u200C])(نمی|می|بی)\u200C(?=[${AR_LETTER}])`, 'g');
const MARKS = new RegExp(`[${AR_MARK}]`, 'g');
const LETTER_RUN = new RegExp(`[${AR_LETTER}]+`, 'g');
const EZAFE = new RegExp(`(ه) ی(?![${AR_LETTER}])`, 'g');
const LONE_BI = new RegExp(`(?<![${AR_LETTER}])بی ([${AR_LETTER}]+)`, 'g');

function splitForSearch(word: string): string {
  const sp = splitJoined(word, true);
  // A prefix stays on its verb (میشود، می‌شود and می شود all give «میشود»);
  // a suffix goes apart, so «کتاب» finds «کتاب‌ها».
  const head = (sp.prefix ?? '') + sp.stem;
  return sp.suffix ? `${head} ${sp.suffix}` : head;
}

/**
 * The search key of a text: normalised, then diacritics (and the hamza above ه)
 * stripped, ZWNJ → space, prefixes می/نمی/بی joined to their word, plural and other
 * suffixes set apart, the ezafe ی dropped, digits → ASCII (٫ → '.', ٬ dropped,
 * ٪ → '%'), آ أ إ ٱ → ا, ة → ه, Latin lower-cased, whitespace collapsed. ئ and ؤ
 * stay. fold(normalize(x)) === fold(x).
 */
export function fold(text: string): string {
  let s = normalize(text);
  s = s.replace(PREFIX_ZWNJ, '$1');
  s = s.split(ZWNJ).join(' ');
  s = s.replace(MARKS, '').replace(/\u0640/g, '');
  // «بی نظیر» is left spaced by normalize (its list has no بینظیر) but «بینظیر» is
  // split by it; both must meet on «بینظیر».
  s = s.replace(LONE_BI, (m: string, word: string) => (splitJoined(`بی${word}`).prefix === 'بی' ? `بی${word}` : m));
  s = s.replace(LETTER_RUN, splitForSearch);
  s = s.replace(EZAFE, '$1');
  s = toAsciiDigits(s)
    .replace(/(?<=[0-9])\u066C(?=[0-9])/g, '')
    .replace(/\u066B/g, '.')
    .replace(/\u066A/g, '%');
  s = s.replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627').replace(/[\u0629\u06C0]/g, '\u0647');
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}
