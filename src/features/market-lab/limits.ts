// The lab's ranges and defaults, derived from the engine's market presets (the one place the lab reads market data
// for its controls). Must not run the model; LabState and the workers do that.
// Straight from the modules, not the index: the page's eager bundle must not reach the engine through the barrel.
import { PRESET_IDS, getPreset, type Market, type PresetId } from '@sim/market';
import { levelPresetInvestment, defaultStrategy } from '@sim/strategy';
import { type InvestedLevelName, type LabLimits, type LabSettings, type LevelName, type Range, type InvestmentVector } from './settings';

/** Markets offered in the lab (the constant-retention check market is for the Model page, not for play). */
export const LAB_MARKET_IDS: readonly PresetId[] = PRESET_IDS.filter((id) => id !== 'constant-retention');
export const DEFAULT_QUARTERS = 40;
export const DEFAULT_SEED = 2026;

const marketCache = new Map<string, Market>();
/** A market preset by id (cached; callers must not mutate it). */
export function marketById(id: string): Market {
  let m = marketCache.get(id);
  if (!m) {
    m = getPreset(id as PresetId);
    marketCache.set(id, m);
  }
  return m;
}

function segmentOf(market: Market, segmentId: string) {
  const seg = market.segments.find((s) => s.id === segmentId);
  if (!seg) throw new Error(`Unknown segment "${segmentId}" in market "${market.id}"`);
  return seg;
}

/** Up to four times a level's standard spend (room to overspend), at least 10, in steps of 0.5. */
export function investmentRangeFor(market: Market, segmentId: string, level: InvestedLevelName): Range {
  const standard = segmentOf(market, segmentId).standardInvestment[level];
  return { min: 0, max: Math.max(10, Math.ceil((standard * 4) / 10) * 10), step: 0.5 };
}

export function defaultSettings(marketId: string): LabSettings {
  const market = marketById(marketId);
  const strategy = defaultStrategy(market);
  const investment: Record<string, InvestmentVector> = {};
  for (const s of market.segments) investment[s.id] = { ...strategy.segments[s.id].investment };
  return {
    marketId,
    seed: DEFAULT_SEED,
    quarters: DEFAULT_QUARTERS,
    promiseLevel: strategy.promiseLevel,
    acquisitionSpendPerQuarter: strategy.acquisitionSpendPerQuarter,
    quality: strategy.quality,
    investment,
  };
}

export const labLimits: LabLimits = {
  marketIds: LAB_MARKET_IDS,
  seed: { min: 0, max: 4294967295, step: 1 },
  quarters: { min: 4, max: 80, step: 1 },
  promiseLevel: { min: 1, max: 5, step: 0.1 },
  quality: { min: 1, max: 5, step: 0.1 },
  acquisitionSpendPerQuarter: { min: 0, max: 200000, step: 100 },
  segmentIds: (marketId) => marketById(marketId).segments.map((s) => s.id),
  investmentRange: (marketId, segmentId, level) => investmentRangeFor(marketById(marketId), segmentId, level),
  presetInvestment: (marketId, segmentId, level: LevelName) => ({ ...levelPresetInvestment(marketById(marketId), segmentId, level) }),
  defaults: defaultSettings,
};
