// Market data: the types of a market (segments, firm, mechanism constants, events) and the
// built-in presets as plain data. Scenario files override these values; nothing here runs a model.
// Units are in the names: …PerQuarter is per customer per quarter unless stated, money in currency units.

export type LevelId = 'basic' | 'reactive' | 'accountable' | 'proactive' | 'partnership';
export const LEVELS: readonly LevelId[] = ['basic', 'reactive', 'accountable', 'proactive', 'partnership'];
export type InvestedLevel = Exclude<LevelId, 'basic'>;
export const INVESTED_LEVELS: readonly InvestedLevel[] = ['reactive', 'accountable', 'proactive', 'partnership'];
/** Currency units per customer per quarter spent on each level's activity. */
export type Investment = Record<InvestedLevel, number>;

export interface LocalText {
  en: string;
  zh: string;
}

export interface SegmentParams {
  id: string;
  /**
   * A scenario's own name for this segment ("Book buyers"). Preset segments carry none: the site
   * names them by id from its strings (vocab.segment.<id>), as it names presets (vocab.market.<id>).
   */
  label?: LocalText;
  /** Customers at the start of a run (multiplied by RunOptions.customersScale). */
  initialCustomers: number;
  /** Revenue per customer per quarter at tenure 0 with a share of wallet of 1. */
  revenuePerQuarter: number;
  /** Gross margin as a share of revenue (0..1). */
  marginRate: number;
  /** Relative revenue growth per quarter of tenure (e.g. 0.01 = +1 % per quarter), capped. */
  revenueGrowthPerQuarterOfTenure: number;
  revenueGrowthCapQuarters: number;
  /** Mean and half-width of the expectations (1..5 scale) that initial customers hold. */
  expectationMean: number;
  expectationSpread: number;
  /** Half-width of the triangular noise on perceived performance (1..5 scale points). */
  performanceNoise: number;
  incidentProbabilityPerQuarter: number;
  /** Drop in perceived performance from an unrecovered incident (scale points). */
  incidentSeverity: number;
  /** How strongly this segment responds to each level's mechanism (1 = reference). */
  sensitivity: Investment;
  /** The standard spend of each level's activity, per customer per quarter (the level presets). */
  standardInvestment: Investment;
  /** Churn for the customer's own reasons (moving, no longer needing it), probability per quarter. */
  naturalChurnPerQuarter: number;
  /** Company-reason churn probability per quarter of a very dissatisfied customer with alternatives. */
  dissatisfactionChurnPerQuarter: number;
  /** 0..1: how available and attractive alternatives are (0 = near-monopoly). */
  competitiveIntensity: number;
  /** The rivals' offer on the 1..5 scale. */
  competitorOffer: number;
  /** Seeded rival promotions: probability per quarter, offer boost (scale points), duration. */
  rivalShockProbabilityPerQuarter: number;
  rivalShockMagnitude: number;
  rivalShockDurationQuarters: number;
  /** Financial bond (loyalty programme, contract) 0..1 held by every customer of the segment. */
  financialBond: number;
  /** Share of margin returned as loyalty discounts per unit of financial bond. */
  loyaltyDiscountShare: number;
  /** Organic new customers per quarter (before the promise and word of mouth). */
  acquisitionBasePerQuarter: number;
  /** Maximum extra new customers per quarter that acquisition spend can buy. */
  acquisitionCeilingPerQuarter: number;
  /** Blattberg–Deighton k: new = ceiling·(1 − e^(−k·spend)), per currency unit per quarter. */
  acquisitionK: number;
  /** This segment's share weight of the firm's acquisition spend. */
  acquisitionWeight: number;
  /** New customers per quarter referred by each delighted customer. */
  referralsPerDelightedPerQuarter: number;
  /** Prospects lost per quarter through each dissatisfied customer's negative word of mouth. */
  lostProspectsPerDissatisfiedPerQuarter: number;
  /** One-off cost of taking on a new customer (set-up, welcome), currency units. */
  onboardingCostPerNewCustomer: number;
  /** Level used by defaultStrategy. */
  defaultLevel: LevelId;
}

