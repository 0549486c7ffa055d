// Cheaper evaluations for a search over strategies ("find the optimum"): each segment's run is kept and
// reused while that segment's spend and the firm-wide settings are unchanged, since segments share no
// customers. The totals are rebuilt in the engine's order, so every value equals simulate()'s to the bit.
import { combineSummaries, simulateSummary, type RunOptions, type SegmentSummary } from './engine.ts';
import type { Market } from './market.ts';
import { validateStrategy, type Strategy } from './strategy.ts';

export interface SegmentEvaluation {
  /** Customer equity at the horizon: the whole firm and each segment (as simulate()'s last rows). */
  total: number;
  bySegment: Record<string, number>;
}

/**
 * Evaluates strategies on one market and one set of run options. A segment is simulated again only
 * when its own investment or a firm-wide setting (promise, quality, acquisition spend) differs from
 * every strategy seen before; otherwise its earlier run is reused. Memory: one summary per distinct
 * segment setting (a few kilobytes each).
 */
export class SegmentRunCache {
  private readonly runs = new Map<string, SegmentSummary>();
  private discountFactor: Float64Array | null = null;
  /** Segment runs made so far, and the customer-quarters they simulated. */
  segmentRuns = 0;
  customerQuarters = 0;

  constructor(
    private readonly market: Market,
    private readonly options: RunOptions,
  ) {}

  evaluate(strategy: Strategy): SegmentEvaluation {
    validateStrategy(this.market, strategy);
    const firm = JSON.stringify([strategy.promiseLevel, strategy.quality, strategy.acquisitionSpendPerQuarter]);
    const parts: SegmentSummary[] = [];
    const bySegment: Record<string, number> = {};
    for (const p of this.market.segments) {
      const key = `${firm}|${p.id}|${JSON.stringify(strategy.segments[p.id]?.investment ?? null)}`;
      let part = this.runs.get(key);
      if (!part) {
        const summary = simulateSummary(this.market, strategy, this.options, [p.id]);
        part = summary.segments[0]!;
        this.discountFactor = summary.discountFactor;
        this.runs.set(key, part);
        this.segmentRuns++;
        for (const n of part.customersAtStart) this.customerQuarters += n;
      }
      parts.push(part);
      bySegment[p.id] = part.customerEquity[part.customerEquity.length - 1] ?? 0;
    }
    const series = combineSummaries(this.market, parts, this.discountFactor ?? new Float64Array(0));
    return { total: series.customerEquity[series.customerEquity.length - 1] ?? 0, bySegment };
  }
}
