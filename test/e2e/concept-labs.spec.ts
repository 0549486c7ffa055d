// End-to-end checks of the five small labs in both locales (render, keyboard, URL state, bad-query
// notice, axe). Runs against the built site. (<Predict> is tested in predict.spec.ts.)
import { test, expect, type Page } from '@playwright/test';
import { seriousViolations } from './axe';

interface LabCase {
  id: string;
  /** URL parameter driven by `slider`, a value to load, and the value after one ArrowRight. */
  param: string;
  slider: string;
  loaded: string;
  next: string;
}

// The machine is shared by many builds; axe on a long lesson page can take a while.
test.describe.configure({ timeout: 120_000 });

const LABS: LabCase[] = [
  { id: 'perceived-value', param: 'scale', slider: '-scale-slider', loaded: '1.2', next: '1.25' },
  { id: 'expectations', param: 'promise', slider: '-promise-slider', loaded: '2.5', next: '2.6' },
  { id: 'clv', param: 'retention', slider: '-retention-slider', loaded: '0.9', next: '0.91' },
  { id: 'level-matrix', param: 'partnership', slider: '-partnership-slider', loaded: '2', next: '2.25' },
  { id: 'life-cycle', param: 'onboarding', slider: '-onboarding-slider', loaded: '40', next: '45' },
];

async function hydrated(page: Page) {
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0, { timeout: 15_000 });
}

for (const locale of ['en', 'zh-cn'] as const) {
  for (const lab of LABS) {
    test(`${lab.id} (${locale}): URL state, keyboard, bad-query notice, axe`, async ({ page }) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`/${locale}/lab/${lab.id}/?v=1&${lab.param}=${lab.loaded}`);
      await hydrated(page);
      await expect(page.locator('h1')).toBeVisible();
      const slider = page.locator(`input[type="range"][id$="${lab.slider}"]`);
      await expect(slider).toHaveValue(lab.loaded);
      await expect(page.locator('.notice')).toHaveCount(0);
      if (lab.id === 'level-matrix') await expect(page.locator('td[data-level]')).toHaveCount(9, { timeout: 15_000 });
      await expect(page.locator('.lab [aria-live="polite"]').first()).not.toBeEmpty();
      await expect(page.locator('.lab table').first()).toBeAttached();
      expect(await seriousViolations(page, { include: '.lab' })).toEqual([]);

      await slider.focus();
      await page.keyboard.press('ArrowRight');
      await expect(slider).toHaveValue(lab.next);
      await expect.poll(() => new URL(page.url()).searchParams.get(lab.param)).toBe(lab.next);
      expect(new URL(page.url()).searchParams.get('v')).toBe('1');

      await page.goto(`/${locale}/lab/${lab.id}/?v=1&${lab.param}=999x`);
      await hydrated(page);
      const notice = page.locator('.notice');
      await expect(notice).toBeVisible();
      await expect(notice).toContainText(lab.param);
      await expect(slider).not.toHaveValue(lab.loaded);
      expect(errors).toEqual([]);
    });
  }
}

test('a hostile link (a 100 KB parameter name, 9,000 unknown keys) gives a small notice and no wide page', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  // The test server (like many hosts) refuses request lines this long; the browser gets the page's own HTML instead.
  await page.route(/\/en\/lab\/clv\/\?/, async (route) => {
    const response = await route.fetch({ url: new URL('/en/lab/clv/', route.request().url()).href });
    await route.fulfill({ response });
  });
  const cases = [`v=1&${'x'.repeat(100_000)}=1`, Array.from({ length: 9000 }, (_, i) => `k${i}=1`).join('&')];
  for (const query of cases) {
    await page.goto(`/en/lab/clv/?${query}`);
    await hydrated(page);
    const notice = page.getByTestId('url-notice');
    await expect(notice).toBeVisible();
    expect((await notice.textContent())!.length).toBeLessThan(1000);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await notice.boundingBox();
    expect(box!.height).toBeLessThan(740);
  }
  await expect(page.getByTestId('url-notice')).toContainText('8992 more not listed.');
});

test('CLV lab: timing, retention cost and horizon by keyboard, in the URL and in the figures (Berger & Nasr’s case 1)', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Case 1 of Berger & Nasr without their first purchase at once: 568.78 − 260 = 308.78; promotion worth 120.61.
  await page.goto('/en/lab/clv/?v=1&margin=260&retention=0.75&discount=0.2&acq=0&timing=end&cost=50&horizon=years&years=10');
  await hydrated(page);
  const figure = (label: string) =>
    page
      .locator('.lab-keyfigures div')
      .filter({ has: page.locator('dt', { hasText: label }) })
      .locator('dd');
  await expect(figure('CLV, margin at the end of each year')).toHaveText('309 units');
  await expect(figure('Present value of retention costs')).toHaveText('121 units');
  const years = page.locator('input[type="range"][id$="-years-slider"]');
  await expect(years).toBeEnabled();
  expect(await seriousViolations(page, { include: '.lab' })).toEqual([]);

  // No end: (260·0.625 − 50/√1.2) / (1 − 0.625) = 311.62; the years control is switched off.
  await page.getByRole('radio', { name: 'A fixed number of years' }).focus();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('radio', { name: 'No end' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'No end' })).toBeFocused();
  await expect.poll(() => new URL(page.url()).searchParams.get('horizon')).toBe('forever');
  await expect(years).toBeDisabled();
  await expect(figure('CLV, margin at the end of each year')).toHaveText('312 units');

  // Margin in the middle of the year: the chosen figure moves with it.
  await page.getByRole('radio', { name: /^At the end of each year/ }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: /^In the middle of each year/ })).toBeChecked();
  await expect.poll(() => new URL(page.url()).searchParams.get('timing')).toBe('middle');
  await expect(page.locator('.lab-keyfigures div.chosen dt')).toHaveText('CLV, margin in the middle of each year');

  // The retention cost moves by its step.
  const cost = page.locator('input[type="range"][id$="-cost-slider"]');
  await cost.focus();
  await page.keyboard.press('ArrowRight');
  await expect(cost).toHaveValue('51');
  await expect.poll(() => new URL(page.url()).searchParams.get('cost')).toBe('51');
  expect(errors).toEqual([]);
});
