// The customer-level market model: state in typed arrays (structure of arrays), one quarterly
// step shared by MarketModel and simulate(). Pure and deterministic: no global random source, no clock,
// no built-in exp/log/pow (detmath only), no allocation per customer inside the hot loop.
import { dexp, dlogistic, dpow } from './detmath.ts';
import { INVESTED_LEVELS, type InvestedLevel, type Investment, type Market, type MarketEvent, type SegmentParams } from './market.ts';
import { MAX_CUSTOMERS } from './limits.ts';
import type { Census, CustomerTrace, Valuation } from './observe.ts';
import { PURPOSE, cohortKey, fmix32, hash2, seedKey, segmentKey, uniform } from './random.ts';
import { activeEvents, rivalOffer, rivalShockUntil } from './schedule.ts';
import { cloneStrategy, validateStrategy, type Strategy } from './strategy.ts';

export const MODEL_VERSION = '1.1.0';

export interface RunOptions {
  seed: string | number;
  quarters: number;
  /** Multiplies segment sizes and acquisition counts (default 1). */
  customersScale?: number;
  /** The most customers the run may hold (default MAX_CUSTOMERS); more throws RunTooLargeError. */
  maxCustomers?: number;
}

/**
 * A run that would hold more customers than its limit: refused at the start (quarter 0) before any
 * customer array is allocated, or in the quarter its customer base outgrows the limit.
 */
export class RunTooLargeError extends RangeError {
  constructor(
    readonly customers: number,
    readonly limit: number,
    readonly quarter: number,
  ) {
    super(
      quarter === 0
        ? `a run starting with ${customers} customers is larger than the ${limit} customers the model holds`
        : `the customer base reached ${customers} customers in quarter ${quarter}, more than the ${limit} the model holds`,
    );
    this.name = 'RunTooLargeError';
  }
}

export interface QuarterRow {
  quarter: number;
  /** Customers at the end of the quarter (after churn and arrivals). */
  customers: number;
  /** Customers served during the quarter (addition to the contract). */
  customersAtStart: number;
  newCustomers: number;
  lost: { company: number; competitor: number; customer: number };
  lostTotal: number;
  /** 1 − lost / customers at start (0..1). */
  retentionRate: number;
  /** Mean satisfaction 1..5 of the customers kept through the quarter (0 if none were kept). */
  meanSatisfaction: number;
  satisfactionShare: { dissatisfied: number; satisfied: number; delighted: number };
  trueLoyal: number;
  spuriousLoyal: number;
  /** Expected new customers from delighted customers' referrals this quarter (addition). */
  referrals: number;
  revenue: number;
  margin: number;
  relationshipCost: number;
  acquisitionCost: number;
  profit: number;
  cumulativeDiscountedProfit: number;
  customerEquity: number;
  meanClv: number;
}

/** Customers and defections by satisfaction band 1..5 (index 0 = band 1), summed over the run. */
export interface DefectionBySatisfaction {
  customers: number[];
  lost: number[];
  lostToCompetitor: number[];
}

export interface RunResult {
  modelVersion: string;
  seed: string;
  quarters: number;
  marketId: string;
  strategy: Strategy;
  overall: QuarterRow[];
  bySegment: Record<string, QuarterRow[]>;
  /** Additions: strategy changes (scenario rounds) and the Jones & Sasser diagnostic. */
  strategyHistory: { fromQuarter: number; strategy: Strategy }[];
  defectionBySatisfaction: Record<string, DefectionBySatisfaction>;
}

const TABLE_STEPS = 400; // company-reason hazard table over satisfaction 1..5 in steps of 0.01
const TABLE_SIZE = TABLE_STEPS + 1;
// Competitor table over satisfaction + bond switching cost, 1..9 in steps of 0.01.
const COMP_STEPS = 800;
const COMP_SIZE = COMP_STEPS + 1;
const TWO_M16 = 1 / 65536;
const TWO_M32 = 1 / 4294967296;

// A module-local binding of the hash finaliser, so the hot loop calls it directly (bundlers
// and loaders may otherwise route every call through a module-namespace getter).
const fmix = fmix32;
const MAX_RETENTION_FOR_CLV = 0.99;
const NO_EVENTS: readonly MarketEvent[] = [];
const NO_SLOTS: readonly number[] = [];

/**
 * @internal The tables' layout, the draws' scales and the CLV's retention cap, for the recorders of
 * observer.ts, which read the same tables. An object rather than exported constants: the hot loop
 * reads the module's own constants, which V8 folds, where an exported binding is loaded from a cell.
 */
export const LAYOUT = { TABLE_STEPS, TABLE_SIZE, COMP_STEPS, COMP_SIZE, TWO_M16, TWO_M32, MAX_RETENTION_FOR_CLV } as const;

/** @internal Accumulators of one quarter's customer pass, per segment (band arrays: segment × 5). */
export interface PassSums {
  clvSum: Float64Array;
  satSum: Float64Array;
  revSum: Float64Array;
  marSum: Float64Array;
  atStart: Float64Array;
  lostCo: Float64Array;
  lostComp: Float64Array;
  lostCust: Float64Array;
  nDis: Float64Array;
  nDel: Float64Array;
  nSpur: Float64Array;
  bandN: Float64Array;
  bandLost: Float64Array;
  bandComp: Float64Array;
}

function passSums(ns: number): PassSums {
  return {
    clvSum: new Float64Array(ns),
    satSum: new Float64Array(ns),
    revSum: new Float64Array(ns),
    marSum: new Float64Array(ns),
    atStart: new Float64Array(ns),
    lostCo: new Float64Array(ns),
    lostComp: new Float64Array(ns),
    lostCust: new Float64Array(ns),
    nDis: new Float64Array(ns),
    nDel: new Float64Array(ns),
    nSpur: new Float64Array(ns),
    bandN: new Float64Array(ns * 5),
    bandLost: new Float64Array(ns * 5),
    bandComp: new Float64Array(ns * 5),
  };
}

/**
 * @internal Customer state (structure of arrays, `n` customers in slots 0..n−1) and the departures of the
 * current quarter. Customers lie in runs of one segment (runSeg/runLen): the initial base segment by
 * segment, then each quarter's arrivals segment by segment; stable compaction keeps that order.
 */
export interface CustomerArrays {
  n: number;
  key: Uint32Array;
  sat: Float64Array;
  exp: Float64Array;
  bond: Float64Array;
  wallet: Float64Array;
  tenure: Int32Array;
  nDep: number;
  /** Departures as key × 4 + reason code (exact in a double); fewer live arrays in the hot loop is faster. */
  dep: Float64Array;
}

/** @internal Constants of one quarter's pass, shared by every segment. */
export interface PassConstants {
  lossAv: number;
  inertia: number;
  slope: number;
  adapt: number;
  wExp: number;
  wNorm: number;
  promiseTerm: number;
  walletAdj: number;
  bondCap: number;
  bondDecay: number;
  disBelow: number;
  delFrom: number;
  spurBond: number;
  switchCost: number;
  brandPoints: number;
  onePlusI: number;
  dyn: boolean;
  /** Per-quarter parts of the counter-based hash (see random.ts): hash2(k, t) = fmix(k ^ tMix). */
  tMix: number;
  noiseMix: number;
  incidentMix: number;
  churnMix: number;
}

/** Departure reasons as stored in the departure buffer (indexes of observe.ts's LOSS_REASONS). */
const LEFT_COMPANY = 0;
const LEFT_COMPETITOR = 1;
const LEFT_CUSTOMER = 2;

/**
 * The hot loop: the quarter of customers from..to−1, all of segment `s`, with stable compaction of
 * survivors to `write`; returns the next write slot. The segment's parameters and sums are locals
 * (sums are loaded and stored back, so every addition happens in the same order as one loop over all
 * customers would do it: the results are bit-identical). It assumes satisfaction dynamics are on
 * (the `dyn` test is out of the loop: markets without dynamics take customerStep) and allocates nothing.
 */
