import { describe, expect, it } from 'vitest';
import { canAttachPrefix, canAttachSuffix, isAdjective, splitJoined } from './segmentation.js';

function parts(word: string, withComparative = false): string {
  const s = splitJoined(word, withComparative);
  return [s.prefix, s.stem, s.suffix].filter(Boolean).join('+');
}

describe('splitJoined', () => {
  it('splits verbs with می / نمی', () => {
    expect(parts('میشود')).toBe('می+شود');
    expect(parts('نمیشود')).toBe('نمی+شود');
    expect(parts('میآید')).toBe('می+آید');
    expect(parts('میکردند')).toBe('می+کردند');
    expect(parts('میدانم')).toBe('می+دانم');
  });

  it('keeps nouns that start with می, and the verb مردن (میرد)', () => {
    for (const w of ['میز', 'میدان', 'میلیون', 'میوه', 'میگو', 'میزان', 'میهمانی', 'میدانی', 'میزی', 'میرد', 'نمیرند', 'میترا']) {
      expect(parts(w), w).toBe(w);
    }
  });

  it('splits بی only off an unknown word whose rest is known, never a verb in بی', () => {
    expect(parts('بیتوجه')).toBe('بی+توجه');
    expect(parts('بیچاره')).toBe('بیچاره');
    expect(parts('بیاید')).toBe('بیاید');
    expect(parts('بیستون')).toBe('بیستون');
  });

  it('splits plurals and keeps words that only look like them', () => {
    expect(parts('کتابها')).toBe('کتاب+ها');
    expect(parts('سازمانهایی')).toBe('سازمان+هایی');
    expect(parts('محلهها')).toBe('محله+ها');
    for (const w of ['تنها', 'رها', 'بها', 'منتها', 'تنهایی', 'نهایی', 'انتها', 'اشتها']) {
      expect(parts(w), w).toBe(w);
    }
  });

  it('splits pronoun suffixes after a silent ه only when the joined form is unknown', () => {
    expect(parts('رفتهاند')).toBe('رفته+اند');
    expect(parts('خانهام')).toBe('خانه+ام');
    expect(parts('الهام')).toBe('الهام');
    expect(parts('اشتباهات')).toBe('اشتباهات');
  });

  it('splits superlatives, and comparatives only when asked', () => {
    expect(parts('بزرگترین')).toBe('بزرگ+ترین');
    expect(parts('بزرگتر')).toBe('بزرگتر');
    expect(parts('بزرگتر', true)).toBe('بزرگ+تر');
    expect(parts('بهترین')).toBe('بهترین');
    expect(parts('دکترین')).toBe('دکترین');
    expect(parts('فیلتر', true)).toBe('فیلتر');
  });

  it('splits compounds with a known head', () => {
    expect(parts('تعیینکننده')).toBe('تعیین+کننده');
    expect(parts('دانشآموزان')).toBe('دانش+آموزان');
  });
});

describe('stand-alone affixes', () => {
  it('attaches suffixes to known words', () => {
    expect(canAttachSuffix('کتاب', 'ها')).toBe(true);
    expect(canAttachSuffix('بزرگ', 'تر')).toBe(true);
    expect(canAttachSuffix('پسماند', 'تر')).toBe(false);
    expect(canAttachSuffix('خانه', 'ی')).toBe(true);
    expect(canAttachSuffix('کتاب', 'ی')).toBe(false);
    expect(canAttachSuffix('رفته', 'اند')).toBe(true);
  });

  it('attaches prefixes to verbs only', () => {
    expect(canAttachPrefix('می', 'شود')).toBe(true);
    expect(canAttachPrefix('می', '۲۰۲۴')).toBe(false);
    expect(canAttachPrefix('می', 'ناب')).toBe(false);
    expect(canAttachPrefix('بی', 'سواد')).toBe(true);
    expect(canAttachPrefix('بی', 'تو')).toBe(false);
  });

  it('recognises adjectives', () => {
    expect(isAdjective('بزرگ')).toBe(true);
    expect(isAdjective('ساده')).toBe(true);
    expect(isAdjective('پسماند')).toBe(false);
    expect(isAdjective('لباس')).toBe(false);
  });
});
