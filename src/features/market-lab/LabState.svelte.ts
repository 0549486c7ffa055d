// The one reactive bridge between the lab's views and the engine: settings, the runs (current and pinned baseline,
// computed by an injected runner: workers on the page, at once in tests), play state, the picked customer, and the
// optimiser and uncertainty jobs (on warm job workers). Views read its fields and call its methods; they never call the engine.
// Seeds for "new market" come from the view (crypto or a counter) — never from here or the engine.
import { labLimits, marketById } from './limits';
import { decodeSettings, encodeSettings } from './urlState';
import { snapToRange, type UrlProblem } from '@/kit/urlState';
import { syncQuery } from '@/kit/urlWriter.svelte';
import {
  INVESTED_LEVELS,
  LEVEL_IDS,
  clamp,
  cloneSettings,
  matchPreset,
  type InvestedLevelName,
  type InvestmentVector,
  type LabSettings,
  type LevelName,
  type Range,
} from './settings';
import { BandProgress, bandSeeds, splitSeeds, type Band } from './montecarlo';
import type { SearchResult } from './optimise';
import type { JobMessage, JobRequest } from './workers/jobs';
import type { EngineRunner, LabRun, RunJob, RunSlot } from './runTypes';
import type { CustomerTrace, RunResult } from '@sim/index';

export const SPEEDS = [1, 2, 4, 8] as const; // quarters per second
export const BAND_SEEDS_DEFAULT = 100;

export type JobStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface OptimiserState {
  status: JobStatus;
  progress: number;
  phase: 'presets' | 'fineTune' | null;
  result: SearchResult | null;
  /** The settings query the result belongs to (stale when the settings have moved on). */
  forQuery: string;
  /** The learner's equity for those settings, for the gap. */
  learnerEquity: number;
  ms: number;
  /** Segment runs the search computed (with those computed ahead on a spare worker). */
  runs: number;
}

export interface BandState {
  status: JobStatus;
  progress: number;
  seeds: number;
  /** Markets finished so far (the band shown while running is theirs). */
  done: number;
  equity: Band | null;
  retention: Band | null;
  forQuery: string;
  ms: number;
}

type ScalarKey = 'promiseLevel' | 'quality' | 'acquisitionSpendPerQuarter' | 'quarters' | 'seed';
const FIRM_KEYS = ['promiseLevel', 'quality', 'acquisitionSpendPerQuarter'] as const;

/** A control the learner is using: its neighbouring values are run ahead of time on a spare worker. */
export type LabControl =
  | { kind: 'scalar'; key: Exclude<ScalarKey, 'seed'> }
  | { kind: 'investment'; segment: string; level: InvestedLevelName }
  | { kind: 'preset'; segment: string };
/** Runs kept for an instant answer (the last ones shown and the neighbours run ahead); each holds a census of a few MB. */
const KEPT_RUNS = 6;

/** Runs `fn` once the next frame has been painted (after a timeout where there are no frames: tests, servers). */
function afterPaint(fn: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(fn, 0));
  else setTimeout(fn, 0);
}

/** Query of the settings that shape a band: everything except the seed (the band varies the seed). */
function bandKey(s: LabSettings): string {
  return encodeSettings({ ...s, seed: 0 }, labLimits);
}

export interface LabStateOptions {
  /** Where runs are computed; without one (server rendering) the lab shows no run until one is attached. */
  runner?: EngineRunner | null;
}