function customerRun(
  m: CustomerArrays,
  w: SegmentWork,
  sums: PassSums,
  c: PassConstants,
  s: number,
  from: number,
  to: number,
  write: number,
): number {
  const key = m.key;
  const sat = m.sat;
  const ex = m.exp;
  const bond = m.bond;
  const wallet = m.wallet;
  const tenure = m.tenure;
  const dep = m.dep;
  let nDep = m.nDep;
  const lossAv = c.lossAv;
  const keep = 1 - c.inertia;
  const slope = c.slope;
  const adapt = c.adapt;
  const wExp = c.wExp;
  const promiseTerm = c.promiseTerm;
  const walletAdj = c.walletAdj;
  const bondCap = c.bondCap;
  const bondDecay = c.bondDecay;
  const disBelow = c.disBelow;
  const delFrom = c.delFrom;
  const spurBond = c.spurBond;
  const switchCost = c.switchCost;
  const brandPoints = c.brandPoints;
  const onePlusI = c.onePlusI;
  const tMix = c.tMix;
  const noiseMix = c.noiseMix;
  const incidentMix = c.incidentMix;
  const churnMix = c.churnMix;
  // The segment's quantities of this quarter. Each hoisted product or difference is the one the
  // per-customer expression computed, so the values are the same to the bit.
  const delivered = w.coreQuality[s]! + w.attention[s]!;
  const noiseW = w.noise[s]!;
  const incidentP = w.incidentProb[s]!;
  const hit = w.severity[s]! * (1 - w.recovery[s]!);
  const normTerm = c.wNorm * w.expectationNorm[s]!;
  const calibration = w.calibration[s]!;
  const g = w.bondGrowth[s]!;
  const walletTarget = w.walletTarget[s]!;
  const notFin = 1 - w.financialBond[s]!;
  const compTable = w.compTable;
  const companyTable = w.companyTable;
  const cBase = s * COMP_SIZE;
  const tBase = s * TABLE_SIZE;
  const notVoice = 1 - w.voiceFollowUp[s]!;
  const hCust = w.naturalChurn[s]!;
  const revBase = w.revenueBase[s]!;
  const revGrowth = w.revenueGrowth[s]!;
  const cap = w.revenueCap[s]!;
  const marginRate = w.marginPerRevenue[s]!;
  const notLoyalty = 1 - w.loyaltyDiscount[s]!;
  const qualityCost = w.qualityCost[s]!;
  const relCost = w.relCost[s]!;
  const low = w.lowIntensity[s] === 1;
  const b5 = s * 5;
  const bandN = sums.bandN;
  const bandLost = sums.bandLost;
  const bandComp = sums.bandComp;
  // Whole numbers: adding the run's count at once gives the same value as adding 1 per customer.
  const atStart = sums.atStart[s]! + (to > from ? to - from : 0);
  let clvSum = sums.clvSum[s]!;
  let satSum = sums.satSum[s]!;
  let revSum = sums.revSum[s]!;
  let marSum = sums.marSum[s]!;
  let lostCo = sums.lostCo[s]!;
  let lostComp = sums.lostComp[s]!;
  let lostCust = sums.lostCust[s]!;
  let nDis = sums.nDis[s]!;
  let nDel = sums.nDel[s]!;
  let nSpur = sums.nSpur[s]!;
  for (let j = from; j < to; j++) {
    const k = key[j]!;
    let S = sat[j]!;
    let E = ex[j]!;
    let B = bond[j]!;
    let W = wallet[j]!;
    const kt = fmix(k ^ tMix);
    const hn = fmix(kt ^ noiseMix);
    const noise = ((hn >>> 16) + (hn & 0xffff)) * TWO_M16 - 1;
    let P = delivered + noiseW * noise;
    if (fmix(kt ^ incidentMix) * TWO_M32 < incidentP) P -= hit;
    const D = P - E;
    // min(D, 0) without a branch (the sign of D is a coin flip, so a branch mispredicts): for D < 0,
    // D − |D| = 2D exactly and × 0.5 gives D back exactly; for D > 0 it gives +0 and for D = ±0 the
    // same zero as D: the very value Math.min(D, 0) returns, so d is bit-identical to version 1.0.0's.
    const neg = (D - Math.abs(D)) * 0.5;
    const d = D - neg + lossAv * neg;
    // Clamps to [1, 5] and floors of non-negative numbers written as compare-and-select and `| 0`:
    // the same values as Math.min/max and Math.floor here (no −0 can arise, x, y, S + 0.5 are ≥ 0 and
    // small), and cheaper, because the built-ins must also handle NaN, −0 and large numbers.
    S = S + keep * (4 + slope * d - S);
    S = S < 1 ? 1 : S > 5 ? 5 : S;
    const anchor = wExp * P + normTerm + promiseTerm;
    E = E + adapt * (anchor - E) + calibration * (delivered - E);
    E = E < 1 ? 1 : E > 5 ? 5 : E;
    B = g > 0 ? B + g * (bondCap - B) : B * bondDecay;
    W += walletAdj * ((S >= disBelow ? walletTarget : 1) - W);
    const heldBy = 1 - (1 - B) * notFin;
    const free = 1 - heldBy;
    const x = (S - 1) * (TABLE_STEPS / 4);
    const xi = x | 0;
    const ti = tBase + (xi >= TABLE_STEPS ? TABLE_STEPS - 1 : xi);
    const tf = xi >= TABLE_STEPS ? 1 : x - xi;
    // Bonds act on the rival's offer as a switching cost in satisfaction points: a bonded but
    // dissatisfied customer sits near the margin, so a rival's strike or the bond's removal tips them.
    let y = (S - 1 + switchCost * heldBy + brandPoints) * (COMP_STEPS / 8);
    if (y > COMP_STEPS) y = COMP_STEPS;
    else if (y < 0) y = 0;
    const yi = y | 0;
    const ci = cBase + (yi >= COMP_STEPS ? COMP_STEPS - 1 : yi);
    const cf = yi >= COMP_STEPS ? 1 : y - yi;
    const c0 = compTable[ci]!;
    const hComp = c0 + cf * (compTable[ci + 1]! - c0);
    const d0 = companyTable[ti]!;
    const hCo = (d0 + tf * (companyTable[ti + 1]! - d0)) * free * notVoice;
    const u = fmix(kt ^ churnMix) * TWO_M32;
    // Satisfaction band 1..5 by rounding half up (index 0..4), without a branch chain.
    const band = b5 + ((S + 0.5) | 0) - 1;
    bandN[band]! += 1;
    if (u < hCust + hComp + hCo) {
      bandLost[band]! += 1;
      let reason = LEFT_COMPANY;
      if (u < hCust) {
        lostCust += 1;
        reason = LEFT_CUSTOMER;
      } else if (u < hCust + hComp) {
        lostComp += 1;
        bandComp[band]! += 1;
        reason = LEFT_COMPETITOR;
      } else lostCo += 1;
      dep[nDep++] = k * 4 + reason;
      continue;
    }
    // Survivor: margin at the end of the quarter, state kept (stable compaction).
    const ten = tenure[j]! + 1;
    const revenue = revBase * (1 + revGrowth * (ten < cap ? ten : cap)) * W;
    const margin = revenue * marginRate * notLoyalty - qualityCost * W;
    revSum += revenue;
    marSum += margin;
    let r = 1 - (hCust + hComp + hCo);
    if (r > MAX_RETENTION_FOR_CLV) r = MAX_RETENTION_FOR_CLV;
    clvSum += ((margin - relCost) * r) / (onePlusI - r);
    satSum += S;
    if (S >= delFrom) nDel += 1;
    else if (S < disBelow) {
      nDis += 1;
      if (low || heldBy >= spurBond) nSpur += 1;
    }
    key[write] = k;
    sat[write] = S;
    ex[write] = E;
    bond[write] = B;
    wallet[write] = W;
    tenure[write] = ten;
    write++;
  }
  sums.atStart[s] = atStart;
  sums.clvSum[s] = clvSum;
  sums.satSum[s] = satSum;
  sums.revSum[s] = revSum;
  sums.marSum[s] = marSum;
  sums.lostCo[s] = lostCo;
  sums.lostComp[s] = lostComp;
  sums.lostCust[s] = lostCust;
  sums.nDis[s] = nDis;
  sums.nDel[s] = nDel;
  sums.nSpur[s] = nSpur;
  m.nDep = nDep;
  return write;
}

