// The public portal in Chromium at a phone width (360 px) and a desktop width (1280 px):
// the home page, a district page, a news page with a photo and a comment (and the search
// page once /search exists). Each page: Persian right-to-left document, no serious or
// critical axe violation, no sideways scrolling on the phone, a screenshot
// (test-results/screenshots/portal-<page>-<width>.png), and the keyboard path: the first
// Tab lands on the skip link, the next ones on the header and the main links, each with
// a visible focus indicator, and the skip link moves focus into <main>.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/core/config.js';
import { chromiumPath, launchBrowser, runAxe, screenshot, seriousViolations } from '../helpers/browser.js';
import { seedPortalContent, type PortalContent } from '../helpers/portal-content.js';
import { createTestDatabase } from '../helpers/test-db.js';

interface PortalPage {
  name: string;
  url: (c: PortalContent) => string;
  /** A GET route that must exist for the page to be checked. */
  route?: string;
}

const PAGES: PortalPage[] = [
  { name: 'home', url: () => '/' },
  { name: 'district', url: () => '/districts/R21-D3' },
  { name: 'news', url: (c) => `/news/${encodeURIComponent(c.news.slug!)}` },
  { name: 'search', route: '/search', url: () => `/search?q=${encodeURIComponent('بوستان')}` },
];
const WIDTHS = [360, 1280] as const;

interface Running {
  base: string;
  browser: Browser;
  content: PortalContent;
  pages: PortalPage[];
}

/** One app and one browser for the whole file; built before the tests are declared so the pages that exist each get tests. */
async function start(): Promise<Running> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'shahrnama-portal-e2e-'));
  const config = parseConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', SEED_DEMO: 'false', DATABASE_URL: database.url, DATA_DIR: dataDir }, { persistSecrets: false });
  const app = await buildApp({ config, database, logger: false });
  const content = await seedPortalContent(database, dataDir);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchBrowser();
  afterAll(async () => {
    await browser.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    browser,
    content,
    pages: PAGES.filter((p) => !p.route || app.hasRoute({ method: 'GET', url: p.route })),
  };
}

const running = chromiumPath ? await start() : null;

interface Focused {
  tag: string;
  className: string;
  href: string | null;
  text: string;
  inMain: boolean;
  inHeader: boolean;
  outline: string;
  boxShadow: string;
  visible: boolean;
}

/** What has focus now, and whether its focus indicator can be seen (an outline or a box shadow). */
function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = `${style.outlineStyle} ${style.outlineWidth}`;
    const hasOutline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const hasShadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    return {
      tag: el.tagName.toLowerCase(),
      className: el.className,
      href: el.getAttribute('href'),
      text: (el.textContent ?? '').trim().slice(0, 60),
      inMain: !!el.closest('main'),
      inHeader: !!el.closest('header, nav'),
      outline,
      boxShadow: style.boxShadow,
      visible: hasOutline || hasShadow,
    };
  });
}

describe.runIf(running)('the public portal in Chromium', () => {
  const r = running!;

  for (const p of r?.pages ?? []) {
    for (const width of WIDTHS) {
      it(`${p.name} at ${width} px: RTL Persian, accessible, fits the screen, reachable by keyboard`, { timeout: 90_000 }, async () => {
        const context = await r.browser.newContext({ viewport: { width, height: 800 } });
        const page = await context.newPage();
        try {
          const res = await page.goto(`${r.base}${p.url(r.content)}`, { waitUntil: 'load' });
          expect(res?.status()).toBe(200);
          // The self-hosted Vazirmatn (percent-encoded URL, preloaded) is what the text is set in.
          const fontLoaded = await page.evaluate(async () => {
            await document.fonts.ready;
            let loaded = false;
            document.fonts.forEach((f) => {
              if (f.family.replace(/["']/g, '') === 'Vazirmatn' && f.status === 'loaded') loaded = true;
            });
            return loaded;
          });
          expect(fontLoaded, 'Vazirmatn loaded').toBe(true);

          expect(await page.getAttribute('html', 'dir')).toBe('rtl');
          expect(await page.getAttribute('html', 'lang')).toBe('fa');

          const violations = seriousViolations(await runAxe(page));
          expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);

          if (width === 360) {
            const overflow = await page.evaluate(() => {
              const wide = Array.from(document.querySelectorAll('body *'))
                .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 || el.getBoundingClientRect().left < -1)
                .slice(0, 5)
                .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
              return { scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth, wide };
            });
            expect(overflow.scrollWidth, `sideways scroll; too wide: ${overflow.wide.join(', ')}`).toBeLessThanOrEqual(overflow.innerWidth);
          }

          await screenshot(page, `portal-${p.name}-${width}`);

          // Keyboard: from the top of a freshly loaded page, Tab.
          await page.reload({ waitUntil: 'load' });
          await page.keyboard.press('Tab');
          const first = await focused(page);
          expect(first?.className, 'the first Tab stop').toContain('skip-link');
          expect(first?.href).toBe('#main');
          expect(first?.visible, `skip link focus: outline ${first?.outline}, shadow ${first?.boxShadow}`).toBe(true);
          expect(await page.locator('.skip-link').isVisible()).toBe(true);

          // Then the header (the site's name first), then on to the links of the page itself.
          const stops: Focused[] = [];
          for (let i = 0; i < 25; i++) {
            await page.keyboard.press('Tab');
            const f = await focused(page);
            if (!f) break;
            stops.push(f);
            expect(f.visible, `no visible focus on ${f.tag}.${f.className} «${f.text}»: outline ${f.outline}, shadow ${f.boxShadow}`).toBe(true);
            if (f.inMain && f.tag === 'a') break;
          }
          expect(stops[0]?.className, 'the second Tab stop').toContain('site-header__name');
          expect(stops.findIndex((s) => s.inMain && s.tag === 'a'), `Tab stops: ${stops.map((s) => `${s.tag}.${s.className}`).join(' → ')}`).toBeGreaterThan(0);
          expect(stops.filter((s) => !s.inMain).every((s) => s.inHeader), 'stops before main are in the header or navigation').toBe(true);

          // The skip link takes focus into <main>.
          await page.reload({ waitUntil: 'load' });
          await page.keyboard.press('Tab');
          await page.keyboard.press('Enter');
          await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
        } finally {
          await context.close();
        }
      });
    }
  }
});