export class LabState {
  readonly limits = labLimits;
  settings = $state<LabSettings>(labLimits.defaults(labLimits.marketIds[0]));
  /** Settings of the pinned baseline strategy (re-run on the current market, seed and horizon: same customers). */
  baselineSettings = $state<LabSettings | null>(null);
  /** How many quarters are revealed (play/step); equals the horizon when the run is shown whole. */
  visibleQuarters = $state(labLimits.defaults(labLimits.marketIds[0]).quarters);
  playing = $state(false);
  speed = $state<number>(2);
  /** The customer whose story is shown (a key of the engine's customers), or null. */
  storyKey = $state<number | null>(null);
  /** What the main panel under the market view shows, and which chart it shows there. */
  panel = $state<'chart' | 'story' | 'why'>('chart');
  mainChart = $state<string>('retention');
  /** What could not be used in the link the lab was opened with (listed ones, and how many in all). */
  urlProblems = $state<UrlProblem[]>([]);
  urlProblemCount = $state(0);
  optimiser = $state<OptimiserState>({
    status: 'idle',
    progress: 0,
    phase: null,
    result: null,
    forQuery: '',
    learnerEquity: 0,
    ms: 0,
    runs: 0,
  });
  band = $state<BandState>({
    status: 'idle',
    progress: 0,
    seeds: BAND_SEEDS_DEFAULT,
    done: 0,
    equity: null,
    retention: null,
    forQuery: '',
    ms: 0,
  });
  /** The newest results; raw (not deeply reactive): a run is replaced whole, never edited. */
  current = $state.raw<LabRun | null>(null);
  baseline = $state.raw<LabRun | null>(null);
  /** The engine failed on the newest settings (shown as a notice; the last good run stays on screen). */
  engineError = $state(false);
  /** Keys of the newest job asked of each slot. */
  private requested = $state<Record<RunSlot, string>>({ current: '', baseline: '' });

  readonly market = $derived(marketById(this.settings.marketId));
  readonly segmentIds = $derived(this.market.segments.map((s) => s.id));
  /** The run on screen (the newest result; a slider being dragged may already have asked for a newer one). */
  readonly run: RunResult | null = $derived(this.current?.run ?? null);
  /** The baseline run, when it was run on the same market, seed and horizon as the run on screen. */
  readonly baselineRun: RunResult | null = $derived.by(() => {
    const b = this.baseline?.run;
    const r = this.current?.run;
    if (!b || !r || !this.baselineSettings) return null;
    return b.marketId === r.marketId && b.seed === r.seed && b.quarters === r.quarters ? b : null;
  });
  /** Waiting for a newer run than the one shown. */
  readonly busy = $derived(
    this.current?.key !== this.requested.current || (this.baselineSettings !== null && this.baseline?.key !== this.requested.baseline),
  );
  readonly query = $derived(encodeSettings(this.settings, labLimits, this.baselineSettings));
  /** The query of the strategy alone (what the optimiser's result belongs to). */
  readonly settingsQuery = $derived(encodeSettings(this.settings, labLimits));
  /** The band of the current settings, finished or growing as its markets finish. */
  readonly bandVisible = $derived(
    (this.band.status === 'done' || (this.band.status === 'running' && this.band.equity !== null)) &&
      this.band.forQuery === bandKey(this.settings),
  );
  readonly optimumCurrent = $derived(this.optimiser.status === 'done' && this.optimiser.forQuery === this.settingsQuery);
  /** The picked customer's quarters in the run on screen (and in the baseline run), when traced. */
  readonly story: CustomerTrace | null = $derived(this.current?.traces.find((t) => t.key === this.storyKey) ?? null);
  readonly baselineStory: CustomerTrace | null = $derived(
    this.baselineRun ? (this.baseline?.traces.find((t) => t.key === this.storyKey) ?? null) : null,
  );

  private runner: EngineRunner | null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Results by job key, oldest first (not reactive: a hit is shown through `current`). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache, never read by a view
  private kept = new Map<string, LabRun>();
  private active: LabControl | null = null;

  constructor(options: LabStateOptions = {}) {
    this.runner = options.runner ?? null;
    this.refresh();
  }

  /** Starts computing runs with `runner` (the page attaches its workers once mounted). */
  attach(runner: EngineRunner): void {
    this.runner?.dispose();
    this.runner = runner;
    this.requested = { current: '', baseline: '' };
    this.refresh();
  }

  /** Reads a URL query; invalid parts fall back to defaults and are listed in urlProblems. */
  loadFromQuery(search: string): void {
    const { settings, baseline, problems, problemCount } = decodeSettings(search, labLimits);
    this.pause();
    this.settings = settings;
    this.baselineSettings = baseline;
    this.visibleQuarters = settings.quarters;
    this.urlProblems = problems;
    this.urlProblemCount = problemCount;
    this.refresh();
  }

  /**
   * Reads the page's URL, then keeps it in step with the settings and the baseline (the one URL writer: debounced
   * replaceState). Call from onMount; returns what stops the sync.
   */
  connectUrl(search: string = location.search): () => void {
    this.loadFromQuery(search);
    return syncQuery(() => this.query);
  }

