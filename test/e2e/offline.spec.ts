// The site without a network, in both locales and under /crm-lab/: one visit installs the service worker,
// then the server is stopped and the browser set offline, and the lab, a lesson's quiz, a scenario, the
// class board and search still load and work from the cache. A new build announces itself and waits.
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { seriousViolations } from './axe';
import { startStaticServer } from '../server.mjs';
import type { QuizData } from '../../src/features/learn/quiz';

// Each test starts its own server (a fresh origin, stopped to go offline); the worker precaches ≈ 8 MB.
test.use({ serviceWorkers: 'allow' });
test.describe.configure({ timeout: 240_000 });

const strings = {
  en: JSON.parse(readFileSync('src/i18n/strings/en.json', 'utf8')) as Record<string, string>,
  'zh-cn': JSON.parse(readFileSync('src/i18n/strings/zh-cn.json', 'utf8')) as Record<string, string>,
};
type Locale = keyof typeof strings;

const SCENARIO = 'budget-cut';
const LESSON = 'what-is-crm';
const QUERY: Record<Locale, string> = { en: 'retention', 'zh-cn': '顾客保留' };
const single = (parse(readFileSync(`content/quizzes/${LESSON}.yaml`, 'utf8')) as QuizData).questions.find((q) => q.type === 'single');
if (single?.type !== 'single') throw new Error(`the quiz of ${LESSON} has no single-choice question`);

interface Site {
  server: Server;
  /** The site's root URL, with its base: http://127.0.0.1:<port>/ or …/crm-lab/ */
  root: string;
}

const running: Site[] = [];
test.afterEach(async () => {
  for (const site of running.splice(0)) if (site.server.listening) await stop(site);
});

async function serve(dir: string, base: string, replace?: (pathname: string) => string | undefined): Promise<Site> {
  const server = await startStaticServer(dir, 0, base, { replace });
  running.push({ server, root: '' });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, root: `http://127.0.0.1:${address.port}${base}` };
}

function stop(site: Site): Promise<void> {
  site.server.closeAllConnections();
  return new Promise((done) => site.server.close(() => done()));
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Requests that fail (a request the browser aborts because the test navigated on is not a failure). */
function watchFailures(page: Page, failed: string[]) {
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`${r.url()} ${r.failure()?.errorText}`);
  });
}

/** Opens a page, waits until the worker has precached the site and controls the page. */
async function install(page: Page, url: string) {
  await page.goto(url);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), { timeout: 120_000 }).toBe('activated');
}

/** No network at all: the server is gone and the browser is offline. */
async function goOffline(context: BrowserContext, site: Site) {
  await stop(site);
  await context.setOffline(true);
}

async function islandsReady(page: Page) {
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0, { timeout: 15_000 });
}

