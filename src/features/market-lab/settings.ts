// What the learner sets in the Relationship Investment Lab, with the declared range of every value.
// Plain data and pure functions only (no engine calls, no DOM), so the URL codec and tests can use it.

export const LEVEL_IDS = ['basic', 'reactive', 'accountable', 'proactive', 'partnership'] as const;
export type LevelName = (typeof LEVEL_IDS)[number];
export const INVESTED_LEVELS = ['reactive', 'accountable', 'proactive', 'partnership'] as const;
export type InvestedLevelName = (typeof INVESTED_LEVELS)[number];
export type InvestmentVector = Record<InvestedLevelName, number>;

/** The learner's settings: together with the market they determine the run exactly. */
export interface LabSettings {
  marketId: string;
  /** Whole number; the same seed gives the same customers and the same luck. */
  seed: number;
  /** Horizon in quarters. */
  quarters: number;
  /** 1..5: what communications lead customers to expect. */
  promiseLevel: number;
  /** Currency units per quarter for the whole firm. */
  acquisitionSpendPerQuarter: number;
  /** Core product quality, 1..5. */
  quality: number;
  /** Investment per customer per quarter in each level, per segment id. */
  investment: Record<string, InvestmentVector>;
}

export interface Range {
  min: number;
  max: number;
  step: number;
}

/** Ranges and defaults that depend on the market; built from the engine in limits.ts. */
export interface LabLimits {
  marketIds: readonly string[];
  seed: Range;
  quarters: Range;
  promiseLevel: Range;
  quality: Range;
  acquisitionSpendPerQuarter: Range;
  /** Segment ids of a market, in display order. */
  segmentIds(marketId: string): readonly string[];
  /** Range of the investment in one level for one segment (currency units per customer per quarter). */
  investmentRange(marketId: string, segmentId: string, level: InvestedLevelName): Range;
  /** The standard (cumulative) investments of a level preset. */
  presetInvestment(marketId: string, segmentId: string, level: LevelName): InvestmentVector;
  defaults(marketId: string): LabSettings;
}

export function clamp(v: number, r: Range): number {
  return Math.min(r.max, Math.max(r.min, v));
}

export function sameInvestment(a: InvestmentVector, b: InvestmentVector): boolean {
  return INVESTED_LEVELS.every((l) => Math.abs(a[l] - b[l]) < 1e-9);
}

/** The level preset whose standard investments equal `inv`, or 'custom'. */
export function matchPreset(limits: LabLimits, marketId: string, segmentId: string, inv: InvestmentVector): LevelName | 'custom' {
  for (const level of LEVEL_IDS) {
    if (sameInvestment(limits.presetInvestment(marketId, segmentId, level), inv)) return level;
  }
  return 'custom';
}

export function cloneSettings(s: LabSettings): LabSettings {
  const investment: Record<string, InvestmentVector> = {};
  for (const [k, v] of Object.entries(s.investment)) investment[k] = { ...v };
  return { ...s, investment };
}
