// The course as a student uses it, in both locales, on the built site: read a lesson, answer its
// quiz (right and wrong), see feedback, reload and find the progress on the overview; review
// flashcards with the keyboard; export/import progress; survive a corrupt localStorage value.
import { test, expect, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { answerRight } from './quiz';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { QuizData, QuizQuestion } from '../../src/features/learn/quiz';

const STORAGE_KEY = 'crm-lab:learn:progress';
const LESSON = 'what-is-crm';
const quiz = parse(readFileSync(`content/quizzes/${LESSON}.yaml`, 'utf8')) as QuizData;
const strings = {
  en: JSON.parse(readFileSync('src/i18n/strings/en.json', 'utf8')) as Record<string, string>,
  'zh-cn': JSON.parse(readFileSync('src/i18n/strings/zh-cn.json', 'utf8')) as Record<string, string>,
};
type Locale = keyof typeof strings;

// A whole quiz plus axe takes ~15 s on an idle machine; the shared 2-core box is often far slower.
test.describe.configure({ timeout: 180_000 });

/** Waits until the island containing `inner` has hydrated (client:visible needs scrolling first). */
async function hydrated(page: Page, inner: string) {
  // astro-island is display: contents, so scroll its content into view instead.
  await page.locator(inner).first().scrollIntoViewIfNeeded();
  await expect(page.locator(`astro-island:has(${inner})`).first()).not.toHaveAttribute('ssr');
}

/** Answers one question right through the UI (a decimal comma in numeric answers, as some learners type). */
const answer = (page: Page, q: QuizQuestion) =>
  answerRight(page, q, /^(Check answer|提交答案)$/, { typeNumber: (v) => String(v).replace('.', ',') });

for (const locale of ['en', 'zh-cn'] as const) {
  const s = strings[locale];
  test(`${locale}: read a lesson, answer its quiz right and wrong, find progress after a reload`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`/${locale}/learn/${LESSON}/`);
    await expect(page.locator('h1')).toBeVisible();

    // Reaching the end of the lesson marks it read.
    await hydrated(page, '[data-lesson-read]');
    await expect(page.locator('[data-lesson-read="yes"]')).toBeVisible();
    await expect(page.getByText(s['learn.lesson.isRead']!)).toBeVisible();

    await hydrated(page, '[data-quiz]');
    const single = quiz.questions.find((q) => q.type === 'single')!;
    const tf = quiz.questions.find((q) => q.type === 'truefalse')!;
    if (tf.type !== 'truefalse' || single.type !== 'single') throw new Error('quiz lacks single or true/false');

    // Right answer: verdict, and an explanation for every option.
    await answer(page, single);
    const singleBox = page.locator(`[data-question="${single.id}"]`);
    await expect(singleBox.locator('[data-feedback]')).toContainText(s['learn.quiz.verdictCorrect']!);
    await expect(singleBox.locator('.why')).toHaveCount(single.options.length);
    await expect(page.locator('[data-quiz-live]')).toContainText(s['learn.quiz.verdictCorrect']!);

    // Wrong true/false (one try only): the key and the reason come at once.
    const tfBox = page.locator(`[data-question="${tf.id}"]`);
    await tfBox.locator(`input[value="${!tf.answer}"]`).check();
    await tfBox.getByRole('button', { name: s['learn.quiz.check']! }).click();
    await expect(tfBox.locator('[data-feedback]')).toContainText(s['learn.quiz.verdictOutOfTries']!);
    await expect(tfBox.locator('[data-answer]')).toContainText(tf.answer ? s['learn.quiz.true']! : s['learn.quiz.false']!);
    expect(await seriousViolations(page, { include: '[data-quiz]' })).toEqual([]);

    // Finish the quiz: every other question answered right (ordering by keyboard).
    for (const q of quiz.questions) if (q.id !== single.id && q.id !== tf.id) await answer(page, q);
    const n = quiz.questions.length;
    const percent = new Intl.NumberFormat(locale === 'en' ? 'en' : 'zh-CN', { style: 'percent', maximumFractionDigits: 0 }).format(
      (n - 1) / n,
    );
    await expect(page.locator('[data-score]')).toContainText(percent);
    await expect(page.getByText(s['learn.quiz.missedAdded']!)).toBeVisible();

    // Retry reshuffles and clears the answers.
    const before = await singleBox.locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    await page.getByRole('button', { name: s['learn.quiz.retry']! }).click();
    await expect(singleBox.locator('[data-feedback]')).toHaveCount(0);
    const after = await singleBox.locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(after).not.toEqual(before);

    // Reload the overview: the lesson is read and the quiz best is shown.
    await page.goto(`/${locale}/learn/`);
    await page.reload();
    const item = page.locator(`[data-lesson="${LESSON}"] [data-lesson-status]`);
    await expect(item).toContainText(s['learn.overview.lessonRead']!);
    await expect(item).toContainText(percent);
    await expect(page.locator('[data-progress-summary]')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
}

test('flashcards: Space flips, 1–4 rate, missed quiz questions become cards (zh-cn and en)', async ({ page }) => {
  const missedQ = quiz.questions[0]!;
  await page.addInitScript(
    ([key, lesson, qid]) => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      const at = '2026-01-01T00:00:00.000Z';
      localStorage.setItem(
        key!,
        JSON.stringify({
          version: 1,
          lessonsRead: {},
          quizzes: { [lesson!]: { best: 0.5, last: 0.5, attempts: 1, at } },
          missed: { [`${lesson}/${qid}`]: { lesson, question: qid, at } },
          cards: {},
        }),
      );
    },
    [STORAGE_KEY, LESSON, missedQ.id],
  );
  for (const locale of ['zh-cn', 'en'] as Locale[]) {
    const s = strings[locale];
    await page.goto(`/${locale}/learn/flashcards/`);
    await hydrated(page, '.flashcards');
    const card = page.locator('[data-card]');
    if (locale === 'zh-cn') {
      // The missed question comes first among the new cards.
      await expect(card).toHaveAttribute('data-card', `missed:${LESSON}/${missedQ.id}`);
      await expect(card).toContainText(missedQ.prompt.zh);
    } else {
      // Already studied in the other language, so it is scheduled for later, not shown again now.
      await expect(card).not.toHaveAttribute('data-card', `missed:${LESSON}/${missedQ.id}`);
    }
    await page.locator('h1').click();
    await page.keyboard.press('Space');
    await expect(page.locator('[data-card-back]')).toBeVisible();
    await expect(page.locator('[data-card-back]')).toBeFocused();
    if (locale === 'en') expect(await seriousViolations(page)).toEqual([]);
    const first = await card.getAttribute('data-card');
    await page.keyboard.press('3');
    await expect(page.locator('[data-flashcards-live]')).toContainText(s['learn.flashcards.good']!);
    await expect(card).not.toHaveAttribute('data-card', first!);
    await expect(card).toHaveAttribute('data-flipped', 'no');
    // Again: flip with Space and rate 1 from the keyboard; the card is scheduled and leaves the queue.
    const second = await card.getAttribute('data-card');
    await page.keyboard.press('Space');
    await page.keyboard.press('1');
    await expect(page.locator('[data-flashcards-live]')).toContainText(s['learn.flashcards.again']!);
    await expect(card).not.toHaveAttribute('data-card', second!);
  }
  const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}'), STORAGE_KEY);
  expect(Object.keys(stored.cards).length).toBeGreaterThanOrEqual(3);
  expect(stored.cards[`missed:${LESSON}/${missedQ.id}`].reps).toBe(1);
});

