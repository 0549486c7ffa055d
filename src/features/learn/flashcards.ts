// Flashcards: which cards exist (glossary terms, both directions, and quiz questions the learner
// missed), which are due, and how a rating reschedules a card. Scheduling is ts-fsrs (FSRS), not
// our own maths. The clock is always passed in by the view; nothing here reads the time or storage.

import { createEmptyCard, fsrs, type Card, type Grade } from 'ts-fsrs';
import { missedCardId, type StoredCard } from './progress';

export type CardKind = 'term' | 'reverse' | 'missed';

/** The content of one card in the page language. */
export interface FlashcardDef {
  id: string;
  kind: CardKind;
  front: string;
  /** Main answer text. */
  back: string;
  /** Extra lines on the back (the other language's term, the explanation…). */
  notes: string[];
  /** Where to read more (glossary anchor or lesson). */
  href?: string;
}

/** 1 Again, 2 Hard, 3 Good, 4 Easy — the same numbers as ts-fsrs Rating and the keyboard keys. */
export type Rating = 1 | 2 | 3 | 4;
export const RATINGS: readonly Rating[] = [1, 2, 3, 4];

export const termCardId = (glossaryId: string) => `term:${glossaryId}`;
export const reverseCardId = (glossaryId: string) => `reverse:${glossaryId}`;
export { missedCardId };

// Fuzz off: the same reviews at the same times give the same schedule (tests and exports agree).
const scheduler = fsrs({ enable_fuzz: false });

export function toStored(card: Card): StoredCard {
  // Spread rather than naming fields: ts-fsrs marks some (elapsed_days) deprecated but still uses them.
  const { due, last_review, ...numbers } = card;
  const stored: StoredCard = { ...numbers, due: due.toISOString() };
  if (last_review) stored.last_review = last_review.toISOString();
  return stored;
}

export function fromStored(stored: StoredCard): Card {
  const { due, last_review, ...numbers } = stored;
  return {
    ...numbers,
    due: new Date(due),
    ...(last_review ? { last_review: new Date(last_review) } : {}),
  };
}

/** The card's state after a review with `rating` at `now` (a card never seen starts empty). */
export function rateCard(stored: StoredCard | undefined, rating: Rating, now: Date): StoredCard {
  const card = stored ? fromStored(stored) : createEmptyCard(now);
  return toStored(scheduler.next(card, now, rating as Grade).card);
}

/** When the card would be due next for each rating (shown on the rating buttons). */
export function previewDue(stored: StoredCard | undefined, now: Date): Record<Rating, Date> {
  const card = stored ? fromStored(stored) : createEmptyCard(now);
  const out = {} as Record<Rating, Date>;
  for (const r of RATINGS) out[r] = scheduler.next(card, now, r as Grade).card.due;
  return out;
}

export function isDue(stored: StoredCard | undefined, now: Date): boolean {
  return stored === undefined || Date.parse(stored.due) <= now.getTime();
}

/**
 * The review queue at `now`: first the cards already studied that are due (earliest first, mistakes
 * before terms on a tie), then at most `newLimit` cards never studied (mistakes first, then the
 * deck's order).
 */
export function buildQueue(
  deck: readonly FlashcardDef[],
  states: Readonly<Record<string, StoredCard>>,
  now: Date,
  newLimit: number,
): string[] {
  const kindRank = (d: FlashcardDef) => (d.kind === 'missed' ? 0 : 1);
  const studied = deck
    .filter((d) => states[d.id] !== undefined && isDue(states[d.id], now))
    .sort((a, b) => {
      const byDue = Date.parse(states[a.id]!.due) - Date.parse(states[b.id]!.due);
      return byDue !== 0 ? byDue : kindRank(a) - kindRank(b);
    });
  const fresh = deck
    .map((d, index) => ({ d, index }))
    .filter(({ d }) => states[d.id] === undefined)
    .sort((a, b) => kindRank(a.d) - kindRank(b.d) || a.index - b.index)
    .slice(0, Math.max(0, newLimit))
    .map(({ d }) => d);
  return [...studied, ...fresh].map((d) => d.id);
}

/** The earliest future due time among studied cards of the deck, or null. */
export function nextDue(deck: readonly FlashcardDef[], states: Readonly<Record<string, StoredCard>>, now: Date): Date | null {
  let best: number | null = null;
  for (const d of deck) {
    const s = states[d.id];
    if (!s) continue;
    const t = Date.parse(s.due);
    if (t > now.getTime() && (best === null || t < best)) best = t;
  }
  return best === null ? null : new Date(best);
}

/** A wait as one number and unit, for Intl.RelativeTimeFormat in the view. */
export function waitParts(due: Date, now: Date): { value: number; unit: 'minute' | 'hour' | 'day' | 'month' } {
  const minutes = Math.max(1, Math.round((due.getTime() - now.getTime()) / 60_000));
  if (minutes < 60) return { value: minutes, unit: 'minute' };
  const hours = Math.round(minutes / 60);
  if (hours < 24) return { value: hours, unit: 'hour' };
  const days = Math.round(hours / 24);
  if (days < 60) return { value: days, unit: 'day' };
  return { value: Math.round(days / 30), unit: 'month' };
}
