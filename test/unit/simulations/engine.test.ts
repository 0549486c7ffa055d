// Properties of the engine: determinism, common random numbers, conservation, ranges,
// reset() + steps = a fresh run, and purity (no Math.random, clock, DOM or built-in exp/log).
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MarketModel,
  RunTooLargeError,
  defaultStrategy,
  getPreset,
  levelPresetInvestment,
  PRESET_IDS,
  simulate,
  uniformLevelStrategy,
  type QuarterRow,
  type Strategy,
} from '../../../simulations/index.ts';
import { PURPOSE, customerKey, hash2, seedKey, segmentKey, uniform } from '../../../simulations/random.ts';

const market = getPreset('default');
const base = defaultStrategy(market);

describe('determinism', () => {
  it('same inputs give identical output; another seed gives another output', () => {
    const a = simulate(market, base, { seed: 42, quarters: 12 });
    const b = simulate(market, base, { seed: 42, quarters: 12 });
    const c = simulate(market, base, { seed: 43, quarters: 12 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(c.overall)).not.toBe(JSON.stringify(a.overall));
  });
  it('two models stepped in turn give the runs each gives alone (no state shared between instances)', () => {
    const other: Strategy = JSON.parse(JSON.stringify(base));
    other.promiseLevel = 4.2;
    const a = new MarketModel(market, base, { seed: 42, quarters: 12 });
    const b = new MarketModel(market, other, { seed: 42, quarters: 12 });
    for (let q = 0; q < 12; q++) {
      a.step();
      b.step();
    }
    expect(a.result()).toEqual(simulate(market, base, { seed: 42, quarters: 12 }));
    expect(b.result()).toEqual(simulate(market, other, { seed: 42, quarters: 12 }));
    expect(b.result().overall).not.toEqual(a.result().overall);
  });
  it('a string seed and a number seed with the same text are the same seed', () => {
    const a = simulate(market, base, { seed: 7, quarters: 3 });
    const b = simulate(market, base, { seed: '7', quarters: 3 });
    expect(b.overall).toEqual(a.overall);
  });
  it('returns plain JSON-able data with the model version', () => {
    const r = simulate(market, base, { seed: 1, quarters: 2 });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(r.modelVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Object.keys(r.bySegment)).toEqual(['consumers', 'small-business', 'key-accounts']);
  });
});

describe('common random numbers', () => {
  // Change only the small-business investment: the consumers segment must meet the same customers
  // with the same luck and so end in exactly the same state, while small business changes.
  const other: Strategy = JSON.parse(JSON.stringify(base));
  other.segments['small-business'] = { investment: levelPresetInvestment(market, 'small-business', 'partnership') };
  const runA = new MarketModel(market, base, { seed: 99, quarters: 20 });
  const runB = new MarketModel(market, other, { seed: 99, quarters: 20 });
  runA.runToHorizon();
  runB.runToHorizon();

  it("a change confined to one segment leaves another segment's customers and outcomes unchanged", () => {
    const a = runA.customerSnapshot('consumers');
    const b = runB.customerSnapshot('consumers');
    expect(a.key.length).toBeGreaterThan(1000);
    expect(b.key).toEqual(a.key);
    expect(b.satisfaction).toEqual(a.satisfaction);
    expect(b.expectation).toEqual(a.expectation);
    expect(runB.result().bySegment['consumers']).toEqual(runA.result().bySegment['consumers']);
    expect(runB.result().bySegment['key-accounts']).toEqual(runA.result().bySegment['key-accounts']);
  });
  it('the changed segment does change, but its customers keep their luck', () => {
    const a = runA.customerSnapshot('small-business');
    const b = runB.customerSnapshot('small-business');
    expect(b.satisfaction).not.toEqual(a.satisfaction);
    // Customers present in both runs are the same people (same keys) whatever the strategy.
    const inB = new Set(b.key);
    const common = a.key.filter((k) => inB.has(k));
    expect(common.length).toBeGreaterThan(0.8 * a.key.length);
  });
  it('a small slider move gives a small, proportional change (no chaos)', () => {
    const at = (dq: number) => {
      const s1: Strategy = JSON.parse(JSON.stringify(base));
      s1.quality = base.quality + dq;
      return simulate(market, s1, { seed: 5, quarters: 20 }).overall[19]!;
    };
    const r0 = at(0);
    const small = (at(0.001).customers - r0.customers) / r0.customers;
    const larger = (at(0.01).customers - r0.customers) / r0.customers;
    expect(Math.abs(small)).toBeLessThan(0.003);
    // Ten times the move gives roughly ten times the change (between 4× and 25×).
    expect(larger / small).toBeGreaterThan(4);
    expect(larger / small).toBeLessThan(25);
  });
});

function checkRow(r: QuarterRow, prevCustomers: number): void {
  expect(r.customersAtStart).toBe(prevCustomers);
  expect(r.customers).toBe(r.customersAtStart + r.newCustomers - r.lostTotal);
  expect(r.lostTotal).toBe(r.lost.company + r.lost.competitor + r.lost.customer);
  expect(r.retentionRate).toBeGreaterThanOrEqual(0);
  expect(r.retentionRate).toBeLessThanOrEqual(1);
  if (r.customers > r.newCustomers) {
    expect(r.meanSatisfaction).toBeGreaterThanOrEqual(1);
    expect(r.meanSatisfaction).toBeLessThanOrEqual(5);
    const sh = r.satisfactionShare;
    expect(sh.dissatisfied + sh.satisfied + sh.delighted).toBeCloseTo(1, 12);
  }
  for (const v of Object.values(r.satisfactionShare)) expect(v).toBeGreaterThanOrEqual(0);
  expect(r.spuriousLoyal).toBeLessThanOrEqual(r.customers);
  expect(r.trueLoyal + r.spuriousLoyal).toBeLessThanOrEqual(r.customers);
  expect(r.profit).toBeCloseTo(r.margin - r.relationshipCost - r.acquisitionCost, 6);
  for (const v of [r.revenue, r.relationshipCost, r.acquisitionCost, r.newCustomers, r.lostTotal]) expect(v).toBeGreaterThanOrEqual(0);
  for (const v of Object.values(r)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
}

describe('conservation and ranges', () => {
  it('start + acquired − lost = end, per segment and per quarter, for every preset', () => {
    for (const id of PRESET_IDS) {
      const m = getPreset(id);
      const r = simulate(m, defaultStrategy(m), { seed: 3, quarters: 8, customersScale: 0.2 });
      m.segments.forEach((s) => {
        let prev = Math.round(s.initialCustomers * 0.2);
        for (const row of r.bySegment[s.id]!) {
          checkRow(row, prev);
          prev = row.customers;
        }
      });
      let prev = m.segments.reduce((a, s) => a + Math.round(s.initialCustomers * 0.2), 0);
      for (const row of r.overall) {
        checkRow(row, prev);
        prev = row.customers;
      }
      const last = r.overall.at(-1)!;
      const sum = (f: (q: QuarterRow) => number) => m.segments.reduce((a, s) => a + f(r.bySegment[s.id]!.at(-1)!), 0);
      expect(last.customers).toBe(sum((q) => q.customers));
      expect(last.profit).toBeCloseTo(
        sum((q) => q.profit),
        6,
      );
      expect(last.customerEquity).toBeCloseTo(
        sum((q) => q.customerEquity),
        4,
      );
    }
  });
  it('rejects invalid strategies with a message naming the field', () => {
    expect(() => simulate(market, { ...base, promiseLevel: 7 }, { seed: 1, quarters: 1 })).toThrow(/promiseLevel/);
    const bad: Strategy = JSON.parse(JSON.stringify(base));
    bad.segments['consumers']!.investment.proactive = -1;
    expect(() => simulate(market, bad, { seed: 1, quarters: 1 })).toThrow(/consumers\.investment\.proactive/);
  });
});

describe('size limit', () => {
  it('refuses a run whose start is over the limit before allocating, and one whose base outgrows it', () => {
    expect(() => new MarketModel(market, base, { seed: 1, quarters: 4, maxCustomers: 9_999 })).toThrow(RunTooLargeError);
    expect(() => new MarketModel(market, base, { seed: 1, quarters: 4, customersScale: 1e6 })).toThrow(/customers the model holds/);
    // The default market gains customers every quarter: a limit just above its start is passed in quarter 1.
    const model = new MarketModel(market, base, { seed: 1, quarters: 4, maxCustomers: 10_050 });
    try {
      model.step();
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RunTooLargeError);
      expect((e as RunTooLargeError).quarter).toBe(1);
      expect((e as RunTooLargeError).customers).toBeGreaterThan(10_050);
    }
    expect(simulate(market, base, { seed: 1, quarters: 4, maxCustomers: 20_000 })).toEqual(
      simulate(market, base, { seed: 1, quarters: 4 }),
    );
  });
});

describe('MarketModel', () => {
  it('reset() + N steps equals a fresh run, and simulate() shares the same step', () => {
    const model = new MarketModel(market, base, { seed: 11, quarters: 10 });
    for (let q = 0; q < 6; q++) model.step();
    const changed: Strategy = JSON.parse(JSON.stringify(base));
    changed.promiseLevel = 4.5;
    model.setStrategy(changed);
    model.step();
    model.reset();
    expect(model.quarter).toBe(0);
    for (let q = 0; q < 10; q++) model.step();
    expect(model.result()).toEqual(simulate(market, base, { seed: 11, quarters: 10 }));
  });
  it('setStrategy takes effect from the next step and is recorded', () => {
    const model = new MarketModel(market, base, { seed: 11, quarters: 4 });
    model.step();
    const changed: Strategy = JSON.parse(JSON.stringify(base));
    changed.acquisitionSpendPerQuarter = 0;
    model.setStrategy(changed);
    model.step();
    const r = model.result();
    const ref = simulate(market, base, { seed: 11, quarters: 2 });
    expect(r.overall[0]).toEqual(ref.overall[0]);
    expect(r.overall[1]!.acquisitionCost).toBeLessThan(ref.overall[1]!.acquisitionCost);
    expect(r.strategyHistory.map((h) => h.fromQuarter)).toEqual([1, 2]);
  });
});

/** Calls of hash2/uniform whose purpose is a bare number, and inlined mixes of a bare number. */
function barePurposes(src: string): string[] {
  return [
    ...src.matchAll(/\bhash2\(\s*[^,()]+,\s*\d[^)]*\)/g),
    ...src.matchAll(/\buniform\(\s*[^,()]+,\s*[^,()]+,\s*\d[^)]*\)/g),
    ...src.matchAll(/Math\.imul\(\(\s*\d[^)]*\)/g),
  ].map((m) => m[0]);
}

