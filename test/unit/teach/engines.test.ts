// Every released model version still verifies. The bump is made in a fixture: a "current" engine
// `<MODEL_VERSION>-bump-test` whose one parameter differs, plus the frozen copy of today's version
// loaded on demand; a file made today must verify through the frozen copy after the bump, and an
// unknown version is reported as such.
import { describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '@sim/index';
import { currentRelease, type ModelRelease } from '@sim/release';
import { RELEASED } from '@sim/released/index';
import type { Scenario } from '@sim/scenario';
import { EngineRegistry, engines } from '@/features/teach/engines';
import { claimedFrom, makeReplayContext, playScenario, teachControls } from '@/features/teach/replay';
import { createResultFile, serializeResultFile, type Decision, type ResultFile } from '@/features/teach/resultFile';
import { parseResultFile, verifyResultFile } from '@/features/teach/resultCheck';
import { loadScenarios } from './fixtures';

const scenarios = loadScenarios();
const scenario = scenarios.find((s) => s.id === 'budget-cut') ?? scenarios[0]!;
/** Today's version, released and frozen, and the version of the fixture's bump. */
const OLD = MODEL_VERSION;
const NEW = `${MODEL_VERSION}-bump-test`;
const frozenOld = () => RELEASED[OLD]!();

/**
 * The current engine with lossAversion moved by 0.05 in every scenario market: what a bump would
 * bring (well beyond the board's 1e-9 tolerance, as a real change of the model would be).
 */
function bumpedRelease(version: string): ModelRelease {
  const nudge = (s: Scenario): Scenario => {
    const o = s.market.overrides;
    const base = o?.mechanisms?.lossAversion ?? currentRelease.getPreset(s.market.preset).mechanisms.lossAversion;
    return { ...s, market: { ...s.market, overrides: { ...o, mechanisms: { ...o?.mechanisms, lossAversion: base + 0.05 } } } };
  };
  return {
    ...currentRelease,
    MODEL_VERSION: version,
    scenarioMarket: (s) => currentRelease.scenarioMarket(nudge(s)),
    scenarioInitialStrategy: (s, m) => currentRelease.scenarioInitialStrategy(nudge(s), m),
    scenarioRun: (s, d) => currentRelease.scenarioRun(nudge(s), d),
  };
}

function decisions(s: Scenario, release: ModelRelease): Decision[] {
  const open = teachControls(s, release).filter((c) => !c.locked);
  return Array.from({ length: s.rounds }, (_, r) =>
    Object.fromEntries(open.map((c) => [c.id, r % 2 === 0 ? c.initial : (c.min + c.max) / 2])),
  );
}

function fileFrom(release: ModelRelease, s: Scenario, seed: string): ResultFile {
  const d = decisions(s, release);
  return createResultFile({
    scenarioId: s.id,
    scenarioVersion: s.version,
    seed,
    locks: [],
    modelVersion: release.MODEL_VERSION,
    decisions: d,
    claimed: claimedFrom(playScenario(s, seed, d, [], release)),
  });
}

/** Through the file's text, as a student's file reaches the board. */
function relabel(file: ResultFile, modelVersion: string): ResultFile {
  const o = JSON.parse(serializeResultFile(file)) as ResultFile;
  o.modelVersion = modelVersion;
  const parsed = parseResultFile(JSON.stringify(o));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.file;
}

describe(`after a model version bump (fixture: ${OLD} → ${NEW})`, () => {
  it(`a ${OLD} file verifies through the frozen ${OLD} engine, loaded once and only when such a file arrives`, async () => {
    let loads = 0;
    const registry = new EngineRegistry(bumpedRelease(NEW), {
      [OLD]: () => {
        loads++;
        return frozenOld();
      },
    });
    const ctx = makeReplayContext(scenarios, registry);
    const old = fileFrom(currentRelease, scenario, 'bump-1');

    // A file of the current version needs no chunk.
    const fresh = fileFrom(registry.current, scenario, 'bump-1');
    await registry.load([fresh.modelVersion]);
    expect(loads).toBe(0);
    expect(verifyResultFile(fresh, ctx).verdict).toEqual({ status: 'genuine' });

    // Before its chunk is loaded an old file cannot be checked, and says so.
    expect(verifyResultFile(old, ctx).verdict).toEqual({ status: 'modelUnavailable', modelVersion: OLD });
    await registry.load([OLD, OLD, fresh.modelVersion]);
    await registry.load([OLD]);
    expect(loads).toBe(1);
    expect(verifyResultFile(old, ctx).verdict).toEqual({ status: 'genuine' });

    // The bump matters: the new engine does not reproduce the old file, so only the frozen copy verifies it.
    expect(fresh.claimed.equity).not.toEqual(old.claimed.equity);
    expect(verifyResultFile(relabel(old, NEW), ctx).verdict).toMatchObject({ status: 'tampered', what: 'figures' });
    // ...and a new file relabelled with the old version is caught by the frozen engine.
    expect(verifyResultFile(relabel(fresh, OLD), ctx).verdict).toMatchObject({ status: 'tampered', what: 'figures' });
  });

  it('a file claiming an unknown version is reported as such, with its short version text only', async () => {
    const registry = new EngineRegistry(bumpedRelease(NEW), { [OLD]: frozenOld });
    const ctx = makeReplayContext(scenarios, registry);
    const unknown = relabel(fileFrom(currentRelease, scenario, 'bump-2'), '7.3.0-beta');
    await registry.load([unknown.modelVersion]);
    expect(verifyResultFile(unknown, ctx).verdict).toEqual({ status: 'otherModel', modelVersion: '7.3.0-beta' });
    // The version text is bounded by the file schema: a long one never reaches the board.
    const o = JSON.parse(serializeResultFile(unknown)) as ResultFile;
    o.modelVersion = '1'.repeat(31);
    expect(parseResultFile(JSON.stringify(o))).toMatchObject({ ok: false, reason: 'schema' });
    for (const hostile of ['__proto__', 'constructor', 'hasOwnProperty', 'toString']) {
      expect(registry.lookup(hostile)).toEqual({ status: 'unknown' });
    }
  });

  it('a chunk that fails to load leaves its files "unavailable" and is tried again', async () => {
    let fail = true;
    const registry = new EngineRegistry(bumpedRelease(NEW), {
      [OLD]: () => (fail ? Promise.reject(new Error('offline')) : frozenOld()),
    });
    await registry.load([OLD]);
    expect(registry.lookup(OLD)).toEqual({ status: 'unavailable' });
    fail = false;
    await registry.load([OLD]);
    expect(registry.lookup(OLD).status).toBe('ready');
  });

  it('a chunk answering for another version is not taken for this one', async () => {
    const registry = new EngineRegistry(currentRelease, { '0.9.0': frozenOld });
    await registry.load(['0.9.0']);
    expect(registry.lookup('0.9.0')).toEqual({ status: 'unavailable' });
  });
});

describe("the board's registry", () => {
  it('holds the current engine and a loader for every released version', () => {
    expect(engines.lookup(MODEL_VERSION)).toEqual({ status: 'ready', engine: currentRelease });
    expect(engines.current).toBe(currentRelease);
    for (const v of Object.keys(RELEASED)) expect(engines.lookup(v).status).not.toBe('unknown');
  });
});
