// Challenge progress in storage: a corrupt, foreign, full or disabled storage never throws and never loses what was
// stored (an unreadable value is set aside before anything is written), and only well-formed records are read.
import { describe, expect, it } from 'vitest';
import {
  CHALLENGES_KEY,
  MAX_RECORDS,
  emptyChallengeProgress,
  loadChallengeProgress,
  saveChallengeProgress,
  unreadableKey,
  validateChallengeProgress,
  withRecord,
} from '@/features/concept-labs/challenges/progress';
import { afterCheck, NEW_RECORD } from '@/features/concept-labs/challenges/core';

const AT = '2026-11-20T10:00:00.000Z';

/** A Map behind the three Storage calls the store makes; it can refuse everything or be full. */
function storage(entries: Record<string, string> = {}, mode: 'ok' | 'full' | 'denied' = 'ok') {
  const map = new Map(Object.entries(entries));
  const guard = () => {
    if (mode === 'denied') throw new DOMException('denied', 'SecurityError');
  };
  const fake = {
    map,
    getItem: (k: string) => (guard(), map.get(k) ?? null),
    setItem: (k: string, v: string) => {
      guard();
      if (mode === 'full') throw new DOMException('full', 'QuotaExceededError');
      map.set(k, v);
    },
    removeItem: (k: string) => void map.delete(k),
  };
  return fake as typeof fake & Storage;
}

const solved = withRecord(emptyChallengeProgress(), 'clv/double-clv', afterCheck(NEW_RECORD, 'right', AT));

describe('challenge progress', () => {
  it('round-trips what was saved', () => {
    const s = storage();
    expect(saveChallengeProgress(s, solved)).toBe('saved');
    expect(loadChallengeProgress(s)).toEqual({ progress: solved, status: 'ok', canWrite: true });
  });

  it('starts empty when nothing is stored, and in memory only when storage is off', () => {
    expect(loadChallengeProgress(storage())).toEqual({ progress: emptyChallengeProgress(), status: 'ok', canWrite: true });
    expect(loadChallengeProgress(null).status).toBe('unavailable');
    expect(loadChallengeProgress(storage({}, 'denied'))).toMatchObject({ status: 'unavailable', canWrite: false });
    expect(saveChallengeProgress(storage({}, 'denied'), solved)).toBe('unavailable');
    expect(saveChallengeProgress(null, solved)).toBe('unavailable');
  });

  it('sets an unreadable value aside as found before starting afresh, and keeps it once only', () => {
    const s = storage({ [CHALLENGES_KEY]: '{"version":1,"records":{"clv/x":{"wrong":"many"}}}' });
    const first = loadChallengeProgress(s);
    expect(first).toEqual({ progress: emptyChallengeProgress(), status: 'set-aside', canWrite: true });
    expect(s.map.get(unreadableKey(0))).toBe('{"version":1,"records":{"clv/x":{"wrong":"many"}}}');
    expect(s.map.has(CHALLENGES_KEY)).toBe(false);
    // The same value again (another tab wrote it back): not a second copy.
    s.map.set(CHALLENGES_KEY, '{"version":1,"records":{"clv/x":{"wrong":"many"}}}');
    loadChallengeProgress(s);
    expect(s.map.has(unreadableKey(1))).toBe(false);
  });

  it('treats another version and broken JSON as unreadable', () => {
    for (const raw of ['{"version":2,"records":{}}', 'not json', '[]', 'null']) {
      const s = storage({ [CHALLENGES_KEY]: raw });
      expect(loadChallengeProgress(s).status).toBe('set-aside');
      expect(s.map.get(unreadableKey(0))).toBe(raw);
    }
  });

  it('writes nothing when every slot is taken by other unreadable values', () => {
    const s = storage({
      [CHALLENGES_KEY]: 'fourth',
      [unreadableKey(0)]: 'first',
      [unreadableKey(1)]: 'second',
      [unreadableKey(2)]: 'third',
    });
    expect(loadChallengeProgress(s)).toMatchObject({ status: 'read-only', canWrite: false });
    expect(s.map.get(CHALLENGES_KEY)).toBe('fourth');
  });

  it('says when the storage is full and leaves the stored value as it was', () => {
    const s = storage({ [CHALLENGES_KEY]: JSON.stringify(solved) }, 'full');
    expect(saveChallengeProgress(s, emptyChallengeProgress())).toBe('full');
    expect(s.map.get(CHALLENGES_KEY)).toBe(JSON.stringify(solved));
  });

  it('reads only well-formed records under well-formed ids', () => {
    const ok = { wrong: 1, revealed: true, solvedAt: AT };
    expect(validateChallengeProgress({ version: 1, records: { 'life-cycle/win-back-best': ok } })).not.toBeNull();
    const bad = [
      { version: 1, records: JSON.parse('{"__proto__":{"wrong":0,"revealed":false,"solvedAt":null}}') },
      { version: 1, records: { 'Clv/x': ok } },
      { version: 1, records: { 'clv/x': { ...ok, wrong: -1 } } },
      { version: 1, records: { 'clv/x': { ...ok, wrong: 1.5 } } },
      { version: 1, records: { 'clv/x': { ...ok, revealed: 'yes' } } },
      { version: 1, records: { 'clv/x': { ...ok, solvedAt: 'yesterday' } } },
      { version: 1, records: { 'clv/x': { ...ok, extra: 1 } } },
      { version: 1, records: Object.fromEntries(Array.from({ length: MAX_RECORDS + 1 }, (_, i) => [`clv/c${i}`, ok])) },
      { version: 1, records: [] },
    ];
    for (const value of bad) expect(validateChallengeProgress(value), JSON.stringify(value).slice(0, 80)).toBeNull();
  });

  it('refuses to record under an id that is not a challenge id', () => {
    expect(() => withRecord(emptyChallengeProgress(), '__proto__', NEW_RECORD)).toThrow(RangeError);
    expect(withRecord(solved, 'clv/worth-acquiring', NEW_RECORD).records).toHaveProperty('clv/double-clv');
  });
});
