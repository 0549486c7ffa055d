// Closed-form customer-value formulas used by the labs, the tests and the Model page.
// Pure functions of their arguments; no simulation, no randomness. Rates are per period
// (the engine's period is one quarter), margins in currency units per customer per period.
import { dexp, dlog, dpow } from './detmath.ts';

/**
 * Timing convention of the first margin.
 * 'end'  : margin received at the end of each period the customer survives (Gupta & Lehmann):
 *          CLV = m·r / (1 + i − r). This is the engine's convention.
 * 'start': the first margin is received at once, then at the start of each period survived:
 *          CLV = m·(1 + i) / (1 + i − r).
 */
export type Timing = 'end' | 'start';

function checkRates(r: number, i: number): void {
  if (!(r >= 0 && r < 1 + i)) throw new RangeError(`retention must be in [0, 1 + i); got ${r}`);
  if (!(i > -1)) throw new RangeError(`discount rate must be > −1; got ${i}`);
}

/** Margin multiple: CLV per unit of margin per period (r/(1+i−r) or (1+i)/(1+i−r)). */
export function marginMultiple(retention: number, discountRate: number, timing: Timing = 'end'): number {
  checkRates(retention, discountRate);
  const denom = 1 + discountRate - retention;
  return timing === 'end' ? retention / denom : (1 + discountRate) / denom;
}

/** Infinite-horizon CLV with constant margin m, retention r and discount rate i per period. */
export function clv(marginPerPeriod: number, retention: number, discountRate: number, timing: Timing = 'end'): number {
  return marginPerPeriod * marginMultiple(retention, discountRate, timing);
}

/**
 * Elasticities of the 'end' CLV m·r/(1+i−r): the % change in CLV per 1 % change in each input.
 * retention: (1+i)/(1+i−r) (about 3–7 at usual rates); margin: exactly 1; discount: −i/(1+i−r).
 */
export function clvElasticities(m: number, r: number, i: number): { retention: number; margin: number; discount: number } {
  checkRates(r, i);
  const denom = 1 + i - r;
  return { retention: (1 + i) / denom, margin: m === 0 ? 0 : 1, discount: -i / denom };
}

/**
 * CLV over a finite number of periods, net of an acquisition cost paid at once.
 * 'end':   Σ_{t=1..T} m·r^t/(1+i)^t − AC;   'start': Σ_{t=0..T−1} m·r^t/(1+i)^t − AC.
 */
export function finiteHorizonClv(m: number, r: number, i: number, periods: number, acquisitionCost = 0, timing: Timing = 'end'): number {
  if (!(r >= 0) || !(i > -1)) throw new RangeError(`retention must be ≥ 0 and discount rate > −1; got ${r}, ${i}`);
  if (!Number.isInteger(periods) || periods < 0) throw new RangeError('periods must be an integer ≥ 0');
  const q = r / (1 + i);
  // Geometric sum of q^t; exact closed form except at q = 1.
  const geometric = q === 1 ? periods : (1 - dpow(q, periods)) / (1 - q);
  const sum = timing === 'end' ? m * q * geometric : m * geometric;
  return sum - acquisitionCost;
}

/** Blattberg & Deighton response curve: rate = ceiling·(1 − e^(−k·spend)). */
export interface ResponseCurve {
  ceiling: number;
  k: number;
}

export function responseRate(curve: ResponseCurve, spend: number): number {
  if (spend <= 0) return 0;
  return curve.ceiling * (1 - dexp(-curve.k * spend));
}

/** Spend needed to reach a given rate on a response curve (inverse of responseRate). */
export function spendForRate(curve: ResponseCurve, rate: number): number {
  if (rate <= 0) return 0;
  if (rate >= curve.ceiling) return Infinity;
  return -dlog(1 - rate / curve.ceiling) / curve.k;
}

export interface BlattbergDeightonInput {
  acquisitionCurve: ResponseCurve;
  retentionCurve: ResponseCurve;
  /** Margin per customer per period. */
  margin: number;
  /** Discount rate per period. */
  discountRate: number;
  /** Number of prospects (customer equity scales with it); default 1. */
  prospects?: number;
}

export interface BlattbergDeightonResult {
  /** Acquisition spend per prospect and retention spend per customer per period that maximise equity. */
  optimalAcquisitionSpend: number;
  optimalRetentionSpend: number;
  optimalAcquisitionRate: number;
  optimalRetentionRate: number;
  maxCustomerEquity: number;
  /** Customer equity of all prospects at acquisition spend a (per prospect) and retention spend r. */
  customerEquityAt(acquisitionSpend: number, retentionSpend: number): number;
}

/**
 * Blattberg & Deighton (1996): a prospect is acquired with probability a(A) at cost A; a customer
 * is retained each period with probability r(R) at cost R per period (end timing):
 *   CE = prospects · [ a·m − A + a·(m − R/r)·r'/(1 − r') ],  r' = r/(1 + i).
 * The optimum separates: R* maximises the value of an acquired customer V(R) = m + (m·r − R)/(1+i−r),
 * then A* solves a'(A)·V = 1, i.e. A* = ln(ceiling·k·V)/k (0 if that is negative).
 */
export function blattbergDeighton(p: BlattbergDeightonInput): BlattbergDeightonResult {
  const prospects = p.prospects ?? 1;
  const m = p.margin;
  const i = p.discountRate;
  const valueOfCustomer = (R: number): number => {
    const r = responseRate(p.retentionCurve, R);
    return m + (m * r - R) / (1 + i - r);
  };
  const equityAt = (A: number, R: number): number => {
    const a = responseRate(p.acquisitionCurve, A);
    return prospects * (a * valueOfCustomer(R) - A);
  };
  // V(R) is unimodal on [0, ∞): coarse scan then golden-section refinement.
  const kr = p.retentionCurve.k > 0 ? p.retentionCurve.k : 1;
  const hi = 20 / kr;
  let best = 0;
  let bestV = valueOfCustomer(0);
  const steps = 400;
  for (let s = 1; s <= steps; s++) {
    const R = (hi * s) / steps;
    const v = valueOfCustomer(R);
    if (v > bestV) {
      bestV = v;
      best = R;
    }
  }
  let lo = Math.max(0, best - hi / steps);
  let up = Math.min(hi, best + hi / steps);
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 80; it++) {
    const x1 = up - phi * (up - lo);
    const x2 = lo + phi * (up - lo);
    if (valueOfCustomer(x1) < valueOfCustomer(x2)) lo = x1;
    else up = x2;
  }
  const Rstar = valueOfCustomer((lo + up) / 2) >= bestV ? (lo + up) / 2 : best;
  const V = valueOfCustomer(Rstar);
  const ca = p.acquisitionCurve.ceiling;
  const ka = p.acquisitionCurve.k;
  const Astar = ca * ka * V > 1 && ka > 0 ? dlog(ca * ka * V) / ka : 0;
  return {
    optimalAcquisitionSpend: Astar,
    optimalRetentionSpend: Rstar,
    optimalAcquisitionRate: responseRate(p.acquisitionCurve, Astar),
    optimalRetentionRate: responseRate(p.retentionCurve, Rstar),
    maxCustomerEquity: equityAt(Astar, Rstar),
    customerEquityAt: equityAt,
  };
}
