// Reading and checking a result file on the class board: a file is untrusted input, size-checked, parsed with
// JSON.parse, checked by a zod schema and copied field by field, then re-simulated from its decisions to tell
// whether its figures are genuine. Never rendered as markup. The class's own rules (seed, locks) are board.ts.
import { z } from 'zod';
import { LEVELS, type LevelId } from '@sim/market';
import { RESERVED_KEYS } from '@sim/text';
import { MAX_QUARTERS, MAX_ROUNDS } from '@sim/limits';
import {
  MAX_NAME_LENGTH,
  MAX_RESULT_BYTES,
  RESULT_FORMAT,
  RESULT_FORMAT_VERSION,
  cleanName,
  type ClaimedResults,
  type Decision,
  type ResultFile,
} from './resultFile';

const MAX_CONTROLS = 80;
/** Control ids are dotted identifiers (`promiseLevel`, `mass.proactive`); never prototype keys. */
const CONTROL_ID = /^[A-Za-z][A-Za-z0-9_-]{0,40}(\.[A-Za-z][A-Za-z0-9_-]{0,40}){0,3}$/;

const controlId = z
  .string()
  .regex(CONTROL_ID)
  .refine((id) => id.split('.').every((part) => !RESERVED_KEYS.has(part)), 'reserved key');
const finite = z.number();
/** Level presets are stored by name; files of older pages may hold a level's position (a number). */
const decisionValueSchema = z.union([finite, z.enum(LEVELS as readonly [LevelId, ...LevelId[]])]);
const decisionSchema = z.record(controlId, decisionValueSchema).refine((d) => Object.keys(d).length <= MAX_CONTROLS, 'too many controls');

const resultSchema = z
  .object({
    format: z.literal(RESULT_FORMAT),
    formatVersion: z.literal(RESULT_FORMAT_VERSION),
    scenarioId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,60}$/),
    scenarioVersion: z.number().int().min(0).max(1_000_000),
    seed: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
    locks: z.array(controlId).max(MAX_CONTROLS),
    modelVersion: z.string().regex(/^[0-9A-Za-z.+-]{1,30}$/),
    decisions: z.array(decisionSchema).min(1).max(MAX_ROUNDS),
    claimed: z
      .object({
        equity: z.array(finite).min(1).max(MAX_QUARTERS),
        retention: z.array(z.number().min(0).max(1)).min(1).max(MAX_QUARTERS),
        score: finite,
        goalMet: z.boolean(),
      })
      .strict(),
    name: z.string().max(MAX_NAME_LENGTH).optional(),
  })
  .strict();

export type RejectReason = 'tooLarge' | 'notJson' | 'hostile' | 'notResult' | 'formatVersion' | 'schema';

export type ParseOutcome = { ok: true; file: ResultFile } | { ok: false; reason: RejectReason; detail: string };

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join('.') || '(root)';
  return `${path}: ${issue?.message ?? 'invalid'}`.slice(0, 120);
}

/**
 * Parses untrusted text into a result file. `byteSize` is the file's size on disk when known
 * (checked before reading, so a huge file is never read). Never throws.
 */
export function parseResultFile(text: string, byteSize = text.length): ParseOutcome {
  if (byteSize > MAX_RESULT_BYTES || text.length > MAX_RESULT_BYTES) {
    return { ok: false, reason: 'tooLarge', detail: String(byteSize) };
  }
  let data: unknown;
  let hostileKey: string | null = null;
  try {
    // The reviver only looks: it flags keys that could pollute prototypes if copied carelessly.
    data = JSON.parse(text, function reviver(key, value: unknown) {
      if (RESERVED_KEYS.has(key)) hostileKey = key;
      return value;
    });
  } catch (error) {
    return { ok: false, reason: 'notJson', detail: error instanceof Error ? error.message.slice(0, 120) : 'JSON' };
  }
  if (hostileKey !== null) return { ok: false, reason: 'hostile', detail: hostileKey };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, reason: 'notResult', detail: 'not an object' };
  }
  const format = (data as { format?: unknown }).format;
  if (format !== RESULT_FORMAT) return { ok: false, reason: 'notResult', detail: 'format' };
  const formatVersion = (data as { formatVersion?: unknown }).formatVersion;
  if (formatVersion !== RESULT_FORMAT_VERSION) {
    return { ok: false, reason: 'formatVersion', detail: String(formatVersion).slice(0, 20) };
  }
  const parsed = resultSchema.safeParse(data);
  if (!parsed.success) return { ok: false, reason: 'schema', detail: describeIssue(parsed.error) };
  const file = parsed.data;
  const copy: ResultFile = {
    format: RESULT_FORMAT,
    formatVersion: RESULT_FORMAT_VERSION,
    scenarioId: file.scenarioId,
    scenarioVersion: file.scenarioVersion,
    seed: file.seed,
    locks: [...file.locks],
    modelVersion: file.modelVersion,
    decisions: file.decisions.map((d) => copyDecision(d)),
    claimed: { ...file.claimed, equity: [...file.claimed.equity], retention: [...file.claimed.retention] },
  };
  const name = cleanName(file.name);
  if (name !== undefined) copy.name = name;
  return { ok: true, file: copy };
}

/** A decision rebuilt on a fresh plain object from validated keys only. */
function copyDecision(d: Decision): Decision {
  const out: Decision = {};
  for (const key of Object.keys(d)) {
    if (!RESERVED_KEYS.has(key)) Object.defineProperty(out, key, { value: d[key], enumerable: true, writable: true, configurable: true });
  }
  return out;
}

// ---------------------------------------------------------------- is the file genuine?

