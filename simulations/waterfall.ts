// "Why did it change?": the change in customer equity (and in cumulative discounted profit) between a
// baseline run and the current run on the same market and seed, split into five drivers whose parts add
// up to the change. Pure arithmetic on two runs' rows and valuations; the sentence's wording is the UI's.
import type { QuarterRow, RunResult } from './engine.ts';
import { INVESTED_LEVELS } from './market.ts';
import type { Valuation } from './observe.ts';

export type WaterfallDriver = 'kept' | 'won' | 'marginPerCustomer' | 'relationshipCost' | 'acquisitionCost';
/** The drivers in the order a waterfall shows them. */
export const WATERFALL_DRIVERS: readonly WaterfallDriver[] = ['kept', 'won', 'marginPerCustomer', 'relationshipCost', 'acquisitionCost'];

/** One run as the waterfall reads it: simulateObserved(…, { valuation: true }) gives both. */
export interface WaterfallRun {
  run: RunResult;
  valuation: Valuation;
}

export type WaterfallMetric = 'customerEquity' | 'cumulativeDiscountedProfit';

export interface Waterfall {
  metric: WaterfallMetric;
  quarter: number;
  /** The whole firm's value in the baseline run and in the current run at `quarter`, and their difference. */
  baseline: number;
  current: number;
  total: number;
  /** The drivers' parts; they sum to `total` up to floating-point rounding (tested at 1e−9 of the values). */
  parts: Record<WaterfallDriver, number>;
  /** The same split per segment (the whole firm's parts are their sums). */
  bySegment: Record<string, Record<WaterfallDriver, number>>;
}

/** Per quarter t = 1..q of one segment: the factors whose products and sums rebuild the segment's profit and equity. */
interface Factors {
  /** Retention r_t = kept / served; with the terminal multiple μ (driver "kept"). */
  retention: number[];
  multiple: number;
  /** New customers a_t (driver "won"). */
  arrivals: number[];
  /** Margin per kept customer m_t, and the terminal margin per customer m̃ (driver "marginPerCustomer"). */
  margin: number[];
  terminalMargin: number;
  /** Relationship cost per customer served c_t (driver "relationshipCost"). */
  relCost: number[];
  /** Acquisition cost A_t (driver "acquisitionCost"). */
  acquisition: number[];
}

/** The strategy's relationship spend per customer of a segment in quarter t, summed as the engine sums it. */
function relCostAt(run: RunResult, segmentId: string, t: number): number {
  let strategy = run.strategyHistory[0]?.strategy ?? run.strategy;
  for (const h of run.strategyHistory) if (h.fromQuarter <= t) strategy = h.strategy;
  const inv = strategy.segments[segmentId]?.investment;
  let c = 0;
  if (inv) for (const l of INVESTED_LEVELS) c += inv[l];
  return c;
}

function factorsOf(w: WaterfallRun, segmentId: string, q: number): Factors {
  const rows = w.run.bySegment[segmentId]!;
  const f: Factors = { retention: [], multiple: 0, arrivals: [], margin: [], terminalMargin: 0, relCost: [], acquisition: [] };
  for (let t = 1; t <= q; t++) {
    const row = rows[t - 1]!;
    const served = row.customersAtStart;
    const kept = served - row.lostTotal;
    f.retention.push(served > 0 ? kept / served : 0);
    f.arrivals.push(row.newCustomers);
    f.margin.push(kept > 0 ? row.margin / kept : 0);
    f.relCost.push(relCostAt(w.run, segmentId, t));
    f.acquisition.push(row.acquisitionCost);
  }
  const last = rows[q - 1]!;
  const kept = last.customersAtStart - last.lostTotal;
  const multipleSum = w.valuation.multipleSum[segmentId]![q - 1]!;
  const df = w.valuation.discountFactor[q - 1]!;
  // Value of the kept customers' future: df·Σ (m_j − c)·M_j = df·K·μ·(m̃ − c) with μ = ΣM/K, m̃ = ΣM-weighted mean margin.
  const future = last.customerEquity - last.cumulativeDiscountedProfit;
  f.multiple = kept > 0 ? multipleSum / kept : 0;
  f.terminalMargin = multipleSum > 0 ? future / (df * multipleSum) + f.relCost[q - 1]! : 0;
  return f;
}

