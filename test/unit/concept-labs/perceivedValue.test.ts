// Tests for the perceived-value lab maths: value = benefit − cost, logit shares, and the default case.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RATINGS,
  DEFAULT_SCALE,
  DEFAULT_WEIGHTS,
  evaluateMarket,
  logitShares,
  OBJECTIVE_WEIGHTS,
  perceivedValue,
} from '@/features/concept-labs/perceivedValue';

describe('perceivedValue', () => {
  it('is total benefit minus total cost', () => {
    const r = perceivedValue([8, 7, 6, 9, 8, 2, 2, 1]);
    expect(r.totalBenefit).toBe(30);
    expect(r.totalCost).toBe(13);
    expect(r.value).toBe(17);
  });
  it('applies perception weights item by item', () => {
    const r = perceivedValue([8, 7, 6, 9, 8, 2, 2, 1], DEFAULT_WEIGHTS);
    expect(r.totalBenefit).toBeCloseTo(8 + 7 + 6 + 13.5, 12);
    expect(r.totalCost).toBeCloseTo(8 + 2 + 2 + 1.5, 12);
  });
  it('rejects a rating list of the wrong length', () => {
    expect(() => perceivedValue([1, 2, 3])).toThrow(RangeError);
  });
});

describe('logitShares', () => {
  const cases = [
    { values: [20, 10, 2], scale: 0.5 },
    { values: [3, 3, 3], scale: 1.7 },
    { values: [-5, 40, 12.5], scale: 0.05 },
    { values: [1000, 999, -1000], scale: 2 },
  ];
  it.each(cases)('sums to 1 and stays in [0, 1] for $values at λ=$scale', ({ values, scale }) => {
    const s = logitShares(values, scale);
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (const x of s) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
    }
  });
  it.each(cases)('is unchanged when a constant is added to every value ($values)', ({ values, scale }) => {
    const a = logitShares(values, scale);
    const b = logitShares(
      values.map((v) => v + 37.25),
      scale,
    );
    a.forEach((x, i) => expect(b[i]).toBeCloseTo(x, 12));
  });
  it('matches the closed form for two offers (a logistic curve in the value gap)', () => {
    const [p] = logitShares([5, 3], 0.7);
    expect(p).toBeCloseTo(1 / (1 + Math.exp(-0.7 * 2)), 12);
  });
  it('gives equal shares at λ = 0 and the whole market to the leader as λ grows', () => {
    expect(logitShares([9, 1, 4], 0)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(logitShares([9, 1, 4], 50)[0]).toBeGreaterThan(0.999999);
  });
  it('ranks shares in the order of the values', () => {
    const s = logitShares([4, 9, 6], 0.3);
    expect(s[1]).toBeGreaterThan(s[2]);
    expect(s[2]).toBeGreaterThan(s[0]);
  });
});

describe('default parcel-delivery example', () => {
  it('our courier leads on perceived value although rival B leads on objective value', () => {
    const perceived = evaluateMarket(DEFAULT_RATINGS, DEFAULT_WEIGHTS, DEFAULT_SCALE, 'perceived');
    const objective = evaluateMarket(DEFAULT_RATINGS, DEFAULT_WEIGHTS, DEFAULT_SCALE, 'objective');
    expect(perceived.leader).toBe('firm');
    expect(objective.leader).toBe('rivalB');
    expect(perceived.offers[0].share).toBeGreaterThan(0.5);
    expect(objective.offers[0].share).toBeLessThan(0.5);
    expect(objective.offers.map((o) => o.value)).toEqual(
      (['firm', 'rivalA', 'rivalB'] as const).map((id) => perceivedValue(DEFAULT_RATINGS[id], OBJECTIVE_WEIGHTS).value),
    );
  });
});
