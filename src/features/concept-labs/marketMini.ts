// The compact market lab used by <Predict lab="market">: one level preset per segment of the
// default market, run through ENGINE's simulate; returns the retention and equity series only.
import { getPreset, simulate, levelPresetInvestment, defaultStrategy, LEVELS, type LevelId, type Market } from '@sim/index';
import type { Schema } from './urlState';

export const MINI_RUN = { seed: 'market-mini', quarters: 24, customersScale: 0.2 } as const;

function defaultMarket(): Market {
  return getPreset('default');
}

/** Segment ids of the default market, in order (consumers, small businesses, key accounts). */
export function miniSegments(): { id: string; defaultLevel: LevelId }[] {
  return defaultMarket().segments.map((s) => ({ id: s.id, defaultLevel: s.defaultLevel }));
}

/** URL/query state: one level per segment, keyed by the segment's position (s1, s2, s3). */
export function miniSchema(): Schema {
  const schema: Schema = {};
  defaultMarket().segments.forEach((s, k) => {
    schema[`s${k + 1}`] = { kind: 'enum', values: LEVELS, default: s.defaultLevel };
  });
  return schema;
}

export interface MiniRun {
  quarters: number[];
  retention: number[];
  customerEquity: number[];
}

export function runMini(levels: readonly LevelId[]): MiniRun {
  const market = defaultMarket();
  const strategy = defaultStrategy(market);
  market.segments.forEach((s, k) => {
    strategy.segments[s.id] = { investment: levelPresetInvestment(market, s.id, levels[k] ?? s.defaultLevel) };
  });
  const r = simulate(market, strategy, { ...MINI_RUN });
  return {
    quarters: r.overall.map((row) => row.quarter),
    retention: r.overall.map((row) => row.retentionRate),
    customerEquity: r.overall.map((row) => row.customerEquity),
  };
}
