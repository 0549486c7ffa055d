// The recorders of an observed run (traced customers, census, valuation) and simulateObserved(). Kept
// out of engine.ts, which calls them only through its small RunObserver interface, so that a page that
// only simulates bundles none of this. They read the model's state and never change a number of the run.
import {
  LAYOUT,
  MarketModel,
  customerStep,
  hazardsOf,
  type PassConstants,
  type RunObserver,
  type RunOptions,
  type RunResult,
} from './engine.ts';
import { runEvents, type RunEvent } from './events.ts';
import { MAX_CENSUS_ENTRIES } from './limits.ts';
import type { Market } from './market.ts';
import {
  CENSUS_ARRIVED,
  CENSUS_BONDED,
  CENSUS_SPURIOUS,
  LOSS_REASONS,
  MAX_TRACED,
  type Census,
  type CustomerTrace,
  type Observe,
  type TraceStep,
  type Valuation,
} from './observe.ts';
import { fmix32 } from './random.ts';
import type { Strategy } from './strategy.ts';

/**
 * The observer that records what `observe` asks for, to pass as MarketModel's fourth argument (for runs
 * stepped round by round; simulateObserved does it for a whole run). One observer per model.
 * Throws a RangeError for more than MAX_TRACED keys, a key traced twice or a key that is not a 32-bit
 * whole number.
 */
export function runObserver(observe: Observe): RunObserver {
  const keys = observe.trace ?? [];
  if (keys.length > MAX_TRACED) throw new RangeError(`a run traces at most ${MAX_TRACED} customers`);
  if (new Set(keys).size !== keys.length) throw new RangeError('a key is traced twice');
  for (const k of keys)
    if (!Number.isInteger(k) || k < 0 || k > 0xffffffff) throw new RangeError('a traced key must be a whole number from 0 to 4294967295');
  return new Recorders(keys, observe.census === true, observe.valuation === true);
}

/** A run with what it was asked to record: the same RunResult as simulate(), plus the records and the run's events. */
export interface ObservedRun {
  run: RunResult;
  /** One per key of `observe.trace`, in that order. */
  traces: CustomerTrace[];
  census: Census | null;
  valuation: Valuation | null;
  /** What happened when (seeded rival promotions and scheduled events), clipped to the horizon. */
  events: RunEvent[];
}

/** simulate() with opt-in records; the run's numbers are those of simulate() to the bit. */
export function simulateObserved(market: Market, strategy: Strategy, options: RunOptions, observe: Observe): ObservedRun {
  const model = new MarketModel(market, strategy, options, runObserver(observe));
  const run = model.runToHorizon();
  return {
    run,
    traces: model.traced(),
    census: model.censusSoFar(),
    valuation: model.valuation(),
    events: runEvents(market, options.seed, options.quarters),
  };
}

/** The three recorders behind one RunObserver; each is present only when asked for. */
class Recorders implements RunObserver {
  private readonly traces: TraceRecorder | null;
  private census_: CensusRecorder | null = null;
  private valuation_: ValuationRecorder | null = null;

  constructor(
    keys: readonly number[],
    private readonly wantCensus: boolean,
    private readonly wantValuation: boolean,
  ) {
    this.traces = keys.length > 0 ? new TraceRecorder(keys) : null;
  }

  reset(model: MarketModel): void {
    this.traces?.reset(model);
    this.valuation_ = this.wantValuation ? new ValuationRecorder(model) : null;
    this.census_ = this.wantCensus ? new CensusRecorder(model) : null;
  }

  tracedSlots(): readonly number[] {
    return this.traces ? this.traces.slots() : [];
  }

  traceStep(model: MarketModel, c: PassConstants, s: number, j: number, write: number, t: number): number {
    return this.traces!.step(model, c, s, j, write, t);
  }

  departed(s: number, from: number, to: number): void {
    this.census_?.departed(s, from, to);
  }

  passDone(model: MarketModel, c: PassConstants, df: number): void {
    this.valuation_?.record(model, c, df);
  }

  quarterDone(model: MarketModel, arrivedFrom: number, t: number): void {
    this.traces?.arrived(model, arrivedFrom, t);
    this.census_?.record(model, arrivedFrom, true);
  }

  traced(): CustomerTrace[] {
    return this.traces ? this.traces.copy() : [];
  }

  census(quarters: number): Census | null {
    return this.census_ ? this.census_.view(quarters) : null;
  }

  valuation(): Valuation | null {
    return this.valuation_ ? this.valuation_.copy() : null;
  }
}

