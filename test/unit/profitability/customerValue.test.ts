// Per-customer values (simulations/customerValue.ts) against the engine's own books: the run is simulate()'s to the
// byte, the customers' values add up to each segment's customer equity and discounted profit, arrivals and departures
// match the rows, and a traced customer's quarters give the same value.
import { describe, expect, it } from 'vitest';
import {
  defaultStrategy,
  dpow,
  getPreset,
  levelPresetInvestment,
  simulate,
  simulateObserved,
  INVESTED_LEVELS,
  type Market,
  type PresetId,
  type Strategy,
} from '../../../simulations/index.ts';
import { customerValues } from '../../../simulations/customerValue.ts';

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const close = (a: number, b: number) => expect(near(a, b), `${a} vs ${b}`).toBe(true);

function books(market: Market, strategy: Strategy, seed: number | string, quarters: number) {
  const { run, values } = customerValues(market, strategy, { seed, quarters });
  values.segments.forEach((id, s) => {
    const rows = run.bySegment[id]!;
    const last = rows[rows.length - 1]!;
    let value = 0;
    let profitLessAcquisition = 0;
    let kept = 0;
    // Per customer, counted rather than asserted one by one (tens of thousands of customers).
    const wrong: string[] = [];
    const left = new Array<number>(quarters + 1).fill(0);
    const arrived = new Array<number>(quarters + 1).fill(0);
    for (let i = 0; i < values.value.length; i++) {
      if (values.segment[i] !== s) continue;
      value += values.value[i]!;
      profitLessAcquisition += values.profit[i]! - values.acquisition[i]!;
      arrived[values.arrival[i]!]!++;
      if (values.left[i]! >= 0) left[values.left[i]!]!++;
      else kept++;
      // value = profit + future − acquisition, and only customers still there at the horizon have a future.
      if (!near(values.value[i]!, values.profit[i]! + values.future[i]! - values.acquisition[i]!)) wrong.push(`${i} value`);
      if (values.left[i]! >= 0 && (values.future[i] !== 0 || values.left[i]! <= values.arrival[i]!)) wrong.push(`${i} left`);
      if (values.arrival[i] === 0 && values.acquisition[i] !== 0) wrong.push(`${i} acquisition`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    close(value - values.unattributed[s]!, last.customerEquity);
    close(profitLessAcquisition - values.unattributed[s]!, last.cumulativeDiscountedProfit);
    expect(arrived[0]).toBe(market.segments[s]!.initialCustomers);
    for (const row of rows) {
      expect(left[row.quarter], `${id} lost in ${row.quarter}`).toBe(row.lostTotal);
      // Customers who arrive in the last quarter are not served in the run, so not ranked.
      if (row.quarter < quarters) expect(arrived[row.quarter], `${id} won in ${row.quarter}`).toBe(row.newCustomers);
    }
    expect(kept).toBe(last.customers - last.newCustomers);
  });
  return { run, values };
}

describe('customerValues', () => {
  it('returns the run simulate() returns, to the byte', () => {
    const m = getPreset('default');
    const { run } = customerValues(m, defaultStrategy(m), { seed: 2026, quarters: 12 });
    expect(JSON.stringify(run)).toBe(JSON.stringify(simulate(m, defaultStrategy(m), { seed: 2026, quarters: 12 })));
  });

  it.each(['default', 'competitive', 'monopoly', 'kotler-few-high', 'constant-retention'] as PresetId[])(
    '%s: values add up to each segment’s customer equity and discounted profit; arrivals and departures match the rows',
    (id) => {
      const m = getPreset(id);
      books(m, defaultStrategy(m), 7, 24);
    },
  );

  it('holds for a changed strategy and the lab’s seed and horizon', () => {
    const m = getPreset('default');
    const st = defaultStrategy(m);
    st.segments['consumers'] = { investment: levelPresetInvestment(m, 'consumers', 'basic') };
    const { values } = books(m, st, 2026, 40);
    // Customers lose money in this run: the whale curve has something to show.
    expect(values.value.some((v) => v < 0)).toBe(true);
  });

  it('gives a traced customer the value of their own quarters', () => {
    const m = getPreset('default');
    const st = defaultStrategy(m);
    const quarters = 20;
    const { values } = customerValues(m, st, { seed: 11, quarters });
    // Some who stayed to the horizon, some who left, from the initial base and from later arrivals.
    const picks: number[] = [];
    const want = [
      (i: number) => values.arrival[i] === 0 && values.left[i] === -1,
      (i: number) => values.arrival[i] === 0 && values.left[i]! > 0,
      (i: number) => values.arrival[i]! > 0 && values.left[i] === -1 && values.segment[i] === 2,
      (i: number) => values.arrival[i]! > 0 && values.left[i]! > 0 && values.segment[i] === 1,
    ];
    for (const f of want) {
      const i = values.value.findIndex((_, j) => f(j) && !picks.includes(j));
      expect(i).toBeGreaterThanOrEqual(0);
      picks.push(i);
    }
    const traced = simulateObserved(m, st, { seed: 11, quarters }, { trace: picks.map((i) => values.key[i]!) });
    const i = m.firm.discountRatePerQuarter;
    picks.forEach((idx, n) => {
      const tr = traced.traces[n]!;
      const seg = m.segments[values.segment[idx]!]!;
      expect(tr.segment).toBe(seg.id);
      expect(tr.arrivalQuarter).toBe(values.arrival[idx]);
      expect(tr.leftQuarter ?? -1).toBe(values.left[idx]);
      const relCost = INVESTED_LEVELS.reduce((sum, l) => sum + st.segments[seg.id]!.investment[l], 0);
      let profit = 0;
      for (const step of tr.steps) profit += (step.margin - relCost) / dpow(1 + i, step.quarter);
      close(values.profit[idx]!, profit);
    });
  });

  it('ranks nobody in a run of no quarters', () => {
    const m = getPreset('default');
    const { values } = customerValues(m, defaultStrategy(m), { seed: 1, quarters: 0 });
    expect(values.value.length).toBe(0);
  });
});
