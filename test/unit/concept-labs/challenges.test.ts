// The "try this" challenges of the five concept labs: each checker says right to a right setting and wrong to a wrong
// one, its answer is a setting the checker accepts, the claims its answer sentence makes hold in the model, and every
// message it can give exists in both languages with exactly the facts it names. Also the attempt rules (as the quiz).
import { describe, expect, it } from 'vitest';
import en from '@/i18n/strings/en.json';
import zh from '@/i18n/strings/zh-cn.json';
import { placeholders } from '@/i18n';
import { defaults, type Schema } from '@/kit/urlState';
import { LAB_STRING_PREFIX, type ConceptLabId } from '@/features/concept-labs/registry';
import {
  afterCheck,
  afterReveal,
  NEW_RECORD,
  setupState,
  showsHint,
  sliderValues,
  type Answer,
  type Challenge,
  type Facts,
  type Outcome,
} from '@/features/concept-labs/challenges/core';
import { PERCEIVED_VALUE_SCHEMA, evaluateMarket, DEFAULT_RATINGS } from '@/features/concept-labs/perceivedValue';
import {
  PERCEIVED_VALUE_CHALLENGES,
  WIN_SHARE,
  rivalWins,
  winNinety,
  type PerceivedValueState,
} from '@/features/concept-labs/challenges/perceivedValue';
import { EXPECTATIONS_SCHEMA, runAt } from '@/features/concept-labs/expectations';
import {
  BEST_PROMISE_QUALITY,
  EXPECTATIONS_CHALLENGES,
  GAP_DISSATISFIED_LIMIT,
  GAP_QUALITY,
  bestPromise,
  bestPromiseAt,
  highestPromiseBelow,
  promiseGap,
} from '@/features/concept-labs/challenges/expectations';
import { CLV_SCHEMA, clvFigures, periodsOf } from '@/features/concept-labs/clv';
import {
  CLV_CHALLENGES,
  acquisitionFirst,
  bdOptimum,
  doubleClv,
  lowestWorthAcquiring,
  worthAcquiring,
} from '@/features/concept-labs/challenges/clv';
import { LEVEL_MATRIX_SCHEMA, computeCell } from '@/features/concept-labs/levelMatrix';
import {
  LEVEL_MATRIX_CHALLENGES,
  LIMIT_CELL,
  PAYS_CELL,
  partnershipCostThatPays,
  partnershipLimit,
  partnershipLimitChallenge,
  partnershipPays,
} from '@/features/concept-labs/challenges/levelMatrix';
import { LIFE_CYCLE_SCHEMA } from '@/features/concept-labs/lifeCycle';
import {
  ACTIONS,
  DEAR_COHORT,
  LIFE_CYCLE_CHALLENGES,
  QUARTERS_SOONER,
  bestWinBack,
  breakEvenSooner,
  dearBreakEven,
  singleActionReach,
  winBackBest,
} from '@/features/concept-labs/challenges/lifeCycle';

const NOW = '2026-11-20T10:00:00.000Z';
const tables = { en: en as Record<string, string>, 'zh-cn': zh as Record<string, string> };

/** The lab's example with the challenge's setup on top (what "Set up this challenge" gives). */
function start<S extends Schema>(schema: S, c: Challenge<ReturnType<typeof defaults<S>>>) {
  return setupState(defaults(schema), c.setup);
}

