// Teach end to end, in both locales: a student plays a scenario to the end and downloads the result;
// the class board verifies and ranks two genuine files and catches a tampered one; the link builder's
// link opens the same market. Axe (serious/critical) runs on each state tested.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';

const SCENARIO = 'expectation-trap';
const locales = ['en', 'zh-cn'] as const;

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

async function hydrated(page: Page) {
  await page.locator('astro-island:not([ssr])').first().waitFor();
}

/** Plays every round (setting the first open control to `value` in round 1) and returns the downloaded file text. */
async function playToEnd(page: Page, path: string, name: string, value: string): Promise<string> {
  await page.goto(path);
  await hydrated(page);
  const advance = page.getByTestId('play-advance');
  const first = page.locator('input[data-control-number]:not([disabled])').first();
  await first.fill(value);
  await first.press('Enter');
  while (await advance.isVisible()) await advance.click();
  await expect(page.getByTestId('play-end')).toBeVisible();
  await page.getByTestId('play-name').fill(name);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('play-download').click()]);
  const saved = await download.path();
  return readFile(saved, 'utf8');
}

for (const locale of locales) {
  test.describe(`teach (${locale})`, () => {
    test('a student plays a scenario to the end and downloads the result file', async ({ page }) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`/${locale}/teach/`);
      await expect(page.locator(`[data-scenario="${SCENARIO}"]`)).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto(`/${locale}/teach/${SCENARIO}/?v=1&seed=e2e-${locale}`);
      await hydrated(page);
      await expect(page.getByTestId('play-seed')).toContainText(`e2e-${locale}`);
      expect(await seriousViolations(page)).toEqual([]);

      // One round, then check that the past round is fixed in the history table.
      await page.getByTestId('play-advance').click();
      await expect(page.getByTestId('play-history').locator('tbody tr')).toHaveCount(1);

      const text = await playToEnd(page, `/${locale}/teach/${SCENARIO}/?v=1&seed=e2e-${locale}`, 'Student A', '3');
      const file = JSON.parse(text);
      expect(file.format).toBe('crm-lab-result');
      expect(file.scenarioId).toBe(SCENARIO);
      expect(file.seed).toBe(`e2e-${locale}`);
      expect(file.name).toBe('Student A');
      expect(file.decisions.length).toBeGreaterThan(1);
      expect(file.claimed.equity.length).toBeGreaterThan(file.decisions.length);
      await expect(page.getByTestId('play-score')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });

    test('the class board verifies two genuine files, catches a tampered one and ranks them', async ({ page }) => {
      const seedPath = `/${locale}/teach/${SCENARIO}/?v=1&seed=board-${locale}`;
      const a = await playToEnd(page, seedPath, 'Ann', '2.5');
      await page.getByTestId('play-restart').click();
      const b = await playToEnd(page, seedPath, 'Bo', '5');
      const tampered = JSON.parse(b);
      tampered.name = 'Cy';
      tampered.claimed.equity[tampered.claimed.equity.length - 1] *= 2;

      await page.goto(`/${locale}/teach/board/`);
      await hydrated(page);
      await page.getByTestId('board-files').setInputFiles([
        { name: 'ann.json', mimeType: 'application/json', buffer: Buffer.from(a) },
        { name: 'bo.json', mimeType: 'application/json', buffer: Buffer.from(b) },
        { name: 'cy.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) },
        { name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from('{"__proto__":{"x":1}}') },
      ]);
      const rows = page.getByTestId('board-ranking').locator('tbody tr');
      await expect(rows).toHaveCount(3);
      await expect(page.locator('tr[data-status="verified"]')).toHaveCount(2);
      await expect(page.locator('tr[data-status="tampered"]')).toHaveCount(1);
      await expect(page.locator('tr[data-status="tampered"]')).toContainText('Cy');
      // Verified runs come first with ranks 1 and 2; the tampered one is unranked.
      await expect(rows.nth(0).locator('td').first()).toHaveText('1');
      await expect(rows.nth(1).locator('td').first()).toHaveText('2');
      await expect(rows.nth(2).locator('td').first()).toHaveText('—');
      await expect(page.getByTestId('board-rejected')).toContainText('evil.json');
      await expect(page.getByTestId('board-spread')).toBeVisible();

      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('board-csv').click()]);
      const csvText = await readFile(await csv.path(), 'utf8');
      expect(csvText.split('\r\n').filter(Boolean)).toHaveLength(4);
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("the link builder's link opens the same market", async ({ page, browser }) => {
      await page.goto(`/${locale}/teach/link/`);
      await hydrated(page);
      await page.getByTestId('link-scenario').selectOption(SCENARIO);
      await page.getByTestId('link-seed').fill(`link-${locale}`);
      const firstLock = page.locator('.locks input[type="checkbox"]').first();
      await firstLock.check();
      const link = (await page.getByTestId('link-output').textContent()) ?? '';
      expect(link).toContain(`seed=link-${locale}`);
      expect(link).toContain('lock=');
      await expect(page.locator('.qr-code svg')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      const open = async (p: Page) => {
        await p.goto(link);
        await hydrated(p);
        await expect(p.getByTestId('play-seed')).toContainText(`link-${locale}`);
        await expect(p.locator('input[data-control-number][disabled]').first()).toBeVisible();
        await p.getByTestId('play-advance').click();
        return (await p.getByTestId('play-history').locator('tbody tr').first().textContent()) ?? '';
      };
      const here = await open(page);
      const other = await browser.newContext();
      const there = await open(await other.newPage());
      await other.close();
      expect(there).toBe(here);
    });
  });
}

test('a bad seed in the URL shows a notice and falls back to the scenario seed', async ({ page }) => {
  await page.goto(`/en/teach/${SCENARIO}/?v=1&seed=%3Cb%3Ebad%3C%2Fb%3E`);
  await hydrated(page);
  await expect(page.getByTestId('play-link-notice')).toBeVisible();
  await expect(page.getByTestId('play-link-notice').locator('b')).toHaveCount(0);
});
