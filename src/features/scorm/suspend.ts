// cmi.suspend_data of a package: the run so far in a compact, versioned text (at most 4,096 characters, the
// SCORM 1.2 limit), so a student who leaves comes back to the same round. Pure codec: what it decodes is
// untrusted (the LMS hands back whatever it stored) and is checked again by the player before use.
import { LEVELS, type LevelId } from '@sim/market';
import { MAX_SUSPEND_CHARS } from './cmi';
import type { Decision, DecisionValue } from '@/features/teach/resultFile';

/**
 * Scenario runs: `C1;<scenario id>;<scenario version>;<seed>;<locks , separated>;<run number>;<rounds>`.
 * Rounds are separated by `/`; a round lists the values of the open controls in the order the caller
 * gives (the scenario's controls minus every lock), separated by `,`; a level is `~` and its position in
 * LEVELS. Control ids are not repeated in every round: the order is fixed by the scenario and the locks.
 */
export const SCENARIO_TAG = 'C1';
/** Quizzes: `Q1;<lesson>;<graded attempts>;<best score in ten-thousandths>`. */
export const QUIZ_TAG = 'Q1';

export interface ScenarioSuspend {
  scenarioId: string;
  scenarioVersion: number;
  seed: string;
  locks: string[];
  /** 1 for the first run of this package; a restart starts the next. */
  run: number;
  decisions: Decision[];
}

export interface QuizSuspend {
  lesson: string;
  attempts: number;
  /** Best graded score so far, 0..1. */
  best: number;
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: 'empty' | 'otherFormat' | 'malformed' };

const ID = /^[a-z0-9][a-z0-9-]{0,60}$/;
const SEED = /^[A-Za-z0-9_-]{1,40}$/;
const CONTROL = /^[A-Za-z][A-Za-z0-9_-]{0,40}(\.[A-Za-z][A-Za-z0-9_-]{0,40}){0,3}$/;
const NUMBER = /^-?(\d+(\.\d+)?|\.\d+)(e[+-]?\d+)?$/i;

function encodeValue(value: DecisionValue): string {
  if (typeof value === 'string') return `~${LEVELS.indexOf(value)}`;
  return String(value);
}

function decodeValue(text: string): DecisionValue | null {
  if (text.startsWith('~')) {
    const level = LEVELS[Number(text.slice(1))] as LevelId | undefined;
    return /^~\d$/.test(text) && level !== undefined ? level : null;
  }
  if (!NUMBER.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/**
 * The suspend text of a run, or null when it would be longer than SCORM 1.2 allows (or a decision sets a
 * control outside `openIds`, which the player never does). `openIds`: the open controls, in a fixed order.
 */
export function encodeScenario(data: ScenarioSuspend, openIds: readonly string[]): string | null {
  const rounds: string[] = [];
  for (const d of data.decisions) {
    if (Object.keys(d).some((id) => !openIds.includes(id))) return null;
    rounds.push(openIds.map((id) => (Object.hasOwn(d, id) ? encodeValue(d[id]!) : '')).join(','));
  }
  const text = [
    SCENARIO_TAG,
    data.scenarioId,
    data.scenarioVersion,
    data.seed,
    [...data.locks].sort().join(','),
    data.run,
    rounds.join('/'),
  ].join(';');
  return text.length <= MAX_SUSPEND_CHARS ? text : null;
}

/**
 * Reads a suspend text. `openIdsFor(locks)`: the open controls in the order encodeScenario used, for the
 * locks the text names (null when a lock is not one the scenario allows).
 */
export function decodeScenario(text: string, openIdsFor: (locks: string[]) => readonly string[] | null): Decoded<ScenarioSuspend> {
  if (text === '') return { ok: false, problem: 'empty' };
  if (text.length > MAX_SUSPEND_CHARS) return { ok: false, problem: 'malformed' };
  const parts = text.split(';');
  if (parts[0] !== SCENARIO_TAG) return { ok: false, problem: 'otherFormat' };
  if (parts.length !== 7) return { ok: false, problem: 'malformed' };
  const [, scenarioId, version, seed, lockText, runText, roundText] = parts as [string, string, string, string, string, string, string];
  const locks = lockText === '' ? [] : lockText.split(',');
  if (!ID.test(scenarioId) || !/^\d{1,7}$/.test(version) || !SEED.test(seed) || !/^[1-9]\d{0,5}$/.test(runText)) {
    return { ok: false, problem: 'malformed' };
  }
  if (!locks.every((id) => CONTROL.test(id))) return { ok: false, problem: 'malformed' };
  const openIds = openIdsFor(locks);
  if (openIds === null) return { ok: false, problem: 'malformed' };
  const decisions: Decision[] = [];
  for (const round of roundText === '' ? [] : roundText.split('/')) {
    const values = round.split(',');
    if (values.length !== openIds.length) return { ok: false, problem: 'malformed' };
    const d: Decision = {};
    for (let i = 0; i < values.length; i++) {
      if (values[i] === '') continue;
      const value = decodeValue(values[i]!);
      if (value === null) return { ok: false, problem: 'malformed' };
      d[openIds[i]!] = value;
    }
    decisions.push(d);
  }
  return { ok: true, value: { scenarioId, scenarioVersion: Number(version), seed, locks, run: Number(runText), decisions } };
}

export function encodeQuiz(data: QuizSuspend): string {
  const best = Math.round(Math.min(1, Math.max(0, data.best)) * 10_000);
  return [QUIZ_TAG, data.lesson, Math.max(0, Math.floor(data.attempts)), best].join(';');
}

export function decodeQuiz(text: string): Decoded<QuizSuspend> {
  if (text === '') return { ok: false, problem: 'empty' };
  const parts = text.split(';');
  if (parts[0] !== QUIZ_TAG) return { ok: false, problem: 'otherFormat' };
  const [, lesson = '', attempts = '', best = ''] = parts;
  if (parts.length !== 4 || !ID.test(lesson) || !/^\d{1,6}$/.test(attempts) || !/^\d{1,5}$/.test(best) || Number(best) > 10_000) {
    return { ok: false, problem: 'malformed' };
  }
  return { ok: true, value: { lesson, attempts: Number(attempts), best: Number(best) / 10_000 } };
}
