// Decisions about joined and half-spaced forms, made with the word list.
//
// What the list (word-list.ts) is like decides how it can be used:
// - it has base words and, spelled joined, most inflected forms of words that do not
//   end in ه (کتابها، سازمانهایی، بزرگترین), but none of the forms that need a ZWNJ
//   (محلهها، سادهترین، خانهام are absent) and almost no verb forms with می;
// - it is generous: every noun also comes with its copula and pronoun forms, so
//   میگو gives میگوید, میز gives میزند, میدان gives میدانم.
// So "the joined form is in the list" cannot by itself mean "this is one word". The
// rules ask instead whether the parts are known words, and look for signs that a
// form is a word of its own (it takes a plural or a comparative itself, as تنها →
// تنهاتر and منتها do), in which case it is left alone. Every rule errs on the side
// of leaving the text as it was.
import { isKnownWord } from './word-list.js';

/** Plural suffixes (longest first), optionally followed by a possessive. */
export const PLURAL_SUFFIXES = ['هایشان', 'هایتان', 'هایمان', 'هایی', 'هایم', 'هایت', 'هایش', 'های', 'ها'] as const;
/** Suffixes written with a half-space after a word ending in a silent ه (خانه‌ام، رفته‌اند). */
export const HEH_SUFFIXES = ['اند', 'ایم', 'اید', 'ام', 'ات', 'اش', 'ای'] as const;
/** Second parts of compounds that take a half-space (تعیین‌کننده، دانش‌آموزان). */
const COMPOUND_TAILS = [
  'کنندگان', 'کننده', 'دهندگان', 'دهنده', 'گیرندگان', 'گیرنده', 'شوندگان', 'شونده',
  'شدگان', 'شده', 'آموزان', 'آموز',
] as const;
/** Comparatives always written joined (بهتر، بهترین، مهتر، کهتر، بیشتر، کمتر). */
const JOINED_COMPARATIVES = new Set(['به', 'مه', 'که', 'بیش', 'کم']);
const PRESENT_ENDINGS = ['ند', 'ید', 'یم', 'د', 'م', 'ی'] as const;
const PAST_ENDINGS = ['ند', 'ید', 'یم', 'م', 'ی', ''] as const;
/** Bare present stems that follow می in impersonal use (می‌توان، نمی‌بایست). */
const BARE_STEMS = new Set(['توان', 'بایست']);

const PLURAL_SET = new Set<string>(PLURAL_SUFFIXES);
const HEH_SET = new Set<string>(HEH_SUFFIXES);

export interface Split {
  prefix?: string;
  stem: string;
  suffix?: string;
}

function known(w: string): boolean {
  return isKnownWord(w);
}

/** Signs that `w` is a word in its own right and not an inflected form of a shorter one. */
function looksLexical(w: string): boolean {
  return known(`${w}ها`) || known(`${w}تر`) || known(`${w}ترین`) || known(`${w}ان`);
}

/**
 * An adjective: its comparative and superlative are in the list; for a word in a
 * silent ه, whose comparatives the list lacks, its noun in ـگی is (ساده → سادگی).
 */
export function isAdjective(stem: string): boolean {
  if (stem.length < 2 || JOINED_COMPARATIVES.has(stem) || !known(stem)) return false;
  if (stem.endsWith('ه')) return known(`${stem.slice(0, -1)}گی`);
  return known(`${stem}تر`) && known(`${stem}ترین`);
}

/** آمد → یامد, so that ن or ب can be put in front (نیامد، بیاید). */
function withInitialAlef(s: string): string {
  return s.startsWith('آ') ? `یا${s.slice(1)}` : s;
}

function allKnown(stem: string, endings: readonly string[]): boolean {
  return endings.every((e) => known(stem + e));
}

/**
 * How much `rest` looks like a verb form that takes می:
 * - 'weak': a present form whose imperative (ب + stem) is known, or a past form whose
 *   infinitive (stem + ن) is known;
 * - 'strong': besides, its negative (ن + rest) and all six persons of the same tense
 *   are known, and it is not a form in ی (میدانی is also "field-", میزی "a table").
 * The list is generous with short stems (برن، لندن), hence the full paradigm for forms
 * that are themselves in the list.
 */
function verbEvidence(rest: string): 'none' | 'weak' | 'strong' {
  if (rest.length < 2 || !known(rest)) return 'none';
  if (BARE_STEMS.has(rest)) return 'strong';
  let weak = false;
  let paradigm = false;
  for (const e of PRESENT_ENDINGS) {
    if (!rest.endsWith(e)) continue;
    const stem = rest.slice(0, rest.length - e.length);
    if (stem.length < 2) continue;
    const imperative = `ب${withInitialAlef(stem)}`;
    if (known(imperative) || (stem.endsWith('ی') && known(imperative.slice(0, -1)))) {
      weak = true;
      if (allKnown(stem, PRESENT_ENDINGS)) paradigm = true;
    }
  }
  for (const e of PAST_ENDINGS) {
    if (!rest.endsWith(e)) continue;
    const stem = rest.slice(0, rest.length - e.length);
    if (stem.length >= 2 && /[دت]$/.test(stem) && known(`${stem}ن`)) {
      weak = true;
      if (allKnown(stem, PAST_ENDINGS)) paradigm = true;
    }
  }
  if (!weak) return 'none';
  return paradigm && known(`ن${withInitialAlef(rest)}`) && !rest.endsWith('ی') ? 'strong' : 'weak';
}

