// Golden fingerprints: the current engine must reproduce the pinned runs of its MODEL_VERSION for
// every preset and scenario, a tiny arithmetic change must show, and the goldens are never rewritten.
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  GOLDENS_PATH,
  SCENARIO_DIR,
  computeGoldens,
  goldenProblems,
  loadScenarios,
  main,
  presetFingerprint,
  readGoldens,
  scenarioFingerprint,
  scenarioKey,
} from '../../../simulations/goldens.ts';
import { currentRelease, type ModelRelease } from '../../../simulations/release.ts';
import type { Scenario } from '../../../simulations/scenario.ts';
import { RELEASED } from '../../../simulations/released/index.ts';

const scenarios = loadScenarios();
const goldens = readGoldens();
const version = currentRelease.MODEL_VERSION;
const pinned = goldens[version];

/** A scenario whose market has lossAversion moved by `delta` (a copy; the file is untouched). */
function nudgedScenario(s: Scenario, delta: number): Scenario {
  const o = s.market.overrides;
  const base = o?.mechanisms?.lossAversion ?? currentRelease.getPreset(s.market.preset).mechanisms.lossAversion;
  return { ...s, market: { ...s.market, overrides: { ...o, mechanisms: { ...o?.mechanisms, lossAversion: base + delta } } } };
}

/** The current engine with one mechanism parameter moved by `delta`, through copies of the markets. */
function nudged(delta: number, as = version): ModelRelease {
  return {
    ...currentRelease,
    MODEL_VERSION: as,
    getPreset: (id) => {
      const m = currentRelease.getPreset(id);
      m.mechanisms.lossAversion += delta;
      return m;
    },
    scenarioMarket: (s) => currentRelease.scenarioMarket(nudgedScenario(s, delta)),
    scenarioRun: (s, decisions) => currentRelease.scenarioRun(nudgedScenario(s, delta), decisions),
  };
}

describe(`goldens of model version ${version}`, () => {
  it('exist (a version without goldens is pinned on purpose with npm run goldens -- --write)', () => {
    const { missing } = goldenProblems(version, pinned, { presets: {}, scenarios: {} });
    expect(missing, missing.join('\n')).toEqual([]);
    expect(Object.keys(pinned!.presets)).toEqual([...currentRelease.PRESET_IDS]);
  });

  it.each([...currentRelease.PRESET_IDS])('preset %s reproduces its pinned run', (id) => {
    const actual = { presets: { [id]: presetFingerprint(currentRelease, id) }, scenarios: {} };
    const { missing, changed } = goldenProblems(version, pinned, actual);
    expect([...missing, ...changed].join('\n')).toBe('');
    expect(actual.presets[id]).toEqual(pinned!.presets[id]);
  });

  it.each(scenarios.map((s) => [scenarioKey(s), s] as const))('scenario %s reproduces its pinned run and content', (key, s) => {
    const actual = { presets: {}, scenarios: { [key]: scenarioFingerprint(currentRelease, s) } };
    const { missing, changed } = goldenProblems(version, pinned, actual);
    expect([...missing, ...changed].join('\n')).toBe('');
    expect(actual.scenarios[key]).toEqual(pinned!.scenarios[key]);
  });
});

describe('frozen engines of released versions', () => {
  it('the current version is frozen too, so that it still verifies after the next bump', () => {
    expect(Object.keys(RELEASED)).toContain(version);
  });

  it.each(Object.keys(RELEASED))('%s reproduces the goldens pinned for it', async (v) => {
    const release = await RELEASED[v]!();
    expect(release.MODEL_VERSION).toBe(v);
    const own = goldens[v];
    expect(own, `no goldens for released version ${v}`).toBeDefined();
    // Scenarios whose content has moved on to a newer version are no longer in content/scenarios.
    const still = scenarios.filter((s) => own!.scenarios[scenarioKey(s)] !== undefined);
    const actual = computeGoldens(release, still);
    expect(actual.presets).toEqual(own!.presets);
    for (const [key, fp] of Object.entries(actual.scenarios)) expect(fp, key).toEqual(own!.scenarios[key]);
    expect(Object.keys(actual.scenarios).length).toBeGreaterThan(0);
  });
});

