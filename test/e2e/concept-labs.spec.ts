// End-to-end checks of the five small labs in both locales (render, keyboard, URL state, bad-query notice, axe; each
// control beside the chart it changes, the phone's results strip, no cut label or broken word; the "try this"
// challenges, failed and solved). Runs against the built site. (<Predict> is tested in predict.spec.ts.)
import { test, expect, type Locator, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { defaults } from '@/kit/urlState';
import { bestPromiseAt, BEST_PROMISE_QUALITY } from '@/features/concept-labs/challenges/expectations';
import { CLV_SCHEMA } from '@/features/concept-labs/clv';
import { doubleClv } from '@/features/concept-labs/challenges/clv';
import { PAYS_CELL, partnershipCostThatPays } from '@/features/concept-labs/challenges/levelMatrix';
import { UNIT_COSTS } from '@/features/concept-labs/levelMatrix';
import { singleActionReach } from '@/features/concept-labs/challenges/lifeCycle';
import { CHALLENGES_KEY, unreadableKey } from '@/features/concept-labs/challenges/progress';

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
    test(`${lab.id} (${locale}): URL state, keyboard, bad-query notice`, async ({ page }) => {
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
      // As loaded, the lab is scanned by axe in site.spec.ts (every page); here the states reached by acting are.

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

const LOCALES = ['en', 'zh-cn'] as const;
const LAB_IDS = LABS.map((l) => l.id);

async function open(page: Page, path: string, size: { width: number; height: number }) {
  await page.setViewportSize(size);
  await page.goto(path);
  await hydrated(page);
  if (path.includes('level-matrix')) await expect(page.locator('td[data-level]')).toHaveCount(9, { timeout: 15_000 });
}
const slider = (page: Page, id: string) => page.locator(`input[type="range"][id$="-${id}-slider"]`);
const numberBox = (page: Page, id: string) => page.locator(`input[type="number"][id$="-${id}-box"]`);

/** Types a value in a control's number box and commits it as a learner does (Enter). */
async function type(page: Page, id: string, value: string) {
  const box = numberBox(page, id);
  await box.fill(value);
  await box.press('Enter');
}

/** True when the element is wholly inside the window. */
async function onScreen(locator: Locator, page: Page) {
  const b = (await locator.boundingBox())!;
  const v = page.viewportSize()!;
  return b.y >= 0 && b.x >= 0 && b.y + b.height <= v.height && b.x + b.width <= v.width;
}

for (const locale of LOCALES) {
  test(`perceived value (${locale}) at 1280×800: each control and the chart it changes are on screen together`, async ({ page }) => {
    await open(page, `/${locale}/lab/perceived-value/`, { width: 1280, height: 800 });
    const [valueChart, shareChart] = [page.locator('figure.chart').nth(0), page.locator('figure.chart').nth(1)];
    // A rating at the top, a cost, the last perception weight (a screen below the chart before), λ at the bottom.
    const cases = [
      { control: 'firm-product', chart: valueChart },
      { control: 'firm-psychic', chart: valueChart },
      { control: 'w-psychic', chart: valueChart },
      { control: 'scale', chart: shareChart },
    ];
    for (const { control, chart } of cases) {
      const input = slider(page, control);
      await input.focus();
      const before = await chart.textContent();
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => chart.textContent()).not.toBe(before);
      expect(await onScreen(input, page), `${control} on screen`).toBe(true);
      expect(await onScreen(chart.locator('.plot'), page), `its chart on screen with ${control}`).toBe(true);
      const [c, p] = [(await input.boundingBox())!, (await chart.locator('.plot').boundingBox())!];
      expect(c.x + c.width, 'the controls stand beside the chart').toBeLessThan(p.x);
      await expect(input).toBeFocused();
    }
  });

  test(`CLV (${locale}) at 1280×800: margin, retention cost and years are on screen with the figure they change`, async ({ page }) => {
    await open(page, `/${locale}/lab/clv/?v=1&horizon=years`, { width: 1280, height: 800 });
    const figure = page.locator('[data-figure="end"] dd');
    // The first control, then the two the Berger & Nasr model added at the foot of the column.
    for (const control of ['margin', 'cost', 'years']) {
      const input = slider(page, control);
      await input.focus();
      const before = await figure.textContent();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => figure.textContent()).not.toBe(before);
      expect(await onScreen(input, page), `${control} on screen`).toBe(true);
      expect(await onScreen(figure, page), `the CLV figure on screen with ${control}`).toBe(true);
      const [c, d] = [(await input.boundingBox())!, (await figure.boundingBox())!];
      expect(c.x + c.width, 'the controls stand beside the figures').toBeLessThan(d.x);
      await expect(input).toBeFocused();
    }
  });

  test(`every lab (${locale}) at 1280×800: each slider, focused, is on screen with the top of the results it drives`, async ({ page }) => {
    for (const lab of LAB_IDS) {
      await open(page, `/${locale}/lab/${lab}/`, { width: 1280, height: 800 });
      const ids = await page.locator('.lab-controls input[type="range"]:not(:disabled)').evaluateAll((els) => els.map((e) => e.id));
      expect(ids.length, lab).toBeGreaterThan(1);
      for (const id of ids) {
        await page.locator(`[id="${id}"]`).focus();
        const seen = await page.evaluate((id) => {
          const control = document.getElementById(id)!.getBoundingClientRect();
          const results = document.getElementById(id)!.closest('.lab-panel')!.querySelector('.lab-results')!.firstElementChild!;
          const top = results.getBoundingClientRect().top;
          // Half a pixel of slack: the browser stops a focus scroll at a rounded position.
          return { control: control.top >= -0.5 && control.bottom <= innerHeight + 0.5, results: top >= 0 && top < innerHeight / 2 };
        }, id);
        expect(seen, `${lab}: ${id}`).toEqual({ control: true, results: true });
      }
    }
  });

  test(`the phone's results strip (${locale}, 360×740) stays in view and follows a control far down the column`, async ({ page }) => {
    const deep: Record<string, string> = {
      'perceived-value': 'w-psychic',
      expectations: 'quality',
      clv: 'retSpend',
      'level-matrix': 'partnership',
      'life-cycle': 'acquisition',
    };
    for (const lab of LAB_IDS) {
      await open(page, `/${locale}/lab/${lab}/`, { width: 360, height: 740 });
      const strip = page.locator('[data-strip]');
      const input = slider(page, deep[lab]);
      await input.focus();
      const before = await strip.textContent();
      await page.keyboard.press('ArrowRight');
      await expect(input).toBeFocused();
      expect(await onScreen(strip, page), `${lab}: strip on screen`).toBe(true);
      expect(await onScreen(input, page), `${lab}: control on screen`).toBe(true);
      const [s, c] = [(await strip.boundingBox())!, (await input.boundingBox())!];
      expect(s.y + s.height, `${lab}: the strip does not cover the control`).toBeLessThanOrEqual(c.y);
      // The level matrix recomputes its nine cells; the other labs' figures change at once.
      if (lab !== 'level-matrix') await expect.poll(() => strip.textContent()).not.toBe(before);
    }
  });

  for (const size of [
    { width: 1280, height: 800 },
    { width: 360, height: 740 },
  ]) {
    test(`no cut label and no word broken mid-word (${locale}, ${size.width}×${size.height})`, async ({ page }) => {
      for (const lab of LAB_IDS) {
        await open(page, `/${locale}/lab/${lab}/`, size);
        const problems = await page.evaluate(() => {
          const out: string[] = [];
          // Every text of every chart lies inside its svg and inside the results column that clips it.
          for (const svg of document.querySelectorAll<SVGSVGElement>('.lab svg.chart-svg')) {
            const box = svg.getBoundingClientRect();
            const clip = svg.closest('.lab-results')!.getBoundingClientRect();
            const left = Math.max(box.left, clip.left - 8);
            const right = Math.min(box.right, clip.right + 8);
            for (const text of svg.querySelectorAll('text')) {
              const b = text.getBoundingClientRect();
              if (b.width === 0) continue;
              if (b.left < left - 0.5 || b.right > right + 0.5 || b.top < box.top - 0.5 || b.bottom > box.bottom + 0.5) {
                out.push(`chart text "${text.textContent}" is cut`);
              }
            }
          }
          const visible = [...document.querySelectorAll<HTMLElement>('.lab th, .lab td, .lab dt, .lab dd, .lab legend, .lab label')].filter(
            (el) => !el.closest('.sr-only') && el.getClientRects().length > 0,
          );
          for (const el of visible) {
            if (el.scrollWidth > el.clientWidth + 1)
              out.push(`${el.tagName} "${el.textContent!.trim().slice(0, 40)}" is wider than its box`);
            // A word (letters, or a number with its signs) whose characters sit on more than one line is broken. In a
            // figure's value a Chinese unit (货币单位) is one word too; elsewhere Chinese lines may break between characters.
            const words =
              el.tagName === 'DD' ? /[A-Za-z][A-Za-z'’]*[A-Za-z]|\d[\d.,%]*|[\u4e00-\u9fff]+/g : /[A-Za-z][A-Za-z'’]*[A-Za-z]|\d[\d.,%]*/g;
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              for (const m of node.textContent!.matchAll(words)) {
                const range = document.createRange();
                range.setStart(node, m.index!);
                range.setEnd(node, m.index! + m[0].length);
                const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
                if (lines.size > 1) out.push(`"${m[0]}" is broken across lines in ${el.tagName}`);
              }
            }
          }
          return [...new Set(out)];
        });
        expect(problems, lab).toEqual([]);
      }
    });
  }
}

