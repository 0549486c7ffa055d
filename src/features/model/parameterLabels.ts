// The model's parameters for the Model page's tables: which unit each is measured in. Names and
// units are strings (vocab.param.<id>, vocab.unit.<id>); every value shown comes from the engine's
// preset data, never from here.
import type { FirmParams, MechanismParams, SegmentParams } from '@sim/index';
import type { StringKey } from '@/i18n/core';

export const UNITS = [
  'perCustomerPerQuarter',
  'scalePoints',
  'probabilityPerQuarter',
  'scale1to5',
  'multiplier',
  'customers',
  'shareOfRevenue',
  'perQuarterOfTenure',
  'quarters',
  'zeroToOne',
  'shareOfMarginPerUnitOfBond',
  'perQuarter',
  'customersPerQuarter',
  'perCurrencyUnit',
  'weight',
  'newCustomersPerQuarter',
  'perNewCustomer',
  'perQuarterWholeFirm',
  'shareOfRevenuePerPoint',
  'perPoint',
  'perPointAbove3',
  'pointsPerPointAbove3',
  'timesASurplus',
  'share',
  'ceiling',
  'pointsPerQuarter',
] as const;
export type UnitId = (typeof UNITS)[number];

type SegmentNumberKey = Exclude<keyof SegmentParams, 'id' | 'label' | 'sensitivity' | 'standardInvestment' | 'defaultLevel'>;
export type ParamId = SegmentNumberKey | keyof FirmParams | keyof MechanismParams;

export const paramKey = (id: ParamId): StringKey => `vocab.param.${id}` as const;
export const unitKey = (unit: UnitId): StringKey => `vocab.unit.${unit}` as const;

export const SEGMENT_UNITS: Record<SegmentNumberKey, UnitId> = {
  initialCustomers: 'customers',
  revenuePerQuarter: 'perCustomerPerQuarter',
  marginRate: 'shareOfRevenue',
  revenueGrowthPerQuarterOfTenure: 'perQuarterOfTenure',
  revenueGrowthCapQuarters: 'quarters',
  expectationMean: 'scale1to5',
  expectationSpread: 'scalePoints',
  performanceNoise: 'scalePoints',
  incidentProbabilityPerQuarter: 'probabilityPerQuarter',
  incidentSeverity: 'scalePoints',
  naturalChurnPerQuarter: 'probabilityPerQuarter',
  dissatisfactionChurnPerQuarter: 'probabilityPerQuarter',
  competitiveIntensity: 'zeroToOne',
  competitorOffer: 'scale1to5',
  rivalShockProbabilityPerQuarter: 'probabilityPerQuarter',
  rivalShockMagnitude: 'scalePoints',
  rivalShockDurationQuarters: 'quarters',
  financialBond: 'zeroToOne',
  loyaltyDiscountShare: 'shareOfMarginPerUnitOfBond',
  acquisitionBasePerQuarter: 'perQuarter',
  acquisitionCeilingPerQuarter: 'customersPerQuarter',
  acquisitionK: 'perCurrencyUnit',
  acquisitionWeight: 'weight',
  referralsPerDelightedPerQuarter: 'newCustomersPerQuarter',
  lostProspectsPerDissatisfiedPerQuarter: 'perQuarter',
  onboardingCostPerNewCustomer: 'perNewCustomer',
};

export const FIRM_UNITS: Record<keyof FirmParams, UnitId> = {
  quality: 'scale1to5',
  promiseLevel: 'scale1to5',
  acquisitionSpendPerQuarter: 'perQuarterWholeFirm',
  discountRatePerQuarter: 'perQuarter',
  qualityCostShareOfRevenuePerPoint: 'shareOfRevenuePerPoint',
  qualityCostReference: 'scale1to5',
  promiseAcquisitionSlope: 'perPoint',
  brandStrength: 'scale1to5',
  brandAcquisitionPerPoint: 'perPointAbove3',
  brandLoyaltyPointsPerPoint: 'pointsPerPointAbove3',
};

export const MECHANISM_UNITS: Record<keyof MechanismParams, UnitId> = {
  lossAversion: 'timesASurplus',
  satisfactionInertia: 'share',
  satisfactionSlope: 'scalePoints',
  expectationAdaptation: 'perQuarter',
  anchorExperienceWeight: 'weight',
  anchorNormWeight: 'weight',
  anchorPromiseWeight: 'weight',
  recoveryCeiling: 'ceiling',
  voiceCeiling: 'ceiling',
  followUpCeiling: 'ceiling',
  calibrationCeiling: 'perQuarter',
  improvementPerQuarter: 'pointsPerQuarter',
  improvementCap: 'scalePoints',
  improvementDecayPerQuarter: 'perQuarter',
  attentionProactive: 'scalePoints',
  attentionPartnership: 'scalePoints',
  crossSellCeiling: 'ceiling',
  walletAdjustmentPerQuarter: 'perQuarter',
  bondGrowthPerQuarter: 'perQuarter',
  bondCap: 'zeroToOne',
  bondDecayPerQuarter: 'perQuarter',
  bondSwitchingCost: 'scalePoints',
  competitorBaseHazard: 'probabilityPerQuarter',
  competitorSlope: 'perPoint',
  dissatisfactionMidpoint: 'scale1to5',
  dissatisfactionSlope: 'perPoint',
  dissatisfiedBelow: 'scale1to5',
  delightedFrom: 'scale1to5',
  spuriousBondThreshold: 'zeroToOne',
  spuriousIntensityBelow: 'zeroToOne',
};
