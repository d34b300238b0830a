import { describe, expect, it } from 'vitest';
import { findTags, hostileText, isEscaped, markupProblems, parseTags, textOf } from '../testing/html.js';
import { renderPage } from '../render.js';
import { StaffLayout } from './staff-layout.js';

const nav = [
  { href: '/staff', label: 'پیشخوان' },
  { href: '/staff/news', label: 'اخبار', current: true },
];

function page(extra: Partial<Parameters<typeof StaffLayout>[0]> = {}) {
  return renderPage(
    <StaffLayout
      title="اخبار"
      nav={nav}
      user={{ displayName: 'زهرا محمدی', roleLabel: 'دبیر خبر روابط عمومی' }}
      csrfToken="csrf-123"
      {...extra}
    >
      <h1>اخبار</h1>
    </StaffLayout>,
  );
}

describe('StaffLayout', () => {
  it('is a Persian RTL document with one stylesheet and module scripts only', () => {
    const html = page();
    expect(html.startsWith('<!doctype html><html lang="fa" dir="rtl">')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(html).toContain('<title>اخبار — شهرنما</title>');
    expect(findTags(html, 'link', 'rel', 'stylesheet').map((l) => l.attrs.get('href'))).toEqual(['/static/css/app.css']);
    const scripts = findTags(html, 'script');
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) {
      expect(s.attrs.get('type')).toBe('module');
      expect(s.attrs.get('src')).toMatch(/^\/static\//);
      // A module script is deferred already; `defer` on it is invalid HTML.
      expect(s.attrs.has('defer')).toBe(false);
    }
    expect(markupProblems(html)).toEqual([]);
  });

  it('starts the title with «خطا:» when the form has errors', () => {
    expect(page({ hasErrors: true })).toContain('<title>خطا: اخبار — شهرنما</title>');
  });

  it('has a skip link to main, landmarks and a footer', () => {
    const html = page();
    const tags = parseTags(html);
    const skip = tags.find((t) => t.attrs.get('class') === 'skip-link');
    expect(skip?.attrs.get('href')).toBe('#main');
    expect(textOf(html)).toContain('پرش به محتوای اصلی');
    expect(findTags(html, 'main', 'id', 'main').length).toBe(1);
    expect(findTags(html, 'header').length).toBe(1);
    expect(findTags(html, 'footer').length).toBe(1);
    // The skip link is the first thing in the body.
    expect(html.indexOf('skip-link')).toBeLessThan(html.indexOf('<header'));
  });

  it('shows the user, role and a logout form with the CSRF token', () => {
    const html = page();
    expect(textOf(html)).toContain('زهرا محمدی');
    expect(textOf(html)).toContain('دبیر خبر روابط عمومی');
    const form = findTags(html, 'form', 'action', '/logout')[0];
    expect(form?.attrs.get('method')).toBe('post');
    expect(findTags(html, 'input', 'name', '_csrf')[0]?.attrs.get('value')).toBe('csrf-123');
  });

  it('omits the account block when nobody is signed in', () => {
    const html = renderPage(
      <StaffLayout title="ورود" csrfToken="t">
        <h1>ورود</h1>
      </StaffLayout>,
    );
    expect(html).not.toContain('/logout');
  });

  it('marks the current nav item', () => {
    const html = page();
    const current = findTags(html, 'a', 'aria-current', 'page');
    expect(current.map((a) => a.attrs.get('href'))).toEqual(['/staff/news']);
  });

  it('shows a flash message inside main', () => {
    const html = page({ flash: { kind: 'success', text: 'ذخیره شد.' } });
    expect(html.indexOf('role="status"')).toBeGreaterThan(html.indexOf('<main'));
    expect(textOf(html)).toContain('ذخیره شد.');
  });

  it('has no inline script or style, and no style attributes (strict CSP)', () => {
    const html = page({ flash: { kind: 'info', text: 'x' } });
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle="/);
  });

  it('adds only well-formed extra scripts from /static/js/', () => {
    const html = page({ scripts: ['news-editor.js', '../evil.js', 'https://cdn.example/x.js'] });
    const srcs = findTags(html, 'script').map((s) => s.attrs.get('src'));
    expect(srcs).toContain('/static/js/news-editor.js');
    expect(srcs.some((s) => s?.includes('evil') || s?.includes('cdn'))).toBe(false);
  });

  it('escapes title, user name and flash text', () => {
    const html = renderPage(
      <StaffLayout
        title={hostileText}
        user={{ displayName: hostileText, roleLabel: hostileText }}
        csrfToken="t"
        flash={{ kind: 'error', text: hostileText }}
      >
        <p>x</p>
      </StaffLayout>,
    );
    expect(isEscaped(html)).toBe(true);
  });
});