/**
 * Rebuilds a segment's cumulative discounted profit and equity at quarter q from factors, each group
 * taken from the current run if its bit is set in `mask` (bit i = WATERFALL_DRIVERS[i]), else from the baseline:
 *   K_t = r_t·N_t,  profit_t = K_t·m_t − c_t·N_t − A_t,  N_{t+1} = K_t + a_t,
 *   equity = Σ df_t·profit_t + df_q·K_q·μ·(m̃ − c_q).
 * With all factors of one run it gives that run's values (to rounding): the rows satisfy these identities.
 */
function rebuild(base: Factors, cur: Factors, mask: number, served: number, df: readonly number[], q: number): [number, number] {
  const pick = <K extends keyof Factors>(bit: number, key: K): Factors[K] => ((mask >> bit) & 1 ? cur[key] : base[key]);
  const r = pick(0, 'retention');
  const a = pick(1, 'arrivals');
  const m = pick(2, 'margin');
  const c = pick(3, 'relCost');
  const A = pick(4, 'acquisition');
  let N = served;
  let K = 0;
  let cdp = 0;
  for (let t = 0; t < q; t++) {
    K = r[t]! * N;
    cdp += df[t]! * (K * m[t]! - c[t]! * N - A[t]!);
    N = K + a[t]!;
  }
  const future = df[q - 1]! * K * pick(0, 'multiple') * (pick(2, 'terminalMargin') - c[q - 1]!);
  return [cdp, cdp + future];
}

const FACT = [1, 1, 2, 6, 24, 120];

/** Shapley values of the five driver groups for one segment: [equity parts, profit parts]. */
function shapley(base: Factors, cur: Factors, served: number, df: readonly number[], q: number): [number[], number[]] {
  const n = WATERFALL_DRIVERS.length;
  const values: [number, number][] = [];
  for (let mask = 0; mask < 1 << n; mask++) values.push(rebuild(base, cur, mask, served, df, q));
  const equity = new Array<number>(n).fill(0);
  const profit = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    for (let mask = 0; mask < 1 << n; mask++) {
      if ((mask >> i) & 1) continue;
      let size = 0;
      for (let b = 0; b < n; b++) size += (mask >> b) & 1;
      const weight = (FACT[size]! * FACT[n - size - 1]!) / FACT[n]!;
      const withI = values[mask | (1 << i)]!;
      const without = values[mask]!;
      equity[i]! += weight * (withI[1] - without[1]);
      profit[i]! += weight * (withI[0] - without[0]);
    }
  }
  return [equity, profit];
}

function zeroParts(): Record<WaterfallDriver, number> {
  return { kept: 0, won: 0, marginPerCustomer: 0, relationshipCost: 0, acquisitionCost: 0 };
}

/**
 * The change from `baseline` to `current` at `quarter` (default: the last quarter of both), for customer
 * equity and for cumulative discounted profit. Each segment's change is split over the five drivers by
 * the Shapley value of `rebuild` (every driver's average effect over all orders of switching the drivers
 * from the baseline's values to the current run's), which is exact by construction: the parts of a
 * segment sum to its change. Throws a RangeError naming the mismatch if the runs are not comparable.
 */
