// Reads a run record back from the interactions an LMS reports (the rows record.ts writes): market, versions,
// decisions per round and the claimed score, for the class board to re-simulate. The rows are untrusted
// input: every field is checked, nothing is echoed, and no key from a row can reach an object's prototype.
import { LEVELS, type LevelId } from '@sim/market';
// The one list of keys refused wherever a file's keys become object keys.
import { RESERVED_KEYS } from '@sim/text';
import type { Decision } from '@/features/teach/resultFile';
import { runRecordOf, type RunRecord } from '@/features/teach/runRecord';

/** One interaction as an LMS report lists it (the board maps its export's columns to these three). */
export interface InteractionRow {
  id: string;
  response: string;
  result: string;
}

/** A run as the interactions describe it: Teach's run record (canonical), the package's run number and the claimed result. */
export interface RecordedRun extends RunRecord {
  run: number;
  /** The claimed score (0–100, two decimals) and whether the goal was met; null before the end. */
  result: { score: number; goalMet: boolean } | null;
}

const ROW_ID = /^crm-lab-run([1-9]\d{0,5})-(setup|result|round([1-9]\d{0,2}))$/;
const SEED_TEXT = /^[A-Za-z0-9_-]{1,40}$/;
const SCENARIO_ID = /^[a-z0-9][a-z0-9-]{0,60}$/;
const MODEL = /^[0-9A-Za-z.+-]{1,30}$/;
const CONTROL_ID = /^[A-Za-z][A-Za-z0-9_-]{0,40}(\.[A-Za-z][A-Za-z0-9_-]{0,40}){0,3}$/;
const NUMBER_TEXT = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

function parseSetup(text: string): Omit<RunRecord, 'decisions'> | null {
  const fields = new Map<string, string>();
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1 || fields.has(part.slice(0, eq))) return null;
    fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const [scenarioId, version, model, seed, locks] = ['scenario', 'version', 'model', 'seed', 'locks'].map((k) => fields.get(k));
  if (
    fields.size !== 5 ||
    scenarioId === undefined ||
    version === undefined ||
    model === undefined ||
    seed === undefined ||
    locks === undefined
  )
    return null;
  const lockList = locks === '' ? [] : locks.split(',');
  if (!SCENARIO_ID.test(scenarioId) || !/^\d{1,7}$/.test(version) || !MODEL.test(model) || !SEED_TEXT.test(seed)) return null;
  if (!lockList.every((id) => CONTROL_ID.test(id))) return null;
  return { scenarioId, scenarioVersion: Number(version), modelVersion: model, seed, locks: lockList };
}

function parseDecision(text: string): Decision | null {
  const d: Decision = {};
  if (text === '') return d;
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const id = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (eq < 1 || !CONTROL_ID.test(id) || id.split('.').some((p) => RESERVED_KEYS.has(p)) || Object.hasOwn(d, id)) return null;
    if ((LEVELS as readonly string[]).includes(value)) d[id] = value as LevelId;
    else if (NUMBER_TEXT.test(value) && Number.isFinite(Number(value))) d[id] = Number(value);
    else return null;
  }
  return d;
}

/**
 * The runs recorded in a learner's interactions (any order, other packages' rows ignored). A run is returned
 * only when its setup row reads and its rounds are 1…n without gaps; every other case is listed in
 * `problems` (with the run number only, never the row's text). A row recorded twice must say the same twice.
 */
export function readRunRecords(rows: readonly InteractionRow[]): { runs: RecordedRun[]; problems: string[] } {
  const byRun = new Map<number, Map<string, InteractionRow>>();
  const problems: string[] = [];
  for (const row of rows) {
    const m = ROW_ID.exec(row.id);
    if (!m) continue;
    const run = Number(m[1]);
    const rowsOfRun = byRun.get(run) ?? new Map<string, InteractionRow>();
    byRun.set(run, rowsOfRun);
    const seen = rowsOfRun.get(m[2]!);
    if (seen && (seen.response !== row.response || seen.result !== row.result))
      problems.push(`run ${run}: ${m[2]} differs between its copies`);
    else rowsOfRun.set(m[2]!, row);
  }
  const runs: RecordedRun[] = [];
  for (const [run, rowsOfRun] of [...byRun].sort((a, b) => a[0] - b[0])) {
    const setup = rowsOfRun.get('setup');
    const head = setup ? parseSetup(setup.response) : null;
    if (!head) {
      problems.push(`run ${run}: no readable setup row`);
      continue;
    }
    const rounds = [...rowsOfRun.keys()].filter((k) => k.startsWith('round')).map((k) => Number(k.slice(5)));
    rounds.sort((a, b) => a - b);
    if (rounds.some((r, i) => r !== i + 1)) {
      problems.push(`run ${run}: rounds missing`);
      continue;
    }
    const decisions = rounds.map((r) => parseDecision(rowsOfRun.get(`round${r}`)!.response));
    if (decisions.some((d) => d === null)) {
      problems.push(`run ${run}: a round does not read`);
      continue;
    }
    const resultRow = rowsOfRun.get('result');
    let result: RecordedRun['result'] = null;
    if (resultRow) {
      const score = Number(resultRow.response);
      if (
        !/^\d{1,3}(\.\d{1,2})?$/.test(resultRow.response) ||
        score > 100 ||
        (resultRow.result !== 'correct' && resultRow.result !== 'wrong')
      ) {
        problems.push(`run ${run}: the result row does not read`);
        continue;
      }
      result = { score, goalMet: resultRow.result === 'correct' };
    }
    runs.push({ ...runRecordOf({ ...head, decisions: decisions as Decision[] }), run, result });
  }
  return { runs, problems };
}
