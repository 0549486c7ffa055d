// "Try this" challenges of the life-cycle lab, checked with the lab's cohort model (../lifeCycle.ts): the win-back spend
// that makes a customer worth most, and the one stage action that brings a dearer cohort's break-even forward by two
// quarters. Pure: ids and numbers only.
import { LIFE_CYCLE_SCHEMA, NO_ACTIONS, actionsFromState, paramsFromState, runCohort, type LifeCycleState as State } from '../lifeCycle';
import { defaults } from '@/kit/urlState';
import { fact, type Answer, type Outcome, same, sliderValues, type Challenge } from './core';

export type LifeCycleState = State;

/** The stage actions, by their setting in the lab. */
export const ACTIONS = ['onboarding', 'crossSell', 'loyalty', 'winBack'] as const;
export type ActionKey = (typeof ACTIONS)[number];

const valueOf = (s: State) => runCohort(actionsFromState(s), paramsFromState(s)).valuePerCustomer;
const breakEvenOf = (s: State) => runCohort(actionsFromState(s), paramsFromState(s)).breakEvenQuarter;
/** Value per customer this close to the best counts as the best (a unit is the smallest amount the lab shows). */
export const BEST_VALUE_TOLERANCE = 1;

/** The win-back spend on the slider with the highest value per acquired customer, the other settings kept. */
export function bestWinBack(s: State): { winBack: number; value: number } {
  return sliderValues(LIFE_CYCLE_SCHEMA.winBack)
    .map((winBack) => ({ winBack, value: valueOf({ ...s, winBack }) }))
    .reduce((best, x) => (x.value > best.value ? x : best));
}

export const winBackBest: Challenge<State> = {
  id: 'win-back-best',
  check(s): Outcome {
    const best = bestWinBack(s);
    const value = valueOf(s);
    return {
      status: value >= best.value - BEST_VALUE_TOLERANCE ? 'right' : 'wrong',
      facts: { winBack: fact.money(s.winBack), value: fact.money(value) },
    };
  },
  answer(s): Answer {
    const best = bestWinBack(s);
    return {
      facts: {
        winBack: fact.money(best.winBack),
        value: fact.money(best.value),
        none: fact.money(valueOf({ ...s, winBack: 0 })),
      },
    };
  },
};

/** The dearer cohort of the second challenge: no stage action yet, acquisition at 200 units. */
export const DEAR_COHORT: Partial<State> = { acquisition: 200, onboarding: 0, crossSell: 0, loyalty: 0, winBack: 0 };
/** How many quarters sooner the cohort must pay back. */
export const QUARTERS_SOONER = 2;

const example = () => defaults(LIFE_CYCLE_SCHEMA);
/** The break-even quarter of the dearer cohort before any action. */
export function dearBreakEven(): number {
  const q = runCohort(NO_ACTIONS, paramsFromState({ ...example(), ...DEAR_COHORT } as State)).breakEvenQuarter;
  if (q === null) throw new Error('the dearer cohort never pays back without actions');
  return q;
}

/** For each stage action alone: the smallest spend reaching the goal, and the earliest break-even it can reach. */
export function singleActionReach(): Record<ActionKey, { spend: number | null; earliest: number | null }> {
  const goal = dearBreakEven() - QUARTERS_SOONER;
  const start = { ...example(), ...DEAR_COHORT } as State;
  const out = {} as Record<ActionKey, { spend: number | null; earliest: number | null }>;
  for (const key of ACTIONS) {
    let spend: number | null = null;
    let earliest: number | null = null;
    for (const v of sliderValues(LIFE_CYCLE_SCHEMA[key])) {
      const q = breakEvenOf({ ...start, [key]: v });
      if (q !== null && (earliest === null || q < earliest)) earliest = q;
      if (spend === null && q !== null && q <= goal) spend = v;
    }
    out[key] = { spend, earliest };
  }
  return out;
}

export const breakEvenSooner: Challenge<State> = {
  id: 'break-even-sooner',
  setup: DEAR_COHORT,
  givens: () => ({ quarter: fact.number(dearBreakEven()), acq: fact.money(DEAR_COHORT.acquisition!) }),
  check(s): Outcome {
    const ex = example();
    const economicsAsSet = same(s.acquisition, DEAR_COHORT.acquisition!) && same(s.margin, ex.margin) && same(s.discount, ex.discount);
    if (!economicsAsSet) return { status: 'setup', facts: { acq: fact.money(DEAR_COHORT.acquisition!) } };
    if (ACTIONS.filter((k) => s[k] > 0).length > 1) return { status: 'setup', message: 'oneAction', facts: {} };
    const goal = dearBreakEven() - QUARTERS_SOONER;
    const q = breakEvenOf(s);
    if (q === null) return { status: 'wrong', message: 'never', facts: { goal: fact.number(goal) } };
    return { status: q <= goal ? 'right' : 'wrong', facts: { quarter: fact.number(q), goal: fact.number(goal) } };
  },
  answer(): Answer {
    const reach = singleActionReach();
    const winner = ACTIONS.find((k) => reach[k].spend !== null);
    if (!winner) throw new Error('no single stage action brings the break-even forward enough');
    const start = { ...example(), ...DEAR_COHORT } as State;
    const spend = reach[winner].spend!;
    return {
      facts: {
        action: fact.name('action', winner),
        spend: fact.money(spend),
        quarter: fact.number(breakEvenOf({ ...start, [winner]: spend })!),
        from: fact.number(dearBreakEven()),
      },
    };
  },
};

export const LIFE_CYCLE_CHALLENGES = [winBackBest, breakEvenSooner] as const;
