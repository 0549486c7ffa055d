// End-to-end tests of the Relationship Investment Lab on the built site, in both locales: same numbers as the engine in
// Node, keyboard-only and mouse use, URL round trip and bad-URL notice, compare / optimum / band complete, axe clean.
import { test, expect, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { readFileSync } from 'node:fs';
import { simulate, MODEL_VERSION } from '@sim/index';
import { runToCsv } from '@sim/columns';
import { defaultSettings, labLimits, marketById } from '@/features/market-lab/limits';
import { encodeSettings } from '@/features/market-lab/urlState';
import { toRunOptions, toStrategy } from '@/features/market-lab/strategy';
import type { LabSettings } from '@/features/market-lab/settings';

const locales = ['en', 'zh-cn'] as const;
// The shared machine often runs at a load of 20+; the optimiser and band runs need headroom there.
test.describe.configure({ timeout: 180_000 });

/** Fixed settings away from the defaults: custom spend in one segment, a preset in another. */
function fixedSettings(): LabSettings {
  const s = defaultSettings('default');
  s.seed = 4242;
  s.quarters = 16;
  s.promiseLevel = 3.2;
  s.quality = 3.8;
  s.acquisitionSpendPerQuarter = 25000;
  s.investment['consumers'] = { reactive: 1.5, accountable: 2, proactive: 0, partnership: 0 };
  s.investment['key-accounts'] = labLimits.presetInvestment('default', 'key-accounts', 'partnership');
  return s;
}

/** The engine run in Node (this process) for the fixed settings: the numbers the page must show and export. */
function engineInNode() {
  const settings = fixedSettings();
  const run = simulate(marketById('default'), toStrategy(settings), toRunOptions(settings));
  // Through JSON, as the page's export is: exact doubles survive, undefined fields drop out.
  return {
    modelVersion: MODEL_VERSION,
    query: encodeSettings(settings, labLimits),
    settings,
    overall: JSON.parse(JSON.stringify(run.overall)) as typeof run.overall,
    bySegment: JSON.parse(JSON.stringify(run.bySegment)) as typeof run.bySegment,
    csv: runToCsv(run),
  };
}
const nodeRun = engineInNode();

async function openLab(page: Page, path: string) {
  await page.goto(path);
  await page.waitForSelector('astro-island:not([ssr]) [data-ready="true"]');
}

async function figure(page: Page, id: string): Promise<number> {
  return Number(await page.locator(`[data-figure="${id}"] dd`).getAttribute('data-value'));
}

for (const locale of locales) {
  test(`${locale}: a fixed seed and settings show and export the engine's exact numbers`, async ({ page }) => {
    const expected = nodeRun;
    const last = expected.overall[expected.overall.length - 1];
    await openLab(page, `/${locale}/lab/?${expected.query}`);
    await expect(page.getByTestId('url-notice')).toHaveCount(0);
    expect(await figure(page, 'equity')).toBe(last.customerEquity);
    expect(await figure(page, 'retention')).toBe(last.retentionRate);
    expect(await figure(page, 'satisfaction')).toBe(last.meanSatisfaction);
    expect(await figure(page, 'profit')).toBe(last.profit);
    expect(await figure(page, 'customers')).toBe(last.customers);
    const tag = locale === 'zh-cn' ? 'zh-CN' : 'en';
    await expect(page.locator('[data-figure="customers"] .value')).toHaveText(new Intl.NumberFormat(tag).format(last.customers));

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    const doc = JSON.parse(readFileSync((await json.path())!, 'utf8'));
    expect(doc.modelVersion).toBe(expected.modelVersion);
    expect(doc.seed).toBe('4242');
    expect(doc.settings).toEqual(expected.settings);
    expect(doc.overall).toEqual(expected.overall);
    expect(doc.bySegment).toEqual(expected.bySegment);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    // The same file the command line writes for this run: one header, no comment lines.
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text).toBe(expected.csv);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^modelVersion,seed,market,scope,quarter,/);
    expect(lines).toHaveLength(1 + 16 * 4);
    expect(lines.slice(1).every((l) => l.startsWith(`${MODEL_VERSION},4242,default,`))).toBe(true);

    // A chart as a standalone SVG: colours resolved, no CSS variables or classes left behind.
    await page.locator('#lab-export-chart').selectOption('retention');
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /SVG/ }).click()]);
    const markup = readFileSync((await svg.path())!, 'utf8');
    expect(markup.startsWith('<svg')).toBe(true);
    expect(markup).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(markup).not.toContain('var(--');
    expect(markup).toMatch(/<path[^>]+stroke="rgb\(/);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('en: works with the keyboard only', async ({ page }) => {
  await openLab(page, '/en/lab/');
  const before = await figure(page, 'equity');

  // A segment's level preset, changed with the arrow key.
  const level = page.locator('#seg-consumers-level');
  await level.focus();
  await page.keyboard.press('ArrowDown');
  await expect(level).toHaveValue('accountable');
  await expect.poll(() => figure(page, 'equity')).not.toBe(before);
  await expect(page).toHaveURL(/s\.consumers=accountable/);

  // A typed value, then an arrow-key step on the paired slider, then an impossible value.
  const box = page.locator('#lab-promise-box');
  await box.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('4.5');
  await page.keyboard.press('Tab');
  await expect(page.locator('#lab-promise-slider')).toHaveValue('4.5');
  await page.locator('#lab-promise-slider').focus();
  await page.keyboard.press('ArrowRight');
  await expect(box).toHaveValue('4.6');
  await box.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('9');
  await page.keyboard.press('Enter');
  await expect(box).toHaveValue('5');
  await expect(page.locator('#lab-promise-msg')).not.toBeEmpty();

  // Fine-tune disclosure opens with Enter; a level's spend is typed.
  await page.locator('fieldset').first().locator('summary').focus();
  await page.keyboard.press('Enter');
  const reactive = page.locator('#seg-consumers-reactive-box');
  await expect(reactive).toBeVisible();
  await reactive.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2.5');
  await page.keyboard.press('Tab');
  await expect(level).toHaveValue('custom');

  // Play controls and a chart's values with keys.
  await page.getByRole('button', { name: 'Back to quarter 1' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quarter')).toHaveText('Quarter 1 of 40');
  await page.getByRole('button', { name: 'Step one quarter' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quarter')).toHaveText('Quarter 2 of 40');
  await page.getByRole('button', { name: 'Show whole run' }).focus();
  await page.keyboard.press('Enter');
  const chart = page.getByRole('slider', { name: 'Retention rate per quarter' });
  await chart.focus();
  await page.keyboard.press('Home');
  await expect(chart).toHaveAttribute('aria-valuenow', '1');
  await page.keyboard.press('ArrowRight');
  await expect(chart).toHaveAttribute('aria-valuenow', '2');
  await expect(chart).toHaveAttribute('aria-valuetext', /^Quarter 2: Retention: \d/);
  expect(await seriousViolations(page)).toEqual([]);
});

test('zh-cn: works with the mouse; play and pause; large type and a 360 px phone', async ({ page }) => {
  await openLab(page, '/zh-cn/lab/?v=1&h=12');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('quarter')).not.toHaveText('第 12 季度，共 12 个季度');
  await page.getByTestId('pause').click();
  await page.getByRole('button', { name: '显示完整运行' }).click();
  await expect(page.getByTestId('quarter')).toHaveText('第 12 季度，共 12 个季度');
  const before = await figure(page, 'equity');
  const slider = page.locator('#lab-quality-slider');
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  await page.mouse.click(box!.x + box!.width * 0.9, box!.y + box!.height / 2);
  await expect.poll(() => figure(page, 'equity')).not.toBe(before);
  await page.getByRole('button', { name: '大字模式（投影）' }).click();
  await expect(page.getByRole('button', { name: '大字模式（投影）' })).toHaveAttribute('aria-pressed', 'true');
  await page.setViewportSize({ width: 360, height: 780 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(await seriousViolations(page)).toEqual([]);
});

test('the URL round-trips through a reload and a language switch', async ({ page }) => {
  await openLab(page, '/en/lab/');
  await page.locator('#lab-quality-box').fill('4.2');
  await page.locator('#lab-quality-box').press('Enter');
  await page.locator('#seg-key-accounts-level').selectOption('partnership');
  await page.locator('#lab-seed-box').fill('777');
  await page.locator('#lab-seed-box').press('Enter');
  await expect(page).toHaveURL(/q=4\.2/);
  await expect(page).toHaveURL(/seed=777/);
  await expect(page).toHaveURL(/s\.key-accounts=partnership/);
  const equity = await figure(page, 'equity');
  await page.reload();
  await page.waitForSelector('astro-island:not([ssr]) [data-ready="true"]');
  await expect(page.locator('#lab-quality-box')).toHaveValue('4.2');
  expect(await figure(page, 'equity')).toBe(equity);
  await page.locator('a[data-lang-switch]').first().click();
  await page.waitForURL(/\/zh-cn\/lab\//);
  await page.waitForSelector('astro-island:not([ssr]) [data-ready="true"]');
  await expect(page.locator('#lab-seed-box')).toHaveValue('777');
  await expect(page.locator('#seg-key-accounts-level')).toHaveValue('partnership');
  expect(await figure(page, 'equity')).toBe(equity);
});

test('a broken or foreign URL shows a notice, falls back to defaults and injects nothing', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await openLab(page, '/en/lab/?v=1&seed=-5&h=9999&q=abc&%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1');
  const notice = page.getByTestId('url-notice');
  for (const problem of [
    '“-5” is not a valid value for “seed”',
    '“9999” is not a valid value for “h”',
    '“abc” is not a valid value for “q”',
    '“<img src=x onerror=alert…” is not a setting of this page',
  ]) {
    await expect(notice).toContainText(problem);
  }
  await expect(page.locator('[data-testid="url-notice"] img')).toHaveCount(0);
  const d = defaultSettings('default');
  await expect(page.locator('#lab-seed-box')).toHaveValue(String(d.seed));
  await expect(page.locator('#lab-horizon-box')).toHaveValue(String(d.quarters));
  expect(dialogs).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
  await openLab(page, '/zh-cn/lab/?v=7&seed=1');
  await expect(page.getByTestId('url-notice')).toContainText('链接的版本为“7”');
  await expect(page.locator('#lab-seed-box')).toHaveValue(String(d.seed));
});

test('compare, the optimiser and the uncertainty band complete', async ({ page }) => {
  await openLab(page, '/en/lab/?v=1&h=16');
  await page.getByTestId('pin').click();
  await page.locator('#seg-consumers-level').selectOption('basic');
  await expect(page.locator('[data-figure="equity"] .delta')).toContainText('vs. baseline');
  await expect(page.locator('[data-chart-id="equity"] path.baseline')).toHaveCount(1);
  await expect(page.locator('[data-chart-id="equity"] .summary')).toContainText('in the baseline');

  await page.getByTestId('optimise').click();
  await expect(page.getByTestId('optimum-result')).toBeVisible({ timeout: 90_000 });
  const optimum = Number(await page.getByTestId('optimum-equity').getAttribute('data-value'));
  expect(optimum).toBeGreaterThanOrEqual(await figure(page, 'equity'));
  await expect(page.getByTestId('gap')).not.toBeEmpty();
  await page.getByRole('button', { name: 'Use this strategy' }).click();
  await expect.poll(() => figure(page, 'equity')).toBe(optimum);

  await page.getByTestId('band').click();
  await expect(page.getByTestId('band-status')).toContainText('Over 100 markets', { timeout: 90_000 });
  await expect(page.locator('[data-chart-id="equity"] path.band')).toHaveCount(1);
  await expect(page.locator('[data-chart-id="retention"] path.band')).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);
});
