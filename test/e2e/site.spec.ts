// Site-wide end-to-end checks on the built site: every page of both locales loads without console
// errors and passes axe; language switching, root redirect, search, keyboard, theme, phone width,
// print, and the sub-path build.
import { test, expect, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { settled, trackRequests } from './ready';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function builtPages(dir = 'dist'): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => {
      const p = join(d, n);
      if (statSync(p).isDirectory()) return n === 'pagefind' || n === '_astro' ? [] : walk(p);
      return n.endsWith('.html') ? [p] : [];
    });
  return walk(dir)
    .map((f) => `/${relative(dir, f).replace(/index\.html$/, '')}`)
    .sort();
}

async function collectErrors(page: Page) {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

// Pages are checked in batches, one browser page per batch: a new context for each page cost a tenth of the check.
const BATCH = 8;

test.describe('every built page', () => {
  const pages = builtPages();
  for (let i = 0; i < pages.length; i += BATCH) {
    const batch = pages.slice(i, i + BATCH);
    test(`load cleanly and pass axe: ${batch.join(' ')}`, async ({ page }) => {
      // An axe scan of the longest pages (the 99-term glossary) takes tens of seconds on a busy machine.
      test.setTimeout(batch.length * 60_000);
      // Every page is a first visit: nothing the page before it stored is there (the site stores nothing else).
      // The root page is kept from redirecting, so that the chooser itself is what gets checked.
      await page.addInitScript(() => {
        try {
          localStorage.clear();
          sessionStorage.clear();
          if (location.pathname === '/') localStorage.setItem('crm-lab:lang', 'stay');
        } catch {
          /* storage blocked: nothing stored either */
        }
      });
      const errors = await collectErrors(page);
      const requests = trackRequests(page);
      // Each page's failures are collected (soft) and named with its path; the next page is still checked.
      for (const path of batch) {
        await test.step(path, async () => {
          errors.length = 0;
          const response = await page.goto(path);
          expect.soft(response?.status(), `${path}: status`).toBe(200);
          // Errors of lazily loaded parts (an island's chunk, a worker's first result) are caught before the check.
          await settled(page, requests);
          expect.soft(errors, `${path}: console errors`).toEqual([]);
          expect.soft(await seriousViolations(page), `${path}: axe`).toEqual([]);
        });
      }
    });
  }
});

test('the axe scan names serious and critical violations (a missing alternative text, text without contrast), in frames too', async ({
  page,
}) => {
  // The per-page scans pass only because nothing is found; this shows the scan, as configured, finds things.
  await page.setContent(
    '<!doctype html><html lang="en"><head><title>Broken</title></head><body><main><h1>Broken</h1>' +
      '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20">' +
      '<p style="color:#777;background:#888">Grey on grey</p></main></body></html>',
  );
  const found = await seriousViolations(page);
  expect(found.map((v) => v.split(':')[0]).sort()).toEqual(['color-contrast', 'image-alt']);
  expect(found.find((v) => v.startsWith('image-alt'))).toContain('img');
  // A page with a frame is scanned frame by frame (axe.ts): the image inside the frame is found too.
  await page.setContent(
    '<!doctype html><html lang="en"><head><title>Framed</title></head><body><main><h1>Framed</h1>' +
      '<iframe title="Inner" srcdoc="<!doctype html><html lang=en><title>Inner</title><main><img src=x.gif width=20 height=20></main>"></iframe>' +
      '</main></body></html>',
  );
  await expect.poll(() => page.frames().length).toBe(2);
  await page.frames()[1]!.waitForSelector('img', { state: 'attached' });
  const framed = await seriousViolations(page);
  expect(framed).toHaveLength(1);
  expect(framed[0]).toMatch(/^image-alt: iframe img$/);
});

test('every locale page has hreflang alternates for both languages', async ({ page }) => {
  await page.goto('/en/learn/');
  await expect(page.locator('link[rel="alternate"][hreflang="zh-CN"]')).toHaveAttribute('href', '/zh-cn/learn/');
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute('href', '/en/learn/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.goto('/zh-cn/learn/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('the language switcher goes to the same page and keeps the query string and hash', async ({ page }) => {
  await page.goto('/en/learn/glossary/?from=test&v=1#customer-equity');
  await page.getByRole('link', { name: 'Read this page in Chinese' }).click();
  await expect(page).toHaveURL(/\/zh-cn\/learn\/glossary\/\?from=test&v=1#customer-equity$/);
  await expect(page.locator('h1')).toHaveText('术语表');
  await page.getByRole('link', { name: '阅读本页英文版' }).click();
  await expect(page).toHaveURL(/\/en\/learn\/glossary\/\?from=test&v=1#customer-equity$/);
});

test.describe('the root page', () => {
  test('sends a Chinese browser to Chinese', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page).toHaveURL(/\/zh-cn\/$/);
    await context.close();
  });
  test('sends an English browser to English, and a saved choice wins over the browser', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page).toHaveURL(/\/en\/$/);
    await page.getByRole('link', { name: '阅读本页英文版' }).count(); // no-op: the English page has the Chinese link
    await page.getByRole('link', { name: 'Read this page in Chinese' }).click();
    await expect(page).toHaveURL(/\/zh-cn\/$/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/zh-cn\/$/);
    await context.close();
  });
  test('links to both languages for visitors without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('link', { name: 'English' })).toHaveAttribute('href', '/en/');
    await expect(page.getByRole('link', { name: '简体中文' })).toHaveAttribute('href', '/zh-cn/');
    await context.close();
  });
});

test.describe('search', () => {
  test('an English query finds English pages only', async ({ page }) => {
    await page.goto('/en/search/?q=customer%20relationship');
    const first = page.locator('.pagefind-ui__result-link').first();
    await expect(first).toBeVisible();
    const hrefs = await page.locator('.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const h of hrefs) expect(h).toMatch(/^\/en\//);
  });
  test('a Chinese query (客户关系) finds Chinese pages only', async ({ page }) => {
    await page.goto('/zh-cn/search/');
    await page.getByRole('textbox').fill('客户关系');
    const first = page.locator('.pagefind-ui__result-link').first();
    await expect(first).toBeVisible();
    const hrefs = await page.locator('.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const h of hrefs) expect(h).toMatch(/^\/zh-cn\//);
  });
});

test('keyboard alone reaches every control of the home page and the course pages, with visible focus', async ({ page }) => {
  for (const path of ['/en/', '/zh-cn/learn/', '/en/learn/glossary/']) {
    await page.goto(path);
    const focusable = await page
      .locator('a[href], button:not([disabled]), input:not([type=hidden]), select, textarea, [tabindex="0"]')
      .evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null || e.classList.contains('skip-link')).length);
    const reached = new Set<string>();
    for (let i = 0; i < focusable + 3; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const key = `${el.tagName}|${el.getAttribute('href') ?? ''}|${el.textContent?.trim().slice(0, 40)}|${[...el.parentElement!.children].indexOf(el)}|${el.closest('li, div, nav, header, footer')?.textContent?.slice(0, 30)}`;
        return { key, outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' };
      });
      if (info) {
        reached.add(info.key);
        expect(info.outline, `focus is visible on ${info.key}`).toBe(true);
      }
    }
    expect(reached.size, `${path}: focused ${reached.size} of ${focusable} controls`).toBeGreaterThanOrEqual(focusable);
  }
});

