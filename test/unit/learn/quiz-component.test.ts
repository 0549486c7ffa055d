// @vitest-environment jsdom
// The Quiz island in a DOM: a wrong check gives a hint and a second try, the key after that or on request (which earns
// nothing), keyboard-only ordering, retry, self-check, the revise list, and a quiz in progress restored after a reload.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync, tick } from 'svelte';
import Quiz from '../../../src/features/learn/Quiz.svelte';
import en from '../../../src/i18n/strings/en.json';
import type { QuizData } from '../../../src/features/learn/quiz';
import { STORAGE_KEY, emptyProgress } from '../../../src/features/learn/progress';
import { progressStore } from '../../../src/features/learn/progressStore.svelte';

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

const props = () => ({
  quiz,
  locale: 'en' as const,
  strings,
  flashcardsHref: '/en/learn/flashcards/',
  progressHref: '/en/learn/progress/',
});
function setup() {
  return render(Quiz, { props: props() });
}
const stored = () => JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
/** A fresh page: the shared store forgets what it read (as a reload does), then reads storage again. */
function resetStore() {
  progressStore.loaded = false;
  progressStore.progress = emptyProgress();
}
/** Bubbles each item of q2 up into its place with its "move up" button. */
async function orderRight() {
  const ordering = quiz.questions[1];
  if (ordering?.type !== 'ordering') throw new Error('fixture: q2 must be an ordering question');
  for (const [target, id] of ['basic', 'reactive', 'accountable'].entries()) {
    while (orderOf().indexOf(id) > target) {
      const text = ordering.items.find((i) => i.id === id)!.text.en;
      await fireEvent.click(screen.getByRole('button', { name: en['learn.quiz.moveUp'].replace('{item}', text) }));
      await settle();
    }
  }
}
const question = (id: string) => document.querySelector<HTMLElement>(`[data-question="${id}"]`)!;
const live = () => document.querySelector('[data-quiz-live]')!.textContent ?? '';
const orderOf = () => [...question('q2').querySelectorAll('li[data-item]')].map((li) => li.getAttribute('data-item'));
async function settle() {
  flushSync();
  await tick();
  await tick();
}

beforeEach(() => {
  localStorage.clear();
  resetStore();
});
afterEach(() => cleanup());