export interface FirmParams {
  /** Core product/service quality (value equity), 1..5 scale: default of Strategy.quality. */
  quality: number;
  promiseLevel: number;
  acquisitionSpendPerQuarter: number;
  /** Discount rate per quarter (0.025 per quarter ≈ 10.4 % per year). */
  discountRatePerQuarter: number;
  /** Unit cost of quality: share of revenue per quality point above (below) the reference. */
  qualityCostShareOfRevenuePerPoint: number;
  qualityCostReference: number;
  /** Slope of the promise's pull on acquisition: multiplier = 2·logistic(slope·(promise − 3)). */
  promiseAcquisitionSlope: number;
  /** Brand strength (brand equity), 1..5; 3 is neutral. */
  brandStrength: number;
  /** Acquisition multiplied by 1 + this × (brand − 3). */
  brandAcquisitionPerPoint: number;
  /** Satisfaction points added to the rival comparison per brand point above 3 (brand loyalty). */
  brandLoyaltyPointsPerPoint: number;
}

/** Constants of the mechanisms; shared by all segments of a market, overridable by scenarios. */
export interface MechanismParams {
  /** A shortfall counts this many times an equal surplus (Anderson & Sullivan). */
  lossAversion: number;
  /** Share of last quarter's satisfaction kept (0 = no memory). */
  satisfactionInertia: number;
  /** Satisfaction points per point of (loss-weighted) disconfirmation around the neutral 4. */
  satisfactionSlope: number;
  /** Speed at which expectations move toward their anchor, per quarter. */
  expectationAdaptation: number;
  /** Weights of the expectation anchor: own experience, segment norm, the firm's promise (sum 1). */
  anchorExperienceWeight: number;
  anchorNormWeight: number;
  anchorPromiseWeight: number;
  /** Reactive: share of an incident's hit recovered at full effect; cut in company-reason churn (voice). */
  recoveryCeiling: number;
  voiceCeiling: number;
  /** Accountable: cut in company-reason churn (early detection); pull of expectations to delivery. */
  followUpCeiling: number;
  calibrationCeiling: number;
  /** Accountable and partnership: quality improvement per quarter at full effect, its cap and decay. */
  improvementPerQuarter: number;
  improvementCap: number;
  improvementDecayPerQuarter: number;
  /** Proactive and partnership: perceived-performance boost from attention, scale points. */
  attentionProactive: number;
  attentionPartnership: number;
  /** Proactive: extra share of wallet at full effect; speed of wallet adjustment per quarter. */
  crossSellCeiling: number;
  walletAdjustmentPerQuarter: number;
  /** Partnership: structural bond growth per quarter at full effect, its cap, decay without it. */
  bondGrowthPerQuarter: number;
  bondCap: number;
  bondDecayPerQuarter: number;
  /** Bonds as a switching cost against the rival's offer: satisfaction points at a full bond. */
  bondSwitchingCost: number;
  /** Competitor-reason churn per quarter at satisfaction = rival offer and intensity 1. */
  competitorBaseHazard: number;
  /** Each satisfaction point above the rival offer divides that hazard by e^slope. */
  competitorSlope: number;
  /** Company-reason churn is dissatisfactionChurn·logistic(slope·(midpoint − satisfaction)). */
  dissatisfactionMidpoint: number;
  dissatisfactionSlope: number;
  /** State thresholds on the 1..5 scale: below `dissatisfiedBelow` dissatisfied; at or above `delightedFrom` delighted. */
  dissatisfiedBelow: number;
  delightedFrom: number;
  /** A dissatisfied customer counts as spuriously loyal if held by a bond ≥ this or intensity < the next. */
  spuriousBondThreshold: number;
  spuriousIntensityBelow: number;
}

export type MarketEventType = 'rivalPromotion' | 'rivalLoyaltyProgramme' | 'bondsRemoved' | 'qualityIncident' | 'demandShock';

/**
 * A scheduled event acting from `quarter` (1-based) for `durationQuarters` quarters.
 * rivalPromotion / rivalLoyaltyProgramme: the rival offer rises by `magnitude` points
 * (defaults: 2 quarters / the rest of the run). bondsRemoved: financial and structural bonds
 * are cut by the share `magnitude` (0..1), permanently. qualityIncident: incident probability
 * rises by `magnitude` (0..1) (default 1 quarter). demandShock: acquisition multiplied by
 * 1 + magnitude (default 1 quarter). Without `segment` the event hits every segment.
 */