test('progress export and import round-trip; a file from another version is refused', async ({ page }) => {
  const s = strings.en;
  await page.goto(`/en/learn/${LESSON}/`);
  await hydrated(page, '[data-lesson-read]');
  await expect(page.locator('[data-lesson-read="yes"]')).toBeVisible();

  await page.goto('/en/learn/progress/');
  await hydrated(page, '.progress-panel');
  await expect(page.locator(`tr[data-lesson="${LESSON}"]`)).toContainText(s['learn.progressPage.readYes']!);
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: s['learn.progressPage.export']! }).click();
  const download = await downloadPromise;
  const text = readFileSync((await download.path())!, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ kind: 'crm-lab-learn-progress', version: 1 });

  // Start from an empty browser, then import the file.
  await page.evaluate((key) => localStorage.removeItem(key), STORAGE_KEY);
  await page.reload();
  await hydrated(page, '.progress-panel');
  await expect(page.locator(`tr[data-lesson="${LESSON}"]`)).toContainText(s['learn.progressPage.readNo']!);
  const input = page.getByLabel(s['learn.progressPage.importLabel']!);
  await input.setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.locator('[data-import-message]')).toContainText(s['learn.progressPage.importDone']!);
  await expect(page.locator(`tr[data-lesson="${LESSON}"]`)).toContainText(s['learn.progressPage.readYes']!);

  // Another version: clear message, nothing changed.
  const foreign = JSON.stringify({ kind: 'crm-lab-learn-progress', version: 9, progress: {} });
  await input.setInputFiles({ name: 'old.json', mimeType: 'application/json', buffer: Buffer.from(foreign) });
  await expect(page.locator('[data-import-message]')).toContainText(s['learn.progressPage.importVersion']!.replace('{version}', '9'));
  await expect(page.locator(`tr[data-lesson="${LESSON}"]`)).toContainText(s['learn.progressPage.readYes']!);
  expect(await seriousViolations(page)).toEqual([]);

  // Survives a reload.
  await page.reload();
  await hydrated(page, '.progress-panel');
  await expect(page.locator(`tr[data-lesson="${LESSON}"]`)).toContainText(s['learn.progressPage.readYes']!);
});

