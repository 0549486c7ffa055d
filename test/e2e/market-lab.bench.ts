// Benchmark (not an assertion) of the Relationship Investment Lab in Chromium: slider input → updated charts for the
// default market (median of 30 inputs), a render-only step, optimiser and 100-seed band wall time. Wall times suffer
// on a shared, overloaded machine, so CPU time from the DevTools protocol (ThreadTime / ProcessTime) is reported too.
// Not matched by *.spec.ts on purpose; run: npx playwright test -c test/e2e/market-lab.bench.config.ts
import { test, expect, type Page } from '@playwright/test';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.floor(s.length / 2)].toFixed(1));
};

test('market lab performance', async ({ page }) => {
  test.setTimeout(600_000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const metrics = async () => {
    const { metrics: m } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const get = (n: string) => (m.find((x) => x.name === n)?.value ?? 0) * 1000;
    return { thread: get('ThreadTime'), process: get('ProcessTime') };
  };
  await page.goto('/en/lab/');
  await page.waitForSelector('astro-island:not([ssr]) [data-ready="true"]');

  // One input (or one click) and the next animation frame, timed in the page; CPU time of the main thread around it.
  async function timed(p: Page, kind: 'slider' | 'step', i: number) {
    const before = await metrics();
    const r = await p.evaluate(
      async ({ kind, i }) => {
        const equity = document.querySelector('[data-figure="equity"] dd')!;
        const was = equity.getAttribute('data-value');
        const t0 = performance.now();
        if (kind === 'slider') {
          const slider = document.querySelector<HTMLInputElement>('#lab-quality-slider')!;
          slider.value = String(i % 2 === 0 ? 3.0 + (i % 10) / 10 : 4.0 - (i % 10) / 10);
          slider.dispatchEvent(new Event('input', { bubbles: true }));
        } else {
          [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Step one quarter')!.click();
        }
        await new Promise<void>((res) => requestAnimationFrame(() => res()));
        return { ms: performance.now() - t0, changed: equity.getAttribute('data-value') !== was };
      },
      { kind, i },
    );
    const after = await metrics();
    return { ...r, cpu: after.thread - before.thread };
  }

  const slider: { ms: number; cpu: number; changed: boolean }[] = [];
  for (let i = 0; i < 32; i++) slider.push(await timed(page, 'slider', i));
  expect(slider.filter((s) => s.changed).length).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Back to quarter 1' }).click();
  const step: { ms: number; cpu: number }[] = [];
  for (let i = 0; i < 32; i++) step.push(await timed(page, 'step', i));
  await page.getByRole('button', { name: 'Show whole run' }).click();

  let before = await metrics();
  let t0 = Date.now();
  await page.getByTestId('optimise').click();
  await expect(page.getByTestId('optimum-result')).toBeVisible({ timeout: 300_000 });
  const optimiserMs = Date.now() - t0;
  const optimiserCpu = (await metrics()).process - before.process;
  const evaluations = await page.locator('[data-testid="optimum-result"] .help').last().textContent();

  before = await metrics();
  t0 = Date.now();
  await page.getByTestId('band').click();
  await expect(page.getByTestId('band-status')).toContainText('Over 100 markets', { timeout: 300_000 });
  const bandMs = Date.now() - t0;
  const bandCpu = (await metrics()).process - before.process;
  const workers = await page.evaluate(() => Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1)));

  console.log(
    JSON.stringify(
      {
        sliderToChartsMs: {
          wallMedian: median(slider.slice(2).map((s) => s.ms)),
          mainThreadCpuMedian: median(slider.slice(2).map((s) => s.cpu)),
          n: 30,
        },
        stepRenderOnlyMs: {
          wallMedian: median(step.slice(2).map((s) => s.ms)),
          mainThreadCpuMedian: median(step.slice(2).map((s) => s.cpu)),
          n: 30,
        },
        optimiser: { wallMs: optimiserMs, rendererCpuMs: Math.round(optimiserCpu), text: evaluations },
        band100: { wallMs: bandMs, rendererCpuMs: Math.round(bandCpu), workers },
        loadNote: 'wall times include waiting for a CPU on a shared machine; CPU times do not',
      },
      null,
      1,
    ),
  );
});
