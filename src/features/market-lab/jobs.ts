// The two long jobs of the lab (optimum search and the many-seed band), as plain functions over the engine.
// The workers call these; Vitest calls them directly. No DOM, no worker globals, no randomness beyond the engine's seeds.
import { simulate } from '@sim/index';
import { labLimits, marketById } from './limits';
import { toRunOptions, toStrategy } from './strategy';
import { searchOptimum, type Evaluation, type SearchOptions, type SearchProgress, type SearchResult, type SearchSpace } from './optimise';
import { BandCollector, bandSeeds, type Band } from './montecarlo';
import type { InvestmentVector, LabSettings } from './settings';

export function searchSpaceFor(settings: LabSettings): SearchSpace {
  const id = settings.marketId;
  return {
    segmentIds: labLimits.segmentIds(id),
    presetInvestment: (seg, level) => labLimits.presetInvestment(id, seg, level),
    investmentRange: (seg, level) => labLimits.investmentRange(id, seg, level),
  };
}

/** Customer equity at the horizon, whole firm and per segment, for one candidate investment. */
export function equityEvaluator(settings: LabSettings, customersScale?: number) {
  const market = marketById(settings.marketId);
  return (investment: Record<string, InvestmentVector>): Evaluation => {
    const opts = customersScale ? { ...toRunOptions(settings), customersScale } : toRunOptions(settings);
    const run = simulate(market, toStrategy(settings, investment), opts);
    const last = run.overall[run.overall.length - 1];
    const bySegment: Record<string, number> = {};
    for (const [seg, rows] of Object.entries(run.bySegment)) bySegment[seg] = rows[rows.length - 1]?.customerEquity ?? 0;
    return { total: last?.customerEquity ?? 0, bySegment };
  };
}

export function optimiseSettings(
  settings: LabSettings,
  onProgress: (p: SearchProgress) => void = () => {},
  options?: SearchOptions,
): SearchResult {
  const gen = searchOptimum(searchSpaceFor(settings), equityEvaluator(settings), options);
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
    onProgress(r.value);
  }
}

export type BandMetric = 'equity' | 'retention';
export type SeedSeries = Record<BandMetric, number[][]>;

/** The current strategy on each of the given seeds: customer equity and retention per quarter, run by run. */
export function runSeeds(settings: LabSettings, seeds: readonly number[], onProgress: (done: number) => void = () => {}): SeedSeries {
  const market = marketById(settings.marketId);
  const strategy = toStrategy(settings);
  const out: SeedSeries = { equity: [], retention: [] };
  for (let i = 0; i < seeds.length; i++) {
    const run = simulate(market, strategy, toRunOptions(settings, seeds[i]));
    out.equity.push(run.overall.map((r) => r.customerEquity));
    out.retention.push(run.overall.map((r) => r.retentionRate));
    if ((i + 1) % 5 === 0 || i === seeds.length - 1) onProgress(i + 1);
  }
  return out;
}

/** Splits seeds into `parts` interleaved shares (one per worker); together they hold every seed once. */
export function splitSeeds(seeds: readonly number[], parts: number): number[][] {
  const n = Math.max(1, Math.min(parts, seeds.length));
  const out: number[][] = Array.from({ length: n }, () => []);
  seeds.forEach((s, i) => out[i % n].push(s));
  return out;
}

/** Bands from the series of several workers (or one). */
export function bandsFromSeries(parts: readonly SeedSeries[]): Record<BandMetric, Band> {
  const collector = new BandCollector<BandMetric>(['equity', 'retention']);
  for (const p of parts) {
    for (let i = 0; i < p.equity.length; i++) collector.add({ equity: p.equity[i], retention: p.retention[i] });
  }
  return collector.bands();
}

/** The current strategy over `n` seeds derived from the current one: 10–90 % band and median per quarter. */
export function bandForSettings(
  settings: LabSettings,
  n: number,
  onProgress: (done: number, total: number) => void = () => {},
): Record<BandMetric, Band> {
  const seeds = bandSeeds(settings.seed, n);
  return bandsFromSeries([runSeeds(settings, seeds, (done) => onProgress(done, seeds.length))]);
}
