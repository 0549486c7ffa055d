// The two long jobs of the lab (optimum search and the many-seed band), as plain functions over the engine.
// The workers call these; Vitest calls them directly. No DOM, no worker globals, no randomness beyond the engine's seeds.
import { combineSummaries, simulateSummary, type SegmentSummary } from '@sim/index';
import { labLimits, marketById } from './limits';
import { toRunOptions, toStrategy } from './strategy';
import { runSearch, type Evaluation, type SearchOptions, type SearchProgress, type SearchResult, type SearchSpace } from './optimise';
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

/** One segment's run for one candidate, with the discount factors that combine it with the other segments' runs. */
export interface SegmentPart {
  part: SegmentSummary;
  discountFactor: Float64Array;
}

/** What a segment's run depends on within one search: the segment and its own spend (the rest of the settings are fixed). */
export function partKey(segmentId: string, inv: InvestmentVector): string {
  return `${segmentId}|${inv.reactive},${inv.accountable},${inv.proactive},${inv.partnership}`;
}

/** Simulates one segment of a candidate alone (segments share no customers: exactly as in the full run). */
export function runPart(
  settings: LabSettings,
  investment: Record<string, InvestmentVector>,
  segmentId: string,
  customersScale?: number,
): SegmentPart {
  const opts = customersScale ? { ...toRunOptions(settings), customersScale } : toRunOptions(settings);
  const s = simulateSummary(marketById(settings.marketId), toStrategy(settings, investment), opts, [segmentId]);
  return { part: s.segments[0]!, discountFactor: s.discountFactor };
}

/**
 * A small run of the settings (a tenth of the customers), so that a worker's first real job finds the engine's code
 * loaded and compiled: run when the lab is idle. Returns the run's customer equity at the horizon.
 */
export function warmUp(settings: LabSettings): number {
  const s = simulateSummary(marketById(settings.marketId), toStrategy(settings), { ...toRunOptions(settings), customersScale: 0.1 });
  return s.overall!.customerEquity[settings.quarters - 1] ?? 0;
}

/** A candidate's evaluation from its segments' runs, in the market's order (combineSummaries: a full run's number, to the bit). */
export function evaluationFromParts(settings: LabSettings, parts: readonly SegmentSummary[], discountFactor: Float64Array): Evaluation {
  const last = settings.quarters - 1;
  const whole = combineSummaries(marketById(settings.marketId), parts, discountFactor);
  const bySegment: Record<string, number> = {};
  for (const p of parts) bySegment[p.id] = p.customerEquity[last] ?? 0;
  return { total: whole.customerEquity[last] ?? 0, bySegment };
}

/**
 * Customer equity at the horizon, whole firm and per segment, for one candidate investment. Segments share no
 * customers, so each segment is simulated alone for its own spend and kept: a candidate that changes one segment's
 * spend runs only that segment, and the firm's equity is rebuilt from the parts (combineSummaries: the same number
 * as a full run, to the bit). `runs` counts the segment runs, for the progress report and the bench.
 */
export function equityEvaluator(settings: LabSettings, customersScale?: number) {
  const ids = marketById(settings.marketId).segments.map((s) => s.id);
  const parts = new Map<string, SegmentSummary>();
  let discount: Float64Array | null = null;
  const evaluate = (investment: Record<string, InvestmentVector>): Evaluation => {
    const summaries = ids.map((id) => {
      const key = partKey(id, investment[id]);
      let part = parts.get(key);
      if (!part) {
        const run = runPart(settings, investment, id, customersScale);
        part = run.part;
        discount ??= run.discountFactor;
        parts.set(key, part);
        evaluate.runs++;
      }
      return part;
    });
    return evaluationFromParts(settings, summaries, discount!);
  };
  evaluate.runs = 0;
  return evaluate;
}

export function optimiseSettings(
  settings: LabSettings,
  onProgress: (p: SearchProgress) => void = () => {},
  options?: SearchOptions,
): SearchResult {
  return runSearch(searchSpaceFor(settings), equityEvaluator(settings), options, onProgress);
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
