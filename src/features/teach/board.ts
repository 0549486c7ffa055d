// Pure logic of the class board: each checked file judged against the class's settings (scenario, seed, locks),
// identical runs shown once with their copies, the ranking, the spread of decisions and the CSV. Files arrive
// already checked (checkFile.ts, in workers); nothing here re-simulates, touches the DOM or shows a claimed figure.
import { toCsv, type CsvCell } from '@sim/csv';
import type { FileCheck } from './checkFile';
import type { Genuineness, Truth } from './resultCheck';
import type { Decision } from './resultFile';
import type { RunRecord } from './runRecord';
import { spread, type Spread } from './stats';
import type { CatalogScenario } from './types';

/** The most files the board holds: a class's files and more (a larger drop is cut here, and the page says so). */
export const MAX_BOARD_FILES = 2000;

/** What the teacher says the class played: from the class link, or chosen on the board. */
export interface ClassSettings {
  scenarioId: string;
  seed: string;
  /** The link's extra locks (controls the scenario leaves open). */
  locks: string[];
}

/** A file that could be read, with the key the page gave it. */
export type CheckedFile = Extract<FileCheck, { ok: true }> & { key: string };

export type ClassVerdict =
  /** A genuine run of the class's game; `unlocked`: class locks the file's page lacked, left at their starting value. */
  | { status: 'verified'; unlocked: string[] }
  | Exclude<Genuineness, { status: 'genuine' }>
  /** A genuine run in which a control the class locks was moved from its starting value. */
  | { status: 'brokeLock'; control: string; round: number }
  /** A genuine run of the class's scenario on another seed: other customers, so never ranked with the class. */
  | { status: 'otherSeed'; seed: string };

/**
 * A checked file judged against the class. The decisions are checked against the class's locks whatever the
 * file says it was played under: a student who deleted `lock=…` from the link is caught by what they decided.
 */
export function classVerdict(check: CheckedFile, cls: ClassSettings, scenario: CatalogScenario): ClassVerdict {
  const v = check.verification.verdict;
  if (v.status !== 'genuine') return v;
  const r = check.record;
  if (r.scenarioId !== cls.scenarioId || r.scenarioId !== scenario.id || r.scenarioVersion !== scenario.version)
    return { status: 'otherScenario', scenarioId: r.scenarioId, scenarioVersion: r.scenarioVersion };
  const unlocked = new Set<string>();
  for (const lock of cls.locks) {
    const control = scenario.controls.find((c) => c.id === lock);
    for (let round = 0; round < r.decisions.length; round++) {
      const d = r.decisions[round];
      if (!Object.hasOwn(d, lock)) continue;
      if (control === undefined || d[lock] !== control.initial) return { status: 'brokeLock', control: lock, round: round + 1 };
      unlocked.add(lock);
    }
  }
  if (r.seed !== cls.seed) return { status: 'otherSeed', seed: r.seed };
  return { status: 'verified', unlocked: [...unlocked].sort() };
}

export interface Copy {
  key: string;
  fileName: string;
  name?: string;
}

/** One run on the board: every copy of it (the same run hash and the same verdict) in one row. */
export interface BoardRow {
  key: string;
  hash: string;
  verdict: ClassVerdict;
  record: RunRecord;
  /** The re-simulated run, or null when it could not be replayed (nothing claimed is ever shown instead). */
  truth: Truth | null;
  copies: Copy[];
}

/**
 * Groups the files into rows: the same run, however often it was dropped and whatever its files or student are
 * called, is one row with its copies named. A copy with edited figures has another verdict and stands apart.
 */
export function boardRows(checks: readonly CheckedFile[], cls: ClassSettings, scenario: CatalogScenario): BoardRow[] {
  const rows = new Map<string, BoardRow>();
  for (const check of checks) {
    const verdict = classVerdict(check, cls, scenario);
    const what = verdict.status === 'tampered' ? `:${verdict.what}` : '';
    const key = `${check.hash}:${verdict.status}${what}`;
    const copy: Copy = { key: check.key, fileName: check.fileName, ...(check.name !== undefined ? { name: check.name } : {}) };
    const row = rows.get(key);
    if (row) row.copies.push(copy);
    else rows.set(key, { key, hash: check.hash, verdict, record: check.record, truth: check.verification.truth, copies: [copy] });
  }
  return [...rows.values()];
}

export interface RankedRow extends BoardRow {
  /** 1-based rank among the class's verified runs (ties share a rank); null for every other row. */
  rank: number | null;
  /** The goal figure reached divided by the target, not capped (1.37 = 137 % of the goal); null without a replay. */
  ratio: number | null;
}

