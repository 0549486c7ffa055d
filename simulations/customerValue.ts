// Each customer's value in one run: discounted profit over the horizon plus the engine's own value of
// their expected future at the horizon, recorded through the engine's RunObserver. Pure and seeded; it
// reads the model's state after each quarter's pass and never changes a number of the run.
import { LAYOUT, MarketModel, hazardsOf, type PassConstants, type RunObserver, type RunOptions, type RunResult } from './engine.ts';
import type { Market } from './market.ts';
import type { Census, CustomerTrace, Valuation } from './observe.ts';
import type { Strategy } from './strategy.ts';

/**
 * Every customer served in at least one quarter of the run (customers who arrive in the last quarter
 * have not been served yet and are left out), in order of arrival. Money is discounted to quarter 0.
 */
export interface CustomerValues {
  /** Segment ids; `segment` entries index this list. */
  segments: readonly string[];
  quarters: number;
  /** The customer's random key (the same person under another strategy on the same seed). */
  key: Uint32Array;
  segment: Uint8Array;
  /** Quarter of arrival (0 = the initial base). */
  arrival: Int32Array;
  /** Quarter in which the customer left, or −1 if still a customer at the horizon. */
  left: Int32Array;
  /** Σ over the quarters served of (1 + i)^−t · (margin paid − relationship cost); churners pay no margin in the quarter they leave. */
  profit: Float64Array;
  /**
   * For a customer kept at the horizon q: (1 + i)^−q · (margin − relationship cost) · r/(1 + i − r), the
   * term the engine adds to customer equity for them (r their retention probability, capped at 0.99); 0 otherwise.
   */
  future: Float64Array;
  /**
   * The customer's share of the acquisition cost of the quarter they arrived in, discounted: that quarter's
   * cost of their segment (spend + onboarding) divided by the customers it won. 0 for the initial base.
   */
  acquisition: Float64Array;
  /** profit + future − acquisition: the customer's lifetime value as this run sees it. */
  value: Float64Array;
  /**
   * Per segment, the discounted acquisition cost no served customer carries: that of the last quarter's
   * arrivals (not served yet) and of quarters that won no one. For each segment, Σ value − unattributed
   * = the run's customer equity at the horizon.
   */
  unattributed: number[];
}

export interface ValuedRun {
  /** What simulate() returns for the same arguments (the recorder changes no number). */
  run: RunResult;
  values: CustomerValues;
}

/** Runs the model and values each customer it served (see CustomerValues). */
export function customerValues(market: Market, strategy: Strategy, options: RunOptions): ValuedRun {
  const recorder = new ValueRecorder();
  const model = new MarketModel(market, strategy, options, recorder);
  const run = model.runToHorizon();
  const segments = model.market.segments.map((s) => s.id);
  const served = recorder.served(run.quarters);
  const acquisition = new Float64Array(served.count);
  const unattributed = segments.map(() => 0);
  // Each quarter's acquisition cost of a segment is shared equally by the customers it won that quarter,
  // discounted like the engine discounts it; what no served customer carries stays unattributed.
  segments.forEach((id, s) => {
    const share = run.bySegment[id]!.map((row) => {
      const won = served.arrivedIn(s, row.quarter);
      const cost = row.acquisitionCost * recorder.discount[row.quarter]!;
      if (won === 0) unattributed[s]! += cost;
      return won > 0 ? cost / won : 0;
    });
    for (let i = 0; i < served.count; i++) {
      if (served.segment[i] === s && served.arrival[i]! > 0) acquisition[i] = share[served.arrival[i]! - 1]!;
    }
  });
  const value = new Float64Array(served.count);
  for (let i = 0; i < served.count; i++) value[i] = served.profit[i]! + served.future[i]! - acquisition[i]!;
  return {
    run,
    values: {
      segments,
      quarters: run.quarters,
      key: served.key,
      segment: served.segment,
      arrival: served.arrival,
      left: served.left,
      profit: served.profit,
      future: served.future,
      acquisition,
      value,
      unattributed,
    },
  };
}

/**
 * Follows customers from slot to slot. Before a pass, slots 0..n−1 hold customers `slotCustomer[0..n−1]`;
 * the pass keeps the survivors in order (stable compaction) and lists the departures in slot order, so
 * walking the old slots beside the departures says, for each customer, whether they stayed and where.
 */
class ValueRecorder implements RunObserver {
  private n = 0;
  private slotCustomer = new Int32Array(0);
  private next = new Int32Array(0);
  private slotKey = new Uint32Array(0);
  private count = 0;
  private key = new Uint32Array(1024);
  private segment = new Uint8Array(1024);
  private arrival = new Int32Array(1024);
  private left = new Int32Array(1024);
  private profit = new Float64Array(1024);
  private future = new Float64Array(1024);
  private readonly hz = new Float64Array(3);
  /** The engine's discount factor (1 + i)^−t of each quarter t (index 0 unused). */
  readonly discount: number[] = [];

  reset(model: MarketModel): void {
    this.n = 0;
    this.count = 0;
    this.discount.length = 0;
    this.arrived(model, 0, 0);
  }

  tracedSlots(): readonly number[] {
    return [];
  }

  traceStep(): number {
    throw new Error('the value recorder traces no customer');
  }

  departed(): void {}

