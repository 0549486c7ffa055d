// The result file a student hands in after a scenario: its shape, how the scenario page writes it and names
// the download. No zod here, so the scenario page stays small; reading an untrusted file is resultCheck.ts.
// A file holds the run record (runRecord.ts) plus the figures it claims and the name the student typed.
import { stripControls } from '@sim/text';
import type { LevelId } from '@sim/market';
// A file holds at most what one scenario can: the model's caps on rounds and quarters.
import { MAX_QUARTERS, MAX_ROUNDS } from '@sim/limits';

export const RESULT_FORMAT = 'crm-lab-result';
export const RESULT_FORMAT_VERSION = 1;
/** Real files are a few kilobytes; anything over 1 MB is refused unread. */
export const MAX_RESULT_BYTES = 1_000_000;
export const MAX_NAME_LENGTH = 60;

/** A control's value: a number, or for a level-preset control the level's name (never its position). */
export type DecisionValue = number | LevelId;
/** One round's decisions: control id → value (only the controls the student could set). */
export type Decision = Record<string, DecisionValue>;

export interface ClaimedResults {
  /** Customer equity at the end of each quarter played. */
  equity: number[];
  /** Retention rate (0..1) of each quarter played. */
  retention: number[];
  /** Score against the scenario's goal, as the scenario page computed it (the engine's, capped at 1). */
  score: number;
  goalMet: boolean;
}

export interface ResultFile {
  format: typeof RESULT_FORMAT;
  formatVersion: typeof RESULT_FORMAT_VERSION;
  scenarioId: string;
  scenarioVersion: number;
  seed: string;
  /** Controls the teacher's link locked on top of the scenario's own locks, as the page applied them. */
  locks: string[];
  modelVersion: string;
  decisions: Decision[];
  claimed: ClaimedResults;
  /** The only personal field: the name the student typed before the download. */
  name?: string;
}

/** Removes control characters and trims; the name is shown as text only, never as markup. */
export function cleanName(name: string | undefined | null): string | undefined {
  if (typeof name !== 'string') return undefined;
  // C0/C1 controls and bidi overrides could disguise a name.
  const cleaned = stripControls(name).trim();
  if (cleaned === '') return undefined;
  return [...cleaned].slice(0, MAX_NAME_LENGTH).join('').slice(0, MAX_NAME_LENGTH);
}

export interface CreateInput {
  scenarioId: string;
  scenarioVersion: number;
  seed: string;
  locks: readonly string[];
  modelVersion: string;
  decisions: readonly Decision[];
  claimed: ClaimedResults;
  name?: string;
}

/**
 * Builds a result file from a finished run; copies every value so later edits cannot leak in. The page builds
 * it from its own validated state; a file longer than the model allows is refused here rather than by the board.
 */
export function createResultFile(input: CreateInput): ResultFile {
  if (input.decisions.length < 1 || input.decisions.length > MAX_ROUNDS)
    throw new RangeError(`Invalid result file: decisions: ${input.decisions.length} rounds (1 to ${MAX_ROUNDS})`);
  for (const key of ['equity', 'retention'] as const)
    if (input.claimed[key].length < 1 || input.claimed[key].length > MAX_QUARTERS)
      throw new RangeError(`Invalid result file: claimed.${key}: ${input.claimed[key].length} quarters (1 to ${MAX_QUARTERS})`);
  const file: ResultFile = {
    format: RESULT_FORMAT,
    formatVersion: RESULT_FORMAT_VERSION,
    scenarioId: input.scenarioId,
    scenarioVersion: input.scenarioVersion,
    seed: input.seed,
    locks: [...input.locks].sort(),
    modelVersion: input.modelVersion,
    decisions: input.decisions.map((d) => ({ ...d })),
    claimed: {
      equity: [...input.claimed.equity],
      retention: [...input.claimed.retention],
      score: input.claimed.score,
      goalMet: input.claimed.goalMet,
    },
  };
  const name = cleanName(input.name);
  if (name !== undefined) file.name = name;
  return file;
}

export function serializeResultFile(file: ResultFile): string {
  return `${JSON.stringify(file, null, 1)}\n`;
}

/** A name as part of a file name: letters and digits of any script, other runs of characters as one "-". */
export function fileNamePart(text: string, max = 40): string {
  const part = [
    ...text
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, ''),
  ]
    .slice(0, max)
    .join('');
  return part.replace(/-+$/, '');
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The download's name: scenario, the student's name and the local time of the download, so that a class's
 * files can sit in one folder without overwriting each other (`crm-lab-budget-cut-li-lei-2026-11-30-1405.json`).
 */
export function resultFileName(file: Pick<ResultFile, 'scenarioId' | 'seed' | 'name'>, when: Date): string {
  const who = fileNamePart(file.name ?? '') || fileNamePart(file.seed);
  const time = `${when.getFullYear()}-${two(when.getMonth() + 1)}-${two(when.getDate())}-${two(when.getHours())}${two(when.getMinutes())}`;
  return `crm-lab-${file.scenarioId}-${who.toLowerCase()}-${time}.json`;
}
