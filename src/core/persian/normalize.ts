// Persian text normalisation (DESIGN.md, "Persian text"). Everything here is a
// rewrite that a careful Persian editor would accept without looking; where a rule
// cannot be sure (a Latin word, a URL, an unknown word) it leaves the text alone.
import { AR_LETTER, AR_MARK, FA_DIGIT, NON_JOINING, ZWNJ, isArabicLetter, isArabicMark } from './chars.js';
import { toPersianDigits } from './digits.js';
import { canAttachPrefix, canAttachSuffix, isPrefixToken, isSuffixToken, splitJoined } from './segmentation.js';

const PUA_START = 0xe000;
const PUA_END = 0xf8ff;

type ProtectedKind = 'latin' | 'neutral';
interface Protected {
  text: string;
  kind: ProtectedKind;
}

const reArabicLetter = new RegExp(`[${AR_LETTER}]`);
const reMarks = new RegExp(`[${AR_MARK}]`);
const reMarksGlobal = new RegExp(`[${AR_MARK}]`, 'g');

function isPlaceholder(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return c >= PUA_START && c <= PUA_END;
}

function isPersianDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '\u06F0' && ch <= '\u06F9';
}

function isAnyDigit(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= '0' && ch <= '9') || (ch >= '\u0660' && ch <= '\u0669') || isPersianDigit(ch));
}

// ---------------------------------------------------------------------------
// Characters

const PRESENTATION_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFE]+/g;
const ODD_SPACES = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const LONE_TATWEEL = /(^|[ \n])\u0640+(?=[ \n]|$)/g;
const DOUBLED_MARK = new RegExp(`([${AR_MARK}])\\1+`, 'g');
const BROKEN_ZWNJ = new RegExp(`(?<=[${AR_LETTER}${AR_MARK}])\u00AC`, 'g');

function fixCharacters(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(PRESENTATION_FORMS, (m) => m.normalize('NFKC'))
    .replace(/[\u064A\u0649]/g, '\u06CC') // ي ى → ی
    .replace(/\u0643/g, '\u06A9') // ك → ک
    .replace(/\u06BE/g, '\u0647') // ھ → ه
    .replace(/\u06C0/g, '\u0647\u0654') // ۀ → هٔ
    .replace(BROKEN_ZWNJ, ZWNJ)
    .replace(ODD_SPACES, ' ')
    .replace(LONE_TATWEEL, '$1–')
    .replace(/\u0640/g, '')
    .replace(DOUBLED_MARK, '$1');
}

/**
 * Keeps a ZWNJ only where it does something: after a letter that joins the next one
 * and before a letter. Doubled ZWNJs collapse; one after د ذ ر ز ژ و ا, next to a
 * space, a digit or punctuation goes.
 */