/** Checks that a message exists in both languages and every fact it names is given (a message may leave facts out). */
function expectWords(lab: ConceptLabId, c: { id: string }, which: string, facts: Facts = {}) {
  const key = `${LAB_STRING_PREFIX[lab]}challenge.${c.id}.${which}`;
  for (const [locale, table] of Object.entries(tables)) {
    expect(table[key], `${key} in ${locale}`).toBeTypeOf('string');
    expect(
      placeholders(table[key]).filter((p) => !(p in facts)),
      `${key} in ${locale} names facts the check does not give`,
    ).toEqual([]);
  }
}
function expectOutcome(lab: ConceptLabId, c: { id: string }, outcome: Outcome, status: Outcome['status']) {
  expect(outcome.status).toBe(status);
  expectWords(lab, c, outcome.message ?? outcome.status, outcome.facts);
}
function expectAnswer(lab: ConceptLabId, c: { id: string }, answer: Answer) {
  expectWords(lab, c, answer.message ?? 'answer', answer.facts);
}
/** Every challenge has a title, statement and hint in both languages, naming only its givens. */
function expectFixedWords<S>(lab: ConceptLabId, list: readonly Challenge<S>[]) {
  for (const c of list) {
    expectWords(lab, c, 'title');
    expectWords(lab, c, 'statement', c.givens?.() ?? {});
    expectWords(lab, c, 'hint', c.givens?.() ?? {});
  }
}
const num = (facts: Facts, name: string) => {
  const f = facts[name];
  if (!f || f.kind === 'name') throw new Error(`${name} is not a number fact`);
  return f.value;
};
const id = (facts: Facts, name: string) => {
  const f = facts[name];
  if (!f || f.kind !== 'name') throw new Error(`${name} is not a name fact`);
  return f.id;
};

describe('attempts', () => {
  it('a miss shows the hint, the second miss the answer; a right check is kept; a setup message counts nothing', () => {
    const one = afterCheck(NEW_RECORD, 'wrong', NOW);
    expect(one).toEqual({ wrong: 1, revealed: false, solvedAt: null });
    expect(showsHint(NEW_RECORD)).toBe(false);
    expect(showsHint(one)).toBe(true);
    expect(afterCheck(one, 'setup', NOW)).toBe(one);
    const two = afterCheck(one, 'wrong', NOW);
    expect(two).toEqual({ wrong: 2, revealed: true, solvedAt: null });
    const solved = afterCheck(two, 'right', NOW);
    expect(solved.solvedAt).toBe(NOW);
    expect(afterCheck(solved, 'right', '2027-01-01T00:00:00.000Z')).toBe(solved);
    expect(afterCheck(solved, 'wrong', NOW).solvedAt).toBe(NOW);
  });
  it('the answer can be asked for at once', () => {
    expect(afterReveal(NEW_RECORD)).toEqual({ wrong: 0, revealed: true, solvedAt: null });
    expect(showsHint(afterReveal(NEW_RECORD))).toBe(true);
  });
  it('slider values are the grid the bridge rounds to, with no binary tails', () => {
    expect(sliderValues({ min: 1, max: 2, step: 0.1 })).toEqual([1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2]);
    expect(sliderValues(LEVEL_MATRIX_SCHEMA.partnership)).toHaveLength(16);
  });
  it('a setup starts from the example and does not share its lists', () => {
    const example = defaults(PERCEIVED_VALUE_SCHEMA);
    const s = setupState(example, { scale: 1 });
    expect(s.scale).toBe(1);
    s.firm[0] = 0;
    expect(example.firm[0]).toBe(DEFAULT_RATINGS.firm[0]);
  });
});