  passDone(model: MarketModel, c: PassConstants, df: number): void {
    const t = model.quarter;
    const w = model.work;
    const last = t === model.horizon;
    const { MAX_RETENTION_FOR_CLV } = LAYOUT;
    const kept = model.n;
    this.discount[t] = df;
    let p = 0;
    let d = 0;
    for (let i = 0; i < this.n; i++) {
      const id = this.slotCustomer[i]!;
      const s = this.segment[id]!;
      const k = this.slotKey[i]!;
      const relCost = w.relCost[s]!;
      // Two neighbours may share a 32-bit key (and so their luck); if one left and one stayed, reading them
      // either way keeps every total right.
      const gone = d < model.nDep && Math.floor(model.dep[d]! / 4) === k && !(p < kept && model.key[p] === k);
      if (gone) {
        d++;
        this.left[id] = t;
        this.profit[id]! -= df * relCost;
        continue;
      }
      // Survivor in slot p: the margin it paid at the end of the quarter, the engine's expression.
      const W = model.wallet[p]!;
      const ten = model.tenure[p]!;
      const cap = w.revenueCap[s]!;
      const revenue = w.revenueBase[s]! * (1 + w.revenueGrowth[s]! * (ten < cap ? ten : cap)) * W;
      const margin = revenue * w.marginPerRevenue[s]! * (1 - w.loyaltyDiscount[s]!) - w.qualityCost[s]! * W;
      this.profit[id]! += df * (margin - relCost);
      if (last) {
        const heldBy = 1 - (1 - model.bond[p]!) * (1 - w.financialBond[s]!);
        hazardsOf(w, c, s, model.sat[p]!, heldBy, this.hz);
        let r = 1 - (this.hz[0]! + this.hz[1]! + this.hz[2]!);
        if (r > MAX_RETENTION_FOR_CLV) r = MAX_RETENTION_FOR_CLV;
        this.future[id] = df * (((margin - relCost) * r) / (c.onePlusI - r));
      }
      this.next[p++] = id;
    }
    if (p !== kept || d !== model.nDep) throw new Error(`the value recorder lost track of customers in quarter ${t}`);
    [this.slotCustomer, this.next] = [this.next, this.slotCustomer];
    this.n = kept;
    this.slotKey.set(model.key.subarray(0, kept));
  }

  quarterDone(model: MarketModel, arrivedFrom: number, t: number): void {
    this.arrived(model, arrivedFrom, t);
  }

  traced(): CustomerTrace[] {
    return [];
  }

  census(): Census | null {
    return null;
  }

  valuation(): Valuation | null {
    return null;
  }

  /** Customers in slots from..n−1 arrived in quarter t: new entries, in slot order. */
  private arrived(model: MarketModel, from: number, t: number): void {
    const n = model.n;
    if (this.slotCustomer.length < n) {
      const size = Math.max(n, this.slotCustomer.length * 2);
      const grow = new Int32Array(size);
      grow.set(this.slotCustomer.subarray(0, this.n));
      this.slotCustomer = grow;
      this.next = new Int32Array(size);
      const keys = new Uint32Array(size);
      keys.set(this.slotKey.subarray(0, this.n));
      this.slotKey = keys;
    }
    this.reserve(this.count + (n - from));
    let j = 0;
    for (let r = 0; r < model.nRuns; r++) {
      const s = model.runSeg[r]!;
      const end = j + model.runLen[r]!;
      for (let slot = Math.max(j, from); slot < end; slot++) {
        const id = this.count++;
        this.key[id] = model.key[slot]!;
        this.segment[id] = s;
        this.arrival[id] = t;
        this.left[id] = -1;
        this.profit[id] = 0;
        this.future[id] = 0;
        this.slotCustomer[slot] = id;
        this.slotKey[slot] = model.key[slot]!;
      }
      j = end;
    }
    this.n = n;
  }

  private reserve(size: number): void {
    if (size <= this.key.length) return;
    const next = Math.max(size, this.key.length * 2);
    const grow = <T extends Uint32Array | Uint8Array | Int32Array | Float64Array>(from: T, to: T): T => {
      to.set(from.subarray(0, this.count) as never);
      return to;
    };
    this.key = grow(this.key, new Uint32Array(next));
    this.segment = grow(this.segment, new Uint8Array(next));
    this.arrival = grow(this.arrival, new Int32Array(next));
    this.left = grow(this.left, new Int32Array(next));
    this.profit = grow(this.profit, new Float64Array(next));
    this.future = grow(this.future, new Float64Array(next));
  }

  /** The customers served at least once (those who arrived in the last quarter are left out), and arrival counts. */
  served(quarters: number) {
    let count = this.count;
    while (count > 0 && this.arrival[count - 1] === quarters) count--;
    if (quarters === 0) count = 0;
    const segment = this.segment.slice(0, count);
    const arrival = this.arrival.slice(0, count);
    const won = new Map<number, number>();
    for (let i = 0; i < count; i++) won.set(arrival[i]! * 256 + segment[i]!, (won.get(arrival[i]! * 256 + segment[i]!) ?? 0) + 1);
    return {
      count,
      key: this.key.slice(0, count),
      segment,
      arrival,
      left: this.left.slice(0, count),
      profit: this.profit.slice(0, count),
      future: this.future.slice(0, count),
      /** Served customers of segment s who arrived in quarter t. */
      arrivedIn: (s: number, t: number) => won.get(t * 256 + s) ?? 0,
    };
  }
}
