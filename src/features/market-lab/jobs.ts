// The two long jobs of the lab (optimum search and the many-seed band), as plain functions over the engine.
// The workers call these; Vitest calls them directly. No DOM, no worker globals, no randomness beyond the engine's seeds.
import { combineSummaries, simulateSummary, type SegmentSummary } from '@sim/index';
import { labLimits, marketById } from './limits';
import { toRunOptions, toStrategy } from './strategy';
import { searchOptimum, type Evaluation, type SearchOptions, type SearchProgress, type SearchResult, type SearchSpace } from './optimise';
import { bandSeeds, bandsFromSeries, type Band, type BandMetric, type SeedSeries } from './montecarlo';
import type { InvestmentVector, LabSettings } from './settings';

export function searchSpaceFor(settings: LabSettings): SearchSpace {
  const id = settings.marketId;
  return {
    segmentIds: labLimits.segmentIds(id),
    presetInvestment: (seg, level) => labLimits.presetInvestment(id, seg, level),
    investmentRange: (seg, level) => labLimits.investmentRange(id, seg, level),
  };
}

/**
 * Customer equity at the horizon, whole firm and per segment, for one candidate investment. Segments share no
 * customers, so each segment is simulated alone for its own spend and kept: a candidate that changes one segment's
 * spend runs only that segment, and the firm's equity is rebuilt from the parts (combineSummaries: the same number
 * as a full run, to the bit). `runs` counts the segment runs, for the progress report and the bench.
 */
export function equityEvaluator(settings: LabSettings, customersScale?: number) {
  const market = marketById(settings.marketId);
  const opts = customersScale ? { ...toRunOptions(settings), customersScale } : toRunOptions(settings);
  const ids = market.segments.map((s) => s.id);
  const parts = new Map<string, SegmentSummary>();
  let discount: Float64Array | null = null;
  const evaluate = (investment: Record<string, InvestmentVector>): Evaluation => {
    const summaries = ids.map((id) => {
      const inv = investment[id];
      const key = `${id}|${inv.reactive},${inv.accountable},${inv.proactive},${inv.partnership}`;
      let part = parts.get(key);
      if (!part) {
        const s = simulateSummary(market, toStrategy(settings, investment), opts, [id]);
        part = s.segments[0]!;
        discount ??= s.discountFactor;
        parts.set(key, part);
        evaluate.runs++;
      }
      return part;
    });
    const last = settings.quarters - 1;
    const whole = combineSummaries(market, summaries, discount!);
    const bySegment: Record<string, number> = {};
    summaries.forEach((p) => (bySegment[p.id] = p.customerEquity[last] ?? 0));
    return { total: whole.customerEquity[last] ?? 0, bySegment };
  };
  evaluate.runs = 0;
  return evaluate;
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

/** The current strategy on each of the given seeds: customer equity and retention per quarter, run by run. */
export function runSeeds(settings: LabSettings, seeds: readonly number[], onProgress: (done: number) => void = () => {}): SeedSeries {
  const market = marketById(settings.marketId);
  const strategy = toStrategy(settings);
  const out: SeedSeries = { equity: [], retention: [] };
  for (let i = 0; i < seeds.length; i++) {
    // The summary holds exactly the full run's equity and retention, without building every row of the run.
    const whole = simulateSummary(market, strategy, toRunOptions(settings, seeds[i])).overall!;
    out.equity.push(Array.from(whole.customerEquity));
    out.retention.push(Array.from(whole.retentionRate));
    if ((i + 1) % 5 === 0 || i === seeds.length - 1) onProgress(i + 1);
  }
  return out;
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