describe('perceived value', () => {
  const example = () => start(PERCEIVED_VALUE_SCHEMA, rivalWins);
  const shareOf = (s: PerceivedValueState) =>
    evaluateMarket({ firm: s.firm, rivalA: s.ra, rivalB: s.rb }, s.w, s.scale, 'perceived').offers[0].share;

  it('has its words in both languages', () => expectFixedWords('perceived-value', PERCEIVED_VALUE_CHALLENGES));

  it('a rival wins on perception: wrong in the example, right with a stronger rival image, setup when a price moved', () => {
    expectOutcome('perceived-value', rivalWins, rivalWins.check(example()), 'wrong');
    const right = { ...example(), rb: [9, 9, 7, 8, 4, 2, 2, 4] };
    const outcome = rivalWins.check(right);
    expectOutcome('perceived-value', rivalWins, outcome, 'right');
    expect(id(outcome.facts, 'rival')).toBe('rivalB');
    const cheaper = { ...example(), rb: [9, 9, 7, 8, 3, 2, 2, 4] };
    expectOutcome('perceived-value', rivalWins, rivalWins.check(cheaper), 'setup');
  });

  it("a rival wins on perception: the answer's single change is accepted by the checker", () => {
    const s = example();
    const answer = rivalWins.answer(s);
    expectAnswer('perceived-value', rivalWins, answer);
    const key = { firm: 'firm', rivalA: 'ra', rivalB: 'rb' } as const;
    const offer = id(answer.facts, 'offer') as keyof typeof key;
    const index = ['product', 'services', 'personnel', 'image', 'monetary', 'time', 'energy', 'psychic'].indexOf(id(answer.facts, 'item'));
    expect(index).not.toBe(4);
    const ratings = [...s[key[offer]]];
    expect(ratings[index]).toBe(num(answer.facts, 'from'));
    ratings[index] = num(answer.facts, 'to');
    expect(rivalWins.check({ ...s, [key[offer]]: ratings }).status).toBe('right');
    // Already solved: the answer comes from the example instead (no change of "from" to the same value).
    expect(rivalWins.answer({ ...s, [key[offer]]: ratings }).message).toBe('answerFromExample');
  });

  it('nine in ten: wrong in the example, right at the answer’s λ (and not one step lower), setup when a rating moved', () => {
    const s = start(PERCEIVED_VALUE_SCHEMA, winNinety);
    expectOutcome('perceived-value', winNinety, winNinety.check(s), 'wrong');
    const answer = winNinety.answer(s);
    expectAnswer('perceived-value', winNinety, answer);
    const scale = num(answer.facts, 'scale');
    expectOutcome('perceived-value', winNinety, winNinety.check({ ...s, scale }), 'right');
    expect(shareOf({ ...s, scale })).toBeGreaterThanOrEqual(WIN_SHARE);
    expect(shareOf({ ...s, scale: scale - PERCEIVED_VALUE_SCHEMA.scale.step })).toBeLessThan(WIN_SHARE);
    expectOutcome('perceived-value', winNinety, winNinety.check({ ...s, scale, firm: [9, 7, 6, 9, 8, 2, 2, 1] }), 'setup');
  });

  it('nine in ten: with weights that leave too small a lead, the answer falls back on the example’s weights', () => {
    const s = { ...start(PERCEIVED_VALUE_SCHEMA, winNinety), w: [1, 1, 1, 1, 1, 1, 1, 1] };
    const answer = winNinety.answer(s);
    expect(answer.message).toBe('answerWeights');
    expectAnswer('perceived-value', winNinety, answer);
  });
});

describe('expectations', () => {
  it('has its words in both languages', () => expectFixedWords('expectations', EXPECTATIONS_CHALLENGES));

  it('the best promise: right at the optimum of the lab’s own sweep, wrong far from it, setup at another quality', () => {
    const s = start(EXPECTATIONS_SCHEMA, bestPromise);
    expect(s.quality).toBe(BEST_PROMISE_QUALITY);
    const best = bestPromiseAt(BEST_PROMISE_QUALITY);
    // The answer's sentence says the best promise stays a little below delivery.
    expect(best.promise).toBeLessThan(BEST_PROMISE_QUALITY);
    expect(runAt(EXPECTATIONS_SCHEMA.promise.max, BEST_PROMISE_QUALITY).customerEquity).toBeLessThan(best.customerEquity);
    expectOutcome('expectations', bestPromise, bestPromise.check({ ...s, promise: best.promise }), 'right');
    expectOutcome('expectations', bestPromise, bestPromise.check({ ...s, promise: 5 }), 'wrong');
    expectOutcome('expectations', bestPromise, bestPromise.check({ ...s, promise: best.promise, quality: 4 }), 'setup');
    const answer = bestPromise.answer(s);
    expectAnswer('expectations', bestPromise, answer);
    expect(num(answer.facts, 'promise')).toBe(best.promise);
  });

  it('the promise gap: right at the highest promise under the limit, too high one step above, too low one step below', () => {
    const s = start(EXPECTATIONS_SCHEMA, promiseGap);
    const target = highestPromiseBelow(GAP_QUALITY, GAP_DISSATISFIED_LIMIT)!;
    expect(target.promise).toBeGreaterThan(GAP_QUALITY);
    const step = EXPECTATIONS_SCHEMA.promise.step;
    expectOutcome('expectations', promiseGap, promiseGap.check({ ...s, promise: target.promise }), 'right');
    const high = promiseGap.check({ ...s, promise: Number((target.promise + step).toFixed(1)) });
    expectOutcome('expectations', promiseGap, high, 'wrong');
    expect(high.message).toBe('tooHigh');
    const low = promiseGap.check({ ...s, promise: Number((target.promise - step).toFixed(1)) });
    expect(low.message).toBe('tooLow');
    expectWords('expectations', promiseGap, 'tooLow', low.facts);
    const answer = promiseGap.answer(s);
    expectAnswer('expectations', promiseGap, answer);
    expect(num(answer.facts, 'nextDissatisfied')).toBeGreaterThanOrEqual(GAP_DISSATISFIED_LIMIT);
    expectOutcome('expectations', promiseGap, promiseGap.check({ ...s, quality: 3 }), 'setup');
  });
});

