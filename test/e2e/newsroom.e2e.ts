// Journey: a District 3 reporter files a visit report with two photos in Chromium (the
// TipTap editor, the photo upload, captions and alt text) → the PR editor asks for a
// change with a note → the reporter fixes it and resubmits → the editor approves, edits
// the headline and publishes. States are checked along the way; the form, the inbox and
// the item page have no serious or critical axe violation; screenshots news-form,
// news-inbox and news-item go to test-results/screenshots/.
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatJalaliNumeric } from '../../src/core/persian/index.js';
import type { DemoAccount } from '../../src/seed/demo-seed.js';
import { chromiumPath, runAxe, screenshot, seriousViolations } from '../helpers/browser.js';
import { startDemoApp, type DemoApp } from '../helpers/demo-app.js';

const HEADLINE = 'بازدید شهردار ناحیهٔ ۳ از بازسازی بوستان محله';
const EDITED_HEADLINE = 'بازسازی بوستان محله با بازدید شهردار ناحیهٔ ۳ شتاب گرفت';

async function photo(colour: { r: number; g: number; b: number }): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: colour } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

async function signIn(page: Page, base: string, account: DemoAccount): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('input[name="username"]', account.username);
  await page.fill('input[name="password"]', account.password);
  await Promise.all([page.waitForURL(`${base}/staff`), page.locator('form[action="/login"] button[type="submit"]').click()]);
}

async function stateTag(page: Page): Promise<string> {
  return (await page.locator('.news-item__status .tag').first().innerText()).trim();
}

async function expectAccessible(page: Page): Promise<void> {
  const violations = seriousViolations(await runAxe(page));
  expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
}

