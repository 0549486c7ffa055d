// Reads an LMS's interactions report export (Moodle's "Download in text format", tab-separated .txt, or the
// comma-separated variant) into the interactions of each attempt, for the class board. Columns are found by the
// values a package wrote (`crm-lab-run…` ids), never by header text (headers follow the LMS's language). Pure and
// bounded: the text is untrusted, nothing from it is echoed except a cleaned, shortened student name.
import { dsvFormat } from 'd3-dsv';
import { cleanName } from '@/features/teach/resultFile';
import type { InteractionRow } from './readRecord';

/** The largest export the board reads (a class of several hundred students with many runs each fits). */
export const MAX_EXPORT_BYTES = 16_000_000;

/** An interaction id the scenario package writes (record.ts). */
const RUN_ID = /^crm-lab-run[1-9]\d{0,5}-(setup|result|round[1-9]\d{0,2})$/;
/** The values SCORM 1.2 allows in cmi.interactions.n.result (what a Result column holds). */
const RESULT_WORDS = new Set(['correct', 'wrong', 'neutral', 'unanticipated']);
/** Moodle's per-SCO column in the interactions report: score.raw, a slash, score.max (ours is always 100). */
const SCO_SCORE = /^(\d{1,3}(?:\.\d{1,2})?)\/100$/;

/** One attempt (one line of the export): who, the interactions it holds, and the score the gradebook got. */
export interface ExportAttempt {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  /** The first column (Moodle's "Name"), cleaned and bounded; undefined when empty. */
  name?: string;
  interactions: InteractionRow[];
  /** cmi.core.score.raw as the LMS lists it for the package (Moodle's per-SCO column), when found. */
  lmsScore: number | null;
}

export type ExportProblem =
  /** Over MAX_EXPORT_BYTES. */
  | 'tooLarge'
  /** No cell holds a CRM Lab scenario interaction id: not an interactions export of a scenario package. */
  | 'noRuns'
  /** The ids are there, but the Response or Result columns are not (the report was downloaded without them). */
  | 'columns';

export type ExportParse = { ok: true; attempts: ExportAttempt[] } | { ok: false; problem: ExportProblem };

/** Tab when the first line has one (Moodle's text format), else comma or semicolon, whichever the first line has more of. */
function delimiterOf(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  if (first.includes('\t')) return '\t';
  const count = (c: string) => first.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * The attempts of an interactions export. Each id column (a cell of the form `crm-lab-run<k>-…`) is followed by
 * its Response column; its Result column is the next one or the one after (Moodle puts "Right answer" between
 * when it is shown) whose cells are all SCORM result words. Lines without our ids (the header, students who
 * never launched the package) are skipped.
 */
export function parseLmsExport(text: string, byteSize = text.length): ExportParse {
  if (byteSize > MAX_EXPORT_BYTES || text.length > MAX_EXPORT_BYTES) return { ok: false, problem: 'tooLarge' };
  const rows = dsvFormat(delimiterOf(text)).parseRows(text.replace(/^\ufeff/, ''));
  const cell = (row: readonly string[], c: number) => (row[c] ?? '').trim();
  const width = Math.max(0, ...rows.map((r) => r.length));
  const idColumns: number[] = [];
  for (let c = 0; c < width; c++) if (rows.some((r) => RUN_ID.test(cell(r, c)))) idColumns.push(c);
  if (idColumns.length === 0) return { ok: false, problem: 'noRuns' };

  const columns: { id: number; response: number; result: number }[] = [];
  for (const id of idColumns) {
    const used = rows.filter((r) => RUN_ID.test(cell(r, id)));
    const response = id + 1;
    // The Response column must be there: a setup row's response starts with its scenario.
    const setups = used.filter((r) => cell(r, id).endsWith('-setup'));
    if (idColumns.includes(response) || setups.some((r) => !cell(r, response).startsWith('scenario=')))
      return { ok: false, problem: 'columns' };
    const result = [id + 2, id + 3].find((c) => !idColumns.includes(c) && used.every((r) => RESULT_WORDS.has(cell(r, c))));
    if (result === undefined) return { ok: false, problem: 'columns' };
    columns.push({ id, response, result });
  }

  const attempts: ExportAttempt[] = [];
  rows.forEach((row, index) => {
    const interactions = columns
      .filter((c) => RUN_ID.test(cell(row, c.id)))
      .map((c) => ({ id: cell(row, c.id), response: cell(row, c.response), result: cell(row, c.result) }));
    if (interactions.length === 0) return;
    let lmsScore: number | null = null;
    for (let c = Math.min(...idColumns) - 1; c >= 0 && lmsScore === null; c--) {
      const m = SCO_SCORE.exec(cell(row, c));
      if (m) lmsScore = Number(m[1]);
    }
    const name = cleanName(cell(row, 0));
    attempts.push({ line: index + 1, ...(name !== undefined ? { name } : {}), interactions, lmsScore });
  });
  return { ok: true, attempts };
}
