// Embed views inside a page of another origin (a course page on http://localhost:<port>, the site on
// http://127.0.0.1:<port>): the market lab, a scenario from the link builder's snippet and a concept lab
// under /crm-lab/ work in the frame — URL state, slider and figure, keyboard, visible focus, language
// switch, the frame's height message — with no console errors and axe clean.
import { test, expect, type Frame, type Page } from '@playwright/test';
import type { Server } from 'node:http';
import { seriousViolations } from './axe';
import { startStaticServer } from '../server.mjs';
import { iframeSnippet } from '@/features/embed/snippet';
import { CONCEPT_LAB_IDS } from '@/features/concept-labs/registry';

const port = Number(process.env.E2E_PORT ?? 4321);
const basePort = Number(process.env.E2E_BASE_PORT ?? port + 1);
const SITE = `http://127.0.0.1:${port}`;
const SCENARIO = 'budget-cut';

test.describe.configure({ timeout: 120_000 });
// Embed views must not install the site's worker inside someone else's page: workers are allowed here, and
// no request for sw.js may happen.
test.use({ serviceWorkers: 'allow', viewport: { width: 1000, height: 800 } });

/** The foreign course page: served by its own server, on another origin than the site. */
let host: Server;
let hostOrigin = '';
const hostPages = new Map<string, string>();

test.beforeAll(async () => {
  host = await startStaticServer('test/fixtures', 0, '/', { replace: (p: string) => hostPages.get(p) });
  const address = host.address();
  if (address === null || typeof address === 'string') throw new Error('host server has no port');
  hostOrigin = `http://localhost:${address.port}`;
});
test.afterAll(() => new Promise<void>((done) => host.close(() => done())));

/** Publishes a course page around `snippet` and opens it. */
async function openCoursePage(page: Page, name: string, lang: string, snippet: string) {
  hostPages.set(`/${name}.html`, coursePage(lang, snippet));
  await page.goto(`${hostOrigin}/${name}.html`);
}

function coursePage(lang: string, snippet: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Week 3: loyalty</title><link rel="icon" href="data:,"></head>
<body><main><h1>Week 3: loyalty and retention</h1>
<p><a id="before" href="#after">Read the week's notes</a></p>
${snippet}
<p id="after">Discuss your result with your group.</p></main></body></html>`;
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.location().url}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** The embedded view's frame (found again after it navigates, e.g. on a language switch). */
async function embedFrame(page: Page, path: RegExp): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => path.test(f.url()))).toBe(true);
  const frame = page.frames().find((f) => path.test(f.url()))!;
  await frame.waitForLoadState();
  await expect(frame.locator('astro-island[ssr]')).toHaveCount(0, { timeout: 15_000 });
  return frame;
}

/** The focused element inside the frame draws a visible outline (the site's :focus-visible ring). */
async function focusRing(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'nothing focused';
    const s = getComputedStyle(el);
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? 'visible' : `no ring on ${el.tagName}#${el.id}`;
  });
}

async function frameHeight(page: Page): Promise<number> {
  return page.locator('iframe').evaluate((f: HTMLIFrameElement) => parseFloat(f.style.height || '0'));
}

/** Requests for the site's service worker script (an embed view must never register it). */
function workerRequests(page: Page): string[] {
  const seen: string[] = [];
  page.context().on('request', (r) => {
    if (new URL(r.url()).pathname.endsWith('/sw.js')) seen.push(r.url());
  });
  return seen;
}

const figure = async (frame: Frame, id: string) => Number(await frame.locator(`[data-figure="${id}"] dd`).getAttribute('data-value'));

