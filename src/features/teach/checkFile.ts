// One dropped result file checked from start to end, as the board's workers do it (and the page itself where
// workers are missing): size, reading, parsing, the engine of its model version, re-simulation, run hash.
// Never throws: every file gets an answer. No DOM; the class's own rules (seed, locks) are board.ts.
import type { Scenario } from '@sim/scenario';
import { stripControls } from '@sim/text';
import { engines as siteEngines, type EngineRegistry } from './engines';
import { makeReplayContext } from './replay';
import { MAX_RESULT_BYTES } from './resultFile';
import { parseResultFile, verifyResultFile, type RejectReason, type Verification } from './resultCheck';
import { runHash, runRecordOf, type RunRecord } from './runRecord';

/** The part of a browser File the check needs (lets tests pass plain objects). */
export interface FileLike {
  name: string;
  size: number;
  text(): Promise<string>;
}

/** What the board learns about one file. Text in it (names) is cleaned and bounded; figures are re-simulated. */
export type FileCheck =
  | { ok: false; fileName: string; reason: RejectReason | 'unreadable'; detail: string }
  | { ok: true; fileName: string; name?: string; record: RunRecord; hash: string; verification: Verification };

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
