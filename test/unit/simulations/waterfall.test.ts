// "Why did it change?" (waterfall.ts): the drivers' parts add up to the change in customer equity and in
// cumulative discounted profit, on several markets and strategies and on a scenario played in rounds;
// a driver whose inputs did not change gets exactly 0; the "show me" pickers (stories.ts) find who they say.
import { describe, expect, it } from 'vitest';
import {
  MarketModel,
  runObserver,
  WATERFALL_DRIVERS,
  defaultStrategy,
  dpow,
  equityWaterfall,
  getPreset,
  levelPresetInvestment,
  pickCustomer,
  simulateObserved,
  uniformLevelStrategy,
  waterfallSummary,
  type Market,
  type Strategy,
  type WaterfallRun,
} from '../../../simulations/index.ts';
import { loadScenarios } from '../../../simulations/goldens.ts';
import { scenarioInitialStrategy, scenarioMarket } from '../../../simulations/scenario.ts';
import { censusQuarter } from '../../../simulations/observe.ts';

const SEED = 2026;
const valued = (m: Market, st: Strategy, quarters = 40): WaterfallRun => {
  const o = simulateObserved(m, st, { seed: SEED, quarters }, { valuation: true });
  return { run: o.run, valuation: o.valuation! };
};
const sum = (parts: Record<string, number>) => Object.values(parts).reduce((a, v) => a + v, 0);

/** The parts sum to the total (relative to the size of the values), whole firm and per segment. */
function expectExact(w: ReturnType<typeof equityWaterfall>) {
  for (const x of Object.values(w)) {
    const scale = Math.max(Math.abs(x.baseline), Math.abs(x.current));
    expect(Math.abs(sum(x.parts) - x.total)).toBeLessThan(1e-9 * scale);
    expect(x.total).toBe(x.current - x.baseline);
    for (const d of WATERFALL_DRIVERS)
      expect(Math.abs(sum(Object.fromEntries(Object.entries(x.bySegment).map(([k, v]) => [k, v[d]]))) - x.parts[d])).toBeLessThan(
        1e-9 * scale,
      );
  }
}

