// Table-driven tests of the quiz engine: grading of every question type, number parsing in both
// locales, and the seeded attempt layout used for retries.
import { describe, expect, it } from 'vitest';
import {
  attemptLayout,
  attemptOrder,
  correctResponse,
  emptyResponse,
  gradeQuestion,
  moveItem,
  parseLocaleNumber,
  scoreQuiz,
  type QuizData,
  type QuizQuestion,
  type QuizResponse,
} from '../../../src/features/learn/quiz';
import { seededShuffle } from '../../../src/features/learn/random';

const L = (s: string) => ({ en: s, zh: s });
const opt = (id: string) => ({ id, text: L(id), explanation: L(`why ${id}`) });

const single: QuizQuestion = { id: 's', type: 'single', prompt: L('p'), options: ['a', 'b', 'c'].map(opt), answer: 'b' };
const multiple: QuizQuestion = {
  id: 'm',
  type: 'multiple',
  prompt: L('p'),
  options: ['a', 'b', 'c', 'd', 'e'].map(opt),
  answer: ['a', 'c', 'd'],
};
const tf: QuizQuestion = { id: 't', type: 'truefalse', prompt: L('p'), answer: false, explanation: L('e') };
const numeric: QuizQuestion = {
  id: 'n',
  type: 'numeric',
  prompt: L('p'),
  answer: 266.67,
  tolerance: 1,
  explanation: L('e'),
};
const ordering: QuizQuestion = {
  id: 'o',
  type: 'ordering',
  prompt: L('p'),
  items: ['basic', 'reactive', 'accountable', 'proactive', 'partnership'].map((id) => ({ id, text: L(id) })),
  explanation: L('e'),
};
const matching: QuizQuestion = {
  id: 'x',
  type: 'matching',
  prompt: L('p'),
  pairs: ['p1', 'p2', 'p3', 'p4'].map((id) => ({ id, left: L(`l${id}`), right: L(`r${id}`) })),
  explanation: L('e'),
};

interface Row {
  name: string;
  question: QuizQuestion;
  response: QuizResponse | undefined;
  score: number;
  correct: boolean;
  answered: boolean;
}

