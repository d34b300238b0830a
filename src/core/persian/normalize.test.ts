import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize } from './normalize.js';

const Z = '\u200C';

function expectCases(cases: [string, string][]): void {
  for (const [input, expected] of cases) {
    expect(normalize(input), JSON.stringify(input)).toBe(expected);
  }
}

describe('normalize: letters', () => {
  it('turns Arabic ي ى ك ھ into Persian ی ک ه', () => {
    expectCases([
      ['علي', 'علی'],
      ['موسى', 'موسی'],
      ['كتاب', 'کتاب'],
      ['ھمه', 'همه'],
    ]);
  });

  it('turns Arabic presentation forms into plain letters', () => {
    expectCases([
      ['ﻛﺘﺎﺏ', 'کتاب'],
      ['ﺳﻼﻡ', 'سلام'],
      ['ﷲ', 'الله'],
    ]);
  });

  it('writes ۀ as هٔ and keeps an existing هٔ and ة', () => {
    expectCases([
      ['خانۀ ما', 'خانهٔ ما'],
      ['خانهٔ ما', 'خانهٔ ما'],
      ['مدرسة', 'مدرسة'],
    ]);
  });

  it('removes tatweel, and turns a lone one between spaces into a dash', () => {
    expectCases([
      ['سلامـــــت', 'سلامت'],
      ['الف ـ ب', 'الف – ب'],
      ['الف ـــ ب', 'الف – ب'],
    ]);
  });

  it('collapses a doubled diacritic and keeps the others', () => {
    expectCases([
      ['کتابَََ', 'کتابَ'],
      ['مُحَمَّد', 'مُحَمَّد'],
      ['خانهٔٔ', 'خانهٔ'],
    ]);
  });
});

describe('normalize: digits', () => {
  it('writes digits in prose as Persian digits', () => {
    expectCases([
      ['سال 1403', 'سال ۱۴۰۳'],
      ['سال ١٤٠٣', 'سال ۱۴۰۳'],
      ['1234', '۱۲۳۴'],
    ]);
  });

  it('uses ٫ for the decimal point, ٬ between thousands and ٪ for percent', () => {
    expectCases([
      ['رشد 3.5 درصدی', 'رشد ۳٫۵ درصدی'],
      ['مبلغ 1,250,000 ریال', 'مبلغ ۱٬۲۵۰٬۰۰۰ ریال'],
      ['رشد 50%', 'رشد ۵۰٪'],
      ['رشد 50 %', 'رشد ۵۰٪'],
      ['قیمت 12.5 میلیون', 'قیمت ۱۲٫۵ میلیون'],
    ]);
  });

  it('keeps times, dates and phone numbers readable', () => {
    expectCases([
      ['ساعت 15:30 جلسه', 'ساعت ۱۵:۳۰ جلسه'],
      ['تاریخ 1403/09/08 است', 'تاریخ ۱۴۰۳/۰۹/۰۸ است'],
      ['تلفن 021-44556677', 'تلفن ۰۲۱-۴۴۵۵۶۶۷۷'],
    ]);
  });

  it('leaves digits in URLs, e-mail addresses and Latin words alone', () => {
    expectCases([
      ['COVID-19 در سال 2020', 'COVID-19 در سال ۲۰۲۰'],
      ['نشانی https://example.com/a1?b=2 است', 'نشانی https://example.com/a1?b=2 است'],
      ['رایانامه info2@tehran21.ir است', 'رایانامه info2@tehran21.ir است'],
      ['کاغذ A4 و فایل mp3', 'کاغذ A4 و فایل mp3'],
      ['نسخه Windows 11 منتشر شد', 'نسخه Windows 11 منتشر شد'],
      ['نشانی www.region21.ir/news/12 را ببینید', 'نشانی www.region21.ir/news/12 را ببینید'],
    ]);
  });

  it('leaves Latin text alone', () => {
    expectCases([
      ['Version 2.0 released, see Node.js docs.', 'Version 2.0 released, see Node.js docs.'],
      ['15 May 2024', '15 May 2024'],
      ['Hello, world?', 'Hello, world?'],
      ['IP 192.168.1.1 است', 'IP 192.168.1.1 است'],
    ]);
  });

  it('puts a space between a number and the Persian word after it', () => {
    expectCases([
      ['15کیلومتر راه', '۱۵ کیلومتر راه'],
      ['۳بار', '۳ بار'],
      ['۲۰ساله', '۲۰ ساله'],
    ]);
  });

  it('keeps ordinals and plurals written on the number', () => {
    expectCases([
      ['۳ام', '۳ام'],
      ['دهه ۶۰ها', 'دهه ۶۰ها'],
    ]);
  });
});