const finalOf = (xs: readonly number[] | undefined) => (xs && xs.length > 0 ? xs[xs.length - 1] : Number.NEGATIVE_INFINITY);
export const ratioOf = (truth: Truth | null): number | null => (truth && truth.target > 0 ? truth.value / truth.target : null);

/**
 * The class's verified runs first, by how far they went toward and beyond the goal (value ÷ target, above 100 %
 * too), ties broken by final customer equity; runs equal in both share a rank. Every other row follows unranked,
 * in the order it was loaded.
 */
export function rankRows(rows: readonly BoardRow[]): RankedRow[] {
  const withRatio = rows.map((row, index) => ({ row, index, ratio: ratioOf(row.truth), equity: finalOf(row.truth?.equity) }));
  const verified = withRatio
    .filter((x) => x.row.verdict.status === 'verified' && x.ratio !== null)
    .sort((a, b) => b.ratio! - a.ratio! || b.equity - a.equity || a.index - b.index);
  const out: RankedRow[] = [];
  verified.forEach((v, i) => {
    const prev = verified[i - 1];
    const same = prev !== undefined && prev.ratio === v.ratio && prev.equity === v.equity;
    out.push({ ...v.row, rank: same ? out[i - 1].rank : i + 1, ratio: v.ratio });
  });
  const ranked = new Set(verified.map((v) => v.row));
  for (const x of withRatio) if (!ranked.has(x.row)) out.push({ ...x.row, rank: null, ratio: x.ratio });
  return out;
}

/** Genuine runs of the class's scenario played on other seeds, counted by seed (most first). */
export function otherSeeds(rows: readonly BoardRow[]): { seed: string; runs: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) if (row.verdict.status === 'otherSeed') counts.set(row.verdict.seed, (counts.get(row.verdict.seed) ?? 0) + 1);
  return [...counts].map(([seed, runs]) => ({ seed, runs })).sort((a, b) => b.runs - a.runs || a.seed.localeCompare(b.seed));
}

export interface SpreadRow {
  key: string;
  round: number;
  control: string;
  spread: Spread;
}

/**
 * Min / median / max of each control in each round over the given runs (rounds are 1-based). A level preset is
 * ordered by its position among `levels` (basic first).
 */
export function spreadByRound(
  runs: readonly { decisions: readonly Decision[] }[],
  controlIds: readonly string[],
  levels: readonly string[],
): SpreadRow[] {
  const rounds = Math.max(0, ...runs.map((f) => f.decisions.length));
  const rows: SpreadRow[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const control of controlIds) {
      const values: number[] = [];
      for (const f of runs) {
        const d = f.decisions[r];
        if (d === undefined || !Object.hasOwn(d, control)) continue;
        const v = d[control];
        values.push(typeof v === 'number' ? v : levels.indexOf(v));
      }
      const s = spread(values);
      if (s !== null) rows.push({ key: `${r + 1}:${control}`, round: r + 1, control, spread: s });
    }
  }
  return rows;
}

/** The board as CSV: one row per run (its copies listed), re-simulated figures only, decisions as `r<round>.<control>`. */
export function boardCsv(
  ranked: readonly RankedRow[],
  controlIds: readonly string[],
  labels: { status: (v: ClassVerdict) => string },
): string {
  const rounds = Math.max(0, ...ranked.map((r) => r.record.decisions.length));
  const header = [
    'rank',
    'names',
    'files',
    'copies',
    'status',
    'scenario',
    'scenario_version',
    'seed',
    'model_version',
    'run_hash',
    'goal_ratio',
    'goal_met',
    'final_customer_equity',
    'final_retention',
  ];
  for (let r = 1; r <= rounds; r++) for (const c of controlIds) header.push(`r${r}.${c}`);
  const rows: CsvCell[][] = ranked.map((row) => {
    const rec = row.record;
    const truth = row.truth;
    const names = [...new Set(row.copies.flatMap((c) => (c.name !== undefined ? [c.name] : [])))];
    const cells: CsvCell[] = [
      row.rank,
      names.join('; '),
      row.copies.map((c) => c.fileName).join('; '),
      row.copies.length,
      labels.status(row.verdict),
      rec.scenarioId,
      rec.scenarioVersion,
      rec.seed,
      rec.modelVersion,
      row.hash,
      row.ratio,
      truth ? truth.goalMet : null,
      truth ? finalOf(truth.equity) : null,
      truth ? finalOf(truth.retention) : null,
    ];
    for (let r = 0; r < rounds; r++) {
      for (const c of controlIds) {
        const d = rec.decisions[r];
        cells.push(d !== undefined && Object.hasOwn(d, c) ? d[c] : null);
      }
    }
    return cells;
  });
  return toCsv(header, rows);
}