describe.runIf(chromiumPath)('browser: a district report from the reporter to publication', () => {
  let demo: DemoApp;
  let browser: Browser;
  let base: string;
  let itemUrl = '';

  beforeAll(async () => {
    demo = await startDemoApp('news-e2e');
    ({ browser, base } = demo);
  });
  afterAll(async () => demo?.close());

  const account = (username: string) => demo.account(username);

  it('the reporter files a visit report with two photos and sends it to the desk', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept());
    await signIn(page, base, account('reporter.d3'));

    await page.locator('.site-nav a', { hasText: 'خبرها' }).click();
    await page.waitForURL(`${base}/staff/news`);
    expect(await page.locator('h1').innerText()).toBe('خبرهای من');
    await page.locator('a.button', { hasText: 'نوشتن خبر تازه' }).click();
    await page.waitForURL(`${base}/staff/news/new`);

    // The editor island replaced the textarea: a toolbar and a right-to-left content area.
    const content = page.locator('.news-editor__content');
    await expect.poll(() => content.count()).toBe(1);
    expect(await content.getAttribute('dir')).toBe('rtl');
    expect(await page.locator('[role="toolbar"] button[aria-pressed]').count()).toBeGreaterThan(4);

    await page.fill('#overline', 'شهردار ناحیهٔ ۳ در بازدید از کارگاه بوستان:');
    await page.fill('#headline', HEADLINE);
    await page.fill('#lead', 'عملیات بازسازی بوستان محله با بازدید شهردار ناحیهٔ ۳ و گفت‌وگو با ساکنان ادامه یافت.');
    await content.click();
    await page.keyboard.type('شهردار ناحیهٔ ۳ امروز از پیشرفت کار بازسازی بوستان بازدید کرد.');
    await page.keyboard.press('Enter');
    const h2 = page.locator('.news-editor__button--h2');
    await h2.click();
    expect(await h2.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.type('گفت‌وگو با ساکنان');
    await page.keyboard.press('Enter');
    await page.keyboard.type('ساکنان خواستار نورپردازی بهتر مسیرهای پیاده شدند.');
    // The toolbar is one tab stop whose arrows move between buttons.
    await page.locator('.news-editor__button--bold').focus();
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('news-editor__button--italic'))).toBe(true);

    const neighbourhood = page.locator('#neighbourhoodId option').nth(1);
    await page.selectOption('#neighbourhoodId', (await neighbourhood.getAttribute('value'))!);
    await page.check('input[name="serviceAreas"][value="green_space"]');
    await page.fill('#occurredDate', formatJalaliNumeric(new Date(Date.now() - 3_600_000)));
    await page.fill('#occurredTime', '۰۰:۳۰');
    await expectAccessible(page);
    await screenshot(page, 'news-form');

    // The «ویراستار» suggests the house style as a word diff; accepting rewrites the field, saving nothing.
    await page.fill('#lead', 'عملیات بازسازی بوستان محله با بازدید شهردار ناحیهٔ ۳ و گفتگو با ساکنان ادامه یافت ,و کار تا پایان سال تمام میشود.');
    await page.locator('#news-form button[data-editor-suggestions]').click();
    await page.waitForURL(/\/staff\/news\/(\d+\/)?editor-suggestions$/);
    expect(await page.locator('#editor-suggestions').innerText()).toContain('لید');
    expect(await page.locator('#editor-suggestions ins').count()).toBeGreaterThan(0);
    expect(await page.locator('.news-editor__content h2').innerText()).toBe('گفت‌وگو با ساکنان');
    await expectAccessible(page);
    await screenshot(page, 'news-editor-suggestions');
    await page.locator('#editor-suggestions button[name="apply"][value="lead"]').click();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.inputValue('#lead')).toContain('تمام می\u200cشود.');

    // Save the draft: the page comes back as its edit page, where photos can be added.
    await page.locator('#news-form button[name="intent"][value="save"]').click();
    await page.waitForURL(/\/staff\/news\/\d+(\/edit)?$/);
    const id = /\/staff\/news\/(\d+)/.exec(page.url())![1];
    itemUrl = `${base}/staff/news/${id}`;
    if (!page.url().endsWith('/edit')) await page.goto(`${itemUrl}/edit`);
    expect(await page.locator('.flash').innerText()).toContain('پیش‌نویس ذخیره شد');
    // The body came back as HTML with the subheading.
    expect(await page.locator('.news-editor__content h2').innerText()).toBe('گفت‌وگو با ساکنان');

    // Two photos through the upload form (upload.js sends each with a progress bar, then reloads).
    await page.setInputFiles('input[type="file"][name="file"]', [
      { name: 'bazdid-1.jpg', mimeType: 'image/jpeg', buffer: await photo({ r: 30, g: 120, b: 60 }) },
      { name: 'bazdid-2.jpg', mimeType: 'image/jpeg', buffer: await photo({ r: 200, g: 160, b: 40 }) },
    ]);
    await Promise.all([page.waitForEvent('load'), page.locator('.photo-upload button', { hasText: 'بارگذاری عکس' }).click()]);
    await expect.poll(() => page.locator('textarea[name^="caption_"]').count(), { timeout: 30_000 }).toBe(2);

    // Submitting without captions is refused with the photo fields named.
    await page.locator('#news-form button[name="intent"][value="submit"]').click();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('.error-summary').innerText()).toContain('زیرنویس عکس');

    const captions = page.locator('textarea[name^="caption_"]');
    const alts = page.locator('input[name^="alt_"]');
    await captions.nth(0).fill('شهردار ناحیهٔ ۳ در کارگاه بازسازی بوستان');
    await alts.nth(0).fill('مردی با کلاه ایمنی کنار دستگاه‌های کارگاه در بوستان');
    await captions.nth(1).fill('گفت‌وگوی شهردار با ساکنان محله');
    await alts.nth(1).fill('گروهی از ساکنان در حال گفت‌وگو با شهردار در مسیر پیاده‌روی بوستان');
    await Promise.all([page.waitForEvent('load'), page.locator('.photo-manager button[name="action"][value="save"]:not(.visually-hidden)').click()]);
    expect(await page.locator('.flash').innerText()).toContain('ذخیره شد');
    await expectAccessible(page);
    await screenshot(page, 'news-form-photos');

    // A photo of the item goes into the body through the toolbar.
    await page.locator('.news-editor__content p').last().click();
    await page.keyboard.press('End');
    await page.locator('.news-editor__button--image').click();
    await page.locator('.news-editor__panel button', { hasText: 'درج عکس در متن' }).click();
    await expect.poll(() => page.locator('.news-editor__content img').count()).toBe(1);

    await page.locator('#news-form button[name="intent"][value="submit"]').click();
    await page.waitForURL(itemUrl);
    expect(await page.locator('.flash').innerText()).toContain('برای دبیر فرستاده شد');
    expect(await stateTag(page)).toBe('ارسال‌شده برای دبیر');
    expect(await page.locator('.news-item__body h2').innerText()).toBe('گفت‌وگو با ساکنان');
    expect(await page.locator('.news-item__body img').getAttribute('src')).toMatch(/^\/media\//);
    expect(await page.locator('.photo-manager__item').count()).toBe(2);
    await context.close();
  });

  it('autosave creates the draft of a new form, and a closed tab’s text is offered back', { timeout: 90_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, base, account('reporter.d3'));
    // Timers under the test's control: the 20-second autosave runs when told to.
    await page.clock.install();
    await page.goto(`${base}/staff/news/new`);
    await page.fill('#headline', 'پیش‌نویسی که خودش ذخیره شد');
    await page.locator('.news-editor__content').click();
    await page.keyboard.type('بند نخست خبر.');
    await page.clock.runFor(21_000);
    const status = page.locator('[data-autosave-status]');
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toContain('ذخیرهٔ خودکار انجام شد');
    // The form now edits the new draft: its address, its version, its autosave URL.
    await expect.poll(() => page.url()).toMatch(/\/staff\/news\/\d+\/edit$/);
    const editUrl = page.url();
    expect(await page.locator('#news-form').getAttribute('action')).toBe(editUrl.replace(/\/edit$/, '').replace(base, ''));
    expect(await page.inputValue('input[name="version"]')).toBe('1');

    // Typed after the last autosave, then the tab is closed: the browser keeps a copy.
    await page.fill('#lead', 'لیدی که فقط در این مرورگر مانده بود.');
    await page.clock.runFor(2_000);
    await page.close();
    const again = await context.newPage();
    await again.goto(editUrl);
    const prompt = again.locator('.autosave-restore');
    await expect.poll(() => prompt.count()).toBe(1);
    expect(await prompt.innerText()).toContain('بازیابی');
    await prompt.locator('button', { hasText: 'بازیابی متن' }).click();
    expect(await again.inputValue('#lead')).toBe('لیدی که فقط در این مرورگر مانده بود.');
    await again.locator('#news-form button[name="intent"][value="save"]').click();
    await again.waitForURL(/\/staff\/news\/\d+$/);
    expect(await again.locator('.lead').innerText()).toBe('لیدی که فقط در این مرورگر مانده بود.');
    await context.close();
  });

  it('the editor asks for a change with a note', { timeout: 90_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, base, account('pr.editor'));
    await page.goto(`${base}/staff/news`);
    expect(await page.locator('h1').innerText()).toBe('میز خبر');
    const row = page.locator('table tbody tr', { hasText: HEADLINE });
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('ناحیه ۳');
    await expectAccessible(page);
    await screenshot(page, 'news-inbox');

    await row.locator('a', { hasText: HEADLINE }).click();
    await page.waitForURL(itemUrl);
    await page.locator('summary', { hasText: 'درخواست اصلاح' }).click();
    await page.fill('#note-request_changes', 'لطفاً نام بوستان و زمان پایان کار را در لید بیاورید.');
    await page.locator('form[data-action="request_changes"] button[type="submit"]').click();
    await page.waitForURL(itemUrl);
    expect(await page.locator('.flash').innerText()).toContain('درخواست اصلاح');
    expect(await stateTag(page)).toBe('نیازمند اصلاح');
    await context.close();
  });

  it('the reporter reads the note, fixes the lead and resubmits', { timeout: 90_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, base, account('reporter.d3'));
    await page.goto(itemUrl);
    expect(await stateTag(page)).toBe('نیازمند اصلاح');
    expect(await page.locator('.notes').innerText()).toContain('نام بوستان و زمان پایان کار');
    await page.locator('a.button', { hasText: 'ویرایش' }).click();
    await page.waitForURL(`${itemUrl}/edit`);
    await page.fill('#lead', 'عملیات بازسازی بوستان ولایت در محلهٔ نمونه که تا پایان بهمن تمام می‌شود، با بازدید شهردار ناحیهٔ ۳ ادامه یافت.');
    await page.locator('#news-form button[name="intent"][value="submit"]').click();
    await page.waitForURL(itemUrl);
    expect(await stateTag(page)).toBe('ارسال‌شده برای دبیر');
    await context.close();
  });

  it('the editor approves, sharpens the headline and publishes', { timeout: 90_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept());
    await signIn(page, base, account('pr.editor'));
    await page.goto(itemUrl);
    await page.locator('form[data-action="approve"] button').click();
    await page.waitForURL(itemUrl);
    expect(await stateTag(page)).toBe('تأییدشده');

    await page.locator('a.button', { hasText: 'ویرایش' }).click();
    await page.waitForURL(`${itemUrl}/edit`);
    await page.fill('#headline', EDITED_HEADLINE);
    await page.locator('#news-form button[name="intent"][value="save"]').click();
    await page.waitForURL(itemUrl);

    await page.locator('form[data-action="publish"] button').click();
    await page.waitForURL(itemUrl);
    expect(await stateTag(page)).toBe('منتشرشده');
    expect(await page.locator('h1').innerText()).toBe(EDITED_HEADLINE);
    const diff = await page.locator('.editor-diff').innerText();
    expect(diff).toContain('تغییرات دبیر');
    expect(await page.locator('.editor-diff ins').count()).toBeGreaterThan(0);
    const timing = await page.locator('.news-item').innerText();
    expect(timing).toContain('از ارسال تا انتشار');
    await expectAccessible(page);
    await screenshot(page, 'news-item');
    await context.close();
  });
});
