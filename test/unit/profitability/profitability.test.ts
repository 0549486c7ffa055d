// Ranking, tiers and the whale curve (src/features/profitability/profitability.ts): the lesson's ten customers by
// hand, then the lab's own run — tiers add up to the customers and their value, the curve is concave, peaks where
// the loss-makers begin and ends at 100 %, and serving a segment at a cheaper level gives the engine's equity.
import { describe, expect, it } from 'vitest';
import { defaultStrategy, getPreset, levelPresetInvestment, simulate } from '@sim/index';
import {
  TIERS,
  analyse,
  cheaperLevels,
  cumulativeValue,
  direction,
  pyramid,
  rankOrder,
  suggestedSegment,
  tierCuts,
  whaleCurve,
  type Analysis,
  type AnalysisRequest,
} from '@/features/profitability/profitability';
import { requestSettings, runAnalysis } from '@/features/profitability/run';
import { DEFAULT_QUARTERS, DEFAULT_SEED } from '@/features/market-lab/limits';

// The wholesaler's ten trade customers of the lesson (A…J), in a shuffled order, with their segment (0 or 1).
const TEN = { A: 60, B: 35, C: 20, D: 12, E: 8, F: 5, G: 0, H: -5, I: -15, J: -20 };
const NAMES = ['E', 'J', 'A', 'G', 'C', 'I', 'B', 'H', 'D', 'F'] as const;
const values = NAMES.map((n) => TEN[n]);
const segment = NAMES.map((_, i) => i % 2);

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('the lesson’s ten customers, by hand', () => {
  it('ranks them from most to least profitable', () => {
    expect(Array.from(rankOrder(values), (i) => NAMES[i]).join('')).toBe('ABCDEFGHIJ');
  });

  it('gives the cumulative profit of the lesson’s table', () => {
    expect(Array.from(cumulativeValue(values))).toEqual([0, 60, 95, 115, 127, 135, 140, 140, 135, 120, 100]);
  });

  it('draws the whale curve: 95 % from the top 20 %, a hump of 140 % after six customers, back to 100 %', () => {
    const w = whaleCurve(cumulativeValue(values), 10)!;
    expect(w.x).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(w.y.map((y) => Math.round(y * 100))).toEqual([0, 60, 95, 115, 127, 135, 140, 140, 135, 120, 100]);
    expect([w.peakCustomers, w.peakX, w.peakY]).toEqual([6, 0.6, 1.4]);
  });

  it('sorts them into the pyramid: platinum A, gold B and C, iron D to G, lead H, I and J', () => {
    expect(tierCuts(10)).toEqual({ platinum: 1, gold: 2 });
    const rows = pyramid(values, segment, 2);
    expect(rows.map((r) => [r.id, r.count, r.value])).toEqual([
      ['platinum', 1, 60],
      ['gold', 2, 55],
      ['iron', 4, 25],
      ['lead', 3, -40],
    ]);
    // B and C sit at even positions of the shuffled list, so both are in segment 0.
    expect(rows[1]!.bySegment).toEqual([2, 0]);
    expect(rows.reduce((s, r) => s + r.count, 0)).toBe(10);
    expect(rows.reduce((s, r) => s + r.value, 0)).toBe(100);
  });

  it('has no whale curve when the customers lose money in total', () => {
    expect(whaleCurve(cumulativeValue([10, -30]))).toBeNull();
    expect(whaleCurve(cumulativeValue([]))).toBeNull();
  });

  it('puts every loss-maker in lead, even one ranked in the top tiers', () => {
    expect(pyramid([-1, -2, -3], [0, 0, 0], 1).map((r) => r.count)).toEqual([0, 0, 0, 3]);
  });
});

const REQUEST: AnalysisRequest = { marketId: 'default', seed: DEFAULT_SEED, quarters: DEFAULT_QUARTERS, change: null };

function checkAnalysis(a: Analysis) {
  const count = a.tiers.reduce((s, r) => s + r.count, 0);
  expect(count).toBe(a.customers);
  for (const r of a.tiers) expect(r.bySegment.reduce((s, n) => s + n, 0)).toBe(r.count);
  expect(
    near(
      a.tiers.reduce((s, r) => s + r.value, 0),
      a.total,
    ),
  ).toBe(true);
  // The customers' values, less the acquisition cost none of them carries, are the run's customer equity.
  expect(near(a.total - a.unattributed, a.equity)).toBe(true);
  const w = a.whale!;
  expect(w.y[0]).toBe(0);
  expect(w.y[w.y.length - 1]).toBe(1);
  // Ranked from most to least valuable, each step adds less than the one before: the curve is concave.
  for (let k = 2; k < w.y.length; k++) expect(w.y[k]! - w.y[k - 1]!).toBeLessThanOrEqual(w.y[k - 1]! - w.y[k - 2]! + 1e-12);
  expect(Math.max(...w.y)).toBeLessThanOrEqual(w.peakY);
  // The hump: the curve peaks where the loss-makers begin, above 100 % when there are any.
  const lead = a.tiers.find((r) => r.id === 'lead')!;
  expect(lead.count).toBeGreaterThan(0);
  expect(lead.value).toBeLessThan(0);
  expect(w.peakY).toBeGreaterThan(1);
  expect(near(w.peakY, (a.total - lead.value) / a.total)).toBe(true);
  expect(w.peakCustomers).toBeLessThanOrEqual(a.customers - lead.count);
}