const rows: Row[] = [
  { name: 'single right', question: single, response: { type: 'single', choice: 'b' }, score: 1, correct: true, answered: true },
  { name: 'single wrong', question: single, response: { type: 'single', choice: 'a' }, score: 0, correct: false, answered: true },
  { name: 'single unanswered', question: single, response: { type: 'single', choice: null }, score: 0, correct: false, answered: false },
  { name: 'missing response', question: single, response: undefined, score: 0, correct: false, answered: false },
  {
    name: 'response of another type',
    question: single,
    response: { type: 'truefalse', value: true },
    score: 0,
    correct: false,
    answered: false,
  },
  {
    name: 'multiple all right',
    question: multiple,
    response: { type: 'multiple', choices: ['a', 'c', 'd'] },
    score: 1,
    correct: true,
    answered: true,
  },
  {
    name: 'multiple order does not matter',
    question: multiple,
    response: { type: 'multiple', choices: ['d', 'a', 'c'] },
    score: 1,
    correct: true,
    answered: true,
  },
  {
    name: 'multiple two of three right',
    question: multiple,
    response: { type: 'multiple', choices: ['a', 'c'] },
    score: 2 / 3,
    correct: false,
    answered: true,
  },
  {
    name: 'multiple all right plus one wrong',
    question: multiple,
    response: { type: 'multiple', choices: ['a', 'c', 'd', 'b'] },
    score: 2 / 3,
    correct: false,
    answered: true,
  },
  {
    name: 'multiple one right one wrong',
    question: multiple,
    response: { type: 'multiple', choices: ['a', 'b'] },
    score: 0,
    correct: false,
    answered: true,
  },
  {
    name: 'multiple everything ticked earns 1/3',
    question: multiple,
    response: { type: 'multiple', choices: ['a', 'b', 'c', 'd', 'e'] },
    score: 1 / 3,
    correct: false,
    answered: true,
  },
  {
    name: 'multiple only wrong floored at 0',
    question: multiple,
    response: { type: 'multiple', choices: ['b', 'e'] },
    score: 0,
    correct: false,
    answered: true,
  },
  {
    name: 'multiple nothing ticked',
    question: multiple,
    response: { type: 'multiple', choices: [] },
    score: 0,
    correct: false,
    answered: false,
  },
  { name: 'truefalse right', question: tf, response: { type: 'truefalse', value: false }, score: 1, correct: true, answered: true },
  { name: 'truefalse wrong', question: tf, response: { type: 'truefalse', value: true }, score: 0, correct: false, answered: true },
  { name: 'truefalse unanswered', question: tf, response: { type: 'truefalse', value: null }, score: 0, correct: false, answered: false },
  { name: 'numeric exact', question: numeric, response: { type: 'numeric', raw: '266.67' }, score: 1, correct: true, answered: true },
  {
    name: 'numeric decimal comma',
    question: numeric,
    response: { type: 'numeric', raw: '266,67' },
    score: 1,
    correct: true,
    answered: true,
  },
  {
    name: 'numeric full-width',
    question: numeric,
    response: { type: 'numeric', raw: '２６６．６７' },
    score: 1,
    correct: true,
    answered: true,
  },
  {
    name: 'numeric at upper tolerance edge',
    question: numeric,
    response: { type: 'numeric', raw: '267.67' },
    score: 1,
    correct: true,
    answered: true,
  },
  {
    name: 'numeric at lower tolerance edge',
    question: numeric,
    response: { type: 'numeric', raw: '265.67' },
    score: 1,
    correct: true,
    answered: true,
  },
  {
    name: 'numeric just outside tolerance',
    question: numeric,
    response: { type: 'numeric', raw: '267.7' },
    score: 0,
    correct: false,
    answered: true,
  },
  { name: 'numeric wrong', question: numeric, response: { type: 'numeric', raw: '300' }, score: 0, correct: false, answered: true },
  { name: 'numeric unreadable', question: numeric, response: { type: 'numeric', raw: 'abc' }, score: 0, correct: false, answered: false },
  { name: 'numeric empty', question: numeric, response: { type: 'numeric', raw: '  ' }, score: 0, correct: false, answered: false },
  {
    name: 'ordering right',
    question: ordering,
    response: { type: 'ordering', order: ['basic', 'reactive', 'accountable', 'proactive', 'partnership'] },
    score: 1,
    correct: true,
    answered: true,
  },
  {
    name: 'ordering two swapped: 3 of 5 in place',
    question: ordering,
    response: { type: 'ordering', order: ['reactive', 'basic', 'accountable', 'proactive', 'partnership'] },
    score: 3 / 5,
    correct: false,
    answered: true,
  },
  {
    name: 'ordering reversed: only the middle in place',
    question: ordering,
    response: { type: 'ordering', order: ['partnership', 'proactive', 'accountable', 'reactive', 'basic'] },
    score: 1 / 5,
    correct: false,
    answered: true,
  },
  {
    name: 'matching all right',
    question: matching,
    response: { type: 'matching', matches: { p1: 'p1', p2: 'p2', p3: 'p3', p4: 'p4' } },
    score: 1,
    correct: true,
    answered: true,
  },
  {
    name: 'matching half right',
    question: matching,
    response: { type: 'matching', matches: { p1: 'p1', p2: 'p3', p3: 'p2', p4: 'p4' } },
    score: 0.5,
    correct: false,
    answered: true,
  },
  {
    name: 'matching partly filled',
    question: matching,
    response: { type: 'matching', matches: { p1: 'p1', p2: '', p3: '', p4: '' } },
    score: 0.25,
    correct: false,
    answered: true,
  },
  {
    name: 'matching nothing chosen',
    question: matching,
    response: { type: 'matching', matches: { p1: '', p2: '', p3: '', p4: '' } },
    score: 0,
    correct: false,
    answered: false,
  },
];

describe('gradeQuestion', () => {
  it.each(rows)('$name', ({ question, response, score, correct, answered }) => {
    const g = gradeQuestion(question, response);
    expect(g.score).toBeCloseTo(score, 10);
    expect(g.correct).toBe(correct);
    expect(g.answered).toBe(answered);
  });

  it('reports which ordering items are in place', () => {
    const g = gradeQuestion(ordering, {
      type: 'ordering',
      order: ['reactive', 'basic', 'accountable', 'proactive', 'partnership'],
    });
    expect(g.itemsRight).toEqual({ basic: false, reactive: false, accountable: true, proactive: true, partnership: true });
  });

  it('returns the parsed number for numeric answers', () => {
    expect(gradeQuestion(numeric, { type: 'numeric', raw: '266,67' }).parsed).toBe(266.67);
    expect(gradeQuestion(numeric, { type: 'numeric', raw: 'x' }).parsed).toBeNull();
  });

  it.each([single, multiple, tf, numeric, ordering, matching])('the correct response of $type earns full credit', (q) => {
    expect(gradeQuestion(q, correctResponse(q))).toMatchObject({ score: 1, correct: true });
  });

  it.each([single, multiple, tf, numeric, matching])('an empty response to $type is not answered', (q) => {
    expect(gradeQuestion(q, emptyResponse(q)).answered).toBe(false);
  });
});