describe('normalize: half-spaces', () => {
  it('splits joined prefixes می and نمی off a verb', () => {
    expectCases([
      ['میشود', `می${Z}شود`],
      ['نمیشود', `نمی${Z}شود`],
      ['میتوانیم', `می${Z}توانیم`],
      ['میرسد', `می${Z}رسد`],
      ['میگوید', `می${Z}گوید`],
      ['نمیتوان', `نمی${Z}توان`],
    ]);
  });

  it('joins a stand-alone می / نمی to its verb', () => {
    expectCases([
      ['می شود', `می${Z}شود`],
      ['نمی دانم', `نمی${Z}دانم`],
    ]);
  });

  it('splits joined plural suffixes where the stem is a known word', () => {
    expectCases([
      ['کتابها', `کتاب${Z}ها`],
      ['سازمانهایی', `سازمان${Z}هایی`],
      ['درختها و پارکها', `درخت${Z}ها و پارک${Z}ها`],
      ['کتابهایشان', `کتاب${Z}هایشان`],
      ['محلههای ما', `محله${Z}های ما`],
    ]);
  });

  it('joins a stand-alone plural suffix to its word', () => {
    expectCases([
      ['کتاب ها', `کتاب${Z}ها`],
      ['هزینه ها و درآمد ها', `هزینه${Z}ها و درآمدها`],
      ['روابط عمومی ها', `روابط عمومی${Z}ها`],
    ]);
  });

  it('splits a compound like تعیینکننده', () => {
    expectCases([
      ['تعیینکننده', `تعیین${Z}کننده`],
      ['دانشآموزان', `دانش${Z}آموزان`],
    ]);
  });

  it('handles ترین, and a lone تر only after a known adjective', () => {
    expectCases([
      ['بزرگترین', `بزرگ${Z}ترین`],
      ['بزرگ تر', `بزرگ${Z}تر`],
      ['ساده ترین راه', `ساده${Z}ترین راه`],
      ['پسماند تر', 'پسماند تر'],
      ['لباس تر', 'لباس تر'],
      ['بهترین', 'بهترین'],
    ]);
  });

  it('joins pronoun and copula suffixes after a silent ه', () => {
    expectCases([
      ['رفته اند', `رفته${Z}اند`],
      ['خسته ام', `خسته${Z}ام`],
      ['رفتهاند', `رفته${Z}اند`],
      ['خانهام', `خانه${Z}ام`],
    ]);
  });

  it('writes the ezafe «خانه ی» as «خانه‌ی» and keeps «خانهٔ»', () => {
    expectCases([
      ['خانه ی ما', `خانه${Z}ی ما`],
      ['خانهٔ ما', 'خانهٔ ما'],
    ]);
  });

  it('removes a ZWNJ after a non-joining letter, next to a space, or at the ends', () => {
    expectCases([
      [`کار${Z}ها`, 'کارها'],
      [`نامه${Z} ها`, `نامه${Z}ها`],
      [`${Z}سلام${Z}`, 'سلام'],
      [`سلام ${Z}دنیا`, 'سلام دنیا'],
      [`درآمد${Z}ها`, 'درآمدها'],
      [`${Z}۱۲`, '۱۲'],
    ]);
  });

  it('collapses doubled ZWNJs and repairs the ¬ left by broken copy-paste', () => {
    expectCases([
      [`کتاب${Z}${Z}ها`, `کتاب${Z}ها`],
      ['می¬شود', `می${Z}شود`],
    ]);
  });

  it('keeps a ZWNJ the writer put where it belongs', () => {
    expectCases([
      [`همان${Z}طور`, `همان${Z}طور`],
      [`روابط${Z}عمومی${Z}ها`, `روابط${Z}عمومی${Z}ها`],
    ]);
  });
});

