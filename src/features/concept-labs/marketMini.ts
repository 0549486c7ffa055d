// The compact market lab used by <Predict lab="market">: one level preset per segment of the
// default market, run through ENGINE's simulate; returns the retention and equity series only.
import { getPreset, simulate, levelPresetInvestment, defaultStrategy, LEVELS, type LevelId, type Market } from '@sim/index';
import type { EnumSpec, Schema } from '@/kit/urlState';

export const MINI_RUN = { seed: 'market-mini', quarters: 24, customersScale: 0.2 } as const;

function defaultMarket(): Market {
  return getPreset('default');
}

/** Segment ids of the default market, in order (consumers, small businesses, key accounts). */
export function miniSegments(): { id: string; defaultLevel: LevelId }[] {
  return defaultMarket().segments.map((s) => ({ id: s.id, defaultLevel: s.defaultLevel }));
}

/** The URL key of a segment's level: named by the segment, as in the main lab (`s.key-accounts=partnership`). */
export function miniKey(segmentId: string): string {
  return `s.${segmentId}`;
}

/** URL/query state: one level, by name, per segment, keyed by the segment's id (never by its position). */
export function miniSchema(): Record<string, EnumSpec<LevelId>> {
  const schema: Record<string, EnumSpec<LevelId>> = {};
  for (const s of defaultMarket().segments) schema[miniKey(s.id)] = { kind: 'enum', values: LEVELS, default: s.defaultLevel };
  return schema satisfies Schema;
}

export interface MiniRun {
  quarters: number[];
  retention: number[];
  customerEquity: number[];
}

/** Runs the default market with each segment at the named level (segments not listed keep their default). */
export function runMini(levels: Readonly<Record<string, LevelId>>): MiniRun {
  const market = defaultMarket();
  const strategy = defaultStrategy(market);
  for (const s of market.segments) {
    strategy.segments[s.id] = { investment: levelPresetInvestment(market, s.id, levels[s.id] ?? s.defaultLevel) };
  }
  const r = simulate(market, strategy, { ...MINI_RUN });
  return {
    quarters: r.overall.map((row) => row.quarter),
    retention: r.overall.map((row) => row.retentionRate),
    customerEquity: r.overall.map((row) => row.customerEquity),
  };
}