for (const locale of ['en', 'zh-cn'] as const) {
  const other = locale === 'en' ? 'zh-cn' : 'en';

  test(`${locale}: the market lab works inside a course page of another origin`, async ({ page }) => {
    const errors = collectErrors(page);
    const workers = workerRequests(page);
    const src = `${SITE}/${locale}/embed/lab/?v=1&seed=777&q=4.2`;
    await openCoursePage(page, `lab-${locale}`, locale, iframeSnippet({ src, title: 'CRM Lab', resize: true }));
    const frame = await embedFrame(page, /\/embed\/lab\/\?/);
    await frame.waitForSelector('[data-ready="true"]');

    // The view, without the site's header and footer, with the state of its URL.
    await expect(frame.locator('.site-header, .site-footer')).toHaveCount(0);
    await expect(frame.locator('.embed-bar')).toBeVisible();
    await expect(frame.locator('#lab-quality-box')).toHaveValue('4.2');
    await expect(frame.locator('#lab-seed-box')).toHaveValue('777');

    // Keyboard: Tab from the course page enters the frame, with a visible focus ring.
    await page.locator('#before').focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => frame.evaluate(() => document.hasFocus())).toBe(true);
    expect(await focusRing(frame)).toBe('visible');

    // A slider moves with the arrow keys, a figure changes, the frame's URL keeps the new state.
    const before = await figure(frame, 'equity');
    await frame.locator('#lab-quality-slider').focus();
    await page.keyboard.press('ArrowRight');
    await expect(frame.locator('#lab-quality-box')).toHaveValue('4.3');
    await expect.poll(() => figure(frame, 'equity')).not.toBe(before);
    await expect.poll(() => new URL(frame.url()).searchParams.get('q')).toBe('4.3');
    expect(await focusRing(frame)).toBe('visible');
    const equity = await figure(frame, 'equity');

    // The frame reported its height and the course page's script sized the iframe to it.
    await expect.poll(() => frameHeight(page)).toBeGreaterThan(640);
    const bodyHeight = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    await expect.poll(() => frameHeight(page)).toBe(bodyHeight);
    expect(workers).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);

    // The language switch stays inside the frame and keeps the state.
    await frame.locator('a[data-lang-switch]').click();
    const switched = await embedFrame(page, new RegExp(`/${other}/embed/lab/\\?`));
    await switched.waitForSelector('[data-ready="true"]');
    await expect(switched.locator('html')).toHaveAttribute('lang', other === 'en' ? 'en' : 'zh-CN');
    await expect(switched.locator('#lab-quality-box')).toHaveValue('4.3');
    await expect(switched.locator('#lab-seed-box')).toHaveValue('777');
    expect(await figure(switched, 'equity')).toBe(equity);
    await expect(switched.locator('.site-header')).toHaveCount(0);
    expect(page.url()).toBe(`${hostOrigin}/lab-${locale}.html`);
    expect(errors).toEqual([]);
  });

  test(`${locale}: the link builder's snippet embeds a scenario that plays in the frame`, async ({ page }) => {
    const errors = collectErrors(page);
    const seed = `embed-${locale}`;
    await page.goto(`/${locale}/teach/link/`);
    await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
    await page.getByTestId('link-scenario').selectOption(SCENARIO);
    await page.getByTestId('link-seed').fill(seed);
    await page.locator('.locks input[type="checkbox"]').first().check();
    const code = page.getByTestId('embed-code');
    await expect(code).toHaveValue(new RegExp(`/${locale}/embed/teach/${SCENARIO}/\\?v=1&amp;seed=${seed}&amp;lock=`));
    await expect(code).toHaveValue(/<script>/);
    expect(await seriousViolations(page, { include: 'main' })).toEqual([]);
    const snippet = await code.inputValue();

    await openCoursePage(page, `scenario-${locale}`, locale, snippet);
    const frame = await embedFrame(page, /\/embed\/teach\//);
    await expect(frame.locator('.site-header, .site-footer')).toHaveCount(0);
    await expect(frame.getByTestId('play-seed')).toContainText(seed);
    // The teacher's lock holds inside the frame; students' views never link to the teacher notes.
    await expect(frame.locator('input[type="number"]:disabled')).not.toHaveCount(0);
    await expect(frame.locator('a[href*="/notes/"]')).toHaveCount(0);
    const heightBefore = await frameHeight(page);
    expect(heightBefore).toBeGreaterThan(0);

    // Play a round with the keyboard only: type a decision, then press the play button.
    const open = frame.locator('input[type="number"]:enabled').first();
    await open.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await expect(open).toHaveValue('2');
    await frame.getByTestId('play-advance').focus();
    expect(await focusRing(frame)).toBe('visible');
    await page.keyboard.press('Enter');
    await expect(frame.getByTestId('play-history').locator('tbody tr')).toHaveCount(1);
    expect(await focusRing(frame)).toBe('visible');
    // The history made the view taller, and the frame followed.
    await expect.poll(() => frameHeight(page)).toBeGreaterThan(heightBefore);
    expect(await seriousViolations(page)).toEqual([]);

    // Browsers that block a foreign site's storage in frames (this one does) cannot keep the played rounds
    // across the language switch; where storage is allowed they survive it.
    const storage = await frame.evaluate(() => {
      try {
        return localStorage.length >= 0;
      } catch {
        return false;
      }
    });

    // The other language keeps the class link (seed and locks) in the frame.
    await frame.locator('a[data-lang-switch]').click();
    const switched = await embedFrame(page, new RegExp(`/${other}/embed/teach/${SCENARIO}/\\?`));
    await expect(switched.getByTestId('play-seed')).toContainText(seed);
    await expect(switched.locator('input[type="number"]:disabled')).not.toHaveCount(0);
    await expect(switched.getByTestId('play-history').locator('tbody tr')).toHaveCount(storage ? 1 : 0);
    expect(errors).toEqual([]);
  });
}

