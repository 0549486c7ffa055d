// The Model page in both locales: equations typeset by KaTeX at build time, and parameter tables whose
// values equal the engine's own preset data. (Its axe scan, as loaded, is site.spec.ts's scan of every page.)
import { test, expect } from '@playwright/test';
import { getPreset, MODEL_VERSION } from '../../simulations/index.ts';

const market = getPreset('default');

for (const [locale, lang] of [
  ['en', 'en'],
  ['zh-cn', 'zh-CN'],
] as const) {
  test(`model page (${locale}) renders equations and the engine's parameter values`, async ({ page }) => {
    await page.goto(`/${locale}/model/`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator('h1')).toHaveCount(1);
    // Display equations are typeset at build time: KaTeX markup is in the HTML, no client script.
    expect(await page.locator('.katex-display .katex').count()).toBeGreaterThan(8);
    await expect(page.locator('article[data-model-version]')).toHaveAttribute('data-model-version', MODEL_VERSION);

    // A value shown in the table equals the engine's own value, number and formatted text.
    const consumers = market.segments.find((s) => s.id === 'consumers')!;
    const cell = page.locator('td[data-param="consumers.revenuePerQuarter"]');
    await expect(cell).toHaveAttribute('data-value', String(consumers.revenuePerQuarter));
    await expect(cell).toHaveText(new Intl.NumberFormat(lang, { maximumFractionDigits: 4 }).format(consumers.revenuePerQuarter));

    // Every value of every table equals the preset data (no hand-copied numbers).
    const cells = await page
      .locator('td[data-param]')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-param')!, Number(e.getAttribute('data-value'))] as const));
    expect(cells.length).toBeGreaterThan(100);
    for (const [param, value] of cells) {
      const [head, ...rest] = param.split('.');
      let source: unknown =
        head === 'firm' ? market.firm : head === 'mechanisms' ? market.mechanisms : market.segments.find((s) => s.id === head);
      for (const k of rest) source = (source as Record<string, unknown>)[k];
      expect(value, param).toBe(source);
    }
  });
}
