// What happened when in a run, for the markers of the lab's time charts: the seeded rival promotions and
// the market's (or scenario's) scheduled events. Built from the engine's own schedule (schedule.ts), so
// it lists exactly what the run did. Pure: a function of the market, the seed and the horizon, never
// of the strategy (common random numbers: every strategy on one seed meets the same rivals).
import type { Market, MarketEventType } from './market.ts';
import { seedKey, segmentKey } from './random.ts';
import { eventWindow, rivalShockUntil } from './schedule.ts';

export interface RunEvent {
  /** A seeded rival promotion has the kind 'rivalPromotion' like a scheduled one. */
  kind: MarketEventType;
  /** 'seeded': drawn from the seed (the segment's rivalShock parameters); 'scheduled': in market.events. */
  source: 'seeded' | 'scheduled';
  /** Ids of the segments it acts on, in the market's order. */
  segments: string[];
  /** First and last quarter it acts in (inclusive), clipped to the horizon. */
  fromQuarter: number;
  toQuarter: number;
  /** Points added to the rival's offer, share of bonds cut, added incident probability or demand change. */
  magnitude: number;
  /** A scheduled event's index in market.events. */
  eventIndex?: number;
}

/**
 * The events acting in quarters 1..quarters, ordered by first quarter (seeded before scheduled, then
 * segment order). A seeded promotion drawn again while one runs prolongs it: one event per span.
 */
export function runEvents(market: Market, seed: string | number, quarters: number): RunEvent[] {
  const out: RunEvent[] = [];
  const root = seedKey(seed);
  for (const p of market.segments) {
    if (p.rivalShockMagnitude === 0) continue;
    const sk = segmentKey(root, p.id);
    let until = 0;
    let from = 0;
    for (let t = 1; t <= quarters + 1; t++) {
      const active = t <= quarters && t < (until = rivalShockUntil(sk, p, t, until));
      if (active && from === 0) from = t;
      else if (!active && from > 0) {
        out.push({
          kind: 'rivalPromotion',
          source: 'seeded',
          segments: [p.id],
          fromQuarter: from,
          toQuarter: t - 1,
          magnitude: p.rivalShockMagnitude,
        });
        from = 0;
      }
    }
  }
  market.events.forEach((e, eventIndex) => {
    const segments = market.segments.filter((p) => e.segment === undefined || e.segment === p.id).map((p) => p.id);
    const w = eventWindow(e);
    const fromQuarter = Math.max(1, w.from);
    const toQuarter = Math.min(quarters, w.until - 1);
    if (segments.length === 0 || fromQuarter > toQuarter) return;
    out.push({ kind: e.type, source: 'scheduled', segments, fromQuarter, toQuarter, magnitude: e.magnitude, eventIndex });
  });
  const order = (e: RunEvent) => (e.source === 'seeded' ? 0 : 1);
  const segIndex = (e: RunEvent) => market.segments.findIndex((p) => p.id === e.segments[0]);
  return out.sort((a, b) => a.fromQuarter - b.fromQuarter || order(a) - order(b) || segIndex(a) - segIndex(b));
}
