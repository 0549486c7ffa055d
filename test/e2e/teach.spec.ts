// Teach end to end, in both locales: a student plays a scenario to the end and downloads the result;
// the class board verifies and ranks two genuine files and catches a tampered one; the link builder's
// link opens the same market. Axe (serious/critical) runs on each state tested.
import { test, expect, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseScenario } from '../../simulations/scenario';
import { MODEL_VERSION } from '../../simulations/index';
import { claimedFrom, playScenario, teachControls } from '../../src/features/teach/replay';
import { createResultFile, serializeResultFile, type Decision } from '../../src/features/teach/resultFile';

const SCENARIO = 'expectation-trap';
const locales = ['en', 'zh-cn'] as const;

async function hydrated(page: Page) {
  await page.locator('astro-island:not([ssr])').first().waitFor();
}

/** A genuine result file built the way the scenario page builds it: our library plus the engine. */
function genuineFile(seed: string, promise: number, name: string): string {
  const scenario = parseScenario(parse(readFileSync(`content/scenarios/${SCENARIO}.yaml`, 'utf8')), `${SCENARIO}.yaml`);
  const open = teachControls(scenario).filter((c) => !c.locked);
  const decisions: Decision[] = Array.from({ length: scenario.rounds }, () => {
    const d: Decision = {};
    for (const c of open) d[c.id] = c.initial;
    d.promiseLevel = promise;
    return d;
  });
  const outcome = playScenario(scenario, seed, decisions, []);
  const file = createResultFile({
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    seed,
    locks: [],
    modelVersion: MODEL_VERSION,
    decisions,
    claimed: claimedFrom(outcome),
    name,
  });
  return serializeResultFile(file);
}