/** @internal The three hazards of a customer with satisfaction S held by `heldBy`, into out[0..2] (own, rival, company). */
export function hazardsOf(w: SegmentWork, c: PassConstants, s: number, S: number, heldBy: number, out: Float64Array): void {
  const x = (S - 1) * (TABLE_STEPS / 4);
  const xi = Math.floor(x);
  const ti = s * TABLE_SIZE + (xi >= TABLE_STEPS ? TABLE_STEPS - 1 : xi);
  const tf = xi >= TABLE_STEPS ? 1 : x - xi;
  let y = (S - 1 + c.switchCost * heldBy + c.brandPoints) * (COMP_STEPS / 8);
  if (y > COMP_STEPS) y = COMP_STEPS;
  else if (y < 0) y = 0;
  const yi = Math.floor(y);
  const ci = s * COMP_SIZE + (yi >= COMP_STEPS ? COMP_STEPS - 1 : yi);
  const cf = yi >= COMP_STEPS ? 1 : y - yi;
  const c0 = w.compTable[ci]!;
  const d0 = w.companyTable[ti]!;
  out[0] = w.naturalChurn[s]!;
  out[1] = c0 + cf * (w.compTable[ci + 1]! - c0);
  out[2] = (d0 + tf * (w.companyTable[ti + 1]! - d0)) * (1 - heldBy) * (1 - w.voiceFollowUp[s]!);
}

/**
 * @internal One customer's quarter, written plainly: the same arithmetic as customerRun (tests require
 * runs through either to be identical to the bit), plus markets without satisfaction dynamics. Used for
 * those markets and for traced customers (observer.ts explains their quarter around this call), so
 * customerRun stays free of both checks. Returns the next write slot; the hazards are left in `hz`.
 */
export function customerStep(
  m: CustomerArrays,
  w: SegmentWork,
  sums: PassSums,
  c: PassConstants,
  s: number,
  j: number,
  write: number,
  hz: Float64Array,
): number {
  const k = m.key[j]!;
  sums.atStart[s]! += 1;
  let S = m.sat[j]!;
  let E = m.exp[j]!;
  let B = m.bond[j]!;
  let W = m.wallet[j]!;
  const kt = fmix(k ^ c.tMix);
  if (c.dyn) {
    const hn = fmix(kt ^ c.noiseMix);
    const noise = ((hn >>> 16) + (hn & 0xffff)) * TWO_M16 - 1;
    const delivered = w.coreQuality[s]! + w.attention[s]!;
    let P = delivered + w.noise[s]! * noise;
    if (fmix(kt ^ c.incidentMix) * TWO_M32 < w.incidentProb[s]!) P -= w.severity[s]! * (1 - w.recovery[s]!);
    const D = P - E;
    const neg = (D - Math.abs(D)) * 0.5;
    const d = D - neg + c.lossAv * neg;
    S = Math.min(5, Math.max(1, S + (1 - c.inertia) * (4 + c.slope * d - S)));
    const anchor = c.wExp * P + c.wNorm * w.expectationNorm[s]! + c.promiseTerm;
    E = Math.min(5, Math.max(1, E + c.adapt * (anchor - E) + w.calibration[s]! * (delivered - E)));
    const g = w.bondGrowth[s]!;
    B = g > 0 ? B + g * (c.bondCap - B) : B * c.bondDecay;
    W += c.walletAdj * ((S >= c.disBelow ? w.walletTarget[s]! : 1) - W);
  }
  const heldBy = 1 - (1 - B) * (1 - w.financialBond[s]!);
  hazardsOf(w, c, s, S, heldBy, hz);
  const hCust = hz[0]!;
  const hComp = hz[1]!;
  const hCo = hz[2]!;
  const u = fmix(kt ^ c.churnMix) * TWO_M32;
  const band = s * 5 + Math.floor(S + 0.5) - 1;
  sums.bandN[band]! += 1;
  if (u < hCust + hComp + hCo) {
    sums.bandLost[band]! += 1;
    let reason = LEFT_COMPANY;
    if (u < hCust) {
      sums.lostCust[s]! += 1;
      reason = LEFT_CUSTOMER;
    } else if (u < hCust + hComp) {
      sums.lostComp[s]! += 1;
      sums.bandComp[band]! += 1;
      reason = LEFT_COMPETITOR;
    } else sums.lostCo[s]! += 1;
    m.dep[m.nDep++] = k * 4 + reason;
    return write;
  }
  const ten = m.tenure[j]! + 1;
  const cap = w.revenueCap[s]!;
  const revenue = w.revenueBase[s]! * (1 + w.revenueGrowth[s]! * (ten < cap ? ten : cap)) * W;
  const margin = revenue * w.marginPerRevenue[s]! * (1 - w.loyaltyDiscount[s]!) - w.qualityCost[s]! * W;
  sums.revSum[s]! += revenue;
  sums.marSum[s]! += margin;
  let r = 1 - (hCust + hComp + hCo);
  if (r > MAX_RETENTION_FOR_CLV) r = MAX_RETENTION_FOR_CLV;
  sums.clvSum[s]! += ((margin - w.relCost[s]!) * r) / (c.onePlusI - r);
  sums.satSum[s]! += S;
  if (S >= c.delFrom) sums.nDel[s]! += 1;
  else if (S < c.disBelow) {
    sums.nDis[s]! += 1;
    if (heldBy >= c.spurBond || w.lowIntensity[s] === 1) sums.nSpur[s]! += 1;
  }
  m.key[write] = k;
  m.sat[write] = S;
  m.exp[write] = E;
  m.bond[write] = B;
  m.wallet[write] = W;
  m.tenure[write] = ten;
  return write + 1;
}

/** @internal Per-segment quantities that change per quarter, in small typed arrays indexed by segment. */
export interface SegmentWork {
  recovery: Float64Array;
  voiceFollowUp: Float64Array;
  calibration: Float64Array;
  attention: Float64Array;
  walletTarget: Float64Array;
  bondGrowth: Float64Array;
  coreQuality: Float64Array;
  relCost: Float64Array;
  incidentProb: Float64Array;
  naturalChurn: Float64Array;
  financialBond: Float64Array;
  marginPerRevenue: Float64Array;
  loyaltyDiscount: Float64Array;
  qualityCost: Float64Array;
  compTable: Float64Array;
  companyTable: Float64Array;
  noise: Float64Array;
  severity: Float64Array;
  expectationNorm: Float64Array;
  revenueBase: Float64Array;
  revenueGrowth: Float64Array;
  revenueCap: Float64Array;
  lowIntensity: Uint8Array;
}

