// The level-matrix lab against the engine: one cell recomputed independently with simulate(),
// the default map against Kotler's published matrix, and the cost controls moving the map.
import { describe, expect, it } from 'vitest';
import { getPreset, levelPresetInvestment, simulate, LEVELS, type Strategy } from '@sim/index';
import {
  computeCell,
  computeMatrix,
  KOTLER_PUBLISHED,
  LEVEL_MATRIX_SCHEMA,
  MATRIX_RUN,
  marketWithCosts,
  UNIT_COSTS,
} from '@/features/concept-labs/levelMatrix';
import { parseQuery } from '@/kit/urlState';

describe('level matrix', () => {
  it('the few/high cell equals an independent run of every level with simulate()', () => {
    const market = getPreset('kotler-few-high');
    const equity: Record<string, number> = {};
    for (const level of LEVELS) {
      const strategy: Strategy = {
        segments: { customers: { investment: levelPresetInvestment(market, 'customers', level) } },
        promiseLevel: market.firm.promiseLevel,
        acquisitionSpendPerQuarter: market.firm.acquisitionSpendPerQuarter,
        quality: market.firm.quality,
      };
      const r = simulate(market, strategy, {
        seed: MATRIX_RUN.seed,
        quarters: MATRIX_RUN.quarters,
        customersScale: MATRIX_RUN.customersScale,
      });
      equity[level] = r.overall.at(-1)!.customerEquity;
    }
    const cell = computeCell('few', 'high');
    for (const level of LEVELS) expect(cell.equityByLevel[level]).toBe(equity[level]);
    const best = LEVELS.reduce((a, b) => (equity[b] > equity[a] ? b : a));
    expect(cell.best).toBe(best);
  });

  it('with standard costs the map reproduces Kotler’s published matrix', () => {
    for (const cell of computeMatrix(UNIT_COSTS)) {
      expect(KOTLER_PUBLISHED[cell.numbers][cell.margin], `${cell.numbers}/${cell.margin}`).toContain(cell.best);
      expect(cell.matchesKotler).toBe(true);
    }
  });

  it('scaling a level’s cost changes its spend but not the effect per unit of standard spend', () => {
    const m = getPreset('kotler-few-high');
    const dear = marketWithCosts(m, { ...UNIT_COSTS, partnership: 3 });
    expect(dear.segments[0].standardInvestment.partnership).toBe(3 * m.segments[0].standardInvestment.partnership);
    expect(dear.segments[0].standardInvestment.reactive).toBe(m.segments[0].standardInvestment.reactive);
    expect(m.segments[0].standardInvestment.partnership).toBe(getPreset('kotler-few-high').segments[0].standardInvestment.partnership);
  });

  it('making partnership much dearer moves the few/high cell off partnership', () => {
    expect(computeCell('few', 'high').best).toBe('partnership');
    expect(computeCell('few', 'high', { ...UNIT_COSTS, partnership: 4 }).best).not.toBe('partnership');
  });

  it('reads cost multipliers from the URL and rejects bad ones', () => {
    const r = parseQuery(LEVEL_MATRIX_SCHEMA, 'v=1&partnership=2.5&proactive=9');
    expect(r.state.partnership).toBe(2.5);
    expect(r.state.proactive).toBe(1);
    expect(r.problems).toEqual([{ kind: 'invalid', name: 'proactive', value: '9' }]);
  });
});
