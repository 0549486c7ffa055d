// Pure logic of the class board: ranking, the spread of decisions per round, and the CSV rows.
// Entries arrive already parsed and verified; nothing here re-simulates or touches the DOM.
import { LEVELS } from '@sim/market';
import { toCsv, type CsvCell } from '@sim/csv';
import type { ResultFile, Verdict } from './resultFile';
import { spread, type Spread } from './stats';

export interface BoardEntry {
  key: string;
  fileName: string;
  file: ResultFile;
  verdict: Verdict;
}

export interface RankedEntry {
  /** 1-based rank among verified runs (ties share a rank); null for runs that are not verified. */
  rank: number | null;
  entry: BoardEntry;
}

const finalOf = (xs: readonly number[]) => (xs.length > 0 ? xs[xs.length - 1] : Number.NEGATIVE_INFINITY);

/**
 * Verified runs first, by score (higher is better), then by final customer equity; equal scores
 * and equity share a rank. Unverified runs follow, unranked, in the order they were loaded.
 */
export function rankEntries(entries: readonly BoardEntry[]): RankedEntry[] {
  const verified = entries
    .map((entry, index) => ({ entry, index }))
    .filter((e) => e.entry.verdict.status === 'verified')
    .sort(
      (a, b) =>
        b.entry.file.claimed.score - a.entry.file.claimed.score ||
        finalOf(b.entry.file.claimed.equity) - finalOf(a.entry.file.claimed.equity) ||
        a.index - b.index,
    );
  const out: RankedEntry[] = [];
  verified.forEach((v, i) => {
    const prev = out[i - 1];
    const same =
      prev !== undefined &&
      prev.entry.file.claimed.score === v.entry.file.claimed.score &&
      finalOf(prev.entry.file.claimed.equity) === finalOf(v.entry.file.claimed.equity);
    out.push({ rank: same ? prev.rank : i + 1, entry: v.entry });
  });
  for (const entry of entries) if (entry.verdict.status !== 'verified') out.push({ rank: null, entry });
  return out;
}

export interface SpreadRow {
  key: string;
  round: number;
  control: string;
  spread: Spread;
}

/** Min / median / max of each control in each round over the given runs (rounds are 1-based). */
export function spreadByRound(files: readonly ResultFile[], controlIds: readonly string[]): SpreadRow[] {
  const rounds = Math.max(0, ...files.map((f) => f.decisions.length));
  const rows: SpreadRow[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const control of controlIds) {
      const values: number[] = [];
      for (const f of files) {
        const d = f.decisions[r];
        if (d === undefined || !Object.hasOwn(d, control)) continue;
        // A level preset is named in the file; its position among the levels orders it for min/median/max.
        const v = d[control];
        values.push(typeof v === 'number' ? v : LEVELS.indexOf(v));
      }
      const s = spread(values);
      if (s !== null) rows.push({ key: `${r + 1}:${control}`, round: r + 1, control, spread: s });
    }
  }
  return rows;
}

/** The board as CSV: one row per file, decisions as `r<round>.<control>` columns. */
export function boardCsv(
  ranked: readonly RankedEntry[],
  controlIds: readonly string[],
  labels: { status: (v: Verdict) => string },
): string {
  const rounds = Math.max(0, ...ranked.map((r) => r.entry.file.decisions.length));
  const header = [
    'rank',
    'name',
    'file',
    'status',
    'scenario',
    'scenario_version',
    'seed',
    'model_version',
    'score',
    'goal_met',
    'final_customer_equity',
    'final_retention',
  ];
  for (let r = 1; r <= rounds; r++) for (const c of controlIds) header.push(`r${r}.${c}`);
  const rows: CsvCell[][] = ranked.map(({ rank, entry }) => {
    const f = entry.file;
    const row: CsvCell[] = [
      rank,
      f.name ?? '',
      entry.fileName,
      labels.status(entry.verdict),
      f.scenarioId,
      f.scenarioVersion,
      f.seed,
      f.modelVersion,
      f.claimed.score,
      f.claimed.goalMet,
      finalOf(f.claimed.equity),
      finalOf(f.claimed.retention),
    ];
    for (let r = 0; r < rounds; r++) {
      for (const c of controlIds) {
        const d = f.decisions[r];
        row.push(d !== undefined && Object.hasOwn(d, c) ? d[c] : null);
      }
    }
    return row;
  });
  return toCsv(header, rows);
}