describe('Quiz island', () => {
  it('a wrong check says so and gives a hint, not the key; the key comes after the second wrong try', async () => {
    render(Quiz, { props: { ...props(), sections: { q1: { id: 's-2', title: 'Accountable marketing' } } } });
    const q1 = within(question('q1'));
    await fireEvent.click(q1.getByRole('button', { name: en['learn.quiz.check'] }));
    await settle();
    expect(q1.getByText(en['learn.quiz.needAnswer'])).toBeTruthy();

    await fireEvent.click(q1.getByLabelText('Basic'));
    await fireEvent.click(q1.getByRole('button', { name: en['learn.quiz.check'] }));
    await settle();
    // First wrong try: verdict, a hint pointing to the section, no key, no explanations.
    expect(question('q1').querySelector('[data-feedback]')!.textContent).toContain(en['learn.quiz.verdictWrongTryAgain']);
    const hint = question('q1').querySelector('[data-hint]')!;
    expect(hint.querySelector('a')!.getAttribute('href')).toBe('#s-2');
    expect(hint.textContent).toContain('Accountable marketing');
    expect(question('q1').querySelectorAll('.why')).toHaveLength(0);
    expect(question('q1').querySelector('[data-answer]')).toBeNull();
    expect(live()).toContain(en['learn.quiz.verdictWrongTryAgain']);

    // Second wrong try: the key and every option's explanation.
    await fireEvent.click(q1.getByLabelText('Reactive'));
    await fireEvent.click(q1.getByRole('button', { name: en['learn.quiz.check'] }));
    await settle();
    expect(question('q1').querySelector('[data-answer]')!.textContent).toContain('Accountable');
    expect(question('q1').querySelectorAll('.why')).toHaveLength(3);
    expect(q1.getByLabelText('Accountable')).toHaveProperty('disabled', true);
  });

  it('"Show the answer" marks the question shown: it earns nothing, so a retry cannot turn it into a free 100 %', async () => {
    setup();
    const q1 = within(question('q1'));
    await fireEvent.click(q1.getByLabelText('Basic'));
    await fireEvent.click(q1.getByRole('button', { name: en['learn.quiz.check'] }));
    await settle();
    await fireEvent.click(q1.getByRole('button', { name: en['learn.quiz.showAnswer'] }));
    await settle();
    expect(question('q1').querySelector('[data-shown]')).not.toBeNull();
    await orderRight();
    await fireEvent.click(within(question('q2')).getByRole('button', { name: en['learn.quiz.check'] }));
    await settle();
    expect(document.querySelector('[data-score]')!.textContent).toContain('50%');
    await vi.waitFor(() => expect(stored().quizzes['five-levels']).toMatchObject({ best: 0.5, attempts: 1 }));
    expect(Object.keys(stored().missed)).toEqual(['five-levels/q1']);
  });

  it('a right answer at the second try earns half; a later first-try right answer takes the question off the revise list', async () => {
    setup();
    const q1 = within(question('q1'));
    await fireEvent.click(q1.getByLabelText('Basic'));
    await fireEvent.click(q1.getByRole('button', { name: en['learn.quiz.check'] }));
    await fireEvent.click(q1.getByLabelText('Accountable'));
    await fireEvent.click(q1.getByRole('button', { name: en['learn.quiz.check'] }));
    await orderRight();
    await fireEvent.click(within(question('q2')).getByRole('button', { name: en['learn.quiz.check'] }));
    await settle();
    expect(document.querySelector('[data-score]')!.textContent).toContain('75%');
    await vi.waitFor(() => expect(stored().missed['five-levels/q1']).toBeDefined());

    await fireEvent.click(screen.getByRole('button', { name: en['learn.quiz.retry'] }));
    await settle();
    await fireEvent.click(within(question('q1')).getByLabelText('Accountable'));
    await fireEvent.click(within(question('q1')).getByRole('button', { name: en['learn.quiz.check'] }));
    await orderRight();
    await fireEvent.click(within(question('q2')).getByRole('button', { name: en['learn.quiz.check'] }));
    await settle();
    await vi.waitFor(() => expect(stored().missed['five-levels/q1'].resolved).toBeDefined());
    expect(stored().quizzes['five-levels']).toMatchObject({ best: 1, attempts: 2 });
    // The card of the question now answered right follows FSRS (reviewed once, due later), it is not deleted; the
    // review is saved once the scheduler has loaded, after the score.
    await vi.waitFor(() => expect(stored().cards['missed:five-levels/q1']?.reps).toBe(1));
  });

  it('orders items with the move buttons only, counting the items in place as the hint', async () => {
    setup();
    expect(orderOf()).not.toEqual(['basic', 'reactive', 'accountable']);
    await fireEvent.click(within(question('q2')).getByRole('button', { name: en['learn.quiz.check'] }));
    await settle();
    expect(question('q2').querySelector('[data-hint]')!.textContent).toMatch(/of the 3 items/);
    expect(question('q2').querySelector('.badge')).toBeNull();
    await orderRight();
    expect(live()).toMatch(/is now in position/);
  });

  it('a quiz in progress survives a reload (a new island reading the same progress)', async () => {
    setup();
    await fireEvent.click(within(question('q1')).getByLabelText('Basic'));
    await fireEvent.click(within(question('q1')).getByRole('button', { name: en['learn.quiz.check'] }));
    await settle();
    cleanup();
    resetStore();
    setup();
    await settle();
    expect(question('q1').querySelector('[data-hint]')).not.toBeNull();
    expect(within(question('q1')).getByLabelText('Basic')).toHaveProperty('checked', true);
    await fireEvent.click(within(question('q1')).getByLabelText('Reactive'));
    await fireEvent.click(within(question('q1')).getByRole('button', { name: en['learn.quiz.check'] }));
    await settle();
    // The restored try counted: this was the second, so the key is shown.
    expect(question('q1').querySelector('[data-answer]')).not.toBeNull();
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

  it('self-check mode shows answers at any time and records no score', async () => {
    setup();
    await fireEvent.click(screen.getByLabelText(en['learn.quiz.modeSelfCheck']));
    await settle();
    const q1 = within(question('q1'));
    await fireEvent.click(q1.getByRole('button', { name: en['learn.quiz.showAnswer'] }));
    await settle();
    expect(question('q1').querySelector('[data-answer]')).not.toBeNull();
    await fireEvent.click(within(question('q2')).getByRole('button', { name: en['learn.quiz.check'] }));
    await settle();
    expect(document.querySelector('[data-score]')).toBeNull();
    expect(stored().quizzes ?? {}).toEqual({});
  });
});
