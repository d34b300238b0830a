import { describe, expect, it } from 'vitest';
import { isKnownWord, loadWordList } from './word-list.js';

describe('word list (@cspell/dict-fa-ir)', () => {
  it('loads once and is cached', () => {
    const first = loadWordList();
    expect(loadWordList()).toBe(first);
    expect(first.loadMs).toBeGreaterThan(0);
  });

  it('knows the base words DESIGN.md names', () => {
    for (const w of ['کتاب', 'گذارد', 'باشد', 'تواند', 'میز', 'تنها', 'پسماند', 'بیچاره', 'شود', 'سازمان']) {
      expect(isKnownWord(w), w).toBe(true);
    }
  });

  it('has no half-spaced forms, and joined verb forms with می are mostly absent', () => {
    expect(isKnownWord('کتاب\u200Cها')).toBe(false);
    expect(isKnownWord('می\u200Cشود')).toBe(false);
    expect(isKnownWord('میشود')).toBe(false);
  });

  it('rejects the empty string, prefixes of words and the case-folded ~ entries', () => {
    expect(isKnownWord('')).toBe(false);
    expect(isKnownWord('کتا')).toBe(false);
    expect(isKnownWord('~کتاب')).toBe(false);
    expect(isKnownWord('qwertyuiop')).toBe(false);
  });
});
