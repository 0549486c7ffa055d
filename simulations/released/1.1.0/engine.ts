// The customer-level market model: state in typed arrays (structure of arrays), one quarterly
// step shared by MarketModel and simulate(). Pure and deterministic: no global random source, no clock,
// no built-in exp/log/pow (detmath only), no allocation per customer inside the hot loop.
import { dexp, dlogistic, dpow } from './detmath.ts';
import { INVESTED_LEVELS, type Market, type MarketEvent } from './market.ts';
import { MAX_CUSTOMERS } from './limits.ts';
import { PURPOSE, customerKey, fmix32, hash2, seedKey, segmentKey, uniform } from './random.ts';
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

/** Accumulators of one quarter's customer pass, per segment (band arrays: segment × 5). */
interface PassSums {
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

interface CustomerArrays {
  n: number;
  seg: Uint8Array;
  key: Uint32Array;
  sat: Float64Array;
  exp: Float64Array;
  bond: Float64Array;
  wallet: Float64Array;
  tenure: Int32Array;
}

/**
 * The hot loop: every customer's quarter (perception, satisfaction, expectations, bonds, wallet,
 * churn, margin) with stable compaction of survivors. A module-level function over typed arrays
 * so the JIT optimises it alone; it allocates nothing. Returns the number of survivors.
 */
function customerPass(
  m: CustomerArrays,
  w: SegmentWork,
  sums: PassSums,
  mech: Market['mechanisms'],
  promiseLevel: number,
  i: number,
  t: number,
  dyn: boolean,
  brandLoyalty: number,
): number {
  const { clvSum, satSum, revSum, marSum, atStart, lostCo, lostComp, lostCust, nDis, nDel, nSpur, bandN, bandLost, bandComp } = sums;
  const lossAv = mech.lossAversion;
  const inertia = mech.satisfactionInertia;
  const slope = mech.satisfactionSlope;
  const adapt = mech.expectationAdaptation;
  const wExp = mech.anchorExperienceWeight;
  const wNorm = mech.anchorNormWeight;
  const promiseTerm = mech.anchorPromiseWeight * promiseLevel;
  const walletAdj = mech.walletAdjustmentPerQuarter;
  const bondCap = mech.bondCap;
  const bondDecay = 1 - mech.bondDecayPerQuarter;
  const disBelow = mech.dissatisfiedBelow;
  const delFrom = mech.delightedFrom;
  const spurBond = mech.spuriousBondThreshold;
  const switchCost = mech.bondSwitchingCost;
  // Brand loyalty shifts the rival comparison like a small switching cost held by every customer.
  const brandPoints = brandLoyalty;
  const onePlusI = 1 + i;
  const seg = m.seg;
  const key = m.key;
  const sat = m.sat;
  const ex = m.exp;
  const bond = m.bond;
  const wallet = m.wallet;
  const tenure = m.tenure;
  const coreQ = w.coreQuality;
  const attention = w.attention;
  const noiseW = w.noise;
  const incidentP = w.incidentProb;
  const severity = w.severity;
  const recovery = w.recovery;
  const expNorm = w.expectationNorm;
  const calibration = w.calibration;
  const bondGrowth = w.bondGrowth;
  const walletTarget = w.walletTarget;
  const finBond = w.financialBond;
  const compTable = w.compTable;
  const companyTable = w.companyTable;
  const voiceFollowUp = w.voiceFollowUp;
  const natural = w.naturalChurn;
  const revBase = w.revenueBase;
  const revGrowth = w.revenueGrowth;
  const revCap = w.revenueCap;
  const marginRate = w.marginPerRevenue;
  const loyaltyDisc = w.loyaltyDiscount;
  const qualityCost = w.qualityCost;
  const relCostW = w.relCost;
  const lowIntensity = w.lowIntensity;
  // Per-quarter parts of the counter-based hash (see random.ts): hash2(k, t) = fmix(k ^ tMix).
  const tMix = Math.imul((t + 0x632be5ab) | 0, 0x9e3779b1);
  const noiseMix = Math.imul((PURPOSE.noise + 0x632be5ab) | 0, 0x9e3779b1);
  const incidentMix = Math.imul((PURPOSE.incident + 0x632be5ab) | 0, 0x9e3779b1);
  const churnMix = Math.imul((PURPOSE.churn + 0x632be5ab) | 0, 0x9e3779b1);
  let write = 0;
  const nOld = m.n;
  for (let j = 0; j < nOld; j++) {
    const s = seg[j]!;
    const k = key[j]!;
    atStart[s]! += 1;
    let S = sat[j]!;
    let E = ex[j]!;
    let B = bond[j]!;
    let W = wallet[j]!;
    const kt = fmix(k ^ tMix);
    if (dyn) {
      const hn = fmix(kt ^ noiseMix);
      const noise = ((hn >>> 16) + (hn & 0xffff)) * TWO_M16 - 1;
      const delivered = coreQ[s]! + attention[s]!;
      let P = delivered + noiseW[s]! * noise;
      if (fmix(kt ^ incidentMix) * TWO_M32 < incidentP[s]!) P -= severity[s]! * (1 - recovery[s]!);
      const D = P - E;
      // Branch-free forms (the sign of D is a coin flip, so branches would mispredict);
      // both are exactly equal to `D >= 0 ? D : lossAv * D` and a clamp to [1, 5].
      const neg = Math.min(D, 0);
      const d = D - neg + lossAv * neg;
      S = Math.min(5, Math.max(1, S + (1 - inertia) * (4 + slope * d - S)));
      const anchor = wExp * P + wNorm * expNorm[s]! + promiseTerm;
      E = Math.min(5, Math.max(1, E + adapt * (anchor - E) + calibration[s]! * (delivered - E)));
      const g = bondGrowth[s]!;
      B = g > 0 ? B + g * (bondCap - B) : B * bondDecay;
      W += walletAdj * ((S >= disBelow ? walletTarget[s]! : 1) - W);
    }
    const heldBy = 1 - (1 - B) * (1 - finBond[s]!);
    const free = 1 - heldBy;
    const x = (S - 1) * (TABLE_STEPS / 4);
    const xi = Math.floor(x);
    const ti = s * TABLE_SIZE + (xi >= TABLE_STEPS ? TABLE_STEPS - 1 : xi);
    const tf = xi >= TABLE_STEPS ? 1 : x - xi;
    // Bonds act on the rival's offer as a switching cost in satisfaction points: a bonded but
    // dissatisfied customer sits near the margin, so a rival's strike or the bond's removal tips them.
    let y = (S - 1 + switchCost * heldBy + brandPoints) * (COMP_STEPS / 8);
    if (y > COMP_STEPS) y = COMP_STEPS;
    else if (y < 0) y = 0;
    const yi = Math.floor(y);
    const ci = s * COMP_SIZE + (yi >= COMP_STEPS ? COMP_STEPS - 1 : yi);
    const cf = yi >= COMP_STEPS ? 1 : y - yi;
    const c0 = compTable[ci]!;
    const hComp = c0 + cf * (compTable[ci + 1]! - c0);
    const d0 = companyTable[ti]!;
    const hCo = (d0 + tf * (companyTable[ti + 1]! - d0)) * free * (1 - voiceFollowUp[s]!);
    const hCust = natural[s]!;
    const u = fmix(kt ^ churnMix) * TWO_M32;
    // Satisfaction band 1..5 by rounding half up (index 0..4), without a branch chain.
    const band = Math.floor(S + 0.5) - 1;
    bandN[s * 5 + band]! += 1;
    if (u < hCust + hComp + hCo) {
      bandLost[s * 5 + band]! += 1;
      if (u < hCust) lostCust[s]! += 1;
      else if (u < hCust + hComp) {
        lostComp[s]! += 1;
        bandComp[s * 5 + band]! += 1;
      } else lostCo[s]! += 1;
      continue;
    }
    // Survivor: margin at the end of the quarter, state kept (stable compaction).
    const ten = tenure[j]! + 1;
    const cap = revCap[s]!;
    const revenue = revBase[s]! * (1 + revGrowth[s]! * (ten < cap ? ten : cap)) * W;
    const margin = revenue * marginRate[s]! * (1 - loyaltyDisc[s]!) - qualityCost[s]! * W;
    revSum[s]! += revenue;
    marSum[s]! += margin;
    let r = 1 - (hCust + hComp + hCo);
    if (r > MAX_RETENTION_FOR_CLV) r = MAX_RETENTION_FOR_CLV;
    clvSum[s]! += ((margin - relCostW[s]!) * r) / (onePlusI - r);
    satSum[s]! += S;
    if (S >= delFrom) nDel[s]! += 1;
    else if (S < disBelow) {
      nDis[s]! += 1;
      if (heldBy >= spurBond || lowIntensity[s] === 1) nSpur[s]! += 1;
    }
    seg[write] = s;
    key[write] = k;
    sat[write] = S;
    ex[write] = E;
    bond[write] = B;
    wallet[write] = W;
    tenure[write] = ten;
    write++;
  }
  return write;
}

/** Per-segment quantities that change per quarter, in small typed arrays indexed by segment. */
interface SegmentWork {
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

function activeEvents(events: MarketEvent[], quarter: number, segmentId: string): MarketEvent[] {
  const out: MarketEvent[] = [];
  for (const e of events) {
    if (e.segment !== undefined && e.segment !== segmentId) continue;
    const dflt = e.type === 'rivalLoyaltyProgramme' ? Infinity : e.type === 'rivalPromotion' ? 2 : 1;
    const dur = e.durationQuarters ?? dflt;
    if (e.type === 'bondsRemoved') {
      if (quarter === e.quarter) out.push(e);
    } else if (quarter >= e.quarter && quarter < e.quarter + dur) out.push(e);
  }
  return out;
}

export class MarketModel {
  readonly market: Market;
  private readonly options: Required<RunOptions>;
  private strategy: Strategy;
  private history: { fromQuarter: number; strategy: Strategy }[] = [];
  private segKeys: Uint32Array;
  private q = 0;
  // Customer state (structure of arrays), `n` alive customers in slots 0..n−1.
  /** @internal customer arrays, read by customerPass. */
  n = 0;
  /** @internal customer arrays, read by customerPass. */
  cap = 0;
  /** @internal customer arrays, read by customerPass. */
  seg = new Uint8Array(0);
  /** @internal customer arrays, read by customerPass. */
  key = new Uint32Array(0);
  /** @internal customer arrays, read by customerPass. */
  sat = new Float64Array(0);
  /** @internal customer arrays, read by customerPass. */
  exp = new Float64Array(0);
  /** @internal customer arrays, read by customerPass. */
  bond = new Float64Array(0);
  /** @internal customer arrays, read by customerPass. */
  wallet = new Float64Array(0);
  /** @internal customer arrays, read by customerPass. */
  tenure = new Int32Array(0);
  // Segment state.
  private improvement: Float64Array;
  private financialBond: Float64Array;
  private shockUntil: Int32Array;
  private cumDisc: Float64Array;
  private work: SegmentWork;
  private tableOffer: Float64Array;
  private overall: QuarterRow[] = [];
  private bySegment: QuarterRow[][] = [];
  private defection: DefectionBySatisfaction[] = [];

