// Pure helpers of the shared charts: spoken trend summaries, quarter ticks, nearest index and keyboard steps.
import { describe, expect, it } from 'vitest';
import { describeTrend, trendKey } from '@/kit/charts/summary';
import { keyStep, nearestIndex, quarterTicks } from '@/kit/charts/geometry';

const q = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('describeTrend', () => {
  const cases: { name: string; values: number[]; key: string; after?: number | null }[] = [
    { name: 'level, then a fall after quarter 6', values: [0.91, 0.91, 0.905, 0.91, 0.9, 0.91, 0.86, 0.84], key: 'fellAfter', after: 6 },
    { name: 'a steady rise', values: [1, 2, 3, 4, 5], key: 'rose', after: null },
    { name: 'a rise after a flat start', values: [10, 10, 10, 20, 30], key: 'roseAfter', after: 3 },
    { name: 'flat within 1 %', values: [100, 100.5, 99.7, 100.2], key: 'flat', after: null },
    { name: 'a steady fall', values: [5, 4, 3, 2], key: 'fell', after: null }
  ];
  for (const c of cases) {
    it(c.name, () => {
      const tr = describeTrend(q(c.values.length), c.values)!;
      expect(trendKey(tr)).toBe(c.key);
      expect(tr.after).toBe(c.after);
      expect(tr.from).toBe(c.values[0]);
      expect(tr.to).toBe(c.values[c.values.length - 1]);
    });
  }
  it('skips gaps and returns null without data', () => {
    expect(describeTrend([], [])).toBeNull();
    expect(describeTrend([1, 2, 3], [Number.NaN, 2, 4])!.from).toBe(2);
  });
  it('uses an absolute tolerance for shares', () => {
    expect(describeTrend(q(3), [0.01, 0.012, 0.014], { absolute: true, flatTolerance: 0.005 })!.kind).toBe('flat');
    expect(describeTrend(q(3), [0.01, 0.012, 0.014])!.kind).toBe('rose');
  });
});

describe('geometry', () => {
  it.each([
    [q(40), 8, [1, 8, 16, 24, 32, 40]],
    [q(12), 12, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
    [q(4), 2, [1, 4]]
  ])('quarterTicks(%#)', (xs, max, expected) => {
    const ticks = quarterTicks(xs, max);
    expect(ticks[0]).toBe(expected[0]);
    expect(ticks.every((t) => Number.isInteger(t) && t >= xs[0] && t <= xs[xs.length - 1])).toBe(true);
    expect(ticks.length).toBeLessThanOrEqual(Math.max(max, 2) + 1);
    expect(ticks).toContain(expected[1]);
  });
  it('nearestIndex', () => {
    expect(nearestIndex([1, 2, 3, 4], 2.4)).toBe(1);
    expect(nearestIndex([1, 2, 3, 4], 99)).toBe(3);
    expect(nearestIndex([], 1)).toBe(-1);
  });
  it('keyStep', () => {
    expect(keyStep('ArrowRight', 3, 10)).toBe(4);
    expect(keyStep('ArrowLeft', 0, 10)).toBe(0);
    expect(keyStep('End', 0, 10)).toBe(9);
    expect(keyStep('Home', 5, 10)).toBe(0);
    expect(keyStep('PageUp', 8, 10)).toBe(9);
    expect(keyStep('a', 1, 10)).toBeNull();
  });
});