export function equityWaterfall(baseline: WaterfallRun, current: WaterfallRun, quarter?: number): Record<WaterfallMetric, Waterfall> {
  const b = baseline.run;
  const c = current.run;
  if (b.marketId !== c.marketId)
    throw new RangeError(`the baseline is a run of market "${b.marketId.slice(0, 40)}", not "${c.marketId.slice(0, 40)}"`);
  if (b.seed !== c.seed) throw new RangeError('the baseline was run on another seed');
  const ids = Object.keys(c.bySegment);
  if (Object.keys(b.bySegment).join('\n') !== ids.join('\n')) throw new RangeError('the baseline has other segments');
  const last = Math.min(b.overall.length, c.overall.length);
  const q = quarter ?? last;
  if (!Number.isInteger(q) || q < 1 || q > last) throw new RangeError(`quarter must be a whole number from 1 to ${last}`);
  for (const w of [baseline, current])
    if (w.valuation.discountFactor.length < q || ids.some((id) => (w.valuation.multipleSum[id]?.length ?? 0) < q))
      throw new RangeError('a run lacks its valuation (simulate it with { valuation: true })');
  const df = current.valuation.discountFactor;
  const out = {} as Record<WaterfallMetric, Waterfall>;
  for (const metric of ['customerEquity', 'cumulativeDiscountedProfit'] as const) {
    const row = (r: RunResult): QuarterRow => r.overall[q - 1]!;
    out[metric] = {
      metric,
      quarter: q,
      baseline: row(b)[metric],
      current: row(c)[metric],
      total: row(c)[metric] - row(b)[metric],
      parts: zeroParts(),
      bySegment: {},
    };
  }
  for (const id of ids) {
    const served = b.bySegment[id]![0]!.customersAtStart;
    if (served !== c.bySegment[id]![0]!.customersAtStart)
      throw new RangeError(`the baseline starts with another number of customers in "${id.slice(0, 40)}"`);
    const [equity, profit] = shapley(factorsOf(baseline, id, q), factorsOf(current, id, q), served, df, q);
    const pe = zeroParts();
    const pp = zeroParts();
    WATERFALL_DRIVERS.forEach((d, i) => {
      pe[d] = equity[i]!;
      pp[d] = profit[i]!;
      out.customerEquity.parts[d] += equity[i]!;
      out.cumulativeDiscountedProfit.parts[d] += profit[i]!;
    });
    out.customerEquity.bySegment[id] = pe;
    out.cumulativeDiscountedProfit.bySegment[id] = pp;
  }
  return out;
}

/** What a one-sentence summary of a waterfall needs: ids and numbers (the wording lives in the UI strings). */
export interface WaterfallSummary {
  metric: WaterfallMetric;
  direction: 'up' | 'down' | 'unchanged';
  total: number;
  /** The driver with the largest part in the direction of the change, and its part. */
  main: WaterfallDriver | null;
  mainPart: number;
  /** The driver with the largest part against it (null if every part goes the same way), and its part. */
  against: WaterfallDriver | null;
  againstPart: number;
}

/** "Customer equity rose by {total}, mostly through {main} ({mainPart}); {against} pulled the other way ({againstPart})." */
export function waterfallSummary(w: Waterfall): WaterfallSummary {
  const scale = Math.max(Math.abs(w.baseline), Math.abs(w.current), 1);
  const direction = Math.abs(w.total) <= 1e-9 * scale ? 'unchanged' : w.total > 0 ? 'up' : 'down';
  const sign = direction === 'down' ? -1 : 1;
  let main: WaterfallDriver | null = null;
  let against: WaterfallDriver | null = null;
  for (const d of WATERFALL_DRIVERS) {
    const v = w.parts[d] * sign;
    if (Math.abs(v) <= 1e-9 * scale) continue;
    if (v > 0 && (main === null || v > w.parts[main] * sign)) main = d;
    if (v < 0 && (against === null || v < w.parts[against] * sign)) against = d;
  }
  if (direction === 'unchanged') main = null;
  return {
    metric: w.metric,
    direction,
    total: w.total,
    main,
    mainPart: main ? w.parts[main] : 0,
    against: direction === 'unchanged' ? null : against,
    againstPart: direction !== 'unchanged' && against ? w.parts[against] : 0,
  };
}
