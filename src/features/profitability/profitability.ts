// Customer profitability of one lab run: customers ranked by lifetime value, the customer pyramid (tiers)
// and the whale curve, and what the island needs to offer a cheaper level. Pure functions over per-customer
// values; no engine call (run.ts does that, in the worker), no DOM, no strings (the island words them).
import { LEVELS, type LevelId } from '@sim/market';
import type { CustomerValues } from '@sim/customerValue';

/** The tiers of Zeithaml, Rust & Lemon's customer pyramid, top first. */
export const TIERS = ['platinum', 'gold', 'iron', 'lead'] as const;
export type TierId = (typeof TIERS)[number];

/**
 * The tier rule, stated in the island: platinum = the most valuable 10 % of customers, gold = the next 20 %,
 * iron = every other customer worth at least 0, lead = every customer worth less than 0 (they cost more
 * than they bring), wherever they rank.
 */
export const PLATINUM_SHARE = 0.1;
export const GOLD_SHARE = 0.2;

/** "Left early": within this many quarters of arriving (the island's note on who the lead tier is). */
export const EARLY_QUARTERS = 4;

/** Points of the whale curve drawn and tabled: every 2 % of customers. */
export const WHALE_STEPS = 50;

/** Indexes of `values` from the most to the least valuable (ties keep their order). */
export function rankOrder(values: ArrayLike<number>): Uint32Array {
  const order = Uint32Array.from({ length: values.length }, (_, i) => i);
  return order.sort((a, b) => values[b]! - values[a]! || a - b);
}

/** How many customers the top two tiers hold at most (by rank), for n customers. */
export function tierCuts(n: number): { platinum: number; gold: number } {
  const platinum = Math.round(n * PLATINUM_SHARE);
  return { platinum, gold: Math.round(n * (PLATINUM_SHARE + GOLD_SHARE)) - platinum };
}

/** The tier of the customer at `rank` (0 = most valuable) among n, worth `value`. */
export function tierOf(rank: number, n: number, value: number): TierId {
  if (value < 0) return 'lead';
  const cuts = tierCuts(n);
  if (rank < cuts.platinum) return 'platinum';
  if (rank < cuts.platinum + cuts.gold) return 'gold';
  return 'iron';
}

export interface TierRow {
  id: TierId;
  count: number;
  /** Σ of the tier's customers' values. */
  value: number;
  /** Customers of the tier per segment (index = segment). */
  bySegment: number[];
}

/** The pyramid: each tier's customers, value and segments. `segment[i]` is customer i's segment index. */
export function pyramid(values: ArrayLike<number>, segment: ArrayLike<number>, segments: number, order = rankOrder(values)): TierRow[] {
  const rows = TIERS.map((id) => ({ id, count: 0, value: 0, bySegment: new Array<number>(segments).fill(0) }));
  const n = order.length;
  for (let rank = 0; rank < n; rank++) {
    const i = order[rank]!;
    const row = rows[TIERS.indexOf(tierOf(rank, n, values[i]!))]!;
    row.count++;
    row.value += values[i]!;
    row.bySegment[segment[i]!]!++;
  }
  return rows;
}

/** Cumulative value after the first k customers in rank order, k = 0..n (entry 0 is 0). */
export function cumulativeValue(values: ArrayLike<number>, order = rankOrder(values)): Float64Array {
  const cum = new Float64Array(order.length + 1);
  for (let k = 0; k < order.length; k++) cum[k + 1] = cum[k]! + values[order[k]!]!;
  return cum;
}

export interface WhaleCurve {
  /** Share of customers counted, 0..1, every 1/WHALE_STEPS. */
  x: number[];
  /** Cumulative value of those customers as a share of the total (1 = 100 %). */
  y: number[];
  /** The highest point: customers counted there, their share, and the cumulative share of value (≥ 1). */
  peakCustomers: number;
  peakX: number;
  peakY: number;
}

/**
 * The whale curve of ranked values (Kaplan & Narayanan): cumulative value as a share of the total against the
 * share of customers counted from the most valuable. Null when the total is not positive (no share of it means anything).
 */
