// The class board's reading of an LMS interactions export: the sample Moodle exports (made from the SCORM e2e's
// runs, test/fixtures/scorm/make-moodle-export.ts) verify, an edited score or gradebook score is caught, and bad
// input is refused with a reason, never echoed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogScenario } from '@/features/teach/catalog';
import { makeExportChecker, type FileCheck, type FileLike } from '@/features/teach/checkFile';
import { isExportFile } from '@/features/teach/fileKind';
import { boardRows, type CheckedFile } from '@/features/teach/board';
import { MAX_EXPORT_BYTES, parseLmsExport } from '@/features/scorm/lmsExport';
import { moodleExport, type RecordedAttempt } from '../../fixtures/scorm/make-moodle-export';
import { loadScenarios } from './fixtures';

const scenarios = loadScenarios();
const scenario = scenarios.find((s) => s.id === 'budget-cut')!;
const check = makeExportChecker(scenarios);
const fixture = (ext: 'txt' | 'csv') => readFileSync(`test/fixtures/scorm/moodle-interactions.${ext}`, 'utf8');
const recorded = (['en', 'zh-cn'] as const).map(
  (l) => JSON.parse(readFileSync(`test/fixtures/scorm/e2e-runs/${l}.json`, 'utf8')) as RecordedAttempt,
);
const asFile = (text: string, name: string): FileLike => ({ name, size: new TextEncoder().encode(text).length, text: async () => text });
const okOnly = (checks: FileCheck[]) => checks.filter((c): c is Extract<FileCheck, { ok: true }> => c.ok);
const verdicts = (checks: FileCheck[]) => checks.map((c) => (c.ok ? c.verification.verdict.status : c.reason));

describe('the sample Moodle interactions export', () => {
  it('is what the e2e runs recorded, in both the text (tab) and the CSV layout', () => {
    for (const [ext, delimiter] of [
      ['txt', '\t'],
      ['csv', ','],
    ] as const) {
      const parsed = parseLmsExport(fixture(ext));
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.attempts.map((a) => a.name)).toEqual(recorded.map((r) => r.name));
      expect(parsed.attempts.map((a) => a.interactions)).toEqual(recorded.map((r) => r.interactions));
      expect(parsed.attempts.map((a) => a.lmsScore)).toEqual(recorded.map((r) => Number(r.score)));
      expect(parsed.attempts.map((a) => a.line)).toEqual([2, 3]);
      expect(fixture(ext)).toBe(moodleExport(recorded, 'Budget cut', delimiter));
    }
  });

  it('verifies every finished run by re-simulation, and the board ranks them for the class', async () => {
    for (const ext of ['txt', 'csv'] as const) {
      const checks = await check(asFile(fixture(ext), `moodle-interactions.${ext}`));
      expect(verdicts(checks)).toEqual(['genuine', 'genuine']);
      const ok = okOnly(checks);
      expect(ok.map((c) => [c.name, c.source])).toEqual([
        ['Ann Lee', { line: 2, run: 1 }],
        ['李明', { line: 3, run: 1 }],
      ]);
      expect(ok[0]!.record.decisions).toHaveLength(scenario.rounds);
      const cls = { scenarioId: scenario.id, seed: scenario.seed, locks: [] };
      const rows = boardRows(
        ok.map((c, i): CheckedFile => ({ ...c, key: `k${i}` })),
        cls,
        catalogScenario(scenario, 'en'),
      );
      // Both students played the same decisions on the same seed: one run, two copies.
      expect(rows).toHaveLength(1);
      expect(rows[0]!.verdict.status).toBe('verified');
      expect(rows[0]!.copies).toHaveLength(2);
      expect(rows[0]!.truth!.goalMet).toBe(recorded[0]!.interactions.at(-1)!.result === 'correct');
    }
  });

  it('catches an edited score in the interactions, and a gradebook score set by hand', async () => {
    const text = fixture('txt');
    const score = recorded[1]!.score;
    const other = String(Math.min(100, Number(score) + 12.5));
    // The result interaction's response edited (the gradebook column with it, as a student setting both would).
    const editedLine = text
      .split('\n')[2]!
      .split('\t')
      .map((c) => (c === score ? other : c === `${score}/100` ? `${other}/100` : c));
    const edited = text.replace(text.split('\n')[2]!, editedLine.join('\t'));
    expect(edited).not.toBe(text);
    const checks = await check(asFile(edited, 'edited.txt'));
    expect(verdicts(checks)).toEqual(['genuine', 'tampered']);
    expect(okOnly(checks)[1]!.verification.verdict).toMatchObject({ status: 'tampered', what: 'score' });
    // Only the gradebook's score changed (cmi.core.score.raw set through the LMS's API, the record left alone).
    const gradebook = text.replace(`\t${recorded[0]!.score}/100\t`, `\t${other}/100\t`);
    expect(gradebook).not.toBe(text);
    const g = await check(asFile(gradebook, 'gradebook.txt'));
    expect(verdicts(g)).toEqual(['tampered', 'genuine']);
    expect(okOnly(g)[0]!.verification.verdict).toMatchObject({ what: 'score', detail: 'gradebook' });
  });

  it('says which runs cannot be checked: unfinished, or a record with a round missing', async () => {
    const unfinished: RecordedAttempt = { ...recorded[0]!, name: 'Bo', interactions: recorded[0]!.interactions.slice(0, 3) };
    const gap: RecordedAttempt = {
      ...recorded[0]!,
      name: 'Cy',
      interactions: recorded[0]!.interactions.filter((i) => !i.id.endsWith('-round2')),
    };
    const checks = await check(asFile(moodleExport([unfinished, gap, recorded[1]!], 'Budget cut', '\t'), 'class.txt'));
    expect(checks.map((c) => [c.ok ? c.verification.verdict.status : c.reason, c.source])).toEqual([
      ['unfinished', { line: 2, run: 1 }],
      ['runUnreadable', { line: 3, run: 1 }],
      ['genuine', { line: 4, run: 1 }],
    ]);
  });
});

