// The pure parts of the learning loop: tries, credit and hints of a quiz question, a saved answer read back against the
// question as it is now, section ids shared by both languages, and the section a hint points to.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import {
  SECOND_TRY_CREDIT,
  attemptScore,
  derivedHint,
  freshState,
  gradeQuestion,
  isSettled,
  maxTries,
  quizSectionText,
  restoreResponse,
  type QuestionState,
  type QuizData,
  type QuizQuestion,
} from '@/features/learn/quiz';
import { SECTION_ID, closestSection, sectionIds, splitSections } from '@/features/learn/sections';

const L = (s: string) => ({ en: s, zh: s });
const single: QuizQuestion = {
  id: 'q1',
  type: 'single',
  prompt: L('Which?'),
  options: [
    { id: 'a', text: L('A'), explanation: L('no') },
    { id: 'b', text: L('B'), explanation: L('yes') },
  ],
  answer: 'b',
};
const tf: QuizQuestion = { id: 'q2', type: 'truefalse', prompt: L('True?'), answer: true, explanation: L('because') };
const numeric: QuizQuestion = { id: 'q3', type: 'numeric', prompt: L('How many?'), answer: 267, tolerance: 1, explanation: L('x') };
const multiple: QuizQuestion = {
  id: 'q4',
  type: 'multiple',
  prompt: L('Which ones?'),
  options: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: L(id), explanation: L(id) })),
  answer: ['a', 'c'],
};
const quiz: QuizData = { lesson: 'x', questions: [single, tf, numeric, multiple] };
const checked = (response: QuestionState['response'], tries: number, shown = false): QuestionState => ({
  response,
  tries,
  checked: true,
  shown,
});

describe('tries and credit', () => {
  it('true/false allows one try, the others two', () => {
    expect(maxTries(tf)).toBe(1);
    expect(maxTries(single)).toBe(2);
  });

  it('settles when right, out of tries, or shown; credit is full, half or nothing', () => {
    const wrongOnce = checked({ type: 'single', choice: 'a' }, 1);
    expect(isSettled(single, wrongOnce)).toBe(false);
    expect(isSettled(single, checked({ type: 'single', choice: 'a' }, 2))).toBe(true);
    expect(isSettled(tf, checked({ type: 'truefalse', value: false }, 1))).toBe(true);
    const states = {
      q1: checked({ type: 'single', choice: 'b' }, 2),
      q2: checked({ type: 'truefalse', value: true }, 1),
      q3: checked({ type: 'numeric', raw: '267' }, 1, true),
      q4: checked({ type: 'multiple', choices: ['a', 'c'] }, 1),
    };
    const score = attemptScore(quiz, states);
    expect(score.points).toBe(SECOND_TRY_CREDIT + 1 + 0 + 1);
    expect(score.right.sort()).toEqual(['q2', 'q4']);
    expect(score.missed.sort()).toEqual(['q1', 'q3']);
  });
});

describe('hints never name the key', () => {
  it('counts right options, items in place, and says too high or too low', () => {
    expect(derivedHint(multiple, gradeQuestion(multiple, { type: 'multiple', choices: ['b'] }))).toEqual({
      kind: 'multiple',
      count: 2,
      total: 4,
    });
    expect(derivedHint(numeric, gradeQuestion(numeric, { type: 'numeric', raw: '300' }))).toEqual({ kind: 'numeric', direction: 'high' });
    expect(derivedHint(numeric, gradeQuestion(numeric, { type: 'numeric', raw: '2' }))).toEqual({ kind: 'numeric', direction: 'low' });
    expect(derivedHint(single, gradeQuestion(single, { type: 'single', choice: 'a' }))).toBeNull();
  });
});

describe('a saved answer read back', () => {
  it('keeps what fits the question and refuses what does not', () => {
    expect(restoreResponse(single, { type: 'single', choice: 'b' })).toEqual({ type: 'single', choice: 'b' });
    expect(restoreResponse(single, { type: 'single', choice: 'z' })).toBeNull();
    expect(restoreResponse(single, { type: 'multiple', choices: [] })).toBeNull();
    expect(restoreResponse(multiple, { type: 'multiple', choices: ['a', 'a'] })).toBeNull();
    expect(restoreResponse(numeric, { type: 'numeric', raw: 'x'.repeat(81) })).toBeNull();
    expect(restoreResponse(tf, { type: 'truefalse', value: null })).toEqual(freshState(tf).response);
  });
});

describe('section ids', () => {
  it('numbers headings by position, h3 under their h2', () => {
    expect(sectionIds([2, 3, 3, 2, 2, 3])).toEqual(['s-1', 's-1-1', 's-1-2', 's-2', 's-3', 's-3-1']);
    for (const id of sectionIds([2, 3, 4, 2])) expect(id).toMatch(SECTION_ID);
  });

  it('every lesson has the same sections in both languages (so an id means the same place)', () => {
    for (const slug of readdirSync('content/lessons/en').map((f) => f.replace(/\.mdx$/, ''))) {
      const read = (locale: string) =>
        splitSections(readFileSync(`content/lessons/${locale}/${slug}.mdx`, 'utf8').replace(/^---[\s\S]*?---/, ''));
      expect(read('zh-cn').map((s) => [s.id, s.depth])).toEqual(read('en').map((s) => [s.id, s.depth]));
    }
  });

  it('a hint points to the section a question is about', () => {
    const body = readFileSync('content/lessons/en/loyalty-and-retention.mdx', 'utf8').replace(/^---[\s\S]*?---/, '');
    const sections = splitSections(body);
    const quizFile = parse(readFileSync('content/quizzes/loyalty-and-retention.yaml', 'utf8')) as QuizData;
    const bonds = quizFile.questions.find((q) => /bond/i.test(q.prompt.en))!;
    expect(closestSection(sections, quizSectionText(bonds))!.title).toMatch(/bond/i);
  });
});
