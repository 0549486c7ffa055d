// What the teach pages show of a scenario without its engine: its fields, its controls (ranges from the
// scenario's market, the scenario's and a teacher's locks), their labels and value texts, a plan's decisions and the
// check of a file's decisions. replay.ts adds the runs; this module must not import the engine, so that a scenario
// page shows its controls before it loads the engine, and never touches the DOM.
import { LEVELS, type InvestedLevel, type LevelId, type Market } from '@sim/market';
import type { ModelRelease } from '@sim/release';
import type { Scenario } from '@sim/scenario';
import { scenarioInitialStrategy, scenarioMarket } from '@sim/scenarioMarket';
import { levelPresetInvestment, type Strategy } from '@sim/strategy';
import type { Locale, StringKey, Translate } from '@/i18n/core';
import { levelKey, segmentName } from '@/i18n/vocab';
import { localText, type LocalText } from '@/kit/localText';
import type { Decision, DecisionValue } from './resultFile';
import { lockControls, type LockedBy } from './locks';

/** What describing controls needs of an engine release (the current one's, without its engine, by default). */
export type ControlsRelease = Pick<ModelRelease, 'scenarioMarket' | 'scenarioInitialStrategy' | 'levelPresetInvestment'>;

/** The current release's market and starting strategy of a scenario, which need no engine. */
export const scenarioControls: ControlsRelease = { scenarioMarket, scenarioInitialStrategy, levelPresetInvestment };

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
  release: ControlsRelease,
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

function describeControl(release: ControlsRelease, market: Market, initial: Strategy, id: string, locked: boolean): TeachControl {
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
export function teachControls(s: Scenario, release: ControlsRelease = scenarioControls): TeachControl[] {
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

/**
 * Every round of a full game with the open controls set as `plan` says and the others at their starting values:
 * how the teacher notes' plan (and the scenarios test) is played. An empty plan stands still.
 */
export function planDecisions(
  s: Scenario,
  plan: Readonly<Record<string, DecisionValue>>,
  release: ControlsRelease = scenarioControls,
): Decision[] {
  const d: Decision = {};
  for (const c of teachControls(s, release)) if (!c.locked) d[c.id] = Object.hasOwn(plan, c.id) ? plan[c.id] : c.initial;
  return Array.from({ length: s.rounds }, () => ({ ...d }));
}

/** Null when the decisions could have come from the scenario page; otherwise what is wrong. */
export function checkDecisions(
  s: Scenario,
  decisions: readonly Decision[],
  extraLocks: readonly string[],
  release: ControlsRelease = scenarioControls,
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
