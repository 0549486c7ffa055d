// Strategies: the learner's decisions, the cumulative level presets and their validation.
// Pure data helpers; must not run the model.
import { INVESTED_LEVELS, LEVELS, type Investment, type LevelId, type Market } from './market.ts';

export interface SegmentStrategy {
  investment: Investment;
}

export interface Strategy {
  /** Key = segment id of the market; a segment missing here gets no relationship investment. */
  segments: Record<string, SegmentStrategy>;
  /** 1..5: what communications lead customers to expect. */
  promiseLevel: number;
  /** Currency units per quarter, whole firm, split by the segments' acquisition weights. */
  acquisitionSpendPerQuarter: number;
  /** Core product quality, 1..5. */
  quality: number;
}

export function zeroInvestment(): Investment {
  return { reactive: 0, accountable: 0, proactive: 0, partnership: 0 };
}

/**
 * The standard investment of a level, cumulative: reactive includes basic, accountable includes
 * reactive, and so on. Each activity is funded at the segment's standard spend.
 */
export function levelPresetInvestment(market: Market, segmentId: string, level: LevelId): Investment {
  const seg = market.segments.find((s) => s.id === segmentId);
  if (!seg) throw new Error(`Unknown segment "${segmentId}" in market "${market.id}"`);
  const upTo = LEVELS.indexOf(level);
  if (upTo < 0) throw new Error(`Unknown level "${String(level)}"`);
  const inv = zeroInvestment();
  for (const l of INVESTED_LEVELS) {
    if (LEVELS.indexOf(l) <= upTo) inv[l] = seg.standardInvestment[l];
  }
  return inv;
}

/** Every segment at one level preset, with the firm's default promise, quality and acquisition. */
export function uniformLevelStrategy(market: Market, level: LevelId): Strategy {
  const segments: Record<string, SegmentStrategy> = {};
  for (const s of market.segments) segments[s.id] = { investment: levelPresetInvestment(market, s.id, level) };
  return {
    segments,
    promiseLevel: market.firm.promiseLevel,
    acquisitionSpendPerQuarter: market.firm.acquisitionSpendPerQuarter,
    quality: market.firm.quality,
  };
}

/** Each segment at its `defaultLevel`, firm settings from the market. */
export function defaultStrategy(market: Market): Strategy {
  const segments: Record<string, SegmentStrategy> = {};
  for (const s of market.segments) segments[s.id] = { investment: levelPresetInvestment(market, s.id, s.defaultLevel) };
  return {
    segments,
    promiseLevel: market.firm.promiseLevel,
    acquisitionSpendPerQuarter: market.firm.acquisitionSpendPerQuarter,
    quality: market.firm.quality,
  };
}

/** Throws a RangeError naming the first invalid field; returns the strategy otherwise. */
export function validateStrategy(market: Market, strategy: Strategy): Strategy {
  const bad = (field: string, why: string): never => {
    throw new RangeError(`Invalid strategy: ${field} ${why}`);
  };
  const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (!finite(strategy.promiseLevel) || strategy.promiseLevel < 1 || strategy.promiseLevel > 5)
    bad('promiseLevel', 'must be a number from 1 to 5');
  if (!finite(strategy.quality) || strategy.quality < 1 || strategy.quality > 5) bad('quality', 'must be a number from 1 to 5');
  if (!finite(strategy.acquisitionSpendPerQuarter) || strategy.acquisitionSpendPerQuarter < 0)
    bad('acquisitionSpendPerQuarter', 'must be a number ≥ 0');
  for (const [id, s] of Object.entries(strategy.segments ?? {})) {
    if (!market.segments.some((seg) => seg.id === id)) bad(`segments.${id}`, `is not a segment of market "${market.id}"`);
    for (const l of INVESTED_LEVELS) {
      const v = s?.investment?.[l];
      if (!finite(v) || v < 0) bad(`segments.${id}.investment.${l}`, 'must be a number ≥ 0');
    }
  }
  return strategy;
}

export function cloneStrategy(s: Strategy): Strategy {
  return JSON.parse(JSON.stringify(s)) as Strategy;
}