describe('normalize: words that must come out unchanged', () => {
  const unchanged = [
    'میز',
    'میدان',
    'میلیون',
    'میوه',
    'میگو',
    'تنها',
    'رها',
    'بها',
    'بیچاره',
    '۱۵ می ۲۰۲۴',
    'پسماند تر',
    'میزان',
    'میهمان',
    'میراث',
    'مطالعات میدانی',
    'منتها',
    'تنهایی',
    'نهایی',
    'رهایی',
    'انتها',
    'اشتها',
    'بیمارستان',
    'بیسواد',
    'بیاید',
    'الهام',
    'اشتباهات',
    'دکترین',
    'بیشتر',
    'کمترین',
    'بی تو',
    'می ناب',
    'تر و تازه',
    'همان‌طور که گفته شد',
    'یکشنبه ۸ آذر ۱۴۰۵',
    '۱۴۰۵/۰۹/۰۸ ساعت ۱۵:۳۰',
  ];
  for (const text of unchanged) {
    it(`keeps «${text}»`, () => {
      expect(normalize(text)).toBe(text);
    });
  }
});

describe('normalize: punctuation and spacing', () => {
  it('puts no space before and one after ، ؛ : ؟ ! .', () => {
    expectCases([
      ['سلام ،خوبی؟', 'سلام، خوبی؟'],
      ['اول ؛دوم', 'اول؛ دوم'],
      ['او اظهار داشت : ما آماده ایم !', `او اظهار داشت: ما آماده${Z}ایم!`],
      ['تمام شد.بعدی', 'تمام شد. بعدی'],
      ['پاسخ:بله', 'پاسخ: بله'],
      ['چرا ؟!', 'چرا؟!'],
      ['صبر کنید...', 'صبر کنید...'],
    ]);
  });

  it('does not put a space into decimals, times or Latin words', () => {
    expectCases([
      ['۳٫۵ درصد', '۳٫۵ درصد'],
      ['ساعت ۸:۳۰ صبح', 'ساعت ۸:۳۰ صبح'],
      ['فایل report.pdf را ببینید', 'فایل report.pdf را ببینید'],
      ['e.g. this', 'e.g. this'],
    ]);
  });

  it('turns Latin , ; ? in Persian text into ، ؛ ؟', () => {
    expectCases([
      ['سلام , خوبی ?', 'سلام، خوبی؟'],
      ['اول; دوم', 'اول؛ دوم'],
      ['چرا?', 'چرا؟'],
    ]);
  });

  it('puts nothing inside « » and ( ), and one space before them after a word', () => {
    expectCases([
      ['« سلام »', '«سلام»'],
      ['( سلام )', '(سلام)'],
      ['گفت«سلام»', 'گفت «سلام»'],
      ['کتاب(ها)', 'کتاب (ها)'],
      ['گفت:«سلام»', 'گفت: «سلام»'],
      ['«سلام»گفت', '«سلام» گفت'],
    ]);
  });

  it('turns straight and curly double quotes around Persian text into « »', () => {
    expectCases([
      ['گفت "سلام"', 'گفت «سلام»'],
      ['گفت “سلام”', 'گفت «سلام»'],
      ['گفت " سلام دنیا "', 'گفت «سلام دنیا»'],
      ['he said "hello"', 'he said "hello"'],
    ]);
  });

  it('collapses doubled spaces and trims the ends, keeping line breaks', () => {
    expectCases([
      ['  سلام    دنیا  ', 'سلام دنیا'],
      ['سلام\t\u00A0دنیا', 'سلام دنیا'],
      ['بند اول  \n  بند دوم', 'بند اول\nبند دوم'],
      ['اول\r\nدوم', 'اول\nدوم'],
    ]);
  });

  it('normalises a realistic news paragraph', () => {
    const input =
      'به گزارش روابط عمومی منطقه ۲۱ شهرداری تهران،در این جلسه که با حضور شهردار منطقه برگزار شد , ' +
      'مسائل مربوط به پسماند تر و خشک بررسی شد.همچنین مقرر شد 25 درصد از بودجه به پروژههای عمرانی اختصاص یابد.';
    expect(normalize(input)).toBe(
      'به گزارش روابط عمومی منطقه ۲۱ شهرداری تهران، در این جلسه که با حضور شهردار منطقه برگزار شد، ' +
        `مسائل مربوط به پسماند تر و خشک بررسی شد. همچنین مقرر شد ۲۵ درصد از بودجه به پروژه${Z}های عمرانی اختصاص یابد.`,
    );
    expect(normalize('شهردار منطقه گفت:"این پروژه ها تا پایان سال 1404 به بهره برداری میرسد".')).toBe(
      `شهردار منطقه گفت: «این پروژه${Z}ها تا پایان سال ۱۴۰۴ به بهره برداری می${Z}رسد».`,
    );
  });

  it('returns the empty string for blank input', () => {
    expect(normalize('')).toBe('');
    expect(normalize(`  ${Z} \n `)).toBe('');
  });
});

