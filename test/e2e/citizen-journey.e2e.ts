// Journey: a citizen on a phone finds a news item with the portal's search (typing the
// words with spaces where the headline has half-spaces), opens it, sends a comment, and
// is told it awaits review; the comment is not shown. The PR editor approves it in the
// moderation queue, and the citizen's next visit shows it — the page cache was cleared
// by the approval. Screenshots: portal-search-360 and citizen-comment-approved-1280.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, runAxe, screenshot, seriousViolations } from '../helpers/browser.js';
import { startDemoApp, type DemoApp } from '../helpers/demo-app.js';

const COMMENT = 'پیشنهاد می‌کنم نشست‌ها را در سرای محلهٔ چیتگر هم برگزار کنید.';

async function expectAccessible(page: Page): Promise<void> {
  const violations = seriousViolations(await runAxe(page));
  expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
}

describe.runIf(chromiumPath)('browser: a citizen finds news by search, comments, and sees it after moderation', () => {
  let demo: DemoApp;
  let browser: Browser;
  let base: string;
  let newsUrl = '';

  beforeAll(async () => {
    demo = await startDemoApp('citizen-e2e');
    ({ browser, base } = demo);
  });
  afterAll(async () => demo?.close());

  it('the citizen searches from the header, opens the item and sends a comment', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    // The headline says «روابط‌عمومی‌های» (half-spaces); the citizen types plain spaces.
    await page.fill('#site-search-q', 'روابط عمومی ها');
    await Promise.all([page.waitForURL(/\/search\?/), page.press('#site-search-q', 'Enter')]);
    const result = page.locator('main a', { hasText: 'نشست هفتگی روابط‌عمومی‌های نواحی' }).first();
    await expect.poll(() => result.count()).toBe(1);
    await expect.poll(() => page.locator('main mark').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await screenshot(page, 'portal-search-360');

    await Promise.all([page.waitForURL(/\/news\//), result.click()]);
    newsUrl = page.url().split('?')[0]!;
    await page.fill('input[name="name"]', 'نسرین موسوی');
    await page.fill('textarea[name="body"]', COMMENT);
    await Promise.all([page.waitForURL(/comment=received/), page.locator('button', { hasText: 'فرستادن نظر' }).click()]);
    expect(await page.locator('main').innerText()).toContain('نظر شما ثبت شد و پس از بررسی منتشر می‌شود');
    // Pre-moderated: not on the page yet, not even for the one who wrote it.
    await page.goto(newsUrl);
    expect(await page.locator('main').innerText()).not.toContain(COMMENT);
    await context.close();
  });

  it('the PR editor approves it and the citizen sees it on the news page', { timeout: 120_000 }, async () => {
    const editor = demo.account('pr.editor');
    const staff = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await staff.newPage();
    await page.goto(`${base}/login`);
    await page.fill('input[name="username"]', editor.username);
    await page.fill('input[name="password"]', editor.password);
    await Promise.all([page.waitForURL(`${base}/staff`), page.locator('form[action="/login"] button[type="submit"]').click()]);
    await Promise.all([page.waitForURL(/\/staff\/comments/), page.locator('a', { hasText: 'نظرهای شهروندان' }).first().click()]);
    const card = page.locator('article', { hasText: COMMENT });
    await expect.poll(() => card.count()).toBe(1);
    await card.locator('select[name="action"]').selectOption('approve');
    await Promise.all([page.waitForURL(/\/staff\/comments/), card.locator('button[type="submit"]').click()]);
    await staff.close();

    const citizen = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const view = await citizen.newPage();
    await view.goto(newsUrl);
    const comments = view.locator('#comments');
    expect(await comments.innerText()).toContain(COMMENT);
    expect(await comments.innerText()).toContain('نسرین موسوی');
    await expectAccessible(view);
    await screenshot(view, 'citizen-comment-approved-1280');
    await citizen.close();
  });
});
