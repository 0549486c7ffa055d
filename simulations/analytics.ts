// Closed-form customer-value formulas used by the labs, the tests and the Model page.
// Pure functions of their arguments; no simulation, no randomness. Rates are per period
// (the engine's period is one quarter), margins in currency units per customer per period.
import { dexp, dlog, dpow } from './detmath.ts';

/**
 * When, within each period, a margin (or a cost) is booked. A customer is present in period k
 * (from time k − 1 to time k) with probability r^(k−1) and stays at its end with probability r.
 * 'start': at time k − 1, paid by every customer present in the period (the first margin at once).
 * 'middle': at time k − ½, paid by every customer present (Berger & Nasr's promotion spending,
 *           spread through the year and counted at mid-year).
 * 'end'   : at time k; a margin is paid only by customers who stay through the period (Gupta &
 *           Lehmann, and the engine: CLV = m·r / (1 + i − r)); a cost by every customer present.
 * Infinite horizon, margin only: 'end' m·r/(1+i−r), 'start' m·(1+i)/(1+i−r), 'middle' m·√(1+i)/(1+i−r).
 */
export type Timing = 'start' | 'middle' | 'end';

function checkRates(r: number, i: number): void {
  if (!(r >= 0 && r < 1 + i)) throw new RangeError(`retention must be in [0, 1 + i); got ${r}`);
  if (!(i > -1)) throw new RangeError(`discount rate must be > −1; got ${i}`);
}

/** Discount factor of a booking at each timing, relative to the start of the period (√ is exactly rounded). */
function timingFactor(timing: Timing, i: number): number {
  return timing === 'start' ? 1 : timing === 'middle' ? 1 / Math.sqrt(1 + i) : 1 / (1 + i);
}

/**
 * Σ_{k=1..T} q^(k−1) with q = r/(1+i): the present value, at the start of period 1, of one unit booked
 * at the start of every period in which the customer is present. T = Infinity gives 1/(1 − q).
 */
function presenceSum(r: number, i: number, periods: number): number {
  const q = r / (1 + i);
  if (periods === Infinity) return 1 / (1 - q);
  // Geometric sum; exact closed form except at q = 1.
  return q === 1 ? periods : (1 - dpow(q, periods)) / (1 - q);
}

/** The general retention-model CLV of Berger & Nasr (1998); see retentionClv. */
export interface RetentionClvInput {
  /** Margin (gross contribution) per customer per period. */
  margin: number;
  /** Retention rate per period. */
  retention: number;
  /** Discount rate per period. */
  discountRate: number;
  /** Periods counted from acquisition; Infinity (the default) for the closed form. */
  periods?: number;
  /** When each period's margin arrives; default 'end' (Gupta & Lehmann, the engine). */
  marginTiming?: Timing;
  /** Retention cost (promotion, relationship spending) per customer present in a period; default 0. */
  retentionCost?: number;
  /** When each period's retention cost is spent; default 'middle' (Berger & Nasr). */
  costTiming?: Timing;
  /** A margin received at once on acquisition, before the first period (Berger & Nasr's first purchase at time 0). */
  marginAtAcquisition?: number;
  /** Paid at once on acquisition; default 0. */
  acquisitionCost?: number;
}

/**
 * CLV of one customer with constant margin m, retention r, discount rate i and retention cost c per
 * period, over T periods (Berger & Nasr 1998, "Customer lifetime value: marketing models and
 * applications", Journal of Interactive Marketing 12(1), 17–30):
 *   CLV = m0 + (m·a − c·b) · Σ_{k=1..T} (r/(1+i))^(k−1) − AC,
 * a = 1, 1/√(1+i) or r/(1+i) for margins at the start, middle or end of each period, b = 1, 1/√(1+i)
 * or 1/(1+i) for costs, m0 a margin at acquisition. Their case 1 (a purchase at once, then one a year
 * for n years, promotion at mid-year) is m0 = m, 'end' margins, 'middle' costs, T = n.
 */
export function retentionClv(p: RetentionClvInput): number {
  const r = p.retention;
  const i = p.discountRate;
  const periods = p.periods ?? Infinity;
  if (periods === Infinity) checkRates(r, i);
  else {
    if (!(r >= 0) || !(i > -1)) throw new RangeError(`retention must be ≥ 0 and discount rate > −1; got ${r}, ${i}`);
    if (!Number.isInteger(periods) || periods < 0) throw new RangeError('periods must be an integer ≥ 0 or Infinity');
  }
  const marginTiming = p.marginTiming ?? 'end';
  // An end-of-period margin is paid only by those who stay: one more factor r.
  const a = marginTiming === 'end' ? r / (1 + i) : timingFactor(marginTiming, i);
  const b = timingFactor(p.costTiming ?? 'middle', i);
  const perPeriod = p.margin * a - (p.retentionCost ?? 0) * b;
  // presenceSum is finite: an infinite horizon requires r < 1 + i (checkRates above).
  return (p.marginAtAcquisition ?? 0) + perPeriod * presenceSum(r, i, periods) - (p.acquisitionCost ?? 0);
}

/** Margin multiple: CLV per unit of margin per period, without costs (r/(1+i−r), (1+i)/(1+i−r), √(1+i)/(1+i−r) if infinite). */
export function marginMultiple(retention: number, discountRate: number, timing: Timing = 'end', periods = Infinity): number {
  return retentionClv({ margin: 1, retention, discountRate, marginTiming: timing, periods });
}

/** Infinite-horizon CLV with constant margin m, retention r and discount rate i per period (Gupta & Lehmann). */
export function clv(marginPerPeriod: number, retention: number, discountRate: number, timing: Timing = 'end'): number {
  return retentionClv({ margin: marginPerPeriod, retention, discountRate, marginTiming: timing });
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
 * Point elasticities of retentionClv (acquisition terms left out, as in Gupta & Lehmann) to retention,
 * margin and discount rate, by central differences of ±1e-6 relative (accurate to about 1e-9): with a
 * retention cost or a finite horizon there is no short closed form. NaN where the CLV is 0 (no
 * percentage change exists); 0 for an input that is 0.
 */
export function retentionClvElasticities(p: RetentionClvInput): { retention: number; margin: number; discount: number } {
  const base: RetentionClvInput = { ...p, acquisitionCost: 0, marginAtAcquisition: 0 };
  const v = retentionClv(base);
  const h = 1e-6;
  const el = (key: 'retention' | 'margin' | 'discountRate'): number => {
    const x = base[key] ?? 0;
    if (v === 0) return NaN;
    // x·(dV/dx)/V is 0 at x = 0 (the derivative is finite there).
    if (x === 0) return 0;
    const up = retentionClv({ ...base, [key]: x * (1 + h) });
    const down = retentionClv({ ...base, [key]: x * (1 - h) });
    return (up - down) / (2 * h * v);
  };
  return { retention: el('retention'), margin: el('margin'), discount: el('discountRate') };
}

/**
 * CLV over a finite number of periods, net of an acquisition cost paid at once.
 * 'end':   Σ_{t=1..T} m·r^t/(1+i)^t − AC;   'start': Σ_{t=0..T−1} m·r^t/(1+i)^t − AC.
 */
export function finiteHorizonClv(m: number, r: number, i: number, periods: number, acquisitionCost = 0, timing: Timing = 'end'): number {
  return retentionClv({ margin: m, retention: r, discountRate: i, periods, marginTiming: timing, acquisitionCost });
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
