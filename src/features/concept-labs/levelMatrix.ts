// The relationship-level matrix: for each cell of Kotler's grid (number of customers × margin) run
// ENGINE's Kotler preset at every uniform level preset and keep the level with the highest customer
// equity. Costs are changed by scaling each level's standard spend while keeping its effect.
import {
  getPreset,
  simulate,
  uniformLevelStrategy,
  INVESTED_LEVELS,
  KOTLER_MARGINS,
  KOTLER_NUMBERS,
  LEVELS,
  type InvestedLevel,
  type KotlerMargin,
  type KotlerNumber,
  type LevelId,
  type Market,
} from '@sim/index';
import type { Schema } from '@/kit/urlState';

/** Smaller than the full Kotler markets so 45 runs stay well under a second in a browser tab. */
export const MATRIX_RUN = { seed: 1, quarters: 20, customersScale: 0.25 } as const;

/** Kotler's published matrix (Kotler & Armstrong; Kotler & Keller). Many/low allows two levels. */
export const KOTLER_PUBLISHED: Readonly<Record<KotlerNumber, Readonly<Record<KotlerMargin, readonly LevelId[]>>>> = {
  many: { high: ['accountable'], medium: ['reactive'], low: ['basic', 'reactive'] },
  medium: { high: ['proactive'], medium: ['accountable'], low: ['reactive'] },
  few: { high: ['partnership'], medium: ['proactive'], low: ['accountable'] },
};

export type CostMultipliers = Record<InvestedLevel, number>;
export const UNIT_COSTS: CostMultipliers = { reactive: 1, accountable: 1, proactive: 1, partnership: 1 };

/** URL state: one cost multiplier per invested level (1 = the engine's standard cost). */
export const LEVEL_MATRIX_SCHEMA = {
  reactive: { kind: 'number', min: 0.25, max: 4, step: 0.25, default: 1 },
  accountable: { kind: 'number', min: 0.25, max: 4, step: 0.25, default: 1 },
  proactive: { kind: 'number', min: 0.25, max: 4, step: 0.25, default: 1 },
  partnership: { kind: 'number', min: 0.25, max: 4, step: 0.25, default: 1 },
} as const satisfies Schema;

/**
 * The market with each level costing `multiplier` times its standard spend. The engine's effect of
 * a spend x is sensitivity·(1 − e^(−x/standard)); scaling the standard and the preset's spend by
 * the same factor keeps every effect and multiplies only the cost.
 */
export function marketWithCosts(market: Market, costs: CostMultipliers): Market {
  return {
    ...market,
    segments: market.segments.map((s) => {
      const standardInvestment = { ...s.standardInvestment };
      for (const l of INVESTED_LEVELS) standardInvestment[l] = s.standardInvestment[l] * costs[l];
      return { ...s, standardInvestment };
    }),
  };
}

export interface CellResult {
  numbers: KotlerNumber;
  margin: KotlerMargin;
  equityByLevel: Record<LevelId, number>;
  best: LevelId;
  /** Whether the best level is one Kotler publishes for this cell. */
  matchesKotler: boolean;
}

/** Customer equity at the end of the run of one cell with every segment at one level (what a cell compares). */
export function levelEquity(numbers: KotlerNumber, margin: KotlerMargin, level: LevelId, costs: CostMultipliers = UNIT_COSTS): number {
  const market = marketWithCosts(getPreset(`kotler-${numbers}-${margin}`), costs);
  const r = simulate(market, uniformLevelStrategy(market, level), { ...MATRIX_RUN });
  return r.overall[r.overall.length - 1].customerEquity;
}

export function computeCell(numbers: KotlerNumber, margin: KotlerMargin, costs: CostMultipliers = UNIT_COSTS): CellResult {
  const equityByLevel = {} as Record<LevelId, number>;
  let best: LevelId = LEVELS[0];
  for (const level of LEVELS) {
    equityByLevel[level] = levelEquity(numbers, margin, level, costs);
    if (equityByLevel[level] > equityByLevel[best]) best = level;
  }
  return { numbers, margin, equityByLevel, best, matchesKotler: KOTLER_PUBLISHED[numbers][margin].includes(best) };
}

export const CELLS: readonly { numbers: KotlerNumber; margin: KotlerMargin }[] = KOTLER_NUMBERS.flatMap((numbers) =>
  KOTLER_MARGINS.map((margin) => ({ numbers, margin })),
);

export function computeMatrix(costs: CostMultipliers = UNIT_COSTS): CellResult[] {
  return CELLS.map((c) => computeCell(c.numbers, c.margin, costs));
}
