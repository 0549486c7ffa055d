// The optimum search: on a small market it finds the best combination of level presets that brute force finds,
// and fine-tuning never ends below the best presets; its evaluator (segments run alone) equals full runs to the bit.
import { describe, expect, it } from 'vitest';
import { runSearch, type Evaluate, type SearchSpace } from '@/features/market-lab/optimise';
import { equityEvaluator, searchSpaceFor, warmUp } from '@/features/market-lab/jobs';
import { defaultSettings, labLimits, marketById } from '@/features/market-lab/limits';
import { toRunOptions, toStrategy } from '@/features/market-lab/strategy';
import { simulate } from '@sim/index';
import { LEVEL_IDS, type InvestmentVector, type LevelName } from '@/features/market-lab/settings';

function bruteForce(space: SearchSpace, evaluate: Evaluate) {
  const segs = space.segmentIds;
  let best = { levels: {} as Record<string, LevelName>, total: -Infinity };
  const combos = (i: number, acc: Record<string, LevelName>) => {
    if (i === segs.length) {
      const inv: Record<string, InvestmentVector> = {};
      for (const s of segs) inv[s] = space.presetInvestment(s, acc[s]);
      const total = evaluate(inv).total;
      if (total > best.total) best = { levels: { ...acc }, total };
      return;
    }
    for (const l of LEVEL_IDS) combos(i + 1, { ...acc, [segs[i]]: l });
  };
  combos(0, {});
  return best;
}

describe('searchOptimum on a synthetic objective', () => {
  // Three segments, each with its own peak level, plus an interaction term that a per-segment guess alone misses.
  const peaks: Record<string, number> = { a: 1, b: 3, c: 4 };
  const space: SearchSpace = {
    segmentIds: ['a', 'b', 'c'],
    presetInvestment: (_s, level) => {
      const k = LEVEL_IDS.indexOf(level);
      return { reactive: k >= 1 ? 1 : 0, accountable: k >= 2 ? 2 : 0, proactive: k >= 3 ? 4 : 0, partnership: k >= 4 ? 8 : 0 };
    },
    investmentRange: () => ({ min: 0, max: 40, step: 0.5 }),
  };
  const levelOf = (inv: InvestmentVector) => inv.reactive / 1 + inv.accountable / 2 + inv.proactive / 4 + inv.partnership / 8;
  const evaluate: Evaluate = (inv) => {
    const bySegment: Record<string, number> = {};
    let total = 0;
    for (const s of space.segmentIds) {
      bySegment[s] = -((levelOf(inv[s]) - peaks[s]) ** 2);
      total += bySegment[s];
    }
    // Interaction: a and b together at level ≥ 2 earn a bonus.
    if (levelOf(inv.a) >= 2 && levelOf(inv.b) >= 2) total += 1.5;
    return { total, bySegment };
  };

  it('finds the brute-force best preset combination', () => {
    const brute = bruteForce(space, evaluate);
    const found = runSearch(space, evaluate, { fineTuneBudget: 0 });
    expect(found.presetLevels).toEqual(brute.levels);
    expect(found.presetEquity).toBeCloseTo(brute.total, 12);
  });

  it('fine-tuning only ever improves on the best presets', () => {
    const found = runSearch(space, evaluate);
    expect(found.equity).toBeGreaterThanOrEqual(found.presetEquity);
  });
});

describe('searchOptimum on the engine (small market, brute force over all 125 preset combinations)', () => {
  const settings = { ...defaultSettings('default'), quarters: 12 };
  const space = searchSpaceFor(settings);
  const evaluate = equityEvaluator(settings, 0.1);

  it('agrees with brute force and reports a real customer equity', () => {
    const brute = bruteForce(space, evaluate);
    const found = runSearch(space, evaluate, { fineTuneBudget: 12 });
    expect(found.presetLevels).toEqual(brute.levels);
    expect(found.presetEquity).toBe(brute.total);
    expect(found.equity).toBeGreaterThanOrEqual(brute.total);
    const check = evaluate(found.investment).total;
    expect(check).toBe(found.equity);
    expect(found.evaluations).toBeLessThan(125);
    for (const s of space.segmentIds) {
      for (const l of ['reactive', 'accountable', 'proactive', 'partnership'] as const) {
        const r = labLimits.investmentRange('default', s, l);
        expect(found.investment[s][l]).toBeGreaterThanOrEqual(r.min);
        expect(found.investment[s][l]).toBeLessThanOrEqual(r.max);
      }
    }
  });
});

describe('equityEvaluator (segments run alone and kept)', () => {
  it('gives the full run’s customer equity to the bit, running only the segments whose spend is new', () => {
    const settings = { ...defaultSettings('default'), quarters: 10 };
    const evaluate = equityEvaluator(settings);
    const market = marketById('default');
    const full = (inv: Record<string, InvestmentVector>) => {
      const run = simulate(market, toStrategy(settings, inv), toRunOptions(settings));
      return {
        total: run.overall[9].customerEquity,
        bySegment: Object.fromEntries(Object.entries(run.bySegment).map(([id, rows]) => [id, rows[9].customerEquity])),
      };
    };
    const a = settings.investment;
    expect(evaluate(a)).toEqual(full(a));
    expect(evaluate.runs).toBe(3);
    const b = { ...a, consumers: { ...a.consumers, proactive: 2.5 } };
    expect(evaluate(b)).toEqual(full(b));
    expect(evaluate.runs).toBe(4);
    const c = { ...b, 'key-accounts': labLimits.presetInvestment('default', 'key-accounts', 'basic') };
    expect(evaluate(c)).toEqual(full(c));
    expect(evaluate.runs).toBe(5);
    expect(evaluate(a)).toEqual(full(a));
    expect(evaluate.runs).toBe(5);
  });
});

describe('warmUp (a job worker’s first, small run)', () => {
  it('is a real run of the settings on a tenth of the customers', () => {
    const settings = { ...defaultSettings('default'), quarters: 6 };
    const run = simulate(marketById('default'), toStrategy(settings), { ...toRunOptions(settings), customersScale: 0.1 });
    expect(warmUp(settings)).toBe(run.overall[5].customerEquity);
  });
});
