// Expectations vs. delivery: runs ENGINE's market model (simulate) at a promise level and a
// delivered quality, and sweeps the promise to draw the expectation trap. No formulas of its own:
// every figure is read from the engine's quarterly rows.
import { getPreset, simulate, defaultStrategy, type Market, type QuarterRow } from '@sim/index';
import type { Schema } from '@/kit/urlState';

/** Smaller than the full market so a sweep of 17 runs stays fast in a browser tab. */
export const EXPECTATIONS_RUN = { seed: 'expectations', quarters: 20, customersScale: 0.2 } as const;
export const PROMISE_GRID: readonly number[] = Array.from({ length: 17 }, (_, k) => 1 + k * 0.25);

export const EXPECTATIONS_SCHEMA = {
  promise: { kind: 'number', min: 1, max: 5, step: 0.1, default: 3.5 },
  quality: { kind: 'number', min: 1, max: 5, step: 0.1, default: 4 },
} as const satisfies Schema;

export interface ExpectationPoint {
  promise: number;
  quality: number;
  /** New customers over the whole run: what the promise attracts. */
  newCustomers: number;
  /** Shares in the last quarter (sum 1). */
  satisfactionShare: QuarterRow['satisfactionShare'];
  meanSatisfaction: number;
  /** Mean quarterly retention rate over the last four quarters. */
  retention: number;
  customers: number;
  customerEquity: number;
}

let cachedMarket: Market | null = null;
function market(): Market {
  cachedMarket ??= getPreset('default');
  return cachedMarket;
}

/** Runs already made (the sweep, the challenges and the point share them); a run depends only on its two inputs. */
const runs = new Map<string, ExpectationPoint>();
const MAX_CACHED_RUNS = 2000;

export function runAt(promise: number, quality: number): ExpectationPoint {
  const key = `${promise}|${quality}`;
  const known = runs.get(key);
  if (known) return known;
  const point = simulateAt(promise, quality);
  if (runs.size >= MAX_CACHED_RUNS) runs.clear();
  runs.set(key, point);
  return point;
}

function simulateAt(promise: number, quality: number): ExpectationPoint {
  const m = market();
  const strategy = { ...defaultStrategy(m), promiseLevel: promise, quality };
  const r = simulate(m, strategy, { ...EXPECTATIONS_RUN });
  const rows = r.overall;
  const last = rows[rows.length - 1];
  const tail = rows.slice(-4);
  return {
    promise,
    quality,
    newCustomers: rows.reduce((a, row) => a + row.newCustomers, 0),
    satisfactionShare: last.satisfactionShare,
    meanSatisfaction: last.meanSatisfaction,
    retention: tail.reduce((a, row) => a + row.retentionRate, 0) / tail.length,
    customers: last.customers,
    customerEquity: last.customerEquity,
  };
}

export function sweep(quality: number, promises: readonly number[] = PROMISE_GRID): ExpectationPoint[] {
  return promises.map((p) => runAt(p, quality));
}

/** The promise level of the sweep with the highest customer equity. */
export function bestPromise(points: readonly ExpectationPoint[]): ExpectationPoint {
  return points.reduce((best, p) => (p.customerEquity > best.customerEquity ? p : best), points[0]);
}