export interface MarketEvent {
  quarter: number;
  type: MarketEventType;
  segment?: string;
  magnitude: number;
  durationQuarters?: number;
}

export interface Market {
  id: string;
  segments: SegmentParams[];
  firm: FirmParams;
  mechanisms: MechanismParams;
  events: MarketEvent[];
  /** false = satisfaction, expectations and competition switched off (constant retention). */
  satisfactionDynamics: boolean;
}

export const KOTLER_NUMBERS = ['many', 'medium', 'few'] as const;
export const KOTLER_MARGINS = ['high', 'medium', 'low'] as const;
export type KotlerNumber = (typeof KOTLER_NUMBERS)[number];
export type KotlerMargin = (typeof KOTLER_MARGINS)[number];
export type KotlerPresetId = `kotler-${KotlerNumber}-${KotlerMargin}`;
export type PresetId = 'default' | KotlerPresetId | 'competitive' | 'monopoly' | 'constant-retention';

export const PRESET_IDS: readonly PresetId[] = [
  'default',
  ...KOTLER_NUMBERS.flatMap((n) => KOTLER_MARGINS.map((m) => `kotler-${n}-${m}` as KotlerPresetId)),
  'competitive',
  'monopoly',
  'constant-retention',
];

export const DEFAULT_MECHANISMS: MechanismParams = {
  lossAversion: 2,
  satisfactionInertia: 0.5,
  satisfactionSlope: 1.2,
  expectationAdaptation: 0.2,
  anchorExperienceWeight: 0.4,
  anchorNormWeight: 0.3,
  anchorPromiseWeight: 0.3,
  recoveryCeiling: 0.8,
  voiceCeiling: 0.5,
  followUpCeiling: 0.4,
  calibrationCeiling: 0.15,
  // 1.1.0: 0.12 and 0.08 (were 0.03 and 0.02): the same steady state (about 0.33 points at the
  // standard accountable spend) reached with a time constant of about 4 quarters instead of 17, so
  // follow-up pays within the horizons the lab offers and Kotler's matrix holds from 4 to 80 quarters.
  improvementPerQuarter: 0.12,
  improvementCap: 0.5,
  improvementDecayPerQuarter: 0.08,
  attentionProactive: 0.25,
  attentionPartnership: 0.35,
  crossSellCeiling: 0.3,
  walletAdjustmentPerQuarter: 0.2,
  bondGrowthPerQuarter: 0.1,
  bondCap: 0.8,
  bondDecayPerQuarter: 0.05,
  bondSwitchingCost: 2,
  competitorBaseHazard: 0.06,
  competitorSlope: 2,
  dissatisfactionMidpoint: 2.5,
  dissatisfactionSlope: 3,
  dissatisfiedBelow: 3,
  delightedFrom: 4.5,
  spuriousBondThreshold: 0.5,
  spuriousIntensityBelow: 0.2,
};

export const DEFAULT_FIRM: FirmParams = {
  quality: 3.5,
  promiseLevel: 3.5,
  acquisitionSpendPerQuarter: 20000,
  discountRatePerQuarter: 0.025,
  qualityCostShareOfRevenuePerPoint: 0.04,
  qualityCostReference: 3.5,
  promiseAcquisitionSlope: 2,
  brandStrength: 3,
  brandAcquisitionPerPoint: 0.2,
  brandLoyaltyPointsPerPoint: 0.2,
};

/** Standard spends per level, per customer per quarter, of the neutral segment (and so the single-segment presets). */
const BASE_STANDARD: Investment = { reactive: 1, accountable: 3, proactive: 16, partnership: 60 };
/**
 * Standard spends of the Kotler grid. 1.1.0: accountable 4.5 and partnership 70 (were 3 and 60), so that
 * each level's break-even margin lies between the grid's per-customer margins at every horizon from 4 to
 * 80 quarters (simulations/README.md, "Kotler's matrix at every horizon").
 */
const KOTLER_STANDARD: Investment = { reactive: 1, accountable: 4.5, proactive: 16, partnership: 70 };
const UNIT_SENSITIVITY: Investment = { reactive: 1, accountable: 1, proactive: 1, partnership: 1 };

