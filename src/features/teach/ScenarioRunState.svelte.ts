// The one reactive bridge of a played scenario, used by the player, the board and the worksheet: link seed and
// locks, rounds played, the next round's draft, the run they give (replay.ts, the path the board verifies with)
// and the texts of its controls. No DOM and no storage here: views read its fields and call its methods. It does
// not import the engine: a page starts with the controls and loads the engine (playEngine.ts) to play a round.
import type { ModelRelease } from '@sim/release';
import type { Scenario } from '@sim/scenario';
import type { Locale, Translate } from '@/i18n/core';
import { snapToRange, type UrlProblem } from '@/kit/urlState';
import { parseLink } from './linkCodec';
import { lockControls, lockableIds } from './locks';
import type { Progress } from './progress';
import {
  checkDecisions,
  controlLabel,
  controlValueText,
  levelOf,
  scenarioInfo,
  teachControls,
  type ScenarioInfo,
  type TeachControl,
} from './controls';
import type { claimedFrom, PlayOutcome, replayOutcome } from './replay';
import { createResultFile, type Decision, type DecisionValue, type ResultFile } from './resultFile';

/** One played round as the history table and the worksheet show it (figures of the round's last quarter). */
export interface RoundRow {
  round: number;
  decision: Decision;
  customers: number;
  /** Mean retention rate over the round's quarters. */
  retention: number;
  satisfaction: number;
  /** Profit summed over the round's quarters. */
  profit: number;
  equity: number;
}

/** What playing needs: an engine release and the replay path of replay.ts (playEngine.ts holds the current one). */
export interface PlayEngine {
  release: ModelRelease;
  replayOutcome: typeof replayOutcome;
  claimedFrom: typeof claimedFrom;
}

export class ScenarioRunState {
  readonly scenario: Scenario;
  /** The engine that plays it, once loaded (null until then: the controls need none). */
  engine = $state.raw<PlayEngine | null>(null);
  readonly info: ScenarioInfo;
  /** The scenario's controls with its own locks only (the link's are applied in `controls`). */
  private readonly base: TeachControl[];

  seed = $state('');
  /** Controls the teacher's link locks on top of the scenario's own locks. */
  extraLocks = $state<string[]>([]);
  /** The rounds played so far; past rounds are fixed. */
  decisions = $state<Decision[]>([]);
  /** The values set for the next round (open controls only matter). */
  draft = $state<Record<string, DecisionValue>>({});
  /** What was wrong with the link (listed problems and how many in all); fromLink: it set a seed or locks. */
  linkProblems = $state<UrlProblem[]>([]);
  linkProblemCount = $state(0);
  fromLink = $state(false);
  /** The seed came from the link (not the scenario's own). */
  seedFromLink = $state(false);

