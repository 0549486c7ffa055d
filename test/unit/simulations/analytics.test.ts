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
  retentionClv,
  retentionClvElasticities,
  spendForRate,
  type Timing,
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

describe('the general retention-model CLV (Berger & Nasr 1998)', () => {
  // Every expectation below is an explicit sum over periods written out here, or a published figure.
  /** Σ over periods k = 1..T of the margin and cost of period k, booked as each timing says. */
  function explicitSum(m: number, r: number, i: number, T: number, mt: Timing, c: number, ct: Timing): number {
    const at = { start: 1, middle: 0.5, end: 0 } as const;
    let sum = 0;
    for (let k = 1; k <= T; k++) {
      const present = r ** (k - 1);
      const paid = mt === 'end' ? present * r : present;
      sum += (m * paid) / (1 + i) ** (k - at[mt]);
      sum -= (c * present) / (1 + i) ** (k - at[ct]);
    }
    return sum;
  }

  it('reproduces Berger & Nasr’s case 1: GC 260, promotion 50 at mid-year, r 0.75, d 0.2, n 10 → 568.78', () => {
    // Their formula: CLV = GC·Σ_{i=0..n} r^i/(1+d)^i − M·Σ_{i=1..n} r^(i−1)/(1+d)^(i−0.5).
    const [GC, M, r, d, n] = [260, 50, 0.75, 0.2, 10];
    let theirs = 0;
    for (let k = 0; k <= n; k++) theirs += (GC * r ** k) / (1 + d) ** k;
    for (let k = 1; k <= n; k++) theirs -= (M * r ** (k - 1)) / (1 + d) ** (k - 0.5);
    const ours = retentionClv({
      margin: GC,
      retention: r,
      discountRate: d,
      periods: n,
      marginTiming: 'end',
      retentionCost: M,
      costTiming: 'middle',
      marginAtAcquisition: GC,
    });
    expect(ours).toBeCloseTo(theirs, 9);
    expect(ours).toBeCloseTo(568.78, 2);
  });

  it('gives Gupta & Lehmann’s closed forms without costs over an infinite horizon', () => {
    const [m, r, i] = [100, 0.8, 0.12];
    expect(retentionClv({ margin: m, retention: r, discountRate: i })).toBeCloseTo((m * r) / (1 + i - r), 10);
    expect(retentionClv({ margin: m, retention: r, discountRate: i, marginTiming: 'start' })).toBeCloseTo((m * (1 + i)) / (1 + i - r), 10);
    expect(retentionClv({ margin: m, retention: r, discountRate: i, marginTiming: 'middle' })).toBeCloseTo(
      (m * Math.sqrt(1 + i)) / (1 + i - r),
      10,
    );
    // "m(1+i)/(1+i−r) if the first margin is received at once": start = end + a margin at acquisition.
    expect(retentionClv({ margin: m, retention: r, discountRate: i, marginTiming: 'start' })).toBeCloseTo(
      retentionClv({ margin: m, retention: r, discountRate: i, marginAtAcquisition: m }),
      10,
    );
    // Their table of margin multiples runs from 1.07 (r 60 %, i 16 %) to 4.50 (r 90 %, i 10 %).
    expect(marginMultiple(0.6, 0.16)).toBeCloseTo(1.07, 2);
    expect(marginMultiple(0.9, 0.1)).toBeCloseTo(4.5, 12);
  });

  it('equals the explicit sum for every timing of margin and cost, with costs and a finite horizon', () => {
    const timings: Timing[] = ['start', 'middle', 'end'];
    for (const mt of timings)
      for (const ct of timings)
        for (const T of [0, 1, 7, 40]) {
          const value = retentionClv({
            margin: 80,
            retention: 0.85,
            discountRate: 0.1,
            periods: T,
            marginTiming: mt,
            retentionCost: 12,
            costTiming: ct,
            acquisitionCost: 30,
          });
          expect(value, `${mt}/${ct}/${T}`).toBeCloseTo(explicitSum(80, 0.85, 0.1, T, mt, 12, ct) - 30, 9);
        }
  });

  it('converges to the infinite horizon, and a retention cost costs its present value', () => {
    for (const mt of ['start', 'middle', 'end'] as const) {
      const p = { margin: 50, retention: 0.9, discountRate: 0.03, marginTiming: mt, retentionCost: 5 };
      expect(retentionClv({ ...p, periods: 3000 })).toBeCloseTo(retentionClv(p), 8);
      // Infinite horizon: the cost is c·b/(1 − r/(1+i)), b = 1/√(1+i) at mid-period.
      expect(retentionClv({ ...p, retentionCost: 0 }) - retentionClv(p)).toBeCloseTo(5 / Math.sqrt(1.03) / (1 - 0.9 / 1.03), 9);
    }
    // A longer horizon never lowers the value of a profitable customer.
    let last = -Infinity;
    for (const T of [1, 2, 5, 10, 20, 50]) {
      const v = retentionClv({ margin: 50, retention: 0.9, discountRate: 0.03, periods: T, retentionCost: 5 });
      expect(v).toBeGreaterThan(last);
      last = v;
    }
  });

  it('keeps the older entry points as special cases', () => {
    expect(finiteHorizonClv(40, 0.85, 0.025, 12, 30, 'start')).toBe(
      retentionClv({ margin: 40, retention: 0.85, discountRate: 0.025, periods: 12, marginTiming: 'start', acquisitionCost: 30 }),
    );
    expect(clv(40, 0.85, 0.025, 'middle')).toBe(retentionClv({ margin: 40, retention: 0.85, discountRate: 0.025, marginTiming: 'middle' }));
    expect(marginMultiple(0.85, 0.025, 'end', 12)).toBe(finiteHorizonClv(1, 0.85, 0.025, 12));
  });

  it('refuses impossible inputs', () => {
    expect(() => retentionClv({ margin: 1, retention: 1.2, discountRate: 0.1 })).toThrow(RangeError);
    expect(() => retentionClv({ margin: 1, retention: 0.5, discountRate: 0.1, periods: 2.5 })).toThrow(RangeError);
    expect(() => retentionClv({ margin: 1, retention: 0.5, discountRate: -1, periods: 3 })).toThrow(RangeError);
    // A finite horizon may keep every customer and not discount (r = 1 + i).
    expect(retentionClv({ margin: 10, retention: 1, discountRate: 0, periods: 5 })).toBeCloseTo(50, 12);
  });

  it('elasticities: Gupta & Lehmann’s closed forms without costs, finite differences of the sum with them', () => {
    const closed = clvElasticities(100, 0.8, 0.12);
    const general = retentionClvElasticities({ margin: 100, retention: 0.8, discountRate: 0.12 });
    expect(general.retention).toBeCloseTo(closed.retention, 6);
    expect(general.margin).toBeCloseTo(1, 6);
    expect(general.discount).toBeCloseTo(closed.discount, 6);
    // With a cost, a horizon and start timing: compare with a wider difference of the explicit sum.
    const p = {
      margin: 60,
      retention: 0.7,
      discountRate: 0.1,
      periods: 8,
      marginTiming: 'start' as const,
      retentionCost: 20,
      costTiming: 'middle' as const,
    };
    const e = retentionClvElasticities(p);
    const h = 1e-4;
    const v = explicitSum(60, 0.7, 0.1, 8, 'start', 20, 'middle');
    const d = (f: (x: number) => number, x: number) => (f(x * (1 + h)) - f(x * (1 - h))) / (2 * h) / v;
    expect(e.retention).toBeCloseTo(
      d((r) => explicitSum(60, r, 0.1, 8, 'start', 20, 'middle'), 0.7),
      5,
    );
    expect(e.margin).toBeCloseTo(
      d((m) => explicitSum(m, 0.7, 0.1, 8, 'start', 20, 'middle'), 60),
      5,
    );
    expect(e.discount).toBeCloseTo(
      d((i) => explicitSum(60, 0.7, i, 8, 'start', 20, 'middle'), 0.1),
      5,
    );
    // A cost lifts the elasticity to margin above 1: the margin is a larger share of a smaller value.
    expect(e.margin).toBeGreaterThan(1);
    expect(
      Number.isNaN(
        retentionClvElasticities({
          margin: 10,
          retention: 0.8,
          discountRate: 0.1,
          marginTiming: 'start',
          retentionCost: 10,
          costTiming: 'start',
        }).retention,
      ),
    ).toBe(true);
    // An input at 0 has elasticity 0 (as Gupta & Lehmann's margin elasticity at m = 0); the CLV is not 0 here.
    expect(retentionClvElasticities({ margin: 0, retention: 0.8, discountRate: 0, retentionCost: 5 })).toMatchObject({
      margin: 0,
      discount: 0,
    });
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