describe('CLV', () => {
  const example = () => defaults(CLV_SCHEMA);

  it('has its words in both languages', () => expectFixedWords('clv', CLV_CHALLENGES));

  it('double CLV: right at the answer’s retention rounded to the slider, wrong at the example, setup when nothing can double', () => {
    const s = example();
    expectOutcome('clv', doubleClv, doubleClv.check(s), 'wrong');
    const answer = doubleClv.answer(s);
    expectAnswer('clv', doubleClv, answer);
    const exact = num(answer.facts, 'retention');
    expect(clvFigures({ ...s, retention: exact }).clv).toBeCloseTo(2 * clvFigures(s).clv, 6);
    for (const r of [Math.floor(exact * 100) / 100, Math.ceil(exact * 100) / 100]) {
      expectOutcome('clv', doubleClv, doubleClv.check({ ...s, retention: r }), 'right');
    }
    expectOutcome('clv', doubleClv, doubleClv.check({ ...s, retention: 0.97 }), 'wrong');
    const dear = { ...s, discount: 0.5 };
    expectOutcome('clv', doubleClv, doubleClv.check(dear), 'setup');
    expect(doubleClv.answer(dear).message).toBe('answerFromExample');
    expectAnswer('clv', doubleClv, doubleClv.answer(dear));
    // Both timings: the answer doubles CLV under the timing chosen.
    const start = { ...s, timing: 'start' as const };
    const r = num(doubleClv.answer(start).facts, 'retention');
    expect(clvFigures({ ...start, retention: r }).clv).toBeCloseTo(2 * clvFigures(start).clv, 6);
  });

  it('double CLV and worth acquiring follow the retention cost, the horizon and the timing the lab shows', () => {
    const s = { ...example(), cost: 20, horizon: 'years' as const, years: 15, timing: 'middle' as const };
    const shown = (retention: number) => clvFigures({ ...s, retention, periods: periodsOf(s) });
    const r = num(doubleClv.answer(s).facts, 'retention');
    expect(doubleClv.answer(s).message).toBe('answer');
    expect(shown(r).clv).toBeCloseTo(2 * shown(0.8).clv, 6);
    expect(doubleClv.check({ ...s, retention: Math.round(r * 100) / 100 }).status).toBe('right');
    const lowest = lowestWorthAcquiring(s)!;
    expect(shown(lowest).netClv).toBeGreaterThanOrEqual(-1e-6);
    expect(shown(lowest - 0.01).netClv).toBeLessThan(0);
    // A short horizon can put doubling out of reach: the answer then starts from the example's terms.
    const short = { ...s, years: 2 };
    expect(doubleClv.check(short).status).toBe('setup');
    expect(doubleClv.answer(short).message).toBe('answerFromExample');
    expectAnswer('clv', doubleClv, doubleClv.answer(short));
  });

  it('worth acquiring: right at the lowest retention that covers the acquisition cost, wrong above and below', () => {
    const s = example();
    const lowest = lowestWorthAcquiring(s)!;
    expect(clvFigures({ ...s, retention: lowest }).netClv).toBeGreaterThanOrEqual(-1e-6);
    expect(clvFigures({ ...s, retention: lowest - 0.01 }).netClv).toBeLessThan(0);
    expectOutcome('clv', worthAcquiring, worthAcquiring.check({ ...s, retention: lowest }), 'right');
    const above = worthAcquiring.check(s);
    expectOutcome('clv', worthAcquiring, above, 'wrong');
    expect(above.message).toBe('tooHigh');
    const below = worthAcquiring.check({ ...s, retention: 0.3 });
    expect(below.message).toBe('tooLow');
    expectWords('clv', worthAcquiring, 'tooLow', below.facts);
    expectAnswer('clv', worthAcquiring, worthAcquiring.answer(s));
    const hopeless = { ...s, margin: 1, acq: 2000 };
    expectOutcome('clv', worthAcquiring, worthAcquiring.check(hopeless), 'setup');
    expectAnswer('clv', worthAcquiring, worthAcquiring.answer(hopeless));
  });

  it('acquisition first: wrong in the example, right at the answer’s acquisition ceiling', () => {
    const s = example();
    expectOutcome('clv', acquisitionFirst, acquisitionFirst.check(s), 'wrong');
    const answer = acquisitionFirst.answer(s);
    expectAnswer('clv', acquisitionFirst, answer);
    const ceiling = num(answer.facts, 'ceiling');
    expectOutcome('clv', acquisitionFirst, acquisitionFirst.check({ ...s, acqCeil: ceiling }), 'right');
    expect(acquisitionFirst.check({ ...s, acqCeil: Number((ceiling - CLV_SCHEMA.acqCeil.step).toFixed(2)) }).status).toBe('wrong');
    // A budget that no acquisition ceiling can tip: the answer starts from the example's curves.
    const lowMargin = { ...s, margin: 20 };
    expect(bdOptimum({ ...lowMargin, acqCeil: 1 }).optimalAcquisitionSpend).toBeLessThanOrEqual(bdOptimum(lowMargin).optimalRetentionSpend);
    expect(acquisitionFirst.answer(lowMargin).message).toBe('answerFromExample');
  });
});