function cleanZwnj(s: string): string {
  if (!s.includes(ZWNJ)) return s;
  s = s.replace(/\u200C{2,}/g, ZWNJ);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s.charAt(i);
    if (ch !== ZWNJ) {
      out += ch;
      continue;
    }
    let j = out.length - 1;
    while (j >= 0 && isArabicMark(out.charAt(j))) j--;
    const base = j >= 0 ? out.charAt(j) : undefined;
    const next = s.charAt(i + 1);
    if (base !== undefined && isArabicLetter(base) && !NON_JOINING.has(base) && isArabicLetter(next)) out += ch;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Protection of URLs, e-mail addresses and Latin words

const URL_RE = /(?:\b(?:https?|ftp):\/\/|\bwww\.)[^\s«»"<>\u200B-\u200F]+/gi;
const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const LATIN_CHUNK = 'A-Za-z0-9_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u0660-\\u0669\\u06F0-\\u06F9';
const LATIN_RUN_RE = new RegExp(`[${LATIN_CHUNK}]+(?:[-.'’/+:#&@][${LATIN_CHUNK}]+)*`, 'g');
const HAS_LATIN_LETTER = /[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]/;

class Shelf {
  private readonly items: Protected[] = [];
  private readonly byText = new Map<string, string>();

  put(text: string, kind: ProtectedKind): string | undefined {
    const key = `${kind}:${text}`;
    const existing = this.byText.get(key);
    if (existing) return existing;
    if (PUA_START + this.items.length > PUA_END) return undefined;
    const ph = String.fromCharCode(PUA_START + this.items.length);
    this.items.push({ text, kind });
    this.byText.set(key, ph);
    return ph;
  }

  kindOf(ph: string): ProtectedKind | undefined {
    return this.items[ph.charCodeAt(0) - PUA_START]?.kind;
  }

  restore(s: string): string {
    return s.replace(/[\uE000-\uF8FF]/g, (ph) => this.items[ph.charCodeAt(0) - PUA_START]?.text ?? ph);
  }
}

function trimUrl(url: string): string {
  let u = url.replace(/[.,;:!?؟،؛'"]+$/, '');
  while (u.endsWith(')') && (u.match(/\(/g)?.length ?? 0) < (u.match(/\)/g)?.length ?? 0)) {
    u = u.slice(0, -1).replace(/[.,;:!?؟،؛'"]+$/, '');
  }
  return u;
}

function protect(line: string, shelf: Shelf): string {
  // Characters of the private-use area already in the text are shelved as themselves.
  let s = line.replace(/[\uE000-\uF8FF]/g, (c) => shelf.put(c, 'neutral') ?? c);
  s = s.replace(URL_RE, (m) => {
    const url = trimUrl(m);
    const ph = shelf.put(url, 'neutral');
    return ph === undefined ? m : ph + m.slice(url.length);
  });
  s = s.replace(EMAIL_RE, (m) => shelf.put(m, 'neutral') ?? m);
  s = s.replace(LATIN_RUN_RE, (m) => (HAS_LATIN_LETTER.test(m) ? (shelf.put(m, 'latin') ?? m) : m));
  return s;
}

// ---------------------------------------------------------------------------
// Context: is this spot in Persian prose or in a Latin phrase?

type Script = 'persian' | 'latin' | undefined;

function scriptOf(ch: string, shelf: Shelf): Script {
  if (isArabicLetter(ch)) return 'persian';
  if (isPlaceholder(ch)) return shelf.kindOf(ch) === 'latin' ? 'latin' : undefined;
  return undefined;
}

function nearestScript(s: string, from: number, step: 1 | -1, shelf: Shelf): Script {
  for (let i = from; i >= 0 && i < s.length; i += step) {
    const ch = s.charAt(i);
    if (ch === '\n') return undefined;
    const script = scriptOf(ch, shelf);
    if (script) return script;
  }
  return undefined;
}

/** A number is in a Latin phrase when the nearest word before it (or, failing that, after it) is Latin. */
function isLatinContext(s: string, start: number, end: number, shelf: Shelf): boolean {
  const before = nearestScript(s, start - 1, -1, shelf);
  if (before) return before === 'latin';
  return nearestScript(s, end, 1, shelf) === 'latin';
}

// ---------------------------------------------------------------------------
// Digits

const NUMBER_RE = /[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,\u066B\u066C:/-][0-9\u0660-\u0669\u06F0-\u06F9]+)*/g;
const WELL_FORMED_THOUSANDS = /^[0-9\u0660-\u0669\u06F0-\u06F9]{1,3}(?:([,\u066C])[0-9\u0660-\u0669\u06F0-\u06F9]{3})(?:\1[0-9\u0660-\u0669\u06F0-\u06F9]{3})*(?:[.\u066B][0-9\u0660-\u0669\u06F0-\u06F9]+)?$/;
/** Words written straight after a number: ordinals (۱۵ام، ۳مین) and plurals (دههٔ ۹۰ها). */
const NUMBER_SUFFIXES = new Set(['ام', 'امین', 'م', 'مین', 'ها', 'های', 'هایی']);
const LETTER_RUN_AT = new RegExp(`^[${AR_LETTER}${AR_MARK}]+`);

function persianNumber(token: string): string {
  const points = token.match(/[.\u066B]/g)?.length ?? 0;
  // 192.168.1.1, 1403.09.08: a code or a dotted date, not a quantity.
  if (token.includes('.') && points > 1) return token;
  let t = token;
  if (WELL_FORMED_THOUSANDS.test(t)) t = t.replace(/,/g, '\u066C');
  if (points === 1) t = t.replace('.', '\u066B');
  return toPersianDigits(t);
}

function convertDigits(s: string, shelf: Shelf): string {
  let out = '';
  let last = 0;
  NUMBER_RE.lastIndex = 0;
  for (let m = NUMBER_RE.exec(s); m; m = NUMBER_RE.exec(s)) {
    const start = m.index;
    const end = start + m[0].length;
    out += s.slice(last, start);
    last = end;
    if (isLatinContext(s, start, end, shelf)) {
      out += m[0];
      continue;
    }
    out += persianNumber(m[0]);
    const percent = /^ ?[%\u066A]/.exec(s.slice(end));
    if (percent) {
      out += '\u066A';
      last = end + percent[0].length;
    }
    const word = LETTER_RUN_AT.exec(s.slice(last))?.[0];
    if (word && !NUMBER_SUFFIXES.has(word.replace(reMarksGlobal, ''))) out += ' ';
  }
  return out + s.slice(last);
}

// ---------------------------------------------------------------------------
// Words: joined forms and stand-alone affixes

const WORD_RE = new RegExp(`[${AR_LETTER}${AR_MARK}]+(?:\u200C[${AR_LETTER}${AR_MARK}]+)*`, 'g');

function splitPart(part: string): string {
  if (reMarks.test(part)) return part;
  const sp = splitJoined(part);
  if (!sp.prefix && !sp.suffix) return part;
  return [sp.prefix, sp.stem, sp.suffix].filter((x): x is string => !!x).join(ZWNJ);
}

function lastPart(word: string): string {
  return word.slice(word.lastIndexOf(ZWNJ) + 1);
}

function firstPart(word: string): string {
  const i = word.indexOf(ZWNJ);
  return i < 0 ? word : word.slice(0, i);
}

function fixWords(s: string): string {
  // 1. Joined forms, one ZWNJ-delimited part at a time.
  s = s.replace(WORD_RE, (w) => w.split(ZWNJ).map(splitPart).join(ZWNJ));
  // 2. Stand-alone affixes separated by one space: «کتاب ها»، «می شود»، «خانه ی».
  const pieces: string[] = [];
  let last = 0;
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(s); m; m = WORD_RE.exec(s)) {
    const gap = s.slice(last, m.index);
    const word = m[0];
    const prev = pieces.length > 0 ? pieces[pieces.length - 1] : undefined;
    if (prev !== undefined && gap === ' ' && last > 0 && joins(prev, word)) {
      pieces[pieces.length - 1] = prev + ZWNJ + word;
    } else {
      if (gap !== '') pieces.push(gap);
      pieces.push(word);
    }
    last = m.index + word.length;
  }
  pieces.push(s.slice(last));
  return pieces.join('');
}

function joins(prev: string, word: string): boolean {
  if (isSuffixToken(word)) return canAttachSuffix(lastPart(prev), word);
  if (isPrefixToken(prev)) return canAttachPrefix(prev, firstPart(word));
  return false;
}

// ---------------------------------------------------------------------------
// Punctuation and spacing

/** Where a Latin , ; ? or a . ! : belongs to Persian prose: right after Persian text. */
function persianBefore(ch: string | undefined): boolean {
  return (
    ch !== undefined &&
    (isArabicLetter(ch) || isArabicMark(ch) || isPersianDigit(ch) || ch === '\u066A' || ch === '»' || ch === ZWNJ)
  );
}

function latinPunctuation(s: string): string {
  return s.replace(/ *([,;?])/g, (m: string, p: string, offset: number) => {
    const before = s.charAt(offset - 1);
    const after = s.charAt(offset + m.length);
    if (!persianBefore(before)) return m;
    if (p === ',' && isAnyDigit(before) && isAnyDigit(after) && m.length === 1) return m;
    return p === ',' ? '،' : p === ';' ? '؛' : '؟';
  });
}

const PUNCT_RUN = /[،؛؟!.:…]+/g;
const ALWAYS_PERSIAN = /^[،؛؟]/;

function startsWord(ch: string | undefined): boolean {
  return (
    ch !== undefined &&
    (isArabicLetter(ch) || isAnyDigit(ch) || isPlaceholder(ch) || /[A-Za-z«(]/.test(ch))
  );
}

function spacing(s: string): string {
  s = s.replace(/ {2,}/g, ' ');
  // No space before punctuation: always for Persian marks, after Persian text for the rest.
  s = s.replace(/ +(?=[،؛؟])/g, '');
  s = s.replace(/ +(?=[!.:…]+)/g, (m: string, offset: number) => (persianBefore(s.charAt(offset - 1)) ? '' : m));
  // One space after punctuation that is followed by a word.
  s = s.replace(PUNCT_RUN, (run: string, offset: number) => {
    const before = s.charAt(offset - 1);
    const after = s.charAt(offset + run.length);
    if (!startsWord(after)) return run;
    if (isAnyDigit(before) && isAnyDigit(after)) return run; // ۱۵:۳۰، 3.5
    if (ALWAYS_PERSIAN.test(run) && !/[.:]/.test(run)) return `${run} `;
    const persianAround = persianBefore(before) && (isArabicLetter(after) || isAnyDigit(after) || isPlaceholder(after) || after === '«' || after === '(');
    const intoPersian = (isArabicLetter(after) || after === '«') && (persianBefore(before) || before === ')' || before === '»');
    return persianAround || intoPersian ? `${run} ` : run;
  });
  // Nothing inside « » and ( ).
  s = s.replace(/([«(]) +/g, '$1').replace(/ +([»)])/g, '$1');
  // One space before an opening « or ( that follows a word, and after a closing one before a word.
  s = s.replace(new RegExp(`([${AR_LETTER}${AR_MARK}${FA_DIGIT}\u066A»)])([«(])`, 'g'), '$1 $2');
  s = s.replace(new RegExp(`([»)])([${AR_LETTER}«(])`, 'g'), '$1 $2');
  s = s.replace(/ {2,}/g, ' ');
  return s;
}

// ---------------------------------------------------------------------------
// Quotes

const STRAIGHT_QUOTES = /["“”„]([^"“”„\n]*)["“”„]/g;

function quotes(s: string): string {
  return s.replace(STRAIGHT_QUOTES, (m: string, inner: string) =>
    reArabicLetter.test(inner) ? `«${inner.trim()}»` : m,
  );
}

// ---------------------------------------------------------------------------

function normalizeLine(line: string): string {
  const shelf = new Shelf();
  let s = protect(line, shelf);
  s = cleanZwnj(s);
  s = quotes(s);
  s = convertDigits(s, shelf);
  s = s.replace(/ {2,}/g, ' ');
  s = fixWords(s);
  s = latinPunctuation(s);
  s = spacing(s);
  s = cleanZwnj(s);
  return shelf.restore(s).trim();
}

function normalizeOnce(text: string): string {
  const s = fixCharacters(text);
  return s.split('\n').map(normalizeLine).join('\n').trim();
}

/**
 * Normalises Persian text: letters, digits, half-spaces, punctuation, spacing and
 * quotes (DESIGN.md, "Persian text"). Synchronous; the first call loads the word list
 * (≈ 0.2 s, see word-list.ts). Idempotent: normalize(normalize(x)) === normalize(x).
 * Line breaks are kept; each line is trimmed and its inner spaces collapsed.
 */
export function normalize(text: string): string {
  let current = text;
  // One pass is normally enough; a second settles the rare rule that enables another.
  for (let i = 0; i < 4; i++) {
    const next = normalizeOnce(current);
    if (next === current) return next;
    current = next;
  }
  return current;
}