/** بیاید، بیفتد، بیابد: ب + a verb in ی/ا, whose negative نی… exists. */
function isSubjunctiveWithBeh(rest: string): boolean {
  return known(`نی${rest}`) || known(`ن${rest}`);
}

function splitPrefix(word: string): Split | undefined {
  const prefix = word.startsWith('نمی') ? 'نمی' : word.startsWith('می') ? 'می' : undefined;
  if (prefix) {
    const rest = word.slice(prefix.length);
    // میرد، نمیرند: forms of a verb whose own stem starts with می (مردن → میر).
    const core = prefix === 'نمی' ? word.slice(1) : word;
    if (known(`ب${core}`)) return undefined;
    const evidence = verbEvidence(rest);
    if (evidence === 'strong' || (evidence === 'weak' && !known(word))) return { prefix, stem: rest };
    return undefined;
  }
  if (word.startsWith('بی') && !known(word)) {
    const rest = word.slice(2);
    if (rest.length >= 3 && known(rest) && !isSubjunctiveWithBeh(rest)) return { prefix: 'بی', stem: rest };
  }
  return undefined;
}

function pluralStemOk(stem: string): boolean {
  if (stem.length < 2 || stem === 'ها' || !known(stem)) return false;
  // The list has no plural of a word in ه (محلهها is absent: it needs a ZWNJ).
  if (!stem.endsWith('ه') && !known(`${stem}ها`)) return false;
  return !looksLexical(`${stem}ها`);
}

function splitSuffix(word: string, withComparative: boolean): Split | undefined {
  for (const suffix of PLURAL_SUFFIXES) {
    if (word.length > suffix.length && word.endsWith(suffix)) {
      const stem = word.slice(0, -suffix.length);
      // A joined «…هها» or «…های» is nearly always a plural: writers who skip the ZWNJ
      // put a space after a silent ه (خانه ای), so this is tried before خانه + ای.
      if (pluralStemOk(stem)) return { stem, suffix };
      break;
    }
  }
  for (const suffix of HEH_SUFFIXES) {
    if (word.length > suffix.length + 2 && word.endsWith(`ه${suffix}`)) {
      const stem = word.slice(0, -suffix.length);
      // The list has no joined pronoun forms (خانهام) but does have اشتباهات، الهام:
      // a joined form that is in it stays.
      if (stem.length >= 3 && known(stem) && !known(word)) return { stem, suffix };
      break;
    }
  }
  if (word.endsWith('ترین')) {
    const stem = word.slice(0, -4);
    if (stem.length >= 3 && isAdjective(stem) && !looksLexical(word)) return { stem, suffix: 'ترین' };
  }
  if (withComparative && word.endsWith('تر')) {
    const stem = word.slice(0, -2);
    if (stem.length >= 3 && isAdjective(stem)) return { stem, suffix: 'تر' };
  }
  if (!known(word)) {
    for (const tail of COMPOUND_TAILS) {
      if (word.endsWith(tail)) {
        const stem = word.slice(0, -tail.length);
        if (stem.length >= 3 && known(stem)) return { stem, suffix: tail };
        break;
      }
    }
  }
  return undefined;
}

/**
 * Splits a joined word (letters only: no ZWNJ, no space, no diacritics) into prefix,
 * stem and suffix where the word list shows it is safe; otherwise returns it whole as
 * `stem`. `withComparative` also splits a joined تر (بزرگتر), which normalisation
 * leaves alone (both spellings are standard) but search folding must unify.
 */
export function splitJoined(word: string, withComparative = false): Split {
  if (word.length < 4) return { stem: word };
  const pre = splitPrefix(word);
  if (!pre) return splitSuffix(word, withComparative) ?? { stem: word };
  // بیکتابها → بی + کتاب + ها: the rest may carry a suffix of its own.
  const post = pre.stem.length >= 4 ? splitSuffix(pre.stem, withComparative) : undefined;
  return post ? { prefix: pre.prefix, stem: post.stem, suffix: post.suffix } : pre;
}

/** Whether a stand-alone affix may be attached to the word before it («کتاب ها» → «کتاب‌ها»). */
export function canAttachSuffix(prev: string, affix: string): boolean {
  if (PLURAL_SET.has(affix)) return prev.length >= 2 && prev !== 'ها' && known(prev);
  if (affix === 'ترین' || affix === 'تر') return isAdjective(prev);
  if (HEH_SET.has(affix) || affix === 'ی') return prev.length >= 3 && prev.endsWith('ه') && known(prev);
  return false;
}

/** Whether a stand-alone prefix may be attached to the word after it («می شود» → «می‌شود»). */
export function canAttachPrefix(prefix: string, next: string): boolean {
  if (prefix === 'می' || prefix === 'نمی') return verbEvidence(next) !== 'none';
  if (prefix === 'بی') return next.length >= 2 && known(next) && known(`بی${next}`);
  return false;
}

/** Stand-alone tokens that are only ever affixes of the word before them. */
export function isSuffixToken(token: string): boolean {
  return PLURAL_SET.has(token) || HEH_SET.has(token) || token === 'ترین' || token === 'تر' || token === 'ی';
}

export function isPrefixToken(token: string): boolean {
  return token === 'می' || token === 'نمی' || token === 'بی';
}
