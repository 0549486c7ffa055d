// Opt-in records of a run (observe.ts): traced customers, the census and the run's events. They must
// never change a number of the run, must agree with the rows and with the documented draws, and must
// follow one person under two strategies (common random numbers).
import { describe, expect, it } from 'vitest';
import {
  CENSUS_ARRIVED,
  LOSS_REASONS,
  MAX_TRACED,
  MarketModel,
  censusCounts,
  censusQuarter,
  defaultStrategy,
  getPreset,
  runEvents,
  runObserver,
  simulate,
  simulateObserved,
  uniformLevelStrategy,
  type Market,
  type Observe,
  type PresetId,
  type RunObserver,
  type Strategy,
} from '../../../simulations/index.ts';
import { PURPOSE, uniform } from '../../../simulations/random.ts';
import { scenarioInitialStrategy, scenarioMarket } from '../../../simulations/scenario.ts';
import { loadScenarios } from '../../../simulations/goldens.ts';

const SEED = 2026;

/** Keys spread over a run: from the initial base, later arrivals and departures of its census. */
function sampleKeys(market: Market, strategy: Strategy, quarters: number, count: number): number[] {
  const c = simulateObserved(market, strategy, { seed: SEED, quarters }, { census: true }).census!;
  const keys = new Set<number>();
  const q0 = censusQuarter(c, 0);
  const late = censusQuarter(c, Math.min(quarters, 6));
  for (let i = 0; keys.size < count / 2 && i < q0.key.length; i += Math.max(1, Math.floor(q0.key.length / count))) keys.add(q0.key[i]!);
  for (let i = late.key.length - late.arrivals; keys.size < count && i < late.key.length; i++) keys.add(late.key[i]!);
  for (let i = 0; keys.size < count && i < c.departKey.length; i += 7) keys.add(c.departKey[i]!);
  return [...keys].slice(0, count);
}

const cases: [string, Market, Strategy][] = [
  ...(['default', 'competitive', 'kotler-few-high', 'monopoly', 'constant-retention'] as PresetId[]).map(
    (id) => [id, getPreset(id), defaultStrategy(getPreset(id))] as [string, Market, Strategy],
  ),
  ['default at partnership', getPreset('default'), uniformLevelStrategy(getPreset('default'), 'partnership')],
];

