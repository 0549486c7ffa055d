// End-to-end tests of the Relationship Investment Lab on the built site, in both locales: the engine's exact numbers
// (run in workers) and exports, cause and effect on one screen (1280 × 800) and the phone's results strip (360 × 740),
// a picked customer's story equal to the engine's trace, the waterfall adding up, events marked where the engine
// schedules them, the baseline in the URL, focus kept after every action, keyboard and mouse use, axe clean.
import { test, expect, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { readFileSync } from 'node:fs';
import { simulate, simulateObserved, runEvents, MODEL_VERSION } from '@sim/index';
import { runToCsv } from '@sim/columns';
import { defaultSettings, labLimits, marketById } from '@/features/market-lab/limits';
import { encodeSettings } from '@/features/market-lab/urlState';
import { toRunOptions, toStrategy } from '@/features/market-lab/strategy';
import type { LabSettings } from '@/features/market-lab/settings';
import { optimiseSettings } from '@/features/market-lab/jobs';

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

/** Fails the test on any uncaught error of the page (e.g. a control asking for a segment the market lacks). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

async function openLab(page: Page, path: string) {
  await page.goto(path);
  await page.waitForSelector('astro-island:not([ssr]) [data-ready="true"]');
}

/** Waits until the newest runs asked of the workers are on screen. */
async function settled(page: Page) {
  await expect(page.getByTestId('lab')).toHaveAttribute('data-busy', 'false');
}

async function figure(page: Page, id: string): Promise<number> {
  return Number(await page.locator(`[data-figure="${id}"] dd`).getAttribute('data-value'));
}

async function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

for (const locale of locales) {
  test(`${locale}: a fixed seed and settings show and export the engine's exact numbers`, async ({ page }) => {
    const errors = watchErrors(page);
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
    expect(errors).toEqual([]);
  });

  test(`${locale}: an exported chart explains itself — title, units, legend, baseline label, seed, model version, site`, async ({
    page,
  }) => {
    await openLab(page, `/${locale}/lab/?${nodeRun.query}`);
    await page.getByTestId('pin').click();
    await page.locator('#seg-consumers-level').selectOption('proactive');
    await settled(page);
    await page.getByTestId('chart-picker').selectOption('equity');
    const figureText = async (sel: string) => (await page.locator(`[data-chart-id="equity"] ${sel}`).first().textContent())!.trim();
    const title = await figureText('figcaption');
    const unit = await figureText('.unit');
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
    const markup = readFileSync((await svg.path())!, 'utf8');
    expect(markup.startsWith('<svg')).toBe(true);
    expect(markup).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(markup).not.toContain('var(--');
    expect(markup).toMatch(/<path[^>]+stroke="rgb\(/);
    expect(markup).toContain(`>${title}</text>`);
    expect(markup).toContain(`>${unit}</text>`);
    const baseline = locale === 'en' ? 'baseline' : '基准';
    // The dashed line carries its label, and the legend names it.
    expect(markup.match(new RegExp(`>${baseline}</text>`, 'g'))!.length).toBeGreaterThanOrEqual(2);
    expect(markup).toContain('CRM Lab');
    expect(markup).toContain('4242');
    expect(markup).toContain(MODEL_VERSION);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    const bytes = readFileSync((await png.path())!);
    expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    // Wider and taller than the plot alone: title, legend and footer were drawn around it.
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(2 * 300);
  });

  test(`${locale}: at 1280 × 800 the controls, key figures, the market and the main chart share one screen`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openLab(page, `/${locale}/lab/`);
    await page.waitForSelector('[data-testid="market-canvas"] canvas');
    await page.waitForSelector('[data-chart-id] figure.chart svg');
    const inView = async (selector: string) => {
      const box = (await page.locator(selector).first().boundingBox())!;
      expect(box, selector).not.toBeNull();
      expect(box.y, `${selector} top`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${selector} right`).toBeLessThanOrEqual(1280);
      expect(box.y + box.height, `${selector} bottom`).toBeLessThanOrEqual(800);
      return box;
    };
    const scroll = await page.evaluate(() => window.scrollY);
    expect(scroll).toBe(0);
    await inView('[data-testid="figures"]');
    const market = await inView('[data-testid="market-canvas"]');
    const chart = await inView('[data-chart-id] figure.chart .plot');
    await inView('#seg-consumers-level');
    const controls = (await page.getByTestId('controls').boundingBox())!;
    // The controls form their own column beside the results and scroll inside it.
    expect(controls.x + controls.width).toBeLessThanOrEqual(Math.min(market.x, chart.x));
    const own = await page
      .getByTestId('controls')
      .evaluate((el) => ({ scroll: el.scrollHeight > el.clientHeight, overflow: getComputedStyle(el).overflowY }));
    expect(own).toEqual({ scroll: true, overflow: 'auto' });
    // This first screen, as loaded, is scanned by axe in site.spec.ts (every page).
  });

  test(`${locale}: on a 360 × 740 phone the results strip stays in view while a control deep in the column is used`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await openLab(page, `/${locale}/lab/`);
    const strip = page.getByTestId('figures-strip');
    const box = page.locator('#lab-horizon-box');
    await box.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('24');
    await page.keyboard.press('Enter');
    await settled(page);
    const s = (await strip.boundingBox())!;
    const c = (await box.boundingBox())!;
    expect(s.y).toBeGreaterThanOrEqual(0);
    expect(s.y + s.height).toBeLessThanOrEqual(740);
    // The focused control is below the strip, not hidden under it, and the page scrolled to reach it.
    expect(c.y).toBeGreaterThanOrEqual(s.y + s.height);
    expect(c.y + c.height).toBeLessThanOrEqual(740);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
    for (const id of ['equity', 'retention', 'satisfaction']) await expect(strip.locator(`[data-figure="${id}"]`)).toBeVisible();
    await expect(page.locator('[data-figure="equity"] .value')).not.toHaveText('–');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // With a baseline pinned, the two buttons share one row (short labels): the strip stays a strip (it was 205 px).
    await page.getByTestId('pin').click();
    await settled(page);
    await expect(page.getByTestId('clear-baseline')).toBeVisible();
    const pin = (await page.getByTestId('pin').boundingBox())!;
    const clear = (await page.getByTestId('clear-baseline').boundingBox())!;
    expect(Math.abs(pin.y - clear.y)).toBeLessThan(2);
    expect((await strip.boundingBox())!.height).toBeLessThanOrEqual(175);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test(`${locale}: a picked customer's story is the engine's trace of that key, beside the baseline's`, async ({ page }) => {
    const settings = { ...defaultSettings('default'), quarters: 12, seed: 99 };
    const base = {
      ...settings,
      investment: { ...settings.investment, 'key-accounts': labLimits.presetInvestment('default', 'key-accounts', 'basic') },
    };
    await openLab(page, `/${locale}/lab/?${encodeSettings(settings, labLimits, base)}`);
    await settled(page);
    // Keyboard: into the market view, a few customers along, Enter.
    const view = page.getByTestId('market-canvas');
    await view.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('market-cursor')).not.toBeEmpty();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('story-table')).toBeVisible();
    await expect(page.getByTestId('story-table').locator('td[data-field="base-margin"]').first()).toBeAttached();
    await settled(page);
    expect(await focusedTestId(page)).toBe('market-canvas');
    await expect(page.getByTestId('tab-story')).toHaveAttribute('aria-selected', 'true');
    const key = Number(await page.getByTestId('story-key').getAttribute('data-key'));
    const market = marketById('default');
    const trace = simulateObserved(market, toStrategy(settings), toRunOptions(settings), { trace: [key] }).traces[0];
    const baseTrace = simulateObserved(market, toStrategy(base), toRunOptions(settings), { trace: [key] }).traces[0];
    const cells = await page
      .getByTestId('story-table')
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((tr) => Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.field, td.dataset.value]))),
      );
    expect(cells).toHaveLength(trace.steps.length);
    trace.steps.forEach((s, i) => {
      const row = cells[i];
      expect(Number(row.expectation)).toBe(s.expectation);
      expect(row.performance === '' ? null : Number(row.performance)).toBe(s.perception?.performance ?? null);
      expect(Number(row.satisfaction)).toBe(s.satisfaction);
      expect(Number(row.heldBy)).toBe(s.heldBy);
      expect(Number(row.wallet)).toBe(s.wallet);
      expect(Number(row.margin)).toBe(s.margin);
      expect(row.left).toBe(s.left ?? '');
      const b = baseTrace.steps.find((x) => x.quarter === s.quarter);
      expect(row['base-satisfaction']).toBe(b ? String(b.satisfaction) : '');
      expect(row['base-margin']).toBe(b ? String(b.margin) : '');
    });
    // "Show me": someone who left for a rival — the trace says so.
    await page.getByTestId('story-kind').selectOption('leftForRival');
    await page.getByTestId('story-show').click();
    await expect(page.getByTestId('story-key')).not.toHaveAttribute('data-key', String(key));
    const rival = Number(await page.getByTestId('story-key').getAttribute('data-key'));
    const rivalTrace = simulateObserved(market, toStrategy(settings), toRunOptions(settings), { trace: [rival] }).traces[0];
    expect(rivalTrace.reason).toBe('competitor');
    await expect(page.getByTestId('story-table').locator('td[data-field="left"][data-value="competitor"]')).toHaveCount(1);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test(`${locale}: the waterfall's parts add up to the change in customer equity shown`, async ({ page }) => {
    await openLab(page, `/${locale}/lab/?v=1&h=20`);
    await page.getByTestId('pin').click();
    await page.locator('#seg-small-business-level').selectOption('partnership');
    await page.locator('#seg-consumers-level').selectOption('basic');
    await settled(page);
    await page.getByTestId('tab-why').click();
    const sentence = page.getByTestId('why-sentence');
    await expect(sentence).not.toBeEmpty();
    const total = Number(await sentence.getAttribute('data-total'));
    const parts = await page
      .locator('[data-testid="why"] rect.waterfall-bar:not(.total)')
      .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-value'))));
    expect(parts).toHaveLength(5);
    const sum = parts.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - total)).toBeLessThanOrEqual(1e-9 * Math.abs(Number(await sentence.getAttribute('data-current'))));
    // The change is the one the key figures show against the engine's baseline run.
    const s = defaultSettings('default');
    s.quarters = 20;
    const baseEquity = simulate(marketById('default'), toStrategy(s), toRunOptions(s)).overall[19].customerEquity;
    expect(Number(await sentence.getAttribute('data-baseline'))).toBe(baseEquity);
    expect(Number(await sentence.getAttribute('data-current'))).toBe(await figure(page, 'equity'));
    expect(total).toBe((await figure(page, 'equity')) - baseEquity);
    await expect(page.locator('[data-testid="why"] .sr-only table tbody tr')).toHaveCount(7);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test(`${locale}: every rival promotion the engine schedules is marked on the time charts`, async ({ page }) => {
    await openLab(page, `/${locale}/lab/`);
    const s = defaultSettings('default');
    const events = runEvents(marketById('default'), s.seed, s.quarters);
    // Seed 2026 has promotions for consumers in quarters 7–8 (the retention dip a learner would otherwise blame on themselves).
    expect(events.some((e) => e.kind === 'rivalPromotion' && e.fromQuarter === 7 && e.toQuarter === 8)).toBe(true);
    const chart = page.locator('[data-chart-id="retention"]');
    for (const e of events) await expect(chart.locator(`rect.span[data-from="${e.fromQuarter}"][data-to="${e.toQuarter}"]`)).toHaveCount(1);
    // Named in the summary and in the data table's events column; the cut axis says where it starts.
    await expect(chart.locator('.summary')).toContainText(locale === 'en' ? 'Rival promotion' : '竞争者促销');
    await expect(chart.locator('.sr-only table tbody tr').nth(6).locator('td').last()).toContainText(
      locale === 'en' ? 'Rival promotion' : '竞争者促销',
    );
    await expect(chart.locator('.axis-note')).toBeVisible();
    await page.getByTestId('chart-picker').selectOption('lost');
    await expect(page.locator('[data-chart-id="lost"] rect.span[data-from="7"][data-to="8"]')).toHaveCount(1);
  });
}