describe('equity waterfall: the parts add up to the change', () => {
  const cases: [string, string, (m: Market) => Strategy][] = [
    ['default', 'partnership everywhere', (m) => uniformLevelStrategy(m, 'partnership')],
    ['default', 'basic everywhere', (m) => uniformLevelStrategy(m, 'basic')],
    [
      'default',
      'a higher promise and double acquisition spend',
      (m) => ({ ...defaultStrategy(m), promiseLevel: 4.5, acquisitionSpendPerQuarter: 40000 }),
    ],
    ['competitive', 'accountable', (m) => uniformLevelStrategy(m, 'accountable')],
    ['kotler-few-high', 'partnership', (m) => uniformLevelStrategy(m, 'partnership')],
    ['kotler-many-low', 'proactive', (m) => uniformLevelStrategy(m, 'proactive')],
    ['monopoly', 'better quality', (m) => ({ ...defaultStrategy(m), quality: 4.5 })],
    ['constant-retention', 'reactive', (m) => uniformLevelStrategy(m, 'reactive')],
  ];
  it.each(cases)('%s, baseline → %s', (id, _what, make) => {
    const m = getPreset(id as never);
    const w = equityWaterfall(valued(m, defaultStrategy(m)), valued(m, make(m)));
    expectExact(w);
    expect(Math.abs(w.customerEquity.total)).toBeGreaterThan(0);
    // At an earlier quarter too.
    expectExact(equityWaterfall(valued(m, defaultStrategy(m)), valued(m, make(m)), 13));
  });

  it('a scenario played in rounds against its starting decisions', () => {
    const s = loadScenarios().find((x) => x.rounds > 1)!;
    const market = scenarioMarket(s);
    const start = scenarioInitialStrategy(s, market);
    const quarters = s.rounds * s.quartersPerRound;
    const play = (decide: (round: number) => Strategy): WaterfallRun => {
      const model = new MarketModel(market, decide(0), { seed: s.seed, quarters }, runObserver({ valuation: true }));
      for (let r = 0; r < s.rounds; r++) {
        if (r > 0) model.setStrategy(decide(r));
        for (let k = 0; k < s.quartersPerRound; k++) model.step();
      }
      return { run: model.result(), valuation: model.valuation()! };
    };
    const base = play(() => start);
    const later = play((r) => (r === 0 ? start : uniformLevelStrategy(market, r === 1 ? 'accountable' : 'proactive')));
    expect(later.run.strategyHistory.length).toBeGreaterThan(1);
    const w = equityWaterfall(base, later);
    expectExact(w);
    // Nothing differs in the first round: its waterfall is all zeros.
    const first = equityWaterfall(base, later, s.quartersPerRound);
    for (const d of WATERFALL_DRIVERS) expect(first.customerEquity.parts[d]).toBe(0);
    expect(w.customerEquity.parts.relationshipCost).not.toBe(0);
  });

  it('a driver whose inputs are the same in both runs gets exactly 0; an unchanged run gives all zeros', () => {
    const m = getPreset('default');
    const base = valued(m, defaultStrategy(m));
    const same = equityWaterfall(base, valued(m, defaultStrategy(m)));
    for (const d of WATERFALL_DRIVERS) expect(same.customerEquity.parts[d]).toBe(0);
    expect(waterfallSummary(same.customerEquity)).toMatchObject({ direction: 'unchanged', main: null, against: null });
    // Only the key accounts' spend changes: the other segments' parts are all exactly 0 (common random
    // numbers keep them identical) and so is the acquisition cost (no spend or onboarding changed).
    const ka = defaultStrategy(m);
    ka.segments['key-accounts'] = { investment: levelPresetInvestment(m, 'key-accounts', 'partnership') };
    const w = equityWaterfall(base, valued(m, ka));
    expectExact(w);
    for (const d of WATERFALL_DRIVERS) expect(w.customerEquity.bySegment.consumers![d]).toBe(0);
    expect(w.customerEquity.bySegment['key-accounts']!.relationshipCost).toBeLessThan(0);
    // Acquisition cost moves only through onboarding of the key accounts won.
    expect(w.customerEquity.bySegment['small-business']!.acquisitionCost).toBe(0);
  });

  it('reads sensibly: over-investing loses through relationship cost, starving loses customers', () => {
    const m = getPreset('default');
    const base = valued(m, defaultStrategy(m));
    const rich = waterfallSummary(equityWaterfall(base, valued(m, uniformLevelStrategy(m, 'partnership'))).customerEquity);
    expect(rich).toMatchObject({ direction: 'down', main: 'relationshipCost', against: 'kept' });
    expect(rich.mainPart).toBeLessThan(rich.total);
    const poor = waterfallSummary(equityWaterfall(base, valued(m, uniformLevelStrategy(m, 'basic'))).customerEquity);
    expect(poor).toMatchObject({ direction: 'down', main: 'kept', against: 'relationshipCost' });
    const few = getPreset('kotler-few-high');
    const up = waterfallSummary(
      equityWaterfall(valued(few, defaultStrategy(few)), valued(few, uniformLevelStrategy(few, 'partnership'))).customerEquity,
    );
    expect(up).toMatchObject({ direction: 'up', main: 'kept' });
  });

  it("the valuation is the sum of the kept customers' margin multiples, rebuilt bit for bit from their traces", () => {
    // A market small enough to trace every customer it ever has.
    const m = getPreset('kotler-few-high');
    const opts = { seed: SEED, quarters: 12, customersScale: 0.03 };
    const { census } = simulateObserved(m, defaultStrategy(m), opts, { census: true });
    const keys = [...new Set(census!.key)];
    expect(keys.length).toBeLessThanOrEqual(16);
    const seen = simulateObserved(m, defaultStrategy(m), opts, { trace: keys, valuation: true });
    const i = m.firm.discountRatePerQuarter;
    for (let q = 1; q <= 12; q++) {
      const v = censusQuarter(census!, q);
      let expected = 0;
      for (let j = 0; j < v.key.length - v.arrivals; j++) {
        const step = seen.traces.find((t) => t.key === v.key[j])!.steps.find((x) => x.quarter === q)!;
        const r = Math.min(0.99, 1 - (step.hazards.customer + step.hazards.competitor + step.hazards.company));
        expected += r / (1 + i - r);
      }
      expect(seen.valuation!.multipleSum.customers![q - 1]).toBe(expected);
      expect(seen.valuation!.discountFactor[q - 1]).toBe(1 / dpow(1 + i, q));
    }
  });

  it('refuses runs that cannot be compared, naming why', () => {
    const m = getPreset('default');
    const a = valued(m, defaultStrategy(m), 8);
    const other = simulateObserved(m, defaultStrategy(m), { seed: 1, quarters: 8 }, { valuation: true });
    expect(() => equityWaterfall(a, { run: other.run, valuation: other.valuation! })).toThrow(/another seed/);
    const c = getPreset('competitive');
    expect(() => equityWaterfall(a, valued(c, defaultStrategy(c), 8))).toThrow(/market "default"/);
    expect(() => equityWaterfall(a, a, 9)).toThrow(/from 1 to 8/);
    expect(() => equityWaterfall(a, { run: a.run, valuation: { ...a.valuation, discountFactor: [] } })).toThrow(/valuation/);
  });
});

