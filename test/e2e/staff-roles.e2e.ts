// Journey: each demo role signs in through the real login form in Chromium, lands on its
// staff home, and the page has no serious or critical axe violation. Screenshots of the
// public home, the login page and every role's home go to test-results/screenshots/.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoAccount } from '../../src/seed/demo-seed.js';
import { chromiumPath, runAxe, screenshot, seriousViolations } from '../helpers/browser.js';
import { startDemoApp, type DemoApp } from '../helpers/demo-app.js';

const HOME_HEADINGS: Record<string, RegExp> = {
  admin: /مدیر سامانه/,
  pr_manager: /مدیر روابط عمومی/,
  pr_editor: /دبیر خبر/,
  reporter: /کارشناس خبری/,
  photographer: /عکاس/,
  liaison: /رابط روابط عمومی/,
  data_officer: /آمار و اطلاعات/,
  official: /مدیر|مسئول/,
};

describe.runIf(chromiumPath)('browser: every demo role signs in and lands on its staff home', () => {
  let demo: DemoApp;
  let browser: Browser;
  let base: string;
  let accounts: DemoAccount[];

  beforeAll(async () => {
    demo = await startDemoApp('staff-e2e');
    ({ browser, base, accounts } = demo);
  });
  afterAll(async () => demo?.close());

  it('the public home shows Region 21 and its districts, accessibly', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/`);
    await expect(page.locator('html')).toBeDefined();
    const text = await page.locator('main').innerText();
    expect(text).toContain('ناحیه ۱');
    expect(text).toContain('ناحیه ۳');
    expect(seriousViolations(await runAxe(page))).toEqual([]);
    await screenshot(page, 'portal-home-1280');
    await page.setViewportSize({ width: 360, height: 800 });
    await screenshot(page, 'portal-home-360');
    await page.close();
  });

  it('the login page is accessible', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    expect(seriousViolations(await runAxe(page))).toEqual([]);
    await screenshot(page, 'login');
    await page.close();
  });

  it('a wrong password shows a Persian error summary and keeps the username', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.fill('input[name="username"]', 'admin');
    await page.fill('input[name="password"]', 'not-the-password');
    await page.locator('form[action="/login"] button[type="submit"]').click();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('[role="alert"]').innerText()).toContain('نام کاربری یا رمز عبور درست نیست');
    expect(await page.inputValue('input[name="username"]')).toBe('admin');
    expect(seriousViolations(await runAxe(page))).toEqual([]);
    await screenshot(page, 'login-error');
    await page.close();
  });

  it('the demo has one account per role', () => {
    expect(accounts.map((a) => a.role).sort()).toEqual([...Object.keys(HOME_HEADINGS)].sort());
  });

  for (const role of Object.keys(HOME_HEADINGS)) {
    it(`${role} signs in, lands on /staff with its own home, axe-clean`, { timeout: 90_000 }, async () => {
      const account = accounts.find((a) => a.role === role)!;
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${base}/login`);
      await page.fill('input[name="username"]', account.username);
      await page.fill('input[name="password"]', account.password);
      await Promise.all([page.waitForURL(`${base}/staff`), page.locator('form[action="/login"] button[type="submit"]').click()]);
      const heading = await page.locator('h1').first().innerText();
      expect(heading).toMatch(HOME_HEADINGS[role]!);
      const violations = seriousViolations(await runAxe(page));
      expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
      await screenshot(page, `staff-home-${role}`);
      await context.close();
    });
  }
});