test('the pinned baseline survives a reload through the URL (and a language switch)', async ({ page }) => {
  await openLab(page, '/en/lab/?v=1&h=12');
  await page.getByTestId('pin').click();
  await page.locator('#seg-consumers-level').selectOption('proactive');
  await settled(page);
  await expect(page).toHaveURL(/[?&]b=1/);
  await expect(page).toHaveURL(/[?&]s\.consumers=proactive/);
  const equity = await figure(page, 'equity');
  const delta = await page.locator('[data-figure="equity"] .delta').textContent();
  await page.reload();
  await page.waitForSelector('astro-island:not([ssr]) [data-ready="true"]');
  await expect(page.getByTestId('clear-baseline')).toBeVisible();
  expect(await figure(page, 'equity')).toBe(equity);
  await expect(page.locator('[data-figure="equity"] .delta')).toHaveText(delta!);
  await page.locator('a[data-lang-switch]').first().click();
  await page.waitForURL(/\/zh-cn\/lab\//);
  await page.waitForSelector('astro-island:not([ssr]) [data-ready="true"]');
  await expect(page.getByTestId('clear-baseline')).toBeVisible();
  expect(await figure(page, 'equity')).toBe(equity);
});

test('focus stays on or next to the control used; Space plays and pauses except in a field', async ({ page }) => {
  await openLab(page, '/en/lab/?v=1&h=40');
  const toggle = page.getByTestId('play-toggle');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveText('Pause');
  expect(await focusedTestId(page)).toBe('play-toggle');
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveText('Play');
  expect(await focusedTestId(page)).toBe('play-toggle');

  // Space on a slider (not a typing field) toggles; in a number box it types.
  await page.locator('#lab-quality-slider').focus();
  await page.keyboard.press('Space');
  await expect(toggle).toHaveText('Pause');
  await page.keyboard.press('Space');
  await expect(toggle).toHaveText('Play');
  await page.locator('#lab-quality-box').focus();
  await page.keyboard.press('Space');
  await expect(toggle).toHaveText('Play');

  // Remove baseline: the button goes, the focus moves to the pin button beside it.
  await page.getByTestId('pin').click();
  await page.getByTestId('clear-baseline').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('clear-baseline')).toHaveCount(0);
  expect(await focusedTestId(page)).toBe('pin');

  // Back to quarter 1 and step keep their focus.
  await page.getByRole('button', { name: 'Back to quarter 1' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quarter')).toHaveText('Quarter 1 of 40');
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Back to quarter 1');
  await page.getByRole('button', { name: 'Step one quarter' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quarter')).toHaveText('Quarter 2 of 40');
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Step one quarter');

  // The optimiser and the band: one button starts and (while running) cancels; it keeps the focus to the end.
  const optimise = page.getByTestId('optimise');
  await optimise.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('optimum-result')).toBeVisible({ timeout: 90_000 });
  expect(await focusedTestId(page)).toBe('optimise');
  // The optimum table fits its card.
  const fits = await page.locator('table.opt').evaluate((t) => t.scrollWidth <= (t.closest('section') as HTMLElement).clientWidth);
  expect(fits).toBe(true);
  const band = page.getByTestId('band');
  await band.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('band-status')).toContainText('Over 100 markets', { timeout: 90_000 });
  expect(await focusedTestId(page)).toBe('band');
});

test('zh-cn: the optimum table fits its card', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openLab(page, '/zh-cn/lab/?v=1&h=8');
  await page.getByTestId('optimise').click();
  await expect(page.getByTestId('optimum-result')).toBeVisible({ timeout: 90_000 });
  const fits = await page.locator('table.opt').evaluate((t) => t.scrollWidth <= (t.closest('section') as HTMLElement).clientWidth);
  expect(fits).toBe(true);
});

test('a typed but uncommitted value survives a change of market, and nothing breaks', async ({ page }) => {
  const errors = watchErrors(page);
  await openLab(page, '/en/lab/');
  // A firm-wide value typed (not committed), then another market picked without leaving the box.
  await page.locator('#lab-promise-box').fill('4.4');
  await page.locator('fieldset').nth(2).locator('summary').click();
  await page.locator('#seg-key-accounts-reactive-box').fill('12.5');
  await page.getByRole('combobox', { name: 'Market' }).selectOption('competitive');
  await settled(page);
  await expect(page.locator('#seg-key-accounts-reactive-box')).toHaveCount(0);
  await expect(page.locator('#lab-promise-box')).toHaveValue('4.4');
  await expect(page).toHaveURL(/m=competitive/);
  await expect(page).toHaveURL(/pr=4\.4/);
  // And the keyboard path: the market select moved with the arrow keys.
  await page.locator('#lab-quality-box').fill('4.1');
  await page.getByRole('combobox', { name: 'Market' }).focus();
  await page.keyboard.press('ArrowDown');
  await settled(page);
  await expect(page.locator('#lab-quality-box')).toHaveValue('4.1');
  await expect(page).toHaveURL(/q=4\.1/);
  expect(errors).toEqual([]);
});

test('the market view: text alternative announced on pause, not while playing; no tweening when motion is reduced', async ({ page }) => {
  const watchAnimation = () =>
    page.evaluate(() => {
      const el = document.querySelector('[data-testid="market-view"]')!;
      el.removeAttribute('data-animated-once');
      new MutationObserver(() => {
        if (el.getAttribute('data-animating') === 'true') el.setAttribute('data-animated-once', 'true');
      }).observe(el, { attributes: true, attributeFilter: ['data-animating'] });
    });
  await openLab(page, '/en/lab/?v=1&h=30');
  const view = page.getByTestId('market-view');
  const announce = page.getByTestId('market-announce');
  await expect(announce).toContainText('Quarter 30.');
  await expect(page.getByTestId('market-table').locator('tbody tr')).toHaveCount(3);
  await page.getByTestId('play-toggle').click();
  await expect.poll(async () => Number(await view.getAttribute('data-quarter'))).toBeGreaterThan(2);
  // While playing, the live text stays as it was at the last pause.
  expect(Number(await view.getAttribute('data-quarter'))).toBeLessThan(30);
  await expect(announce).toContainText('Quarter 30.');
  await page.getByTestId('play-toggle').click();
  const q = await view.getAttribute('data-quarter');
  await expect(announce).toContainText(`Quarter ${q}.`);
  await expect(announce).toContainText('Consumers (many, low value):');
  // A step plays the quarter in (leavers out, newcomers in) where motion is allowed… (once the last quarter played
  // has finished its tween, so the step's own start is seen as a change)
  await expect(view).toHaveAttribute('data-animating', 'false');
  await watchAnimation();
  await page.getByRole('button', { name: 'Step one quarter' }).click();
  await expect(view).toHaveAttribute('data-animated-once', 'true');

  // …and not at all where it is reduced.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openLab(page, '/en/lab/?v=1&h=30');
  await page.getByRole('button', { name: 'Back to quarter 1' }).click();
  await watchAnimation();
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step one quarter' }).click();
  await expect(view).toHaveAttribute('data-quarter', '4');
  await expect(announce).toContainText('Quarter 4.');
  expect(await view.getAttribute('data-animated-once')).toBeNull();
});

test('the market view keeps its canvas from a run to the next a step away, and names each band with its count', async ({ page }) => {
  await openLab(page, '/en/lab/?v=1&h=20');
  await settled(page);
  const canvasSize = () =>
    page.locator('[data-testid="market-canvas"] canvas').evaluate((c: HTMLCanvasElement) => `${c.width}×${c.height}`);
  const bandTexts = () => page.locator('[data-testid="market-canvas"] .band-label').allTextContents();
  const tableCounts = () =>
    page
      .getByTestId('market-table')
      .locator('tbody tr td:nth-of-type(1)')
      .evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));
  const size = await canvasSize();
  const before = await bandTexts();
  expect(before).toHaveLength(3);
  expect(before[0]).toContain('Consumers (many, low value)');
  // Each band's count is the one the table gives for that segment.
  const counts = await tableCounts();
  before.forEach((text, i) => expect(text.replace(/,/g, '')).toContain(`${counts[i]} customers`));
  await page.locator('#lab-quality-slider').focus();
  await page.keyboard.press('ArrowRight');
  await settled(page);
  await page.keyboard.press('ArrowRight');
  await settled(page);
  // A resize would clear and reallocate the canvas: two steps of quality later it is the same canvas, with new counts.
  expect(await canvasSize()).toBe(size);
  const after = await bandTexts();
  expect(after).not.toEqual(before);
  const newCounts = await tableCounts();
  after.forEach((text, i) => expect(text.replace(/,/g, '')).toContain(`${newCounts[i]} customers`));
});

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

  // Play controls, the tabs of the main panel and a chart's values with keys.
  await page.getByRole('button', { name: 'Back to quarter 1' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quarter')).toHaveText('Quarter 1 of 40');
  await page.getByRole('button', { name: 'Step one quarter' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quarter')).toHaveText('Quarter 2 of 40');
  await page.getByRole('button', { name: 'Show whole run' }).focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('tab-chart').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-story')).toBeFocused();
  await expect(page.getByTestId('tab-story')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('tab-chart')).toHaveAttribute('aria-selected', 'true');
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
  await page.getByTestId('play-toggle').click();
  await expect(page.getByTestId('quarter')).not.toHaveText('第 12 季度，共 12 个季度');
  await page.getByTestId('play-toggle').click();
  await page.getByRole('button', { name: '显示完整运行' }).click();
  await expect(page.getByTestId('quarter')).toHaveText('第 12 季度，共 12 个季度');
  const before = await figure(page, 'equity');
  const slider = page.locator('#lab-quality-slider');
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  await page.mouse.click(box!.x + box!.width * 0.9, box!.y + box!.height / 2);
  await expect.poll(() => figure(page, 'equity')).not.toBe(before);
  // A click on a mark of the market view opens that customer's story.
  const canvas = page.locator('[data-testid="market-canvas"] canvas');
  await canvas.scrollIntoViewIfNeeded();
  const c = (await canvas.boundingBox())!;
  await page.mouse.click(c.x + 10, c.y + 30);
  await expect(page.getByTestId('story-key')).toBeVisible();
  await page.getByRole('button', { name: '大字模式（投影）' }).click();
  await expect(page.getByRole('button', { name: '大字模式（投影）' })).toHaveAttribute('aria-pressed', 'true');
  await page.setViewportSize({ width: 360, height: 780 });
  // The charts follow the new width on their ResizeObserver's next frame: the page must settle without sideways scroll.
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth))
    .toBeLessThanOrEqual(0);
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
  await settled(page);
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
  await settled(page);
  await expect(page.locator('[data-figure="equity"] .delta')).toContainText('vs. baseline');
  await page.getByTestId('chart-picker').selectOption('equity');
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
  await page.getByTestId('chart-picker').selectOption('retention');
  await expect(page.locator('[data-chart-id="retention"] path.band')).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);
});

