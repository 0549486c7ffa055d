// The one reactive bridge between the lab's views and the engine: settings, the run, the pinned baseline, play state,
// and the optimiser and uncertainty workers. Views read its fields and call its methods; they never call the engine.
// Seeds for "new market" come from the view (crypto or a counter) — never from here or the engine.
import { simulate, type RunResult } from '@sim/index';
import { labLimits, marketById } from './limits';
import { toRunOptions, toStrategy } from './strategy';
import { decodeSettings, encodeSettings } from './urlState';
import { snapToRange, type UrlProblem } from '@/kit/urlState';
import { syncQuery } from '@/kit/urlWriter.svelte';
import {
  INVESTED_LEVELS,
  clamp,
  cloneSettings,
  matchPreset,
  type InvestedLevelName,
  type InvestmentVector,
  type LabSettings,
  type LevelName,
  type Range,
} from './settings';
import { bandSeeds, type Band } from './montecarlo';
import { bandsFromSeries, splitSeeds, type SeedSeries } from './jobs';
import type { SearchResult } from './optimise';
import type { OptimiseRequest, OptimiseMessage } from './workers/optimise';
import type { MonteCarloRequest, MonteCarloMessage } from './workers/montecarlo';

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
}

export interface BandState {
  status: JobStatus;
  progress: number;
  seeds: number;
  equity: Band | null;
  retention: Band | null;
  forQuery: string;
  ms: number;
}

/** Query of the settings that shape a band: everything except the seed (the band varies the seed). */
function bandKey(s: LabSettings): string {
  return encodeSettings({ ...s, seed: 0 }, labLimits);
}

export class LabState {
  readonly limits = labLimits;
  settings = $state<LabSettings>(labLimits.defaults(labLimits.marketIds[0]));
  /** Settings of the pinned baseline strategy (re-run on the current seed and horizon: same customers). */
  baselineSettings = $state<LabSettings | null>(null);
  /** How many quarters are revealed (play/step); equals the horizon when the run is shown whole. */
  visibleQuarters = $state(labLimits.defaults(labLimits.marketIds[0]).quarters);
  playing = $state(false);
  speed = $state<number>(2);
  /** What could not be used in the link the lab was opened with (listed ones, and how many in all). */
  urlProblems = $state<UrlProblem[]>([]);
  urlProblemCount = $state(0);
  optimiser = $state<OptimiserState>({ status: 'idle', progress: 0, phase: null, result: null, forQuery: '', learnerEquity: 0, ms: 0 });
  band = $state<BandState>({ status: 'idle', progress: 0, seeds: BAND_SEEDS_DEFAULT, equity: null, retention: null, forQuery: '', ms: 0 });

  readonly market = $derived(marketById(this.settings.marketId));
  readonly segmentIds = $derived(this.market.segments.map((s) => s.id));
  /** The run for the current settings: re-simulated at once whenever a setting changes. */
  readonly run: RunResult = $derived(simulate(this.market, toStrategy(this.settings), toRunOptions(this.settings)));
  readonly baselineRun: RunResult | null = $derived.by(() => {
    const b = this.baselineSettings;
    if (!b || b.marketId !== this.settings.marketId) return null;
    return simulate(this.market, toStrategy(b), toRunOptions(this.settings));
  });
  readonly query = $derived(encodeSettings(this.settings, labLimits));
  readonly bandVisible = $derived(this.band.status === 'done' && this.band.forQuery === bandKey(this.settings));
  readonly optimumCurrent = $derived(this.optimiser.status === 'done' && this.optimiser.forQuery === this.query);

  private timer: ReturnType<typeof setTimeout> | null = null;
  private optimiseWorker: Worker | null = null;
  private bandWorkers: Worker[] = [];

  /** Reads a URL query; invalid parts fall back to defaults and are listed in urlProblems. */
  loadFromQuery(search: string): void {
    const { settings, problems, problemCount } = decodeSettings(search, labLimits);
    this.settings = settings;
    this.visibleQuarters = settings.quarters;
    this.urlProblems = problems;
    this.urlProblemCount = problemCount;
  }

  /**
   * Reads the page's URL, then keeps it in step with the settings (the one URL writer: debounced
   * replaceState). Call from onMount; returns what stops the sync.
   */
  connectUrl(search: string = location.search): () => void {
    this.loadFromQuery(search);
    return syncQuery(() => this.query);
  }

  // ——— settings ———
  private changed(): void {
    if (!this.playing) this.visibleQuarters = this.settings.quarters;
    else this.visibleQuarters = Math.min(this.visibleQuarters, this.settings.quarters);
  }

  /** Sets a scalar setting, clamped to its range; returns the value actually used. */
  setScalar(key: 'promiseLevel' | 'quality' | 'acquisitionSpendPerQuarter' | 'quarters' | 'seed', value: number): number {
    const range: Range = labLimits[key];
    const v = snapToRange(value, range);
    this.settings[key] = v;
    this.changed();
    return v;
  }

