// Tests for the life-cycle cohort model: stages, closed-form agreement, and each action's direction.
import { describe, expect, it } from 'vitest';
import { clv } from '@sim/analytics';
import {
  DEFAULT_ACTIONS,
  DEFAULT_PARAMS,
  hazardAt,
  marginAt,
  NO_ACTIONS,
  quarterlyRate,
  runCohort,
  stageAt,
  type CohortParams,
} from '@/features/concept-labs/lifeCycle';

const constant = (h: number, quarters: number): CohortParams => ({
  ...DEFAULT_PARAMS,
  quarters,
  hazard: { acquisition: h, growth: h, maintenance: h, decline: h },
  declineHazardGrowthPerQuarter: 0,
});

describe('stages', () => {
  it('follows tenure: acquisition, growth, maintenance, decline', () => {
    expect([1, 2, 3, 8, 9, 20, 21, 40].map(stageAt)).toEqual([
      'acquisition',
      'acquisition',
      'growth',
      'growth',
      'maintenance',
      'maintenance',
      'decline',
      'decline',
    ]);
  });
  it('converts an annual discount rate to a quarterly one', () => {
    expect(Math.pow(1 + quarterlyRate(0.1), 4)).toBeCloseTo(1.1, 12);
  });
});

describe('closed form', () => {
  it('without actions and with a constant hazard, the cohort value converges to Gupta & Lehmann CLV − acquisition cost', () => {
    const p = constant(0.2, 600);
    const r = runCohort(NO_ACTIONS, p);
    const expected = clv(p.marginPerQuarter, 0.8, quarterlyRate(p.discountRatePerYear), 'end') - p.acquisitionCostPerCustomer;
    expect(r.valuePerCustomer).toBeCloseTo(expected, 8);
  });
  it('over a finite horizon equals the discounted sum m·Σ r^t/(1+i)^t − AC', () => {
    const p = constant(0.1, 12);
    const i = quarterlyRate(p.discountRatePerYear);
    let sum = 0;
    for (let t = 1; t <= 12; t++) sum += (p.marginPerQuarter * Math.pow(0.9, t)) / Math.pow(1 + i, t);
    expect(runCohort(NO_ACTIONS, p).valuePerCustomer).toBeCloseTo(sum - p.acquisitionCostPerCustomer, 9);
    expect(runCohort(NO_ACTIONS, p).rows.at(-1)!.survival).toBeCloseTo(Math.pow(0.9, 12), 12);
  });
});

describe('stage actions', () => {
  const base = runCohort(NO_ACTIONS);
  it('onboarding lowers only the acquisition-stage hazard', () => {
    const a = { ...NO_ACTIONS, onboardingPerNewCustomer: 50 };
    expect(hazardAt(1, a)).toBeLessThan(hazardAt(1, NO_ACTIONS));
    expect(hazardAt(5, a)).toBe(hazardAt(5, NO_ACTIONS));
    expect(runCohort(a).rows[1].survival).toBeGreaterThan(base.rows[1].survival);
  });
  it('cross-selling raises the margin from the growth stage on, with a ceiling', () => {
    const a = { ...NO_ACTIONS, crossSellPerCustomerPerQuarter: 10 };
    expect(marginAt(1, a)).toBe(DEFAULT_PARAMS.marginPerQuarter);
    expect(marginAt(8, a)).toBeGreaterThan(marginAt(4, a));
    expect(marginAt(30, a)).toBeLessThanOrEqual(DEFAULT_PARAMS.marginPerQuarter * (1 + DEFAULT_PARAMS.crossSellCurve.ceiling));
  });
  it('the loyalty programme lowers maintenance and decline hazards', () => {
    const a = { ...NO_ACTIONS, loyaltyPerCustomerPerQuarter: 8 };
    expect(hazardAt(12, a)).toBeLessThan(hazardAt(12, NO_ACTIONS));
    expect(hazardAt(30, a)).toBeLessThan(hazardAt(30, NO_ACTIONS));
    expect(runCohort(a).rows.at(-1)!.survival).toBeGreaterThan(base.rows.at(-1)!.survival);
  });
  it('a win-back offer brings lapsed customers back', () => {
    const a = { ...NO_ACTIONS, winBackPerLapsedPerQuarter: 20 };
    const r = runCohort(a);
    expect(base.totalWonBack).toBe(0);
    expect(r.totalWonBack).toBeGreaterThan(0);
    expect(r.rows.at(-1)!.survival).toBeGreaterThan(base.rows.at(-1)!.survival);
  });
  it('keeps counts consistent: active never exceeds the cohort and the hazard rises in decline', () => {
    const r = runCohort(DEFAULT_ACTIONS);
    for (const row of r.rows) {
      expect(row.active).toBeGreaterThanOrEqual(0);
      expect(row.active).toBeLessThanOrEqual(DEFAULT_PARAMS.cohortSize);
    }
    expect(hazardAt(35, NO_ACTIONS)).toBeGreaterThan(hazardAt(21, NO_ACTIONS));
  });
  it('the default actions earn more than doing nothing, and spending without limit earns less', () => {
    const lavish = {
      onboardingPerNewCustomer: 100,
      crossSellPerCustomerPerQuarter: 20,
      loyaltyPerCustomerPerQuarter: 20,
      winBackPerLapsedPerQuarter: 50,
    };
    expect(runCohort(DEFAULT_ACTIONS).valuePerCustomer).toBeGreaterThan(base.valuePerCustomer);
    expect(runCohort(lavish).valuePerCustomer).toBeLessThan(runCohort(DEFAULT_ACTIONS).valuePerCustomer);
  });
});