describe('level matrix', () => {
  const example = () => defaults(LEVEL_MATRIX_SCHEMA);

  it('has its words in both languages', () => expectFixedWords('level-matrix', LEVEL_MATRIX_CHALLENGES));

  it('partnership pays: wrong in the example (as Kotler: proactive), right at the answer’s cost, as the lab’s cell says', () => {
    const s = example();
    const wrong = partnershipPays.check(s);
    expectOutcome('level-matrix', partnershipPays, wrong, 'wrong');
    expect(id(wrong.facts, 'best')).toBe(computeCell(PAYS_CELL.numbers, PAYS_CELL.margin).best);
    const answer = partnershipPays.answer(s);
    expectAnswer('level-matrix', partnershipPays, answer);
    const cost = num(answer.facts, 'cost');
    expect(cost).toBe(partnershipCostThatPays(PAYS_CELL, s));
    const right = { ...s, partnership: cost };
    expectOutcome('level-matrix', partnershipPays, partnershipPays.check(right), 'right');
    expect(computeCell(PAYS_CELL.numbers, PAYS_CELL.margin, right).best).toBe('partnership');
  });

  it('partnership limit: right at the lowest cost that drops partnership, too low below, too high above, setup when another cost moved', () => {
    const s = example();
    const limit = partnershipLimit(LIMIT_CELL)!;
    expect(limit).toBeGreaterThan(1);
    const step = LEVEL_MATRIX_SCHEMA.partnership.step;
    expectOutcome('level-matrix', partnershipLimitChallenge, partnershipLimitChallenge.check({ ...s, partnership: limit }), 'right');
    expect(computeCell(LIMIT_CELL.numbers, LIMIT_CELL.margin, { ...s, partnership: limit }).best).not.toBe('partnership');
    expect(computeCell(LIMIT_CELL.numbers, LIMIT_CELL.margin, { ...s, partnership: limit - step }).best).toBe('partnership');
    const low = partnershipLimitChallenge.check({ ...s, partnership: limit - step });
    expect([low.status, low.message]).toEqual(['wrong', 'tooLow']);
    expectWords('level-matrix', partnershipLimitChallenge, 'tooLow', low.facts);
    const high = partnershipLimitChallenge.check({ ...s, partnership: limit + step });
    expect([high.status, high.message]).toEqual(['wrong', 'tooHigh']);
    expectWords('level-matrix', partnershipLimitChallenge, 'tooHigh', high.facts);
    expectOutcome(
      'level-matrix',
      partnershipLimitChallenge,
      partnershipLimitChallenge.check({ ...s, proactive: 2, partnership: limit }),
      'setup',
    );
    const answer = partnershipLimitChallenge.answer(s);
    expectAnswer('level-matrix', partnershipLimitChallenge, answer);
    expect(num(answer.facts, 'cost')).toBe(limit);
  });
});

