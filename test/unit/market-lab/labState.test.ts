// The lab's reactive bridge without a page: settings are clamped, presets detected, runs re-simulated at once,
// the baseline re-run on the current seed (same customers), play controls move the revealed quarter.
import { describe, expect, it } from 'vitest';
import { LabState } from '@/features/market-lab/LabState.svelte';
import { simulate } from '@sim/index';
import { marketById } from '@/features/market-lab/limits';
import { toRunOptions, toStrategy } from '@/features/market-lab/strategy';

describe('LabState', () => {
  it('re-simulates when a setting changes, with exactly the engine numbers', () => {
    const lab = new LabState();
    lab.setScalar('quarters', 8);
    const first = lab.run.overall[7].customerEquity;
    expect(lab.setScalar('quality', 4.24)).toBe(4.2);
    expect(lab.run.overall[7].customerEquity).not.toBe(first);
    const expected = simulate(marketById('default'), toStrategy(lab.settings), toRunOptions(lab.settings));
    expect(lab.run.overall).toEqual(expected.overall);
  });

  it('clamps impossible values to the declared ranges', () => {
    const lab = new LabState();
    expect(lab.setScalar('promiseLevel', 9)).toBe(5);
    expect(lab.setScalar('quarters', 1)).toBe(4);
    expect(lab.setInvestment('consumers', 'reactive', -3)).toBe(0);
    expect(lab.setScalar('seed', 12.7)).toBe(13);
  });

  it('detects presets and custom spend', () => {
    const lab = new LabState();
    lab.setPreset('consumers', 'partnership');
    expect(lab.presetOf('consumers')).toBe('partnership');
    lab.setInvestment('consumers', 'proactive', 1);
    expect(lab.presetOf('consumers')).toBe('custom');
    expect(lab.query).toMatch(/s\.consumers=\d/);
  });

  it('re-runs the pinned baseline on the current seed, so both runs meet the same customers', () => {
    const lab = new LabState();
    lab.setScalar('quarters', 6);
    lab.pinBaseline();
    expect(lab.baselineRun!.overall).toEqual(lab.run.overall);
    lab.setPreset('key-accounts', 'basic');
    lab.setScalar('seed', 99);
    expect(lab.baselineRun!.seed).toBe('99');
    expect(lab.baselineRun!.overall).not.toEqual(lab.run.overall);
    lab.setMarket('competitive');
    expect(lab.baselineRun).toBeNull();
  });

  it('steps, resets and shows the whole run', () => {
    const lab = new LabState();
    lab.setScalar('quarters', 5);
    expect(lab.visibleQuarters).toBe(5);
    lab.reset();
    expect(lab.visibleQuarters).toBe(1);
    lab.step();
    lab.step();
    expect(lab.visibleQuarters).toBe(3);
    lab.showAll();
    expect(lab.visibleQuarters).toBe(5);
    lab.step();
    expect(lab.visibleQuarters).toBe(1);
  });

  it('loads a query and lists what it could not use', () => {
    const lab = new LabState();
    lab.loadFromQuery('?v=1&seed=31&h=999');
    expect(lab.settings.seed).toBe(31);
    expect(lab.urlProblems).toEqual([{ kind: 'invalid', name: 'h', value: '999' }]);
    expect(lab.urlProblemCount).toBe(1);
  });
});