describe('show me: pickers find the customer they name', () => {
  const m = getPreset('default');
  const st = defaultStrategy(m);
  const quarters = 20;
  const { census } = simulateObserved(m, st, { seed: SEED, quarters }, { census: true });
  const story = (key: number) => simulateObserved(m, st, { seed: SEED, quarters }, { trace: [key] }).traces[0]!;

  /** The first quarter a key is present in (0: from the start), read from the census quarter by quarter. */
  const firstSeen = (key: number) => {
    for (let t = 0; t <= quarters; t++) if (censusQuarter(census!, t).key.includes(key)) return t;
    return Infinity;
  };

  it('a delighted key account at quarter q: delighted then, the longest-served such customer, the smallest key among them', () => {
    const pick = pickCustomer(census!, { kind: 'delighted', quarter: 12, segment: 'key-accounts' })!;
    expect(pick.segment).toBe('key-accounts');
    const tr = story(pick.key);
    expect(tr.steps.find((s) => s.quarter === 12)!.state).toBe('delighted');
    const v = censusQuarter(census!, 12);
    const delightedKeys = [...v.key].filter((_, j) => v.segment[j] === 2 && (v.flags[j]! & 3) === 2 && !(v.flags[j]! & 16));
    const earliest = Math.min(...delightedKeys.map(firstSeen));
    expect(firstSeen(pick.key)).toBe(earliest);
    expect(pick.key).toBe(Math.min(...delightedKeys.filter((k) => firstSeen(k) === earliest)));
    expect(pickCustomer(census!, { kind: 'delighted', quarter: 12, segment: 'key-accounts' })).toEqual(pick);
  });

  it('someone who left for a rival: the one who had stayed longest', () => {
    const pick = pickCustomer(census!, { kind: 'leftForRival', quarter: quarters })!;
    const tr = story(pick.key);
    expect(tr).toMatchObject({ leftQuarter: pick.quarter, reason: 'competitor', segment: pick.segment });
    let longest = 0;
    for (let t = 1; t <= quarters; t++) {
      const d = censusQuarter(census!, t).departures;
      for (let j = 0; j < d.key.length; j++) if (d.reason[j] === 1) longest = Math.max(longest, t - firstSeen(d.key[j]!));
    }
    expect(pick.quarter - firstSeen(pick.key)).toBe(longest);
    // A story of more than a quarter or two: the learner sees the customer drift away.
    expect(longest).toBeGreaterThan(4);
  });

  it('someone who had an incident, was helped by service recovery and stayed', () => {
    const pick = pickCustomer(census!, { kind: 'complainedAndStayed', quarter: quarters })!;
    const tr = story(pick.key);
    const step = tr.steps.find((s) => s.quarter === pick.quarter)!;
    expect(step.perception!.incident).toBe(true);
    expect(step.perception!.recovered).toBeGreaterThan(0);
    expect(tr.leftQuarter).toBeNull();
    // Without service recovery (basic level) nobody qualifies.
    const basic = simulateObserved(m, uniformLevelStrategy(m, 'basic'), { seed: SEED, quarters }, { census: true }).census!;
    expect(pickCustomer(basic, { kind: 'complainedAndStayed', quarter: quarters })).toBeNull();
  });

  it('a spuriously loyal customer: dissatisfied and kept by bonds', () => {
    const c = getPreset('competitive');
    c.segments[0]!.financialBond = 0.8;
    const cs = { ...defaultStrategy(c), quality: 2.5 };
    const bonded = simulateObserved(c, cs, { seed: SEED, quarters: 8 }, { census: true }).census!;
    const pick = pickCustomer(bonded, { kind: 'spuriouslyLoyal', quarter: 8 })!;
    const tr = simulateObserved(c, cs, { seed: SEED, quarters: 8 }, { trace: [pick.key] }).traces[0]!;
    expect(tr.steps.find((s) => s.quarter === 8)).toMatchObject({ spurious: true, state: 'dissatisfied', bonded: true, left: null });
    expect(pickCustomer(census!, { kind: 'spuriouslyLoyal', quarter: 8 })).toBeNull();
  });

  it('an unknown segment finds nobody; a quarter out of range is refused', () => {
    expect(pickCustomer(census!, { kind: 'delighted', quarter: 3, segment: 'nobody' })).toBeNull();
    expect(() => pickCustomer(census!, { kind: 'delighted', quarter: 0 })).toThrow(/from 1 to 20/);
  });
});