/** Calls f(segment, from, to) for each run of the model's customers that overlaps slots from..n−1. */
function runsFrom(model: MarketModel, from: number, f: (s: number, a: number, b: number) => void): void {
  let j = 0;
  for (let r = 0; r < model.nRuns; r++) {
    const end = j + model.runLen[r]!;
    if (end > from) f(model.runSeg[r]!, Math.max(j, from), end);
    j = end;
  }
}

/** Traced customers: found among each quarter's arrivals by key, then stepped and explained quarter by quarter. */
class TraceRecorder {
  private readonly keys: Uint32Array;
  /** Slot of each traced customer present now, −1 if absent (not arrived yet, or left). */
  private readonly pos: Int32Array;
  private readonly found: Uint8Array;
  private traces: CustomerTrace[] = [];
  /** Scratch for the three hazards (explainStep's, then customerStep's). */
  private readonly hz = new Float64Array(3);

  constructor(keys: readonly number[]) {
    this.keys = Uint32Array.from(keys);
    this.pos = new Int32Array(keys.length);
    this.found = new Uint8Array(keys.length);
  }

  reset(model: MarketModel): void {
    this.pos.fill(-1);
    this.found.fill(0);
    this.traces = Array.from(this.keys, (key) => ({
      key,
      segment: null,
      arrivalQuarter: null,
      arrival: null,
      steps: [],
      leftQuarter: null,
      reason: null,
    }));
    this.arrived(model, 0, 0);
  }

  /** Traced keys among the customers in slots from..n−1, who arrived in `quarter`. */
  arrived(model: MarketModel, from: number, quarter: number): void {
    runsFrom(model, from, (s, a, b) => {
      for (let i = 0; i < this.keys.length; i++) {
        if (this.found[i]) continue;
        const k = this.keys[i]!;
        for (let j = a; j < b; j++) {
          if (model.key[j] !== k) continue;
          // Two customers may share a 32-bit key (they would share their luck too): a trace follows the first.
          this.found[i] = 1;
          this.pos[i] = j;
          const tr = this.traces[i]!;
          tr.segment = model.market.segments[s]!.id;
          tr.arrivalQuarter = quarter;
          tr.arrival = { expectation: model.exp[j]!, satisfaction: model.sat[j]!, tenure: model.tenure[j]! };
          break;
        }
      }
    });
  }

  slots(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.pos.length; i++) if (this.pos[i]! >= 0) out.push(this.pos[i]!);
    return out.sort((a, b) => a - b);
  }

  /**
   * The quarter of the traced customer in slot j: explained from their state before the step, then
   * stepped by the engine's customerStep. The explanation must end where the engine did (same state
   * kept, or the same departure): anything else means this copy no longer follows customerStep, and
   * a trace that tells another story than the run would mislead, so it throws.
   */
  step(model: MarketModel, c: PassConstants, s: number, j: number, write: number, t: number): number {
    const i = this.pos.indexOf(j);
    const step = explainStep(model, c, s, j, t, this.hz);
    const dep = model.nDep;
    const next = customerStep(model, model.work, model.sums, c, s, j, write, this.hz);
    const k = this.keys[i]!;
    const same =
      step.left === null
        ? next === write + 1 &&
          model.key[write] === k &&
          model.sat[write] === step.satisfaction &&
          model.exp[write] === step.expectationNext &&
          model.bond[write] === step.bond &&
          model.wallet[write] === step.wallet &&
          model.tenure[write] === step.tenure
        : next === write && model.nDep === dep + 1 && model.dep[dep] === k * 4 + LOSS_REASONS.indexOf(step.left);
    if (!same)
      throw new Error(`the trace of customer ${k} in quarter ${t} differs from the engine's step (observer.ts must follow customerStep)`);
    const tr = this.traces[i]!;
    tr.steps.push(step);
    if (step.left) {
      tr.leftQuarter = t;
      tr.reason = step.left;
    }
    this.pos[i] = step.left ? -1 : write;
    return next;
  }

  copy(): CustomerTrace[] {
    return JSON.parse(JSON.stringify(this.traces)) as CustomerTrace[];
  }
}

// A module-local binding of the hash finaliser, as in engine.ts.
const fmix = fmix32;

/**
 * customerStep's arithmetic written out for one customer with every intermediate value (the same
 * expressions in the same order, so the same bits), from the state in slot j before the step.
 */
