// @vitest-environment jsdom
// The Quiz island in a DOM: feedback and live announcements, keyboard-only ordering, show answer,
// retry with a new option order, self-check mode, and the graded result saved to the progress store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync, tick } from 'svelte';
import Quiz from '../../../src/features/learn/Quiz.svelte';
import en from '../../../src/i18n/strings/en.json';
import type { QuizData } from '../../../src/features/learn/quiz';
import { STORAGE_KEY } from '../../../src/features/learn/progress';

const L = (s: string) => ({ en: s, zh: `${s}（中）` });
const quiz: QuizData = {
  lesson: 'five-levels',
  questions: [
    {
      id: 'q1',
      type: 'single',
      prompt: L('Which level calls customers after the sale?'),
      options: [
        { id: 'a', text: L('Basic'), explanation: L('Basic only sells.') },
        { id: 'b', text: L('Accountable'), explanation: L('Right: it follows up.') },
        { id: 'c', text: L('Reactive'), explanation: L('Reactive waits for the customer.') },
      ],
      answer: 'b',
    },
    {
      id: 'q2',
      type: 'ordering',
      prompt: L('Order the levels.'),
      items: [
        { id: 'basic', text: L('Basic') },
        { id: 'reactive', text: L('Reactive') },
        { id: 'accountable', text: L('Accountable') },
      ],
      explanation: L('From the least to the most contact.'),
    },
  ],
};
const strings = Object.fromEntries(Object.entries(en).filter(([k]) => k.startsWith('learn.')));

function setup() {
  return render(Quiz, {
    props: { quiz, locale: 'en', strings, flashcardsHref: '/en/learn/flashcards/', progressHref: '/en/learn/progress/' },
  });
}
const question = (id: string) => document.querySelector<HTMLElement>(`[data-question="${id}"]`)!;
const live = () => document.querySelector('[data-quiz-live]')!.textContent ?? '';
const orderOf = () => [...question('q2').querySelectorAll('li[data-item]')].map((li) => li.getAttribute('data-item'));
async function settle() {
  flushSync();
  await tick();
  await tick();
}

beforeEach(() => localStorage.clear());
afterEach(() => cleanup());

describe('Quiz island', () => {
  it('gives feedback with every option explained, announces it, and offers the answer after a wrong try', async () => {
    setup();
    const q1 = within(question('q1'));
    await fireEvent.click(q1.getByRole('button', { name: en['learn.quiz.check'] }));
    await settle();
    expect(q1.getByText(en['learn.quiz.needAnswer'])).toBeTruthy();

    await fireEvent.click(q1.getByLabelText('Basic'));
    await fireEvent.click(q1.getByRole('button', { name: en['learn.quiz.check'] }));
    await settle();
    expect(question('q1').querySelectorAll('.why')).toHaveLength(3);
    expect(live()).toContain(en['learn.quiz.verdictWrong']);
    await fireEvent.click(q1.getByRole('button', { name: en['learn.quiz.showAnswer'] }));
    await settle();
    expect(question('q1').querySelector('[data-answer]')!.textContent).toContain('Accountable');
  });

  it('orders items with the move buttons only, finishes, and saves the best score', async () => {
    setup();
    const ordering = quiz.questions[1];
    if (ordering?.type !== 'ordering') throw new Error('fixture: q2 must be an ordering question');
    const start = orderOf();
    expect(start).not.toEqual(['basic', 'reactive', 'accountable']);
    // Bubble each item up into place with its "move up" button.
    for (const [target, id] of ['basic', 'reactive', 'accountable'].entries()) {
      while (orderOf().indexOf(id) > target) {
        const text = ordering.items.find((i) => i.id === id)!.text.en;
        await fireEvent.click(screen.getByRole('button', { name: en['learn.quiz.moveUp'].replace('{item}', text) }));
        await settle();
      }
    }
    expect(orderOf()).toEqual(['basic', 'reactive', 'accountable']);
    expect(live()).toMatch(/is now in position/);
    await fireEvent.click(within(question('q2')).getByRole('button', { name: en['learn.quiz.check'] }));
    await fireEvent.click(within(question('q1')).getByLabelText('Accountable'));
    await fireEvent.click(within(question('q1')).getByRole('button', { name: en['learn.quiz.check'] }));
    await settle();
    expect(document.querySelector('[data-score]')!.textContent).toContain('100%');
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY)!);
    expect(stored.quizzes['five-levels']).toMatchObject({ best: 1, attempts: 1 });
  });

  it('retry clears the answers and changes the option order', async () => {
    setup();
    const options = () => [...question('q1').querySelectorAll('input')].map((i) => i.value);
    const before = options();
    await fireEvent.click(within(question('q1')).getByLabelText('Basic'));
    await fireEvent.click(within(question('q1')).getByRole('button', { name: en['learn.quiz.check'] }));
    await settle();
    await fireEvent.click(screen.getByRole('button', { name: en['learn.quiz.retry'] }));
    await settle();
    expect(options()).not.toEqual(before);
    expect(question('q1').querySelector('[data-feedback]')).toBeNull();
    expect(live()).toContain(en['learn.quiz.retryAnnouncement']);
  });

  it('self-check mode shows answers at once and saves nothing', async () => {
    setup();
    await fireEvent.click(screen.getByLabelText(en['learn.quiz.modeSelfCheck']));
    await settle();
    const q1 = within(question('q1'));
    await fireEvent.click(q1.getByRole('button', { name: en['learn.quiz.showAnswer'] }));
    await settle();
    expect(question('q1').querySelector('[data-answer]')).not.toBeNull();
    await fireEvent.click(q1.getByLabelText('Accountable'));
    await fireEvent.click(q1.getByRole('button', { name: en['learn.quiz.check'] }));
    await fireEvent.click(within(question('q2')).getByRole('button', { name: en['learn.quiz.check'] }));
    await settle();
    expect(document.querySelector('[data-score]')).toBeNull();
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
  });
});
