// Classroom scenarios: the zod schema shared by content/scenarios/*.yaml, the build and the CLI. The helpers
// that turn a parsed scenario into a market, a run and a score live in scenarioPlay.ts (no zod, so the
// pages that play a scenario do not ship the schema) and are re-exported here. No file-system or DOM access.
import { z } from 'zod';
import { LEVELS, PRESET_IDS, getPreset, type LevelId, type PresetId } from './market.ts';
import { MAX_QUARTERS, MAX_ROUNDS } from './limits.ts';
import { RESERVED_KEYS, clip } from './text.ts';

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, single hyphens)');
const text = z.string().trim().min(1, 'must not be empty');
export const localTextSchema = z.strictObject({ en: text, zh: text });
// zod 4 numbers already reject Infinity and NaN.
const finite = z.number();
const nonNeg = finite.min(0);
const share = finite.min(0).max(1);
const scale15 = finite.min(1).max(5);

const investmentPartial = z.strictObject({
  reactive: nonNeg.optional(),
  accountable: nonNeg.optional(),
  proactive: nonNeg.optional(),
  partnership: nonNeg.optional(),
});

/** Every numeric segment parameter a scenario may override, with its valid range. */
const segmentOverrides = z.strictObject({
  label: localTextSchema.optional(),
  initialCustomers: z.number().int().min(0).max(1_000_000).optional(),
  revenuePerQuarter: nonNeg.optional(),
  marginRate: share.optional(),
  revenueGrowthPerQuarterOfTenure: finite.min(-0.1).max(0.1).optional(),
  revenueGrowthCapQuarters: z.number().int().min(0).max(400).optional(),
  expectationMean: scale15.optional(),
  expectationSpread: finite.min(0).max(2).optional(),
  performanceNoise: finite.min(0).max(2).optional(),
  incidentProbabilityPerQuarter: share.optional(),
  incidentSeverity: finite.min(0).max(4).optional(),
  sensitivity: z
    .strictObject({
      reactive: finite.min(0).max(3).optional(),
      accountable: finite.min(0).max(3).optional(),
      proactive: finite.min(0).max(3).optional(),
      partnership: finite.min(0).max(3).optional(),
    })
    .optional(),
  standardInvestment: investmentPartial.optional(),
  naturalChurnPerQuarter: share.optional(),
  dissatisfactionChurnPerQuarter: share.optional(),
  competitiveIntensity: share.optional(),
  competitorOffer: scale15.optional(),
  rivalShockProbabilityPerQuarter: share.optional(),
  rivalShockMagnitude: finite.min(-4).max(4).optional(),
  rivalShockDurationQuarters: z.number().int().min(0).max(400).optional(),
  financialBond: finite.min(0).max(0.95).optional(),
  loyaltyDiscountShare: share.optional(),
  acquisitionBasePerQuarter: nonNeg.optional(),
  acquisitionCeilingPerQuarter: nonNeg.optional(),
  acquisitionK: nonNeg.optional(),
  acquisitionWeight: nonNeg.optional(),
  referralsPerDelightedPerQuarter: finite.min(0).max(1).optional(),
  lostProspectsPerDissatisfiedPerQuarter: finite.min(0).max(1).optional(),
  onboardingCostPerNewCustomer: nonNeg.optional(),
  defaultLevel: z.enum(LEVELS as [LevelId, ...LevelId[]]).optional(),
});

const firmOverrides = z.strictObject({
  quality: scale15.optional(),
  promiseLevel: scale15.optional(),
  acquisitionSpendPerQuarter: nonNeg.optional(),
  discountRatePerQuarter: finite.min(0).max(0.5).optional(),
  qualityCostShareOfRevenuePerPoint: finite.min(0).max(0.5).optional(),
  qualityCostReference: scale15.optional(),
  promiseAcquisitionSlope: finite.min(0).max(10).optional(),
  brandStrength: scale15.optional(),
  brandAcquisitionPerPoint: finite.min(0).max(1).optional(),
  brandLoyaltyPointsPerPoint: finite.min(0).max(2).optional(),
});

