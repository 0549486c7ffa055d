// Cohort model of the customer life cycle (acquisition, growth, maintenance, decline, win-back)
// for the life-cycle lab. Pure, deterministic arithmetic on expected counts: no DOM, no randomness.
//
// One cohort of customers is acquired at quarter 0 and followed quarter by quarter. Its stage is
// set by tenure (all members share it): acquisition (quarters 1–2), growth (3–8), maintenance
// (9–20), decline (21 on). Customers who leave join a pool of lapsed customers that the win-back
// stage works on. Each stage has one CRM action whose effect has a ceiling and diminishing returns,
// rate = ceiling·(1 − e^(−k·spend)) (Blattberg & Deighton's response curve, from the analytics module):
//   onboarding (one-off, per new customer)  → lowers the acquisition-stage defection hazard
//   cross-selling (per active customer/qtr) → raises the margin during growth, kept afterwards
//   loyalty programme (per active/qtr)      → lowers the hazard in maintenance and decline
//   win-back offer (per lapsed customer/qtr)→ a share of the reachable lapsed pool returns
// Per quarter t = 1…T, with A = active customers, L = reachable lapsed customers:
//   lost_t = A_{t−1}·h_t,  won_t = w·L_{t−1},  A_t = A_{t−1} − lost_t + won_t,
//   L_t = (L_{t−1} − won_t)·(1 − fade) + lost_t
//   profit_t = A_t·(m_t − actions_t) − winBackSpend·L_{t−1}   (margin at the end of each quarter survived)
// Cohort value per acquired customer = Σ_t profit_t/(1+i_q)^t / N − (acquisition cost + onboarding).
// Returning customers take the cohort's hazard (a simplification: they are assumed to re-enter where they left).

import { responseRate, type ResponseCurve } from '@sim/analytics';

export const STAGES = ['acquisition', 'growth', 'maintenance', 'decline', 'winBack'] as const;
export type StageId = (typeof STAGES)[number];
/** Tenure stages (win-back works on the lapsed pool at every tenure, so it has no tenure range). */
export type TenureStage = Exclude<StageId, 'winBack'>;

export interface StageActions {
  /** One-off onboarding spend per newly acquired customer, currency units (0…100). */
  onboardingPerNewCustomer: number;
  /** Cross-selling spend per active customer per quarter from the growth stage on (0…20). */
  crossSellPerCustomerPerQuarter: number;
  /** Loyalty-programme spend per active customer per quarter in maintenance and decline (0…20). */
  loyaltyPerCustomerPerQuarter: number;
  /** Win-back offer cost per reachable lapsed customer per quarter (0…50). */
  winBackPerLapsedPerQuarter: number;
}

export interface CohortParams {
  cohortSize: number;
  quarters: number;
  /** Base margin per active customer per quarter before cross-selling. */
  marginPerQuarter: number;
  discountRatePerYear: number;
  acquisitionCostPerCustomer: number;
  /** Base quarterly defection hazard per tenure stage (before any action). */
  hazard: Record<TenureStage, number>;
  /** Extra hazard per quarter of tenure in decline (needs drift away), capped at `maxHazard`. */
  declineHazardGrowthPerQuarter: number;
  maxHazard: number;
  /** Share of the reachable lapsed pool that stops being reachable each quarter. */
  lapsedFadePerQuarter: number;
  onboardingCurve: ResponseCurve;
  crossSellCurve: ResponseCurve;
  loyaltyCurve: ResponseCurve;
  winBackCurve: ResponseCurve;
}

export const DEFAULT_PARAMS: CohortParams = {
  cohortSize: 1000,
  quarters: 40,
  marginPerQuarter: 40,
  discountRatePerYear: 0.1,
  acquisitionCostPerCustomer: 100,
  hazard: { acquisition: 0.2, growth: 0.1, maintenance: 0.06, decline: 0.08 },
  declineHazardGrowthPerQuarter: 0.005,
  maxHazard: 0.25,
  lapsedFadePerQuarter: 0.3,
  onboardingCurve: { ceiling: 0.6, k: 0.04 },
  crossSellCurve: { ceiling: 0.5, k: 0.2 },
  loyaltyCurve: { ceiling: 0.5, k: 0.15 },
  winBackCurve: { ceiling: 0.25, k: 0.06 },
};