for (const locale of locales) {
  test.describe(`teach (${locale})`, () => {
    test('a student plays a scenario to the end and downloads the result file', async ({ page }) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`/${locale}/teach/`);
      await expect(page.locator(`[data-scenario="${SCENARIO}"]`)).toBeVisible();
      await expect(page.locator('[data-scenario]')).toHaveCount(6);

      await page.goto(`/${locale}/teach/${SCENARIO}/?v=1&seed=e2e-${locale}`);
      await hydrated(page);
      await expect(page.getByTestId('play-seed')).toContainText(`e2e-${locale}`);
      await expect(page.locator('[data-control="quality"] input[type="number"]')).toBeDisabled();

      const promise = page.locator('[data-control="promiseLevel"] input[type="number"]');
      await promise.fill('3');
      await promise.press('Enter');
      const advance = page.getByTestId('play-advance');
      await advance.click();
      const history = page.getByTestId('play-history').locator('tbody tr');
      await expect(history).toHaveCount(1);
      const firstRound = await history.first().textContent();
      // On a phone the history table scrolls inside its own box; the page itself never scrolls sideways.
      await page.setViewportSize({ width: 360, height: 740 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 1280, height: 800 });
      await promise.fill('2.6');
      await promise.press('Enter');
      while (await advance.isVisible()) await advance.click();
      // Past rounds are fixed: round 1 reads the same after the later rounds, and offers no inputs.
      await expect(history).toHaveCount(4);
      await expect(history.first()).toHaveText(firstRound ?? '');
      await expect(page.getByTestId('play-history').locator('input')).toHaveCount(0);

      await expect(page.getByTestId('play-end')).toBeVisible();
      // The last round's button is gone; focus went to the results instead of being dropped.
      await expect(page.locator('#play-end')).toBeFocused();
      await expect(page.getByTestId('play-score')).toBeVisible();
      await page.getByTestId('play-name').fill('Student A');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('play-download').click()]);
      const file = JSON.parse(await readFile(await download.path(), 'utf8'));
      expect(download.suggestedFilename()).toBe(`crm-lab-${SCENARIO}-e2e-${locale}.json`);
      expect(file.format).toBe('crm-lab-result');
      expect(file.scenarioId).toBe(SCENARIO);
      expect(file.seed).toBe(`e2e-${locale}`);
      expect(file.name).toBe('Student A');
      expect(file.decisions.map((d: Decision) => d.promiseLevel)).toEqual([3, 2.6, 2.6, 2.6]);
      expect(file.claimed.equity).toHaveLength(12);
      expect(Object.keys(file).sort()).toEqual([
        'claimed',
        'decisions',
        'format',
        'formatVersion',
        'locks',
        'modelVersion',
        'name',
        'scenarioId',
        'scenarioVersion',
        'seed',
      ]);
      expect(await seriousViolations(page, { include: 'main' })).toEqual([]);
      expect(errors).toEqual([]);
    });

    test('the class board verifies two genuine files, catches a tampered one and ranks them', async ({ page }) => {
      const seed = `board-${locale}`;
      const ann = genuineFile(seed, 2.8, 'Ann');
      const bo = genuineFile(seed, 4, 'Bo');
      const cy = JSON.parse(genuineFile(seed, 4, 'Cy'));
      cy.claimed.equity[cy.claimed.equity.length - 1] *= 3;

      // Frozen engines of released model versions are chunks named after their version: files of
      // the current version are verified by the current engine, so none of them may be fetched.
      const frozenChunks: string[] = [];
      page.on('request', (r) => {
        if (/\/_astro\/\d+\.\d+\.\d+[^/]*\.js$/.test(new URL(r.url()).pathname)) frozenChunks.push(r.url());
      });
      await page.goto(`/${locale}/teach/board/`);
      await hydrated(page);
      await page.getByTestId('board-seed').fill(seed);
      await page.getByTestId('board-files').setInputFiles([
        { name: 'bo.json', mimeType: 'application/json', buffer: Buffer.from(bo) },
        { name: 'cy.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(cy)) },
        { name: 'ann.json', mimeType: 'application/json', buffer: Buffer.from(ann) },
        { name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from('{"__proto__":{"x":1}}') },
      ]);
      const rows = page.getByTestId('board-ranking').locator('tbody tr');
      await expect(rows).toHaveCount(3);
      await expect(page.locator('tr[data-status="verified"]')).toHaveCount(2);
      await expect(page.locator('tr[data-status="tampered"]')).toHaveCount(1);
      await expect(page.locator('tr[data-status="tampered"]')).toContainText('Cy');
      // Ann's promise sits near the delivered quality and beats Bo's inflated promise.
      await expect(rows.nth(0)).toContainText('Ann');
      await expect(rows.nth(0).locator('td').first()).toHaveText('1');
      await expect(rows.nth(1)).toContainText('Bo');
      await expect(rows.nth(1).locator('td').first()).toHaveText('2');
      await expect(rows.nth(2).locator('td').first()).toHaveText('—');
      await expect(page.getByTestId('board-rejected')).toContainText('evil.json');
      await expect(page.getByTestId('board-spread')).toBeVisible();
      expect(frozenChunks).toEqual([]);

      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('board-csv').click()]);
      const lines = (await readFile(await csv.path(), 'utf8')).split('\n').filter(Boolean);
      expect(lines).toHaveLength(4);
      expect(lines[1]).toContain('Ann');
      expect(await seriousViolations(page, { include: 'main' })).toEqual([]);
    });

    test("the link builder's link opens the same market", async ({ page, browser }) => {
      await page.goto(`/${locale}/teach/link/`);
      await hydrated(page);
      await page.getByTestId('link-scenario').selectOption(SCENARIO);
      await page.getByTestId('link-seed').fill(`link-${locale}`);
      await page.locator('.locks input[type="checkbox"]').first().check();
      const output = page.getByTestId('link-output');
      await expect(output).toContainText(`seed=link-${locale}`);
      await expect(output).toContainText('lock=');
      await expect(page.locator('.qr-code svg')).toBeVisible();
      expect(await seriousViolations(page, { include: 'main' })).toEqual([]);
      const link = (await output.textContent()) ?? '';

      const firstRound = async (p: Page) => {
        await p.goto(link);
        await hydrated(p);
        await expect(p.getByTestId('play-seed')).toContainText(`link-${locale}`);
        await expect(p.locator('[data-control="promiseLevel"] input[type="number"]')).toBeDisabled();
        await p.getByTestId('play-advance').click();
        return (await p.getByTestId('play-history').locator('tbody tr').first().textContent()) ?? '';
      };
      const here = await firstRound(page);
      const other = await browser.newContext();
      const there = await firstRound(await other.newPage());
      await other.close();
      expect(there).toBe(here);
    });
  });
}

test('a bad seed in the URL shows a notice and falls back to the scenario seed', async ({ page }) => {
  await page.goto(`/en/teach/${SCENARIO}/?v=1&seed=%3Cb%3Ebad%3C%2Fb%3E`);
  await hydrated(page);
  await expect(page.getByTestId('url-notice')).toBeVisible();
  await expect(page.getByTestId('url-notice')).toContainText('“<b>bad</b>” is not a valid value for “seed”');
  await expect(page.getByTestId('url-notice').locator('b')).toHaveCount(0);
  await expect(page.getByTestId('play-seed')).toContainText('broadband-5');
});

test('9,000 unknown parameters on a scenario page give a short notice, not a 269,000-character one', async ({ page }) => {
  // The test server (like many hosts) refuses request lines this long; the browser gets the page's own HTML instead.
  await page.route(/\/en\/teach\/[a-z-]+\/\?/, async (route) => {
    const response = await route.fetch({ url: new URL(`/en/teach/${SCENARIO}/`, route.request().url()).href });
    await route.fulfill({ response });
  });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`/en/teach/${SCENARIO}/?${Array.from({ length: 9000 }, (_, i) => `param${i}=${'x'.repeat(20)}`).join('&')}`);
  await hydrated(page);
  const notice = page.getByTestId('url-notice');
  await expect(notice).toContainText('8992 more not listed.');
  expect((await notice.textContent())!.length).toBeLessThan(1000);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await expect(page.getByTestId('play-seed')).toContainText('broadband-5');
});
