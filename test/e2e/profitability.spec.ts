// The customer-profitability interactive in its lesson, on the built site, in both locales: it runs the lab's market
// in a worker, its tables add up (visible numbers and raw values), a cheaper level moves customer equity in the
// direction its sentence says, focus stays on the button, another market shows a whale, and axe finds nothing serious.
import { test, expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { seriousViolations } from './axe';

const strings = {
  en: JSON.parse(readFileSync('src/i18n/strings/en.json', 'utf8')) as Record<string, string>,
  'zh-cn': JSON.parse(readFileSync('src/i18n/strings/zh-cn.json', 'utf8')) as Record<string, string>,
};
type Locale = keyof typeof strings;

// Two runs of 10,000 customers × 40 quarters with per-customer values; the shared two-core machine is often slow.
test.describe.configure({ timeout: 180_000 });

/** A template as a regular expression: its text exactly, each {placeholder} any text. */
function templateRegex(template: string): RegExp {
  const parts = template.split(/\{\w+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`);
}

/** A number as the island shows it (grouped, maybe with a minus sign), read back. */
const readNumber = (text: string) => Number(text.replace(/[,\s]/g, '').replace(/[−-]/, '-'));

async function openLab(page: Page, locale: Locale): Promise<Locator> {
  await page.goto(`/${locale}/learn/customer-profitability/`);
  const lab = page.locator('[data-profitability]');
  await lab.scrollIntoViewIfNeeded();
  await expect(lab.locator('[data-tiers]')).toBeVisible({ timeout: 120_000 });
  return lab;
}

async function checkTables(lab: Locator) {
  const rows = await lab.locator('[data-tiers] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      tier: tr.getAttribute('data-tier'),
      count: Number(tr.getAttribute('data-count')),
      value: Number(tr.getAttribute('data-value')),
      share: Number(tr.querySelector('[data-share]')?.getAttribute('data-share')),
      shown: tr.querySelector('td')?.textContent ?? '',
    })),
  );
  expect(rows.map((r) => r.tier)).toEqual(['platinum', 'gold', 'iron', 'lead']);
  const foot = lab.locator('[data-tiers] tfoot tr');
  const count = Number(await foot.getAttribute('data-count'));
  const value = Number(await foot.getAttribute('data-value'));
  expect(rows.reduce((s, r) => s + r.count, 0)).toBe(count);
  expect(Math.abs(rows.reduce((s, r) => s + r.value, 0) - value)).toBeLessThan(1e-6 * Math.abs(value));
  expect(Math.abs(rows.reduce((s, r) => s + r.share, 0) - 1)).toBeLessThan(1e-9);
  // What the reader sees adds up too: the customers of the four tiers make the total.
  const shownTotal = readNumber((await foot.locator('td').first().textContent()) ?? '');
  expect(rows.reduce((s, r) => s + readNumber(r.shown), 0)).toBe(shownTotal);
  expect(shownTotal).toBe(count);
  expect(Number(await lab.locator('[data-customers]').getAttribute('data-customers'))).toBe(count);
  // Each tier's customers by segment add up to the tier.
  const segments = lab.locator('[data-segments]');
  if ((await segments.count()) > 0) {
    const cells = await segments
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    rows.forEach((r, k) => expect(cells.reduce((s, row) => s + readNumber(row[k]!), 0)).toBe(r.count));
  }
}

for (const locale of ['en', 'zh-cn'] as const) {
  test(`${locale}: the lesson's interactive ranks the lab's customers and serves a segment at a cheaper level`, async ({ page }) => {
    const t = strings[locale];
    const lab = await openLab(page, locale);
    await expect(lab.getByText(t['profit.title']!)).toBeVisible();
    await checkTables(lab);
    await expect(lab.locator('[data-lead-note]')).toHaveText(templateRegex(t['profit.leadNote']!));
    const before = Number(await lab.locator('[data-equity]').getAttribute('data-equity'));
    expect(Number(await lab.locator('[data-whale]').getAttribute('data-peak'))).toBeGreaterThan(1);

    // The segment with the most lead customers is offered first, one level down.
    const button = lab.locator('[data-run-cheaper]');
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(lab.locator('[data-comparison]')).toBeVisible({ timeout: 120_000 });
    await expect(button).toBeFocused();
    const equityRow = lab.locator('[data-comparison] tr[data-row="equity"]');
    expect(Number(await equityRow.getAttribute('data-before'))).toBe(before);
    const after = Number(await equityRow.getAttribute('data-after'));
    const sentence = lab.locator('[data-sentence]');
    const shown = await sentence.getAttribute('data-direction');
    expect(shown).toBe(after > before ? 'up' : after < before ? 'down' : 'unchanged');
    const text = ((await sentence.textContent()) ?? '').trim();
    expect(text).toMatch(templateRegex(t[`profit.cheaper.${shown}`]!));
    // The whale curve now shows the default levels dashed behind the cheaper level.
    await expect(lab.locator('[data-whale] path.baseline')).toHaveCount(1);
    await expect(lab.locator('[data-whale] path.series')).toHaveCount(1);

    expect(await seriousViolations(page, { include: '[data-profitability]' })).toEqual([]);
  });
}

test('another market of the lab: the highly competitive one has a pronounced whale, and its tables add up', async ({ page }) => {
  const lab = await openLab(page, 'en');
  const defaultPeak = Number(await lab.locator('[data-whale]').getAttribute('data-peak'));
  // A cheaper-level run still going when the market changes must not show up beside the new market's tiers.
  await lab.locator('[data-run-cheaper]').click();
  await lab.locator('[data-market]').focus();
  await lab.locator('[data-market]').selectOption('competitive');
  await expect(lab.locator('[data-segments]')).toHaveCount(0, { timeout: 120_000 });
  await expect(lab.locator('[data-tiers]')).toBeVisible({ timeout: 120_000 });
  await checkTables(lab);
  const peak = Number(await lab.locator('[data-whale]').getAttribute('data-peak'));
  expect(peak).toBeGreaterThan(1.2);
  expect(peak).toBeGreaterThan(defaultPeak);
  await expect(lab.locator('[data-market]')).toBeFocused();
  await expect(lab.locator('[data-comparison]')).toHaveCount(0);
  await expect(lab.locator('[data-whale] path.baseline')).toHaveCount(0);
});

test('on a 360 px phone the interactive fits the screen: wide tables scroll inside it, nothing sticks out', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  for (const locale of ['zh-cn', 'en'] as const) {
    const lab = await openLab(page, locale);
    await lab.locator('[data-run-cheaper]').click();
    await expect(lab.locator('[data-comparison]')).toBeVisible({ timeout: 120_000 });
    const outside = await lab.evaluate((root) => {
      const width = document.documentElement.clientWidth;
      // Descendants of a scrolling wrapper may be wider than the screen; the wrapper itself may not.
      const inScroller = (el: Element) => el.parentElement?.closest('.table-scroll, .sr-only') !== null;
      return [root, ...root.querySelectorAll('*')]
        .filter((el) => !inScroller(el) && el.getBoundingClientRect().right > width + 0.5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`);
    });
    expect(outside, locale).toEqual([]);
  }
  await context.close();
});