export function whaleCurve(cum: Float64Array, steps = WHALE_STEPS): WhaleCurve | null {
  const n = cum.length - 1;
  const total = cum[n]!;
  if (n === 0 || !(total > 0)) return null;
  let peakCustomers = 0;
  for (let k = 1; k <= n; k++) if (cum[k]! > cum[peakCustomers]!) peakCustomers = k;
  const x: number[] = [];
  const y: number[] = [];
  for (let p = 0; p <= steps; p++) {
    x.push(p / steps);
    y.push(cum[Math.round((p / steps) * n)]! / total);
  }
  return { x, y, peakCustomers, peakX: peakCustomers / n, peakY: cum[peakCustomers]! / total };
}

/** A change of the lab's strategy: one segment served at one level preset. */
export interface LevelChange {
  segment: string;
  level: LevelId;
}

export interface AnalysisRequest {
  marketId: string;
  seed: number;
  quarters: number;
  change: LevelChange | null;
}

/** Everything the island shows of one run (plain data: it crosses from the worker). */
export interface Analysis {
  request: AnalysisRequest;
  segments: string[];
  /** Each segment's level preset in this run ('custom' if its spends match none). */
  levels: (LevelId | 'custom')[];
  /** Customers ranked (served at least one quarter). */
  customers: number;
  /** Σ of their values. */
  total: number;
  /** Acquisition cost no ranked customer carries (see CustomerValues.unattributed). */
  unattributed: number;
  /** The run's customer equity at the horizon (= total − unattributed, to rounding). */
  equity: number;
  tiers: TierRow[];
  /** Lead customers who left within EARLY_QUARTERS quarters of arriving. */
  leadLeftEarly: number;
  whale: WhaleCurve | null;
}

/** Summarises customer values and the run's equity into what the island shows. */
export function analyse(
  request: AnalysisRequest,
  values: Pick<CustomerValues, 'segments' | 'segment' | 'value' | 'unattributed' | 'arrival' | 'left'>,
  equity: number,
  levels: (LevelId | 'custom')[],
): Analysis {
  const order = rankOrder(values.value);
  const cum = cumulativeValue(values.value, order);
  return {
    request,
    segments: [...values.segments],
    levels,
    customers: order.length,
    total: cum[order.length]!,
    unattributed: values.unattributed.reduce((a, b) => a + b, 0),
    equity,
    tiers: pyramid(values.value, values.segment, values.segments.length, order),
    leadLeftEarly: leftEarly(values),
    whale: whaleCurve(cum),
  };
}

/** Customers worth less than 0 who left within EARLY_QUARTERS quarters of arriving. */
export function leftEarly(values: Pick<CustomerValues, 'value' | 'arrival' | 'left'>): number {
  let n = 0;
  for (let i = 0; i < values.value.length; i++) {
    const left = values.left[i]!;
    if (values.value[i]! < 0 && left >= 0 && left - values.arrival[i]! <= EARLY_QUARTERS) n++;
  }
  return n;
}

/** The levels cheaper than `level`, nearest first (none below basic; a custom spend gets none). */
export function cheaperLevels(level: LevelId | 'custom'): LevelId[] {
  if (level === 'custom') return [];
  return LEVELS.slice(0, LEVELS.indexOf(level)).reverse();
}

/** The segment to offer first: the one with the most lead customers among those that have a cheaper level. */
export function suggestedSegment(a: Analysis): number {
  const lead = a.tiers[TIERS.indexOf('lead')]!.bySegment;
  let best = -1;
  a.segments.forEach((_, s) => {
    if (cheaperLevels(a.levels[s]!).length === 0) return;
    if (best < 0 || lead[s]! > lead[best]!) best = s;
  });
  return best;
}

/** Whether equity went up, down, or stayed (within a billionth of its size). */
export function direction(before: number, after: number): 'up' | 'down' | 'unchanged' {
  const d = after - before;
  if (Math.abs(d) <= 1e-9 * Math.max(Math.abs(before), Math.abs(after), 1)) return 'unchanged';
  return d > 0 ? 'up' : 'down';
}