function emptyRow(quarter: number): QuarterRow {
  return {
    quarter,
    customers: 0,
    customersAtStart: 0,
    newCustomers: 0,
    lost: { company: 0, competitor: 0, customer: 0 },
    lostTotal: 0,
    retentionRate: 1,
    meanSatisfaction: 0,
    satisfactionShare: { dissatisfied: 0, satisfied: 0, delighted: 0 },
    trueLoyal: 0,
    spuriousLoyal: 0,
    referrals: 0,
    revenue: 0,
    margin: 0,
    relationshipCost: 0,
    acquisitionCost: 0,
    profit: 0,
    cumulativeDiscountedProfit: 0,
    customerEquity: 0,
    meanClv: 0,
  };
}

/**
 * What a run calls when it is observed, and only then: the recorders (traces, census, valuation) live in
 * observer.ts (`runObserver()`), so a page that only simulates bundles none of their code. An observer
 * reads the model's state between and during steps and must never change it: a traced customer's
 * quarter is still the engine's own customerStep (traceStep calls it and returns what it returns).
 */
export interface RunObserver {
  /** Quarter 0's customers are in place (after the constructor or reset()): records start again. */
  reset(model: MarketModel): void;
  /** Slots of the customers present now that traceStep steps one by one this quarter, ascending. */
  tracedSlots(): readonly number[];
  /** The quarter t of the customer in slot j (segment s) by customerStep; returns the next write slot. */
  traceStep(model: MarketModel, c: PassConstants, s: number, j: number, write: number, t: number): number;
  /** Entries from..to−1 of the model's departure buffer are customers of segment s. */
  departed(s: number, from: number, to: number): void;
  /** Quarter t's customer pass is done: slots 0..n−1 hold the customers kept; df = (1 + i)^−t. */
  passDone(model: MarketModel, c: PassConstants, df: number): void;
  /** Quarter t is done: slots `arrivedFrom`..n−1 hold its arrivals. */
  quarterDone(model: MarketModel, arrivedFrom: number, t: number): void;
  /** Copies of what was recorded so far (see MarketModel's traced(), censusSoFar(), valuation()). */
  traced(): CustomerTrace[];
  census(quarters: number): Census | null;
  valuation(): Valuation | null;
}

export class MarketModel {
  readonly market: Market;
  private readonly options: Required<RunOptions>;
  private strategy: Strategy;
  private history: { fromQuarter: number; strategy: Strategy }[] = [];
  private segKeys: Uint32Array;
  private q = 0;
  // Customer state (structure of arrays), `n` customers in slots 0..n−1, in runs of one segment.
  /** @internal customer arrays, read by the customer pass. */
  n = 0;
  /** @internal customer arrays, read by the customer pass. */
  cap = 0;
  /** @internal customer arrays, read by the customer pass. */
  key = new Uint32Array(0);
  /** @internal customer arrays, read by the customer pass. */
  sat = new Float64Array(0);
  /** @internal customer arrays, read by the customer pass. */
  exp = new Float64Array(0);
  /** @internal customer arrays, read by the customer pass. */
  bond = new Float64Array(0);
  /** @internal customer arrays, read by the customer pass. */
  wallet = new Float64Array(0);
  /** @internal customer arrays, read by the customer pass. */
  tenure = new Int32Array(0);
  /** @internal this quarter's departures, written by the customer pass: `dep[i]` = key × 4 + reason code. */
  nDep = 0;
  /** @internal */
  dep = new Float64Array(0);
  // Runs of customers of one segment: slots are runLen[0] customers of segment runSeg[0], then the next run…
  /** @internal runs of one segment, read by the recorders. */
  runSeg = new Uint8Array(16);
  /** @internal */
  runLen = new Int32Array(16);
  /** @internal */
  nRuns = 0;
  // Segment state.
  private improvement: Float64Array;
  private financialBond: Float64Array;
  private shockUntil: Int32Array;
  private cumDisc: Float64Array;
  /** @internal this quarter's segment quantities, read by the recorders. */
  work: SegmentWork;
  /** @internal this quarter's pass sums (a traced customer's step adds to them). */
  sums: PassSums;
  private tableOffer: Float64Array;
  private compCache: Map<number, Float64Array>[];
  private overall: QuarterRow[] = [];
  private bySegment: QuarterRow[][] = [];
  private defection: DefectionBySatisfaction[] = [];
  // Opt-in records (observer.ts); none of them changes a number of the run.
  private readonly observer: RunObserver | null;
  private readonly hz = new Float64Array(3);
  // simulateSummary's segment subset: a segment left out has no customers (the others' numbers do not
  // depend on it), and Σ clv per segment and quarter, which combineSummaries needs to rebuild the totals.
  private readonly included: Uint8Array;
  private clvHistory: number[][] = [];

  /**
   * `observer`: what records the run (runObserver() of observer.ts), if anything.
   * `only` (for simulateSummary): simulate these segment ids alone. Each segment's numbers are those of
   * a full run (segments share no customers, and the acquisition split uses the market's weights); the
   * whole firm's rows of such a run are not the full run's.
   */
  constructor(market: Market, strategy: Strategy, options: RunOptions, observer?: RunObserver, only?: readonly string[]) {
    if (market.segments.length === 0 || market.segments.length > 255) throw new RangeError('A market needs 1 to 255 segments');
    const ids = new Set(market.segments.map((s) => s.id));
    if (ids.size !== market.segments.length) throw new RangeError('Segment ids must be unique');
    if (!Number.isInteger(options.quarters) || options.quarters < 0) throw new RangeError('quarters must be an integer ≥ 0');
    const scale = options.customersScale ?? 1;
    if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError('customersScale must be a number > 0');
    const maxCustomers = options.maxCustomers ?? MAX_CUSTOMERS;
    if (!Number.isInteger(maxCustomers) || maxCustomers < 1) throw new RangeError('maxCustomers must be an integer ≥ 1');
    // Before the observers moved out of the engine this argument was the options object itself.
    if (observer !== undefined && typeof (observer as Partial<RunObserver>).reset !== 'function')
      throw new TypeError("MarketModel's fourth argument records a run: pass runObserver({ trace, census, valuation }) from observer.ts");
    this.market = JSON.parse(JSON.stringify(market)) as Market;
    this.options = { seed: options.seed, quarters: options.quarters, customersScale: scale, maxCustomers };
    this.strategy = cloneStrategy(validateStrategy(this.market, strategy));
    this.observer = observer ?? null;
    const ns = this.market.segments.length;
    this.segKeys = new Uint32Array(ns);
    this.improvement = new Float64Array(ns);
    this.financialBond = new Float64Array(ns);
    this.shockUntil = new Int32Array(ns);
    this.cumDisc = new Float64Array(ns);
    this.work = {
      recovery: new Float64Array(ns),
      voiceFollowUp: new Float64Array(ns),
      calibration: new Float64Array(ns),
      attention: new Float64Array(ns),
      walletTarget: new Float64Array(ns),
      bondGrowth: new Float64Array(ns),
      coreQuality: new Float64Array(ns),
      relCost: new Float64Array(ns),
      incidentProb: new Float64Array(ns),
      naturalChurn: new Float64Array(ns),
      financialBond: new Float64Array(ns),
      marginPerRevenue: new Float64Array(ns),
      loyaltyDiscount: new Float64Array(ns),
      qualityCost: new Float64Array(ns),
      compTable: new Float64Array(ns * COMP_SIZE),
      companyTable: new Float64Array(ns * TABLE_SIZE),
      noise: new Float64Array(ns),
      severity: new Float64Array(ns),
      expectationNorm: new Float64Array(ns),
      revenueBase: new Float64Array(ns),
      revenueGrowth: new Float64Array(ns),
      revenueCap: new Float64Array(ns),
      lowIntensity: new Uint8Array(ns),
    };
    this.sums = passSums(ns);
    this.tableOffer = new Float64Array(ns);
    this.compCache = this.market.segments.map(() => new Map());
    // The company-reason hazard table depends on the segment and the mechanisms only: built once.
    const mech = this.market.mechanisms;
    this.market.segments.forEach((p, s) => {
      const base = s * TABLE_SIZE;
      for (let k = 0; k < TABLE_SIZE; k++) {
        const S = 1 + (4 * k) / TABLE_STEPS;
        this.work.companyTable[base + k] = this.market.satisfactionDynamics
          ? p.competitiveIntensity *
            p.dissatisfactionChurnPerQuarter *
            dlogistic(mech.dissatisfactionSlope * (mech.dissatisfactionMidpoint - S))
          : 0;
      }
    });
    this.included = Uint8Array.from(this.market.segments, (p) => (only === undefined || only.includes(p.id) ? 1 : 0));
    if (only) for (const id of only) if (!ids.has(id)) throw new RangeError(`Unknown segment "${id.slice(0, 40)}"`);
    this.reset();
  }

