// The class board's pure logic on made-up checks: the class verdict (scenario, locks, seed), one row per run with
// its copies, the ranking beyond the goal with its tie-break, other seeds counted, the spread and the CSV; and the
// check of many files in the page itself (where workers are missing), in order, with progress, over 1,000 files.
import { describe, expect, it } from 'vitest';
import { LEVELS } from '@sim/market';
import {
  MAX_BOARD_FILES,
  boardCsv,
  boardRows,
  classVerdict,
  otherSeeds,
  rankRows,
  spreadByRound,
  type CheckedFile,
  type ClassSettings,
} from '@/features/teach/board';
import { checkFiles } from '@/features/teach/verifyPool';
import { displayFileName, type FileLike } from '@/features/teach/checkFile';
import { runHash, runRecordOf, type RunRecord } from '@/features/teach/runRecord';
import type { Truth } from '@/features/teach/resultCheck';
import type { CatalogScenario } from '@/features/teach/types';
import { genuineFile, loadScenarios, rounds } from './fixtures';
import { serializeResultFile, type Decision } from '@/features/teach/resultFile';

const demo: CatalogScenario = {
  id: 'demo',
  version: 1,
  title: 'Demo',
  seed: 's1',
  rounds: 2,
  quartersPerRound: 1,
  goalMetric: 'customerEquity',
  goalTarget: 100,
  controls: [
    { id: 'p', label: 'Promise', levelPreset: false, initial: 3, locked: false },
    { id: 'q', label: 'Quality', levelPreset: false, initial: 4, locked: true },
    { id: 'levelPreset.c', label: 'Level', levelPreset: true, initial: 'basic', locked: false },
  ],
};
const cls: ClassSettings = { scenarioId: 'demo', seed: 's1', locks: [] };

let n = 0;
function made(options: {
  decisions?: RunRecord['decisions'];
  seed?: string;
  final?: number;
  name?: string;
  verdict?: 'genuine' | 'figures';
}): CheckedFile {
  const record = runRecordOf({
    scenarioId: 'demo',
    scenarioVersion: 1,
    modelVersion: '1.0.0',
    seed: options.seed ?? 's1',
    locks: [],
    decisions: options.decisions ?? [{ p: 3 }, { p: 3 }],
  });
  const final = options.final ?? 100;
  const truth: Truth = {
    customers: [10, 11],
    retention: [0.9, 0.91],
    equity: [50, final],
    value: final,
    target: 100,
    goalMet: final >= 100,
  };
  n += 1;
  return {
    ok: true,
    key: `k${n}`,
    fileName: `f${n}.json`,
    ...(options.name !== undefined ? { name: options.name } : {}),
    record,
    hash: runHash(record),
    verification: {
      verdict: options.verdict === 'figures' ? { status: 'tampered', what: 'figures', detail: 'equity[1]' } : { status: 'genuine' },
      truth,
    },
  };
}

describe('classVerdict', () => {
  it.each([
    { name: 'a run of the class', settings: cls, decisions: [{ p: 3 }, { p: 4 }], want: { status: 'verified', unlocked: [] } },
    { name: 'another seed', settings: { ...cls, seed: 's2' }, decisions: [{ p: 3 }, { p: 4 }], want: { status: 'otherSeed', seed: 's1' } },
    {
      name: 'a lock moved in round 2',
      settings: { ...cls, locks: ['p'] },
      decisions: [{ p: 3 }, { p: 4 }],
      want: { status: 'brokeLock', control: 'p', round: 2 },
    },
    {
      name: 'a lock missing but kept',
      settings: { ...cls, locks: ['p'] },
      decisions: [{ p: 3 }, { p: 3 }],
      want: { status: 'verified', unlocked: ['p'] },
    },
    {
      name: 'a level preset moved (by name or position)',
      settings: { ...cls, locks: ['levelPreset.c'] },
      decisions: [{ 'levelPreset.c': 'basic' }, { 'levelPreset.c': 2 as never }],
      want: { status: 'brokeLock', control: 'levelPreset.c', round: 2 },
    },
    { name: 'another scenario', settings: { ...cls, scenarioId: 'other' }, decisions: [{ p: 3 }], want: { status: 'otherScenario' } },
  ])('$name', ({ settings, decisions, want }) => {
    expect(classVerdict(made({ decisions: decisions as Decision[] }), settings, demo)).toMatchObject(want);
  });

  it('keeps what the re-simulation found about the file itself', () => {
    expect(classVerdict(made({ verdict: 'figures' }), cls, demo)).toMatchObject({ status: 'tampered', what: 'figures' });
  });
});

