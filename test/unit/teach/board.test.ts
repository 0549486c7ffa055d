// The class board's pure logic: ranking of verified runs, spread of decisions, CSV export, intake.
import { describe, expect, it } from 'vitest';
import { boardCsv, rankEntries, spreadByRound, type BoardEntry } from '@/features/teach/board';
import { readResultFiles, displayFileName } from '@/features/teach/intake';
import { createResultFile, serializeResultFile, MAX_RESULT_BYTES, type ResultFile, type Verdict } from '@/features/teach/resultFile';

function file(score: number, finalEquity: number, decisions: Record<string, number>[], name?: string): ResultFile {
  return createResultFile({
    scenarioId: 'demo',
    scenarioVersion: 1,
    seed: 's1',
    locks: [],
    modelVersion: '1.0.0',
    decisions,
    claimed: { equity: [1, finalEquity], retention: [0.9, 0.9], score, goalMet: score > 0 },
    name,
  });
}
const ok: Verdict = { status: 'verified' };
const bad: Verdict = { status: 'tampered', what: 'figures', detail: 'equity[1]' };
const entry = (key: string, f: ResultFile, verdict: Verdict = ok): BoardEntry => ({ key, fileName: `${key}.json`, file: f, verdict });

describe('rankEntries', () => {
  it('ranks verified runs by score, then equity, with shared ranks for ties; unverified last and unranked', () => {
    const entries = [
      entry('a', file(5, 10, [{ x: 1 }])),
      entry('b', file(9, 10, [{ x: 2 }]), bad),
      entry('c', file(7, 3, [{ x: 3 }])),
      entry('d', file(7, 3, [{ x: 4 }])),
      entry('e', file(7, 8, [{ x: 5 }])),
    ];
    const ranked = rankEntries(entries).map((r) => [r.entry.key, r.rank]);
    expect(ranked).toEqual([
      ['e', 1],
      ['c', 2],
      ['d', 2],
      ['a', 4],
      ['b', null],
    ]);
  });
});

describe('spreadByRound', () => {
  it('gives min, median and max per round and control', () => {
    const files = [file(1, 1, [{ p: 1, q: 5 }, { p: 2 }]), file(1, 1, [{ p: 3, q: 1 }, { p: 4 }]), file(1, 1, [{ p: 2, q: 3 }, { p: 6 }])];
    const rows = spreadByRound(files, ['p', 'q']);
    expect(rows.map((r) => [r.round, r.control, r.spread.min, r.spread.median, r.spread.max])).toEqual([
      [1, 'p', 1, 2, 3],
      [1, 'q', 1, 3, 5],
      [2, 'p', 2, 4, 6],
    ]);
  });
});

describe('boardCsv', () => {
  it('writes one row per file with decision columns and defuses names', () => {
    const ranked = rankEntries([entry('a', file(5, 10, [{ p: 1 }, { p: 2 }], '=cmd|x')), entry('b', file(1, 2, [{ p: 3 }]), bad)]);
    const csv = boardCsv(ranked, ['p'], { status: (v) => v.status });
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'rank,name,file,status,scenario,scenario_version,seed,model_version,score,goal_met,final_customer_equity,final_retention,r1.p,r2.p',
    );
    expect(lines[1]).toBe("1,'=cmd|x,a.json,verified,demo,1,s1,1.0.0,5,true,10,0.9,1,2");
    expect(lines[2]).toBe(',,b.json,tampered,demo,1,s1,1.0.0,1,true,2,0.9,3,');
  });
});

describe('readResultFiles', () => {
  const good = serializeResultFile(file(1, 2, [{ p: 1 }]));
  const fake = (name: string, text: string, size = text.length) => ({ name, size, text: async () => text });

  it('loads good files and rejects each bad one with its own reason', async () => {
    const out = await readResultFiles([
      fake('good.json', good),
      fake('huge.json', '{}', MAX_RESULT_BYTES + 10),
      fake('junk.json', 'hello'),
      { name: 'broken.json', size: 10, text: () => Promise.reject(new Error('io')) },
      fake('proto.json', '{"__proto__":{"x":1}}'),
      fake('good2.json', good),
    ]);
    expect(out.map((o) => (o.ok ? 'ok' : o.reason))).toEqual(['ok', 'tooLarge', 'notJson', 'unreadable', 'hostile', 'ok']);
  });

  it('shortens and cleans file names before they are shown', () => {
    expect(displayFileName('a\u202eb.json')).toBe('ab.json');
    expect(displayFileName('x'.repeat(200)).length).toBe(78);
  });
});
