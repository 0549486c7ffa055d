// "Try this" challenges of the perceived-value lab, checked with the lab's own maths (../perceivedValue.ts):
// a rival wins on perception while prices stay, and our courier wins nine customers in ten without changing a rating.
// Pure: ids and numbers only; the lab's strings say them.
import { DEFAULT_RATINGS, ITEMS, OFFERS, PERCEIVED_VALUE_SCHEMA, evaluateMarket, type OfferId, type Ratings } from '../perceivedValue';
import type { StateOf } from '@/kit/urlState';
import { fact, type Answer, type Outcome, same, sliderValues, type Challenge } from './core';

export type PerceivedValueState = StateOf<typeof PERCEIVED_VALUE_SCHEMA>;

/** The URL key of each offer's ratings. */
const RATING_KEY = { firm: 'firm', rivalA: 'ra', rivalB: 'rb' } as const satisfies Record<OfferId, keyof PerceivedValueState>;
const MONETARY = ITEMS.indexOf('monetary');
/** Share of customers our courier must win in the second challenge. */
export const WIN_SHARE = 0.9;

const ratingsOf = (s: PerceivedValueState): Record<OfferId, Ratings> => ({ firm: s.firm, rivalA: s.ra, rivalB: s.rb });
const perceived = (s: PerceivedValueState) => evaluateMarket(ratingsOf(s), s.w, s.scale, 'perceived');
const valueOf = (s: PerceivedValueState, id: OfferId) => perceived(s).offers.find((o) => o.id === id)!;

function rivalAhead(s: PerceivedValueState): boolean {
  return strongestRival(s).value > valueOf(s, 'firm').value;
}
function pricesAsInExample(s: PerceivedValueState): boolean {
  return OFFERS.every((id) => same(ratingsOf(s)[id][MONETARY], DEFAULT_RATINGS[id][MONETARY]));
}
function ratingsAsInExample(s: PerceivedValueState): boolean {
  return OFFERS.every((id) => ratingsOf(s)[id].every((r, i) => same(r, DEFAULT_RATINGS[id][i])));
}

/** The rival with the higher perceived value (B on a tie, the offer the example sets against ours). */
function strongestRival(s: PerceivedValueState) {
  const a = valueOf(s, 'rivalA');
  const b = valueOf(s, 'rivalB');
  return a.value > b.value ? a : b;
}

export interface RatingChange {
  offer: OfferId;
  item: (typeof ITEMS)[number];
  from: number;
  to: number;
}

/**
 * The smallest change of one rating, prices excepted, that lets a rival's perceived value beat ours, searched from the
 * given settings; null when no single rating can do it.
 */
export function smallestRivalWin(s: PerceivedValueState): RatingChange | null {
  const grid = sliderValues(PERCEIVED_VALUE_SCHEMA.firm.item);
  let best: (RatingChange & { size: number }) | null = null;
  for (const offer of OFFERS) {
    ITEMS.forEach((item, i) => {
      if (i === MONETARY) return;
      for (const to of grid) {
        const from = ratingsOf(s)[offer][i];
        const size = Math.abs(to - from);
        if (size === 0 || (best && size >= best.size)) continue;
        const ratings = ratingsOf(s)[offer].slice();
        ratings[i] = to;
        const next = { ...s, [RATING_KEY[offer]]: ratings };
        if (strongestRival(next).value > valueOf(next, 'firm').value) best = { offer, item, from, to, size };
      }
    });
  }
  if (!best) return null;
  const { offer, item, from, to } = best;
  return { offer, item, from, to };
}

