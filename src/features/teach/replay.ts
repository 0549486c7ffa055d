// The bridge between a scenario file and the teach pages: the controls a student sees, a run from
// decisions per round through an engine's scenarioRun (the same path the board uses to verify a
// file, with the engine of the file's model version), the score and display text. It must not touch
// the DOM and never simulates on its own.
import { LEVELS, type InvestedLevel, type LevelId, type Market, type QuarterRow, type Strategy } from '@sim/index';
import { currentRelease, type ModelRelease } from '@sim/release';
import type { Scenario } from '@sim/scenario';
import { scenarioMarket } from '@sim/scenarioPlay';
import type { Locale, StringKey, Translate } from '@/i18n/core';
import { levelKey, segmentName } from '@/i18n/vocab';
import { localText, type LocalText } from '@/kit/localText';
import type { ClaimedResults, Decision, DecisionValue } from './resultFile';
import type { EngineLookup, ReplayContext, Truth } from './resultCheck';
import { lockControls, type LockedBy } from './locks';

/** The fields of a scenario the pages show, in one flat shape. */
export interface ScenarioInfo {
  id: string;
  version: number;
  lesson: string;
  title: LocalText;
  brief: LocalText;
  goal: LocalText;
  goalMetric: Scenario['goal']['metric'];
  goalTarget: number;
  seed: string;
  rounds: number;
  quartersPerRound: number;
  questions: LocalText[];
  notes: { goals: LocalText[]; timing45: LocalText; timing90: LocalText; lookFor: LocalText[] };
}

export function scenarioInfo(s: Scenario): ScenarioInfo {
  return {
    id: s.id,
    version: s.version,
    lesson: s.lesson,
    title: s.title,
    brief: s.brief,
    goal: s.goal.description,
    goalMetric: s.goal.metric,
    goalTarget: s.goal.target,
    seed: s.seed,
    rounds: s.rounds,
    quartersPerRound: s.quartersPerRound,
    questions: s.debrief,
    notes: s.teacherNotes,
  };
}

const NO_TEXT: LocalText = { en: '', zh: '' };

/**
 * The scenario as students' pages get it: the teacher notes emptied (the plan that reaches the goal, what to
 * look for), everything the game and the worksheet read left as it is.
 */
export function forStudents(s: Scenario): Scenario {
  return { ...s, teacherNotes: { goals: [], timing45: NO_TEXT, timing90: NO_TEXT, lookFor: [] } };
}

export type ControlKind = 'promiseLevel' | 'quality' | 'acquisitionSpendPerQuarter' | 'investment' | 'levelPreset';

export interface TeachControl {
  id: string;
  kind: ControlKind;
  segment?: string;
  /** For investment controls: the level funded. */
  level?: InvestedLevel;
  /** The range of a numeric control; for a level preset, the levels' positions (used only to order them). */
  min: number;
  max: number;
  step: number;
  /** The value in the scenario's starting strategy (levelPreset: the level's name). */
  initial: DecisionValue;
  locked: boolean;
  lockedBy: LockedBy;
}

/** A level-preset value as a level: its name, or (files of older pages) its position in LEVELS. */
export function levelOf(value: DecisionValue): LevelId | null {
  if (typeof value === 'string') return (LEVELS as readonly string[]).includes(value) ? value : null;
  return Number.isInteger(value) && value >= 0 && value < LEVELS.length ? LEVELS[value]! : null;
}

/** A round number for slider ends and steps: 1, 2, 2.5 or 5 times a power of ten. */
function nice(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  const m = x / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * p;
}

/** Which level preset a segment's investment equals (basic for a custom mix). */
function presetLevel(
  release: ModelRelease,
  market: Market,
  segment: string,
  investment: Strategy['segments'][string]['investment'],
): LevelId {
  const found = LEVELS.find((l) => {
    const preset = release.levelPresetInvestment(market, segment, l);
    return (Object.keys(preset) as InvestedLevel[]).every((k) => preset[k] === investment[k]);
  });
  return found ?? LEVELS[0]!;
}

function describeControl(release: ModelRelease, market: Market, initial: Strategy, id: string, locked: boolean): TeachControl {
  const [head, segment, level] = id.split('.');
  const base = { id, locked, lockedBy: locked ? ('scenario' as const) : null };
  if (head === 'promiseLevel' || head === 'quality') {
    return { ...base, kind: head, min: 1, max: 5, step: 0.1, initial: initial[head] };
  }
  if (head === 'acquisitionSpendPerQuarter') {
    const max = nice(Math.max(4 * initial.acquisitionSpendPerQuarter, 10_000));
    return { ...base, kind: head, min: 0, max, step: max / 100, initial: initial.acquisitionSpendPerQuarter };
  }
  if (head === 'investment') {
    const lvl = level as InvestedLevel;
    const seg = market.segments.find((x) => x.id === segment);
    const standard = seg?.standardInvestment[lvl] ?? 1;
    const start = initial.segments[segment]?.investment[lvl] ?? 0;
    const max = nice(Math.max(3 * standard, start));
    return { ...base, kind: 'investment', segment, level: lvl, min: 0, max, step: nice(max / 100), initial: start };
  }
  const inv = initial.segments[segment]?.investment;
  const initialLevel = inv ? presetLevel(release, market, segment, inv) : LEVELS[0]!;
  return { ...base, kind: 'levelPreset', segment, min: 0, max: LEVELS.length - 1, step: 1, initial: initialLevel };
}

