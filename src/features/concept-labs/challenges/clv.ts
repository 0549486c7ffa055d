// "Try this" challenges of the CLV lab, checked with the lab's own figures (../clv.ts, which calls the analytics module):
// the retention at which CLV doubles, the lowest retention at which a customer is worth acquiring, and a market where
// the best Blattberg–Deighton budget favours acquisition. Pure: ids and numbers only.
import { BD_PROSPECTS, CLV_SCHEMA, bdSurface, clvFigures, periodsOf } from '../clv';
import type { StateOf } from '@/kit/urlState';
import { fact, type Answer, type Outcome, sliderValues, type Challenge } from './core';

export type ClvState = StateOf<typeof CLV_SCHEMA>;

/** The retention CLV is doubled from, and how close to twice counts (the slider moves in whole points). */
export const DOUBLE_FROM = 0.8;
export const DOUBLE_TOLERANCE = 0.05;

/** The lab's CLV figures for the settings with another retention (timing, retention cost and horizon as set). */
const figuresAt = (s: ClvState, retention: number) => clvFigures({ ...s, retention, periods: periodsOf(s) });
const clvAt = (s: ClvState, retention: number) => figuresAt(s, retention).clv;
const netAt = (s: ClvState, retention: number) => figuresAt(s, retention).netClv;
/** Net CLV this close to zero counts as zero (the figures are sums of floating-point terms). */
const ZERO = 1e-6;

/** The retention (0..max) at which f first reaches `target`, by bisection (f rises with retention); null if never. */
function retentionWhere(f: (r: number) => number, target: number): number | null {
  let lo = 0;
  let hi: number = CLV_SCHEMA.retention.max;
  if (f(hi) < target) return null;
  if (f(lo) >= target) return lo;
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (f(mid) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

export const doubleClv: Challenge<ClvState> = {
  id: 'double-clv',
  givens: () => ({ from: fact.percent(DOUBLE_FROM) }),
  check(s): Outcome {
    const target = 2 * clvAt(s, DOUBLE_FROM);
    if (retentionWhere((r) => clvAt(s, r), target) === null) return { status: 'setup', facts: { from: fact.percent(DOUBLE_FROM) } };
    const clv = clvAt(s, s.retention);
    const facts = {
      clv: fact.money(clv),
      times: fact.number(clv / clvAt(s, DOUBLE_FROM), 2),
      from: fact.percent(DOUBLE_FROM),
    };
    return { status: Math.abs(clv / target - 1) <= DOUBLE_TOLERANCE ? 'right' : 'wrong', facts };
  },
  answer(s): Answer {
    // Out of reach with these settings: from the example's discount rate, with no retention cost and no end.
    const reachable = retentionWhere((r) => clvAt(s, r), 2 * clvAt(s, DOUBLE_FROM)) !== null;
    const base: ClvState = reachable ? s : { ...s, discount: CLV_SCHEMA.discount.default, cost: 0, horizon: 'forever' };
    const target = 2 * clvAt(base, DOUBLE_FROM);
    const exact = retentionWhere((r) => clvAt(base, r), target)!;
    return {
      message: reachable ? 'answer' : 'answerFromExample',
      facts: {
        retention: fact.percent(exact, 1),
        from: fact.percent(DOUBLE_FROM),
        clv: fact.money(target),
        discount: fact.percent(base.discount),
      },
    };
  },
};

/** The lowest retention on the slider at which CLV covers the acquisition cost, or null. */
export function lowestWorthAcquiring(s: ClvState): number | null {
  return sliderValues(CLV_SCHEMA.retention).find((r) => netAt(s, r) >= -ZERO) ?? null;
}

export const worthAcquiring: Challenge<ClvState> = {
  id: 'worth-acquiring',
  check(s): Outcome {
    const lowest = lowestWorthAcquiring(s);
    if (lowest === null) return { status: 'setup', facts: { acq: fact.money(s.acq) } };
    const net = netAt(s, s.retention);
    const facts = { retention: fact.percent(s.retention), net: fact.money(Math.abs(net) < ZERO ? 0 : net) };
    if (Math.abs(s.retention - lowest) < 1e-9) return { status: 'right', facts };
    return { status: 'wrong', message: net >= -ZERO ? 'tooHigh' : 'tooLow', facts };
  },
  answer(s): Answer {
    const lowest = lowestWorthAcquiring(s);
    if (lowest === null) return { message: 'answerNever', facts: { acq: fact.money(s.acq) } };
    const below = Math.max(0, lowest - CLV_SCHEMA.retention.step);
    return {
      facts: {
        retention: fact.percent(lowest),
        clv: fact.money(clvAt(s, lowest)),
        acq: fact.money(s.acq),
        below: fact.percent(below),
        belowClv: fact.money(clvAt(s, below)),
      },
    };
  },
};

/** The Blattberg–Deighton optimum for the settings, as the lab computes it. */
export function bdOptimum(s: ClvState) {
  return bdSurface(
    {
      acquisitionCurve: { ceiling: s.acqCeil, k: s.acqK },
      retentionCurve: { ceiling: s.retCeil, k: s.retK },
      margin: s.margin,
      discount: s.discount,
      prospects: BD_PROSPECTS,
    },
    CLV_SCHEMA.acqSpend.max,
    CLV_SCHEMA.retSpend.max,
    1,
  ).result;
}

const favoursAcquisition = (s: ClvState) => {
  const bd = bdOptimum(s);
  return bd.optimalAcquisitionSpend > bd.optimalRetentionSpend;
};

/** The lowest acquisition ceiling (the other settings kept) at which the best budget favours acquisition, or null. */
export function acquisitionCeilingThatFavours(s: ClvState): number | null {
  return sliderValues(CLV_SCHEMA.acqCeil).find((c) => c >= s.acqCeil && favoursAcquisition({ ...s, acqCeil: c })) ?? null;
}

export const acquisitionFirst: Challenge<ClvState> = {
  id: 'acquisition-first',
  check(s): Outcome {
    const bd = bdOptimum(s);
    const facts = { acq: fact.money(bd.optimalAcquisitionSpend), ret: fact.money(bd.optimalRetentionSpend) };
    return { status: bd.optimalAcquisitionSpend > bd.optimalRetentionSpend ? 'right' : 'wrong', facts };
  },
  answer(s): Answer {
    const fromHere = acquisitionCeilingThatFavours(s);
    const base = fromHere === null ? { ...s, ...exampleCurves() } : s;
    const ceiling = fromHere ?? acquisitionCeilingThatFavours(base);
    if (ceiling === null) throw new Error('no acquisition ceiling favours acquisition, even from the example');
    const bd = bdOptimum({ ...base, acqCeil: ceiling });
    return {
      message: fromHere === null ? 'answerFromExample' : 'answer',
      facts: {
        ceiling: fact.percent(ceiling),
        acq: fact.money(bd.optimalAcquisitionSpend),
        ret: fact.money(bd.optimalRetentionSpend),
      },
    };
  },
};

function exampleCurves(): Partial<ClvState> {
  const d = CLV_SCHEMA;
  return {
    margin: d.margin.default,
    discount: d.discount.default,
    acqCeil: d.acqCeil.default,
    acqK: d.acqK.default,
    retCeil: d.retCeil.default,
    retK: d.retK.default,
  };
}

export const CLV_CHALLENGES = [doubleClv, worthAcquiring, acquisitionFirst] as const;