describe('life cycle', () => {
  const example = () => defaults(LIFE_CYCLE_SCHEMA);

  it('has its words in both languages', () => expectFixedWords('life-cycle', LIFE_CYCLE_CHALLENGES));

  it('the best win-back spend: wrong in the example, right at the answer and within one unit of its value', () => {
    const s = example();
    expectOutcome('life-cycle', winBackBest, winBackBest.check(s), 'wrong');
    const answer = winBackBest.answer(s);
    expectAnswer('life-cycle', winBackBest, answer);
    const best = bestWinBack(s);
    expect(num(answer.facts, 'winBack')).toBe(best.winBack);
    expectOutcome('life-cycle', winBackBest, winBackBest.check({ ...s, winBack: best.winBack }), 'right');
    expect(winBackBest.check({ ...s, winBack: 0 }).status).toBe('wrong');
    // The best depends on the other settings, and the checker follows them.
    const dear = { ...s, margin: 80 };
    expect(winBackBest.check({ ...dear, winBack: bestWinBack(dear).winBack }).status).toBe('right');
  });

  it('pay back sooner: setup in the example, wrong when set up, right with win-back alone; the answer’s claims hold', () => {
    const s = example();
    expectOutcome('life-cycle', breakEvenSooner, breakEvenSooner.check(s), 'setup');
    const set = start(LIFE_CYCLE_SCHEMA, breakEvenSooner);
    expect(set).toMatchObject(DEAR_COHORT);
    expectOutcome('life-cycle', breakEvenSooner, breakEvenSooner.check(set), 'wrong');
    const two = breakEvenSooner.check({ ...set, winBack: 10, crossSell: 4 });
    expect([two.status, two.message]).toEqual(['setup', 'oneAction']);
    expectWords('life-cycle', breakEvenSooner, 'oneAction', two.facts);

    const answer = breakEvenSooner.answer(set);
    expectAnswer('life-cycle', breakEvenSooner, answer);
    const action = id(answer.facts, 'action') as (typeof ACTIONS)[number];
    expectOutcome('life-cycle', breakEvenSooner, breakEvenSooner.check({ ...set, [action]: num(answer.facts, 'spend') }), 'right');
    // The sentence: win-back is the action; onboarding or cross-selling alone gain at most one quarter; loyalty delays.
    const reach = singleActionReach();
    const from = dearBreakEven();
    expect(action).toBe('winBack');
    expect(reach.onboarding.earliest).toBeGreaterThanOrEqual(from - 1);
    expect(reach.crossSell.earliest).toBeGreaterThanOrEqual(from - 1);
    expect(reach.loyalty.earliest).toBeGreaterThanOrEqual(from);
    const never = breakEvenSooner.check({ ...set, loyalty: 20 });
    expect(never.status).toBe('wrong');
    expectWords('life-cycle', breakEvenSooner, never.message ?? 'wrong', never.facts);
    expect(QUARTERS_SOONER).toBe(2); // the statement says "two quarters" in both languages
  });
});