describe('random purposes', () => {
  const engineSrc = readFileSync(new URL('../../../simulations/engine.ts', import.meta.url), 'utf8');
  // A traced customer's quarter is explained in observer.ts with the same draws.
  const observerSrc = readFileSync(new URL('../../../simulations/observer.ts', import.meta.url), 'utf8');
  it('every draw in the engine names its purpose (no bare numbers)', () => {
    expect(barePurposes('this.tenure[j] = hash2(k, 7) % 12; uniform(sk, t, 11); Math.imul((2 + 0x632be5ab) | 0, 1)')).toHaveLength(3);
    expect(barePurposes(engineSrc)).toEqual([]);
    expect(barePurposes(observerSrc)).toEqual([]);
    expect(engineSrc).toMatch(/PURPOSE\.initialTenure/);
  });
  it('purposes are distinct numbers', () => {
    const values = Object.values(PURPOSE);
    expect(new Set(values).size).toBe(values.length);
  });

  // The draws below are recomputed with uniform()/hash2() and compared with what the engine did,
  // so the inlined hashing of the hot loop must equal the documented counter-based draws.
  it('the initial base: keys, expectations, satisfaction and tenure come from their named draws', () => {
    const model = new MarketModel(market, base, { seed: 'draws', quarters: 1 });
    const p = market.segments[0]!;
    const snap = model.customerSnapshot(p.id);
    const segKey = segmentKey(seedKey('draws'), p.id);
    const tri = (h: number) => ((h >>> 16) + (h & 0xffff)) / 65536 - 1;
    const clamp = (x: number) => Math.min(5, Math.max(1, x));
    expect(snap.key).toHaveLength(p.initialCustomers);
    for (let o = 0; o < snap.key.length; o += 97) {
      const k = customerKey(segKey, 0, o);
      expect(snap.key[o]).toBe(k);
      expect(snap.expectation[o]).toBe(clamp(p.expectationMean + p.expectationSpread * tri(hash2(k, PURPOSE.initialExpectation))));
      expect(snap.satisfaction[o]).toBe(clamp(4 + 0.5 * tri(hash2(k, PURPOSE.initialSatisfaction))));
      expect(snap.tenure[o]).toBe(hash2(k, PURPOSE.initialTenure) % 12);
    }
  });
  it('the churn draw of the hot loop is uniform(key, quarter, PURPOSE.churn)', () => {
    // Satisfaction dynamics off: the only hazard is the customer's own reason, so a customer leaves
    // in quarter t exactly when their churn draw falls below it.
    const m = getPreset('constant-retention');
    const hazard = m.segments[0]!.naturalChurnPerQuarter;
    const model = new MarketModel(m, defaultStrategy(m), { seed: 'churn', quarters: 4 });
    for (let t = 1; t <= 4; t++) {
      const before = model.customerSnapshot('customers').key;
      model.step();
      const after = new Set(model.customerSnapshot('customers').key);
      const expected = before.filter((k) => uniform(k, t, PURPOSE.churn) >= hazard);
      expect(expected.length).toBeLessThan(before.length);
      expect([...after]).toEqual(expected);
    }
  });
  it('the noise and incident draws of the hot loop are uniform(key, quarter, PURPOSE.noise / .incident)', () => {
    // No relationship spend: perceived performance is quality + noise − an unrecovered incident,
    // so each survivor's new satisfaction follows from their two draws alone.
    const m = getPreset('default');
    const p = m.segments[0]!;
    const strat = uniformLevelStrategy(m, 'basic');
    const model = new MarketModel(m, strat, { seed: 'noise', quarters: 3 });
    model.step();
    model.step();
    const t = 3;
    const before = model.customerSnapshot(p.id);
    model.step();
    const after = model.customerSnapshot(p.id);
    const mech = m.mechanisms;
    let incidents = 0;
    let checked = 0;
    const start = new Map(before.key.map((k, j) => [k, j]));
    after.key.forEach((k, i) => {
      const j = start.get(k);
      if (j === undefined) return; // arrived this quarter
      const hn = uniform(k, t, PURPOSE.noise) * 4294967296;
      const noise = ((hn >>> 16) + (hn & 0xffff)) / 65536 - 1;
      let P = strat.quality + p.performanceNoise * noise;
      if (uniform(k, t, PURPOSE.incident) < p.incidentProbabilityPerQuarter) {
        P -= p.incidentSeverity;
        incidents++;
      }
      const D = P - before.expectation[j]!;
      const d = D >= 0 ? D : mech.lossAversion * D;
      const S = before.satisfaction[j]!;
      expect(after.satisfaction[i]).toBe(
        Math.min(5, Math.max(1, S + (1 - mech.satisfactionInertia) * (4 + mech.satisfactionSlope * d - S))),
      );
      checked++;
    });
    expect(checked).toBeGreaterThan(5000);
    expect(incidents).toBeGreaterThan(10);
  });
});

