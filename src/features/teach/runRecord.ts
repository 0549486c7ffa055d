// The run record: what makes one played scenario reproducible (scenario and its version, model version, seed,
// the link's locks, the decisions of every round), as a versioned plain-data structure that other tools (the
// board, an LMS package) can rely on; plus its canonical text and hash. Pure: no engine, no DOM, no storage.
import { LEVELS } from '@sim/market';
import type { Decision, DecisionValue, ResultFile } from './resultFile';
import { sha256Hex } from './sha256';

/** Raised when the record's shape or canonical text changes (hashes of one version never change). */
export const RUN_RECORD_VERSION = 1;

export interface RunRecord {
  scenarioId: string;
  scenarioVersion: number;
  modelVersion: string;
  seed: string;
  /** The link's extra locks, sorted, each once. */
  locks: string[];
  /** One decision per round, keys sorted; level presets by name. */
  decisions: Decision[];
}

/** A level-preset value as a name: files of older pages held the level's position. */
function canonicalValue(id: string, value: DecisionValue): DecisionValue {
  if (id.startsWith('levelPreset.') && typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < LEVELS.length)
    return LEVELS[value];
  return value;
}

/** The record of a file, in canonical form: the same run gives the same record however the file was written. */
export function runRecordOf(
  file: Pick<ResultFile, 'scenarioId' | 'scenarioVersion' | 'modelVersion' | 'seed' | 'locks' | 'decisions'>,
): RunRecord {
  return {
    scenarioId: file.scenarioId,
    scenarioVersion: file.scenarioVersion,
    modelVersion: file.modelVersion,
    seed: file.seed,
    locks: [...new Set(file.locks)].sort(),
    decisions: file.decisions.map((d) => {
      const out: Decision = {};
      for (const id of Object.keys(d).sort()) out[id] = canonicalValue(id, d[id]);
      return out;
    }),
  };
}

/** One line of text per record: field order fixed, keys sorted, numbers as JSON writes them (shortest exact form). */
export function canonicalRunText(record: RunRecord): string {
  const r = runRecordOf(record);
  return JSON.stringify([
    'crm-lab-run',
    RUN_RECORD_VERSION,
    r.scenarioId,
    r.scenarioVersion,
    r.modelVersion,
    r.seed,
    r.locks,
    r.decisions.map((d) => Object.entries(d)),
  ]);
}

/** SHA-256 of the canonical text, in hex: the run's identity, whatever the file or the student is called. */
export function runHash(record: RunRecord): string {
  return sha256Hex(canonicalRunText(record));
}
