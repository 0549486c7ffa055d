// The CLV lab must show exactly the analytics module's figures (no second implementation).
import { describe, expect, it } from 'vitest';
import {
  blattbergDeighton,
  clv,
  clvElasticities,
  marginMultiple,
  responseRate,
  retentionClv,
  retentionClvElasticities,
  type Timing,
} from '@sim/analytics';
import {
  BD_PROSPECTS,
  bdSurface,
  CLV_SCHEMA,
  clvFigures,
  marginMultipleTable,
  periodsOf,
  responseSeries,
  TABLE_DISCOUNT,
  TABLE_RETENTION,
} from '@/features/concept-labs/clv';
import { defaults, parseQuery } from '@/kit/urlState';

const inputs = [
  { margin: 100, retention: 0.8, discount: 0.1, acq: 150, timing: 'end' as const },
  { margin: 100, retention: 0.8, discount: 0.1, acq: 0, timing: 'start' as const },
  { margin: 37, retention: 0.93, discount: 0.16, acq: 40, timing: 'end' as const },
  { margin: 260, retention: 0.75, discount: 0.2, acq: 0, timing: 'middle' as const, cost: 50, periods: 10 },
];

describe('clvFigures', () => {
  it.each(inputs)('equals the analytics module for %o', (p) => {
    const f = clvFigures(p);
    const input = (timing: Timing, over: object = {}) => ({
      margin: p.margin,
      retention: p.retention,
      discountRate: p.discount,
      periods: p.periods ?? Infinity,
      marginTiming: timing,
      retentionCost: p.cost ?? 0,
      costTiming: 'middle' as const,
      ...over,
    });
    expect(f.clv).toBe(retentionClv(input(p.timing)));
    expect(f.clvEnd).toBe(retentionClv(input('end')));
    expect(f.clvStart).toBe(retentionClv(input('start')));
    expect(f.clvMiddle).toBe(retentionClv(input('middle')));
    expect(f.netClv).toBe(retentionClv(input(p.timing)) - p.acq);
    expect(f.costValue).toBe(retentionClv(input(p.timing, { retentionCost: 0 })) - f.clv);
    expect(f.multiple).toBe(marginMultiple(p.retention, p.discount, p.timing, p.periods ?? Infinity));
    expect(f.elasticities).toEqual(retentionClvElasticities(input(p.timing)));
    expect(f.gainFromOnePercentRetention).toBe(retentionClv(input(p.timing, { retention: p.retention * 1.01 })) - f.clv);
    expect(f.gainFromOnePercentMargin).toBe(retentionClv(input(p.timing, { margin: p.margin * 1.01 })) - f.clv);
  });
  it('without costs over an unlimited horizon, gives Gupta & Lehmann: m = 100, r = 0.8, i = 0.1 → 266.67 (end), 366.67 (start)', () => {
    expect(clvFigures(inputs[0]).clv).toBeCloseTo(266.6667, 3);
    expect(clvFigures(inputs[1]).clv).toBeCloseTo(366.6667, 3);
    expect(clvFigures(inputs[0]).clv).toBe(clv(100, 0.8, 0.1));
    expect(clvFigures(inputs[0]).elasticities.retention).toBeCloseTo(clvElasticities(100, 0.8, 0.1).retention, 6);
    expect(clvFigures(inputs[0]).costValue).toBe(0);
  });
  it('the lab’s controls reach Berger & Nasr’s case 1: end-of-year margins, mid-year promotion, 10 years, plus their first purchase at once = 568.78', () => {
    const { state, problems } = parseQuery(
      CLV_SCHEMA,
      'margin=260&retention=0.75&discount=0.2&acq=0&timing=end&cost=50&horizon=years&years=10',
    );
    expect(problems).toEqual([]);
    const f = clvFigures({ ...state, periods: periodsOf(state) });
    // Their first purchase is made at acquisition: add one margin to the lab's end-of-year CLV.
    expect(f.clv + 260).toBeCloseTo(568.78, 2);
    expect(f.costValue).toBeCloseTo(120.61, 2);
  });
  it('1 % more retention is worth several times 1 % more margin at usual rates; a retention cost makes both larger shares', () => {
    const f = clvFigures(inputs[0]);
    expect(f.gainFromOnePercentRetention / f.gainFromOnePercentMargin).toBeGreaterThan(3);
    // An arc of 1 % sits just above the point elasticity.
    expect(f.gainFromOnePercentRetention / f.clv / 0.01).toBeGreaterThan(f.elasticities.retention);
    expect(f.gainFromOnePercentRetention / f.clv / 0.01).toBeLessThan(f.elasticities.retention * 1.05);
    const costly = clvFigures({ ...inputs[0], cost: 40 });
    expect(costly.costValue).toBeGreaterThan(0);
    expect(costly.elasticities.margin).toBeGreaterThan(1);
    expect(costly.elasticities.retention).toBeGreaterThan(f.elasticities.retention);
  });
  it('a horizon shrinks the value, and the horizon setting reads as periods', () => {
    expect(periodsOf({ horizon: 'forever', years: 5 })).toBe(Infinity);
    expect(periodsOf({ horizon: 'years', years: 5 })).toBe(5);
    const five = clvFigures({ ...inputs[0], periods: 5 });
    expect(five.clv).toBeLessThan(clvFigures(inputs[0]).clv);
    expect(five.multiple).toBe(marginMultiple(0.8, 0.1, 'end', 5));
    expect(marginMultipleTable('end', 5)[3]![0]).toBe(marginMultiple(0.9, 0.1, 'end', 5));
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
