// The result file a student hands in after a scenario, and its verification on the class board.
// A file is untrusted input: it is size-checked, parsed with JSON.parse, checked by a zod schema
// and copied field by field. It is never merged into other objects, never rendered as markup.
import { z } from 'zod';
import { stripControls } from '@sim/text';
import { LEVELS, type LevelId } from '@sim/market';
// The one list of keys refused in files, shared with the scenario schema.
import { RESERVED_KEYS } from '@sim/scenario';
// A file holds at most what one scenario can: the model's caps on rounds and quarters.
import { MAX_QUARTERS, MAX_ROUNDS } from '@sim/limits';

export const RESULT_FORMAT = 'crm-lab-result';
export const RESULT_FORMAT_VERSION = 1;
/** Real files are a few kilobytes; anything over 1 MB is refused unread. */
export const MAX_RESULT_BYTES = 1_000_000;
export const MAX_NAME_LENGTH = 60;
const MAX_CONTROLS = 80;

/** Control ids are dotted identifiers (`promiseLevel`, `mass.proactive`); never prototype keys. */
const CONTROL_ID = /^[A-Za-z][A-Za-z0-9_-]{0,40}(\.[A-Za-z][A-Za-z0-9_-]{0,40}){0,3}$/;

/** A control's value: a number, or for a level-preset control the level's name (never its position). */
export type DecisionValue = number | LevelId;
/** One round's decisions: control id → value (only the controls the student could set). */
export type Decision = Record<string, DecisionValue>;

export interface ClaimedResults {
  /** Customer equity at the end of each quarter played. */
  equity: number[];
  /** Retention rate (0..1) of each quarter played. */
  retention: number[];
  /** Score against the scenario's goal, as the scenario page computed it. */
  score: number;
  goalMet: boolean;
}

export interface ResultFile {
  format: typeof RESULT_FORMAT;
  formatVersion: typeof RESULT_FORMAT_VERSION;
  scenarioId: string;
  scenarioVersion: number;
  seed: string;
  /** Controls the teacher's link locked on top of the scenario's own locks. */
  locks: string[];
  modelVersion: string;
  decisions: Decision[];
  claimed: ClaimedResults;
  /** The only personal field, and optional: whatever the student chose to type. */
  name?: string;
}

const controlId = z
  .string()
  .regex(CONTROL_ID)
  .refine((id) => id.split('.').every((part) => !RESERVED_KEYS.has(part)), 'reserved key');
const finite = z.number();
/** Level presets are stored by name; files of older pages may hold a level's position (a number). */
export const decisionValueSchema = z.union([finite, z.enum(LEVELS as readonly [LevelId, ...LevelId[]])]);

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

/** Builds a result file from a finished run; copies every value so later edits cannot leak in. */
export function createResultFile(input: CreateInput): ResultFile {
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
  const checked = resultSchema.safeParse(file);
  if (!checked.success) throw new Error(`Invalid result file: ${describeIssue(checked.error)}`);
  return file;
}

export function serializeResultFile(file: ResultFile): string {
  return `${JSON.stringify(file, null, 1)}\n`;
}

/** A download name without anything personal: scenario and seed only. */
export function resultFileName(file: Pick<ResultFile, 'scenarioId' | 'seed'>): string {
  return `crm-lab-${file.scenarioId}-${file.seed}.json`;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join('.') || '(root)';
  return `${path}: ${issue?.message ?? 'invalid'}`;
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

/** A decision rebuilt on a null-prototype-free plain object from validated keys only. */
function copyDecision(d: Decision): Decision {
  const out: Decision = {};
  for (const key of Object.keys(d)) {
    if (!RESERVED_KEYS.has(key)) Object.defineProperty(out, key, { value: d[key], enumerable: true, writable: true, configurable: true });
  }
  return out;
}

// ---------------------------------------------------------------- verification

export type Verdict =
  | { status: 'verified' }
  | { status: 'tampered'; what: 'decisions' | 'figures' | 'score'; detail: string }
  /** A model version this site has no engine for (the version text is at most 30 characters). */
  | { status: 'otherModel'; modelVersion: string }
  /** A released version whose engine could not be loaded (offline, or the site was updated meanwhile). */
  | { status: 'modelUnavailable'; modelVersion: string }
  | { status: 'otherScenario'; scenarioId: string; scenarioVersion: number }
  | { status: 'otherSeed'; seed: string };

/** The engine of one model version, when the board has it ready (loaded before verification). */
export type EngineLookup<E> = { status: 'ready'; engine: E } | { status: 'unknown' } | { status: 'unavailable' };

/** What verification needs from the scenario library and the engines (kept abstract for tests). */
export interface ReplayContext<S, E> {
  engine(modelVersion: string): EngineLookup<E>;
  findScenario(id: string): S | undefined;
  scenarioVersion(scenario: S): number;
  /** Null when the decisions are allowed (right number of rounds, known controls, in range, locks kept). */
  checkDecisions(engine: E, scenario: S, decisions: readonly Decision[], locks: readonly string[]): string | null;
  replay(engine: E, scenario: S, seed: string, decisions: readonly Decision[], locks: readonly string[]): ClaimedResults;
  /** The class seed; a genuine run on another seed is reported as such, not as verified. */
  expectedSeed?: string;
  /** The scenario on the board; files of any other scenario are reported as such. */
  expectedScenarioId?: string;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function firstMismatch(claimed: readonly number[], actual: readonly number[]): number {
  if (claimed.length !== actual.length) return Math.min(claimed.length, actual.length);
  for (let i = 0; i < claimed.length; i++) if (!close(claimed[i], actual[i])) return i;
  return -1;
}

/** Re-simulates a parsed file with the engine of its model version and compares everything it claims. */
export function verifyResultFile<S, E>(file: ResultFile, ctx: ReplayContext<S, E>): Verdict {
  const found = ctx.engine(file.modelVersion);
  if (found.status === 'unknown') return { status: 'otherModel', modelVersion: file.modelVersion };
  if (found.status === 'unavailable') return { status: 'modelUnavailable', modelVersion: file.modelVersion };
  const scenario = ctx.findScenario(file.scenarioId);
  const otherScenario =
    scenario === undefined ||
    (ctx.expectedScenarioId !== undefined && ctx.expectedScenarioId !== file.scenarioId) ||
    ctx.scenarioVersion(scenario) !== file.scenarioVersion;
  if (scenario === undefined || otherScenario) {
    return { status: 'otherScenario', scenarioId: file.scenarioId, scenarioVersion: file.scenarioVersion };
  }
  const problem = ctx.checkDecisions(found.engine, scenario, file.decisions, file.locks);
  if (problem !== null) return { status: 'tampered', what: 'decisions', detail: problem };
  const actual = ctx.replay(found.engine, scenario, file.seed, file.decisions, file.locks);
  const eq = firstMismatch(file.claimed.equity, actual.equity);
  if (eq >= 0) return { status: 'tampered', what: 'figures', detail: `equity[${eq}]` };
  const rr = firstMismatch(file.claimed.retention, actual.retention);
  if (rr >= 0) return { status: 'tampered', what: 'figures', detail: `retention[${rr}]` };
  if (!close(file.claimed.score, actual.score) || file.claimed.goalMet !== actual.goalMet) {
    return { status: 'tampered', what: 'score', detail: 'score' };
  }
  if (ctx.expectedSeed !== undefined && ctx.expectedSeed !== file.seed) return { status: 'otherSeed', seed: file.seed };
  return { status: 'verified' };
}