  // ——— runs ———
  private job(settings: LabSettings, census: boolean): RunJob {
    const trace = this.storyKey === null ? [] : [this.storyKey];
    const snapshot = $state.snapshot(settings) as LabSettings;
    return {
      key: `${encodeSettings(snapshot, labLimits)}|${trace.join(',')}|${census ? 'census' : ''}`,
      settings: snapshot,
      trace,
      census,
    };
  }

  private keep(result: LabRun): void {
    this.kept.delete(result.key);
    this.kept.set(result.key, result);
    while (this.kept.size > KEPT_RUNS) this.kept.delete(this.kept.keys().next().value!);
  }

  /** The learner is on this control (focus or a change): its neighbouring values are run ahead on the spare worker. */
  focusControl(control: LabControl): void {
    this.active = control;
    this.prefetch();
  }

  /** Settings one step either side of the active control's value (adjacent levels for a level preset). */
  private neighbours(): LabSettings[] {
    const c = this.active;
    const s = $state.snapshot(this.settings) as LabSettings;
    const out: LabSettings[] = [];
    const push = (change: (n: LabSettings) => void) => {
      const n = cloneSettings(s);
      change(n);
      out.push(n);
    };
    if (!c) return out;
    if (c.kind === 'scalar') {
      const r = labLimits[c.key];
      for (const dir of [1, -1]) {
        const v = snapToRange(s[c.key] + dir * r.step, r);
        if (v !== s[c.key]) push((n) => (n[c.key] = v));
      }
    } else if (c.kind === 'investment') {
      const r = this.investmentRange(c.segment, c.level);
      const inv = s.investment[c.segment];
      if (!r || !inv) return out;
      for (const dir of [1, -1]) {
        const v = snapToRange(inv[c.level] + dir * r.step, r);
        if (v !== inv[c.level]) push((n) => (n.investment[c.segment][c.level] = v));
      }
    } else if (this.segmentIds.includes(c.segment)) {
      const at = LEVEL_IDS.indexOf(this.presetOf(c.segment) as LevelName);
      if (at < 0) return out;
      for (const k of [at + 1, at - 1])
        if (k >= 0 && k < LEVEL_IDS.length)
          push((n) => (n.investment[c.segment] = labLimits.presetInvestment(s.marketId, c.segment, LEVEL_IDS[k])));
    }
    return out;
  }

  private prefetch(): void {
    if (!this.runner) return;
    const jobs = this.neighbours()
      .map((n) => this.job(n, true))
      .filter((j) => !this.kept.has(j.key));
    if (jobs.length > 0) this.runner.prefetch(jobs, (r) => this.keep(r));
  }

  /** Asks the runner for what the settings, the baseline and the picked customer now need (nothing if already asked). */
  private refresh(): void {
    const runner = this.runner;
    if (!runner) return;
    const ask = (slot: RunSlot, job: RunJob) => {
      if (this.requested[slot] === job.key) return;
      this.requested[slot] = job.key;
      // Already computed (shown before, or run ahead as a neighbour of the control in use): shown at once.
      const hit = this.kept.get(job.key);
      if (hit) {
        this.accept(slot, hit);
        return;
      }
      runner.run(
        slot,
        job,
        (result) => this.accept(slot, result),
        () => {
          if (this.requested[slot] === job.key) this.engineError = true;
        },
      );
    };
    ask('current', this.job(this.settings, true));
    const b = this.baselineSettings;
    if (b) {
      const { marketId, seed, quarters } = this.settings;
      ask('baseline', this.job({ ...b, marketId, seed, quarters }, false));
    } else {
      this.requested.baseline = '';
      this.baseline = null;
    }
  }