test('the optimum found on the job workers is the search run alone in Node, to the bit', async ({ page }) => {
  const errors = watchErrors(page);
  await openLab(page, `/en/lab/?${nodeRun.query}`);
  // Once the lab is idle its job workers start (untouched buttons), so the first search does not wait for them.
  await expect
    .poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => /\/jobs-[^/]+\.js$/.test(e.name))))
    .toBe(true);
  await page.getByTestId('optimise').click();
  await expect(page.getByTestId('optimum-result')).toBeVisible({ timeout: 90_000 });
  const found = optimiseSettings(fixedSettings());
  expect(Number(await page.getByTestId('optimum-equity').getAttribute('data-value'))).toBe(found.equity);
  // The page's search counts the segment runs it computed: at least those the search needed.
  expect(Number(await page.getByTestId('optimum-result').getAttribute('data-runs'))).toBeGreaterThan(0);
  await expect(page.getByTestId('optimum-result')).toContainText(`${found.evaluations} runs in`);
  expect(errors).toEqual([]);
});

for (const locale of locales) {
  test(`${locale}: the band grows as its markets finish, and both long jobs cancel with the focus kept`, async ({ page }) => {
    const zh = locale === 'zh-cn';
    await openLab(page, `/${locale}/lab/`);
    const status = page.getByTestId('band-status');
    // 500 markets: long enough to see the band grow and to cancel it before the end.
    await page.locator('#lab-band-seeds').fill('500');
    const band = page.getByTestId('band');
    await band.focus();
    await page.keyboard.press('Enter');
    await expect(status).toContainText(zh ? /已完成 500 个市场中的 \d+ 个/ : /So far \d+ of 500 markets/, { timeout: 60_000 });
    await expect(page.locator('[data-chart-id="retention"] path.band')).toHaveCount(1);
    expect(await focusedTestId(page)).toBe('band');
    await page.keyboard.press('Enter');
    await expect(status).toHaveText(zh ? '已取消。' : 'Cancelled.');
    await expect(page.locator('[data-chart-id="retention"] path.band')).toHaveCount(0);
    expect(await focusedTestId(page)).toBe('band');

    const optimise = page.getByTestId('optimise');
    await optimise.focus();
    await page.keyboard.press('Enter');
    await expect(optimise).toHaveText(zh ? /取消/ : 'Cancel search');
    await page.keyboard.press('Enter');
    await expect(page.getByText(zh ? '已取消搜索。' : 'Search cancelled.')).toBeVisible();
    await expect(page.getByTestId('optimum-result')).toHaveCount(0);
    expect(await focusedTestId(page)).toBe('optimise');
    // After a cancel the jobs start again on new workers, and finish.
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('optimum-result')).toBeVisible({ timeout: 90_000 });
    expect(await seriousViolations(page)).toEqual([]);
  });
}
