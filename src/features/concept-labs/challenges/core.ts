// The "try this" challenges of the concept labs: what a challenge is (a setup, a checker and an answer, both computed
// by the lab's own pure functions), the facts its messages name, and how attempts go: a hint after the first wrong
// check, the answer after the second or on request, as the quiz does. Pure: no DOM, no storage, no strings.
import { snapToRange } from '@/kit/urlState';

/** A value a challenge's message names; the view formats it in the page's language. */
export type Fact =
  | { kind: 'number'; value: number; digits: number }
  | { kind: 'percent'; value: number; digits: number }
  | { kind: 'money'; value: number }
  /** The name of a thing of the lab (an offer, an item, a level, an action), by kind and id. */
  | { kind: 'name'; of: string; id: string };
export type Facts = Readonly<Record<string, Fact>>;

export const fact = {
  number: (value: number, digits = 0): Fact => ({ kind: 'number', value, digits }),
  percent: (value: number, digits = 0): Fact => ({ kind: 'percent', value, digits }),
  money: (value: number): Fact => ({ kind: 'money', value }),
  name: (of: string, id: string): Fact => ({ kind: 'name', of, id }),
};

/** right: solved; wrong: a real attempt that misses; setup: the settings are not the challenge's situation (no attempt). */
export type Status = 'right' | 'wrong' | 'setup';

export interface Outcome {
  status: Status;
  /** The message that says it (the last part of its string key); the status itself when absent. */
  message?: string;
  facts: Facts;
}

export interface Answer {
  /** The message that gives it; 'answer' when absent. */
  message?: string;
  facts: Facts;
}

export interface Challenge<S> {
  /** Stable id (progress is kept under `<lab>/<id>`); also the string key part `challenge.<id>.*`. */
  id: string;
  /** The settings the challenge starts from, on top of the lab's example ("Set up" applies them). */
  setup?: Partial<S>;
  /** Facts the statement names (e.g. the quarter the cohort pays back in before any action). */
  givens?: () => Facts;
  check: (state: S) => Outcome;
  answer: (state: S) => Answer;
  /** Checking runs the market model many times: the view says "Checking…" and lets the page paint first. */
  heavy?: boolean;
}

/** What the learner did with one challenge. */
export interface ChallengeRecord {
  /** Checks that missed. */
  wrong: number;
  /** The answer was shown (on request or after the second miss). */
  revealed: boolean;
  /** When it was first solved (ISO time), or null. */
  solvedAt: string | null;
}

export const NEW_RECORD: ChallengeRecord = { wrong: 0, revealed: false, solvedAt: null };
/** Misses after which the answer is shown without asking. */
export const MISSES_BEFORE_ANSWER = 2;

/** The record after a check: a miss counts (and the second shows the answer), a right one is kept; a setup message changes nothing. */
export function afterCheck(record: ChallengeRecord, status: Status, nowIso: string): ChallengeRecord {
  if (status === 'setup') return record;
  if (status === 'right') return record.solvedAt ? record : { ...record, solvedAt: nowIso };
  const wrong = record.wrong + 1;
  return { ...record, wrong, revealed: record.revealed || wrong >= MISSES_BEFORE_ANSWER };
}

export function afterReveal(record: ChallengeRecord): ChallengeRecord {
  return record.revealed ? record : { ...record, revealed: true };
}

/** The hint shows after the first miss (and stays with the answer). */
export function showsHint(record: ChallengeRecord): boolean {
  return record.wrong > 0 || record.revealed;
}

/** Applies a challenge's setup on top of the lab's example values. */
export function setupState<S extends object>(example: S, setup: Partial<S> | undefined): S {
  const copy = structuredClone(example);
  return { ...copy, ...structuredClone(setup ?? {}) };
}

/** A number compared with a slider value (steps leave floating-point dust: 3.5000000000000004). */
export function same(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-9;
}

/** Every value a slider can hold, from min to max, rounded as the lab's bridge rounds what a control sets. */
export function sliderValues(range: { min: number; max: number; step: number }): number[] {
  const n = Math.round((range.max - range.min) / range.step);
  return Array.from({ length: n + 1 }, (_, k) => snapToRange(range.min + k * range.step, range));
}
