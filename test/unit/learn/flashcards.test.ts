// Flashcards: FSRS scheduling through ts-fsrs survives JSON storage, and the review queue puts due
// cards first, then a limited number of new ones (mistakes before glossary terms).
import { describe, expect, it } from 'vitest';
import {
  buildQueue,
  fromStored,
  isDue,
  nextDue,
  previewDue,
  rateCard,
  toStored,
  waitParts,
  type FlashcardDef,
} from '../../../src/features/learn/flashcards';
import { isStoredCard, validateProgress, emptyProgress, setCard } from '../../../src/features/learn/progress';

const now = new Date('2026-11-24T08:00:00.000Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
const def = (id: string, kind: FlashcardDef['kind'] = 'term'): FlashcardDef => ({ id, kind, front: id, back: id, notes: [] });

describe('rating', () => {
  it('a new card rated Again comes back within minutes, Easy only after days', () => {
    const again = rateCard(undefined, 1, now);
    const easy = rateCard(undefined, 4, now);
    expect(Date.parse(again.due) - now.getTime()).toBeLessThan(60 * 60_000);
    expect(Date.parse(easy.due) - now.getTime()).toBeGreaterThanOrEqual(24 * 60 * 60_000);
    expect(again.reps).toBe(1);
  });

  it('orders the preview Again ≤ Hard ≤ Good ≤ Easy', () => {
    const studied = rateCard(rateCard(undefined, 3, now), 3, minutes(60 * 24 * 3));
    const p = previewDue(studied, minutes(60 * 24 * 10));
    expect(p[1].getTime()).toBeLessThanOrEqual(p[2].getTime());
    expect(p[2].getTime()).toBeLessThanOrEqual(p[3].getTime());
    expect(p[3].getTime()).toBeLessThanOrEqual(p[4].getTime());
  });

  it('is deterministic (no fuzz) and survives JSON', () => {
    const a = rateCard(rateCard(undefined, 3, now), 2, minutes(60 * 30));
    const b = rateCard(rateCard(undefined, 3, now), 2, minutes(60 * 30));
    expect(a).toEqual(b);
    const stored = JSON.parse(JSON.stringify(a));
    expect(isStoredCard(stored)).toBe(true);
    expect(toStored(fromStored(stored))).toEqual(a);
    expect(validateProgress(setCard(emptyProgress(), 'term:x', stored)).ok).toBe(true);
  });

  it('a lapse counts', () => {
    let c = rateCard(undefined, 3, now);
    c = rateCard(c, 3, new Date(c.due));
    c = rateCard(c, 1, new Date(c.due));
    expect(c.lapses).toBe(1);
  });
});

describe('queue', () => {
  const deck = [def('t1'), def('t2'), def('t3'), def('m1', 'missed'), def('t4')];

  it('shows due cards first (earliest first), then new cards with mistakes first, up to the limit', () => {
    const states = {
      t2: { ...rateCard(undefined, 3, now), due: minutes(-5).toISOString() },
      t3: { ...rateCard(undefined, 3, now), due: minutes(-30).toISOString() },
      t4: { ...rateCard(undefined, 3, now), due: minutes(60).toISOString() },
    };
    expect(buildQueue(deck, states, now, 10)).toEqual(['t3', 't2', 'm1', 't1']);
    expect(buildQueue(deck, states, now, 1)).toEqual(['t3', 't2', 'm1']);
    expect(buildQueue(deck, states, now, 0)).toEqual(['t3', 't2']);
  });

  it('knows when the next card is due', () => {
    const states = { t1: { ...rateCard(undefined, 3, now), due: minutes(90).toISOString() } };
    expect(nextDue(deck, states, now)).toEqual(minutes(90));
    expect(nextDue(deck, {}, now)).toBeNull();
    expect(isDue(states.t1, now)).toBe(false);
    expect(isDue(undefined, now)).toBe(true);
  });

  it.each([
    [5, { value: 5, unit: 'minute' }],
    [90, { value: 2, unit: 'hour' }],
    [60 * 24 * 3, { value: 3, unit: 'day' }],
    [60 * 24 * 120, { value: 4, unit: 'month' }],
  ])('a wait of %i minutes reads as %o', (m, parts) => {
    expect(waitParts(minutes(m), now)).toEqual(parts);
  });
});
