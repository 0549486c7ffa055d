// The lab's reactive bridge without a page (engine run at once by the synchronous runner): settings are clamped,
// presets detected, runs re-simulated, the baseline re-run on the current seed (same customers), play controls
// move the revealed quarter, a market change keeps what the learner changed, a picked customer is traced.
import { describe, expect, it, vi } from 'vitest';
import { LabState } from '@/features/market-lab/LabState.svelte';
import { createSyncRunner } from '@/features/market-lab/syncRunner';
import { simulate, simulateObserved } from '@sim/index';
import { defaultSettings, labLimits, marketById } from '@/features/market-lab/limits';
import { toRunOptions, toStrategy } from '@/features/market-lab/strategy';
import { encodeSettings } from '@/features/market-lab/urlState';
import type { EngineRunner, LabRun } from '@/features/market-lab/runTypes';

const newLab = () => new LabState({ runner: createSyncRunner() });

describe('LabState', () => {
  it('shows no run until a runner is attached, then the engine numbers', () => {
    const lab = new LabState();
    expect(lab.run).toBeNull();
    lab.attach(createSyncRunner());
    const expected = simulate(marketById('default'), toStrategy(lab.settings), toRunOptions(lab.settings));
    expect(lab.run!.overall).toEqual(expected.overall);
    expect(lab.busy).toBe(false);
  });

  it('re-simulates when a setting changes, with exactly the engine numbers', () => {
    const lab = newLab();
    lab.setScalar('quarters', 8);
    const first = lab.run!.overall[7].customerEquity;
    expect(lab.setScalar('quality', 4.24)).toBe(4.2);
    expect(lab.run!.overall[7].customerEquity).not.toBe(first);
    const expected = simulate(marketById('default'), toStrategy(lab.settings), toRunOptions(lab.settings));
    expect(lab.run!.overall).toEqual(expected.overall);
    // The census and the events come with the run (the market view and the charts' markers).
    expect(lab.current!.census!.quarters).toBe(8);
    expect(lab.current!.events.every((e) => e.toQuarter <= 8)).toBe(true);
  });

  it('clamps impossible values to the declared ranges', () => {
    const lab = newLab();
    expect(lab.setScalar('promiseLevel', 9)).toBe(5);
    expect(lab.setScalar('quarters', 1)).toBe(4);
    expect(lab.setInvestment('consumers', 'reactive', -3)).toBe(0);
    expect(lab.setScalar('seed', 12.7)).toBe(13);
  });

  it('detects presets and custom spend', () => {
    const lab = newLab();
    lab.setPreset('consumers', 'partnership');
    expect(lab.presetOf('consumers')).toBe('partnership');
    lab.setInvestment('consumers', 'proactive', 1);
    expect(lab.presetOf('consumers')).toBe('custom');
    expect(lab.query).toMatch(/s\.consumers=\d/);
  });

  it('re-runs the pinned baseline on the current seed, so both runs meet the same customers', () => {
    const lab = newLab();
    lab.setScalar('quarters', 6);
    lab.pinBaseline();
    expect(lab.baselineRun!.overall).toEqual(lab.run!.overall);
    lab.setPreset('key-accounts', 'basic');
    lab.setScalar('seed', 99);
    expect(lab.baselineRun!.seed).toBe('99');
    expect(lab.baselineRun!.overall).not.toEqual(lab.run!.overall);
    lab.setMarket('competitive');
    expect(lab.baselineRun).toBeNull();
    expect(lab.baselineSettings).toBeNull();
  });

  it('puts the pinned baseline in the query, and a query with one restores the comparison', () => {
    const lab = newLab();
    lab.setScalar('quarters', 6);
    lab.setPreset('consumers', 'proactive');
    lab.pinBaseline();
    lab.setPreset('consumers', 'basic');
    lab.setScalar('quality', 4.5);
    expect(lab.query).toMatch(/&b=1/);
    expect(lab.query).toMatch(/b\.s\.consumers=proactive/);
    expect(lab.query).not.toMatch(/b\.q=/); // the baseline's quality is the market default: left out
    const again = newLab();
    again.loadFromQuery(`?${lab.query}`);
    expect(again.urlProblems).toEqual([]);
    expect(again.baselineSettings).toEqual(lab.baselineSettings);
    expect(again.baselineRun!.overall).toEqual(lab.baselineRun!.overall);
    expect(again.run!.overall).toEqual(lab.run!.overall);
    lab.clearBaseline();
    expect(lab.query).not.toMatch(/b=|b\./);
  });

  it('a market change keeps what the learner changed and follows the new defaults elsewhere', () => {
    const lab = newLab();
    lab.setScalar('promiseLevel', 4.4);
    lab.setPreset('consumers', 'proactive');
    lab.setScalar('seed', 77);
    lab.setMarket('kotler-many-high');
    const fresh = defaultSettings('kotler-many-high');
    expect(lab.settings.marketId).toBe('kotler-many-high');
    expect(lab.settings.promiseLevel).toBe(4.4);
    expect(lab.settings.quality).toBe(fresh.quality);
    expect(lab.settings.seed).toBe(77);
    expect(Object.keys(lab.settings.investment)).toEqual(labLimits.segmentIds('kotler-many-high'));
    // A control of a segment the new market lacks may still report a value while it is being removed: ignored.
    expect(() => lab.setInvestment('key-accounts', 'reactive', 3)).not.toThrow();
    expect(() => lab.setPreset('key-accounts', 'basic')).not.toThrow();
    expect(lab.investmentRange('key-accounts', 'reactive')).toBeNull();
    expect(lab.run!.marketId).toBe('kotler-many-high');
  });

  it('steps, resets, scrubs and shows the whole run; Space-style toggling plays and pauses', () => {
    const lab = newLab();
    lab.setScalar('quarters', 5);
    expect(lab.visibleQuarters).toBe(5);
    lab.reset();
    expect(lab.visibleQuarters).toBe(1);
    lab.step();
    lab.step();
    expect(lab.visibleQuarters).toBe(3);
    lab.scrub(9);
    expect(lab.visibleQuarters).toBe(5);
    lab.scrub(2.4);
    expect(lab.visibleQuarters).toBe(2);
    lab.showAll();
    expect(lab.visibleQuarters).toBe(5);
    lab.step();
    expect(lab.visibleQuarters).toBe(1);
    lab.togglePlay();
    expect(lab.playing).toBe(true);
    lab.togglePlay();
    expect(lab.playing).toBe(false);
  });

  it('traces a picked customer in the run and the baseline: the engine trace of that key', () => {
    const lab = newLab();
    lab.setScalar('quarters', 10);
    lab.pinBaseline();
    lab.setPreset('consumers', 'partnership');
    const key = lab.current!.census!.key[5];
    lab.pickCustomer(key);
    const expected = simulateObserved(marketById('default'), toStrategy(lab.settings), toRunOptions(lab.settings), { trace: [key] });
    expect(lab.story).toEqual(expected.traces[0]);
    const base = simulateObserved(marketById('default'), toStrategy(lab.baselineSettings!), toRunOptions(lab.settings), {
      trace: [key],
    });
    expect(lab.baselineStory).toEqual(base.traces[0]);
    lab.setScalar('seed', 5);
    expect(lab.storyKey).toBeNull();
    expect(lab.story).toBeNull();
  });

  it('runs the neighbours of the control in use ahead, once the result is painted, so the next step is shown without a run', () => {
    vi.useFakeTimers();
    const sync = createSyncRunner();
    const asked: string[] = [];
    const ahead: string[] = [];
    const runner: EngineRunner = {
      run: (slot, job, done, failed) => {
        asked.push(job.key);
        sync.run(slot, job, done, failed);
      },
      prefetch: (jobs, done) => {
        ahead.push(...jobs.map((j) => j.key));
        sync.prefetch(jobs, done);
      },
      dispose: () => {},
    };
    const lab = new LabState({ runner });
    lab.setScalar('quarters', 6);
    lab.setScalar('quality', 3.6);
    // Speculative runs wait until the frame showing the result has been painted.
    expect(ahead.some((k) => k.includes('q=3.7'))).toBe(false);
    vi.runAllTimers();
    expect(ahead.some((k) => k.includes('q=3.7'))).toBe(true);
    const runs = asked.length;
    lab.setScalar('quality', 3.7);
    expect(asked.length).toBe(runs);
    // On from 3.7: the next value up is run ahead (3.6, just shown, is kept and not run again).
    vi.runAllTimers();
    expect(ahead.some((k) => k.includes('q=3.8'))).toBe(true);
    expect(ahead.filter((k) => k.includes('q=3.6'))).toHaveLength(0);
    expect(lab.run!.overall).toEqual(simulate(marketById('default'), toStrategy(lab.settings), toRunOptions(lab.settings)).overall);
    // A level preset: the levels beside the current one.
    lab.focusControl({ kind: 'preset', segment: 'consumers' });
    lab.setPreset('consumers', 'accountable');
    expect(asked.length).toBe(runs);
    expect(lab.presetOf('consumers')).toBe('accountable');
    expect(lab.run!.overall).toEqual(simulate(marketById('default'), toStrategy(lab.settings), toRunOptions(lab.settings)).overall);
    vi.useRealTimers();
  });

  it('never lets a late result replace the newest one already on screen', () => {
    vi.useFakeTimers();
    const pending: { key: string; done: (r: LabRun) => void }[] = [];
    const sync = createSyncRunner();
    const runner: EngineRunner = {
      run: (_slot, job, done) => pending.push({ key: job.key, done: () => sync.run('current', job, done, () => {}) }),
      prefetch: (jobs, done) => sync.prefetch(jobs, done),
      dispose: () => {},
    };
    const lab = new LabState({ runner });
    pending.shift()!.done({} as LabRun);
    lab.setScalar('quarters', 6);
    pending.shift()!.done({} as LabRun);
    expect(lab.busy).toBe(false);
    vi.runAllTimers(); // the frame is painted: the neighbours of 6 are run ahead
    lab.setScalar('quarters', 10); // asked of the worker, still running
    expect(lab.busy).toBe(true);
    lab.setScalar('quarters', 7); // run ahead beside 6: shown at once
    expect(lab.run!.quarters).toBe(7);
    expect(lab.busy).toBe(false);
    pending.shift()!.done({} as LabRun); // the late answer for 10
    expect(lab.run!.quarters).toBe(7);
    vi.useRealTimers();
  });

  it('loads a query and lists what it could not use', () => {
    const lab = newLab();
    lab.loadFromQuery('?v=1&seed=31&h=999');
    expect(lab.settings.seed).toBe(31);
    expect(lab.urlProblems).toEqual([{ kind: 'invalid', name: 'h', value: '999' }]);
    expect(lab.urlProblemCount).toBe(1);
    expect(lab.query).toBe(encodeSettings(lab.settings, labLimits));
  });
});