  constructor(market: Market, strategy: Strategy, options: RunOptions) {
    if (market.segments.length === 0 || market.segments.length > 255) throw new RangeError('A market needs 1 to 255 segments');
    const ids = new Set(market.segments.map((s) => s.id));
    if (ids.size !== market.segments.length) throw new RangeError('Segment ids must be unique');
    if (!Number.isInteger(options.quarters) || options.quarters < 0) throw new RangeError('quarters must be an integer ≥ 0');
    const scale = options.customersScale ?? 1;
    if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError('customersScale must be a number > 0');
    const maxCustomers = options.maxCustomers ?? MAX_CUSTOMERS;
    if (!Number.isInteger(maxCustomers) || maxCustomers < 1) throw new RangeError('maxCustomers must be an integer ≥ 1');
    this.market = JSON.parse(JSON.stringify(market)) as Market;
    this.options = { seed: options.seed, quarters: options.quarters, customersScale: scale, maxCustomers };
    this.strategy = cloneStrategy(validateStrategy(this.market, strategy));
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
    this.tableOffer = new Float64Array(ns);
    this.reset();
  }

  get quarter(): number {
    return this.q;
  }

  /** Back to quarter 0 with the strategy given to the constructor. */
  reset(): void {
    const initial = this.history.length > 0 ? this.history[0]!.strategy : this.strategy;
    this.strategy = cloneStrategy(initial);
    this.history = [{ fromQuarter: 1, strategy: cloneStrategy(initial) }];
    this.q = 0;
    this.n = 0;
    this.overall = [];
    this.bySegment = this.market.segments.map(() => []);
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
      total += Math.round(s.initialCustomers * scale);
    });
    if (total > this.options.maxCustomers) throw new RunTooLargeError(total, this.options.maxCustomers, 0);
    this.ensureCapacity(Math.max(16, total * 2));
    this.market.segments.forEach((s, si) => {
      const count = Math.round(s.initialCustomers * scale);
      for (let o = 0; o < count; o++) {
        const k = customerKey(this.segKeys[si]!, 0, o);
        const j = this.n++;
        this.seg[j] = si;
        this.key[j] = k;
        this.exp[j] = clamp15(s.expectationMean + s.expectationSpread * triangular(hash2(k, PURPOSE.initialExpectation)));
        this.sat[j] = clamp15(4 + 0.5 * triangular(hash2(k, PURPOSE.initialSatisfaction)));
        this.bond[j] = 0;
        this.wallet[j] = 1;
        this.tenure[j] = hash2(k, PURPOSE.initialTenure) % 12;
      }
    });
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
    for (let j = 0; j < this.n; j++) {
      if (this.seg[j] !== s) continue;
      out.key.push(this.key[j]!);
      out.satisfaction.push(this.sat[j]!);
      out.expectation.push(this.exp[j]!);
      out.bond.push(this.bond[j]!);
      out.tenure.push(this.tenure[j]!);
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

  private ensureCapacity(c: number): void {
    if (c <= this.cap) return;
    const grow = <T extends Float64Array | Uint32Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(c);
      b.set(a.subarray(0, this.n) as never);
      return b;
    };
    this.seg = grow(this.seg, (k) => new Uint8Array(k));
    this.key = grow(this.key, (k) => new Uint32Array(k));
    this.sat = grow(this.sat, (k) => new Float64Array(k));
    this.exp = grow(this.exp, (k) => new Float64Array(k));
    this.bond = grow(this.bond, (k) => new Float64Array(k));
    this.wallet = grow(this.wallet, (k) => new Float64Array(k));
    this.tenure = grow(this.tenure, (k) => new Int32Array(k));
    this.cap = c;
  }

