// "Try this" challenges of the level-matrix lab, checked by running the lab's cells (../levelMatrix.ts): make partnership
// the best level where Kotler recommends proactive, and find how much dearer partnership may get before Kotler's
// partnership cell drops it. Pure: ids and numbers only. Each check runs the market model a few times (heavy).
import { LEVELS, type KotlerMargin, type KotlerNumber, type LevelId } from '@sim/index';
import { LEVEL_MATRIX_SCHEMA, levelEquity, type CostMultipliers } from '../levelMatrix';
import type { StateOf } from '@/kit/urlState';
import { fact, type Answer, type Outcome, same, sliderValues, type Challenge } from './core';

export type LevelMatrixState = StateOf<typeof LEVEL_MATRIX_SCHEMA>;

/** The cell where partnership should come to pay, and the cell whose partnership verdict is pushed to its limit. */
export const PAYS_CELL = { numbers: 'few', margin: 'medium' } as const satisfies { numbers: KotlerNumber; margin: KotlerMargin };
export const LIMIT_CELL = { numbers: 'few', margin: 'high' } as const satisfies { numbers: KotlerNumber; margin: KotlerMargin };

const costsOf = (s: LevelMatrixState): CostMultipliers => ({
  reactive: s.reactive,
  accountable: s.accountable,
  proactive: s.proactive,
  partnership: s.partnership,
});

type Cell = { numbers: KotlerNumber; margin: KotlerMargin };

/** Equity of every level in a cell except partnership (these do not depend on partnership's cost). */
function othersIn(cell: Cell, costs: CostMultipliers): { level: LevelId; equity: number } {
  let best: { level: LevelId; equity: number } | null = null;
  for (const level of LEVELS) {
    if (level === 'partnership') continue;
    const equity = levelEquity(cell.numbers, cell.margin, level, costs);
    if (!best || equity > best.equity) best = { level, equity };
  }
  return best!;
}

/** The best level of a cell, found as the lab finds it (the first level on a tie). */
function bestIn(cell: Cell, costs: CostMultipliers) {
  const other = othersIn(cell, costs);
  const partnership = levelEquity(cell.numbers, cell.margin, 'partnership', costs);
  return { other, partnership, best: partnership > other.equity ? ('partnership' as const) : other.level };
}

const partnershipCosts = () => sliderValues(LEVEL_MATRIX_SCHEMA.partnership);

/** The highest partnership cost at or below the current one at which partnership is best in the cell, or null. */
export function partnershipCostThatPays(cell: Cell, costs: CostMultipliers): number | null {
  const other = othersIn(cell, costs);
  const candidates = partnershipCosts()
    .filter((p) => p <= costs.partnership + 1e-9)
    .reverse();
  return candidates.find((p) => levelEquity(cell.numbers, cell.margin, 'partnership', { ...costs, partnership: p }) > other.equity) ?? null;
}

/** The lowest partnership cost (the other levels at their standard cost) at which partnership stops being best. */
export function partnershipLimit(cell: Cell): number | null {
  const costs = { ...costsOf(exampleCosts()) };
  const other = othersIn(cell, costs);
  return (
    partnershipCosts().find((p) => levelEquity(cell.numbers, cell.margin, 'partnership', { ...costs, partnership: p }) <= other.equity) ??
    null
  );
}

function exampleCosts(): LevelMatrixState {
  return {
    reactive: LEVEL_MATRIX_SCHEMA.reactive.default,
    accountable: LEVEL_MATRIX_SCHEMA.accountable.default,
    proactive: LEVEL_MATRIX_SCHEMA.proactive.default,
    partnership: LEVEL_MATRIX_SCHEMA.partnership.default,
  };
}

export const partnershipPays: Challenge<LevelMatrixState> = {
  id: 'partnership-pays',
  setup: {},
  heavy: true,
  check(s): Outcome {
    const r = bestIn(PAYS_CELL, costsOf(s));
    return {
      status: r.best === 'partnership' ? 'right' : 'wrong',
      facts: {
        best: fact.name('level', r.best),
        partnership: fact.money(r.partnership),
        other: fact.name('level', r.other.level),
        otherEquity: fact.money(r.other.equity),
      },
    };
  },
  answer(s): Answer {
    const here = partnershipCostThatPays(PAYS_CELL, costsOf(s));
    const costs = here === null ? costsOf(exampleCosts()) : costsOf(s);
    const cost = here ?? partnershipCostThatPays(PAYS_CELL, costs);
    if (cost === null) throw new Error('no partnership cost on the slider makes partnership pay, even from the example');
    const r = bestIn(PAYS_CELL, { ...costs, partnership: cost });
    return {
      message: here === null ? 'answerFromExample' : 'answer',
      facts: {
        cost: fact.number(cost, 2),
        partnership: fact.money(r.partnership),
        other: fact.name('level', r.other.level),
        otherEquity: fact.money(r.other.equity),
      },
    };
  },
};

export const partnershipLimitChallenge: Challenge<LevelMatrixState> = {
  id: 'partnership-limit',
  setup: {},
  heavy: true,
  check(s): Outcome {
    const example = exampleCosts();
    const onlyPartnership = (['reactive', 'accountable', 'proactive'] as const).every((l) => same(s[l], example[l]));
    if (!onlyPartnership) return { status: 'setup', facts: {} };
    const here = bestIn(LIMIT_CELL, costsOf(s));
    const facts = { cost: fact.number(s.partnership, 2), best: fact.name('level', here.best) };
    if (here.best === 'partnership') return { status: 'wrong', message: 'tooLow', facts };
    const lower = s.partnership - LEVEL_MATRIX_SCHEMA.partnership.step;
    const stillDrops =
      lower >= LEVEL_MATRIX_SCHEMA.partnership.min - 1e-9 &&
      bestIn(LIMIT_CELL, { ...costsOf(s), partnership: lower }).best !== 'partnership';
    return stillDrops ? { status: 'wrong', message: 'tooHigh', facts } : { status: 'right', facts };
  },
  answer(): Answer {
    const limit = partnershipLimit(LIMIT_CELL);
    if (limit === null) return { message: 'answerNever', facts: {} };
    const r = bestIn(LIMIT_CELL, { ...costsOf(exampleCosts()), partnership: limit });
    return {
      facts: {
        cost: fact.number(limit, 2),
        best: fact.name('level', r.best),
        standard: fact.number(LEVEL_MATRIX_SCHEMA.partnership.default, 2),
      },
    };
  },
};

export const LEVEL_MATRIX_CHALLENGES = [partnershipPays, partnershipLimitChallenge] as const;