  get quarter(): number {
    return this.q;
  }

  /** The horizon of the run's options (quarters). */
  get horizon(): number {
    return this.options.quarters;
  }

  /** Back to quarter 0 with the strategy given to the constructor (records start again too). */
  reset(): void {
    const initial = this.history.length > 0 ? this.history[0]!.strategy : this.strategy;
    this.strategy = cloneStrategy(initial);
    this.history = [{ fromQuarter: 1, strategy: cloneStrategy(initial) }];
    this.q = 0;
    this.n = 0;
    this.nRuns = 0;
    this.overall = [];
    this.bySegment = this.market.segments.map(() => []);
    this.clvHistory = this.market.segments.map(() => []);
    this.defection = this.market.segments.map(() => ({
      customers: [0, 0, 0, 0, 0],
      lost: [0, 0, 0, 0, 0],
      lostToCompetitor: [0, 0, 0, 0, 0],
    }));
    const rootKey = seedKey(this.options.seed);
    const scale = this.options.customersScale;
    let total = 0;
    this.market.segments.forEach((s, i) => {
      this.segKeys[i] = segmentKey(rootKey, s.id);
      this.improvement[i] = 0;
      this.financialBond[i] = s.financialBond;
      this.shockUntil[i] = 0;
      this.cumDisc[i] = 0;
      this.tableOffer[i] = NaN;
      total += this.included[i] ? Math.round(s.initialCustomers * scale) : 0;
    });
    if (total > this.options.maxCustomers) throw new RunTooLargeError(total, this.options.maxCustomers, 0);
    this.ensureCapacity(total + (total >> 2) + 16);
    const key = this.key;
    const exp = this.exp;
    const sat = this.sat;
    const tenure = this.tenure;
    for (let si = 0; si < this.market.segments.length; si++) {
      const p = this.market.segments[si]!;
      const count = this.included[si] ? Math.round(p.initialCustomers * scale) : 0;
      const from = this.n;
      const mean = p.expectationMean;
      const spread = p.expectationSpread;
      // customerKey(segment key, 0, o), its first hash taken once for the segment.
      const baseKey = cohortKey(this.segKeys[si]!, 0);
      for (let o = 0; o < count; o++) {
        const k = hash2(baseKey, o);
        const j = from + o;
        key[j] = k;
        exp[j] = clamp15(mean + spread * triangular(hash2(k, PURPOSE.initialExpectation)));
        sat[j] = clamp15(4 + 0.5 * triangular(hash2(k, PURPOSE.initialSatisfaction)));
        tenure[j] = hash2(k, PURPOSE.initialTenure) % 12;
      }
      this.n = from + count;
      this.bond.fill(0, from, this.n);
      this.wallet.fill(1, from, this.n);
      this.addRun(si, count);
    }
    if (this.observer) this.observer.reset(this);
  }

  /** Takes effect from the next step. */
  setStrategy(strategy: Strategy): void {
    validateStrategy(this.market, strategy);
    // An unchanged strategy is not a change: the history records only real decisions.
    if (JSON.stringify(strategy) === JSON.stringify(this.strategy)) return;
    this.strategy = cloneStrategy(strategy);
    const from = this.q + 1;
    const last = this.history[this.history.length - 1];
    if (last && last.fromQuarter === from) last.strategy = cloneStrategy(this.strategy);
    else this.history.push({ fromQuarter: from, strategy: cloneStrategy(this.strategy) });
  }

  /**
   * The current customers of one segment, in a stable order (addition to the contract): their
   * random keys and states. For charts of the customer base and for the common-random-numbers test.
   */
  customerSnapshot(segmentId: string): { key: number[]; satisfaction: number[]; expectation: number[]; bond: number[]; tenure: number[] } {
    const s = this.market.segments.findIndex((x) => x.id === segmentId);
    if (s < 0) throw new Error(`Unknown segment "${segmentId}"`);
    const out = {
      key: [] as number[],
      satisfaction: [] as number[],
      expectation: [] as number[],
      bond: [] as number[],
      tenure: [] as number[],
    };
    let j = 0;
    for (let r = 0; r < this.nRuns; r++) {
      const end = j + this.runLen[r]!;
      if (this.runSeg[r] === s) {
        for (; j < end; j++) {
          out.key.push(this.key[j]!);
          out.satisfaction.push(this.sat[j]!);
          out.expectation.push(this.exp[j]!);
          out.bond.push(this.bond[j]!);
          out.tenure.push(this.tenure[j]!);
        }
      }
      j = end;
    }
    return out;
  }

  getStrategy(): Strategy {
    return cloneStrategy(this.strategy);
  }

  result(): RunResult {
    const bySegment: Record<string, QuarterRow[]> = {};
    const defectionBySatisfaction: Record<string, DefectionBySatisfaction> = {};
    this.market.segments.forEach((s, i) => {
      bySegment[s.id] = this.bySegment[i]!.map(copyRow);
      const d = this.defection[i]!;
      defectionBySatisfaction[s.id] = { customers: [...d.customers], lost: [...d.lost], lostToCompetitor: [...d.lostToCompetitor] };
    });
    return {
      modelVersion: MODEL_VERSION,
      seed: String(this.options.seed),
      quarters: this.q,
      marketId: this.market.id,
      strategy: cloneStrategy(this.history[0]!.strategy),
      overall: this.overall.map(copyRow),
      bySegment,
      strategyHistory: this.history.map((h) => ({ fromQuarter: h.fromQuarter, strategy: cloneStrategy(h.strategy) })),
      defectionBySatisfaction,
    };
  }

  /** The traced customers so far, one per key asked for, in that order (copies; none without an observer). */
  traced(): CustomerTrace[] {
    return this.observer ? this.observer.traced() : [];
  }

  /** The census so far (quarters 0..current), or null if the run was not asked to record it. */
  censusSoFar(): Census | null {
    return this.observer ? this.observer.census(this.q) : null;
  }

  /** The valuation so far (see observe.ts), or null if the run was not asked to record it. */
  valuation(): Valuation | null {
    return this.observer ? this.observer.valuation() : null;
  }

