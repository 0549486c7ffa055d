// Customer-perceived value and a multinomial-logit choice model for the perceived-value lab.
// Pure maths on plain numbers: no DOM, no strings shown to people (ids only).
//
// Kotler & Armstrong: a customer buys from the firm with the highest customer-perceived value,
// the difference between total customer benefit (product, services, personnel, image) and total
// customer cost (monetary, time, energy, psychic). Kotler & Keller call the same difference
// customer-delivered value.
//
// Choice model (McFadden's multinomial logit): offer j with perceived value V_j wins the share
//   P_j = exp(λ·V_j) / Σ_k exp(λ·V_k)
// λ ≥ 0 is the price-sensitivity (scale) parameter: λ → 0 gives equal shares (customers barely
// tell the offers apart), a large λ gives almost all customers to the offer with the highest value.
// Only differences of value matter: adding the same constant to every V_j leaves the shares as they are.

export const BENEFITS = ['product', 'services', 'personnel', 'image'] as const;
export const COSTS = ['monetary', 'time', 'energy', 'psychic'] as const;
export type BenefitId = (typeof BENEFITS)[number];
export type CostId = (typeof COSTS)[number];
export const ITEMS = [...BENEFITS, ...COSTS] as const;
export type ItemId = (typeof ITEMS)[number];
export const OFFERS = ['firm', 'rivalA', 'rivalB'] as const;
export type OfferId = (typeof OFFERS)[number];

/** Ratings 0..10 in ITEMS order: four benefits, then four costs (a higher cost rating = costlier). */
export type Ratings = readonly number[];

export const RATING_MIN = 0;
export const RATING_MAX = 10;
export const WEIGHT_MIN = 0;
export const WEIGHT_MAX = 2;
export const SCALE_MIN = 0;
export const SCALE_MAX = 2;

/**
 * Default: a parcel-delivery market in the spirit of Kotler & Armstrong's FedEx example.
 * Our courier is dearer but carries a strong image and little psychic cost ("the parcel will
 * arrive"); rival B is a little better on paper (cheaper, slightly better service); rival A is a
 * cheap, slow postal service. Measured item by item (all weights 1) rival B is ahead, but customers
 * notice image and worry more than the rest, and with those perception weights our courier wins.
 */
export const DEFAULT_RATINGS: Readonly<Record<OfferId, Ratings>> = {
  firm: [8, 7, 6, 9, 8, 2, 2, 1],
  rivalA: [6, 5, 5, 4, 4, 5, 5, 6],
  rivalB: [9, 9, 7, 5, 4, 2, 2, 4],
};
/** How strongly customers notice each item (1 = as measured). Image and psychic cost loom large. */
export const DEFAULT_WEIGHTS: Ratings = [1, 1, 1, 1.5, 1, 1, 1, 1.5];
export const DEFAULT_SCALE = 0.5;
export const OBJECTIVE_WEIGHTS: Ratings = [1, 1, 1, 1, 1, 1, 1, 1];

export interface ValueBreakdown {
  totalBenefit: number;
  totalCost: number;
  /** totalBenefit − totalCost */
  value: number;
}

function check(ratings: Ratings, weights: Ratings): void {
  if (ratings.length !== ITEMS.length || weights.length !== ITEMS.length) {
    throw new RangeError(`expected ${ITEMS.length} ratings and weights`);
  }
}

/** Weighted total benefit, total cost and their difference (the perceived value). */
export function perceivedValue(ratings: Ratings, weights: Ratings = OBJECTIVE_WEIGHTS): ValueBreakdown {
  check(ratings, weights);
  let totalBenefit = 0;
  let totalCost = 0;
  for (let i = 0; i < BENEFITS.length; i++) totalBenefit += weights[i] * ratings[i];
  for (let i = BENEFITS.length; i < ITEMS.length; i++) totalCost += weights[i] * ratings[i];
  return { totalBenefit, totalCost, value: totalBenefit - totalCost };
}

/**
 * Multinomial-logit shares for values V with scale λ. Subtracting the largest value before
 * exponentiating keeps exp() from overflowing and does not change the result.
 */
export function logitShares(values: readonly number[], scale: number): number[] {
  if (values.length === 0) return [];
  if (!(scale >= 0) || !Number.isFinite(scale)) throw new RangeError('scale must be a finite number ≥ 0');
  const max = Math.max(...values);
  const w = values.map((v) => Math.exp(scale * (v - max)));
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / sum);
}

export type Basis = 'perceived' | 'objective';

export interface OfferResult extends ValueBreakdown {
  id: OfferId;
  share: number;
}

export interface MarketResult {
  basis: Basis;
  offers: OfferResult[];
  /** The offer with the highest value (the first one on ties). */
  leader: OfferId;
}

/**
 * Values and shares of the three offers. `basis: 'perceived'` uses the perception weights,
 * `'objective'` counts every item once, as an engineer would measure it.
 */
export function evaluateMarket(ratings: Readonly<Record<OfferId, Ratings>>, weights: Ratings, scale: number, basis: Basis): MarketResult {
  const w = basis === 'perceived' ? weights : OBJECTIVE_WEIGHTS;
  const breakdowns = OFFERS.map((id) => perceivedValue(ratings[id], w));
  const shares = logitShares(
    breakdowns.map((b) => b.value),
    scale,
  );
  const offers = OFFERS.map((id, i) => ({ id, ...breakdowns[i], share: shares[i] }));
  let leader: OfferId = offers[0].id;
  let best = offers[0].value;
  for (const o of offers) {
    if (o.value > best) {
      best = o.value;
      leader = o.id;
    }
  }
  return { basis, offers, leader };
}

const RATING = { kind: 'number', min: RATING_MIN, max: RATING_MAX, step: 1, default: 5 } as const;

/** URL state of the lab (documented for lesson writers: keys firm, ra, rb, w, scale, basis). */
export const PERCEIVED_VALUE_SCHEMA = {
  firm: { kind: 'list', item: RATING, length: 8, default: DEFAULT_RATINGS.firm },
  ra: { kind: 'list', item: RATING, length: 8, default: DEFAULT_RATINGS.rivalA },
  rb: { kind: 'list', item: RATING, length: 8, default: DEFAULT_RATINGS.rivalB },
  w: {
    kind: 'list',
    item: { kind: 'number', min: WEIGHT_MIN, max: WEIGHT_MAX, step: 0.1, default: 1 },
    length: 8,
    default: DEFAULT_WEIGHTS,
  },
  scale: { kind: 'number', min: SCALE_MIN, max: SCALE_MAX, step: 0.05, default: DEFAULT_SCALE },
  basis: { kind: 'enum', values: ['perceived', 'objective'] as const, default: 'perceived' },
} as const satisfies import('@/kit/urlState').Schema;
