import { describe, expect, it } from 'vitest';
import { hasInvisibleOrBidiChars, identityKey } from './identity.js';

describe('hasInvisibleOrBidiChars', () => {
  it('finds zero-width and bidi-control characters', () => {
    const invisible = [
      '\u200B', '\u200C', '\u200D', '\u200E', '\u200F',
      '\u2028', '\u2029', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E',
      '\u2060', '\u2061', '\u2066', '\u2067', '\u2068', '\u2069',
      '\uFEFF', '\u061C', '\u00AD',
    ];
    for (const ch of invisible) {
      expect(hasInvisibleOrBidiChars(`ali${ch}reza`), ch.codePointAt(0)?.toString(16)).toBe(true);
    }
  });

  it('passes plain names, Persian or Latin', () => {
    for (const s of ['علی', 'علیرضا', 'ali.reza_21', 'منطقه-۲۱', 'Region 21']) {
      expect(hasInvisibleOrBidiChars(s)).toBe(false);
    }
  });
});

describe('identityKey', () => {
  it('makes «علي» and «علی» collide', () => {
    expect(identityKey('علي')).toBe(identityKey('علی'));
  });

  it('ignores case, Arabic letter forms, digits systems and diacritics', () => {
    expect(identityKey('Ali')).toBe(identityKey('ali'));
    expect(identityKey('كاظم')).toBe(identityKey('کاظم'));
    expect(identityKey('منطقه۲۱')).toBe(identityKey('منطقه21'));
    expect(identityKey('مُحَمَّد')).toBe(identityKey('محمد'));
    expect(identityKey('آرش')).toBe(identityKey('ارش'));
  });

  it('keeps different names apart', () => {
    expect(identityKey('علی')).not.toBe(identityKey('علیرضا'));
    expect(identityKey('مسئول')).not.toBe(identityKey('مسول'));
  });
});