  /** Advance one quarter; returns the overall row of that quarter. */
  step(): QuarterRow {
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
      const eff = (l: (typeof INVESTED_LEVELS)[number]): number => {
        const x = inv ? inv[l] : 0;
        const std = p.standardInvestment[l];
        if (!(x > 0) || !(std > 0)) return 0;
        return p.sensitivity[l] * (1 - dexp(-x / std));
      };
      const eR = eff('reactive');
      const eA = eff('accountable');
      const eP = eff('proactive');
      const eN = eff('partnership');
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

      // Seeded rival shocks (independent of the strategy), then scheduled events.
      const sk = this.segKeys[s]!;
      if (uniform(sk, t, PURPOSE.rivalShock) < p.rivalShockProbabilityPerQuarter) this.shockUntil[s] = t + p.rivalShockDurationQuarters;
      let offer = p.competitorOffer + (t < this.shockUntil[s]! ? p.rivalShockMagnitude : 0);
      let incident = p.incidentProbabilityPerQuarter;
      let demand = 1;
      for (const e of activeEvents(market.events, t, p.id)) {
        if (e.type === 'rivalPromotion' || e.type === 'rivalLoyaltyProgramme') offer += e.magnitude;
        else if (e.type === 'qualityIncident') incident += e.magnitude;
        else if (e.type === 'demandShock') demand *= Math.max(0, 1 + e.magnitude);
        else if (e.type === 'bondsRemoved') {
          const cut = Math.max(0, Math.min(1, e.magnitude));
          this.financialBond[s] = this.financialBond[s]! * (1 - cut);
          for (let j = 0; j < this.n; j++) if (this.seg[j] === s) this.bond[j] = this.bond[j]! * (1 - cut);
        }
      }
      demandMult[s] = demand;
      w.incidentProb[s] = Math.min(1, Math.max(0, incident));
      w.naturalChurn[s] = p.naturalChurnPerQuarter;
      w.financialBond[s] = this.financialBond[s]!;
      w.loyaltyDiscount[s] = p.loyaltyDiscountShare * this.financialBond[s]!;
      w.marginPerRevenue[s] = p.marginRate;
      w.qualityCost[s] = p.revenuePerQuarter * firm.qualityCostShareOfRevenuePerPoint * (strat.quality - firm.qualityCostReference);
      // Hazard tables depend on the segment and the rival offer only: rebuilt when the offer moves.
      if (offer !== this.tableOffer[s]) {
        this.tableOffer[s] = offer;
        const cbase = s * COMP_SIZE;
        for (let k = 0; k < COMP_SIZE; k++) {
          const S = 1 + (8 * k) / COMP_STEPS;
          w.compTable[cbase + k] = dyn
            ? Math.min(0.95, p.competitiveIntensity * mech.competitorBaseHazard * dexp(mech.competitorSlope * (offer - S)))
            : 0;
        }
        const base = s * TABLE_SIZE;
        for (let k = 0; k < TABLE_SIZE; k++) {
          const S = 1 + (4 * k) / TABLE_STEPS;
          w.companyTable[base + k] = dyn
            ? p.competitiveIntensity *
              p.dissatisfactionChurnPerQuarter *
              dlogistic(mech.dissatisfactionSlope * (mech.dissatisfactionMidpoint - S))
            : 0;
        }
      }
      w.noise[s] = p.performanceNoise;
      w.severity[s] = p.incidentSeverity;
      w.expectationNorm[s] = p.expectationMean;
      w.revenueBase[s] = p.revenuePerQuarter;
      w.revenueGrowth[s] = p.revenueGrowthPerQuarterOfTenure;
      w.revenueCap[s] = p.revenueGrowthCapQuarters;
      w.lowIntensity[s] = p.competitiveIntensity < mech.spuriousIntensityBelow ? 1 : 0;
    }

