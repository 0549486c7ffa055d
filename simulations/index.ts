// Public API of the market model: everything the site, labs, CLI and tests import comes from here.
// Re-exports only; the model lives in engine.ts, data in market.ts, formulas in analytics.ts.
export { MODEL_VERSION, MarketModel, RunTooLargeError, simulate, simulateSummary, combineSummaries } from './engine.ts';
export { runObserver, simulateObserved } from './observer.ts';
export type { ObservedRun } from './observer.ts';
export { MAX_CUSTOMERS, MAX_QUARTERS } from './limits.ts';
export type {
  RunOptions,
  QuarterRow,
  RunResult,
  DefectionBySatisfaction,
  RunObserver,
  RunSummary,
  SegmentSummary,
  SummarySeries,
} from './engine.ts';
export { runEvents } from './events.ts';
export { WATERFALL_DRIVERS, equityWaterfall, waterfallSummary } from './waterfall.ts';
export type { WaterfallDriver, WaterfallMetric, WaterfallRun, Waterfall, WaterfallSummary } from './waterfall.ts';
export { STORY_KINDS, pickCustomer } from './stories.ts';
export { SegmentRunCache } from './search.ts';
export type { SegmentEvaluation } from './search.ts';
export type { StoryKind, StoryQuery, StoryPick } from './stories.ts';
export type { RunEvent } from './events.ts';
export {
  SATISFACTION_STATES,
  LOSS_REASONS,
  MAX_TRACED,
  CENSUS_STATE_MASK,
  CENSUS_BONDED,
  CENSUS_SPURIOUS,
  CENSUS_ARRIVED,
  censusQuarter,
  censusCounts,
  censusState,
} from './observe.ts';
export type {
  Observe,
  SatisfactionState,
  LossReason,
  TracePerception,
  TraceStep,
  CustomerTrace,
  Census,
  CensusQuarter,
  CensusCounts,
  Valuation,
} from './observe.ts';
export {
  LEVELS,
  INVESTED_LEVELS,
  PRESET_IDS,
  KOTLER_NUMBERS,
  KOTLER_MARGINS,
  DEFAULT_MECHANISMS,
  DEFAULT_FIRM,
  getPreset,
  isPresetId,
} from './market.ts';
export type {
  LevelId,
  InvestedLevel,
  Investment,
  LocalText,
  SegmentParams,
  FirmParams,
  MechanismParams,
  Market,
  MarketEvent,
  MarketEventType,
  PresetId,
  KotlerPresetId,
  KotlerNumber,
  KotlerMargin,
} from './market.ts';
export {
  levelPresetInvestment,
  defaultStrategy,
  uniformLevelStrategy,
  validateStrategy,
  zeroInvestment,
  cloneStrategy,
} from './strategy.ts';
export type { Strategy, SegmentStrategy } from './strategy.ts';
export {
  clv,
  marginMultiple,
  clvElasticities,
  finiteHorizonClv,
  retentionClv,
  retentionClvElasticities,
  responseRate,
  spendForRate,
  blattbergDeighton,
} from './analytics.ts';
export type { Timing, RetentionClvInput, ResponseCurve, BlattbergDeightonInput, BlattbergDeightonResult } from './analytics.ts';
export { dexp, dlog, dpow, dlogistic } from './detmath.ts';
