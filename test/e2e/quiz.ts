// The one way the e2e specs answer a quiz question right through the UI (ordering from the keyboard, with the move-up
// buttons), on a page or inside a frame, then press its check button. Not a test itself.
import type { FrameLocator, Page } from '@playwright/test';
import type { QuizQuestion } from '../../src/features/learn/quiz';

export interface AnswerOptions {
  /** The quiz's frame, when it is not on the page itself (a SCORM package in an LMS). */
  frame?: FrameLocator;
  /** How a numeric answer is typed (a learner may type a decimal comma). */
  typeNumber?: (v: number) => string;
}

export async function answerRight(page: Page, q: QuizQuestion, check: string | RegExp, options: AnswerOptions = {}) {
  const box = (options.frame ?? page).locator(`[data-question="${q.id}"]`);
  switch (q.type) {
    case 'single':
    case 'truefalse':
      await box.locator(`input[value="${String(q.answer)}"]`).check();
      break;
    case 'multiple':
      for (const id of q.answer) await box.locator(`input[value="${id}"]`).check();
      break;
    case 'numeric':
      await box.locator('input[type="text"]').fill((options.typeNumber ?? String)(q.answer));
      break;
    case 'matching':
      for (const p of q.pairs) await box.locator(`select[id$="-match-${p.id}"]`).selectOption(p.id);
      break;
    case 'ordering':
      for (let target = 0; target < q.items.length; target++) {
        const id = q.items[target]!.id;
        for (;;) {
          const order = await box.locator('ol.ordering > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-item')));
          if (order.indexOf(id) <= target) break;
          await box.locator(`button[id$="-up-${id}"]`).focus();
          await page.keyboard.press('Enter');
        }
      }
      break;
  }
  await box.getByRole('button', { name: check }).click();
}
