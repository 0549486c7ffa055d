// Quiz engine: question types (as stored in content/quizzes/*.yaml), grading of every type and the
// seeded layout (option order) of an attempt. Pure functions only: no DOM, no storage, no
// Math.random, no localized UI strings (the view owns those).

import { seededShuffle } from './random';
import type { Loc } from '@/content/schemas/common';
import type { Question, QuizData as SchemaQuizData } from '@/content/schemas/quiz';

export type { Loc };
export type QuizLang = 'en' | 'zh';

/** Question types come from LEAD's zod schema, so the engine and the content files cannot drift. */
export type QuizQuestion = Question;
export type QuizData = SchemaQuizData;
export type QuestionType = QuizQuestion['type'];
export type SingleQuestion = Extract<QuizQuestion, { type: 'single' }>;
export type MultipleQuestion = Extract<QuizQuestion, { type: 'multiple' }>;
export type TrueFalseQuestion = Extract<QuizQuestion, { type: 'truefalse' }>;
export type NumericQuestion = Extract<QuizQuestion, { type: 'numeric' }>;
export type OrderingQuestion = Extract<QuizQuestion, { type: 'ordering' }>;
export type MatchingQuestion = Extract<QuizQuestion, { type: 'matching' }>;
export type QuizOption = SingleQuestion['options'][number];

/** What the learner has entered for one question. */
export type QuizResponse =
  | { type: 'single'; choice: string | null }
  | { type: 'multiple'; choices: string[] }
  | { type: 'truefalse'; value: boolean | null }
  | { type: 'numeric'; raw: string }
  | { type: 'ordering'; order: string[] }
  /** left pair id → pair id whose right-hand text the learner chose ('' = nothing chosen). */
  | { type: 'matching'; matches: Record<string, string> };

export interface Grade {
  /** 0..1 credit for this question. */
  score: number;
  /** True only for full credit. */
  correct: boolean;
  /** False when nothing (or nothing readable) was entered: the view asks for an answer instead. */
  answered: boolean;
  /** numeric: the number read from the input, or null when it could not be read. */
  parsed?: number | null;
  /** ordering / matching: per item id, whether it is in the right place / matched rightly. */
  itemsRight?: Record<string, boolean>;
}

const FULL_WIDTH_DIGIT_ZERO = 0xff10;

/**
 * Reads a number as learners type it in either locale: "266.67", "266,67" (decimal comma),
 * "1,234.5", "1.234,5", "1 234,5", full-width digits "２６６．６７", minus signs "−"/"－",
 * and a leading "+". Returns null when the text is not a plain number.
 *
 * Comma rule (documented because it is ambiguous): when both "." and "," appear, the last one
 * is the decimal separator. With commas only, a single comma followed by exactly three digits
 * ("1,234") is a thousands separator — the convention in both English and Chinese — and any
 * other single comma ("266,67", "0,8") is a decimal comma. Several commas are grouping.
 */