export const rivalWins: Challenge<PerceivedValueState> = {
  id: 'rival-wins',
  setup: {},
  check(s): Outcome {
    if (!pricesAsInExample(s)) {
      return {
        status: 'setup',
        facts: {
          firm: fact.number(DEFAULT_RATINGS.firm[MONETARY]),
          rivalA: fact.number(DEFAULT_RATINGS.rivalA[MONETARY]),
          rivalB: fact.number(DEFAULT_RATINGS.rivalB[MONETARY]),
        },
      };
    }
    const rival = strongestRival(s);
    const facts = {
      rival: fact.name('offer', rival.id),
      rivalValue: fact.number(rival.value, 1),
      ours: fact.number(valueOf(s, 'firm').value, 1),
    };
    return { status: rivalAhead(s) ? 'right' : 'wrong', facts };
  },
  answer(s): Answer {
    // From the learner's settings when one rating can do it there; else from the example's ratings (and weights).
    const here = pricesAsInExample(s) && !rivalAhead(s) ? smallestRivalWin(s) : null;
    const candidates = [withExampleRatings(s), { ...withExampleRatings(s), w: [...PERCEIVED_VALUE_SCHEMA.w.default] }];
    let base = s;
    let change = here;
    for (const c of candidates) {
      if (change) break;
      base = c;
      change = smallestRivalWin(c);
    }
    if (!change) throw new Error('no single rating lets a rival win, even from the example');
    const ratings = ratingsOf(base)[change.offer].slice();
    ratings[ITEMS.indexOf(change.item)] = change.to;
    const after = { ...base, [RATING_KEY[change.offer]]: ratings };
    const rival = strongestRival(after);
    return {
      message: here ? 'answer' : 'answerFromExample',
      facts: {
        offer: fact.name('offer', change.offer),
        item: fact.name('item', change.item),
        from: fact.number(change.from),
        to: fact.number(change.to),
        rival: fact.name('offer', rival.id),
        rivalValue: fact.number(rival.value, 1),
        ours: fact.number(valueOf(after, 'firm').value, 1),
      },
    };
  },
};

function withExampleRatings(s: PerceivedValueState): PerceivedValueState {
  return { ...s, firm: [...DEFAULT_RATINGS.firm], ra: [...DEFAULT_RATINGS.rivalA], rb: [...DEFAULT_RATINGS.rivalB] };
}

/** The lowest sensitivity λ on the slider at which our courier wins WIN_SHARE of customers, or null. */
export function lowestWinningScale(s: PerceivedValueState): number | null {
  for (const scale of sliderValues(PERCEIVED_VALUE_SCHEMA.scale)) {
    if (valueOf({ ...s, scale }, 'firm').share >= WIN_SHARE) return scale;
  }
  return null;
}

export const winNinety: Challenge<PerceivedValueState> = {
  id: 'win-ninety',
  setup: {},
  givens: () => ({ goal: fact.percent(WIN_SHARE) }),
  check(s): Outcome {
    if (!ratingsAsInExample(s)) return { status: 'setup', facts: {} };
    const share = valueOf(s, 'firm').share;
    return { status: share >= WIN_SHARE ? 'right' : 'wrong', facts: { share: fact.percent(share), goal: fact.percent(WIN_SHARE) } };
  },
  answer(s): Answer {
    const base = withExampleRatings(s);
    const scale = lowestWinningScale(base);
    if (scale !== null) {
      const firm = valueOf({ ...base, scale }, 'firm');
      const rival = strongestRival({ ...base, scale });
      return {
        facts: {
          scale: fact.number(scale, 2),
          gap: fact.number(firm.value - rival.value, 1),
          share: fact.percent(firm.share),
        },
      };
    }
    // With these weights even the highest λ is not enough (the lead is too small): the example's weights are.
    const example = { ...base, w: [...PERCEIVED_VALUE_SCHEMA.w.default] };
    const fromExample = lowestWinningScale(example);
    if (fromExample === null) throw new Error('the example cannot reach the share either');
    return { message: 'answerWeights', facts: { scale: fact.number(fromExample, 2) } };
  },
};

export const PERCEIVED_VALUE_CHALLENGES = [rivalWins, winNinety] as const;