    // ---- per-customer loop ----
    const rows = segs.map(() => emptyRow(t));
    const sums: PassSums = {
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
    const brandLoyalty = firm.brandLoyaltyPointsPerPoint * (firm.brandStrength - 3);
    const write = customerPass(this, w, sums, mech, strat.promiseLevel, i, t, dyn, brandLoyalty);
    const { clvSum, satSum, revSum, marSum, atStart, lostCo, lostComp, lostCust, nDis, nDel, nSpur, bandN, bandLost, bandComp } = sums;
    this.n = write;

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
      const count = Math.floor(expected + uniform(this.segKeys[s]!, t, PURPOSE.acquisitionRounding));
      if (this.n + count > this.options.maxCustomers) throw new RunTooLargeError(this.n + count, this.options.maxCustomers, t);
      this.ensureCapacity(this.n + count + 16);
      const sk = this.segKeys[s]!;
      for (let o = 0; o < count; o++) {
        const k = customerKey(sk, t, o);
        const j = this.n++;
        this.seg[j] = s;
        this.key[j] = k;
        this.exp[j] = clamp15(strat.promiseLevel + p.expectationSpread * triangular(hash2(k, PURPOSE.initialExpectation)));
        this.sat[j] = 4;
        this.bond[j] = 0;
        this.wallet[j] = 1;
        this.tenure[j] = 0;
      }
      row.referrals = referrals;
      row.newCustomers = count;
      row.acquisitionCost = spend + p.onboardingCostPerNewCustomer * count;
    }

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
    return copyRow(overall);
  }

  /** Run the remaining quarters up to the horizon of the options. */
  runToHorizon(): RunResult {
    while (this.q < this.options.quarters) this.step();
    return this.result();
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