describe('the lab’s default run', () => {
  const base = runAnalysis(REQUEST);

  it('ranks every customer served, with tiers and curve that add up to the run’s customer equity', () => {
    checkAnalysis(base);
    const run = simulate(getPreset('default'), defaultStrategy(getPreset('default')), { seed: DEFAULT_SEED, quarters: DEFAULT_QUARTERS });
    expect(base.equity).toBe(run.overall[run.overall.length - 1]!.customerEquity);
    expect(base.levels).toEqual(['reactive', 'accountable', 'proactive']);
    // Platinum and gold are the top 10 % and the next 20 % of customers.
    const cuts = tierCuts(base.customers);
    expect(base.tiers.slice(0, 2).map((r) => r.count)).toEqual([cuts.platinum, cuts.gold]);
    expect(base.tiers.map((r) => r.id)).toEqual([...TIERS]);
    // Nearly every loss-maker in this model left soon after being won, before margins repaid the cost.
    expect(base.leadLeftEarly).toBeLessThanOrEqual(base.tiers[3]!.count);
    expect(base.leadLeftEarly).toBeGreaterThan(0.9 * base.tiers[3]!.count);
  });

  it('suggests the segment holding the most lead customers, and the levels below its own', () => {
    const s = suggestedSegment(base);
    const lead = base.tiers[3]!.bySegment;
    expect(lead[s]).toBe(Math.max(...lead));
    expect(base.segments[s]).toBe('consumers');
    expect(cheaperLevels(base.levels[s]!)).toEqual(['basic']);
    expect(cheaperLevels('proactive')).toEqual(['accountable', 'reactive', 'basic']);
    expect(cheaperLevels('basic')).toEqual([]);
    expect(cheaperLevels('custom')).toEqual([]);
  });

  it('serves a segment at a cheaper level: the engine’s equity for that strategy, moved in the direction shown', () => {
    const after = runAnalysis({ ...REQUEST, change: { segment: 'small-business', level: 'reactive' } });
    checkAnalysis(after);
    const m = getPreset('default');
    const st = defaultStrategy(m);
    st.segments['small-business'] = { investment: levelPresetInvestment(m, 'small-business', 'reactive') };
    const run = simulate(m, st, { seed: DEFAULT_SEED, quarters: DEFAULT_QUARTERS });
    expect(after.equity).toBe(run.overall[run.overall.length - 1]!.customerEquity);
    expect(after.levels).toEqual(['reactive', 'reactive', 'proactive']);
    expect(direction(base.equity, after.equity)).toBe(after.equity > base.equity ? 'up' : 'down');
  });

  it('words no change as unchanged', () => {
    expect(direction(100, 100)).toBe('unchanged');
    expect(direction(100, 101)).toBe('up');
    expect(direction(-5, -6)).toBe('down');
  });

  it('refuses a market, segment or level the lab does not have', () => {
    expect(() => requestSettings({ ...REQUEST, marketId: 'constant-retention' })).toThrow(RangeError);
    expect(() => requestSettings({ ...REQUEST, change: { segment: 'nobody', level: 'basic' } })).toThrow(RangeError);
    expect(() => requestSettings({ ...REQUEST, change: { segment: 'consumers', level: 'gold' as never } })).toThrow(RangeError);
  });

  it('analyses whatever values it is given, in the same shape', () => {
    const a = analyse(
      REQUEST,
      {
        segments: ['a', 'b'],
        segment: Uint8Array.from(segment),
        value: Float64Array.from(values),
        // J (position 1) left in quarter 3 after arriving in 1, I (5) in quarter 9 after arriving in 2, H (7) stays.
        arrival: Int32Array.from([0, 1, 0, 0, 0, 2, 0, 5, 0, 0]),
        left: Int32Array.from([-1, 3, -1, -1, -1, 9, -1, -1, -1, -1]),
        unattributed: [0, 0],
      },
      100,
      ['basic', 'basic'],
    );
    expect([a.customers, a.total, a.equity, a.whale!.peakY]).toEqual([10, 100, 100, 1.4]);
    // Of the three lead customers only J left within four quarters of arriving.
    expect(a.leadLeftEarly).toBe(1);
  });
});
