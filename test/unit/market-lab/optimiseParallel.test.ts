// "Find the optimum" on several workers: whatever the number of lanes and the order in which runs come back, the
// result is the one-worker search's to the bit; what it computes ahead is what the search then asks for; failures
// reach the caller.
import { describe, expect, it } from 'vitest';
import { optimiseInParallel, type PartComputer } from '@/features/market-lab/optimiseParallel';
import { equityEvaluator, optimiseSettings, runPart, searchSpaceFor } from '@/features/market-lab/jobs';
import { runSearch, searchOptimum, type SearchNeed } from '@/features/market-lab/optimise';
import { defaultSettings } from '@/features/market-lab/limits';
import type { LabSettings } from '@/features/market-lab/settings';

/** Lanes that answer after a pseudo-random delay (0–2 ms), so runs come back out of order, on a small market. */
function lanes(settings: LabSettings, n: number, scale?: number): PartComputer & { calls: number } {
  let k = 0;
  const computer = {
    lanes: n,
    calls: 0,
    compute: (_lane: number, segmentId: string, candidate: Parameters<PartComputer['compute']>[2]) => {
      computer.calls++;
      const part = runPart(settings, candidate, segmentId, scale);
      const delay = (k++ * 7) % 3;
      return new Promise<ReturnType<typeof runPart>>((resolve) => setTimeout(() => resolve(part), delay));
    },
  };
  return computer;
}

describe('optimiseInParallel', () => {
  it.each([1, 2, 3])('on %i lanes finds exactly what the one-worker search finds (two markets, two seeds)', async (n) => {
    for (const [marketId, seed] of [
      ['default', 2026],
      ['competitive', 7],
    ] as const) {
      const settings = { ...defaultSettings(marketId), quarters: 12, seed };
      const evaluate = equityEvaluator(settings, 0.2);
      const sequential = runSearch(searchSpaceFor(settings), evaluate);
      const computer = lanes(settings, n, 0.2);
      const { runs, ...found } = await optimiseInParallel(settings, computer);
      expect(found).toEqual(sequential);
      // Every run the search needed, plus those computed ahead (some may still be under way when it ends).
      expect(runs).toBeGreaterThanOrEqual(evaluate.runs);
      expect(runs).toBeLessThanOrEqual(computer.calls);
      if (n === 1) expect(runs).toBe(evaluate.runs);
    }
  });

  it('gives the lab’s default optimum on two lanes, as the worker-free search does', async () => {
    const settings = defaultSettings('default');
    const progress: number[] = [];
    const { runs, ...found } = await optimiseInParallel(settings, lanes(settings, 2), (p) => progress.push(p.evaluations));
    expect(found).toEqual(optimiseSettings(settings));
    expect(runs).toBeGreaterThanOrEqual(equityEvaluator(settings).runs);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toBeLessThanOrEqual(found.evaluations);
  });

  it('passes a failed run on to the caller', async () => {
    const settings = { ...defaultSettings('default'), quarters: 6 };
    let n = 0;
    const failing: PartComputer = {
      lanes: 2,
      compute: (_l, seg, cand) => (++n === 4 ? Promise.reject(new Error('worker')) : Promise.resolve(runPart(settings, cand, seg, 0.1))),
    };
    await expect(optimiseInParallel(settings, failing)).rejects.toThrow('worker');
  });
});

describe('searchOptimum names the candidates it will ask for next', () => {
  it('the next candidate it asks for is most often the first one it named', () => {
    const settings = { ...defaultSettings('default'), quarters: 12 };
    const evaluate = equityEvaluator(settings, 0.2);
    const gen = searchOptimum(searchSpaceFor(settings));
    const key = (c: SearchNeed['candidate']) => JSON.stringify(c);
    let answer;
    let named: string[] = [];
    let needs = 0;
    let foreseen = 0;
    for (;;) {
      const step = gen.next(answer);
      answer = undefined;
      if (step.done) break;
      if (step.value.type !== 'need') continue;
      needs++;
      if (named[0] === key(step.value.candidate)) foreseen++;
      named = step.value.ahead.map(key);
      expect(named).not.toContain(key(step.value.candidate));
      answer = evaluate(step.value.candidate);
    }
    // Phase 1 names the other uniform presets; fine-tuning names the next trial (right whenever a trial brings no gain).
    expect(foreseen).toBeGreaterThanOrEqual(needs / 4);
  });
});