export const NO_ACTIONS: StageActions = {
  onboardingPerNewCustomer: 0,
  crossSellPerCustomerPerQuarter: 0,
  loyaltyPerCustomerPerQuarter: 0,
  winBackPerLapsedPerQuarter: 0,
};

export const DEFAULT_ACTIONS: StageActions = {
  onboardingPerNewCustomer: 20,
  crossSellPerCustomerPerQuarter: 4,
  loyaltyPerCustomerPerQuarter: 3,
  winBackPerLapsedPerQuarter: 10,
};

/** Last quarter of tenure in each stage; decline has no end. */
export const STAGE_END: Readonly<Record<Exclude<TenureStage, 'decline'>, number>> = {
  acquisition: 2,
  growth: 8,
  maintenance: 20,
};

export function stageAt(quarter: number): TenureStage {
  if (quarter <= STAGE_END.acquisition) return 'acquisition';
  if (quarter <= STAGE_END.growth) return 'growth';
  if (quarter <= STAGE_END.maintenance) return 'maintenance';
  return 'decline';
}

export function quarterlyRate(ratePerYear: number): number {
  return Math.pow(1 + ratePerYear, 0.25) - 1;
}

export interface CohortQuarter {
  quarter: number;
  stage: TenureStage;
  hazard: number;
  active: number;
  /** active / cohort size */
  survival: number;
  lost: number;
  wonBack: number;
  lapsedReachable: number;
  marginPerCustomer: number;
  profit: number;
  /** Cumulative discounted value per acquired customer, acquisition and onboarding included. */
  cumulativeValuePerCustomer: number;
}

export interface CohortResult {
  rows: CohortQuarter[];
  /** Discounted value per acquired customer over the horizon, net of acquisition and onboarding. */
  valuePerCustomer: number;
  /** Same, for the whole cohort. */
  cohortValue: number;
  /** First quarter in which the cumulative value per customer turns ≥ 0, or null. */
  breakEvenQuarter: number | null;
  /** Expected quarters active per acquired customer over the horizon. */
  expectedQuartersActive: number;
  totalWonBack: number;
}

/** Hazard of one tenure quarter with the actions applied. */
export function hazardAt(quarter: number, actions: StageActions, p: CohortParams = DEFAULT_PARAMS): number {
  const stage = stageAt(quarter);
  let h = p.hazard[stage];
  if (stage === 'decline') {
    h = Math.min(p.maxHazard, h + p.declineHazardGrowthPerQuarter * (quarter - STAGE_END.maintenance - 1));
  }
  if (stage === 'acquisition') h *= 1 - responseRate(p.onboardingCurve, actions.onboardingPerNewCustomer);
  if (stage === 'maintenance' || stage === 'decline') {
    h *= 1 - responseRate(p.loyaltyCurve, actions.loyaltyPerCustomerPerQuarter);
  }
  return h;
}

/** Margin per active customer in a tenure quarter: cross-selling ramps up over the growth stage. */
export function marginAt(quarter: number, actions: StageActions, p: CohortParams = DEFAULT_PARAMS): number {
  const uplift = responseRate(p.crossSellCurve, actions.crossSellPerCustomerPerQuarter);
  const growthStart = STAGE_END.acquisition + 1;
  const ramp = quarter < growthStart ? 0 : Math.min(1, (quarter - growthStart + 1) / (STAGE_END.growth - growthStart + 1));
  return p.marginPerQuarter * (1 + uplift * ramp);
}

/** Per-customer action spend in a tenure quarter (onboarding is paid once at quarter 0). */
function actionSpendAt(quarter: number, actions: StageActions): number {
  const stage = stageAt(quarter);
  let spend = 0;
  if (stage !== 'acquisition') spend += actions.crossSellPerCustomerPerQuarter;
  if (stage === 'maintenance' || stage === 'decline') spend += actions.loyaltyPerCustomerPerQuarter;
  return spend;
}