  private accept(slot: RunSlot, result: LabRun): void {
    this.keep(result);
    // A late result of a slot that has since been cleared (baseline removed) is not shown, nor one that arrives after
    // the newest asked for is already on screen (it came from the kept runs).
    if (slot === 'baseline' && !this.baselineSettings) return;
    const shown = slot === 'current' ? this.current : this.baseline;
    if (result.key !== this.requested[slot] && shown?.key === this.requested[slot]) return;
    const t0 = performance.now();
    if (result.key === this.requested[slot]) this.engineError = false;
    if (slot === 'current') this.current = result;
    else this.baseline = result;
    // The views update in the microtask Svelte queued above; one queued now runs after it: the re-render's time, for
    // the lab bench (User Timing), cleared now and then so a long session does not collect them.
    queueMicrotask(() => {
      performance.measure?.('crm-lab:render', { start: t0 });
      if (++this.renders % 500 === 0) performance.clearMeasures?.('crm-lab:render');
    });
    // The neighbours are run ahead once the frame showing this result is painted: speculative work waits for it.
    if (slot === 'current' && result.key === this.requested.current) afterPaint(() => this.prefetch());
  }
  private renders = 0;

  // ——— settings ———
  private changed(): void {
    if (!this.playing) this.visibleQuarters = this.settings.quarters;
    else this.visibleQuarters = Math.min(this.visibleQuarters, this.settings.quarters);
    this.refresh();
  }

  /** Sets a scalar setting, clamped to its range; returns the value actually used. */
  setScalar(key: ScalarKey, value: number): number {
    const range: Range = labLimits[key];
    const v = snapToRange(value, range);
    this.settings[key] = v;
    // Another seed is another set of customers: the picked key would be a stranger.
    if (key === 'seed') this.storyKey = null;
    else this.active = { kind: 'scalar', key };
    this.changed();
    return v;
  }

  /**
   * Another market: what the learner changed from the old market's defaults (firm-wide settings, and the level of a
   * segment the new market also has) is kept; the rest follows the new market's defaults. The baseline and the picked
   * customer belonged to the old market's customers and are dropped.
   */
  setMarket(marketId: string): void {
    const old = this.settings;
    if (!labLimits.marketIds.includes(marketId) || marketId === old.marketId) return;
    const oldDefaults = labLimits.defaults(old.marketId);
    const next = cloneSettings(labLimits.defaults(marketId));
    next.seed = old.seed;
    next.quarters = old.quarters;
    for (const k of FIRM_KEYS) if (old[k] !== oldDefaults[k]) next[k] = old[k];
    for (const segId of labLimits.segmentIds(marketId)) {
      const inv = old.investment[segId];
      if (!inv || !oldDefaults.investment[segId]) continue;
      const level = matchPreset(labLimits, old.marketId, segId, inv);
      const defaultLevel = matchPreset(labLimits, old.marketId, segId, oldDefaults.investment[segId]);
      if (level === defaultLevel) continue;
      if (level !== 'custom') next.investment[segId] = labLimits.presetInvestment(marketId, segId, level);
      else for (const l of INVESTED_LEVELS) next.investment[segId][l] = snapToRange(inv[l], labLimits.investmentRange(marketId, segId, l));
    }
    this.settings = next;
    this.baselineSettings = null;
    this.storyKey = null;
    this.active = null;
    this.changed();
  }

  /** Sets one level's spend of one segment; a segment the market does not have (a control being removed) is ignored. */
  setInvestment(segmentId: string, level: InvestedLevelName, value: number): number {
    const inv = this.settings.investment[segmentId];
    if (!inv || !this.segmentIds.includes(segmentId)) return value;
    const v = snapToRange(value, labLimits.investmentRange(this.settings.marketId, segmentId, level));
    inv[level] = v;
    this.active = { kind: 'investment', segment: segmentId, level };
    this.changed();
    return v;
  }

  setPreset(segmentId: string, level: LevelName): void {
    if (!this.segmentIds.includes(segmentId)) return;
    this.settings.investment[segmentId] = labLimits.presetInvestment(this.settings.marketId, segmentId, level);
    this.active = { kind: 'preset', segment: segmentId };
    this.changed();
  }

  presetOf(segmentId: string): LevelName | 'custom' {
    const inv = this.settings.investment[segmentId];
    return inv ? matchPreset(labLimits, this.settings.marketId, segmentId, inv) : 'custom';
  }

  /** The allowed spend of a level, or null for a segment this market does not have. */
  investmentRange(segmentId: string, level: InvestedLevelName): Range | null {
    return this.segmentIds.includes(segmentId) ? labLimits.investmentRange(this.settings.marketId, segmentId, level) : null;
  }

