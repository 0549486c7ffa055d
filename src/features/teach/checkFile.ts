// One dropped result file checked from start to end, as the board's workers do it (and the page itself where
// workers are missing): size, reading, parsing, the engine of its model version, re-simulation, run hash.
// Never throws: every file gets an answer. No DOM; the class's own rules (seed, locks) are board.ts.
// An LMS's interactions export (one file, many students' runs) is checked here too, one answer per run.
import type { Scenario } from '@sim/scenario';
import { stripControls } from '@sim/text';
import { engines as siteEngines, type EngineRegistry } from './engines';
import { makeReplayContext } from './replay';
import { MAX_RESULT_BYTES } from './resultFile';
import { MAX_EXPORT_BYTES } from '@/features/scorm/lmsExport';
import { parseResultFile, verifyRecordedScore, verifyResultFile, type RejectReason, type Verification } from './resultCheck';
import { runHash, runRecordOf, type RunRecord } from './runRecord';
import { parseLmsExport, type ExportProblem } from '@/features/scorm/lmsExport';
import { readRunRecords } from '@/features/scorm/readRecord';
import { SPREADSHEET } from './fileKind';

/** The part of a browser File the check needs (lets tests pass plain objects). */
export interface FileLike {
  name: string;
  size: number;
  text(): Promise<string>;
}

/** Where in an LMS export a run was found: the file's line (one attempt of one student) and the package's run number. */
export interface ExportSource {
  line: number;
  run: number;
}

/** Why a run of an LMS export could not be checked: it does not read, or it was never finished. */
export type ExportRunProblem = 'runUnreadable' | 'unfinished';

/** What the board learns about one file. Text in it (names) is cleaned and bounded; figures are re-simulated. */
export type FileCheck =
  | {
      ok: false;
      fileName: string;
      reason: RejectReason | 'unreadable' | 'exportTooLarge' | 'spreadsheet' | Exclude<ExportProblem, 'tooLarge'> | ExportRunProblem;
      detail: string;
      source?: ExportSource;
    }
  | {
      ok: true;
      fileName: string;
      name?: string;
      record: RunRecord;
      hash: string;
      verification: Verification;
      /** Set for a run read from an LMS export: verified on its score only (an LMS keeps no quarterly figures). */
      source?: ExportSource;
    };

/** File names are shown as text; they are shortened so a hostile name cannot flood the page. */
export function displayFileName(name: string): string {
  const clean = stripControls(name);
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
}

/** A checker over a scenario library: the engines of older model versions are fetched when a file needs one. */
export function makeChecker(scenarios: readonly Scenario[], registry: EngineRegistry = siteEngines) {
  const ctx = makeReplayContext(scenarios, registry);
  return async function check(f: FileLike): Promise<FileCheck> {
    const fileName = displayFileName(f.name);
    if (f.size > MAX_RESULT_BYTES) return { ok: false, fileName, reason: 'tooLarge', detail: String(f.size) };
    let text: string;
    try {
      text = await f.text();
    } catch {
      return { ok: false, fileName, reason: 'unreadable', detail: '' };
    }
    const parsed = parseResultFile(text, f.size);
    if (!parsed.ok) return { ok: false, fileName, reason: parsed.reason, detail: parsed.detail };
    const file = parsed.file;
    await registry.load([file.modelVersion]);
    let verification: Verification;
    try {
      verification = verifyResultFile(file, ctx);
    } catch (error) {
      // The engine refused the decisions (a value it cannot run): the file cannot be what a page wrote.
      verification = {
        verdict: { status: 'tampered', what: 'decisions', detail: error instanceof Error ? error.message.slice(0, 120) : 'engine' },
        truth: null,
      };
    }
    const record = runRecordOf(file);
    return { ok: true, fileName, ...(file.name !== undefined ? { name: file.name } : {}), record, hash: runHash(record), verification };
  };
}

/**
 * A checker of LMS interactions exports: every run of every attempt re-simulated from its record and its claimed
 * score compared (and the gradebook's score, when the export lists it, with the attempt's last finished run).
 */
export function makeExportChecker(scenarios: readonly Scenario[], registry: EngineRegistry = siteEngines) {
  const ctx = makeReplayContext(scenarios, registry);
  return async function check(f: FileLike): Promise<FileCheck[]> {
    const fileName = displayFileName(f.name);
    if (SPREADSHEET.test(f.name)) return [{ ok: false, fileName, reason: 'spreadsheet', detail: '' }];
    if (f.size > MAX_EXPORT_BYTES) return [{ ok: false, fileName, reason: 'exportTooLarge', detail: String(f.size) }];
    let text: string;
    try {
      text = await f.text();
    } catch {
      return [{ ok: false, fileName, reason: 'unreadable', detail: '' }];
    }
    const parsed = parseLmsExport(text, f.size);
    if (!parsed.ok) return [{ ok: false, fileName, reason: parsed.problem === 'tooLarge' ? 'exportTooLarge' : parsed.problem, detail: '' }];
    const out: FileCheck[] = [];
    for (const attempt of parsed.attempts) {
      const { runs, problems } = readRunRecords(attempt.interactions);
      for (const problem of problems) {
        const run = Number(/^run (\d+)/.exec(problem)?.[1] ?? 0);
        out.push({ ok: false, fileName, reason: 'runUnreadable', detail: '', source: { line: attempt.line, run } });
      }
      const lastFinished = runs.filter((r) => r.result !== null).at(-1);
      await registry.load([...new Set(runs.map((r) => r.modelVersion))]);
      for (const run of runs) {
        const source = { line: attempt.line, run: run.run };
        if (run.result === null) {
          out.push({ ok: false, fileName, reason: 'unfinished', detail: '', source });
          continue;
        }
        const { run: _n, result, ...fields } = run;
        const record = runRecordOf(fields);
        let verification: Verification;
        try {
          verification = verifyRecordedScore(record, result, ctx);
        } catch (error) {
          verification = {
            verdict: { status: 'tampered', what: 'decisions', detail: error instanceof Error ? error.message.slice(0, 120) : 'engine' },
            truth: null,
          };
        }
        // The gradebook's score is the last finished run's: one set through the LMS's API by hand shows here.
        if (
          verification.verdict.status === 'genuine' &&
          run === lastFinished &&
          attempt.lmsScore !== null &&
          Math.abs(attempt.lmsScore - result.score) > 0.005
        )
          verification = { verdict: { status: 'tampered', what: 'score', detail: 'gradebook' }, truth: verification.truth };
        out.push({
          ok: true,
          fileName,
          ...(attempt.name !== undefined ? { name: attempt.name } : {}),
          record,
          hash: runHash(record),
          verification,
          source,
        });
      }
    }
    return out;
  };
}
