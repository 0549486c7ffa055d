// "Show me" for the lab's customer story: finds a customer of a kind in a run's census (a delighted key
// account, someone who left for a rival, a spuriously loyal customer, someone who had an incident,
// was helped and stayed). Deterministic: the longest story, then the smallest key. Reads a census; runs nothing.
import { CENSUS_ARRIVED, CENSUS_SPURIOUS, CENSUS_STATE_MASK, censusQuarter, type Census } from './observe.ts';
import { PURPOSE, uniform } from './random.ts';

export type StoryKind = 'delighted' | 'leftForRival' | 'spuriouslyLoyal' | 'complainedAndStayed';
export const STORY_KINDS: readonly StoryKind[] = ['delighted', 'leftForRival', 'spuriouslyLoyal', 'complainedAndStayed'];

export interface StoryQuery {
  kind: StoryKind;
  /** The quarter the learner looks at (1..census.quarters): present then, or left by then. */
  quarter: number;
  /** Only customers of this segment id (e.g. 'key-accounts' for "a delighted key account"). */
  segment?: string;
}

export interface StoryPick {
  key: number;
  segment: string;
  /** The quarter that makes the story: the quarter looked at, the quarter they left, or the incident's quarter. */
  quarter: number;
}

/**
 * The customer matching the query with the longest story (from their arrival to the quarter looked at, or to the
 * quarter they left: a customer who stayed years tells more than one won last quarter), the smallest key among
 * equals; null if none matches.
 * - delighted / spuriouslyLoyal: kept through `quarter` in that state (the census flags).
 * - leftForRival: left for a competitor in quarters 1..quarter (the latest of their departures is theirs).
 * - complainedAndStayed: present at `quarter`, and in some quarter they were served an incident hit them
 *   while the firm's service recovery was above 0 (the incident draw is uniform(key, t, PURPOSE.incident),
 *   compared with the census's incident probability of their segment); the last such quarter is given.
 */
export function pickCustomer(census: Census, query: StoryQuery): StoryPick | null {
  const q = query.quarter;
  if (!Number.isInteger(q) || q < 1 || q > census.quarters)
    throw new RangeError(`quarter must be a whole number from 1 to ${census.quarters}`);
  const segFilter = query.segment === undefined ? -1 : census.segments.indexOf(query.segment);
  if (query.segment !== undefined && segFilter < 0) return null;
  const ns = census.segments.length;
  // The quarter each customer seen up to q arrived in (0: there from the start).
  const arrived = new Map<number, number>();
  for (let t = 0; t <= q; t++) {
    const w = censusQuarter(census, t);
    const from = t === 0 ? 0 : w.key.length - w.arrivals;
    for (let j = from; j < w.key.length; j++) if (!arrived.has(w.key[j]!)) arrived.set(w.key[j]!, t);
  }
  let best: StoryPick | null = null;
  let bestLength = -1;
  // The story runs from the customer's arrival to `quarter` (the quarter looked at, or the one they left in).
  const consider = (key: number, s: number, quarter: number) => {
    if (segFilter >= 0 && s !== segFilter) return;
    const length = quarter - (arrived.get(key) ?? quarter);
    if (best === null || length > bestLength || (length === bestLength && key < best.key)) {
      best = { key, segment: census.segments[s]!, quarter };
      bestLength = length;
    }
  };
  if (query.kind === 'leftForRival') {
    for (let t = 1; t <= q; t++) {
      const d = censusQuarter(census, t).departures;
      for (let j = 0; j < d.key.length; j++) if (d.reason[j] === 1) consider(d.key[j]!, d.segment[j]!, t);
    }
    return best;
  }
  const v = censusQuarter(census, q);
  if (query.kind === 'delighted' || query.kind === 'spuriouslyLoyal') {
    for (let j = 0; j < v.key.length; j++) {
      const f = v.flags[j]!;
      if (f & CENSUS_ARRIVED) continue;
      if (query.kind === 'delighted' ? (f & CENSUS_STATE_MASK) === 2 : (f & CENSUS_SPURIOUS) !== 0) consider(v.key[j]!, v.segment[j]!, q);
    }
    return best;
  }
  // complainedAndStayed: present customers from the earliest arrival, then their served quarters.
  const order = Array.from(v.key.keys()).sort((a, b) => arrived.get(v.key[a]!)! - arrived.get(v.key[b]!)! || v.key[a]! - v.key[b]!);
  for (const j of order) {
    const key = v.key[j]!;
    const s = v.segment[j]!;
    if (segFilter >= 0 && s !== segFilter) continue;
    for (let t = q; t > arrived.get(key)!; t--) {
      const i = t * ns + s;
      if (census.recovery[i]! > 0 && uniform(key, t, PURPOSE.incident) < census.incidentProbability[i]!)
        return { key, segment: census.segments[s]!, quarter: t };
    }
  }
  return null;
}
