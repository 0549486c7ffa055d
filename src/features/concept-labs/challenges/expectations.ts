// "Try this" challenges of the expectations lab, checked by running the same market model as the lab (../expectations.ts)
// over every promise the slider offers: the promise that maximises customer equity at a given quality, and how far a
// promise can run ahead of delivery before too many customers end dissatisfied. Pure: ids and numbers only.
import { EXPECTATIONS_SCHEMA, runAt, type ExpectationPoint } from '../expectations';
import type { StateOf } from '@/kit/urlState';
import { fact, type Answer, type Outcome, same, sliderValues, type Challenge } from './core';

export type ExpectationsState = StateOf<typeof EXPECTATIONS_SCHEMA>;

/** Quality of the first challenge, and how close to the best customer equity counts as found (1 %). */
export const BEST_PROMISE_QUALITY = 3.5;
export const BEST_PROMISE_TOLERANCE = 0.01;
/** Quality of the second challenge and the dissatisfied share that must not be reached. */
export const GAP_QUALITY = 4;
export const GAP_DISSATISFIED_LIMIT = 0.1;

const promises = () => sliderValues(EXPECTATIONS_SCHEMA.promise);

/** The promise on the slider with the highest customer equity at `quality` (the lowest promise on a tie). */
export function bestPromiseAt(quality: number): ExpectationPoint {
  return promises()
    .map((p) => runAt(p, quality))
    .reduce((best, p) => (p.customerEquity > best.customerEquity ? p : best));
}

/** The highest promise on the slider at which fewer than `limit` of customers end dissatisfied, or null. */
export function highestPromiseBelow(quality: number, limit: number): ExpectationPoint | null {
  const below = promises()
    .map((p) => runAt(p, quality))
    .filter((p) => p.satisfactionShare.dissatisfied < limit);
  return below.length > 0 ? below[below.length - 1] : null;
}

export const bestPromise: Challenge<ExpectationsState> = {
  id: 'best-promise',
  setup: { quality: BEST_PROMISE_QUALITY },
  givens: () => ({ quality: fact.number(BEST_PROMISE_QUALITY, 1) }),
  heavy: true,
  check(s): Outcome {
    if (!same(s.quality, BEST_PROMISE_QUALITY)) return { status: 'setup', facts: { quality: fact.number(BEST_PROMISE_QUALITY, 1) } };
    const best = bestPromiseAt(s.quality);
    const here = runAt(s.promise, s.quality);
    const right = here.customerEquity >= best.customerEquity - BEST_PROMISE_TOLERANCE * Math.abs(best.customerEquity);
    return {
      status: right ? 'right' : 'wrong',
      facts: { promise: fact.number(s.promise, 1), equity: fact.money(here.customerEquity) },
    };
  },
  answer(): Answer {
    const best = bestPromiseAt(BEST_PROMISE_QUALITY);
    return {
      facts: {
        promise: fact.number(best.promise, 1),
        quality: fact.number(BEST_PROMISE_QUALITY, 1),
        equity: fact.money(best.customerEquity),
      },
    };
  },
};

export const promiseGap: Challenge<ExpectationsState> = {
  id: 'promise-gap',
  setup: { quality: GAP_QUALITY },
  givens: () => ({ quality: fact.number(GAP_QUALITY, 1), limit: fact.percent(GAP_DISSATISFIED_LIMIT) }),
  heavy: true,
  check(s): Outcome {
    if (!same(s.quality, GAP_QUALITY)) return { status: 'setup', facts: { quality: fact.number(GAP_QUALITY, 1) } };
    const target = highestPromiseBelow(s.quality, GAP_DISSATISFIED_LIMIT);
    const here = runAt(s.promise, s.quality);
    const facts = {
      promise: fact.number(s.promise, 1),
      dissatisfied: fact.percent(here.satisfactionShare.dissatisfied, 1),
      limit: fact.percent(GAP_DISSATISFIED_LIMIT),
    };
    if (target && same(s.promise, target.promise)) return { status: 'right', facts };
    const tooHigh = here.satisfactionShare.dissatisfied >= GAP_DISSATISFIED_LIMIT;
    return { status: 'wrong', message: tooHigh ? 'tooHigh' : 'tooLow', facts };
  },
  answer(): Answer {
    const target = highestPromiseBelow(GAP_QUALITY, GAP_DISSATISFIED_LIMIT);
    if (!target) throw new Error('even the lowest promise leaves too many customers dissatisfied');
    const next = runAt(Math.min(EXPECTATIONS_SCHEMA.promise.max, target.promise + EXPECTATIONS_SCHEMA.promise.step), GAP_QUALITY);
    return {
      facts: {
        promise: fact.number(target.promise, 1),
        quality: fact.number(GAP_QUALITY, 1),
        dissatisfied: fact.percent(target.satisfactionShare.dissatisfied, 1),
        nextPromise: fact.number(next.promise, 1),
        nextDissatisfied: fact.percent(next.satisfactionShare.dissatisfied, 1),
      },
    };
  },
};

export const EXPECTATIONS_CHALLENGES = [bestPromise, promiseGap] as const;