  /** Room for c customers. Grows by at least half, so a growing base does not copy its arrays every quarter. */
  private ensureCapacity(c: number): void {
    if (c <= this.cap) return;
    const size = Math.max(c, Math.ceil(this.cap * 1.5));
    const grow = <T extends Float64Array | Uint32Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T, used: number): T => {
      const b = make(size);
      b.set(a.subarray(0, used) as never);
      return b;
    };
    this.key = grow(this.key, (k) => new Uint32Array(k), this.n);
    this.sat = grow(this.sat, (k) => new Float64Array(k), this.n);
    this.exp = grow(this.exp, (k) => new Float64Array(k), this.n);
    this.bond = grow(this.bond, (k) => new Float64Array(k), this.n);
    this.wallet = grow(this.wallet, (k) => new Float64Array(k), this.n);
    this.tenure = grow(this.tenure, (k) => new Int32Array(k), this.n);
    // Departures are written during a pass over at most n customers; between steps they are read only.
    this.dep = grow(this.dep, (k) => new Float64Array(k), this.nDep);
    this.cap = size;
  }

  /** Appends a run of `count` customers of segment s (merged into the last run if it is of s too). */
  private addRun(s: number, count: number): void {
    if (count <= 0) return;
    if (this.nRuns > 0 && this.runSeg[this.nRuns - 1] === s) {
      this.runLen[this.nRuns - 1]! += count;
      return;
    }
    if (this.nRuns === this.runSeg.length) {
      const seg = new Uint8Array(this.nRuns * 2);
      seg.set(this.runSeg);
      const len = new Int32Array(this.nRuns * 2);
      len.set(this.runLen);
      this.runSeg = seg;
      this.runLen = len;
    }
    this.runSeg[this.nRuns] = s;
    this.runLen[this.nRuns++] = count;
  }

  /**
   * Every customer's quarter: each run of one segment goes through customerRun, except traced
   * customers (the observer steps them through customerStep) and every customer of a market without
   * satisfaction dynamics (customerStep). Runs shrink to their survivors; empty runs are dropped and
   * neighbours merged.
   */
  private customerPass(c: PassConstants, t: number): void {
    const runSeg = this.runSeg;
    const runLen = this.runLen;
    const nRuns = this.nRuns;
    const obs = this.observer;
    // Slots of the traced customers present now, ascending.
    const traced = obs ? obs.tracedSlots() : NO_SLOTS;
    let next = 0;
    this.nDep = 0;
    let write = 0;
    let j = 0;
    for (let r = 0; r < nRuns; r++) {
      const s = runSeg[r]!;
      const end = j + runLen[r]!;
      const startWrite = write;
      const startDep = this.nDep;
      while (next < traced.length && traced[next]! < end) {
        const p = traced[next++]!;
        write = this.bulkPass(c, s, j, p, write);
        write = obs!.traceStep(this, c, s, p, write, t);
        j = p + 1;
      }
      write = this.bulkPass(c, s, j, end, write);
      if (obs) obs.departed(s, startDep, this.nDep);
      j = end;
      runLen[r] = write - startWrite;
    }
    this.n = write;
    // Drop empty runs and merge neighbours of one segment.
    let out = 0;
    for (let r = 0; r < nRuns; r++) {
      const len = runLen[r]!;
      if (len === 0) continue;
      if (out > 0 && runSeg[out - 1] === runSeg[r]) runLen[out - 1]! += len;
      else {
        runSeg[out] = runSeg[r]!;
        runLen[out++] = len;
      }
    }
    this.nRuns = out;
  }

  /** Customers from..to−1 of segment s without a record: the hot loop, or customerStep without dynamics. */
  private bulkPass(c: PassConstants, s: number, from: number, to: number, write: number): number {
    if (c.dyn) return customerRun(this, this.work, this.sums, c, s, from, to, write);
    for (let j = from; j < to; j++) write = customerStep(this, this.work, this.sums, c, s, j, write, this.hz);
    return write;
  }

  /** Advance one quarter; returns the overall row of that quarter. */
  step(): QuarterRow {
    this.advance();
    return copyRow(this.overall[this.overall.length - 1]!);
  }

  /** The quarterly step (runs to a horizon need no copy of each quarter's row). */
  private advance(): void {
    const t = ++this.q;
    const market = this.market;
    const mech = market.mechanisms;
    const firm = market.firm;
    const strat = this.strategy;
    const segs = market.segments;
    const ns = segs.length;
    const w = this.work;
    const dyn = market.satisfactionDynamics;
    const i = firm.discountRatePerQuarter;
    const df = 1 / dpow(1 + i, t);
    const scale = this.options.customersScale;

    // ---- per-segment preparation (events, mechanism responses, hazard tables) ----
    const demandMult = new Float64Array(ns);
    for (let s = 0; s < ns; s++) {
      const p = segs[s]!;
      const inv = strat.segments[p.id]?.investment;
      const eR = levelEffect(p, inv, 'reactive');
      const eA = levelEffect(p, inv, 'accountable');
      const eP = levelEffect(p, inv, 'proactive');
      const eN = levelEffect(p, inv, 'partnership');
      let relCost = 0;
      if (inv) for (const l of INVESTED_LEVELS) relCost += inv[l];
      w.relCost[s] = relCost;
      w.recovery[s] = Math.min(0.95, mech.recoveryCeiling * eR);
      w.voiceFollowUp[s] = 1 - (1 - Math.min(0.95, mech.voiceCeiling * eR)) * (1 - Math.min(0.95, mech.followUpCeiling * eA));
      w.calibration[s] = Math.min(0.5, mech.calibrationCeiling * eA);
      w.attention[s] = mech.attentionProactive * eP + mech.attentionPartnership * eN;
      w.walletTarget[s] = 1 + mech.crossSellCeiling * (eP + 0.5 * eN);
      w.bondGrowth[s] = Math.min(1, mech.bondGrowthPerQuarter * eN);
      // Improvements from follow-up and joint work accumulate toward a cap and fade without them.
      const drive = mech.improvementPerQuarter * (eA + 0.5 * eN);
      let imp = this.improvement[s]!;
      imp = imp * (1 - mech.improvementDecayPerQuarter) + drive * (1 - imp / mech.improvementCap);
      this.improvement[s] = Math.max(0, Math.min(mech.improvementCap, imp));
      w.coreQuality[s] = strat.quality + this.improvement[s]!;

      // Seeded rival shocks (independent of the strategy), then scheduled events (schedule.ts).
      this.shockUntil[s] = rivalShockUntil(this.segKeys[s]!, p, t, this.shockUntil[s]!);
      const active = market.events.length > 0 ? activeEvents(market.events, t, p.id) : NO_EVENTS;
      const offer = rivalOffer(p, t, this.shockUntil[s]!, active);
      let incident = p.incidentProbabilityPerQuarter;
      let demand = 1;
      for (const e of active) {
        if (e.type === 'qualityIncident') incident += e.magnitude;
        else if (e.type === 'demandShock') demand *= Math.max(0, 1 + e.magnitude);
        else if (e.type === 'bondsRemoved') {
          const cut = Math.max(0, Math.min(1, e.magnitude));
          this.financialBond[s] = this.financialBond[s]! * (1 - cut);
          this.forEachOfSegment(s, (j) => (this.bond[j] = this.bond[j]! * (1 - cut)));
        }
      }
      demandMult[s] = demand;
      w.incidentProb[s] = Math.min(1, Math.max(0, incident));
      w.naturalChurn[s] = p.naturalChurnPerQuarter;
      w.financialBond[s] = this.financialBond[s]!;
      w.loyaltyDiscount[s] = p.loyaltyDiscountShare * this.financialBond[s]!;
      w.marginPerRevenue[s] = p.marginRate;
      w.qualityCost[s] = p.revenuePerQuarter * firm.qualityCostShareOfRevenuePerPoint * (strat.quality - firm.qualityCostReference);
      // The competitor hazard table depends on the segment and the rival offer only: set when the offer
      // moves, from a cache of the offers met so far (a promotion's end returns to a table already built).
      if (offer !== this.tableOffer[s]) {
        this.tableOffer[s] = offer;
        const cache = this.compCache[s]!;
        let table = cache.get(offer);
        if (!table) {
          table = new Float64Array(COMP_SIZE);
          for (let k = 0; k < COMP_SIZE; k++) {
            const S = 1 + (8 * k) / COMP_STEPS;
            table[k] = dyn
              ? Math.min(0.95, p.competitiveIntensity * mech.competitorBaseHazard * dexp(mech.competitorSlope * (offer - S)))
              : 0;
          }
          cache.set(offer, table);
        }
        w.compTable.set(table, s * COMP_SIZE);
      }
      w.noise[s] = p.performanceNoise;
      w.severity[s] = p.incidentSeverity;
      w.expectationNorm[s] = p.expectationMean;
      w.revenueBase[s] = p.revenuePerQuarter;
      w.revenueGrowth[s] = p.revenueGrowthPerQuarterOfTenure;
      w.revenueCap[s] = p.revenueGrowthCapQuarters;
      w.lowIntensity[s] = p.competitiveIntensity < mech.spuriousIntensityBelow ? 1 : 0;
    }

    // ---- per-customer pass ----
    const rows = segs.map(() => emptyRow(t));
    const sums = this.sums;
    for (const a of Object.values(sums) as Float64Array[]) a.fill(0);
    const pass: PassConstants = {
      lossAv: mech.lossAversion,
      inertia: mech.satisfactionInertia,
      slope: mech.satisfactionSlope,
      adapt: mech.expectationAdaptation,
      wExp: mech.anchorExperienceWeight,
      wNorm: mech.anchorNormWeight,
      promiseTerm: mech.anchorPromiseWeight * strat.promiseLevel,
      walletAdj: mech.walletAdjustmentPerQuarter,
      bondCap: mech.bondCap,
      bondDecay: 1 - mech.bondDecayPerQuarter,
      disBelow: mech.dissatisfiedBelow,
      delFrom: mech.delightedFrom,
      spurBond: mech.spuriousBondThreshold,
      switchCost: mech.bondSwitchingCost,
      // Brand loyalty shifts the rival comparison like a small switching cost held by every customer.
      brandPoints: firm.brandLoyaltyPointsPerPoint * (firm.brandStrength - 3),
      onePlusI: 1 + i,
      dyn,
      tMix: Math.imul((t + 0x632be5ab) | 0, 0x9e3779b1),
      noiseMix: Math.imul((PURPOSE.noise + 0x632be5ab) | 0, 0x9e3779b1),
      incidentMix: Math.imul((PURPOSE.incident + 0x632be5ab) | 0, 0x9e3779b1),
      churnMix: Math.imul((PURPOSE.churn + 0x632be5ab) | 0, 0x9e3779b1),
    };
    this.customerPass(pass, t);
    const { clvSum, satSum, revSum, marSum, atStart, lostCo, lostComp, lostCust, nDis, nDel, nSpur, bandN, bandLost, bandComp } = sums;
    if (this.observer) this.observer.passDone(this, pass, df);
    const survivorsEnd = this.n;

    // ---- acquisition (arrivals at the end of the quarter; first margin next quarter) ----
    let weightSum = 0;
    for (const p of segs) weightSum += p.acquisitionWeight;
    for (let s = 0; s < ns; s++) {
      const p = segs[s]!;
      const row = rows[s]!;
      const spend = weightSum > 0 ? (strat.acquisitionSpendPerQuarter * p.acquisitionWeight) / weightSum : 0;
      const paid = p.acquisitionCeilingPerQuarter * (1 - dexp(-p.acquisitionK * spend));
      const promiseMult = 2 * dlogistic(firm.promiseAcquisitionSlope * (strat.promiseLevel - 3));
      const brandMult = Math.max(0, 1 + firm.brandAcquisitionPerPoint * (firm.brandStrength - 3));
      const referrals = p.referralsPerDelightedPerQuarter * nDel[s]!;
      const detraction = p.lostProspectsPerDissatisfiedPerQuarter * nDis[s]!;
      const expected = Math.max(
        0,
        (p.acquisitionBasePerQuarter + paid) * scale * promiseMult * brandMult * demandMult[s]! + referrals - detraction,
      );
      const count = this.included[s] ? Math.floor(expected + uniform(this.segKeys[s]!, t, PURPOSE.acquisitionRounding)) : 0;
      if (this.n + count > this.options.maxCustomers) throw new RunTooLargeError(this.n + count, this.options.maxCustomers, t);
      this.ensureCapacity(this.n + count);
      // customerKey(segment key, t, o) with its first hash, which is the same for the whole quarter, taken once.
      const arrivalKey = cohortKey(this.segKeys[s]!, t);
      for (let o = 0; o < count; o++) {
        const k = hash2(arrivalKey, o);
        const j = this.n++;
        this.key[j] = k;
        this.exp[j] = clamp15(strat.promiseLevel + p.expectationSpread * triangular(hash2(k, PURPOSE.initialExpectation)));
        this.sat[j] = 4;
        this.bond[j] = 0;
        this.wallet[j] = 1;
        this.tenure[j] = 0;
      }
      this.addRun(s, count);
      row.referrals = referrals;
      row.newCustomers = count;
      row.acquisitionCost = spend + p.onboardingCostPerNewCustomer * count;
    }
    if (this.observer) this.observer.quarterDone(this, survivorsEnd, t);

    // ---- accounting ----
    const overall = emptyRow(t);
    let overallSat = 0;
    let overallClv = 0;
    let overallCum = 0;
    for (let s = 0; s < ns; s++) {
      const row = rows[s]!;
      const survivors = atStart[s]! - lostCo[s]! - lostComp[s]! - lostCust[s]!;
      row.customersAtStart = atStart[s]!;
      row.lost = { company: lostCo[s]!, competitor: lostComp[s]!, customer: lostCust[s]! };
      row.lostTotal = lostCo[s]! + lostComp[s]! + lostCust[s]!;
      row.customers = survivors + row.newCustomers;
      row.retentionRate = atStart[s]! > 0 ? survivors / atStart[s]! : 1;
      row.meanSatisfaction = survivors > 0 ? satSum[s]! / survivors : 0;
      row.satisfactionShare = shares(nDis[s]!, survivors - nDis[s]! - nDel[s]!, nDel[s]!);
      row.trueLoyal = survivors - nDis[s]!;
      row.spuriousLoyal = nSpur[s]!;
      row.revenue = revSum[s]!;
      row.margin = marSum[s]!;
      row.relationshipCost = w.relCost[s]! * atStart[s]!;
      row.profit = row.margin - row.relationshipCost - row.acquisitionCost;
      this.cumDisc[s] = this.cumDisc[s]! + row.profit * df;
      row.cumulativeDiscountedProfit = this.cumDisc[s]!;
      row.customerEquity = this.cumDisc[s]! + df * clvSum[s]!;
      row.meanClv = survivors > 0 ? clvSum[s]! / survivors : 0;
      this.bySegment[s]!.push(row);
      this.clvHistory[s]!.push(clvSum[s]!);
      for (let b = 0; b < 5; b++) {
        this.defection[s]!.customers[b]! += bandN[s * 5 + b]!;
        this.defection[s]!.lost[b]! += bandLost[s * 5 + b]!;
        this.defection[s]!.lostToCompetitor[b]! += bandComp[s * 5 + b]!;
      }
      overall.customers += row.customers;
      overall.customersAtStart += row.customersAtStart;
      overall.newCustomers += row.newCustomers;
      overall.lost.company += row.lost.company;
      overall.lost.competitor += row.lost.competitor;
      overall.lost.customer += row.lost.customer;
      overall.lostTotal += row.lostTotal;
      overall.satisfactionShare.dissatisfied += nDis[s]!;
      overall.satisfactionShare.delighted += nDel[s]!;
      overall.trueLoyal += row.trueLoyal;
      overall.spuriousLoyal += row.spuriousLoyal;
      overall.referrals += row.referrals;
      overall.revenue += row.revenue;
      overall.margin += row.margin;
      overall.relationshipCost += row.relationshipCost;
      overall.acquisitionCost += row.acquisitionCost;
      overall.profit += row.profit;
      overallCum += this.cumDisc[s]!;
      overallSat += satSum[s]!;
      overallClv += clvSum[s]!;
    }
    const survivorsAll = overall.customersAtStart - overall.lostTotal;
    overall.retentionRate = overall.customersAtStart > 0 ? survivorsAll / overall.customersAtStart : 1;
    overall.meanSatisfaction = survivorsAll > 0 ? overallSat / survivorsAll : 0;
    const dis = overall.satisfactionShare.dissatisfied;
    const del = overall.satisfactionShare.delighted;
    overall.satisfactionShare = shares(dis, survivorsAll - dis - del, del);
    overall.cumulativeDiscountedProfit = overallCum;
    overall.customerEquity = overallCum + df * overallClv;
    overall.meanClv = survivorsAll > 0 ? overallClv / survivorsAll : 0;
    this.overall.push(overall);
  }

  /** Calls f(slot) for every current customer of segment s. */
  private forEachOfSegment(s: number, f: (j: number) => void): void {
    let j = 0;
    for (let r = 0; r < this.nRuns; r++) {
      const end = j + this.runLen[r]!;
      if (this.runSeg[r] === s) for (; j < end; j++) f(j);
      j = end;
    }
  }

  /** What simulateSummary returns, read from the rows without copying them. */
  summary(): RunSummary {
    const q = this.q;
    const series = (rows: QuarterRow[], f: (r: QuarterRow) => number) => Float64Array.from(rows, f);
    const i = this.market.firm.discountRatePerQuarter;
    const segments: SegmentSummary[] = [];
    this.market.segments.forEach((p, s) => {
      if (!this.included[s]) return;
      const rows = this.bySegment[s]!;
      segments.push({
        id: p.id,
        customersAtStart: series(rows, (r) => r.customersAtStart),
        lostTotal: series(rows, (r) => r.lostTotal),
        customers: series(rows, (r) => r.customers),
        cumulativeDiscountedProfit: series(rows, (r) => r.cumulativeDiscountedProfit),
        clvSum: Float64Array.from(this.clvHistory[s]!),
        customerEquity: series(rows, (r) => r.customerEquity),
      });
    });
    const discountFactor = Float64Array.from({ length: q }, (_, k) => 1 / dpow(1 + i, k + 1));
    const all = segments.length === this.market.segments.length;
    return {
      marketId: this.market.id,
      quarters: q,
      discountFactor,
      segments,
      overall: all
        ? {
            customerEquity: series(this.overall, (r) => r.customerEquity),
            cumulativeDiscountedProfit: series(this.overall, (r) => r.cumulativeDiscountedProfit),
            retentionRate: series(this.overall, (r) => r.retentionRate),
            customers: series(this.overall, (r) => r.customers),
          }
        : null,
    };
  }

  /** Run the remaining quarters up to the horizon of the options. */
  runToHorizon(): RunResult {
    while (this.q < this.options.quarters) this.advance();
    return this.result();
  }

  /** Run the remaining quarters up to the horizon and summarise (simulateSummary). */
  summaryToHorizon(): RunSummary {
    while (this.q < this.options.quarters) this.advance();
    return this.summary();
  }
}

