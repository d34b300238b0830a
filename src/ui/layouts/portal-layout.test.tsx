import { describe, expect, it } from 'vitest';
import { findTags, hostileText, isEscaped, markupProblems, textOf } from '../testing/html.js';
import { renderPage } from '../render.js';
import { PortalLayout } from './portal-layout.js';

const siteName = 'شهرداری منطقه ۲۱ تهران';

describe('PortalLayout', () => {
  it('renders the public frame', () => {
    const html = renderPage(
      <PortalLayout
        title="اخبار"
        siteName={siteName}
        tagline="روابط عمومی"
        nav={[{ href: '/', label: 'صفحهٔ نخست' }, { href: '/news', label: 'اخبار', current: true }]}
        searchAction="/search"
        searchQuery="بوستان"
        footerLinks={[{ href: '/open-data', label: 'داده‌های باز' }]}
      >
        <h1>اخبار</h1>
      </PortalLayout>,
    );
    expect(html.startsWith('<!doctype html><html lang="fa" dir="rtl">')).toBe(true);
    expect(html).toContain(`<title>اخبار — ${siteName}</title>`);
    expect(textOf(html)).toContain(siteName);
    expect(html).toContain('href="#main"');
    expect(findTags(html, 'main', 'id', 'main').length).toBe(1);
    expect(findTags(html, 'a', 'aria-current', 'page')[0]?.attrs.get('href')).toBe('/news');
    // The search is a GET form: no CSRF token in the URL.
    const form = findTags(html, 'form')[0];
    expect(form?.attrs.get('method')).toBe('get');
    expect(findTags(html, 'input', 'name', '_csrf')).toEqual([]);
    expect(findTags(html, 'input', 'name', 'q')[0]?.attrs.get('value')).toBe('بوستان');
    expect(textOf(html)).toContain('داده‌های باز');
    expect(html).not.toContain('/logout');
    expect(markupProblems(html)).toEqual([]);
  });

  it('escapes the site name and search query', () => {
    const html = renderPage(
      <PortalLayout title="x" siteName={hostileText} searchAction="/search" searchQuery={`"${hostileText}`}>
        <p>x</p>
      </PortalLayout>,
    );
    expect(isEscaped(html)).toBe(true);
  });
});
