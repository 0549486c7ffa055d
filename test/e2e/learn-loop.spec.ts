// The learning loop on the built site, in both locales: a wrong check and a retry do not give a free 100 %; the
// language switch keeps the section and the quiz; "continue" opens the last lesson at its place; an oversized import
// is refused and saving still works; with storage full, export works in place; a tap on a term stays in the lesson;
// screenshots of the side navigation (1280×800) and the folded menu (360×740).
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { seriousViolations } from './axe';
import { answerRight } from './quiz';
import type { QuizData } from '../../src/features/learn/quiz';

const STORAGE_KEY = 'crm-lab:learn:progress';
const LESSON = 'what-is-crm';
const quiz = parse(readFileSync(`content/quizzes/${LESSON}.yaml`, 'utf8')) as QuizData;
const strings = {
  en: JSON.parse(readFileSync('src/i18n/strings/en.json', 'utf8')) as Record<string, string>,
  'zh-cn': JSON.parse(readFileSync('src/i18n/strings/zh-cn.json', 'utf8')) as Record<string, string>,
};
type Locale = keyof typeof strings;
const other = (l: Locale): Locale => (l === 'en' ? 'zh-cn' : 'en');

test.describe.configure({ timeout: 180_000 });

async function hydrated(page: Page, inner: string) {
  await page.locator(inner).first().scrollIntoViewIfNeeded();
  await expect(page.locator(`astro-island:has(${inner})`).first()).not.toHaveAttribute('ssr', { timeout: 20_000 });
}

const stored = (page: Page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}'), STORAGE_KEY);

const single = quiz.questions.find((q) => q.type === 'single')!;
if (single.type !== 'single') throw new Error('the quiz needs a single-choice question');
const wrongOption = single.options.find((o) => o.id !== single.answer)!.id;

