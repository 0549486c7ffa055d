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

// ---------------------------------------------------------------------------------------------
// Tries, hints and credit: a wrong check says so and gives a hint, not the key; the key and the explanations come
// after the last try or when the learner asks for them, and an answer shown that way earns nothing.

/** A right answer at the second try earns this share of the question's credit. */
export const SECOND_TRY_CREDIT = 0.5;

/** How many graded checks a question allows: true/false has one (a second try could not miss). */
export function maxTries(question: QuizQuestion): number {
  return question.type === 'truefalse' ? 1 : 2;
}

/** Where one question of an attempt stands (as kept in progress, so a reload or a language switch restores it). */
export interface QuestionState {
  response: QuizResponse;
  /** Graded checks so far. */
  tries: number;
  /** The feedback of the current response is on screen. */
  checked: boolean;
  /** The answer was shown on request. */
  shown: boolean;
}

export function freshState(question: QuizQuestion, order: readonly string[] = []): QuestionState {
  return { response: emptyResponse(question, order), tries: 0, checked: false, shown: false };
}

/** The grade of the response on screen, or undefined when it has not been checked. */
export function gradeOf(question: QuizQuestion, s: QuestionState): Grade | undefined {
  return s.checked ? gradeQuestion(question, s.response) : undefined;
}

/** Graded mode: nothing can change any more (right, out of tries, or shown); the key and explanations are shown. */
export function isSettled(question: QuizQuestion, s: QuestionState): boolean {
  if (s.shown) return true;
  const g = gradeOf(question, s);
  return g !== undefined && (g.correct || s.tries >= maxTries(question));
}

/** What a settled question earns: its score at the first try, half at the second, nothing once shown. */
export function creditOf(question: QuizQuestion, s: QuestionState): number {
  if (s.shown) return 0;
  const g = gradeOf(question, s);
  if (!g) return 0;
  return g.score * (s.tries <= 1 ? 1 : SECOND_TRY_CREDIT);
}

export interface AttemptScore extends QuizScore {
  /** Questions answered right at the first try, answer not shown (they leave the revise list). */
  right: string[];
}

/** Points of an attempt: the sum of credits; missed = every question not right at the first try (or shown). */
export function attemptScore(quiz: QuizData, states: Readonly<Record<string, QuestionState>>): AttemptScore {
  let points = 0;
  const missed: string[] = [];
  const right: string[] = [];
  for (const q of quiz.questions) {
    const s = states[q.id];
    if (!s) {
      missed.push(q.id);
      continue;
    }
    points += creditOf(q, s);
    if (!s.shown && s.tries === 1 && gradeOf(q, s)?.correct) right.push(q.id);
    else missed.push(q.id);
  }
  const total = quiz.questions.length;
  return { points, total, fraction: total === 0 ? 0 : points / total, missed, right };
}

/**
 * A hint after a wrong check, derived from the question and the response without naming the key: how many options
 * are right, how many items or pairs are already right, whether a number is too high or too low. Null when the
 * question's type gives nothing to count (single choice, true/false): the view then points to the lesson's section.
 */
export type DerivedHint =
  { kind: 'multiple' | 'ordering' | 'matching'; count: number; total: number } | { kind: 'numeric'; direction: 'high' | 'low' } | null;

export function derivedHint(question: QuizQuestion, grade: Grade | undefined): DerivedHint {
  switch (question.type) {
    case 'multiple':
      return { kind: 'multiple', count: question.answer.length, total: question.options.length };
    case 'ordering':
    case 'matching': {
      const right = Object.values(grade?.itemsRight ?? {}).filter(Boolean).length;
      return { kind: question.type, count: right, total: question.type === 'ordering' ? question.items.length : question.pairs.length };
    }
    case 'numeric':
      return grade?.parsed === undefined || grade.parsed === null
        ? null
        : { kind: 'numeric', direction: grade.parsed > question.answer ? 'high' : 'low' };
    default:
      return null;
  }
}

/**
 * A saved response read back for a question as it is now: the same type, only ids the question has, an ordering that is
 * a permutation of its items. Null when it no longer fits (the question changed since), so the question starts afresh.
 */
export function restoreResponse(question: QuizQuestion, saved: unknown): QuizResponse | null {
  if (typeof saved !== 'object' || saved === null) return null;
  const r = saved as Record<string, unknown>;
  if (r.type !== question.type) return null;
  const ids = new Set(shuffleableIds(question));
  const isIds = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string' && ids.has(x));
  switch (question.type) {
    case 'single':
      return r.choice === null || (typeof r.choice === 'string' && ids.has(r.choice))
        ? { type: 'single', choice: r.choice as string | null }
        : null;
    case 'multiple':
      return isIds(r.choices) && new Set(r.choices).size === r.choices.length ? { type: 'multiple', choices: [...r.choices] } : null;
    case 'truefalse':
      return r.value === null || typeof r.value === 'boolean' ? { type: 'truefalse', value: r.value as boolean | null } : null;
    case 'numeric':
      return typeof r.raw === 'string' && r.raw.length <= 80 ? { type: 'numeric', raw: r.raw } : null;
    case 'ordering':
      return isIds(r.order) && r.order.length === ids.size && new Set(r.order).size === ids.size
        ? { type: 'ordering', order: [...r.order] }
        : null;
    case 'matching': {
      const m = r.matches;
      if (typeof m !== 'object' || m === null) return null;
      const entries = Object.entries(m as Record<string, unknown>);
      const ok =
        entries.length === ids.size && entries.every(([k, v]) => ids.has(k) && (v === '' || (typeof v === 'string' && ids.has(v))));
      return ok ? { type: 'matching', matches: Object.fromEntries(entries) as Record<string, string> } : null;
    }
  }
}

/** The English text of a question, its right answer and its explanations: what a hint's section is matched against. */
export function quizSectionText(question: QuizQuestion): string {
  const parts = [question.prompt.en];
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const right = question.type === 'single' ? [question.answer] : question.answer;
      for (const o of question.options) if (right.includes(o.id)) parts.push(o.text.en, o.explanation.en);
      break;
    }
    case 'ordering':
      parts.push(...question.items.map((i) => i.text.en), question.explanation.en);
      break;
    case 'matching':
      parts.push(...question.pairs.map((p) => `${p.left.en} ${p.right.en}`), question.explanation.en);
      break;
    default:
      parts.push(question.explanation.en);
  }
  return parts.join(' ');
}
