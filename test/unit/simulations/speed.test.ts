// What the engine's speed work must keep exact: the branch-free forms of the hot loop equal the
// built-ins they replace, bit for bit, and simulateSummary / combineSummaries give simulate()'s numbers
// (also when segments are simulated apart, as a search that changes one segment may do). No timings here.
import { describe, expect, it } from 'vitest';
import {
  LEVELS,
  PRESET_IDS,
  SegmentRunCache,
  combineSummaries,
  defaultStrategy,
  getPreset,
  levelPresetInvestment,
  simulate,
  simulateSummary,
  uniformLevelStrategy,
} from '../../../simulations/index.ts';
import { seedKey, uniform } from '../../../simulations/random.ts';

/** Deterministic doubles of every kind the loop meets and a few it should not. */
function samples(): number[] {
  const key = seedKey('speed');
  const xs: number[] = [0, -0, 1, -1, 0.5, -0.5, 5e-324, -5e-324, 2.2250738585072014e-308, -2.2250738585072014e-308, 1e300, -1e300];
  for (let i = 0; i < 20000; i++) {
    const u = uniform(key, i, 1);
    const v = uniform(key, i, 2);
    xs.push((u - 0.5) * 10, (u - 0.5) * 10 ** Math.floor(v * 40 - 20), u * 8);
  }
  return xs;
}

describe('branch-free forms of the hot loop are the built-ins to the bit', () => {
  const xs = samples();
  it('(D − |D|) × 0.5 is Math.min(D, 0) for |D| < 8.9e307 (D is a difference of 1..5 scale values), −0 and subnormals included', () => {
    const bad = xs.filter((D) => {
      const neg = (D - Math.abs(D)) * 0.5;
      const old = Math.min(D, 0);
      return !Object.is(neg, old) || !Object.is(D - neg + 2 * neg, D - old + 2 * old);
    });
    expect(bad).toEqual([]);
    expect(Object.is((-0 - Math.abs(-0)) * 0.5, -0)).toBe(true);
    expect(Number.isNaN((NaN - Math.abs(NaN)) * 0.5)).toBe(true);
  });
  it('compare-and-select clamps to [1, 5] are Math.min(5, Math.max(1, x))', () => {
    expect(xs.filter((x) => !Object.is(x < 1 ? 1 : x > 5 ? 5 : x, Math.min(5, Math.max(1, x))))).toEqual([]);
  });
  it('x | 0 is Math.floor(x) for the table coordinates and bands (0 ≤ x ≤ 800)', () => {
    const ys = xs.map((x) => Math.abs(x) % 800.5);
    expect(ys.filter((y) => (y | 0) !== Math.floor(y))).toEqual([]);
  });
});

describe('simulateSummary', () => {
  it.each([...PRESET_IDS])('%s: the series equal simulate() bit for bit, whole firm and per segment', (id) => {
    const m = getPreset(id);
    const st = defaultStrategy(m);
    const run = simulate(m, st, { seed: 9, quarters: 24 });
    const sum = simulateSummary(m, st, { seed: 9, quarters: 24 });
    const o = sum.overall!;
    expect([...o.customerEquity]).toEqual(run.overall.map((r) => r.customerEquity));
    expect([...o.cumulativeDiscountedProfit]).toEqual(run.overall.map((r) => r.cumulativeDiscountedProfit));
    expect([...o.retentionRate]).toEqual(run.overall.map((r) => r.retentionRate));
    expect([...o.customers]).toEqual(run.overall.map((r) => r.customers));
    for (const s of sum.segments) expect([...s.customerEquity]).toEqual(run.bySegment[s.id]!.map((r) => r.customerEquity));
    // Rebuilt from the segments, the totals are the same bits.
    const again = combineSummaries(m, sum.segments, sum.discountFactor);
    expect([...again.customerEquity]).toEqual([...o.customerEquity]);
    expect([...again.retentionRate]).toEqual([...o.retentionRate]);
  });

  it('segments simulated alone are those of the full run, and a changed segment rerun alone completes the new run', () => {
    const m = getPreset('default');
    const base = defaultStrategy(m);
    const opts = { seed: 2026, quarters: 40 };
    const parts = m.segments.map((p) => simulateSummary(m, base, opts, [p.id]));
    for (const p of parts) expect(p.overall).toBeNull();
    const full = simulate(m, base, opts);
    const combined = combineSummaries(
      m,
      parts.map((p) => p.segments[0]!),
      parts[0]!.discountFactor,
    );
    expect([...combined.customerEquity]).toEqual(full.overall.map((r) => r.customerEquity));
    // A search changes the key accounts' spend: only that segment needs a new run.
    const next = defaultStrategy(m);
    next.segments['key-accounts'] = { investment: levelPresetInvestment(m, 'key-accounts', 'partnership') };
    const ka = simulateSummary(m, next, opts, ['key-accounts']);
    const rebuilt = combineSummaries(m, [parts[0]!.segments[0]!, parts[1]!.segments[0]!, ka.segments[0]!], ka.discountFactor);
    expect([...rebuilt.customerEquity]).toEqual(simulate(m, next, opts).overall.map((r) => r.customerEquity));
    expect(rebuilt.customerEquity[39]).not.toBe(combined.customerEquity[39]);
  });

  it('refuses an unknown segment, and combining without a segment or with one twice', () => {
    const m = getPreset('default');
    const st = uniformLevelStrategy(m, 'reactive');
    expect(() => simulateSummary(m, st, { seed: 1, quarters: 2 }, ['nobody'])).toThrow(/Unknown segment "nobody"/);
    const s = simulateSummary(m, st, { seed: 1, quarters: 2 });
    expect(() => combineSummaries(m, s.segments.slice(1), s.discountFactor)).toThrow(/consumers" exactly once/);
    expect(() => combineSummaries(m, [...s.segments, s.segments[0]!], s.discountFactor)).toThrow(/exactly once/);
  });
});

describe('SegmentRunCache (for "find the optimum")', () => {
  it("gives simulate()'s equity bit for bit and reruns only the segments whose settings are new", () => {
    const m = getPreset('default');
    const opts = { seed: 2026, quarters: 24 };
    const cache = new SegmentRunCache(m, opts);
    const check = (st: ReturnType<typeof defaultStrategy>) => {
      const run = simulate(m, st, opts);
      const e = cache.evaluate(st);
      expect(e.total).toBe(run.overall[23]!.customerEquity);
      for (const p of m.segments) expect(e.bySegment[p.id]).toBe(run.bySegment[p.id]![23]!.customerEquity);
    };
    // Every segment on each level preset: 5 × 3 segment runs.
    for (const level of LEVELS) check(uniformLevelStrategy(m, level));
    expect(cache.segmentRuns).toBe(15);
    // Any mix of those presets (a coordinate search over presets) needs no new run.
    const mix = uniformLevelStrategy(m, 'basic');
    mix.segments['key-accounts'] = { investment: levelPresetInvestment(m, 'key-accounts', 'partnership') };
    mix.segments.consumers = { investment: levelPresetInvestment(m, 'consumers', 'reactive') };
    check(mix);
    expect(cache.segmentRuns).toBe(15);
    // Fine-tuning one level of one segment: one new segment run.
    mix.segments['key-accounts']!.investment.proactive += 5;
    check(mix);
    expect(cache.segmentRuns).toBe(16);
    // A firm-wide setting touches every segment.
    check({ ...mix, promiseLevel: 4 });
    expect(cache.segmentRuns).toBe(19);
    expect(cache.customerQuarters).toBeGreaterThan(0);
    expect(() => cache.evaluate({ ...mix, quality: 9 })).toThrow(/quality/);
  });
});