  setMarket(marketId: string): void {
    if (!labLimits.marketIds.includes(marketId) || marketId === this.settings.marketId) return;
    const fresh = labLimits.defaults(marketId);
    this.settings = { ...fresh, seed: this.settings.seed, quarters: this.settings.quarters };
    this.baselineSettings = null;
    this.changed();
  }

  setInvestment(segmentId: string, level: InvestedLevelName, value: number): number {
    const range = labLimits.investmentRange(this.settings.marketId, segmentId, level);
    const v = snapToRange(value, range);
    this.settings.investment[segmentId][level] = v;
    this.changed();
    return v;
  }

  setPreset(segmentId: string, level: LevelName): void {
    this.settings.investment[segmentId] = labLimits.presetInvestment(this.settings.marketId, segmentId, level);
    this.changed();
  }

  presetOf(segmentId: string): LevelName | 'custom' {
    return matchPreset(labLimits, this.settings.marketId, segmentId, this.settings.investment[segmentId]);
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
    this.settings = labLimits.defaults(this.settings.marketId);
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
    this.baselineSettings = cloneSettings(this.settings);
  }
  clearBaseline(): void {
    this.baselineSettings = null;
  }

  // ——— "what would have been optimal?" ———
  startOptimiser(): void {
    this.cancelOptimiser();
    const forQuery = this.query;
    const learnerEquity = this.run.overall[this.run.overall.length - 1]?.customerEquity ?? 0;
    const started = performance.now();
    this.optimiser = { status: 'running', progress: 0, phase: 'presets', result: null, forQuery, learnerEquity, ms: 0 };
    // The worker's address, read once by the bundler: not reactive state.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const worker = new Worker(new URL('./workers/optimise.ts', import.meta.url), { type: 'module' });
    this.optimiseWorker = worker;
    worker.onmessage = (ev: MessageEvent<OptimiseMessage>) => {
      const msg = ev.data;
      if (msg.type === 'progress') {
        this.optimiser.progress = msg.progress.evaluations / msg.progress.budget;
        this.optimiser.phase = msg.progress.phase;
      } else if (msg.type === 'done') {
        this.optimiser = { ...this.optimiser, status: 'done', progress: 1, result: msg.result, ms: performance.now() - started };
        worker.terminate();
        this.optimiseWorker = null;
      } else {
        this.optimiser.status = 'error';
        worker.terminate();
        this.optimiseWorker = null;
      }
    };
    worker.onerror = () => {
      this.optimiser.status = 'error';
      worker.terminate();
      this.optimiseWorker = null;
    };
    const request: OptimiseRequest = { settings: $state.snapshot(this.settings) };
    worker.postMessage(request);
  }
  cancelOptimiser(): void {
    if (this.optimiseWorker) {
      this.optimiseWorker.terminate();
      this.optimiseWorker = null;
      this.optimiser.status = 'cancelled';
    }
  }

  // ——— uncertainty over many seeds ———
  /** Runs the band on one worker per core (at most 4; the main thread only waits meanwhile); each
   *  worker takes an interleaved share of the seeds. */
  startBand(seeds: number = this.band.seeds): void {
    this.cancelBand();
    const n = Math.round(clamp(seeds, { min: 10, max: 500, step: 1 }));
    const forQuery = bandKey(this.settings);
    const started = performance.now();
    this.band = { status: 'running', progress: 0, seeds: n, equity: null, retention: null, forQuery, ms: 0 };
    const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
    const shares = splitSeeds(bandSeeds(this.settings.seed, n), Math.max(1, Math.min(4, cores)));
    const done: number[] = shares.map(() => 0);
    const results: (SeedSeries | null)[] = shares.map(() => null);
    const settings = $state.snapshot(this.settings);
    const fail = () => {
      this.cancelBand();
      this.band.status = 'error';
    };
    this.bandWorkers = shares.map((share, k) => {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- the worker's address, not reactive state
      const worker = new Worker(new URL('./workers/montecarlo.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (ev: MessageEvent<MonteCarloMessage>) => {
        const msg = ev.data;
        if (msg.type === 'progress') {
          done[k] = msg.done;
          this.band.progress = done.reduce((a, b) => a + b, 0) / n;
        } else if (msg.type === 'done') {
          results[k] = msg.series;
          worker.terminate();
          if (results.every((r) => r !== null)) {
            const bands = bandsFromSeries(results as SeedSeries[]);
            this.bandWorkers = [];
            this.band = {
              ...this.band,
              status: 'done',
              progress: 1,
              equity: bands.equity,
              retention: bands.retention,
              ms: performance.now() - started,
            };
          }
        } else fail();
      };
      worker.onerror = fail;
      const request: MonteCarloRequest = { settings, seeds: share };
      worker.postMessage(request);
      return worker;
    });
  }
  cancelBand(): void {
    if (this.bandWorkers.length > 0) {
      for (const w of this.bandWorkers) w.terminate();
      this.bandWorkers = [];
      this.band.status = 'cancelled';
    }
  }

  dispose(): void {
    this.pause();
    this.cancelOptimiser();
    this.cancelBand();
  }
}