describe('the goldens bite', () => {
  it('a mechanism parameter moved by 1e-12 changes every fingerprint and is reported as a model change', () => {
    const moved = nudged(1e-12);
    const fp = presetFingerprint(moved, 'default');
    expect(fp.hash).not.toBe(pinned!.presets['default']!.hash);
    const s = scenarios[0]!;
    const sf = scenarioFingerprint(moved, s);
    expect(sf.scenarioHash).toBe(pinned!.scenarios[scenarioKey(s)]!.scenarioHash);
    expect(sf.hash).not.toBe(pinned!.scenarios[scenarioKey(s)]!.hash);
    const { changed } = goldenProblems(version, pinned, { presets: { default: fp }, scenarios: { [scenarioKey(s)]: sf } });
    expect(changed).toHaveLength(2);
    expect(changed.join('\n')).toMatch(/raise MODEL_VERSION/);
  });

  it("a change of a scenario's numbers is caught as content, a change of its texts is not", () => {
    const s = scenarios.find((x) => x.events.length > 0) ?? scenarios[0]!;
    const before = scenarioFingerprint(currentRelease, s);
    const reworded = { ...s, brief: { en: `${s.brief.en} Again.`, zh: `${s.brief.zh}再说一次。` }, lesson: 'another-lesson' };
    expect(scenarioFingerprint(currentRelease, reworded)).toEqual(before);
    const renumbered = { ...s, goal: { ...s.goal, target: s.goal.target * 1.01 } };
    const after = scenarioFingerprint(currentRelease, renumbered);
    expect(after.scenarioHash).not.toBe(before.scenarioHash);
    const { changed } = goldenProblems(version, pinned, { presets: {}, scenarios: { [scenarioKey(s)]: after } });
    expect(changed.join('\n')).toMatch(new RegExp(`raise \`version\` in content/scenarios/${s.id}\\.yaml`));
  });
});

describe('npm run goldens', () => {
  const io = () => {
    const log = { out: '', err: '' };
    return { log, io: { out: (s: string) => (log.out += s), err: (s: string) => (log.err += s) } };
  };
  const scratch = () => {
    const dir = mkdtempSync(join(tmpdir(), 'goldens-'));
    const path = join(dir, 'goldens.json');
    copyFileSync(GOLDENS_PATH, path);
    return path;
  };

  it('passes on the committed goldens', () => {
    const { log, io: sink } = io();
    expect(main([], sink)).toBe(0);
    expect(log.out).toMatch(/match the goldens/);
  });

  it('refuses to rewrite the goldens of an existing version, even with --write', () => {
    const path = scratch();
    const before = readFileSync(path, 'utf8');
    const { log, io: sink } = io();
    expect(main(['--write'], sink, { release: nudged(1e-9), goldensPath: path, scenarioDir: SCENARIO_DIR })).toBe(1);
    expect(log.err).toMatch(/never rewritten/);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('pins a new version only with --write, keeping every older version', () => {
    const path = scratch();
    const bumped = nudged(1e-9, '1.0.1-test');
    const first = io();
    expect(main([], first.io, { release: bumped, goldensPath: path, scenarioDir: SCENARIO_DIR })).toBe(1);
    expect(first.log.err).toMatch(/has no goldens.*npm run goldens -- --write/);
    const second = io();
    expect(main(['--write'], second.io, { release: bumped, goldensPath: path, scenarioDir: SCENARIO_DIR })).toBe(0);
    const file = readGoldens(path);
    expect(file[version]).toEqual(pinned);
    expect(file['1.0.1-test']).toEqual(computeGoldens(bumped, scenarios));
  });
});
