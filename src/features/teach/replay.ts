// The runs of the teach pages: a run from decisions per round through an engine's scenarioRun (the same path the
// board uses to verify a file, with the engine of the file's model version), the score, the figures a file claims
// and the board shows. It must not touch the DOM and never simulates on its own. What needs no engine (the
// controls, their texts, the check of decisions) is controls.ts, re-exported here.
import type { Market, QuarterRow, Strategy } from '@sim/index';
import { currentRelease, type ModelRelease } from '@sim/release';
import type { Scenario } from '@sim/scenario';
import type { ClaimedResults, Decision } from './resultFile';
import type { EngineLookup, ReplayContext, Truth } from './resultCheck';
import { lockControls } from './locks';
import { checkDecisions, levelOf, teachControls, type TeachControl } from './controls';

export {
  checkDecisions,
  controlLabel,
  controlValueText,
  eventText,
  forStudents,
  levelOf,
  planDecisions,
  scenarioInfo,
  teachControls,
  type ControlKind,
  type ScenarioInfo,
  type TeachControl,
} from './controls';

/** The strategy of one round: the starting strategy with the open controls set from the decision. */
function roundStrategy(
  release: ModelRelease,
  market: Market,
  initial: Strategy,
  controls: readonly TeachControl[],
  d: Decision,
  extraLocks: readonly string[],
): Strategy {
  const st: Strategy = JSON.parse(JSON.stringify(initial)) as Strategy;
  const open = lockControls(controls, extraLocks).controls.filter((c) => !c.locked && Object.hasOwn(d, c.id));
  // Level presets first, so that a finer investment control on the same segment can adjust them.
  for (const c of open) {
    const level = c.kind === 'levelPreset' ? levelOf(d[c.id]) : null;
    if (level !== null && c.segment !== undefined) {
      st.segments[c.segment] = { investment: release.levelPresetInvestment(market, c.segment, level) };
    }
  }
  for (const c of open) {
    const v = d[c.id];
    if (typeof v !== 'number') continue;
    if (c.kind === 'investment' && c.segment !== undefined && c.level !== undefined) {
      st.segments[c.segment].investment[c.level] = v;
    } else if (c.kind === 'promiseLevel' || c.kind === 'quality' || c.kind === 'acquisitionSpendPerQuarter') {
      st[c.kind] = v;
    }
  }
  return st;
}

export interface PlayOutcome {
  overall: QuarterRow[];
  /** Goal metric value / target, clamped to 0..1 (the engine's scenarioScore, written in result files). */
  score: number;
  /** The goal metric's value at the end of the rounds played. */
  value: number;
  /** The goal's target (value / target, not clamped, is how far a run went beyond the goal). */
  target: number;
  goalMet: boolean;
}

/**
 * Plays the rounds decided so far on `seed` with `release` (the current engine unless verifying an
 * older file). Controls locked by the scenario or the teacher's link keep their starting value
 * whatever a decision says; `checkDecisions` reports such files.
 */
export function playScenario(
  s: Scenario,
  seed: string,
  decisions: readonly Decision[],
  extraLocks: readonly string[],
  release: ModelRelease = currentRelease,
): PlayOutcome {
  const market = release.scenarioMarket(s);
  const initial = release.scenarioInitialStrategy(s, market);
  const controls = teachControls(s, release);
  const strategies = decisions.map((d) => roundStrategy(release, market, initial, controls, d, extraLocks));
  const seeded: Scenario = { ...s, seed };
  const result = release.scenarioRun(seeded, strategies);
  const { score, value, target } = release.scenarioScore(seeded, result);
  return { overall: result.overall, score, value, target, goalMet: value >= target };
}

export function claimedFrom(outcome: PlayOutcome): ClaimedResults {
  return {
    equity: outcome.overall.map((r) => r.customerEquity),
    retention: outcome.overall.map((r) => r.retentionRate),
    score: outcome.score,
    goalMet: outcome.goalMet,
  };
}

/** The figures of a re-simulated run that the board shows (plain arrays, cheap to send from a worker). */
export function truthFrom(outcome: PlayOutcome): Truth {
  return {
    customers: outcome.overall.map((r) => r.customers),
    retention: outcome.overall.map((r) => r.retentionRate),
    equity: outcome.overall.map((r) => r.customerEquity),
    value: outcome.value,
    target: outcome.target,
    goalMet: outcome.goalMet,
  };
}

/** The engines the board can verify with (src/features/teach/engines.ts, or a fixture in tests). */
export interface EngineSource {
  lookup(modelVersion: string): EngineLookup<ModelRelease>;
}

/** Verification context for the board: full games only, each file replayed by its model version's engine, cached. */
export function makeReplayContext(scenarios: readonly Scenario[], engines: EngineSource): ReplayContext<Scenario, ModelRelease> {
  return {
    engine: (version) => engines.lookup(version),
    findScenario: (id) => scenarios.find((s) => s.id === id),
    scenarioVersion: (s) => s.version,
    checkDecisions: (release, s, decisions, locks) =>
      decisions.length !== s.rounds ? `rounds: ${decisions.length} ≠ ${s.rounds}` : checkDecisions(s, decisions, locks, release),
    replay: (release, s, seed, decisions, locks) => {
      const outcome = replayOutcome(s, seed, decisions, locks, release);
      return { claimed: claimedFrom(outcome), truth: truthFrom(outcome) };
    },
  };
}

// One cache per engine object, so that two engines can never share a replay.
const caches = new WeakMap<ModelRelease, Map<string, PlayOutcome>>();

/**
 * playScenario, remembered: the board re-verifies on every setting change and draws the runs it verified,
 * and the player re-reads its run, so a run is simulated once. Callers must not change what they get.
 */
export function replayOutcome(
  s: Scenario,
  seed: string,
  decisions: readonly Decision[],
  locks: readonly string[],
  release: ModelRelease = currentRelease,
): PlayOutcome {
  let cache = caches.get(release);
  if (!cache) {
    cache = new Map();
    caches.set(release, cache);
  }
  const key = JSON.stringify([s.id, s.version, seed, decisions, [...locks].sort()]);
  const hit = cache.get(key);
  if (hit) return hit;
  const outcome = playScenario(s, seed, decisions, locks, release);
  if (cache.size > 500) cache.clear();
  cache.set(key, outcome);
  return outcome;
}
