import { describe, expect, it } from 'vitest';
import { findTags, hostileText, isEscaped, markupProblems, textOf } from '../testing/html.js';
import { renderErrorPage } from './error-page.js';

describe('renderErrorPage', () => {
  it('renders a public 404 in the portal layout', () => {
    const html = renderErrorPage({ url: '/news/xyz?x=1' }, { status: 404, message: 'صفحه‌ای که دنبال آن بودید پیدا نشد.', fieldErrors: {} });
    expect(html.startsWith('<!doctype html><html lang="fa" dir="rtl">')).toBe(true);
    expect(textOf(html)).toContain('صفحه پیدا نشد');
    expect(textOf(html)).toContain('شهرداری منطقه ۲۱ تهران');
    expect(markupProblems(html)).toEqual([]);
  });

  it('renders staff errors in the staff layout, listing field errors in a summary', () => {
    const html = renderErrorPage(
      { url: '/staff/news' },
      { status: 422, message: 'اطلاعات فرم کامل یا درست نیست.', fieldErrors: { headline: 'تیتر را وارد کنید.' } },
    );
    expect(textOf(html)).toContain('شهرنما');
    expect(findTags(html, 'div', 'role', 'alert').length).toBe(1);
    expect(textOf(html)).toContain('تیتر را وارد کنید.');
    expect(html).not.toContain('/logout');
  });

  it('escapes the message', () => {
    expect(isEscaped(renderErrorPage({ url: '/' }, { status: 500, message: hostileText, fieldErrors: {} }))).toBe(true);
  });
});