/** What re-simulating a file says about the file itself (the class's seed and locks are judged in board.ts). */
export type Genuineness =
  | { status: 'genuine' }
  | { status: 'tampered'; what: 'decisions' | 'figures' | 'score'; detail: string }
  /** A model version this site has no engine for (the version text is at most 30 characters). */
  | { status: 'otherModel'; modelVersion: string }
  /** A released version whose engine could not be loaded (offline, or the site was updated meanwhile). */
  | { status: 'modelUnavailable'; modelVersion: string }
  /** A scenario, or a version of it, that this site does not hold: nothing to replay it with. */
  | { status: 'otherScenario'; scenarioId: string; scenarioVersion: number };

/** The re-simulated run: the figures the board shows and ranks, never the ones a file claims. */
export interface Truth {
  customers: number[];
  retention: number[];
  equity: number[];
  /** The goal metric at the end, its target, and whether it was reached. */
  value: number;
  target: number;
  goalMet: boolean;
}

export interface Replayed {
  /** The figures the scenario page would have written for these decisions. */
  claimed: ClaimedResults;
  truth: Truth;
}

/** The engine of one model version, when the board has it ready (loaded before verification). */
export type EngineLookup<E> = { status: 'ready'; engine: E } | { status: 'unknown' } | { status: 'unavailable' };

/** What verification needs from the scenario library and the engines (kept abstract for tests). */
export interface ReplayContext<S, E> {
  engine(modelVersion: string): EngineLookup<E>;
  findScenario(id: string): S | undefined;
  scenarioVersion(scenario: S): number;
  /** Null when the decisions are allowed (right number of rounds, known controls, in range, the file's locks kept). */
  checkDecisions(engine: E, scenario: S, decisions: readonly Decision[], locks: readonly string[]): string | null;
  replay(engine: E, scenario: S, seed: string, decisions: readonly Decision[], locks: readonly string[]): Replayed;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function firstMismatch(claimed: readonly number[], actual: readonly number[]): number {
  if (claimed.length !== actual.length) return Math.min(claimed.length, actual.length);
  for (let i = 0; i < claimed.length; i++) if (!close(claimed[i], actual[i])) return i;
  return -1;
}

export interface Verification {
  verdict: Genuineness;
  /** The re-simulated run, whenever the decisions could be replayed (also for a file whose figures were edited). */
  truth: Truth | null;
}

type RecordFields = Pick<ResultFile, 'scenarioId' | 'scenarioVersion' | 'modelVersion' | 'seed' | 'locks' | 'decisions'>;

/** The replay of a run's record, or the verdict that stopped it (model, scenario, decisions). */
function replayRecord<S, E>(file: RecordFields, ctx: ReplayContext<S, E>): Verification | Replayed {
  const found = ctx.engine(file.modelVersion);
  if (found.status === 'unknown') return { verdict: { status: 'otherModel', modelVersion: file.modelVersion }, truth: null };
  if (found.status === 'unavailable') return { verdict: { status: 'modelUnavailable', modelVersion: file.modelVersion }, truth: null };
  const scenario = ctx.findScenario(file.scenarioId);
  if (scenario === undefined || ctx.scenarioVersion(scenario) !== file.scenarioVersion) {
    return { verdict: { status: 'otherScenario', scenarioId: file.scenarioId, scenarioVersion: file.scenarioVersion }, truth: null };
  }
  const problem = ctx.checkDecisions(found.engine, scenario, file.decisions, file.locks);
  if (problem !== null) return { verdict: { status: 'tampered', what: 'decisions', detail: problem }, truth: null };
  return ctx.replay(found.engine, scenario, file.seed, file.decisions, file.locks);
}

/** Re-simulates a parsed file with the engine of its model version and compares everything it claims. */
export function verifyResultFile<S, E>(file: ResultFile, ctx: ReplayContext<S, E>): Verification {
  const replayed = replayRecord(file, ctx);
  if ('verdict' in replayed) return replayed;
  const { claimed: actual, truth } = replayed;
  const eq = firstMismatch(file.claimed.equity, actual.equity);
  if (eq >= 0) return { verdict: { status: 'tampered', what: 'figures', detail: `equity[${eq}]` }, truth };
  const rr = firstMismatch(file.claimed.retention, actual.retention);
  if (rr >= 0) return { verdict: { status: 'tampered', what: 'figures', detail: `retention[${rr}]` }, truth };
  if (!close(file.claimed.score, actual.score) || file.claimed.goalMet !== actual.goalMet) {
    return { verdict: { status: 'tampered', what: 'score', detail: 'score' }, truth };
  }
  return { verdict: { status: 'genuine' }, truth };
}

/** A score as an LMS holds it: percent with two decimals at most (cmi.core.score.raw as the packages send it). */
export function percentScore(fraction: number): number {
  return Math.round(Math.min(1, Math.max(0, fraction)) * 10_000) / 100;
}

/**
 * Re-simulates a run recorded in an LMS (its record and the score it claims there, 0–100 with two decimals)
 * and compares the score and the goal: an LMS keeps no figures per quarter, so the score is all there is to check.
 */
export function verifyRecordedScore<S, E>(
  record: RecordFields,
  claimed: { score: number; goalMet: boolean },
  ctx: ReplayContext<S, E>,
): Verification {
  const replayed = replayRecord(record, ctx);
  if ('verdict' in replayed) return replayed;
  const { claimed: actual, truth } = replayed;
  if (Math.abs(percentScore(actual.score) - claimed.score) > 0.005 || actual.goalMet !== claimed.goalMet) {
    return { verdict: { status: 'tampered', what: 'score', detail: 'score' }, truth };
  }
  return { verdict: { status: 'genuine' }, truth };
}