  readonly controls = $derived.by(() => lockControls(this.base, this.extraLocks).controls);
  readonly openControls = $derived(this.controls.filter((c) => !c.locked));
  readonly round = $derived(this.decisions.length + 1);
  readonly finished = $derived.by(() => this.decisions.length >= this.info.rounds);
  /** Rounds were played but the engine that replays them is still loading. */
  readonly pending = $derived(this.decisions.length > 0 && this.engine === null);
  /** The run of the rounds played (null before the first round or the engine; an engine error is kept as text). */
  readonly outcome = $derived.by((): PlayOutcome | { error: string } | null => {
    const engine = this.engine;
    if (this.decisions.length === 0 || engine === null) return null;
    try {
      return engine.replayOutcome(this.scenario, this.seed, this.decisions, this.extraLocks, engine.release);
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  });
  readonly run = $derived(this.outcome !== null && !('error' in this.outcome) ? this.outcome : null);
  readonly quarters = $derived(this.run ? this.run.overall.map((r) => r.quarter) : []);
  /** How far the run went toward and beyond the goal: value ÷ target, not capped (1.2 = 120 % of the goal). */
  readonly ratio = $derived(this.run && this.run.target > 0 ? this.run.value / this.run.target : null);
  /** The scenario's events that have happened in the quarters played, in order. */
  readonly eventsSoFar = $derived.by(() =>
    this.scenario.events.filter((e) => e.quarter <= this.decisions.length * this.info.quartersPerRound),
  );
  readonly history = $derived.by((): RoundRow[] => {
    const run = this.run;
    if (!run) return [];
    const per = this.info.quartersPerRound;
    const rows: RoundRow[] = [];
    for (let r = 0; r < this.decisions.length; r++) {
      const slice = run.overall.slice(r * per, (r + 1) * per);
      if (slice.length === 0) break;
      const last = slice[slice.length - 1];
      rows.push({
        round: r + 1,
        decision: this.decisions[r],
        customers: last.customers,
        retention: slice.reduce((sum, q) => sum + q.retentionRate, 0) / slice.length,
        satisfaction: last.meanSatisfaction,
        profit: slice.reduce((sum, q) => sum + q.profit, 0),
        equity: last.customerEquity,
      });
    }
    return rows;
  });

  constructor(scenario: Scenario, engine: PlayEngine | null = null) {
    this.scenario = scenario;
    this.engine = engine;
    this.info = scenarioInfo(scenario);
    this.base = teachControls(scenario);
    this.seed = this.info.seed;
    this.draft = this.initialDraft();
  }

  /** Loads the current engine once; resolves when rounds can be played. */
  async loadEngine(): Promise<void> {
    if (this.engine === null) this.engine = (await import('./playEngine')).currentEngine;
  }

  /** The ids a teacher's link may lock (see locks.ts). */
  get lockable(): string[] {
    return lockableIds(this.base);
  }

  /** Reads the teacher's link (`?v=1&seed=…&lock=…`); bad parts are listed and the scenario's defaults kept. */
  applyLink(search: string): void {
    const parsed = parseLink(search, { seed: this.info.seed, lockable: this.lockable });
    this.seed = parsed.state.seed;
    this.extraLocks = parsed.state.locks;
    this.linkProblems = parsed.problems;
    this.linkProblemCount = parsed.problemCount;
    this.fromLink = parsed.custom;
    this.seedFromLink = parsed.seedApplied;
  }

  /**
   * Continues saved rounds when they belong to this market (same seed and locks) and could have come from
   * this page; the draft starts from the last round played. Returns whether they were taken.
   */
  restore(saved: Progress | null): boolean {
    if (saved === null || saved.seed !== this.seed || !sameSet(saved.locks, this.extraLocks)) return false;
    if (checkDecisions(this.scenario, saved.decisions, this.extraLocks) !== null) return false;
    this.decisions = saved.decisions;
    const last = saved.decisions[saved.decisions.length - 1];
    const draft = this.initialDraft();
    if (last) for (const id of Object.keys(draft)) if (Object.hasOwn(last, id)) draft[id] = last[id];
    this.draft = draft;
    return true;
  }

  /** What to keep in storage so a reload continues the game. */
  progress(): Progress {
    return { seed: this.seed, locks: [...this.extraLocks], decisions: $state.snapshot(this.decisions) };
  }

  /** A control's value for the next round (locked ones keep their starting value). */
  valueOf(c: TeachControl): DecisionValue {
    return c.locked ? c.initial : (this.draft[c.id] ?? c.initial);
  }

  /**
   * Sets an open control for the next round: a number is kept on the control's grid and inside its range,
   * a level preset takes a level (by name). Returns the value used, or null when the control is not open.
   */
  setValue(id: string, value: DecisionValue): DecisionValue | null {
    const c = this.openControls.find((x) => x.id === id);
    if (!c) return null;
    let used: DecisionValue | null;
    if (c.kind === 'levelPreset') used = levelOf(value);
    else used = typeof value === 'number' && Number.isFinite(value) ? snapToRange(value, c) : null;
    if (used === null) return null;
    this.draft = { ...this.draft, [id]: used };
    return used;
  }

  /** Plays the next round with the draft; returns its row, or null when the game is over or the engine not loaded. */
  advance(): RoundRow | null {
    if (this.finished || this.engine === null) return null;
    const d: Decision = {};
    for (const c of this.openControls) d[c.id] = this.draft[c.id] ?? c.initial;
    this.decisions = [...this.decisions, d];
    return this.history[this.history.length - 1] ?? null;
  }

  /** Back to round 1 with the starting values; the market (seed, locks) stays. */
  restart(): void {
    this.decisions = [];
    this.draft = this.initialDraft();
  }

  /** Takes the market and rounds of a result file, to replay and draw it (the board). */
  load(file: Pick<ResultFile, 'seed' | 'locks' | 'decisions'>): this {
    this.seed = file.seed;
    this.extraLocks = [...file.locks];
    this.decisions = file.decisions;
    return this;
  }

  /** The result file of the finished game (name optional, cleaned by createResultFile). */
  resultFile(name: string): ResultFile | null {
    if (!this.run || !this.finished || this.engine === null) return null;
    return createResultFile({
      scenarioId: this.info.id,
      scenarioVersion: this.info.version,
      seed: this.seed,
      locks: this.extraLocks,
      modelVersion: this.engine.release.MODEL_VERSION,
      decisions: $state.snapshot(this.decisions),
      claimed: this.engine.claimedFrom(this.run),
      name,
    });
  }

  // ——— text for the views (player, board, worksheet, notes) ———
  label(c: TeachControl, t: Translate, locale: Locale): string {
    return controlLabel(c, this.scenario, t, locale);
  }
  valueText(c: TeachControl, value: DecisionValue, t: Translate, number: (v: number) => string): string {
    return controlValueText(c, value, t, number);
  }
  /** "from … to …" of a control: level names for a level preset, numbers otherwise. */
  rangeText(c: TeachControl, t: Translate, number: (v: number) => string): string {
    const ends: [DecisionValue, DecisionValue] =
      c.kind === 'levelPreset' ? [levelOf(c.min) ?? c.min, levelOf(c.max) ?? c.max] : [c.min, c.max];
    return t('teach.play.range', { min: this.valueText(c, ends[0], t, number), max: this.valueText(c, ends[1], t, number) });
  }
  /** One round's decisions in words: "control: value; …" for the open controls it set. */
  describe(d: Decision, t: Translate, locale: Locale, number: (v: number) => string): string {
    return this.openControls
      .filter((c) => Object.hasOwn(d, c.id))
      .map((c) => t('teach.play.decisionItem', { control: this.label(c, t, locale), value: this.valueText(c, d[c.id], t, number) }))
      .join(t('teach.play.decisionSeparator'));
  }

  private initialDraft(): Record<string, DecisionValue> {
    const out: Record<string, DecisionValue> = {};
    for (const c of this.base) out[c.id] = c.initial;
    return out;
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