/**
 * The controls of a scenario in display order (the visible ones, then locked ones not listed as visible),
 * with the scenario's own locks; lockControls() adds a teacher's. Ranges come from the scenario's market
 * under `release` (the current engine unless verifying an older file).
 */
export function teachControls(s: Scenario, release: ModelRelease = currentRelease): TeachControl[] {
  const market = release.scenarioMarket(s);
  const initial = release.scenarioInitialStrategy(s, market);
  const ids = [...s.controls.visible, ...s.controls.locked.filter((id) => !s.controls.visible.includes(id))];
  return ids.map((id) => describeControl(release, market, initial, id, s.controls.locked.includes(id)));
}

const marketCache = new WeakMap<Scenario, Market>();

/** The scenario's market for reading labels only (built once per scenario object). */
function labelMarket(s: Scenario): Market {
  let m = marketCache.get(s);
  if (!m) {
    m = scenarioMarket(s);
    marketCache.set(s, m);
  }
  return m;
}

function segmentLabel(s: Scenario, segment: string | undefined, t: Translate, locale: Locale): string {
  const seg = labelMarket(s).segments.find((x) => x.id === segment);
  return seg ? segmentName(seg, locale, t) : (segment ?? '');
}

/** A control's label in the page's language (segment names come from the market data). */
export function controlLabel(c: TeachControl, s: Scenario, t: Translate, locale: Locale): string {
  if (c.kind === 'investment' && c.level) {
    return t('teach.control.investment', { segment: segmentLabel(s, c.segment, t, locale), level: t(levelKey(c.level)) });
  }
  if (c.kind === 'levelPreset') return t('teach.control.levelPreset', { segment: segmentLabel(s, c.segment, t, locale) });
  return t(`teach.control.${c.kind}` as StringKey);
}

/** A control value as text: level names for level presets, numbers otherwise. */
export function controlValueText(c: TeachControl, value: DecisionValue, t: Translate, number: (v: number) => string): string {
  const level = c.kind === 'levelPreset' ? levelOf(value) : null;
  if (level !== null) return t(levelKey(level));
  return typeof value === 'number' ? number(value) : value;
}

/** The scheduled events with their own labels, for the teacher notes. */
export function eventText(s: Scenario, t: Translate, locale: Locale): string[] {
  return s.events.map((e) => t('teach.notes.event', { quarter: e.quarter, event: localText(e.label, locale) }));
}

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

/**
 * Every round of a full game with the open controls set as `plan` says and the others at their starting values:
 * how the teacher notes' plan (and the scenarios test) is played. An empty plan stands still.
 */
export function planDecisions(
  s: Scenario,
  plan: Readonly<Record<string, DecisionValue>>,
  release: ModelRelease = currentRelease,
): Decision[] {
  const d: Decision = {};
  for (const c of teachControls(s, release)) if (!c.locked) d[c.id] = Object.hasOwn(plan, c.id) ? plan[c.id] : c.initial;
  return Array.from({ length: s.rounds }, () => ({ ...d }));
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

/** Null when the decisions could have come from the scenario page; otherwise what is wrong. */
export function checkDecisions(
  s: Scenario,
  decisions: readonly Decision[],
  extraLocks: readonly string[],
  release: ModelRelease = currentRelease,
): string | null {
  if (decisions.length > s.rounds) return `rounds: ${decisions.length} > ${s.rounds}`;
  const { controls: locked, refused } = lockControls(teachControls(s, release), extraLocks);
  if (refused.length > 0) return `lock ${refused[0]}`;
  const controls = new Map(locked.map((c) => [c.id, c]));
  for (let r = 0; r < decisions.length; r++) {
    for (const [id, value] of Object.entries(decisions[r]!)) {
      const c = controls.get(id);
      if (!c) return `round ${r + 1}: unknown control ${id}`;
      if (c.locked) return `round ${r + 1}: ${id} is locked`;
      if (c.kind === 'levelPreset') {
        if (levelOf(value) === null) return `round ${r + 1}: ${id} is not a level`;
      } else if (typeof value !== 'number' || !(value >= c.min && value <= c.max)) return `round ${r + 1}: ${id} out of range`;
    }
  }
  return null;
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
