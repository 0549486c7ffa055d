// What a run can record on request for the lab's views: traced customers' quarters, the census of every
// customer by quarter, and the valuation the equity waterfall needs. Types, layouts and pure readers only:
// the engine fills them (engine.ts). None of it is part of RunResult, so result files and goldens never see it.

export type SatisfactionState = 'dissatisfied' | 'satisfied' | 'delighted';
/** The three satisfaction states in the order of their census codes (0, 1, 2). */
export const SATISFACTION_STATES: readonly SatisfactionState[] = ['dissatisfied', 'satisfied', 'delighted'];
export type LossReason = 'company' | 'competitor' | 'customer';
/** The three reasons for leaving in the order of their census codes (0, 1, 2). */
export const LOSS_REASONS: readonly LossReason[] = ['company', 'competitor', 'customer'];

/** The most customers one run traces (a story shows one or two; the cap keeps a run's cost flat). */
export const MAX_TRACED = 16;

/** What to record besides the run's rows. Everything is off by default and costs nothing when off. */
export interface Observe {
  /** Customer keys to follow quarter by quarter (at most MAX_TRACED; the census lists keys). */
  trace?: readonly number[];
  /** Every present customer's segment, state and bond flags per quarter, arrivals and departures. */
  census?: boolean;
  /** Per segment and quarter, the sum of the survivors' margin multiples (for equityWaterfall). */
  valuation?: boolean;
}

/** How a traced customer saw the quarter (absent when the market's satisfaction dynamics are off). */
export interface TracePerception {
  /** Core quality + accumulated improvements + attention (scale points). */
  delivered: number;
  /** The part of `delivered` that is proactive and partnership attention. */
  attention: number;
  /** Points added by this quarter's noise draw (may be negative). */
  noise: number;
  /** An incident hit the customer this quarter. */
  incident: boolean;
  /** Points an incident takes before recovery (the segment's severity), 0 without an incident. */
  incidentHit: number;
  /** Points of that hit won back by service recovery (reactive), 0 without an incident. */
  recovered: number;
  /** Perceived performance P = delivered + noise − (incidentHit − recovered). */
  performance: number;
  /** Disconfirmation D = P − expectation. */
  disconfirmation: number;
  /** D after loss aversion (a shortfall counts `lossAversion` times). */
  weightedDisconfirmation: number;
}

/** One quarter of a traced customer, in the order the engine computes it. */
export interface TraceStep {
  quarter: number;
  /** Expectation held at the start of the quarter (what P is compared with). */
  expectation: number;
  perception: TracePerception | null;
  /** Satisfaction 1..5 at the end of the quarter, and its state. */
  satisfaction: number;
  state: SatisfactionState;
  /** Expectation carried into the next quarter. */
  expectationNext: number;
  /** Structural bond (partnership) 0..1, the segment's financial bond, and both combined. */
  bond: number;
  financialBond: number;
  heldBy: number;
  /** Held by bonds at or above the spurious-loyalty threshold. */
  bonded: boolean;
  /** Dissatisfied but kept: by bonds, or in a market with hardly any alternatives. */
  spurious: boolean;
  /** Share of wallet (1 = the base share). */
  wallet: number;
  /** Probabilities of leaving this quarter by reason; the churn draw is compared with their sum. */
  hazards: { customer: number; competitor: number; company: number };
  churnDraw: number;
  /** Why the customer left this quarter, or null if they stayed. */
  left: LossReason | null;
  /** Quarters with the firm at the end of the quarter (survivors count this quarter). */
  tenure: number;
  /** Revenue and margin of the quarter (0 in the quarter they leave: churners pay nothing). */
  revenue: number;
  margin: number;
}

/** A traced customer's whole story in one run. Same key under another strategy: same person, same luck. */
export interface CustomerTrace {
  key: number;
  /** Segment id, or null if no customer with this key arrived in the run. */
  segment: string | null;
  /** 0 = the initial base; null if the customer never arrived (another strategy may win them). */
  arrivalQuarter: number | null;
  /** State on arrival. */
  arrival: { expectation: number; satisfaction: number; tenure: number } | null;
  steps: TraceStep[];
  leftQuarter: number | null;
  reason: LossReason | null;
}

/** Bits of a census flag byte: state code (2 bits), then four yes/no flags. */
export const CENSUS_STATE_MASK = 0b11;
export const CENSUS_BONDED = 1 << 2;
export const CENSUS_SPURIOUS = 1 << 3;
export const CENSUS_ARRIVED = 1 << 4;

/**
 * Every customer present at the end of each quarter (quarter 0 = the initial base), in the engine's
 * stable order (older customers first; this quarter's arrivals last). Flat typed arrays: quarter q's
 * customers are entries start[q] .. start[q + 1] − 1. About 6 bytes per customer-quarter.
 */