/** A challenge of the page by id, with its buttons and what it says. */
function challenge(page: Page, id: string) {
  const root = page.locator(`[data-challenge="${id}"]`);
  return {
    root,
    setup: root.locator('[data-action="setup"]'),
    check: root.locator('[data-action="check"]'),
    reveal: root.locator('[data-action="reveal"]'),
    verdict: root.locator('.verdict'),
    hint: root.locator('.hint'),
    answer: root.locator('.answer'),
  };
}

/** Presses Check and waits for the verdict of this press (heavy checks say "Checking…" first). */
async function check(c: ReturnType<typeof challenge>, expected: 'right' | 'wrong' | 'setup') {
  await c.check.click();
  await expect(c.verdict).toHaveAttribute('data-verdict', expected, { timeout: 20_000 });
  await expect(c.check).toBeFocused();
}

for (const locale of LOCALES) {
  test(`perceived value (${locale}): a challenge missed twice shows hint then answer, solved, kept after a reload`, async ({ page }) => {
    await open(page, `/${locale}/lab/perceived-value/`, { width: 1280, height: 800 });
    const c = challenge(page, 'rival-wins');
    await expect(c.hint).toHaveCount(0);
    await check(c, 'wrong');
    await expect(c.hint).toBeVisible();
    await expect(c.answer).toHaveCount(0);
    await check(c, 'wrong');
    await expect(c.answer).toBeVisible();
    await expect(c.reveal).toHaveCount(0);
    // Rival B's image from 5 to 8: perception, not price.
    await page.locator(`input[type="radio"][value="rivalB"]`).check();
    await type(page, 'rivalB-image', '8');
    await check(c, 'right');
    await expect(c.root).toHaveAttribute('data-solved', 'yes');
    expect(await seriousViolations(page, { include: '.lab' })).toEqual([]);
    await page.reload();
    await hydrated(page);
    await expect(challenge(page, 'rival-wins').root).toHaveAttribute('data-solved', 'yes');
    await expect(challenge(page, 'win-ninety').root).toHaveAttribute('data-solved', 'no');
    // The answer on request: focus moves to it, since the button that showed it is gone.
    const other = challenge(page, 'win-ninety');
    await other.reveal.click();
    await expect(other.answer).toBeFocused();
  });

  test(`expectations (${locale}): the best promise is missed at the example and found at the model's optimum`, async ({ page }) => {
    await open(page, `/${locale}/lab/expectations/`, { width: 1280, height: 800 });
    const c = challenge(page, 'best-promise');
    await type(page, 'quality', '3');
    await check(c, 'setup');
    await expect(c.hint).toHaveCount(0);
    await c.setup.click();
    await expect(slider(page, 'quality')).toHaveValue(String(BEST_PROMISE_QUALITY));
    await expect(c.setup).toBeFocused();
    await type(page, 'promise', '5');
    await check(c, 'wrong');
    await type(page, 'promise', String(bestPromiseAt(BEST_PROMISE_QUALITY).promise));
    await check(c, 'right');
    await expect(c.root).toHaveAttribute('data-solved', 'yes');
    expect(await seriousViolations(page, { include: '.lab' })).toEqual([]);
  });

  test(`CLV (${locale}): doubling CLV is missed at 80 % retention and solved at the retention the lab computes`, async ({ page }) => {
    await open(page, `/${locale}/lab/clv/`, { width: 1280, height: 800 });
    const c = challenge(page, 'double-clv');
    await check(c, 'wrong');
    await expect(c.hint).toBeVisible();
    const answer = doubleClv.answer(defaults(CLV_SCHEMA)).facts.retention;
    if (answer.kind !== 'percent') throw new Error('the answer is a share');
    await type(page, 'retention', String(Math.round(answer.value * 100)));
    await check(c, 'right');
    await expect(c.root).toHaveAttribute('data-solved', 'yes');
    expect(await seriousViolations(page, { include: '.lab' })).toEqual([]);
  });

  test(`level matrix (${locale}): partnership does not pay for few/medium at standard costs, and does at the cost the lab finds`, async ({
    page,
  }) => {
    await open(page, `/${locale}/lab/level-matrix/`, { width: 1280, height: 800 });
    const c = challenge(page, 'partnership-pays');
    await check(c, 'wrong');
    const cost = partnershipCostThatPays(PAYS_CELL, UNIT_COSTS)!;
    await type(page, 'partnership', String(cost));
    await expect(page.locator('td[data-cell="few-medium"]')).toHaveAttribute('data-level', 'partnership', { timeout: 15_000 });
    await check(c, 'right');
    await expect(c.root).toHaveAttribute('data-solved', 'yes');
    expect(await seriousViolations(page, { include: '.lab' })).toEqual([]);
  });

  test(`life cycle (${locale}): the break-even challenge asks for its set-up, misses with no action, solves with win-back`, async ({
    page,
  }) => {
    await open(page, `/${locale}/lab/life-cycle/`, { width: 1280, height: 800 });
    const c = challenge(page, 'break-even-sooner');
    await check(c, 'setup');
    await c.setup.click();
    await expect(slider(page, 'acquisition')).toHaveValue('200');
    await check(c, 'wrong');
    await type(page, 'winBack', String(singleActionReach().winBack.spend));
    await check(c, 'right');
    await expect(c.root).toHaveAttribute('data-solved', 'yes');
    expect(await seriousViolations(page, { include: '.lab' })).toEqual([]);
  });
}

test('an unreadable challenge progress is set aside, said, and progress starts afresh and saves', async ({ page }) => {
  await open(page, '/en/lab/clv/', { width: 1280, height: 800 });
  await page.evaluate((key) => localStorage.setItem(key, '{"version":1,"records":"broken"}'), CHALLENGES_KEY);
  await page.reload();
  await hydrated(page);
  await expect(page.locator('[data-challenge-status="set-aside"]').first()).toBeVisible();
  expect(await page.evaluate((key) => localStorage.getItem(key), unreadableKey(0))).toBe('{"version":1,"records":"broken"}');
  const c = challenge(page, 'double-clv');
  await check(c, 'wrong');
  const saved = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!), CHALLENGES_KEY);
  expect(saved.records['clv/double-clv']).toMatchObject({ wrong: 1, revealed: false, solvedAt: null });
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