// Building blocks for the property tests: Persian letters and words, affixes, digits of
// the three systems, spaces, ZWNJ, punctuation, quotes, Latin words, URLs and e-mails.
const atoms = [
  'ی', 'ي', 'ى', 'ك', 'ک', 'ه', 'ھ', 'ۀ', 'ة', 'ا', 'آ', 'ب', 'ت', 'م', 'ن', 'د', 'ر', 'و', 'ز', 'ش', 'ل', 'س', 'ﻛ', 'ﺏ',
  'ها', 'های', 'هایی', 'می', 'نمی', 'بی', 'تر', 'ترین', 'ام', 'اند', 'ای', 'کتاب', 'شود', 'خانه', 'سازمان', 'میز',
  'تنها', 'عمومی', 'روابط', 'بزرگ', 'پسماند', 'رفته', 'کننده', 'تعیین',
  Z, Z + Z, '¬', 'ـ', ' ', '  ', '\t', '\n',
  '،', ',', '؛', ';', '؟', '?', '!', '.', ':', '…', '–', '-', '/', '«', '»', '(', ')', '"', '“', '”', '%', '٪',
  '0', '1', '5', '۳', '٣', '٫', '٬', '1,000', '3.5', '15:30',
  'a', 'B', 'COVID-19', 'Node.js', 'https://x.ir/a?b=1', 'www.x.com', 'a@b.ir',
  '\u064E', '\u064E\u064E', '\u0654', '\u0651',
];
const persianTextArbitrary = fc.array(fc.constantFrom(...atoms), { maxLength: 30 }).map((a) => a.join(''));

describe('normalize: properties', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(persianTextArbitrary, (x) => {
        const once = normalize(x);
        expect(normalize(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent on arbitrary Unicode strings too', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (x) => {
        const once = normalize(x);
        expect(normalize(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('never leaves Arabic ي ك, tatweel, doubled spaces or doubled ZWNJs', () => {
    fc.assert(
      fc.property(persianTextArbitrary, (x) => {
        const out = normalize(x);
        expect(out).not.toMatch(/[\u064A\u0643\u0640]| {2}|\u200C\u200C/);
        expect(out).toBe(out.trim());
      }),
      { numRuns: 1000 },
    );
  });
});