/** Every page of the tour, loaded and used with no network. */
async function offlineTour(page: Page, root: string, locale: Locale, downloadsDir: string) {
  const s = strings[locale];

  // The lab, with its URL state: a slider moves and a figure changes.
  await page.goto(`${root}${locale}/lab/?v=1&seed=31&q=3.6`);
  await page.waitForSelector('astro-island:not([ssr]) [data-ready="true"]');
  await expect(page.locator('#lab-quality-box')).toHaveValue('3.6');
  const figure = async () => Number(await page.locator('[data-figure="equity"] dd').getAttribute('data-value'));
  const before = await figure();
  await page.locator('#lab-quality-slider').focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(figure).not.toBe(before);

  // A lesson with formulas (KaTeX fonts) and its quiz: a question answered and checked.
  await page.goto(`${root}${locale}/learn/${LESSON}/`);
  const quiz = page.locator('[data-quiz]');
  await quiz.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:has([data-quiz])')).not.toHaveAttribute('ssr');
  const question = quiz.locator(`[data-question="${single!.id}"]`);
  await question.locator(`input[value="${single!.answer}"]`).check();
  await question.getByRole('button', { name: s['learn.quiz.check'] }).click();
  await expect(question.locator('[data-feedback]')).toContainText(s['learn.quiz.verdictCorrect']);

  // A scenario from a class link: every round played, the result file downloaded.
  await page.goto(`${root}${locale}/teach/${SCENARIO}/?v=1&seed=no-wifi`);
  await islandsReady(page);
  await expect(page.getByTestId('play-seed')).toContainText('no-wifi');
  const advance = page.getByTestId('play-advance');
  while (await advance.isVisible()) await advance.click();
  await expect(page.getByTestId('play-end')).toBeVisible();
  await page.getByTestId('play-name').fill('Offline student');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('play-download').click()]);
  const file = `${downloadsDir}/${download.suggestedFilename()}`;
  await download.saveAs(file);

  // The class board verifies that file by re-running it, offline, once given the class link (it ranks only runs
  // of the class's scenario and seed).
  await page.goto(`${root}${locale}/teach/board/`);
  await islandsReady(page);
  await page.getByTestId('board-link').fill(new URL(`${root}${locale}/teach/${SCENARIO}/?v=1&seed=no-wifi`, page.url()).href);
  await page.getByTestId('board-link-use').click();
  await page.getByTestId('board-files').setInputFiles(file);
  await expect(page.locator('tr[data-status="verified"]')).toHaveCount(1);
  await expect(page.locator('tr[data-status="verified"]')).toContainText('Offline student');

  // Search: Pagefind's index and fragments come from the cache, and a result opens offline.
  await page.goto(`${root}${locale}/search/?q=${encodeURIComponent(QUERY[locale])}`);
  const result = page.locator('.pagefind-ui__result-link').first();
  await expect(result).toBeVisible();
  await result.click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/`));
  await expect(page.locator('h1')).toBeVisible();
}

for (const locale of ['en', 'zh-cn'] as const) {
  test(`${locale}: after one visit the lab, a lesson, a scenario, the board and search work offline`, async ({ page, context }, info) => {
    const errors = collectErrors(page);
    const site = await serve('dist', '/');
    await install(page, `${site.root}${locale}/`);
    // The first install says so, in the page's language.
    const ready = page.locator('[data-sw-message="ready"]');
    await expect(ready).toBeVisible();
    await expect(ready).toContainText(strings[locale]['site.offline.ready']);
    expect(await seriousViolations(page)).toEqual([]);
    await ready.getByRole('button').click();
    await expect(ready).toBeHidden();
    await expect(page.locator('#main')).toBeFocused();

    // Anything not in the cache would fail now: count what fails.
    const failed: string[] = [];
    watchFailures(page, failed);
    await goOffline(context, site);
    await page.reload();
    await expect(page.locator('h1')).toBeVisible();
    await offlineTour(page, site.root, locale, info.outputDir);
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
  });
}

// Only the full browser judges installability (the headless shell the other tests run in reports nothing): the
// project "chromium" of playwright.config.ts runs the tests tagged @full-chromium.
test('Chromium can install the site as an app, from either language', { tag: '@full-chromium' }, async ({ page, context }) => {
  const site = await serve('dist', '/');
  await install(page, `${site.root}en/`);
  const cdp = await context.newCDPSession(page);
  for (const locale of ['en', 'zh-cn'] as const) {
    await page.goto(`${site.root}${locale}/`);
    // Chromium's own verdict: the manifest parses and the site can be installed as an app (icons, start
    // URL, worker); the only objection left is that a test context is an incognito one.
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    expect(manifest.url).toBe(`${site.root}${locale}/manifest.webmanifest`);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(
      installabilityErrors.map((e) => e.errorId),
      locale,
    ).toEqual(['in-incognito']);
  }
  await cdp.detach();
});

test.describe('under a sub-path (/crm-lab/)', () => {
  test('the worker is scoped to /crm-lab/ and the same tour works offline', async ({ page, context }, info) => {
    const errors = collectErrors(page);
    const site = await serve('dist-base', '/crm-lab/');
    await install(page, `${site.root}en/`);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(site.root);
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/crm-lab/en/manifest.webmanifest');

    const failed: string[] = [];
    watchFailures(page, failed);
    await goOffline(context, site);
    await offlineTour(page, site.root, 'en', info.outputDir);
    // The manifest and its icons are cached too (an installed app starts offline).
    const manifest = await page.evaluate(async () => (await fetch('/crm-lab/en/manifest.webmanifest')).json());
    expect(manifest.start_url).toBe('./');
    expect(await page.evaluate(async () => (await fetch('/crm-lab/icons/icon-512.png')).status)).toBe(200);
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
  });
});

for (const locale of ['en', 'zh-cn'] as const) {
  test(`${locale}: a new build waits and announces itself; the old files keep serving until the visitor accepts`, async ({ page }) => {
    const errors = collectErrors(page);
    // The "next build": the same site with a different sw.js (as any changed file would give).
    let nextBuild = false;
    const original = readFileSync('dist/sw.js', 'utf8');
    const site = await serve('dist', '/', (p) => (nextBuild && p === '/sw.js' ? `${original}\n// next build\n` : undefined));
    await install(page, `${site.root}${locale}/learn/`);
    const firstWorker = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      return reg.active !== null && reg.waiting === null;
    });
    expect(firstWorker).toBe(true);

    nextBuild = true;
    await page.reload();
    const update = page.locator('[data-sw-message="update"]');
    await expect(update).toBeVisible({ timeout: 60_000 });
    await expect(update).toContainText(strings[locale]['site.offline.update']);
    // Nothing has switched under the visitor: the new worker waits, the old one still controls the page.
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state)).toBe('installed');
    expect(await seriousViolations(page)).toEqual([]);

    if (locale === 'zh-cn') {
      // "Later": the notice goes, the keyboard stays in the page, the old version keeps working.
      await update.getByRole('button', { name: strings[locale]['site.offline.later'] }).click();
      await expect(update).toBeHidden();
      await expect(page.locator('#main')).toBeFocused();
      expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state)).toBe('installed');
      await page.reload();
      await expect(update).toBeVisible({ timeout: 60_000 });
    }

    // "Reload": the new worker takes over and the page reloads once under it.
    await page.evaluate(() => ((window as unknown as { beforeUpdate: boolean }).beforeUpdate = true));
    await Promise.all([page.waitForEvent('load'), update.getByRole('button', { name: strings[locale]['site.offline.reload'] }).click()]);
    await expect.poll(() => page.evaluate(() => 'beforeUpdate' in window)).toBe(false);
    const after = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return { waiting: reg?.waiting ?? null, controlled: navigator.serviceWorker.controller?.state };
    });
    expect(after).toEqual({ waiting: null, controlled: 'activated' });
    await expect(update).toBeHidden();
    expect(errors).toEqual([]);
  });
}