function explainStep(model: MarketModel, c: PassConstants, s: number, j: number, t: number, hz: Float64Array): TraceStep {
  const { TWO_M16, TWO_M32 } = LAYOUT;
  const w = model.work;
  const mech = model.market.mechanisms;
  const k = model.key[j]!;
  let S = model.sat[j]!;
  const E0 = model.exp[j]!;
  let E = E0;
  let B = model.bond[j]!;
  let W = model.wallet[j]!;
  const kt = fmix(k ^ c.tMix);
  let perception: TraceStep['perception'] = null;
  if (c.dyn) {
    const hn = fmix(kt ^ c.noiseMix);
    const noise = ((hn >>> 16) + (hn & 0xffff)) * TWO_M16 - 1;
    const delivered = w.coreQuality[s]! + w.attention[s]!;
    let P = delivered + w.noise[s]! * noise;
    const incident = fmix(kt ^ c.incidentMix) * TWO_M32 < w.incidentProb[s]!;
    if (incident) P -= w.severity[s]! * (1 - w.recovery[s]!);
    const D = P - E;
    const neg = (D - Math.abs(D)) * 0.5;
    const d = D - neg + c.lossAv * neg;
    S = Math.min(5, Math.max(1, S + (1 - c.inertia) * (4 + c.slope * d - S)));
    const anchor = c.wExp * P + c.wNorm * w.expectationNorm[s]! + c.promiseTerm;
    E = Math.min(5, Math.max(1, E + c.adapt * (anchor - E) + w.calibration[s]! * (delivered - E)));
    const g = w.bondGrowth[s]!;
    B = g > 0 ? B + g * (c.bondCap - B) : B * c.bondDecay;
    W += c.walletAdj * ((S >= c.disBelow ? w.walletTarget[s]! : 1) - W);
    perception = {
      delivered,
      attention: w.attention[s]!,
      noise: w.noise[s]! * noise,
      incident,
      incidentHit: incident ? w.severity[s]! : 0,
      recovered: incident ? w.severity[s]! * w.recovery[s]! : 0,
      performance: P,
      disconfirmation: D,
      weightedDisconfirmation: d,
    };
  }
  const heldBy = 1 - (1 - B) * (1 - w.financialBond[s]!);
  hazardsOf(w, c, s, S, heldBy, hz);
  const hCust = hz[0]!;
  const hComp = hz[1]!;
  const hCo = hz[2]!;
  const u = fmix(kt ^ c.churnMix) * TWO_M32;
  const leaves = u < hCust + hComp + hCo;
  const left = !leaves ? null : u < hCust ? 'customer' : u < hCust + hComp ? 'competitor' : 'company';
  let tenure = model.tenure[j]!;
  let revenue = 0;
  let margin = 0;
  if (!leaves) {
    // Survivors pay the quarter's margin; churners pay nothing that quarter.
    tenure += 1;
    const cap = w.revenueCap[s]!;
    revenue = w.revenueBase[s]! * (1 + w.revenueGrowth[s]! * (tenure < cap ? tenure : cap)) * W;
    margin = revenue * w.marginPerRevenue[s]! * (1 - w.loyaltyDiscount[s]!) - w.qualityCost[s]! * W;
  }
  const dissatisfied = S < c.disBelow;
  return {
    quarter: t,
    expectation: E0,
    perception,
    satisfaction: S,
    state: S >= mech.delightedFrom ? 'delighted' : S < mech.dissatisfiedBelow ? 'dissatisfied' : 'satisfied',
    expectationNext: E,
    bond: B,
    financialBond: w.financialBond[s]!,
    heldBy,
    bonded: heldBy >= mech.spuriousBondThreshold,
    // Spurious loyalty is staying while dissatisfied: someone who leaves this quarter is not.
    spurious: dissatisfied && (w.lowIntensity[s] === 1 || heldBy >= c.spurBond) && left === null,
    wallet: W,
    hazards: { customer: hCust, competitor: hComp, company: hCo },
    churnDraw: u,
    left,
    tenure,
    revenue,
    margin,
  };
}

/**
 * Per segment and quarter, Σ over the customers kept through the quarter of r/(1 + i − r): the
 * hazards of customerRun (hazardsOf written out with the segment's values as locals; a test requires
 * these sums to equal those rebuilt from traced customers' hazards to the bit).
 */
class ValuationRecorder {
  private readonly v: Valuation;

  constructor(model: MarketModel) {
    const segs = model.market.segments;
    this.v = {
      segments: segs.map((s) => s.id),
      discountFactor: [],
      multipleSum: Object.fromEntries(segs.map((s) => [s.id, [] as number[]])),
    };
  }