describe('bad LMS exports get a reason and nothing else', () => {
  it('refuses a file without CRM Lab runs, one without the Response or Result columns, and one too large', async () => {
    const hostile = `Name\tQuestion 0\n${'<script>alert(1)</script>'.repeat(500)}\tcrm-lab-quiz-attempt1\n`;
    const [noRuns] = await check(asFile(hostile, 'quiz.txt'));
    expect(noRuns).toEqual({ ok: false, fileName: 'quiz.txt', reason: 'noRuns', detail: '' });

    // Each question has four columns after the first seven (question, response, right answer, result): one of them
    // hidden is dropped from every line.
    const text = fixture('txt');
    const without = (column: number) =>
      text
        .split('\n')
        .map((line) =>
          line
            .split('\t')
            .filter((_, i) => i < 7 || (i - 7) % 4 !== column)
            .join('\t'),
        )
        .join('\n');
    // Downloaded with "Response" hidden: the id is followed by the right answer and the result.
    const noResponse = without(1);
    expect(verdicts(await check(asFile(noResponse, 'no-response.txt')))).toEqual(['columns']);
    // Downloaded with "Result" hidden.
    const noResult = without(3);
    expect(verdicts(await check(asFile(noResult, 'no-result.txt')))).toEqual(['columns']);

    const huge: FileLike = { name: 'huge.txt', size: MAX_EXPORT_BYTES + 1, text: () => Promise.reject(new Error('must not be read')) };
    expect(await check(huge)).toEqual([
      { ok: false, fileName: 'huge.txt', reason: 'exportTooLarge', detail: String(MAX_EXPORT_BYTES + 1) },
    ]);
    expect(parseLmsExport('x', MAX_EXPORT_BYTES + 1)).toEqual({ ok: false, problem: 'tooLarge' });
    // Moodle's Excel and ODS downloads are not read (binary): the board asks for the text or CSV download instead.
    const sheet: FileLike = { name: 'report.xlsx', size: 10, text: () => Promise.reject(new Error('must not be read')) };
    expect(await check(sheet)).toEqual([{ ok: false, fileName: 'report.xlsx', reason: 'spreadsheet', detail: '' }]);
  });

  it('cleans and bounds the one thing it shows from a line, the student name', async () => {
    const long: RecordedAttempt = { ...recorded[1]!, name: `\u202e${'名'.repeat(500)}` };
    const [c] = await check(asFile(moodleExport([long], 'Budget cut', '\t'), 'x.txt'));
    expect(c!.ok).toBe(true);
    if (c!.ok) {
      expect(c.name!.startsWith('名')).toBe(true);
      expect([...c.name!].length).toBeLessThanOrEqual(60);
    }
  });

  it('tells an export from a result file by its name', () => {
    expect(['a.txt', 'B.CSV', 'c.tsv', 'd.xlsx', 'e.ods'].map(isExportFile)).toEqual([true, true, true, true, true]);
    expect(['a.json', 'txt', 'a.txt.json'].map(isExportFile)).toEqual([false, false, false]);
  });
});