test('the skip link moves focus to the main content', async ({ page }) => {
  await page.goto('/en/');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
});

test('the theme follows the system and can be switched, and the choice is remembered', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto('/en/');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await bg()).toBe('rgb(20, 23, 28)');
  await page.getByLabel('Colour theme').selectOption('light');
  expect(await bg()).toBe('rgb(255, 255, 255)');
  await page.reload();
  expect(await bg()).toBe('rgb(255, 255, 255)');
  await expect(page.getByLabel('Colour theme')).toHaveValue('light');
  await context.close();
});

test('pages fit a 360 px wide phone without sideways scrolling', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  for (const path of ['/en/', '/zh-cn/', '/en/learn/', '/zh-cn/learn/glossary/', '/en/search/']) {
    await page.goto(path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, path).toBeLessThanOrEqual(360);
  }
  await context.close();
});

test('the print stylesheet hides the site chrome', async ({ page }) => {
  await page.goto('/en/learn/');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.site-footer')).toBeHidden();
  await expect(page.locator('h1')).toBeVisible();
});

test.describe('the build under a sub-path (/crm-lab/)', () => {
  test.use({ baseURL: `http://127.0.0.1:${process.env.E2E_BASE_PORT ?? Number(process.env.E2E_PORT ?? 4321) + 1}/crm-lab/` });
  test('pages, links, assets and search all respect the base', async ({ page }) => {
    const errors = await collectErrors(page);
    const failed: string[] = [];
    // A request the browser aborts because the test navigated on is not a broken asset.
    page.on('requestfailed', (r) => {
      if (r.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(r.url());
    });
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await page.goto('en/');
    await page.getByRole('link', { name: 'Learn', exact: true }).click();
    await expect(page).toHaveURL(/\/crm-lab\/en\/learn\/$/);
    await page.getByRole('link', { name: 'Read this page in Chinese' }).click();
    await expect(page).toHaveURL(/\/crm-lab\/zh-cn\/learn\/$/);
    await page.goto('zh-cn/search/?q=客户关系');
    await expect(page.locator('.pagefind-ui__result-link').first()).toHaveAttribute('href', /^\/crm-lab\/zh-cn\//);
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
  });
});