  /** After the pass: slots 0..n−1 hold this quarter's survivors, before arrivals. */
  record(model: MarketModel, c: PassConstants, df: number): void {
    const { COMP_SIZE, COMP_STEPS, MAX_RETENTION_FOR_CLV, TABLE_SIZE, TABLE_STEPS } = LAYOUT;
    const segs = model.market.segments;
    const sumsM = new Float64Array(segs.length);
    const w = model.work;
    const bond = model.bond;
    const sat = model.sat;
    const onePlusI = c.onePlusI;
    const switchCost = c.switchCost;
    const brandPoints = c.brandPoints;
    const compTable = w.compTable;
    const companyTable = w.companyTable;
    let j = 0;
    for (let r = 0; r < model.nRuns; r++) {
      const s = model.runSeg[r]!;
      const end = j + model.runLen[r]!;
      const notFin = 1 - w.financialBond[s]!;
      const notVoice = 1 - w.voiceFollowUp[s]!;
      const hCust = w.naturalChurn[s]!;
      const cBase = s * COMP_SIZE;
      const tBase = s * TABLE_SIZE;
      let sum = sumsM[s]!;
      for (; j < end; j++) {
        const S = sat[j]!;
        const heldBy = 1 - (1 - bond[j]!) * notFin;
        const x = (S - 1) * (TABLE_STEPS / 4);
        const xi = x | 0;
        const ti = tBase + (xi >= TABLE_STEPS ? TABLE_STEPS - 1 : xi);
        const tf = xi >= TABLE_STEPS ? 1 : x - xi;
        let y = (S - 1 + switchCost * heldBy + brandPoints) * (COMP_STEPS / 8);
        if (y > COMP_STEPS) y = COMP_STEPS;
        else if (y < 0) y = 0;
        const yi = y | 0;
        const ci = cBase + (yi >= COMP_STEPS ? COMP_STEPS - 1 : yi);
        const cf = yi >= COMP_STEPS ? 1 : y - yi;
        const c0 = compTable[ci]!;
        const hComp = c0 + cf * (compTable[ci + 1]! - c0);
        const d0 = companyTable[ti]!;
        const hCo = (d0 + tf * (companyTable[ti + 1]! - d0)) * (1 - heldBy) * notVoice;
        let ret = 1 - (hCust + hComp + hCo);
        if (ret > MAX_RETENTION_FOR_CLV) ret = MAX_RETENTION_FOR_CLV;
        sum += ret / (onePlusI - ret);
      }
      sumsM[s] = sum;
    }
    this.v.discountFactor.push(df);
    segs.forEach((p, s) => this.v.multipleSum[p.id]!.push(sumsM[s]!));
  }

  copy(): Valuation {
    return JSON.parse(JSON.stringify(this.v)) as Valuation;
  }
}

/** Growing flat arrays of a census (observe.ts), appended quarter by quarter from quarter 0. */
class CensusRecorder {
  private readonly segments: readonly string[];
  private n = 0;
  private key: Uint32Array;
  private segment: Uint8Array;
  private flags: Uint8Array;
  private start: number[] = [0];
  /** The segment of each entry of the model's departure buffer this quarter (departed()). */
  private depSeg = new Uint8Array(256);
  private nDep = 0;
  private departKey = new Uint32Array(256);
  private departSegment = new Uint8Array(256);
  private departReason = new Uint8Array(256);
  private departStart: number[] = [0, 0];
  private incident: number[] = [];
  private recovery: number[] = [];

  /** Quarter 0's customers are in place: sized for the horizon, then quarter 0 recorded. */
  constructor(model: MarketModel) {
    const segs = model.market.segments;
    this.segments = segs.map((s) => s.id);
    // Room for the horizon at a quarter more customers than now, so the arrays seldom grow.
    const estimate = (model.horizon + 1) * model.n;
    if (estimate > MAX_CENSUS_ENTRIES)
      throw new RangeError(
        `a census records at most ${MAX_CENSUS_ENTRIES} customer-quarters; this run would record about ${estimate} (fewer quarters or customers)`,
      );
    const capacity = Math.min(MAX_CENSUS_ENTRIES, Math.ceil(estimate * 1.25) + 1024);
    this.key = new Uint32Array(capacity);
    this.segment = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    for (let s = 0; s < segs.length; s++) {
      this.incident.push(0);
      this.recovery.push(0);
    }
    this.record(model, model.n, false);
  }

  departed(s: number, from: number, to: number): void {
    if (to > this.depSeg.length) this.depSeg = grown(this.depSeg, new Uint8Array(Math.max(to, this.depSeg.length * 2)), from);
    this.depSeg.fill(s, from, to);
  }

