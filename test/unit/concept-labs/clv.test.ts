// The CLV lab must show exactly the analytics module's figures (no second implementation).
import { describe, expect, it } from 'vitest';
import { blattbergDeighton, clv, clvElasticities, marginMultiple, responseRate } from '@sim/analytics';
import {
  BD_PROSPECTS,
  bdSurface,
  CLV_SCHEMA,
  clvFigures,
  marginMultipleTable,
  responseSeries,
  TABLE_DISCOUNT,
  TABLE_RETENTION,
} from '@/features/concept-labs/clv';
import { defaults, parseQuery } from '@/kit/urlState';

const inputs = [
  { margin: 100, retention: 0.8, discount: 0.1, acq: 150, timing: 'end' as const },
  { margin: 100, retention: 0.8, discount: 0.1, acq: 0, timing: 'start' as const },
  { margin: 37, retention: 0.93, discount: 0.16, acq: 40, timing: 'end' as const },
];

describe('clvFigures', () => {
  it.each(inputs)('equals the analytics module for %o', (p) => {
    const f = clvFigures(p);
    expect(f.clv).toBe(clv(p.margin, p.retention, p.discount, p.timing));
    expect(f.clvEnd).toBe(clv(p.margin, p.retention, p.discount, 'end'));
    expect(f.clvStart).toBe(clv(p.margin, p.retention, p.discount, 'start'));
    expect(f.netClv).toBe(clv(p.margin, p.retention, p.discount, p.timing) - p.acq);
    expect(f.multiple).toBe(marginMultiple(p.retention, p.discount, p.timing));
    expect(f.elasticities).toEqual(clvElasticities(p.margin, p.retention, p.discount));
  });
  it('reproduces the textbook case: m = 100, r = 0.8, i = 0.1 gives 266.67 (end) and 366.67 (start)', () => {
    expect(clvFigures(inputs[0]).clv).toBeCloseTo(266.6667, 3);
    expect(clvFigures(inputs[1]).clv).toBeCloseTo(366.6667, 3);
  });
  it('1 % more retention is worth several times 1 % more margin at usual rates', () => {
    const f = clvFigures(inputs[0]);
    expect(f.gainFromOnePercentRetention / f.gainFromOnePercentMargin).toBeGreaterThan(3);
    expect(f.gainFromOnePercentRetention / f.gainFromOnePercentMargin).toBeCloseTo(f.elasticities.retention, 12);
  });
});

describe('marginMultipleTable', () => {
  it('is marginMultiple() on every grid cell, both timings', () => {
    for (const timing of ['end', 'start'] as const) {
      const table = marginMultipleTable(timing);
      TABLE_RETENTION.forEach((r, a) => TABLE_DISCOUNT.forEach((i, b) => expect(table[a][b]).toBe(marginMultiple(r, i, timing))));
    }
  });
  it('matches Gupta & Lehmann’s rule of thumb: multiples of about 1.5 to 4.5 (end timing)', () => {
    const flat = marginMultipleTable('end').flat();
    expect(Math.min(...flat)).toBeCloseTo(0.6 / 0.56, 12);
    expect(Math.max(...flat)).toBeCloseTo(0.9 / 0.2, 12);
  });
});

describe('Blattberg–Deighton surface', () => {
  const p = {
    acquisitionCurve: { ceiling: 0.4, k: 0.03 },
    retentionCurve: { ceiling: 0.85, k: 0.05 },
    margin: 100,
    discount: 0.1,
    prospects: BD_PROSPECTS,
  };
  it('every cell and the optimum come from blattbergDeighton()', () => {
    const s = bdSurface(p, 200, 200, 6);
    const ref = blattbergDeighton({ ...p, discountRate: p.discount });
    expect(s.result.optimalAcquisitionSpend).toBe(ref.optimalAcquisitionSpend);
    expect(s.result.optimalRetentionSpend).toBe(ref.optimalRetentionSpend);
    expect(s.result.maxCustomerEquity).toBe(ref.maxCustomerEquity);
    s.retentionSpends.forEach((R, y) => s.acquisitionSpends.forEach((A, x) => expect(s.equity[y][x]).toBe(ref.customerEquityAt(A, R))));
  });
  it('no grid cell beats the optimum', () => {
    const s = bdSurface(p, 200, 200, 20);
    expect(Math.max(...s.equity.flat())).toBeLessThanOrEqual(s.result.maxCustomerEquity + 1e-9);
  });
  it('response series follow responseRate with its ceiling', () => {
    const c = { ceiling: 0.4, k: 0.03 };
    const r = responseSeries(c, 200, 11);
    expect(r.spend[10]).toBe(200);
    r.spend.forEach((x, k) => expect(r.rate[k]).toBe(responseRate(c, x)));
    expect(Math.max(...r.rate)).toBeLessThan(c.ceiling);
  });
});

describe('CLV URL state', () => {
  it('reads the keys lesson writers use', () => {
    const r = parseQuery(CLV_SCHEMA, 'margin=120&retention=0.9&discount=0.12');
    expect(r.problems).toEqual([]);
    expect([r.state.margin, r.state.retention, r.state.discount]).toEqual([120, 0.9, 0.12]);
  });
  it('falls back to defaults and reports a bad value', () => {
    const r = parseQuery(CLV_SCHEMA, 'v=1&retention=1.5&timing=never');
    expect(r.problems.map((p) => ('name' in p ? p.name : p.kind))).toEqual(['retention', 'timing']);
    expect(r.state.retention).toBe(defaults(CLV_SCHEMA).retention);
  });
});
