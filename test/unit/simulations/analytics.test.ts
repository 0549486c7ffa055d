// Tests of the closed-form analytics (CLV, margin multiple, elasticities, Blattberg–Deighton).
// Each expectation is derived independently of the implementation (sums, finite differences).
import { describe, expect, it } from 'vitest';
import {
  blattbergDeighton,
  clv,
  clvElasticities,
  finiteHorizonClv,
  marginMultiple,
  responseRate,
  spendForRate,
} from '../../../simulations/analytics.ts';

describe('CLV and margin multiple', () => {
  it('matches Gupta & Lehmann for end-of-period margins', () => {
    expect(clv(100, 0.8, 0.12)).toBeCloseTo((100 * 0.8) / (1 + 0.12 - 0.8), 10);
    expect(marginMultiple(0.8, 0.12)).toBeCloseTo(2.5, 10);
  });
  it('start timing adds the first margin at once: start = end + m', () => {
    expect(clv(100, 0.8, 0.12, 'start')).toBeCloseTo((100 * 1.12) / 0.32, 10);
    expect(clv(100, 0.8, 0.12, 'start') - clv(100, 0.8, 0.12, 'end')).toBeCloseTo(100, 10);
  });
  it('equals the sum of discounted expected margins', () => {
    let sum = 0;
    for (let t = 1; t < 2000; t++) sum += (50 * 0.9 ** t) / 1.03 ** t;
    expect(clv(50, 0.9, 0.03)).toBeCloseTo(sum, 8);
  });
  it('rejects impossible rates', () => {
    expect(() => clv(1, 1.5, 0.1)).toThrow(RangeError);
    expect(() => clv(1, 0.5, -2)).toThrow(RangeError);
  });
});

describe('elasticities', () => {
  it('agree with finite differences and show retention leverage', () => {
    const m = 100;
    const r = 0.8;
    const i = 0.12;
    const e = clvElasticities(m, r, i);
    const h = 1e-6;
    const base = clv(m, r, i);
    expect(e.retention).toBeCloseTo((clv(m, r * (1 + h), i) / base - 1) / h, 4);
    expect(e.margin).toBe(1);
    expect(e.discount).toBeCloseTo((clv(m, r, i * (1 + h)) / base - 1) / h, 4);
    expect(e.retention).toBeGreaterThan(3);
    expect(e.retention).toBeLessThan(7);
  });
});

describe('finite-horizon CLV', () => {
  it('sums the periods explicitly and subtracts the acquisition cost', () => {
    let end = 0;
    let start = 0;
    for (let t = 1; t <= 12; t++) end += (40 * 0.85 ** t) / 1.025 ** t;
    for (let t = 0; t < 12; t++) start += (40 * 0.85 ** t) / 1.025 ** t;
    expect(finiteHorizonClv(40, 0.85, 0.025, 12, 30)).toBeCloseTo(end - 30, 9);
    expect(finiteHorizonClv(40, 0.85, 0.025, 12, 0, 'start')).toBeCloseTo(start, 9);
  });
  it('converges to the infinite CLV', () => {
    expect(finiteHorizonClv(40, 0.85, 0.025, 2000)).toBeCloseTo(clv(40, 0.85, 0.025), 8);
  });
  it('handles r = 1 + i (no discounting of survival)', () => {
    expect(finiteHorizonClv(10, 1, 0, 5)).toBeCloseTo(50, 12);
  });
});

describe('Blattberg–Deighton', () => {
  const input = {
    acquisitionCurve: { ceiling: 0.4, k: 0.05 },
    retentionCurve: { ceiling: 0.85, k: 0.08 },
    margin: 100,
    discountRate: 0.1,
    prospects: 1000,
  };
  it('response curves saturate at the ceiling and invert', () => {
    expect(responseRate(input.acquisitionCurve, 0)).toBe(0);
    expect(responseRate(input.acquisitionCurve, 1e6)).toBeCloseTo(0.4, 12);
    expect(spendForRate(input.acquisitionCurve, responseRate(input.acquisitionCurve, 17))).toBeCloseTo(17, 9);
  });
  it('finds spends that no nearby spend beats', () => {
    const res = blattbergDeighton(input);
    const best = res.customerEquityAt(res.optimalAcquisitionSpend, res.optimalRetentionSpend);
    expect(best).toBeCloseTo(res.maxCustomerEquity, 6);
    for (const da of [-2, -0.5, 0.5, 2])
      for (const dr of [-2, -0.5, 0, 0.5, 2]) {
        const a = Math.max(0, res.optimalAcquisitionSpend + da);
        const r = Math.max(0, res.optimalRetentionSpend + dr);
        expect(res.customerEquityAt(a, r)).toBeLessThanOrEqual(best + 1e-9);
      }
    expect(res.optimalAcquisitionSpend).toBeGreaterThan(0);
    expect(res.optimalRetentionSpend).toBeGreaterThan(0);
    expect(res.optimalRetentionRate).toBeLessThan(0.85);
  });
  it('spends nothing on acquisition when a customer is not worth it', () => {
    const res = blattbergDeighton({ ...input, margin: 1 });
    expect(res.optimalAcquisitionSpend).toBe(0);
  });
});