  /**
   * The customers present now (slots 0..n−1; slots from `arrivedFrom` arrived this quarter) and, after
   * a step, this quarter's departures. State and bond flags use the engine's thresholds and the
   * segment's current financial bond, the same expressions as the pass (tests compare the counts with
   * the rows). Quarter 0 (before any step) takes the segments' financial bonds from the market.
   */
  record(model: MarketModel, arrivedFrom: number, stepped: boolean): void {
    const total = model.n;
    if (this.n + total > MAX_CENSUS_ENTRIES)
      throw new RangeError(`a census records at most ${MAX_CENSUS_ENTRIES} customer-quarters; this run's customer base grew past it`);
    this.reserve(this.n + total);
    const mech = model.market.mechanisms;
    const w = model.work;
    const segs = model.market.segments;
    const notFin = segs.map((p, s) => 1 - (stepped ? w.financialBond[s]! : p.financialBond));
    const low = segs.map((p, s) => (stepped ? w.lowIntensity[s] === 1 : p.competitiveIntensity < mech.spuriousIntensityBelow));
    const base = this.n;
    const sat = model.sat;
    const bond = model.bond;
    const flags = this.flags;
    const delFrom = mech.delightedFrom;
    const disBelow = mech.dissatisfiedBelow;
    const spurBond = mech.spuriousBondThreshold;
    this.key.set(model.key.subarray(0, total), base);
    let j = 0;
    for (let r = 0; r < model.nRuns; r++) {
      const s = model.runSeg[r]!;
      const end = j + model.runLen[r]!;
      this.segment.fill(s, base + j, base + end);
      const nf = notFin[s]!;
      const lowS = low[s]!;
      for (; j < end; j++) {
        const S = sat[j]!;
        const heldBy = 1 - (1 - bond[j]!) * nf;
        // 2 delighted, 0 dissatisfied, 1 satisfied (delighted wins if thresholds overlap, as in the pass).
        const state = S >= delFrom ? 2 : S >= disBelow ? 1 : 0;
        let f = state;
        if (heldBy >= spurBond) f |= CENSUS_BONDED;
        if (j >= arrivedFrom) f |= CENSUS_ARRIVED;
        else if (state === 0 && (lowS || heldBy >= spurBond)) f |= CENSUS_SPURIOUS;
        flags[base + j] = f;
      }
    }
    this.n += total;
    this.start.push(this.n);
    if (!stepped) return;
    for (let s = 0; s < segs.length; s++) {
      this.incident.push(w.incidentProb[s]!);
      this.recovery.push(w.recovery[s]!);
    }
    const d = model.nDep;
    if (this.nDep + d > this.departKey.length) {
      const size = Math.max(this.nDep + d, this.departKey.length * 2);
      this.departKey = grown(this.departKey, new Uint32Array(size), this.nDep);
      this.departSegment = grown(this.departSegment, new Uint8Array(size), this.nDep);
      this.departReason = grown(this.departReason, new Uint8Array(size), this.nDep);
    }
    this.departSegment.set(this.depSeg.subarray(0, d), this.nDep);
    for (let i = 0; i < d; i++) {
      const code = model.dep[i]!;
      const reason = code % 4;
      this.departKey[this.nDep + i] = (code - reason) / 4;
      this.departReason[this.nDep + i] = reason;
    }
    this.nDep += d;
    this.departStart.push(this.nDep);
  }

  private reserve(size: number): void {
    if (size <= this.key.length) return;
    const next = Math.max(size, this.key.length * 2);
    this.key = grown(this.key, new Uint32Array(next), this.n);
    this.segment = grown(this.segment, new Uint8Array(next), this.n);
    this.flags = grown(this.flags, new Uint8Array(next), this.n);
  }

  /** Views of quarters 0..quarters (entries recorded are never written again, so views stay valid). */
  view(quarters: number): Census {
    return {
      segments: this.segments,
      quarters,
      start: Uint32Array.from(this.start),
      key: this.key.subarray(0, this.n),
      segment: this.segment.subarray(0, this.n),
      flags: this.flags.subarray(0, this.n),
      departStart: Uint32Array.from(this.departStart),
      departKey: this.departKey.subarray(0, this.nDep),
      departSegment: this.departSegment.subarray(0, this.nDep),
      departReason: this.departReason.subarray(0, this.nDep),
      incidentProbability: Float64Array.from(this.incident),
      recovery: Float64Array.from(this.recovery),
    };
  }
}

function grown<T extends Uint32Array | Uint8Array>(from: T, to: T, used: number): T {
  to.set(from.subarray(0, used) as never);
  return to;
}
