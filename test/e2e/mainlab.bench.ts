// Benchmark (not an assertion) of the Relationship Investment Lab in Chromium: slider input → updated charts for the
// default market (median of 30 inputs), optimiser and 100-seed band wall time. Not matched by *.spec.ts on purpose;
// run: npx playwright test -c test/e2e/mainlab.bench.config.ts
import { test, expect } from '@playwright/test';

test('mainlab performance', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/en/lab/');
  await page.waitForSelector('astro-island:not([ssr]) [data-ready="true"]');

  // Slider input → the equity figure and charts re-rendered, timed up to the next animation frame.
  const times = await page.evaluate(async () => {
    const slider = document.querySelector<HTMLInputElement>('#lab-quality-slider')!;
    const equity = document.querySelector('[data-figure="equity"] dd')!;
    const out: { ms: number; changed: boolean }[] = [];
    for (let i = 0; i < 32; i++) {
      const before = equity.getAttribute('data-value');
      const t0 = performance.now();
      slider.value = String(i % 2 === 0 ? 3.0 + (i % 10) / 10 : 4.0 - (i % 10) / 10);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise<void>((r) => requestAnimationFrame(() => r()));
      out.push({ ms: performance.now() - t0, changed: equity.getAttribute('data-value') !== before });
    }
    return out.slice(2);
  });
  const sorted = times.map((t) => t.ms).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  expect(times.filter((t) => t.changed).length).toBeGreaterThan(20);

  // The same charts re-rendered without a new simulation (one more quarter revealed): the view's share of the time.
  await page.getByRole('button', { name: 'Back to quarter 1' }).click();
  const renderOnly = await page.evaluate(async () => {
    const step = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Step one quarter')!;
    const out: number[] = [];
    for (let i = 0; i < 32; i++) {
      const t0 = performance.now();
      step.click();
      await new Promise<void>((r) => requestAnimationFrame(() => r()));
      out.push(performance.now() - t0);
    }
    return out.slice(2).sort((a, b) => a - b);
  });
  await page.getByRole('button', { name: 'Show whole run' }).click();

  let t0 = Date.now();
  await page.getByTestId('optimise').click();
  await expect(page.getByTestId('optimum-result')).toBeVisible({ timeout: 120_000 });
  const optimiserMs = Date.now() - t0;
  const evaluations = await page.locator('[data-testid="optimum-result"] .help').last().textContent();

  t0 = Date.now();
  await page.getByTestId('band').click();
  await expect(page.getByTestId('band-status')).toContainText('Over 100 markets', { timeout: 120_000 });
  const bandMs = Date.now() - t0;

  console.log(
    JSON.stringify(
      {
        sliderToChartsMs: { median: Number(median.toFixed(1)), p10: Number(sorted[Math.floor(sorted.length * 0.1)].toFixed(1)), p90: Number(sorted[Math.floor(sorted.length * 0.9)].toFixed(1)), n: sorted.length },
        stepRenderOnlyMs: { median: Number(renderOnly[Math.floor(renderOnly.length / 2)].toFixed(1)), n: renderOnly.length },
        optimiserWallMs: optimiserMs,
        optimiser: evaluations,
        band100WallMs: bandMs
      },
      null,
      1
    )
  );
});