describe('purity of simulations/', () => {
  it('no Math.random, clock, DOM or built-in transcendental functions in the model sources', () => {
    // Frozen engines of released versions (released/<version>/) are model sources too.
    const dir = new URL('../../../simulations/', import.meta.url);
    const model = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !['cli.ts', 'bench.ts', 'goldens.ts'].includes(f),
    );
    expect(model.length).toBeGreaterThan(5);
    expect(model).toContain('released/1.0.0/engine.ts');
    for (const f of model) {
      const src = readFileSync(new URL(f, dir), 'utf8');
      expect(src, f).not.toMatch(/Math\.random|Date\.now|new Date|performance\.now|\bwindow\.|\bdocument\./);
      expect(src, f).not.toMatch(/Math\.(exp|log|pow|expm1|log1p|log2|log10|sin|cos|tanh)\s*\(/);
    }
  });
});

describe('scheduled events and brand act in the engine', () => {
  const run = (events: import('../../../simulations/index.ts').MarketEvent[], tweak?: (m: ReturnType<typeof getPreset>) => void) => {
    const m = getPreset('default');
    m.events = events;
    tweak?.(m);
    return simulate(m, defaultStrategy(m), { seed: 21, quarters: 6 });
  };
  const none = run([]);
  const seg = (r: ReturnType<typeof run>, id: string, q: number) => r.bySegment[id]![q - 1]!;
  it('quarters before an event are untouched (common random numbers)', () => {
    const r = run([{ quarter: 4, type: 'qualityIncident', magnitude: 0.5 }]);
    expect(r.overall.slice(0, 3)).toEqual(none.overall.slice(0, 3));
  });
  it('each event type moves the series it should, in its segment only', () => {
    const promo = run([{ quarter: 3, type: 'rivalPromotion', segment: 'consumers', magnitude: 1.5 }]);
    expect(seg(promo, 'consumers', 3).lost.competitor).toBeGreaterThan(seg(none, 'consumers', 3).lost.competitor);
    expect(promo.bySegment['key-accounts']).toEqual(none.bySegment['key-accounts']);
    const programme = run([{ quarter: 2, type: 'rivalLoyaltyProgramme', magnitude: 1 }]);
    expect(seg(programme, 'small-business', 6).lost.competitor).toBeGreaterThan(seg(none, 'small-business', 6).lost.competitor);
    const incident = run([{ quarter: 3, type: 'qualityIncident', magnitude: 0.6 }]);
    expect(seg(incident, 'consumers', 3).meanSatisfaction).toBeLessThan(seg(none, 'consumers', 3).meanSatisfaction);
    const demand = run([{ quarter: 3, type: 'demandShock', magnitude: 1 }]);
    expect(demand.overall[2]!.newCustomers).toBeGreaterThan(1.5 * none.overall[2]!.newCustomers);
    const bonded = (m: ReturnType<typeof getPreset>) => (m.segments[0]!.financialBond = 0.6);
    const removed = run([{ quarter: 3, type: 'bondsRemoved', segment: 'consumers', magnitude: 1 }], bonded);
    expect(seg(removed, 'consumers', 3).lostTotal).toBeGreaterThan(seg(run([], bonded), 'consumers', 3).lostTotal);
  });
  it('a stronger brand brings more customers and fewer competitor losses; a weak one the reverse', () => {
    const brand = (b: number) => run([], (m) => (m.firm.brandStrength = b));
    const strong = brand(4.5);
    const weak = brand(1);
    const sum = (r: ReturnType<typeof run>, f: (q: QuarterRow) => number) => r.overall.reduce((a, q) => a + f(q), 0);
    expect(sum(strong, (q) => q.newCustomers)).toBeGreaterThan(sum(none, (q) => q.newCustomers));
    expect(sum(strong, (q) => q.lost.competitor)).toBeLessThan(sum(none, (q) => q.lost.competitor));
    expect(sum(weak, (q) => q.lost.competitor)).toBeGreaterThan(sum(none, (q) => q.lost.competitor));
    for (const q of weak.overall) expect(Number.isFinite(q.customerEquity)).toBe(true);
  });
});
