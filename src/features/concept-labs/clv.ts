// Figures for the CLV and customer-equity lab, all computed by ENGINE's analytics module
// (simulations/analytics.ts): this file only chooses grids and packages results, it never
// re-implements a formula, so the lab shows exactly the numbers the Model page and tests use.
import {
  blattbergDeighton,
  marginMultiple,
  responseRate,
  retentionClv,
  retentionClvElasticities,
  type BlattbergDeightonResult,
  type ResponseCurve,
  type RetentionClvInput,
  type Timing,
} from '@sim/analytics';
import type { Schema } from '@/kit/urlState';

/** Retention and discount rates of the margin-multiple table (per year, as in Gupta & Lehmann). */
export const TABLE_RETENTION = [0.6, 0.7, 0.8, 0.9] as const;
export const TABLE_DISCOUNT = [0.1, 0.12, 0.14, 0.16] as const;

/**
 * URL state (keys documented for lesson writers): margin per year, retention and discount (0..1),
 * acquisition cost, the margin's timing in the year (end, start, middle), a retention cost per customer
 * per year (spent at mid-year), the horizon (forever, or `years`); Blattberg–Deighton curves (ceilings
 * and k) and an explored spend point.
 */
export const CLV_SCHEMA = {
  margin: { kind: 'number', min: 0, max: 1000, step: 1, default: 100 },
  retention: { kind: 'number', min: 0, max: 0.99, step: 0.01, default: 0.8 },
  discount: { kind: 'number', min: 0, max: 0.5, step: 0.01, default: 0.1 },
  acq: { kind: 'number', min: 0, max: 2000, step: 10, default: 150 },
  timing: { kind: 'enum', values: ['end', 'start', 'middle'] as const, default: 'end' },
  cost: { kind: 'number', min: 0, max: 500, step: 1, default: 0 },
  horizon: { kind: 'enum', values: ['forever', 'years'] as const, default: 'forever' },
  years: { kind: 'number', min: 1, max: 50, step: 1, default: 10 },
  acqCeil: { kind: 'number', min: 0.05, max: 1, step: 0.05, default: 0.4 },
  acqK: { kind: 'number', min: 0.005, max: 0.2, step: 0.005, default: 0.03 },
  retCeil: { kind: 'number', min: 0.05, max: 0.99, step: 0.01, default: 0.85 },
  retK: { kind: 'number', min: 0.005, max: 0.2, step: 0.005, default: 0.05 },
  acqSpend: { kind: 'number', min: 0, max: 100, step: 1, default: 40 },
  retSpend: { kind: 'number', min: 0, max: 100, step: 1, default: 20 },
} as const satisfies Schema;

export interface ClvInputs {
  margin: number;
  retention: number;
  discount: number;
  acq: number;
  timing: Timing;
  /** Retention cost per customer per year, spent at mid-year (Berger & Nasr); default 0. */
  cost?: number;
  /** Years counted; Infinity (the default) for no end. */
  periods?: number;
}

/** The lab's horizon setting as a number of periods. */
export function periodsOf(state: { horizon: 'forever' | 'years'; years: number }): number {
  return state.horizon === 'forever' ? Infinity : state.years;
}

export interface ClvFigures {
  /** CLV with the chosen timing, retention cost and horizon (before the acquisition cost). */
  clv: number;
  /** The same CLV with each timing of the margin, for side-by-side display. */
  clvEnd: number;
  clvStart: number;
  clvMiddle: number;
  /** CLV minus the acquisition cost paid at once. */
  netClv: number;
  /** Present value of the retention costs (what they take off the CLV). */
  costValue: number;
  /** Margin multiple of the chosen timing and horizon (CLV per unit of yearly margin, without costs). */
  multiple: number;
  /** Point elasticities of this CLV (NaN where the CLV is 0). */
  elasticities: { retention: number; margin: number; discount: number };
  /** CLV gained from 1 % more retention (relative) and from 1 % more margin, recomputed exactly. */
  gainFromOnePercentRetention: number;
  gainFromOnePercentMargin: number;
}

function inputOf(p: ClvInputs, timing: Timing = p.timing): RetentionClvInput {
  return {
    margin: p.margin,
    retention: p.retention,
    discountRate: p.discount,
    periods: p.periods ?? Infinity,
    marginTiming: timing,
    retentionCost: p.cost ?? 0,
    costTiming: 'middle',
  };
}

export function clvFigures(p: ClvInputs): ClvFigures {
  const input = inputOf(p);
  const value = retentionClv(input);
  return {
    clv: value,
    clvEnd: retentionClv(inputOf(p, 'end')),
    clvStart: retentionClv(inputOf(p, 'start')),
    clvMiddle: retentionClv(inputOf(p, 'middle')),
    netClv: value - p.acq,
    costValue: retentionClv({ ...input, retentionCost: 0 }) - value,
    multiple: marginMultiple(p.retention, p.discount, p.timing, input.periods),
    elasticities: retentionClvElasticities(input),
    // The schema caps retention at 0.99 and the discount rate at ≥ 0, so 1 % more retention stays below 1 + i.
    gainFromOnePercentRetention: retentionClv({ ...input, retention: p.retention * 1.01 }) - value,
    gainFromOnePercentMargin: retentionClv({ ...input, margin: p.margin * 1.01 }) - value,
  };
}

/** Margin multiples for every (retention, discount) pair of the table, rows = retention. */
export function marginMultipleTable(timing: Timing, periods = Infinity): number[][] {
  return TABLE_RETENTION.map((r) => TABLE_DISCOUNT.map((i) => marginMultiple(r, i, timing, periods)));
}

export interface BdInputs {
  acquisitionCurve: ResponseCurve;
  retentionCurve: ResponseCurve;
  margin: number;
  discount: number;
  /** Prospects reached (equity scales with it). */
  prospects: number;
}

export interface BdSurface {
  /** Acquisition spend per prospect at the cell centres (x). */
  acquisitionSpends: number[];
  /** Retention spend per customer per year at the cell centres (y). */
  retentionSpends: number[];
  /** equity[y][x] from customerEquityAt. */
  equity: number[][];
  result: BlattbergDeightonResult;
}

export const BD_PROSPECTS = 1000;

/** Equity over a grid of spends, from blattbergDeighton().customerEquityAt, plus the optimum. */
export function bdSurface(p: BdInputs, maxAcquisitionSpend: number, maxRetentionSpend: number, cells: number): BdSurface {
  const result = blattbergDeighton({
    acquisitionCurve: p.acquisitionCurve,
    retentionCurve: p.retentionCurve,
    margin: p.margin,
    discountRate: p.discount,
    prospects: p.prospects,
  });
  const acquisitionSpends = Array.from({ length: cells }, (_, k) => ((k + 0.5) * maxAcquisitionSpend) / cells);
  const retentionSpends = Array.from({ length: cells }, (_, k) => ((k + 0.5) * maxRetentionSpend) / cells);
  const equity = retentionSpends.map((R) => acquisitionSpends.map((A) => result.customerEquityAt(A, R)));
  return { acquisitionSpends, retentionSpends, equity, result };
}

/** Points of a response curve for a chart: rate at spends 0, step, …, max. */
export function responseSeries(curve: ResponseCurve, max: number, points: number): { spend: number[]; rate: number[] } {
  const spend = Array.from({ length: points }, (_, k) => (k * max) / (points - 1));
  return { spend, rate: spend.map((x) => responseRate(curve, x)) };
}