function shares(dis: number, satisfied: number, del: number): QuarterRow['satisfactionShare'] {
  const total = dis + satisfied + del;
  if (total <= 0) return { dissatisfied: 0, satisfied: 0, delighted: 0 };
  return { dissatisfied: dis / total, satisfied: satisfied / total, delighted: del / total };
}

function copyRow(r: QuarterRow): QuarterRow {
  return { ...r, lost: { ...r.lost }, satisfactionShare: { ...r.satisfactionShare } };
}

/** A level's effect in a segment: sensitivity × (1 − e^(−spend / standard spend)), 0 without spend. */
function levelEffect(p: SegmentParams, inv: Investment | undefined, l: InvestedLevel): number {
  const x = inv ? inv[l] : 0;
  const std = p.standardInvestment[l];
  if (!(x > 0) || !(std > 0)) return 0;
  return p.sensitivity[l] * (1 - dexp(-x / std));
}

function clamp15(x: number): number {
  return x < 1 ? 1 : x > 5 ? 5 : x;
}

/** Triangular noise on (−1, 1) from the two 16-bit halves of one hash. */
function triangular(h: number): number {
  return ((h >>> 16) + (h & 0xffff)) * TWO_M16 - 1;
}

/** One run from quarter 0 to the horizon; the same step as MarketModel. */
export function simulate(market: Market, strategy: Strategy, options: RunOptions): RunResult {
  return new MarketModel(market, strategy, options).runToHorizon();
}