describe('observing a run changes none of its numbers', () => {
  it.each(cases)(
    '%s: tracing 16 customers, the census and the valuation leave the run identical to simulate()',
    (_id, market, strategy) => {
      const opts = { seed: SEED, quarters: 16 };
      const plain = simulate(market, strategy, opts);
      const keys = sampleKeys(market, strategy, 16, MAX_TRACED);
      expect(keys).toHaveLength(MAX_TRACED);
      const seen = simulateObserved(market, strategy, opts, { trace: keys, census: true, valuation: true });
      expect(JSON.stringify(seen.run)).toBe(JSON.stringify(plain));
      expect(seen.traces.map((t) => t.key)).toEqual(keys);
      expect(seen.traces.every((t) => t.steps.length > 0)).toBe(true);
    },
  );

  it('a scenario with rounds and scheduled events: traced run identical, and the JSON of a run holds no records', () => {
    for (const s of loadScenarios()) {
      const market = scenarioMarket(s);
      const strategy = scenarioInitialStrategy(s, market);
      const quarters = s.rounds * s.quartersPerRound;
      const keys = sampleKeys(market, strategy, quarters, 8);
      const plain = simulate(market, strategy, { seed: s.seed, quarters });
      const seen = simulateObserved(market, strategy, { seed: s.seed, quarters }, { trace: keys, census: true });
      expect(JSON.stringify(seen.run), s.id).toBe(JSON.stringify(plain));
      expect(Object.keys(plain)).not.toContain('traces');
    }
  });

  it('a model stepped round by round with strategy changes gives the same run observed or not', () => {
    const m = getPreset('default');
    const keys = sampleKeys(m, defaultStrategy(m), 12, 8);
    const play = (observe?: Observe) => {
      const model = new MarketModel(m, defaultStrategy(m), { seed: SEED, quarters: 12 }, observe && runObserver(observe));
      for (let q = 0; q < 12; q++) {
        if (q === 4) model.setStrategy(uniformLevelStrategy(m, 'partnership'));
        if (q === 8) model.setStrategy(uniformLevelStrategy(m, 'basic'));
        model.step();
      }
      return model;
    };
    const seen = play({ trace: keys, census: true, valuation: true });
    expect(JSON.stringify(seen.result())).toBe(JSON.stringify(play().result()));
    expect(JSON.stringify(seen.result())).toBe(JSON.stringify(play({}).result()));
    expect(seen.censusSoFar()!.quarters).toBe(12);
    expect(seen.valuation()!.discountFactor).toHaveLength(12);
    expect(seen.traced().filter((t) => t.steps.length > 0)).toHaveLength(keys.length);
  });

  it('refuses more than MAX_TRACED keys or a key that is not a 32-bit whole number, with a message', () => {
    const m = getPreset('default');
    const keys = Array.from({ length: MAX_TRACED + 1 }, (_, i) => i);
    expect(() => runObserver({ trace: keys })).toThrow(/at most 16/);
    expect(() => runObserver({ trace: [-1] })).toThrow(/whole number/);
    expect(() => runObserver({ trace: [2 ** 32] })).toThrow(/whole number/);
    expect(() => runObserver({ trace: [7, 7] })).toThrow(/traced twice/);
    expect(() => simulateObserved(m, defaultStrategy(m), { seed: 1, quarters: 1 }, { trace: [7, 7] })).toThrow(/traced twice/);
  });

  it('a trace that would tell another story than the engine stepped throws instead of misleading', () => {
    // The trace explains each quarter with its own copy of customerStep's arithmetic; here the engine's
    // step sees a promise term 0.01 higher than the explanation did, as if the two copies had drifted.
    const m = getPreset('default');
    const keys = sampleKeys(m, defaultStrategy(m), 4, 1);
    const inner = runObserver({ trace: keys });
    let reads = 0;
    const drifting: RunObserver = {
      reset: (model) => inner.reset(model),
      tracedSlots: () => inner.tracedSlots(),
      traceStep: (model, c, s, j, write, t) =>
        inner.traceStep(
          model,
          new Proxy(c, { get: (o, p) => (p === 'promiseTerm' && reads++ % 2 === 1 ? o.promiseTerm + 0.01 : Reflect.get(o, p)) }),
          s,
          j,
          write,
          t,
        ),
      departed: (s, from, to) => inner.departed(s, from, to),
      passDone: (model, c, df) => inner.passDone(model, c, df),
      quarterDone: (model, from, t) => inner.quarterDone(model, from, t),
      traced: () => inner.traced(),
      census: (q) => inner.census(q),
      valuation: () => inner.valuation(),
    };
    const model = new MarketModel(m, defaultStrategy(m), { seed: SEED, quarters: 4 }, drifting);
    expect(() => model.runToHorizon()).toThrow(/differs from the engine's step/);
    expect(reads).toBeGreaterThan(1);
  });

  it('MarketModel takes an observer, and says so when given the options of one', () => {
    const m = getPreset('default');
    const options = { census: true } as unknown as RunObserver;
    expect(() => new MarketModel(m, defaultStrategy(m), { seed: 1, quarters: 1 }, options)).toThrow(/runObserver\(/);
    const model = new MarketModel(m, defaultStrategy(m), { seed: 1, quarters: 1 });
    model.step();
    expect([model.traced(), model.censusSoFar(), model.valuation()]).toEqual([[], null, null]);
  });
});

describe('a traced customer', () => {
  const market = getPreset('default');
  const strategy = defaultStrategy(market);
  const quarters = 20;
  const keys = sampleKeys(market, strategy, quarters, 12);
  const { traces, census } = simulateObserved(market, strategy, { seed: SEED, quarters }, { trace: keys, census: true });

  it('is present in the census exactly in the quarters of its story, with the same segment and state', () => {
    for (const tr of traces) {
      expect(tr.arrivalQuarter).not.toBeNull();
      const last = tr.leftQuarter ?? quarters;
      expect(tr.steps.map((s) => s.quarter)).toEqual(
        Array.from({ length: last - tr.arrivalQuarter! }, (_, i) => tr.arrivalQuarter! + 1 + i),
      );
      for (let q = 0; q <= quarters; q++) {
        const v = censusQuarter(census!, q);
        const at = v.key.indexOf(tr.key);
        const present = q >= tr.arrivalQuarter! && (tr.leftQuarter === null || q < tr.leftQuarter);
        expect(at >= 0, `key ${tr.key} quarter ${q}`).toBe(present);
        if (!present) continue;
        expect(census!.segments[v.segment[at]!]).toBe(tr.segment);
        const step = tr.steps.find((s) => s.quarter === q);
        if (step) expect(['dissatisfied', 'satisfied', 'delighted'][v.flags[at]! & 3]).toBe(step.state);
        if (q === tr.arrivalQuarter && q > 0) expect(v.flags[at]! & CENSUS_ARRIVED).toBe(CENSUS_ARRIVED);
      }
      if (tr.leftQuarter !== null) {
        const d = censusQuarter(census!, tr.leftQuarter).departures;
        const i = d.key.indexOf(tr.key);
        expect(LOSS_REASONS[d.reason[i]!]).toBe(tr.reason);
      }
    }
    expect(traces.some((t) => t.leftQuarter !== null)).toBe(true);
    expect(traces.some((t) => (t.arrivalQuarter ?? 0) > 0)).toBe(true);
  });

  it('records the documented draws and the arithmetic that links its quarters', () => {
    const mech = market.mechanisms;
    for (const tr of traces) {
      let E = tr.arrival!.expectation;
      for (const s of tr.steps) {
        expect(s.expectation).toBe(E);
        E = s.expectationNext;
        const p = s.perception!;
        expect(s.churnDraw).toBe(uniform(tr.key, s.quarter, PURPOSE.churn));
        const hn = uniform(tr.key, s.quarter, PURPOSE.noise) * 4294967296;
        const seg = market.segments.find((x) => x.id === tr.segment)!;
        expect(p.noise).toBe(seg.performanceNoise * (((hn >>> 16) + (hn & 0xffff)) / 65536 - 1));
        expect(p.incident).toBe(uniform(tr.key, s.quarter, PURPOSE.incident) < seg.incidentProbabilityPerQuarter);
        expect(p.performance).toBeCloseTo(p.delivered + p.noise - p.incidentHit + p.recovered, 12);
        expect(p.disconfirmation).toBe(p.performance - s.expectation);
        expect(p.weightedDisconfirmation).toBe(p.disconfirmation >= 0 ? p.disconfirmation : mech.lossAversion * p.disconfirmation);
        const h = s.hazards.customer + s.hazards.competitor + s.hazards.company;
        expect(s.left !== null).toBe(s.churnDraw < h);
        if (s.left === 'customer') expect(s.churnDraw).toBeLessThan(s.hazards.customer);
        if (s.left === null) expect(s.margin).not.toBe(0);
        else expect(s).toMatchObject({ revenue: 0, margin: 0, spurious: false });
        expect(s.state).toBe(
          s.satisfaction >= mech.delightedFrom ? 'delighted' : s.satisfaction < mech.dissatisfiedBelow ? 'dissatisfied' : 'satisfied',
        );
        expect(s.heldBy).toBe(1 - (1 - s.bond) * (1 - s.financialBond));
      }
    }
  });

  it('a key that never arrives has an empty story', () => {
    const [tr] = simulateObserved(market, strategy, { seed: SEED, quarters: 3 }, { trace: [12345] }).traces;
    expect(tr).toEqual({ key: 12345, segment: null, arrivalQuarter: null, arrival: null, steps: [], leftQuarter: null, reason: null });
  });

  it('is the same person with the same luck under another strategy (common random numbers)', () => {
    const other = uniformLevelStrategy(market, 'partnership');
    const keysFromStart = keys.filter((k) => traces.find((t) => t.key === k)!.arrivalQuarter === 0);
    const a = simulateObserved(market, strategy, { seed: SEED, quarters }, { trace: keysFromStart }).traces;
    const b = simulateObserved(market, other, { seed: SEED, quarters }, { trace: keysFromStart }).traces;
    let compared = 0;
    let differentFates = 0;
    for (let i = 0; i < a.length; i++) {
      expect(b[i]!.arrival).toEqual(a[i]!.arrival);
      const n = Math.min(a[i]!.steps.length, b[i]!.steps.length);
      for (let q = 0; q < n; q++) {
        const x = a[i]!.steps[q]!;
        const y = b[i]!.steps[q]!;
        expect(y.churnDraw).toBe(x.churnDraw);
        expect(y.perception!.noise).toBe(x.perception!.noise);
        expect(y.perception!.incident).toBe(x.perception!.incident);
        if (x.satisfaction !== y.satisfaction) differentFates++;
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
    // The strategy does change how they feel: the same luck, another experience.
    expect(differentFates).toBeGreaterThan(0);
  });
});

describe('the census', () => {
  it.each(cases)(
    '%s: counts per quarter equal the rows (customers, state shares, spurious, new, lost by reason)',
    (_id, market, strategy) => {
      const quarters = 12;
      const { run, census } = simulateObserved(market, strategy, { seed: SEED, quarters }, { census: true });
      expect(census!.quarters).toBe(quarters);
      for (let q = 1; q <= quarters; q++) {
        const counts = censusCounts(census!, q);
        for (const p of market.segments) {
          const row = run.bySegment[p.id]![q - 1]!;
          const c = counts[p.id]!;
          const kept = row.customersAtStart - row.lostTotal;
          expect(c.customers).toBe(row.customers);
          expect(c.arrivals).toBe(row.newCustomers);
          expect(c.departures).toEqual(row.lost);
          expect(c.spurious).toBe(row.spuriousLoyal);
          expect(c.byState.dissatisfied + c.byState.satisfied + c.byState.delighted).toBe(kept);
          if (kept > 0) {
            expect(c.byState.dissatisfied / kept).toBeCloseTo(row.satisfactionShare.dissatisfied, 14);
            expect(c.byState.delighted / kept).toBeCloseTo(row.satisfactionShare.delighted, 14);
          }
          expect(kept - c.byState.dissatisfied).toBe(row.trueLoyal);
        }
        // Customers of q = customers of q − 1 − departures + arrivals, key by key.
        const prev = censusQuarter(census!, q - 1);
        const cur = censusQuarter(census!, q);
        const gone = new Set(cur.departures.key);
        const kept = [...prev.key].filter((k) => !gone.has(k));
        expect([...cur.key.subarray(0, cur.key.length - cur.arrivals)]).toEqual(kept);
      }
    },
  );

  it('bonded and spurious flags show bonds: a financially bonded, poorly served segment is mostly spuriously loyal', () => {
    const m = getPreset('competitive');
    m.segments[0]!.financialBond = 0.8;
    const st = defaultStrategy(m);
    st.quality = 2.5;
    const { census, run } = simulateObserved(m, st, { seed: SEED, quarters: 8 }, { census: true });
    const c = censusCounts(census!, 8).customers!;
    expect(c.bonded).toBe(c.customers);
    expect(c.spurious).toBe(run.overall[7]!.spuriousLoyal);
    expect(c.spurious).toBeGreaterThan(0.5 * c.customers);
  });

  it('is compact: the default market over 40 quarters takes under 4 MB', () => {
    const m = getPreset('default');
    const { census } = simulateObserved(m, defaultStrategy(m), { seed: SEED, quarters: 40 }, { census: true });
    const c = census!;
    const bytes = [c.start, c.key, c.segment, c.flags, c.departStart, c.departKey, c.departSegment, c.departReason].reduce(
      (a, x) => a + x.byteLength,
      0,
    );
    expect(bytes).toBeGreaterThan(2e6);
    expect(bytes).toBeLessThan(4e6);
  });

  it('refuses a census larger than MAX_CENSUS_ENTRIES before the run, naming the limit', () => {
    const m = getPreset('default');
    expect(() => simulateObserved(m, defaultStrategy(m), { seed: 1, quarters: 400, customersScale: 5 }, { census: true })).toThrow(
      /at most 20000000 customer-quarters; this run would record about 20050000/,
    );
  });

  it('a run that was not asked for a census has none', () => {
    const m = getPreset('default');
    expect(simulateObserved(m, defaultStrategy(m), { seed: 1, quarters: 2 }, {}).census).toBeNull();
    expect(() => censusQuarter(simulateObserved(m, defaultStrategy(m), { seed: 1, quarters: 2 }, { census: true }).census!, 3)).toThrow(
      /0 to 2/,
    );
  });
});

describe('events', () => {
  it('the default run lists the rival promotions behind its retention drops (quarters 7–8, 17–18, 38–39)', () => {
    const m = getPreset('default');
    const events = runEvents(m, SEED, 40);
    const spans = events.map((e) => `${e.segments.join('+')} ${e.fromQuarter}-${e.toQuarter}`);
    expect(spans).toEqual(expect.arrayContaining(['consumers 7-8', 'consumers 17-18', 'small-business 38-39']));
    expect(events.every((e) => e.kind === 'rivalPromotion' && e.source === 'seeded')).toBe(true);
    const { run } = simulateObserved(m, defaultStrategy(m), { seed: SEED, quarters: 40 }, {});
    const retention = run.overall.map((r) => r.retentionRate);
    for (const q of [7, 17, 39]) expect(retention[q - 1]).toBeLessThan(0.9);
  });

  it('a seeded promotion acts exactly in its listed quarters', () => {
    const m = getPreset('competitive');
    const events = runEvents(m, SEED, 40);
    expect(events.length).toBeGreaterThan(0);
    const first = events[0]!;
    const calm = getPreset('competitive');
    calm.segments[0]!.rivalShockMagnitude = 0;
    const a = simulate(m, defaultStrategy(m), { seed: SEED, quarters: 40 }).overall;
    const b = simulate(calm, defaultStrategy(calm), { seed: SEED, quarters: 40 }).overall;
    expect(a.slice(0, first.fromQuarter - 1)).toEqual(b.slice(0, first.fromQuarter - 1));
    expect(a[first.fromQuarter - 1]!.lost.competitor).toBeGreaterThan(b[first.fromQuarter - 1]!.lost.competitor);
    expect(runEvents(calm, SEED, 40)).toEqual([]);
  });

  it('lists scheduled events with their windows and segments, clipped to the horizon, independent of the strategy', () => {
    const m = getPreset('monopoly');
    m.events = [
      { quarter: 3, type: 'rivalPromotion', magnitude: 1 },
      { quarter: 5, type: 'rivalLoyaltyProgramme', segment: 'customers', magnitude: 0.5 },
      { quarter: 6, type: 'bondsRemoved', magnitude: 1 },
      { quarter: 2, type: 'qualityIncident', magnitude: 0.2, durationQuarters: 3 },
      { quarter: 9, type: 'demandShock', magnitude: -0.5 },
      { quarter: 4, type: 'rivalPromotion', segment: 'nobody', magnitude: 1 },
    ];
    const ev = runEvents(m, SEED, 8);
    expect(ev).toEqual([
      {
        kind: 'qualityIncident',
        source: 'scheduled',
        segments: ['customers'],
        fromQuarter: 2,
        toQuarter: 4,
        magnitude: 0.2,
        eventIndex: 3,
      },
      { kind: 'rivalPromotion', source: 'scheduled', segments: ['customers'], fromQuarter: 3, toQuarter: 4, magnitude: 1, eventIndex: 0 },
      {
        kind: 'rivalLoyaltyProgramme',
        source: 'scheduled',
        segments: ['customers'],
        fromQuarter: 5,
        toQuarter: 8,
        magnitude: 0.5,
        eventIndex: 1,
      },
      { kind: 'bondsRemoved', source: 'scheduled', segments: ['customers'], fromQuarter: 6, toQuarter: 6, magnitude: 1, eventIndex: 2 },
    ]);
    const observed = simulateObserved(m, uniformLevelStrategy(m, 'partnership'), { seed: SEED, quarters: 8 }, {});
    expect(observed.events).toEqual(ev);
  });
});