const mechanismOverrides = z.partialRecord(
  z.enum([
    'lossAversion',
    'satisfactionInertia',
    'satisfactionSlope',
    'expectationAdaptation',
    'anchorExperienceWeight',
    'anchorNormWeight',
    'anchorPromiseWeight',
    'recoveryCeiling',
    'voiceCeiling',
    'followUpCeiling',
    'calibrationCeiling',
    'improvementPerQuarter',
    'improvementCap',
    'improvementDecayPerQuarter',
    'attentionProactive',
    'attentionPartnership',
    'crossSellCeiling',
    'walletAdjustmentPerQuarter',
    'bondGrowthPerQuarter',
    'bondCap',
    'bondDecayPerQuarter',
    'bondSwitchingCost',
    'competitorBaseHazard',
    'competitorSlope',
    'dissatisfactionMidpoint',
    'dissatisfactionSlope',
    'dissatisfiedBelow',
    'delightedFrom',
    'spuriousBondThreshold',
    'spuriousIntensityBelow',
  ]),
  finite.min(0).max(10),
);

export const EVENT_TYPES = ['rivalPromotion', 'rivalLoyaltyProgramme', 'bondsRemoved', 'qualityIncident', 'demandShock'] as const;
export const GOAL_METRICS = ['customerEquity', 'cumulativeDiscountedProfit', 'retentionRate', 'meanSatisfaction'] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

/** Control ids: promiseLevel, quality, acquisitionSpendPerQuarter, investment.<seg>.<level>, levelPreset.<seg>. */
const CONTROL_RE =
  /^(promiseLevel|quality|acquisitionSpendPerQuarter|investment\.[a-z0-9-]+\.(reactive|accountable|proactive|partnership)|levelPreset\.[a-z0-9-]+)$/;
const controlId = z
  .string()
  .regex(
    CONTROL_RE,
    'is not a control id (promiseLevel, quality, acquisitionSpendPerQuarter, investment.<segment>.<level>, levelPreset.<segment>)',
  );

const segmentStrategyInput = z.strictObject({
  level: z.enum(LEVELS as [LevelId, ...LevelId[]]).optional(),
  investment: investmentPartial.optional(),
});

const scenarioObject = z
  .strictObject({
    id: kebab,
    version: z.number().int().min(1),
    title: localTextSchema,
    brief: localTextSchema,
    lesson: kebab,
    seed: z.union([text, z.number().int()]).transform(String),
    market: z.strictObject({
      preset: z.enum(PRESET_IDS as [PresetId, ...PresetId[]]),
      overrides: z
        .strictObject({
          firm: firmOverrides.optional(),
          mechanisms: mechanismOverrides.optional(),
          segments: z.record(z.string(), segmentOverrides).optional(),
          satisfactionDynamics: z.boolean().optional(),
        })
        .optional(),
    }),
    initialStrategy: z
      .strictObject({
        promiseLevel: scale15.optional(),
        quality: scale15.optional(),
        acquisitionSpendPerQuarter: nonNeg.optional(),
        segments: z.record(z.string(), segmentStrategyInput).optional(),
      })
      .optional(),
    controls: z.strictObject({ visible: z.array(controlId), locked: z.array(controlId).default([]) }),
    rounds: z.number().int().min(1).max(MAX_ROUNDS),
    quartersPerRound: z.number().int().min(1).max(40),
    events: z
      .array(
        z.strictObject({
          quarter: z.number().int().min(1),
          type: z.enum(EVENT_TYPES),
          segment: z.string().optional(),
          magnitude: finite,
          durationQuarters: z.number().int().min(1).optional(),
          label: localTextSchema,
        }),
      )
      .default([]),
    goal: z.strictObject({ metric: z.enum(GOAL_METRICS), target: finite.gt(0), description: localTextSchema }),
    debrief: z.array(localTextSchema).min(1),
    teacherNotes: z.strictObject({
      goals: z.array(localTextSchema).min(1),
      timing45: localTextSchema,
      timing90: localTextSchema,
      lookFor: z.array(localTextSchema).min(1),
      /**
       * A plan known to reach the goal on the scenario's own seed: open controls set this way in every round
       * (the others at their starting values). Advice for the teacher; a replay never reads it.
       */
      plan: z
        .strictObject({
          decisions: z.record(controlId, z.union([finite, z.enum(LEVELS as [LevelId, ...LevelId[]])])),
          why: localTextSchema,
        })
        .optional(),
    }),
  })
  .superRefine((s, ctx) => {
    // Cross-field checks against the chosen preset: segment ids, control ids, event quarters.
    const segIds = getPreset(s.market.preset).segments.map((x) => x.id);
    const known = (id: string) => segIds.includes(id);
    const where = `not a segment of preset "${s.market.preset}" (${segIds.join(', ')})`;
    for (const id of Object.keys(s.market.overrides?.segments ?? {}))
      if (!known(id))
        ctx.addIssue({ code: 'custom', path: ['market', 'overrides', 'segments', id], message: `"${clip(id, 40)}" is ${where}` });
    for (const id of Object.keys(s.initialStrategy?.segments ?? {}))
      if (!known(id)) ctx.addIssue({ code: 'custom', path: ['initialStrategy', 'segments', id], message: `"${clip(id, 40)}" is ${where}` });
    for (const key of ['visible', 'locked'] as const)
      s.controls[key].forEach((c, k) => {
        const seg = c.split('.')[1];
        if (seg !== undefined && !known(seg))
          ctx.addIssue({ code: 'custom', path: ['controls', key, k], message: `"${clip(seg, 40)}" in "${clip(c, 60)}" is ${where}` });
      });
    for (const id of Object.keys(s.teacherNotes.plan?.decisions ?? {}))
      if (!s.controls.visible.includes(id) || s.controls.locked.includes(id))
        ctx.addIssue({
          code: 'custom',
          path: ['teacherNotes', 'plan', 'decisions', id],
          message: `"${clip(id, 60)}" is not an open control of this scenario (visible and not locked)`,
        });
    const quarters = s.rounds * s.quartersPerRound;
    if (quarters > MAX_QUARTERS)
      ctx.addIssue({
        code: 'custom',
        path: ['quartersPerRound'],
        message: `rounds × quartersPerRound is ${quarters} quarters; the most is ${MAX_QUARTERS}`,
      });
    s.events.forEach((e, k) => {
      if (e.segment !== undefined && !known(e.segment))
        ctx.addIssue({ code: 'custom', path: ['events', k, 'segment'], message: `"${clip(e.segment, 40)}" is ${where}` });
      if (e.quarter > quarters)
        ctx.addIssue({
          code: 'custom',
          path: ['events', k, 'quarter'],
          message: `quarter ${e.quarter} is after the last quarter (${quarters})`,
        });
      if (e.type === 'bondsRemoved' && (e.magnitude < 0 || e.magnitude > 1))
        ctx.addIssue({ code: 'custom', path: ['events', k, 'magnitude'], message: 'bondsRemoved magnitude is a share from 0 to 1' });
    });
  });