export interface Census {
  /** Segment ids; `segment` entries index this list. */
  segments: readonly string[];
  /** The last quarter recorded (quarters 0..quarters). */
  quarters: number;
  start: Uint32Array;
  key: Uint32Array;
  segment: Uint8Array;
  /** State code | CENSUS_BONDED | CENSUS_SPURIOUS | CENSUS_ARRIVED. */
  flags: Uint8Array;
  /** Departures of quarter q are entries departStart[q] .. departStart[q + 1] − 1 (none in quarter 0). */
  departStart: Uint32Array;
  departKey: Uint32Array;
  departSegment: Uint8Array;
  /** Index into LOSS_REASONS. */
  departReason: Uint8Array;
  /** Per quarter and segment (index q·segments + s; quarter 0 is 0): incident probability and recovery share. */
  incidentProbability: Float64Array;
  recovery: Float64Array;
}

/** Quarter q of a census as views (no copy). */
export interface CensusQuarter {
  quarter: number;
  key: Uint32Array;
  segment: Uint8Array;
  flags: Uint8Array;
  /** This quarter's arrivals are the last `arrivals` entries. */
  arrivals: number;
  departures: { key: Uint32Array; segment: Uint8Array; reason: Uint8Array };
}

export function censusQuarter(c: Census, q: number): CensusQuarter {
  if (!Number.isInteger(q) || q < 0 || q > c.quarters) throw new RangeError(`quarter must be an integer from 0 to ${c.quarters}`);
  const a = c.start[q]!;
  const b = c.start[q + 1]!;
  const flags = c.flags.subarray(a, b);
  let arrivals = 0;
  for (let j = flags.length - 1; j >= 0 && (flags[j]! & CENSUS_ARRIVED) !== 0; j--) arrivals++;
  const da = c.departStart[q]!;
  const db = c.departStart[q + 1]!;
  return {
    quarter: q,
    key: c.key.subarray(a, b),
    segment: c.segment.subarray(a, b),
    flags,
    arrivals,
    departures: { key: c.departKey.subarray(da, db), segment: c.departSegment.subarray(da, db), reason: c.departReason.subarray(da, db) },
  };
}

/** Counts of one segment in one quarter: what the market view's text alternative says. */
export interface CensusCounts {
  customers: number;
  /** Customers kept through the quarter (present and not arrived in it), by state. */
  byState: Record<SatisfactionState, number>;
  bonded: number;
  spurious: number;
  arrivals: number;
  departures: Record<LossReason, number>;
}

/** Per segment id, the counts of quarter q. */
export function censusCounts(c: Census, q: number): Record<string, CensusCounts> {
  const v = censusQuarter(c, q);
  // Counted into one flat array (a slot per count and segment), read into objects once at the end: the market view
  // asks for this at every new run, over every customer of the quarter.
  const W = 10; // customers, three states, bonded, spurious, arrivals, three loss reasons
  const n = new Int32Array(c.segments.length * W);
  for (let j = 0; j < v.key.length; j++) {
    const o = v.segment[j]! * W;
    const f = v.flags[j]!;
    n[o]!++;
    if (f & CENSUS_ARRIVED) n[o + 6]!++;
    else n[o + 1 + (f & CENSUS_STATE_MASK)]!++;
    if (f & CENSUS_BONDED) n[o + 4]!++;
    if (f & CENSUS_SPURIOUS) n[o + 5]!++;
  }
  for (let j = 0; j < v.departures.key.length; j++) n[v.departures.segment[j]! * W + 7 + v.departures.reason[j]!]!++;
  const out: Record<string, CensusCounts> = {};
  c.segments.forEach((id, s) => {
    const o = s * W;
    out[id] = {
      customers: n[o]!,
      byState: { dissatisfied: n[o + 1]!, satisfied: n[o + 2]!, delighted: n[o + 3]! },
      bonded: n[o + 4]!,
      spurious: n[o + 5]!,
      arrivals: n[o + 6]!,
      departures: { company: n[o + 7]!, competitor: n[o + 8]!, customer: n[o + 9]! },
    };
  });
  return out;
}

/** The state code of a census flag byte as a state id. */
export function censusState(flags: number): SatisfactionState {
  return SATISFACTION_STATES[flags & CENSUS_STATE_MASK]!;
}

/**
 * Per segment and quarter, what the equity waterfall needs beyond the rows: the sum over the
 * customers kept through the quarter of their margin multiple r/(1 + i − r) (r = their retention
 * probability, capped as in the CLV), and the quarter's discount factor (1 + i)^−t.
 */
export interface Valuation {
  segments: readonly string[];
  /** Index t − 1. */
  discountFactor: number[];
  /** Segment id → per quarter (index t − 1). */
  multipleSum: Record<string, number[]>;
}