/** A neutral segment; presets change what differs. */
export const BASE_SEGMENT: SegmentParams = {
  id: 'customers',
  initialCustomers: 2000,
  revenuePerQuarter: 100,
  marginRate: 0.25,
  revenueGrowthPerQuarterOfTenure: 0.005,
  revenueGrowthCapQuarters: 20,
  expectationMean: 3.5,
  expectationSpread: 0.5,
  performanceNoise: 0.8,
  incidentProbabilityPerQuarter: 0.1,
  incidentSeverity: 1.5,
  sensitivity: UNIT_SENSITIVITY,
  standardInvestment: BASE_STANDARD,
  naturalChurnPerQuarter: 0.02,
  dissatisfactionChurnPerQuarter: 0.4,
  competitiveIntensity: 0.5,
  competitorOffer: 3.5,
  rivalShockProbabilityPerQuarter: 0.05,
  rivalShockMagnitude: 0.5,
  rivalShockDurationQuarters: 2,
  financialBond: 0,
  loyaltyDiscountShare: 0.1,
  acquisitionBasePerQuarter: 40,
  acquisitionCeilingPerQuarter: 60,
  acquisitionK: 0.0002,
  acquisitionWeight: 1,
  referralsPerDelightedPerQuarter: 0.02,
  lostProspectsPerDissatisfiedPerQuarter: 0.02,
  onboardingCostPerNewCustomer: 20,
  defaultLevel: 'reactive',
};

function segment(overrides: Partial<SegmentParams> & { id: string }): SegmentParams {
  return { ...BASE_SEGMENT, ...overrides };
}

const KOTLER_SIZE: Record<KotlerNumber, number> = { many: 5000, medium: 1500, few: 300 };
/** Few customers means big accounts: revenue per customer rises as the count falls. */
const KOTLER_REVENUE: Record<KotlerNumber, number> = { many: 100, medium: 300, few: 900 };
/** Profit margin (share of revenue). Per-customer margin = revenue × rate. */
const KOTLER_MARGIN_RATE: Record<KotlerMargin, number> = { high: 0.45, medium: 0.15, low: 0.05 };
function kotlerPreset(n: KotlerNumber, m: KotlerMargin): Market {
  const size = KOTLER_SIZE[n];
  return {
    id: `kotler-${n}-${m}`,
    segments: [
      segment({
        id: 'customers',
        initialCustomers: size,
        revenuePerQuarter: KOTLER_REVENUE[n],
        marginRate: KOTLER_MARGIN_RATE[m],
        standardInvestment: KOTLER_STANDARD,
        acquisitionBasePerQuarter: size * 0.03,
        acquisitionCeilingPerQuarter: 0,
        referralsPerDelightedPerQuarter: 0.02,
        lostProspectsPerDissatisfiedPerQuarter: 0.02,
        onboardingCostPerNewCustomer: 0,
      }),
    ],
    firm: { ...DEFAULT_FIRM, acquisitionSpendPerQuarter: 0, qualityCostShareOfRevenuePerPoint: 0 },
    mechanisms: { ...DEFAULT_MECHANISMS },
    events: [],
    satisfactionDynamics: true,
  };
}