// Keys that would reach an object's prototype if copied. JSON.parse and the yaml package both keep
// `__proto__` as an own key, but zod's records drop it silently, so they are refused here, in every
// part of a scenario alike, before the schema sees the data (the list lives in text.ts, shared with result files).
export { RESERVED_KEYS };
const MAX_REPORTED = 20;

function reservedKeyPaths(value: unknown, path: (string | number)[], out: (string | number)[][], depth: number): void {
  // A scenario is a few levels deep; deeper input is malformed and the schema rejects it anyway.
  if (out.length >= MAX_REPORTED || depth > 32) return;
  if (Array.isArray(value)) value.forEach((v, i) => reservedKeyPaths(v, [...path, i], out, depth + 1));
  else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (RESERVED_KEYS.has(key)) out.push([...path, key]);
      else reservedKeyPaths((value as Record<string, unknown>)[key], [...path, key], out, depth + 1);
    }
  }
}

export const scenarioSchema = z.preprocess((data, ctx) => {
  const found: (string | number)[][] = [];
  reservedKeyPaths(data, [], found, 0);
  for (const path of found)
    ctx.addIssue({ code: 'custom', path, message: `"${String(path[path.length - 1])}" is a reserved name and cannot be a key` });
  return data;
}, scenarioObject);

export type Scenario = z.output<typeof scenarioObject>;
export type ScenarioInput = z.input<typeof scenarioObject>;

/** Thrown by parseScenario: the message names the file and the field path of every problem (at most 20). */
export class ScenarioError extends Error {
  constructor(
    readonly fileName: string,
    readonly issues: { path: string; message: string }[],
  ) {
    const shown = issues.slice(0, MAX_REPORTED).map((i) => `  at ${i.path || '(root)'}: ${i.message}`);
    if (issues.length > MAX_REPORTED) shown.push(`  and ${issues.length - MAX_REPORTED} more`);
    super(`${clip(fileName, 200)}: invalid scenario\n${shown.join('\n')}`);
    this.name = 'ScenarioError';
  }
}

export function parseScenario(data: unknown, fileName: string): Scenario {
  const res = scenarioSchema.safeParse(data);
  if (res.success) return res.data;
  throw new ScenarioError(
    fileName,
    res.error.issues.map((i) => ({ path: i.path.map((p) => clip(String(p), 40)).join('.'), message: clip(i.message, 200) })),
  );
}

// The run of a parsed scenario, kept in its own module without zod (see the top of this file).
export { scenarioInitialStrategy, scenarioMarket, scenarioRun, scenarioScore } from './scenarioPlay.ts';