/** One segment of a run, quarter by quarter (index t − 1): its rows' values and its Σ clv of kept customers. */
export interface SegmentSummary {
  id: string;
  customersAtStart: Float64Array;
  lostTotal: Float64Array;
  customers: Float64Array;
  cumulativeDiscountedProfit: Float64Array;
  /** Σ over kept customers of (margin − relationship cost)·r/(1 + i − r), undiscounted. */
  clvSum: Float64Array;
  customerEquity: Float64Array;
}

/** The whole firm's series that the optimiser and the many-seed band read, equal to simulate()'s rows. */
export interface SummarySeries {
  customerEquity: Float64Array;
  cumulativeDiscountedProfit: Float64Array;
  retentionRate: Float64Array;
  customers: Float64Array;
}

export interface RunSummary {
  marketId: string;
  quarters: number;
  /** (1 + i)^−t, index t − 1. */
  discountFactor: Float64Array;
  /** The segments simulated, in the market's order. */
  segments: SegmentSummary[];
  /** The whole firm, when every segment was simulated (else combineSummaries rebuilds it from parts). */
  overall: SummarySeries | null;
}

/**
 * The series a search or a many-seed band needs, without the copies of a RunResult: the same numbers
 * as simulate() to the bit. `segments` simulates only those segment ids: each is then exactly as in a
 * full run (segments share no customers), so a search that changes one segment's spend can rerun that
 * segment alone and rebuild the firm's totals with combineSummaries.
 */
export function simulateSummary(market: Market, strategy: Strategy, options: RunOptions, segments?: readonly string[]): RunSummary {
  return new MarketModel(market, strategy, options, undefined, segments).summaryToHorizon();
}

/**
 * The whole firm's series from one summary per segment of `market` (from one or several runs of the
 * same seed, horizon and firm-level settings): sums in the engine's order, so equal to simulate()'s
 * rows to the bit. Throws if a segment is missing or twice.
 */
export function combineSummaries(market: Market, parts: readonly SegmentSummary[], discountFactor: Float64Array): SummarySeries {
  const bySeg = market.segments.map((p) => {
    const found = parts.filter((x) => x.id === p.id);
    if (found.length !== 1) throw new RangeError(`combineSummaries needs segment "${p.id.slice(0, 40)}" exactly once`);
    return found[0]!;
  });
  const q = discountFactor.length;
  const out: SummarySeries = {
    customerEquity: new Float64Array(q),
    cumulativeDiscountedProfit: new Float64Array(q),
    retentionRate: new Float64Array(q),
    customers: new Float64Array(q),
  };
  for (let t = 0; t < q; t++) {
    let cum = 0;
    let clv = 0;
    let atStart = 0;
    let lost = 0;
    let customers = 0;
    for (const p of bySeg) {
      customers += p.customers[t]!;
      atStart += p.customersAtStart[t]!;
      lost += p.lostTotal[t]!;
      cum += p.cumulativeDiscountedProfit[t]!;
      clv += p.clvSum[t]!;
    }
    out.customers[t] = customers;
    out.retentionRate[t] = atStart > 0 ? (atStart - lost) / atStart : 1;
    out.cumulativeDiscountedProfit[t] = cum;
    out.customerEquity[t] = cum + discountFactor[t]! * clv;
  }
  return out;
}