describe('parseLocaleNumber', () => {
  it.each([
    ['266.67', 266.67],
    ['266,67', 266.67],
    ['２６６．６７', 266.67],
    ['２６６，６７', 266.67],
    ['266。67', 266.67],
    [' 266.67 ', 266.67],
    ['1,234', 1234],
    ['1,234.5', 1234.5],
    ['1.234,5', 1234.5],
    ['1 234,5', 1234.5],
    ['1\u00a0234.5', 1234.5],
    ['1,234,567', 1234567],
    ['1.234.567', 1234567],
    ['0,8', 0.8],
    ['.5', 0.5],
    ['-12.5', -12.5],
    ['\u221212.5', -12.5],
    ['－１２', -12],
    ['+3', 3],
    ['0', 0],
  ])('%s → %d', (raw, expected) => {
    expect(parseLocaleNumber(raw)).toBeCloseTo(expected, 10);
  });

  it.each(['', 'abc', '12a', '1e3', '12.5.3', '1,23,4', '--3', '.', ',', '266.67%'])('%s is not a number', (raw) => {
    expect(parseLocaleNumber(raw)).toBeNull();
  });
});

describe('seeded layout', () => {
  const ids = ['a', 'b', 'c', 'd', 'e'];

  it('is deterministic for a seed', () => {
    expect(seededShuffle(ids, 'lesson:1')).toEqual(seededShuffle(ids, 'lesson:1'));
    expect(attemptOrder(ids, 'x')).toEqual(attemptOrder(ids, 'x'));
  });

  it('is a permutation', () => {
    for (let i = 0; i < 50; i++) expect([...attemptOrder(ids, `s${i}`)].sort()).toEqual(ids);
  });

  it('different seeds give different orders across many seeds', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) seen.add(attemptOrder(ids, `seed-${i}`).join(''));
    expect(seen.size).toBeGreaterThan(10);
  });

  it('never repeats an order it is told to avoid', () => {
    for (let i = 0; i < 100; i++) {
      const avoid = seededShuffle(ids, `seed-${i}`);
      expect(attemptOrder(ids, `seed-${i}`, { avoid: [avoid] })).not.toEqual(avoid);
    }
    expect(attemptOrder(['a', 'b'], 'z', { avoid: [['a', 'b']] })).toEqual(['b', 'a']);
  });

  const quiz: QuizData = { lesson: 'five-levels', questions: [single, multiple, tf, numeric, ordering, matching] };

  it('changes the option order of every shuffleable question on retry', () => {
    for (let attempt = 1; attempt < 8; attempt++) {
      const before = attemptLayout(quiz, 'five-levels', attempt - 1);
      const after = attemptLayout(quiz, 'five-levels', attempt);
      for (const id of ['s', 'm', 'o', 'x']) expect(after[id]).not.toEqual(before[id]);
    }
  });

  it('never starts an ordering question in the right order', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const layout = attemptLayout(quiz, `seed-${attempt}`, attempt % 3);
      expect(layout.o).not.toEqual(ordering.type === 'ordering' ? ordering.items.map((i) => i.id) : []);
    }
  });

  it('does not lay out true/false or numeric questions', () => {
    const layout = attemptLayout(quiz, 'five-levels', 0);
    expect(Object.keys(layout).sort()).toEqual(['m', 'o', 's', 'x']);
  });
});

describe('moveItem', () => {
  it.each([
    { order: ['a', 'b', 'c'], index: 1, delta: -1 as const, expected: ['b', 'a', 'c'] },
    { order: ['a', 'b', 'c'], index: 1, delta: 1 as const, expected: ['a', 'c', 'b'] },
    { order: ['a', 'b', 'c'], index: 0, delta: -1 as const, expected: ['a', 'b', 'c'] },
    { order: ['a', 'b', 'c'], index: 2, delta: 1 as const, expected: ['a', 'b', 'c'] },
  ])('moves $index by $delta', ({ order, index, delta, expected }) => {
    expect(moveItem(order, index, delta)).toEqual(expected);
    expect(order).toEqual(['a', 'b', 'c']);
  });
});

describe('scoreQuiz', () => {
  it('adds partial credit and lists questions without full credit', () => {
    const quiz: QuizData = { lesson: 'l', questions: [single, multiple, tf] };
    const grades = {
      s: gradeQuestion(single, { type: 'single', choice: 'b' }),
      m: gradeQuestion(multiple, { type: 'multiple', choices: ['a', 'c'] }),
    };
    const score = scoreQuiz(quiz, grades);
    expect(score.points).toBeCloseTo(1 + 2 / 3, 10);
    expect(score.total).toBe(3);
    expect(score.fraction).toBeCloseTo((1 + 2 / 3) / 3, 10);
    expect(score.missed).toEqual(['m', 't']);
  });
});