test('a corrupt stored value shows a message, is kept aside, and the pages still work', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/zh-cn/learn/');
  // Let the island read the (empty) store first, so it is the reload that meets the corrupt value.
  await expect(page.locator('[data-progress-summary]')).toBeVisible();
  await page.evaluate((key) => localStorage.setItem(key, '{"version":1,"lessonsRead":'), STORAGE_KEY);
  await page.reload();
  const notice = page.locator('[data-progress-status="corrupt"]').first();
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(strings['zh-cn']['learn.status.corrupt']!.slice(0, 10));
  expect(await page.evaluate(() => localStorage.getItem('crm-lab:learn:progress:unreadable'))).toBe('{"version":1,"lessonsRead":');
  expect(await seriousViolations(page)).toEqual([]);

  // The page works: open a lesson from the list, it gets marked read and the overview shows it.
  await page.locator(`[data-lesson="${LESSON}"] a`).first().click();
  await hydrated(page, '[data-lesson-read]');
  await expect(page.locator('[data-lesson-read="yes"]')).toBeVisible();
  await page.goto('/zh-cn/learn/');
  await expect(page.locator(`[data-lesson="${LESSON}"] [data-lesson-status]`)).toContainText(
    strings['zh-cn']['learn.overview.lessonRead']!,
  );
  await expect(page.locator('[data-progress-status]')).toHaveCount(0);

  // The progress page offers the unreadable value for download.
  await page.goto('/zh-cn/learn/progress/');
  await hydrated(page, '.progress-panel');
  await expect(page.getByRole('button', { name: strings['zh-cn']['learn.progressPage.downloadUnreadable']! })).toBeVisible();
  expect(errors).toEqual([]);
});

test('glossary: anchors, both languages and the filter box', async ({ page }) => {
  await page.goto('/en/learn/glossary/#customer-lifetime-value');
  const entry = page.locator('#customer-lifetime-value');
  await expect(entry.locator('dfn')).toBeVisible();
  await expect(entry.locator('.other[lang="zh-CN"]')).not.toBeEmpty();
  const filter = page.getByLabel(strings.en['learn.glossary.filterLabel']!);
  await filter.fill('终身价值');
  await expect(entry).toBeVisible();
  await expect(page.locator('#service-recovery')).toBeHidden();
  await expect(page.locator('[data-glossary-count]')).not.toBeEmpty();
  await filter.fill('');
  await expect(page.locator('#service-recovery')).toBeVisible();
});

test('glossary: the other names of a term, in both languages, and found by the filter', async ({ page }) => {
  const reactive = parse(readFileSync('content/glossary/reactive-marketing.yaml', 'utf8')) as { zh: { alsoCalled: string[] } };
  const clv = parse(readFileSync('content/glossary/customer-lifetime-value.yaml', 'utf8')) as {
    en: { alsoCalled: string[] };
    zh: { alsoCalled: string[] };
  };
  // English page: the Chinese textbooks' names, marked as Chinese.
  await page.goto('/en/learn/glossary/');
  const en = page.locator('#reactive-marketing [data-also-called="zh-CN"]');
  await expect(en).toContainText(strings.en['learn.glossary.alsoCalledOther']!.split('{names}')[0]!);
  await expect(en.locator('span[lang="zh-CN"]')).toHaveText(reactive.zh.alsoCalled.join('、'));
  await expect(page.locator('#customer-lifetime-value [data-also-called="en"] span')).toHaveText(clv.en.alsoCalled.join(', '));
  // A student who knows only another book's name finds the course's term.
  await page.getByLabel(strings.en['learn.glossary.filterLabel']!).fill(reactive.zh.alsoCalled[0]!);
  await expect(page.locator('#reactive-marketing')).toBeVisible();
  await expect(page.locator('#proactive-marketing')).toBeHidden();
  // Chinese page: its own other names, and the English ones.
  await page.goto('/zh-cn/learn/glossary/');
  const zh = page.locator('#customer-lifetime-value [data-also-called="zh-CN"]');
  await expect(zh).toContainText(strings['zh-cn']['learn.glossary.alsoCalled']!.split('{names}')[0]!);
  await expect(zh.locator('span')).toHaveText(clv.zh.alsoCalled.join('、'));
  await expect(page.locator('#customer-lifetime-value [data-also-called="en"] span[lang="en"]')).toHaveText(clv.en.alsoCalled.join(', '));
  expect(await seriousViolations(page, { include: '.glossary' })).toEqual([]);
});
