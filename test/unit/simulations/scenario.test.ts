// The scenario schema and helpers: valid files parse, errors name the file and the field,
// scheduled events act in the engine, re-simulation of rounds is deterministic and enforces locks.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { levelPresetInvestment, simulate } from '../../../simulations/index.ts';
import {
  parseScenario,
  ScenarioError,
  scenarioInitialStrategy,
  scenarioMarket,
  scenarioRun,
  scenarioScore,
} from '../../../simulations/scenario.ts';
import { sample } from './fixtures.ts';

describe('parseScenario', () => {
  it('accepts a valid scenario and fills defaults', () => {
    const s = parseScenario(sample, 'rival.yaml');
    expect(s.seed).toBe('class-1');
    expect(s.controls.locked).toEqual(['quality']);
  });
  it('names the file and the field path of a wrong field', () => {
    const bad = JSON.parse(JSON.stringify(sample));
    bad.events[0].type = 'meteorStrike';
    bad.title.zh = '';
    try {
      parseScenario(bad, 'content/scenarios/rival.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      const msg = (e as Error).message;
      expect(msg).toContain('content/scenarios/rival.yaml');
      expect(msg).toContain('events.0.type');
      expect(msg).toContain('title.zh');
    }
  });
  it('rejects unknown segments, unknown controls, unknown fields and late events', () => {
    const cases: [(s: any) => void, string][] = [
      [(s) => (s.controls.visible = ['investment.pets.reactive']), 'controls.visible.0'],
      [(s) => (s.controls.visible = ['volume']), 'controls.visible.0'],
      [(s) => (s.market.overrides.segments = { pets: {} }), 'market.overrides.segments.pets'],
      [(s) => (s.market.overrides.segments['small-business'].marginRate = 3), 'market.overrides.segments.small-business.marginRate'],
      [(s) => (s.extra = 1), '(root)'],
      [(s) => (s.events[0].quarter = 99), 'events.0.quarter'],
      [(s) => (s.id = 'Rival Strikes'), 'id'],
      [(s) => (s.market.preset = 'mars'), 'market.preset'],
    ];
    for (const [mutate, path] of cases) {
      const bad = JSON.parse(JSON.stringify(sample));
      mutate(bad);
      expect(() => parseScenario(bad, 'x.json'), path).toThrow(path);
    }
  });
});

describe('reserved keys', () => {
  // JSON.parse and the yaml package both keep "__proto__" as an own key; zod records drop it silently.
  const places: [string, (key: string) => string][] = [
    ['market.overrides.segments', (k) => `"segments":{"${k}":{"financialBond":0.9},`],
    ['market.overrides.mechanisms', (k) => `"mechanisms":{"${k}":{"lossAversion":5}},"segments":{`],
    ['initialStrategy.segments', (k) => `"initialStrategy":{"segments":{"${k}":{"level":"basic"},`],
    ['market.overrides.segments.small-business', (k) => `"segments":{"small-business":{"${k}":{"financialBond":0.9},`],
    ['(root)', (k) => `"${k}":{"rounds":9},"id":`],
  ];
  const text = JSON.stringify(sample);
  const anchors = ['"segments":{', '"segments":{', '"initialStrategy":{"segments":{', '"segments":{"small-business":{', '"id":'];
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    places.forEach(([where, insert], i) => {
      it(`refuses "${key}" in ${where}, in JSON and in YAML, naming the field`, () => {
        const anchor = anchors[i]!;
        expect(text).toContain(anchor);
        const hostile = text.replace(anchor, insert(key));
        const field = `${where === '(root)' ? '' : `${where}.`}${key}`;
        for (const data of [JSON.parse(hostile), parseYaml(hostile)]) {
          expect(() => parseScenario(data, 'x.json')).toThrow(`at ${field}: "${key}" is a reserved name`);
        }
      });
    });
  }
  it('lists at most 20 problems and shortens long keys and values', () => {
    const bad = JSON.parse(JSON.stringify(sample));
    for (let k = 0; k < 50; k++) bad[`${'k'.repeat(5000)}${k}`] = 1;
    bad.market.overrides.segments[`${'s'.repeat(5000)}`] = {};
    try {
      parseScenario(bad, 'x.json');
      expect.unreachable();
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg.length).toBeLessThan(5000);
      expect(msg).not.toContain('s'.repeat(100));
      expect(msg).not.toContain('k'.repeat(200));
      expect(msg).toContain('market.overrides.segments.sss');
    }
  });
});

describe('scenario runs', () => {
  const s = parseScenario(sample, 'rival.yaml');
  const market = scenarioMarket(s);
  const initial = scenarioInitialStrategy(s, market);

  it('applies overrides and the initial strategy', () => {
    expect(market.segments.find((x) => x.id === 'small-business')!.financialBond).toBe(0.5);
    expect(initial.segments['consumers']!.investment).toEqual(levelPresetInvestment(market, 'consumers', 'basic'));
  });
  it('scheduled events act in the engine', () => {
    const withEvent = simulate(market, initial, { seed: s.seed, quarters: 8 }).bySegment['small-business']!;
    const without = simulate({ ...market, events: [] }, initial, { seed: s.seed, quarters: 8 }).bySegment['small-business']!;
    expect(withEvent[3]).toEqual(without[3]);
    expect(withEvent[4]!.lost.competitor).toBeGreaterThan(without[4]!.lost.competitor);
  });
  it('re-simulates rounds deterministically and equals a model run with the same decisions', () => {
    const second = { ...initial, promiseLevel: 3 };
    const decisions = [initial, second, second];
    const a = scenarioRun(s, decisions);
    const b = scenarioRun(s, decisions);
    expect(a).toEqual(b);
    expect(a.quarters).toBe(12);
    expect(a.strategyHistory.map((h) => h.fromQuarter)).toEqual([1, 5]);
    const partial = scenarioRun(s, decisions.slice(0, 2));
    expect(partial.overall).toEqual(a.overall.slice(0, 8));
  });
  it('refuses a decision that moves a locked control, or too many rounds', () => {
    expect(() => scenarioRun(s, [{ ...initial, quality: 4 }])).toThrow(/locked control "quality"/);
    expect(() => scenarioRun(s, [initial, initial, initial, initial])).toThrow(/3 rounds/);
  });
  it('scores as the share of the target reached, clamped to [0, 1]', () => {
    const r = scenarioRun(s, [initial, initial, initial]);
    const sc = scenarioScore(s, r);
    expect(sc.value).toBe(r.overall[11]!.customerEquity);
    expect(sc.score).toBeCloseTo(Math.min(1, Math.max(0, sc.value / 5e7)), 12);
  });
});