describe('boardRows and rankRows', () => {
  it('shows a run once with its copies, ranks beyond the goal, breaks ties by final equity, shares equal ranks', () => {
    const a = made({ decisions: [{ p: 3 }, { p: 3.5 }], final: 150, name: 'Ann' });
    const aCopy = { ...a, key: 'copy', fileName: 'ann (1).json', name: 'Ann' };
    const b = made({ decisions: [{ p: 2 }, { p: 2 }], final: 120, name: 'Bo' });
    const c = made({ decisions: [{ p: 2.5 }, { p: 2 }], final: 120, name: 'Cy' });
    const d = made({ decisions: [{ p: 4 }, { p: 4 }], final: 80 });
    const e = made({ decisions: [{ p: 3 }, { p: 3 }], seed: 's9', final: 200 });
    const f = made({ decisions: [{ p: 3 }, { p: 3.5 }], final: 150, verdict: 'figures' });
    const ranked = rankRows(boardRows([d, a, b, e, aCopy, c, f], cls, demo));
    expect(ranked.map((r) => [r.rank, r.ratio, r.copies.map((x) => x.fileName).join('+')])).toEqual([
      [1, 1.5, `${a.fileName}+ann (1).json`],
      [2, 1.2, b.fileName],
      [2, 1.2, c.fileName],
      [4, 0.8, d.fileName],
      [null, 2, e.fileName],
      [null, 1.5, f.fileName],
    ]);
    // Equal scores, different equity: the higher final customer equity ranks first.
    const tieScoreOnly = [made({ final: 120 }), made({ final: 120, decisions: [{ p: 1 }, { p: 1 }] })];
    tieScoreOnly[0].verification.truth!.equity = [1, 9];
    tieScoreOnly[1].verification.truth!.equity = [1, 10];
    expect(rankRows(boardRows(tieScoreOnly, cls, demo)).map((r) => [r.rank, r.copies[0].key])).toEqual([
      [1, tieScoreOnly[1].key],
      [2, tieScoreOnly[0].key],
    ]);
  });

  it('counts the genuine runs on other seeds, most first', () => {
    const rows = boardRows(
      [made({ seed: 'x' }), made({ seed: 'y', decisions: [{ p: 1 }] }), made({ seed: 'y', decisions: [{ p: 2 }] }), made({})],
      cls,
      demo,
    );
    expect(otherSeeds(rows)).toEqual([
      { seed: 'y', runs: 2 },
      { seed: 'x', runs: 1 },
    ]);
  });
});

describe('spreadByRound', () => {
  it('gives min, median and max per round and control, levels by their position', () => {
    const runs: { decisions: Decision[] }[] = [
      { decisions: [{ p: 1, 'levelPreset.c': 'basic' as const }, { p: 2 }] },
      { decisions: [{ p: 3, 'levelPreset.c': 'partnership' as const }, { p: 4 }] },
      { decisions: [{ p: 2, 'levelPreset.c': 'reactive' as const }, { p: 6 }] },
    ];
    const rows = spreadByRound(runs, ['p', 'levelPreset.c'], LEVELS);
    expect(rows.map((r) => [r.round, r.control, r.spread.min, r.spread.median, r.spread.max])).toEqual([
      [1, 'p', 1, 2, 3],
      [1, 'levelPreset.c', 0, 1, 4],
      [2, 'p', 2, 4, 6],
    ]);
  });
});

describe('boardCsv', () => {
  it('writes one row per run with its copies, re-simulated figures only, and defuses names', () => {
    const a = made({ name: '=cmd|x', final: 150 });
    const copy = { ...a, key: 'c2', fileName: 'again.json' };
    const bad = made({ verdict: 'figures', decisions: [{ p: 5 }] });
    const csv = boardCsv(rankRows(boardRows([a, copy, bad], cls, demo)), ['p'], { status: (v) => v.status });
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'rank,names,files,copies,status,scenario,scenario_version,seed,model_version,run_hash,goal_ratio,goal_met,final_customer_equity,final_retention,r1.p,r2.p',
    );
    expect(lines[1]).toBe(`1,'=cmd|x,${a.fileName}; again.json,2,verified,demo,1,s1,1.0.0,${a.hash},1.5,true,150,0.91,3,3`);
    expect(lines[2]).toBe(`,,${bad.fileName},1,tampered,demo,1,s1,1.0.0,${bad.hash},1,true,100,0.91,5,`);
  });
});

describe('checking many files in the page', () => {
  const [scenario] = loadScenarios().filter((s) => s.id === 'budget-cut');
  const text = serializeResultFile(genuineFile(scenario, 'many', rounds(scenario), { name: 'Ann' }));
  const fake = (name: string, body: string, size = body.length): FileLike => ({ name, size, text: async () => body });

  it('checks more than 1,000 files, each on its own and in order, with progress', async () => {
    expect(MAX_BOARD_FILES).toBeGreaterThanOrEqual(1000);
    const files = Array.from({ length: 1001 }, (_, i) =>
      i === 3
        ? fake('junk.json', 'hello')
        : i === 7
          ? fake('huge.json', '{}', 2_000_000)
          : i === 9
            ? { name: 'broken.json', size: 10, text: () => Promise.reject(new Error('io')) }
            : fake(`student-${i}.json`, text),
    );
    const seen: number[] = [];
    const checks = await checkFiles(files, [scenario], { onProgress: (done) => seen.push(done) });
    expect(checks).toHaveLength(1001);
    expect(checks.map((c) => (c.ok ? 'ok' : c.reason)).slice(0, 10)).toEqual([
      'ok',
      'ok',
      'ok',
      'notJson',
      'ok',
      'ok',
      'ok',
      'tooLarge',
      'ok',
      'unreadable',
    ]);
    expect(checks[1000]).toMatchObject({ ok: true, fileName: 'student-1000.json' });
    expect(seen).toEqual(Array.from({ length: 1001 }, (_, i) => i + 1));
    const ok = checks.filter((c) => c.ok);
    expect(new Set(ok.map((c) => c.hash)).size).toBe(1);
  });

  it('shortens and cleans file names before they are shown', () => {
    expect(displayFileName('a\u202eb.json')).toBe('ab.json');
    expect(displayFileName('x'.repeat(200)).length).toBe(78);
  });
});