export function parseLocaleNumber(input: string): number | null {
  let s = '';
  for (const ch of input.normalize('NFKC')) {
    const code = ch.charCodeAt(0);
    if (code >= FULL_WIDTH_DIGIT_ZERO && code <= FULL_WIDTH_DIGIT_ZERO + 9) {
      s += String(code - FULL_WIDTH_DIGIT_ZERO);
    } else if (ch === '\u2212' || ch === '\u2013' || ch === '\uff0d') {
      s += '-';
    } else if (ch === '\u3002' || ch === '\uff0e') {
      s += '.';
    } else if (ch === '\uff0c' || ch === '\u060c') {
      s += ',';
    } else if (/\s/u.test(ch) || ch === '\u00a0' || ch === '\u202f' || ch === "'" || ch === '_') {
      continue;
    } else {
      s += ch;
    }
  }
  if (!/^[+-]?[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const sign = s.startsWith('-') ? -1 : 1;
  s = s.replace(/^[+-]/, '');
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let normalized: string;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const [intPart, fracPart, ...rest] = s.split(decimal);
    if (rest.length > 0 || fracPart === undefined) return null;
    if (!isValidGrouping(intPart ?? '', group)) return null;
    normalized = `${(intPart ?? '').split(group).join('')}.${fracPart}`;
  } else if (lastComma >= 0) {
    const parts = s.split(',');
    if (parts.length === 2 && (parts[1] ?? '').length !== 3) {
      normalized = `${parts[0]}.${parts[1]}`;
    } else {
      if (!isValidGrouping(s, ',')) return null;
      normalized = parts.join('');
    }
  } else {
    if ((s.match(/\./g) ?? []).length > 1) {
      if (!isValidGrouping(s, '.')) return null;
      normalized = s.split('.').join('');
    } else {
      normalized = s;
    }
  }
  if (!/^\d*\.?\d*$/.test(normalized) || normalized === '.' || normalized === '') return null;
  const value = sign * Number(normalized);
  return Number.isFinite(value) ? value : null;
}

/** "1,234,567" style grouping: first group 1–3 digits, the others exactly 3. */
function isValidGrouping(text: string, group: string): boolean {
  const groups = text.split(group);
  if (groups.length === 1) return /^\d*$/.test(text);
  return groups.every((g, i) => (i === 0 ? /^\d{1,3}$/.test(g) : /^\d{3}$/.test(g)));
}

/** Floating-point slack so that a tolerance of 1 accepts exactly 267.67 for 266.67. */
const NUMERIC_EPSILON = 1e-9;

/**
 * Grades one response. Credit rules (shown to learners on the quiz page as well):
 * - single, true/false, numeric: 1 or 0. Numeric is right when |input − answer| ≤ tolerance.
 * - multiple: (right options picked − wrong options picked) / number of right options,
 *   floored at 0; so ticking everything earns nothing, and full credit needs every right option
 *   and no wrong one.
 * - ordering: share of items that sit in their right position.
 * - matching: share of left-hand items matched to their right partner.
 */
export function gradeQuestion(question: QuizQuestion, response: QuizResponse | undefined): Grade {
  const none: Grade = { score: 0, correct: false, answered: false };
  if (!response || response.type !== question.type) return none;
  switch (question.type) {
    case 'single': {
      if (response.type !== 'single' || response.choice === null) return none;
      const ok = response.choice === question.answer;
      return { score: ok ? 1 : 0, correct: ok, answered: true };
    }
    case 'multiple': {
      if (response.type !== 'multiple' || response.choices.length === 0) return none;
      const right = new Set(question.answer);
      const picked = new Set(response.choices);
      let rightPicks = 0;
      let wrongPicks = 0;
      for (const id of picked) {
        if (right.has(id)) rightPicks++;
        else wrongPicks++;
      }
      const score = right.size === 0 ? 0 : Math.max(0, (rightPicks - wrongPicks) / right.size);
      return { score, correct: score === 1, answered: true };
    }
    case 'truefalse': {
      if (response.type !== 'truefalse' || response.value === null) return none;
      const ok = response.value === question.answer;
      return { score: ok ? 1 : 0, correct: ok, answered: true };
    }
    case 'numeric': {
      if (response.type !== 'numeric' || response.raw.trim() === '') return none;
      const parsed = parseLocaleNumber(response.raw);
      if (parsed === null) return { ...none, parsed: null };
      const ok = Math.abs(parsed - question.answer) <= question.tolerance + NUMERIC_EPSILON;
      return { score: ok ? 1 : 0, correct: ok, answered: true, parsed };
    }
    case 'ordering': {
      if (response.type !== 'ordering') return none;
      const itemsRight: Record<string, boolean> = {};
      let inPlace = 0;
      question.items.forEach((item, index) => {
        const ok = response.order[index] === item.id;
        itemsRight[item.id] = ok;
        if (ok) inPlace++;
      });
      const score = question.items.length === 0 ? 0 : inPlace / question.items.length;
      return { score, correct: score === 1, answered: true, itemsRight };
    }
    case 'matching': {
      if (response.type !== 'matching') return none;
      const chosen = Object.values(response.matches).filter((v) => v !== '');
      if (chosen.length === 0) return none;
      const itemsRight: Record<string, boolean> = {};
      let matched = 0;
      for (const pair of question.pairs) {
        const ok = response.matches[pair.id] === pair.id;
        itemsRight[pair.id] = ok;
        if (ok) matched++;
      }
      const score = question.pairs.length === 0 ? 0 : matched / question.pairs.length;
      return { score, correct: score === 1, answered: true, itemsRight };
    }
  }
}

/** The response that shows the right answer (used by "show answer"). */
export function correctResponse(question: QuizQuestion): QuizResponse {
  switch (question.type) {
    case 'single':
      return { type: 'single', choice: question.answer };
    case 'multiple':
      return { type: 'multiple', choices: [...question.answer] };
    case 'truefalse':
      return { type: 'truefalse', value: question.answer };
    case 'numeric':
      return { type: 'numeric', raw: String(question.answer) };
    case 'ordering':
      return { type: 'ordering', order: question.items.map((i) => i.id) };
    case 'matching':
      return {
        type: 'matching',
        matches: Object.fromEntries(question.pairs.map((p) => [p.id, p.id])),
      };
  }
}

/**
 * Option order for one attempt. `ids` are the option / item / right-hand ids in file order.
 * For ordering questions the start order must not already be the answer, so a shuffle that
 * lands on the right order is rotated by one. A retry (`previous` given) never repeats the
 * previous order when another order exists.
 */
export function attemptOrder(ids: readonly string[], seed: string, options: { avoid?: readonly (readonly string[])[] } = {}): string[] {
  const avoid = options.avoid ?? [];
  if (ids.length < 2) return ids.slice();
  let order = seededShuffle(ids, seed);
  for (let turn = 0; turn < ids.length && avoid.some((a) => sameOrder(a, order)); turn++) {
    order = [...order.slice(1), order[0] as string];
  }
  return order;
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The ids a question shuffles: options, ordering items or matching right-hand texts. */
export function shuffleableIds(question: QuizQuestion): string[] {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.options.map((o) => o.id);
    case 'ordering':
      return question.items.map((i) => i.id);
    case 'matching':
      return question.pairs.map((p) => p.id);
    default:
      return [];
  }
}

/**
 * Layout of a whole attempt: question id → shuffled ids. Attempt n uses the seed
 * `${seed}:${n}`; from the second attempt on, the previous attempt's order is avoided so a retry
 * always looks different.
 */
export function attemptLayout(quiz: QuizData, seed: string, attempt: number): Record<string, string[]> {
  const layout: Record<string, string[]> = {};
  for (const q of quiz.questions) {
    const ids = shuffleableIds(q);
    if (ids.length === 0) continue;
    const avoid: string[][] = [];
    if (q.type === 'ordering') avoid.push(ids);
    if (attempt > 0) avoid.push(attemptLayout({ lesson: quiz.lesson, questions: [q] }, seed, attempt - 1)[q.id] ?? []);
    layout[q.id] = attemptOrder(ids, `${seed}:${q.id}:${attempt}`, { avoid });
  }
  return layout;
}

/** An empty response for a question, with the ordering items in their shuffled start order. */
export function emptyResponse(question: QuizQuestion, order: readonly string[] = []): QuizResponse {
  switch (question.type) {
    case 'single':
      return { type: 'single', choice: null };
    case 'multiple':
      return { type: 'multiple', choices: [] };
    case 'truefalse':
      return { type: 'truefalse', value: null };
    case 'numeric':
      return { type: 'numeric', raw: '' };
    case 'ordering':
      return { type: 'ordering', order: order.length ? [...order] : question.items.map((i) => i.id) };
    case 'matching':
      return { type: 'matching', matches: Object.fromEntries(question.pairs.map((p) => [p.id, ''])) };
  }
}

/** Moves the item at `index` by `delta` places (keyboard move-up / move-down). */
export function moveItem(order: readonly string[], index: number, delta: -1 | 1): string[] {
  const target = index + delta;
  if (index < 0 || index >= order.length || target < 0 || target >= order.length) return order.slice();
  const out = order.slice();
  const tmp = out[index] as string;
  out[index] = out[target] as string;
  out[target] = tmp;
  return out;
}

export interface QuizScore {
  /** Sum of question credits. */
  points: number;
  total: number;
  /** points / total, 0..1. */
  fraction: number;
  /** Ids of questions without full credit. */
  missed: string[];
}

export function scoreQuiz(quiz: QuizData, grades: Record<string, Grade>): QuizScore {
  let points = 0;
  const missed: string[] = [];
  for (const q of quiz.questions) {
    const g = grades[q.id];
    points += g?.score ?? 0;
    if (!g?.correct) missed.push(q.id);
  }
  const total = quiz.questions.length;
  return { points, total, fraction: total === 0 ? 0 : points / total, missed };
}

/** The text of a bilingual field in the page language (quiz files use `zh` for zh-cn). */
export function loc(text: Loc | undefined, lang: QuizLang): string {
  return text ? text[lang] : '';
}