function defaultPreset(): Market {
  return {
    id: 'default',
    segments: [
      segment({
        id: 'consumers',
        initialCustomers: 8000,
        revenuePerQuarter: 80,
        marginRate: 0.2,
        sensitivity: { reactive: 1, accountable: 0.8, proactive: 0.6, partnership: 0.3 },
        standardInvestment: { reactive: 1, accountable: 3, proactive: 8, partnership: 24 },
        naturalChurnPerQuarter: 0.025,
        competitiveIntensity: 0.6,
        acquisitionBasePerQuarter: 200,
        acquisitionCeilingPerQuarter: 300,
        acquisitionK: 0.0001,
        acquisitionWeight: 0.6,
        onboardingCostPerNewCustomer: 5,
        defaultLevel: 'reactive',
      }),
      segment({
        id: 'small-business',
        initialCustomers: 1800,
        revenuePerQuarter: 300,
        marginRate: 0.25,
        standardInvestment: { reactive: 2, accountable: 6, proactive: 15, partnership: 45 },
        naturalChurnPerQuarter: 0.02,
        competitiveIntensity: 0.5,
        acquisitionBasePerQuarter: 40,
        acquisitionCeilingPerQuarter: 60,
        acquisitionK: 0.0002,
        acquisitionWeight: 0.3,
        onboardingCostPerNewCustomer: 40,
        defaultLevel: 'accountable',
      }),
      segment({
        id: 'key-accounts',
        initialCustomers: 200,
        revenuePerQuarter: 2000,
        marginRate: 0.2,
        expectationMean: 3.8,
        sensitivity: { reactive: 1, accountable: 1.2, proactive: 1.2, partnership: 1.5 },
        standardInvestment: { reactive: 5, accountable: 15, proactive: 40, partnership: 100 },
        naturalChurnPerQuarter: 0.01,
        dissatisfactionChurnPerQuarter: 0.5,
        competitiveIntensity: 0.7,
        acquisitionBasePerQuarter: 4,
        acquisitionCeilingPerQuarter: 8,
        acquisitionK: 0.0004,
        acquisitionWeight: 0.1,
        onboardingCostPerNewCustomer: 500,
        defaultLevel: 'proactive',
      }),
    ],
    firm: { ...DEFAULT_FIRM },
    mechanisms: { ...DEFAULT_MECHANISMS },
    events: [],
    satisfactionDynamics: true,
  };
}

function singleSegmentPreset(id: 'competitive' | 'monopoly', seg: Partial<SegmentParams>, mech: Partial<MechanismParams> = {}): Market {
  return {
    id,
    segments: [segment({ id: 'customers', ...seg })],
    firm: { ...DEFAULT_FIRM, acquisitionSpendPerQuarter: 5000 },
    mechanisms: { ...DEFAULT_MECHANISMS, ...mech },
    events: [],
    satisfactionDynamics: true,
  };
}

function constantRetentionPreset(): Market {
  return {
    id: 'constant-retention',
    segments: [
      segment({
        id: 'customers',
        initialCustomers: 10000,
        revenuePerQuarter: 100,
        marginRate: 0.25,
        revenueGrowthPerQuarterOfTenure: 0,
        incidentProbabilityPerQuarter: 0,
        naturalChurnPerQuarter: 0.15,
        dissatisfactionChurnPerQuarter: 0,
        competitiveIntensity: 0,
        rivalShockProbabilityPerQuarter: 0,
        acquisitionBasePerQuarter: 0,
        acquisitionCeilingPerQuarter: 0,
        referralsPerDelightedPerQuarter: 0,
        lostProspectsPerDissatisfiedPerQuarter: 0,
        onboardingCostPerNewCustomer: 0,
        defaultLevel: 'basic',
      }),
    ],
    firm: { ...DEFAULT_FIRM, acquisitionSpendPerQuarter: 0, qualityCostShareOfRevenuePerPoint: 0 },
    mechanisms: { ...DEFAULT_MECHANISMS },
    events: [],
    satisfactionDynamics: false,
  };
}

/** A fresh deep copy of a preset (callers may mutate it freely). */
export function getPreset(id: PresetId): Market {
  let m: Market;
  if (id === 'default') m = defaultPreset();
  else if (id === 'competitive')
    m = singleSegmentPreset(
      'competitive',
      {
        competitiveIntensity: 1,
        competitorOffer: 4,
        naturalChurnPerQuarter: 0.005,
      },
      { competitorSlope: 3 },
    );
  else if (id === 'monopoly')
    m = singleSegmentPreset('monopoly', {
      competitiveIntensity: 0.03,
      competitorOffer: 2.5,
      rivalShockProbabilityPerQuarter: 0,
    });
  else if (id === 'constant-retention') m = constantRetentionPreset();
  else {
    const match = /^kotler-(many|medium|few)-(high|medium|low)$/.exec(id);
    if (!match) throw new Error(`Unknown market preset "${String(id)}". Known: ${PRESET_IDS.join(', ')}`);
    m = kotlerPreset(match[1] as KotlerNumber, match[2] as KotlerMargin);
  }
  return JSON.parse(JSON.stringify(m)) as Market;
}

export function isPresetId(id: string): id is PresetId {
  return (PRESET_IDS as readonly string[]).includes(id);
}