  applyInvestment(investment: Record<string, InvestmentVector>): void {
    for (const [seg, inv] of Object.entries(investment)) {
      if (this.settings.investment[seg]) {
        for (const l of INVESTED_LEVELS) this.settings.investment[seg][l] = inv[l];
      }
    }
    this.changed();
  }

  restoreDefaults(): void {
    this.pause();
    this.settings = { ...labLimits.defaults(this.settings.marketId), seed: this.settings.seed, quarters: this.settings.quarters };
    this.changed();
  }

  // ——— play / pause / step / reset ———
  play(): void {
    if (this.playing) return;
    if (this.visibleQuarters >= this.settings.quarters) this.visibleQuarters = 1;
    this.playing = true;
    this.schedule();
  }
  pause(): void {
    this.playing = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
  togglePlay(): void {
    if (this.playing) this.pause();
    else this.play();
  }
  step(): void {
    this.pause();
    if (this.visibleQuarters >= this.settings.quarters) this.visibleQuarters = 1;
    else this.visibleQuarters += 1;
  }
  /** Back to the first quarter, paused. */
  reset(): void {
    this.pause();
    this.visibleQuarters = 1;
  }
  /** Shows the whole run at once. */
  showAll(): void {
    this.pause();
    this.visibleQuarters = this.settings.quarters;
  }
  /** Shows the run up to quarter q (the quarter scrubber), paused. */
  scrub(q: number): void {
    this.pause();
    this.visibleQuarters = Math.round(clamp(q, { min: 1, max: this.settings.quarters, step: 1 }));
  }
  setSpeed(v: number): void {
    this.speed = (SPEEDS as readonly number[]).includes(v) ? v : 2;
  }
  private schedule(): void {
    this.timer = setTimeout(() => {
      if (!this.playing) return;
      if (this.visibleQuarters < this.settings.quarters) this.visibleQuarters += 1;
      if (this.visibleQuarters >= this.settings.quarters) this.pause();
      else this.schedule();
    }, 1000 / this.speed);
  }

  // ——— compare on the same customers ———
  pinBaseline(): void {
    this.baselineSettings = cloneSettings($state.snapshot(this.settings) as LabSettings);
    this.refresh();
  }
  clearBaseline(): void {
    this.baselineSettings = null;
    this.refresh();
  }

  // ——— one customer's story ———
  /** Follows one customer (by key) in the run and in the baseline run; null stops following. */
  pickCustomer(key: number | null): void {
    this.storyKey = key === null ? null : Math.trunc(clamp(key, { min: 0, max: 4294967295, step: 1 }));
    this.refresh();
  }

  // ——— long jobs: "what would have been optimal?" and the many-seed band ———
  /** Job workers, kept alive between jobs (warm) and replaced after a cancel; at most one per core, at most 4. */
  private jobWorkers: Worker[] = [];
  private jobId = 0;
  private cores(): number {
    const n = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
    return Math.max(1, Math.min(4, n));
  }
  /**
   * Starts the job workers ahead of a job (when the lab is idle, or on hovering or focusing a job's button); each first
   * does a small run, so the job itself finds the engine loaded and compiled.
   */
  warmJobs(count: number = this.cores()): Worker[] {
    while (this.jobWorkers.length < count) {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- the worker's address, read once by the bundler
      const worker = new Worker(new URL('./workers/jobs.ts', import.meta.url), { type: 'module', name: 'crm-lab-jobs' });
      const warm: JobRequest = { type: 'warm', id: 0, settings: $state.snapshot(this.settings) as LabSettings };
      worker.postMessage(warm);
      this.jobWorkers.push(worker);
    }
    return this.jobWorkers.slice(0, count);
  }
  /** Readies both long jobs while the lab is idle: the job workers started and warmed. */
  prepareJobs(): void {
    if (!this.disposed) this.warmJobs();
  }
  /** Stops every job worker (a cancel, or a new job replacing a running one). */
  private stopJobs(): void {
    for (const w of this.jobWorkers) w.terminate();
    this.jobWorkers = [];
  }

  /**
   * Runs the search on the first job worker; the others compute the segment runs it will ask for next (through a
   * message port each, without the page in between).
   */
  startOptimiser(): void {
    this.cancelOptimiser();
    if (this.band.status === 'running') this.cancelBand();
    const forQuery = this.settingsQuery;
    const learnerEquity = this.run?.overall[this.run.overall.length - 1]?.customerEquity ?? 0;
    const started = performance.now();
    const id = ++this.jobId;
    this.optimiser = { status: 'running', progress: 0, phase: 'presets', result: null, forQuery, learnerEquity, ms: 0, runs: 0 };
    const [worker, ...others] = this.warmJobs();
    const fail = () => {
      if (this.optimiser.status !== 'running' || this.jobId !== id) return;
      this.stopJobs();
      this.optimiser.status = 'error';
    };
    worker.onmessage = (ev: MessageEvent<JobMessage>) => {
      const msg = ev.data;
      if (msg.id !== id || this.optimiser.status !== 'running') return;
      if (msg.type === 'progress') {
        this.optimiser.progress = msg.progress.evaluations / msg.progress.budget;
        this.optimiser.phase = msg.progress.phase;
      } else if (msg.type === 'optimum') {
        const { runs, ...result } = msg.result;
        this.optimiser = { ...this.optimiser, status: 'done', progress: 1, result, runs, ms: performance.now() - started };
      } else fail();
    };
    worker.onerror = fail;
    const helpers = others.map((helper) => {
      const channel = new MessageChannel();
      helper.onmessage = null;
      helper.onerror = fail;
      helper.postMessage({ type: 'help', id, port: channel.port2 } satisfies JobRequest, [channel.port2]);
      return channel.port1;
    });
    const request: JobRequest = { type: 'optimise', id, settings: $state.snapshot(this.settings) as LabSettings, helpers };
    worker.postMessage(request, helpers);
  }
  cancelOptimiser(): void {
    if (this.optimiser.status === 'running') {
      this.stopJobs();
      this.optimiser.status = 'cancelled';
    }
  }

  /**
   * Runs the band on one worker per core, each an interleaved share of the seeds; the band is drawn from the markets
   * finished so far while they come (at most every BAND_REDRAW_MS), and from all of them at the end.
   */
  startBand(seeds: number = this.band.seeds): void {
    this.cancelBand();
    if (this.optimiser.status === 'running') this.cancelOptimiser();
    const n = Math.round(clamp(seeds, { min: 10, max: 500, step: 1 }));
    const forQuery = bandKey(this.settings);
    const started = performance.now();
    const id = ++this.jobId;
    this.band = { status: 'running', progress: 0, seeds: n, done: 0, equity: null, retention: null, forQuery, ms: 0 };
    const shares = splitSeeds(bandSeeds(this.settings.seed, n), this.cores());
    const workers = this.warmJobs(shares.length);
    const collected = new BandProgress(n);
    const finished: boolean[] = shares.map(() => false);
    const settings = $state.snapshot(this.settings) as LabSettings;
    const fail = () => {
      if (this.band.status !== 'running' || this.jobId !== id) return;
      this.stopJobs();
      this.band.status = 'error';
    };
    const show = (status: JobStatus) => {
      const bands = collected.bands();
      this.band = {
        ...this.band,
        status,
        progress: collected.count / n,
        done: collected.count,
        equity: bands.equity,
        retention: bands.retention,
      };
    };
    shares.forEach((share, k) => {
      const worker = workers[k];
      worker.onmessage = (ev: MessageEvent<JobMessage>) => {
        const msg = ev.data;
        if (msg.id !== id || this.band.status !== 'running') return;
        if (msg.type === 'bandRuns') {
          collected.add(msg.series);
          this.band.progress = collected.count / n;
          if (collected.redrawDue(performance.now())) show('running');
        } else if (msg.type === 'band') {
          finished[k] = true;
          if (finished.every(Boolean)) {
            show('done');
            this.band.ms = performance.now() - started;
          }
        } else fail();
      };
      worker.onerror = fail;
      const request: JobRequest = { type: 'band', id, settings, seeds: share };
      worker.postMessage(request);
    });
  }
  cancelBand(): void {
    if (this.band.status === 'running') {
      this.stopJobs();
      this.band.status = 'cancelled';
    }
  }

  private disposed = false;
  dispose(): void {
    this.disposed = true;
    this.pause();
    this.cancelOptimiser();
    this.cancelBand();
    this.stopJobs();
    this.runner?.dispose();
    this.runner = null;
  }
}