export function runCohort(actions: StageActions, p: CohortParams = DEFAULT_PARAMS): CohortResult {
  const n = p.cohortSize;
  const iq = quarterlyRate(p.discountRatePerYear);
  const winBackRate = responseRate(p.winBackCurve, actions.winBackPerLapsedPerQuarter);
  const upfront = p.acquisitionCostPerCustomer + actions.onboardingPerNewCustomer;
  let active = n;
  let lapsed = 0;
  let discounted = -upfront * n;
  let quartersActive = 0;
  let totalWonBack = 0;
  let breakEvenQuarter: number | null = null;
  const rows: CohortQuarter[] = [];
  for (let q = 1; q <= p.quarters; q++) {
    const h = hazardAt(q, actions, p);
    const lost = active * h;
    const wonBack = lapsed * winBackRate;
    const winBackSpend = actions.winBackPerLapsedPerQuarter * lapsed;
    active = active - lost + wonBack;
    lapsed = (lapsed - wonBack) * (1 - p.lapsedFadePerQuarter) + lost;
    const margin = marginAt(q, actions, p);
    const profit = active * (margin - actionSpendAt(q, actions)) - winBackSpend;
    discounted += profit / Math.pow(1 + iq, q);
    quartersActive += active / n;
    totalWonBack += wonBack;
    const cumulativeValuePerCustomer = discounted / n;
    if (breakEvenQuarter === null && cumulativeValuePerCustomer >= 0) breakEvenQuarter = q;
    rows.push({
      quarter: q,
      stage: stageAt(q),
      hazard: h,
      active,
      survival: active / n,
      lost,
      wonBack,
      lapsedReachable: lapsed,
      marginPerCustomer: margin,
      profit,
      cumulativeValuePerCustomer,
    });
  }
  return {
    rows,
    valuePerCustomer: discounted / n,
    cohortValue: discounted,
    breakEvenQuarter,
    expectedQuartersActive: quartersActive,
    totalWonBack,
  };
}

/** URL state of the life-cycle lab: the four stage actions and the cohort's economics. */
export const LIFE_CYCLE_SCHEMA = {
  onboarding: { kind: 'number', min: 0, max: 100, step: 5, default: DEFAULT_ACTIONS.onboardingPerNewCustomer },
  crossSell: { kind: 'number', min: 0, max: 20, step: 1, default: DEFAULT_ACTIONS.crossSellPerCustomerPerQuarter },
  loyalty: { kind: 'number', min: 0, max: 20, step: 1, default: DEFAULT_ACTIONS.loyaltyPerCustomerPerQuarter },
  winBack: { kind: 'number', min: 0, max: 50, step: 1, default: DEFAULT_ACTIONS.winBackPerLapsedPerQuarter },
  margin: { kind: 'number', min: 10, max: 100, step: 5, default: DEFAULT_PARAMS.marginPerQuarter },
  discount: { kind: 'number', min: 0, max: 0.3, step: 0.01, default: DEFAULT_PARAMS.discountRatePerYear },
  acquisition: { kind: 'number', min: 0, max: 400, step: 10, default: DEFAULT_PARAMS.acquisitionCostPerCustomer },
} as const satisfies import('@/kit/urlState').Schema;

export interface LifeCycleState {
  onboarding: number;
  crossSell: number;
  loyalty: number;
  winBack: number;
  margin: number;
  discount: number;
  acquisition: number;
}

export function actionsFromState(s: LifeCycleState): StageActions {
  return {
    onboardingPerNewCustomer: s.onboarding,
    crossSellPerCustomerPerQuarter: s.crossSell,
    loyaltyPerCustomerPerQuarter: s.loyalty,
    winBackPerLapsedPerQuarter: s.winBack,
  };
}

export function paramsFromState(s: LifeCycleState): CohortParams {
  return {
    ...DEFAULT_PARAMS,
    marginPerQuarter: s.margin,
    discountRatePerYear: s.discount,
    acquisitionCostPerCustomer: s.acquisition,
  };
}
