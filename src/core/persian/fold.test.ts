import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from './fold.js';
import { normalize } from './normalize.js';

const Z = '\u200C';

describe('fold', () => {
  it('gives one key for every spelling of «روابط عمومی‌ها»', () => {
    const key = fold('روابط عمومی ها');
    expect(key).toBe('روابط عمومی ها');
    expect(fold(`روابط${Z}عمومی${Z}ها`)).toBe(key);
    expect(fold(`روابط عمومي${Z}ها`)).toBe(key);
    expect(fold('روابط عمومیها')).toBe(key);
  });

  it('gives one key for joined, half-spaced and spaced plurals', () => {
    const key = fold('کتاب ها');
    expect(fold('کتابها')).toBe(key);
    expect(fold(`کتاب${Z}ها`)).toBe(key);
    expect(fold('كتابها')).toBe(key);
    expect(fold('سازمانهایی')).toBe(fold(`سازمان${Z}هایی`));
    expect(fold('کارها')).toBe(fold('کار ها'));
  });

  it('keeps می / نمی / بی on their word, however they were written', () => {
    expect(fold('میشود')).toBe('میشود');
    expect(fold(`می${Z}شود`)).toBe('میشود');
    expect(fold('می شود')).toBe('میشود');
    expect(fold(`نمی${Z}توان`)).toBe(fold('نمیتوان'));
    expect(fold(`بی${Z}سواد`)).toBe(fold('بیسواد'));
    expect(fold('بی سواد')).toBe(fold('بیسواد'));
    expect(fold('بی نظیر')).toBe(fold('بینظیر'));
    expect(fold(`بی${Z}نظیر`)).toBe(fold('بینظیر'));
    expect(fold('بی تو')).toBe('بی تو');
  });

  it('sets comparatives apart whether joined or half-spaced', () => {
    expect(fold('بزرگتر')).toBe(fold(`بزرگ${Z}تر`));
    expect(fold('بزرگترین')).toBe(fold('بزرگ ترین'));
    expect(fold('پسماند تر')).toBe('پسماند تر');
  });

  it('strips diacritics, including the hamza above ه, and drops the ezafe ی', () => {
    expect(fold('مُحَمَّد')).toBe('محمد');
    expect(fold('خانهٔ ما')).toBe('خانه ما');
    expect(fold('خانۀ ما')).toBe('خانه ما');
    expect(fold('خانه ی ما')).toBe('خانه ما');
    expect(fold(`خانه${Z}ی ما`)).toBe('خانه ما');
  });

  it('folds alef forms and ة, keeps ئ and ؤ', () => {
    expect(fold('آب')).toBe('اب');
    expect(fold('أحمد إمام')).toBe('احمد امام');
    expect(fold('مدرسة')).toBe('مدرسه');
    expect(fold('مسئول')).toBe('مسئول');
    expect(fold('مؤسسه')).toBe('مؤسسه');
  });

  it('writes digits in ASCII, without thousands separators', () => {
    expect(fold('سال ۱۴۰۳')).toBe('سال 1403');
    expect(fold('سال ١٤٠٣')).toBe('سال 1403');
    expect(fold('۱٬۲۵۰٬۰۰۰ ریال')).toBe('1250000 ریال');
    expect(fold('1,250,000 ریال')).toBe('1250000 ریال');
    expect(fold('۳٫۵ درصد')).toBe('3.5 درصد');
    expect(fold('۵۰٪')).toBe('50%');
  });

  it('lower-cases Latin, removes tatweel and collapses whitespace', () => {
    expect(fold('COVID-19  در   Tehran')).toBe('covid-19 در tehran');
    expect(fold('سلامـــت')).toBe('سلامت');
    expect(fold(' الف \n\n ب ')).toBe('الف ب');
  });

  it('matches what normalize leaves unchanged', () => {
    for (const w of ['میز', 'میدان', 'میلیون', 'میوه', 'میگو', 'تنها', 'رها', 'بها', 'بیچاره']) {
      expect(fold(w)).toBe(w);
    }
  });
});

const atoms = [
  'ی', 'ي', 'ك', 'ک', 'ه', 'ۀ', 'ة', 'ا', 'آ', 'أ', 'ئ', 'ؤ', 'ب', 'ت', 'م', 'ن', 'د', 'ر', 'و', 'ش',
  'ها', 'های', 'هایی', 'می', 'نمی', 'بی', 'تر', 'ترین', 'ام', 'اند', 'ای', 'ی',
  'کتاب', 'شود', 'خانه', 'سازمان', 'روابط', 'عمومی', 'عمومي', 'بزرگ', 'پسماند', 'سواد',
  Z, '¬', 'ـ', ' ', '  ', '\n', '،', ',', '؟', '?', '.', ':', '«', '»', '"', '%',
  '0', '7', '۳', '٣', '٫', '٬', '1,000', '3.5', 'A', 'b', 'COVID-19', 'https://x.ir/A?b=1',
  '\u064E', '\u0654', '\u0651',
];
const textArbitrary = fc.array(fc.constantFrom(...atoms), { maxLength: 25 }).map((a) => a.join(''));

describe('fold: properties', () => {
  it('fold(normalize(x)) === fold(x)', () => {
    fc.assert(
      fc.property(textArbitrary, (x) => {
        expect(fold(normalize(x))).toBe(fold(x));
      }),
      { numRuns: 1500 },
    );
  });

  it('treats ZWNJ and space alike between words that join the next letter', () => {
    // After ا د ذ ر ز ژ و a ZWNJ is invisible and normalize drops it, so those words are left out.
    const words = fc.array(fc.constantFrom('کتاب', 'های', 'روابط', 'عمومی', 'خانه', 'سازمان', 'بزرگ'), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(words, fc.boolean(), (ws, plural) => {
        const all = plural ? [...ws, 'ها'] : ws;
        expect(fold(all.join(Z))).toBe(fold(all.join(' ')));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no diacritic, ZWNJ, tatweel, non-ASCII digit or capital', () => {
    fc.assert(
      fc.property(textArbitrary, (x) => {
        const key = fold(x);
        expect(key).not.toMatch(/[\u064B-\u065F\u0670\u200C\u06F0-\u06F9\u0660-\u0669A-Z\u0640]/);
      }),
      { numRuns: 1000 },
    );
  });
});