for (const locale of ['en', 'zh-cn'] as const) {
  const s = strings[locale];

  test(`${locale}: a wrong check gives a hint, not the key, and a retry does not give a free 100 %`, async ({ page }) => {
    // The flashcard scheduler's code is slow to arrive: the score is saved without waiting for it (a learner may leave).
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/_astro\/flashcards\.[A-Za-z0-9_-]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`/${locale}/learn/${LESSON}/`);
    await hydrated(page, '[data-quiz]');
    const box = page.locator(`[data-question="${single.id}"]`);
    await box.locator(`input[value="${wrongOption}"]`).check();
    await box.getByRole('button', { name: s['learn.quiz.check']! }).click();
    await expect(box.locator('[data-feedback]')).toContainText(s['learn.quiz.verdictWrongTryAgain']!);
    await expect(box.locator('[data-hint]')).toBeVisible();
    await expect(box.locator('[data-hint] a')).toHaveAttribute('href', /^#s-\d/);
    await expect(box.locator('[data-answer]')).toHaveCount(0);
    await expect(box.locator('.why')).toHaveCount(0);

    // A new attempt: nothing was given away, so the question must still be found; right at the second try earns half.
    await page.getByRole('button', { name: s['learn.quiz.retry']! }).click();
    await expect(box.locator('[data-feedback]')).toHaveCount(0);
    await box.locator(`input[value="${wrongOption}"]`).check();
    await box.getByRole('button', { name: s['learn.quiz.check']! }).click();
    await expect(box.locator('[data-hint]')).toBeVisible();
    await answerRight(page, single, s['learn.quiz.check']!);
    await expect(box.locator('[data-feedback]')).toContainText(s['learn.quiz.verdictCorrect']!);
    for (const q of quiz.questions) if (q.id !== single.id) await answerRight(page, q, s['learn.quiz.check']!);
    const n = quiz.questions.length;
    const expected = (n - 0.5) / n;
    const percent = new Intl.NumberFormat(locale === 'en' ? 'en' : 'zh-CN', { style: 'percent', maximumFractionDigits: 0 }).format(
      expected,
    );
    await expect(page.locator('[data-score]')).toContainText(percent);
    await expect.poll(async () => (await stored(page)).quizzes?.[LESSON]?.best).toBeCloseTo(expected, 6);
    release();
    expect(await seriousViolations(page, { include: '[data-quiz]' })).toEqual([]);
  });

  test(`${locale}: a "Check" pressed before the quiz has hydrated says it is loading and is replayed`, async ({ page }) => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // The quiz island's own chunk (Quiz.<hash>.js), not the page's small script that records early presses.
    await page.route(/\/_astro\/Quiz\.[A-Za-z0-9_-]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`/${locale}/learn/${LESSON}/`);
    const box = page.locator(`[data-question="${single.id}"]`);
    await box.scrollIntoViewIfNeeded();
    await expect(page.locator('astro-island:has([data-quiz])')).toHaveAttribute('ssr', '');
    await box.locator(`input[value="${single.answer}"]`).check();
    const check = box.getByRole('button', { name: s['learn.quiz.check']! });
    await check.click();
    await expect(box.locator('[id$="-early"]')).toBeVisible();
    await expect(check).toHaveAttribute('aria-busy', 'true');
    release();
    await expect(box.locator('[data-feedback]')).toContainText(s['learn.quiz.verdictCorrect']!, { timeout: 20_000 });
    await expect(box.locator('[id$="-early"]')).toBeHidden();
  });

  test(`${locale}: the language switch keeps the section being read and the quiz in progress; so does a reload`, async ({ page }) => {
    await page.goto(`/${locale}/learn/${LESSON}/`);
    await hydrated(page, '[data-quiz]');
    const box = page.locator(`[data-question="${single.id}"]`);
    await box.locator(`input[value="${wrongOption}"]`).check();
    await box.getByRole('button', { name: s['learn.quiz.check']! }).click();
    await expect(box.locator('[data-hint]')).toBeVisible();

    // Stay a moment in section 4, then reach for the switch in the header (which scrolls back to the top).
    await page.locator('#s-4').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(1500);
    await page.locator('a[data-lang-switch]').click();
    await expect(page).toHaveURL(new RegExp(`/${other(locale)}/learn/${LESSON}/#s-4$`));
    await expect(page.locator('#s-4')).toBeInViewport();

    const after = page.locator(`[data-question="${single.id}"]`);
    await hydrated(page, '[data-quiz]');
    await expect(after.locator(`input[value="${wrongOption}"]`)).toBeChecked();
    await expect(after.locator('[data-hint]')).toBeVisible();
    await page.reload();
    await hydrated(page, '[data-quiz]');
    await expect(after.locator(`input[value="${wrongOption}"]`)).toBeChecked();
    await expect(after.locator('[data-hint]')).toBeVisible();
    // The try was kept: this is the second, so a wrong answer now brings the key.
    const another = single.options.find((o) => o.id !== single.answer && o.id !== wrongOption)!.id;
    await after.locator(`input[value="${another}"]`).check();
    await after.getByRole('button', { name: strings[other(locale)]['learn.quiz.check']! }).click();
    await expect(after.locator('[data-answer]')).toBeVisible();
  });

  test(`${locale}: "continue where you left off" opens the last lesson at its place, from the course and the home page`, async ({
    page,
  }) => {
    await page.goto(`/${locale}/learn/satisfaction-and-expectations/`);
    await expect(page.locator('astro-island:has(.on-this-page)').last()).not.toHaveAttribute('ssr', { timeout: 20_000 });
    await page.locator('#s-3').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await expect.poll(async () => (await stored(page)).place?.section, { timeout: 10_000 }).toBe('s-3');

    for (const start of [`/${locale}/learn/`, `/${locale}/`]) {
      await page.goto(start);
      const link = page.locator('[data-continue-link]');
      await expect(link).toHaveAttribute('href', /\/satisfaction-and-expectations\/#s-3$/);
      await expect(page.locator('[data-continue]')).toContainText(await page.locator('[data-continue] h2').innerText());
    }
    await page.locator('[data-continue-link]').click();
    await expect(page).toHaveURL(/\/satisfaction-and-expectations\/#s-3$/);
    await expect(page.locator('#s-3')).toBeInViewport();
    expect(await seriousViolations(page, { include: '.lesson-layout' })).toEqual([]);
  });
}

test('an oversized import is refused and saving still works; unknown entries are named; "Imported" only when something changed', async ({
  page,
}) => {
  const s = strings.en;
  await page.goto('/en/learn/progress/');
  await hydrated(page, '.progress-panel');
  const input = page.getByLabel(s['learn.progressPage.importLabel']!);
  const message = page.locator('[data-import-message]');

  // 200,000 lessons that do not exist: far over the cap, refused before it is read.
  const huge = { version: 1, lessonsRead: {} as Record<string, string>, quizzes: {}, missed: {}, cards: {} };
  for (let i = 0; i < 200_000; i++) huge.lessonsRead[`lesson-${i}`] = '2026-01-01T00:00:00.000Z';
  const file = (progress: unknown) =>
    Buffer.from(JSON.stringify({ kind: 'crm-lab-learn-progress', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', progress }));
  await input.setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: file(huge) });
  await expect(message).toContainText(s['learn.progressPage.importTooLarge']!.split('{size}')[0]!);
  expect((await stored(page)).lessonsRead ?? {}).toEqual({});

  // Under the cap: the known lesson is imported, the unknown ones are named (a few) and counted.
  const mixed = {
    version: 1,
    lessonsRead: {
      [LESSON]: '2026-01-01T00:00:00.000Z',
      'no-such-lesson': '2026-01-01T00:00:00.000Z',
      'another-ghost': '2026-01-01T00:00:00.000Z',
    },
    quizzes: {},
    missed: {},
    cards: {},
  };
  await input.setInputFiles({ name: 'mixed.json', mimeType: 'application/json', buffer: file(mixed) });
  await expect(message).toContainText(s['learn.progressPage.importDone']!);
  await expect(message).toContainText('no-such-lesson');
  expect(Object.keys((await stored(page)).lessonsRead)).toEqual([LESSON]);

  // The same file again changes nothing: no "Imported".
  await input.setInputFiles({ name: 'mixed.json', mimeType: 'application/json', buffer: file(mixed) });
  await expect(message).toContainText(s['learn.progressPage.importNothingNew']!);
  // __proto__ slugs are a damaged file, not an import.
  const proto = `{"kind":"crm-lab-learn-progress","version":1,"progress":{"version":1,"lessonsRead":{"__proto__":"2026-01-01T00:00:00.000Z"},"quizzes":{},"missed":{},"cards":{}}}`;
  await input.setInputFiles({ name: 'proto.json', mimeType: 'application/json', buffer: Buffer.from(proto) });
  await expect(message).toContainText(s['learn.progressPage.importInvalid']!);

  // Saving still works afterwards.
  await page.goto('/en/learn/five-levels/');
  await hydrated(page, '[data-lesson-read]');
  await expect(page.locator('[data-lesson-read="yes"]')).toBeVisible();
  expect(Object.keys((await stored(page)).lessonsRead).sort()).toEqual(['five-levels', LESSON]);
  await expect(page.locator('[data-progress-status]')).toHaveCount(0);
});

test('with storage full, the notice offers the export in place, and it works without leaving the page', async ({ page }) => {
  const s = strings.en;
  await page.addInitScript((key) => {
    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k: string, v: string) {
      if (k.startsWith(key)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.call(this, k, v);
    };
  }, STORAGE_KEY);
  await page.goto(`/en/learn/${LESSON}/`);
  const url = page.url();
  await hydrated(page, '[data-lesson-read]');
  const notice = page.locator('[data-progress-status="full"]').first();
  await expect(notice).toBeVisible();
  await expect(notice.locator('a')).toHaveCount(0);
  const download = page.waitForEvent('download');
  await notice.getByRole('button', { name: s['learn.status.exportHere']! }).click();
  const file = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
  expect(file).toMatchObject({ kind: 'crm-lab-learn-progress', version: 1 });
  expect(Object.keys(file.progress.lessonsRead)).toEqual([LESSON]);
  await expect(notice).toContainText(s['learn.status.exported']!);
  expect(page.url()).toBe(url);
});

test('a tap on a glossary term opens its definition in place; the tips never widen a 360 px page', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  for (const locale of ['en', 'zh-cn'] as const) {
    await page.goto(`/${locale}/learn/${LESSON}/`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
    const term = page.locator('a.term').first();
    await term.scrollIntoViewIfNeeded();
    const url = page.url();
    await term.tap();
    const pop = page.locator('#term-popover');
    await expect(pop).toBeVisible();
    await expect(pop).toContainText((await term.getAttribute('data-term-definition'))!.slice(0, 20));
    expect(page.url()).toBe(url);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
    expect(await seriousViolations(page, { include: '#term-popover' })).toEqual([]);
    await pop.getByRole('button', { name: strings[locale]['glossary.popover.close']! }).tap();
    await expect(pop).toBeHidden();
  }
  await context.close();
});

for (const locale of ['en', 'zh-cn'] as const) {
  test(`${locale}: screenshots of a lesson with the side navigation (1280×800) and the folded menu (360×740)`, async ({ page }, info) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    // A learner who has read lesson 1 and scored 80 % on its quiz: the course beside the lesson says so.
    const at = '2026-01-01T00:00:00.000Z';
    const seeded = {
      version: 1,
      lessonsRead: { [LESSON]: at },
      quizzes: { [LESSON]: { best: 0.8, last: 0.8, attempts: 1, at } },
      missed: {},
      cards: {},
      predictions: {},
      quizDrafts: {},
      place: null,
    };
    await page.addInitScript(([key, value]) => localStorage.setItem(key!, value!), [STORAGE_KEY, JSON.stringify(seeded)]);
    await page.goto(`/${locale}/learn/loyalty-and-retention/`);
    await expect(page.locator('.course-side [data-course-nav="side"]')).toBeVisible();
    const first = page.locator(`.course-side li[data-lesson="${LESSON}"] [data-lesson-state]`);
    await expect(first).toContainText(strings[locale]['learn.nav.read']!);
    await expect(first).toContainText(strings[locale]['learn.nav.quizBest']!.replace('{percent}', '80%'));
    await expect(page.locator('.course-side li[data-lesson="five-levels"] [data-lesson-state]')).toHaveCount(0);
    await expect(page.locator('.toc-side .on-this-page')).toBeVisible();
    await expect(page.locator('[data-lesson-menu]')).toBeHidden();
    await expect(page.locator('.course-side li.current a')).toHaveAttribute('aria-current', 'page');
    await page.screenshot({ path: info.outputPath(`lesson-${locale}-1280.png`) });
    expect(await seriousViolations(page, { include: '.lesson-layout', exclude: '.katex' })).toEqual([]);

    await page.setViewportSize({ width: 360, height: 740 });
    await expect(page.locator('.course-side')).toBeHidden();
    const menu = page.locator('[data-lesson-menu]');
    await expect(menu).toBeVisible();
    await menu.locator('summary').click();
    await expect(menu.locator('[data-course-nav="menu"]')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
    await page.screenshot({ path: info.outputPath(`lesson-${locale}-360-menu.png`) });
    expect(await seriousViolations(page, { include: '[data-lesson-menu]' })).toEqual([]);
    // A section chosen in the menu closes it and opens the section.
    await menu.locator('.on-this-page a').nth(2).click();
    await expect(menu).not.toHaveAttribute('open', '');
    await expect(page.locator('#s-3')).toBeInViewport();
  });
}

test('the Model page has "On this page", and the switch keeps its section too', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/en/model/');
  const toc = page.locator('nav.side .on-this-page');
  await expect(toc).toBeVisible();
  expect(await toc.locator('a').count()).toBeGreaterThanOrEqual(6);
  await toc.locator('a[href="#s-5"]').click();
  await expect(page.locator('#s-5')).toBeInViewport();
  await page.waitForTimeout(1500);
  await page.locator('a[data-lang-switch]').click();
  await expect(page).toHaveURL(/\/zh-cn\/model\/#s-5$/);
  await expect(page.locator('#s-5')).toBeInViewport();
});