test('zh-cn: every concept lab works in a frame: slider, URL state, and a 360 px phone frame', async ({ page }) => {
  const errors = collectErrors(page);
  const sliders: Record<(typeof CONCEPT_LAB_IDS)[number], [string, string, string]> = {
    'perceived-value': ['scale', '1.2', '1.25'],
    expectations: ['promise', '2.5', '2.6'],
    clv: ['retention', '0.9', '0.91'],
    'level-matrix': ['partnership', '2', '2.25'],
    'life-cycle': ['onboarding', '40', '45'],
  };
  for (const lab of CONCEPT_LAB_IDS) {
    const [param, loaded, next] = sliders[lab];
    const src = `${SITE}/zh-cn/embed/lab/${lab}/?v=1&${param}=${loaded}`;
    await openCoursePage(page, `concept-${lab}`, 'zh-CN', iframeSnippet({ src, title: lab, resize: true }));
    const frame = await embedFrame(page, new RegExp(`/embed/lab/${lab}/`));
    const slider = frame.locator(`input[type="range"][id$="-${param}-slider"]`);
    await expect(slider).toHaveValue(loaded);
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect(slider).toHaveValue(next);
    await expect.poll(() => new URL(frame.url()).searchParams.get(param)).toBe(next);
    expect(await focusRing(frame)).toBe('visible');
  }
  // A phone: the frame is as wide as the screen, and the view never scrolls sideways inside it.
  await page.setViewportSize({ width: 360, height: 740 });
  const frame = await embedFrame(page, /\/embed\/lab\/life-cycle\//);
  await expect
    .poll(() => frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth))
    .toBeLessThanOrEqual(0);
  expect(errors).toEqual([]);
});

test("en: the embed page gives any lab's HTML, from the list or from a pasted link, with a preview", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/en/embed/');
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
  const code = page.getByTestId('embed-code');
  await expect(code).toHaveValue(new RegExp(`src="${SITE}/en/embed/lab/"`));
  await page.getByTestId('embed-view').selectOption('lab/life-cycle/');
  await expect(code).toHaveValue(new RegExp(`src="${SITE}/en/embed/lab/life-cycle/"`));

  // A link set up as wanted: the frame gets its settings (here a Chinese lab page, so a Chinese frame).
  const link = page.getByTestId('embed-link');
  const message = page.getByTestId('embed-link-message');
  await link.fill(`${SITE}/zh-cn/lab/clv/?v=1&retention=0.95`);
  await expect(code).toHaveValue(new RegExp(`src="${SITE}/zh-cn/embed/lab/clv/\\?v=1&amp;retention=0.95"`));
  await expect(message).toContainText('CLV');
  await expect(page.getByTestId('embed-view')).toBeDisabled();

  // Bad links say what is wrong without repeating what was typed, and give no code for them.
  await link.fill(`https://elsewhere.example/en/lab/<b>${'x'.repeat(500)}`);
  await expect(message).toContainText(SITE);
  expect((await message.textContent())!.length).toBeLessThan(200);
  await expect(message.locator('b')).toHaveCount(0);
  await expect(link).toHaveAttribute('aria-invalid', 'true');
  await link.fill(`${SITE}/en/learn/what-is-crm/`);
  await expect(message).not.toBeEmpty();
  await link.fill('');
  await expect(message).toBeEmpty();
  await expect(code).toHaveValue(new RegExp(`src="${SITE}/en/embed/lab/life-cycle/"`));

  // The preview is the embed view itself, working in its frame.
  await page.getByText('Preview', { exact: true }).click();
  const preview = page.frameLocator('[data-testid="embed-preview"]');
  await expect(preview.locator('input[type="range"][id$="-onboarding-slider"]')).toBeVisible();
  await expect(preview.locator('.site-header')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test.describe('under a sub-path (/crm-lab/)', () => {
  const BASE = `http://127.0.0.1:${basePort}/crm-lab`;

  test('an embedded lab keeps the base, and "Open in CRM Lab" opens the full page with the same state', async ({ page, context }) => {
    const errors = collectErrors(page);
    await openCoursePage(
      page,
      'base',
      'en',
      iframeSnippet({ src: `${BASE}/en/embed/lab/clv/?v=1&retention=0.9`, title: 'CLV', resize: true }),
    );
    const frame = await embedFrame(page, /\/crm-lab\/en\/embed\/lab\/clv\//);
    const slider = frame.locator('input[type="range"][id$="-retention-slider"]');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => new URL(frame.url()).searchParams.get('retention')).toBe('0.91');

    const [full] = await Promise.all([context.waitForEvent('page'), frame.locator('.embed-open').click()]);
    await full.waitForLoadState();
    const fullUrl = new URL(full.url());
    expect(fullUrl.origin + fullUrl.pathname).toBe(`${BASE}/en/lab/clv/`);
    expect(fullUrl.searchParams.get('retention')).toBe('0.91');
    await expect(full.locator('.site-header')).toBeVisible();
    await full.close();

    await frame.locator('a[data-lang-switch]').click();
    const switched = await embedFrame(page, /\/crm-lab\/zh-cn\/embed\/lab\/clv\/\?/);
    await expect(switched.locator('input[type="range"][id$="-retention-slider"]')).toHaveValue('0.91');
    expect(errors).toEqual([]);
  });
});

for (const locale of ['en', 'zh-cn'] as const) {
  test(`${locale}: the embed page fits a 360 px phone (long names in the select)`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`/${locale}/embed/`);
    await expect(page.getByTestId('embed-view')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  });
}
