// When things happen in a market: the scheduled events acting in a quarter and the seeded rival
// promotions. The engine's step and runEvents() both call these, so a chart's markers cannot drift
// from what the run did. Pure functions of the market, the seed and the quarter; no strategy, no state.
import type { MarketEvent, SegmentParams } from './market.ts';
import { PURPOSE, uniform } from './random.ts';

/** The quarters a scheduled event acts in, [from, until) (bondsRemoved acts once, in its quarter). */
export function eventWindow(e: MarketEvent): { from: number; until: number } {
  if (e.type === 'bondsRemoved') return { from: e.quarter, until: e.quarter + 1 };
  const dflt = e.type === 'rivalLoyaltyProgramme' ? Infinity : e.type === 'rivalPromotion' ? 2 : 1;
  const dur = e.durationQuarters ?? dflt;
  return { from: e.quarter, until: e.quarter + dur };
}

/** The scheduled events acting on one segment in one quarter, in the market's order. */
export function activeEvents(events: readonly MarketEvent[], quarter: number, segmentId: string): MarketEvent[] {
  const out: MarketEvent[] = [];
  for (const e of events) {
    if (e.segment !== undefined && e.segment !== segmentId) continue;
    const w = eventWindow(e);
    if (quarter >= w.from && quarter < w.until) out.push(e);
  }
  return out;
}

/**
 * One quarter of a segment's seeded rival promotions: a draw below the segment's probability starts
 * (or prolongs) a promotion lasting `rivalShockDurationQuarters` quarters. Takes the quarter the current
 * promotion ends before (0 = none yet) and returns the new one; the promotion acts while quarter < it.
 */
export function rivalShockUntil(segKey: number, p: SegmentParams, quarter: number, until: number): number {
  return uniform(segKey, quarter, PURPOSE.rivalShock) < p.rivalShockProbabilityPerQuarter ? quarter + p.rivalShockDurationQuarters : until;
}

/** The rival's offer to a segment in a quarter: its level, a seeded promotion and scheduled rival events. */
export function rivalOffer(p: SegmentParams, quarter: number, shockUntil: number, active: readonly MarketEvent[]): number {
  let offer = p.competitorOffer + (quarter < shockUntil ? p.rivalShockMagnitude : 0);
  for (const e of active) if (e.type === 'rivalPromotion' || e.type === 'rivalLoyaltyProgramme') offer += e.magnitude;
  return offer;
}
