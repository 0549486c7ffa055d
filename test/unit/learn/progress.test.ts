// Progress store: corrupt, full, disabled and foreign-version storage must never throw, never lose
// the stored value, and report a status the page can explain; export/import round-trips.
import { describe, expect, it } from 'vitest';
import {
  BACKUP_KEY,
  STORAGE_KEY,
  UNREADABLE_KEY,
  emptyProgress,
  exportProgress,
  loadProgress,
  markLessonRead,
  mergeProgress,
  parseProgressFile,
  readBackup,
  readUnreadable,
  recordQuizAttempt,
  saveProgress,
  setCard,
  unreadableKey,
  validateProgress,
  type Progress,
  type StoredCard,
} from '../../../src/features/learn/progress';

/** An in-memory Storage; `quotaBytes` makes setItem throw QuotaExceededError like a full browser. */
class FakeStorage implements Storage {
  map = new Map<string, string>();
  constructor(
    private quotaBytes = Infinity,
    private broken = false,
  ) {}
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    if (this.broken) throw new DOMException('denied', 'SecurityError');
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.broken) throw new DOMException('denied', 'SecurityError');
    let used = 0;
    for (const [key, value] of this.map) if (key !== k) used += key.length + value.length;
    if (used + k.length + v.length > this.quotaBytes) throw new DOMException('full', 'QuotaExceededError');
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  clear() {
    this.map.clear();
  }
}

const T0 = '2026-11-24T08:00:00.000Z';
const T1 = '2026-11-25T08:00:00.000Z';
const card: StoredCard = {
  due: T1,
  stability: 2.3,
  difficulty: 5.1,
  elapsed_days: 0,
  scheduled_days: 1,
  learning_steps: 0,
  reps: 1,
  lapses: 0,
  state: 2,
  last_review: T0,
};

function sample(): Progress {
  let p = markLessonRead(emptyProgress(), 'what-is-crm', T0);
  p = recordQuizAttempt(p, 'what-is-crm', 0.75, ['q2', 'q5'], T0);
  return setCard(p, 'term:customer-equity', card);
}

describe('loadProgress', () => {
  it('starts empty and ok when nothing is stored', () => {
    expect(loadProgress(new FakeStorage())).toEqual({ progress: emptyProgress(), status: 'ok', canWrite: true });
  });

  it('reads back what was saved', () => {
    const s = new FakeStorage();
    expect(saveProgress(s, sample())).toBe('saved');
    expect(loadProgress(s)).toEqual({ progress: sample(), status: 'ok', canWrite: true });
  });

  it('reports unavailable storage without throwing', () => {
    expect(loadProgress(null).status).toBe('unavailable');
    expect(loadProgress(new FakeStorage(Infinity, true))).toMatchObject({ status: 'unavailable', canWrite: false });
  });

  it.each([
    ['not JSON', '{"version":1,'],
    ['JSON of the wrong shape', '[1,2,3]'],
    ['a bad field', JSON.stringify({ ...sample(), quizzes: { x: { best: 7, last: 0, attempts: 1, at: T0 } } })],
    ['a bad card', JSON.stringify({ ...sample(), cards: { c: { ...card, due: 'soon' } } })],
    ['no version', JSON.stringify({ lessonsRead: {} })],
  ])('sets a corrupt value (%s) aside and starts empty', (_name, raw) => {
    const s = new FakeStorage();
    s.map.set(STORAGE_KEY, raw);
    const result = loadProgress(s);
    expect(result).toEqual({ progress: emptyProgress(), status: 'corrupt', canWrite: true });
    expect(s.map.get(UNREADABLE_KEY)).toBe(raw);
    // The message shows once: the next load is clean.
    expect(loadProgress(s).status).toBe('ok');
    expect(s.map.get(UNREADABLE_KEY)).toBe(raw);
  });

  it('restores the last good backup when the stored value is corrupt', () => {
    const s = new FakeStorage();
    saveProgress(s, sample());
    saveProgress(s, markLessonRead(sample(), 'five-levels', T1));
    s.map.set(STORAGE_KEY, 'garbage');
    const result = loadProgress(s);
    expect(result.status).toBe('restored');
    expect(result.progress).toEqual(sample());
    expect(s.map.get(UNREADABLE_KEY)).toBe('garbage');
    expect(loadProgress(s)).toMatchObject({ status: 'ok', progress: sample() });
  });

  it('sets a value from another version aside untouched', () => {
    const s = new FakeStorage();
    const foreign = JSON.stringify({ version: 2, lessons: ['what-is-crm'] });
    s.map.set(STORAGE_KEY, foreign);
    expect(loadProgress(s)).toEqual({ progress: emptyProgress(), status: 'other-version', canWrite: true });
    expect(s.map.get(UNREADABLE_KEY)).toBe(foreign);
  });

  it('never replaces an unreadable value already set aside; with every slot taken it writes nothing', () => {
    const s = new FakeStorage();
    for (const [i, raw] of ['bad-1', 'bad-2', 'bad-3'].entries()) {
      s.map.set(STORAGE_KEY, raw);
      expect(loadProgress(s).status).toBe('corrupt');
      expect(s.map.get(unreadableKey(i))).toBe(raw);
    }
    expect(readUnreadable(s)).toEqual(['bad-1', 'bad-2', 'bad-3']);
    s.map.set(STORAGE_KEY, 'bad-4');
    expect(loadProgress(s)).toMatchObject({ status: 'read-only', canWrite: false });
    expect(s.map.get(STORAGE_KEY)).toBe('bad-4');
    expect(readUnreadable(s)).toEqual(['bad-1', 'bad-2', 'bad-3']);
  });

  it('writes nothing when an unreadable value cannot be set aside (storage full)', () => {
    const s = new FakeStorage(40);
    s.map.set(STORAGE_KEY, 'x'.repeat(30));
    const result = loadProgress(s);
    expect(result).toMatchObject({ status: 'read-only', canWrite: false });
    expect(s.map.get(STORAGE_KEY)).toBe('x'.repeat(30));
  });
});

describe('saveProgress', () => {
  it('reports a full storage and keeps the stored value as it was', () => {
    const s = new FakeStorage();
    saveProgress(s, emptyProgress());
    const before = s.map.get(STORAGE_KEY);
    const full = new FakeStorage(s.map.get(STORAGE_KEY)!.length + STORAGE_KEY.length + 10);
    full.map = new Map(s.map);
    expect(saveProgress(full, sample())).toBe('full');
    expect(full.map.get(STORAGE_KEY)).toBe(before);
  });

  it('keeps the previous good value as a backup', () => {
    const s = new FakeStorage();
    saveProgress(s, sample());
    const next = markLessonRead(sample(), 'five-levels', T1);
    saveProgress(s, next);
    expect(readBackup(s)).toEqual(sample());
    expect(loadProgress(s).progress).toEqual(next);
  });

  it('still saves when only the backup does not fit', () => {
    const big = sample();
    const s = new FakeStorage(JSON.stringify(big).length * 2 + STORAGE_KEY.length + 5);
    saveProgress(s, big);
    const next = markLessonRead(big, 'x', T1);
    expect(saveProgress(s, next)).toBe('saved');
    expect(loadProgress(s).progress).toEqual(next);
  });

  it('reports unavailable storage', () => {
    expect(saveProgress(null, sample())).toBe('unavailable');
    expect(saveProgress(new FakeStorage(Infinity, true), sample())).toBe('unavailable');
  });
});

describe('updates', () => {
  it('marks a lesson read once, keeping the first date', () => {
    const p = markLessonRead(markLessonRead(emptyProgress(), 'a', T0), 'a', T1);
    expect(p.lessonsRead).toEqual({ a: T0 });
  });

  it('keeps the best quiz score and counts attempts', () => {
    let p = recordQuizAttempt(emptyProgress(), 'a', 0.5, ['q1'], T0);
    p = recordQuizAttempt(p, 'a', 0.25, ['q1', 'q3'], T1);
    expect(p.quizzes.a).toEqual({ best: 0.5, last: 0.25, attempts: 2, at: T1 });
    expect(Object.keys(p.missed).sort()).toEqual(['a/q1', 'a/q3']);
    expect(p.missed['a/q1']!.at).toBe(T0);
  });
});

describe('export and import', () => {
  it('round-trips', () => {
    const text = exportProgress(sample(), T1);
    expect(parseProgressFile(text)).toEqual({ ok: true, progress: sample() });
  });

  it.each([
    ['not JSON', 'hello', 'not-json'],
    ['another kind of file', JSON.stringify({ kind: 'crm-lab-result', version: 1 }), 'not-progress'],
    ['another version', JSON.stringify({ kind: 'crm-lab-learn-progress', version: 3, progress: {} }), 'version'],
    [
      'a damaged progress',
      JSON.stringify({ kind: 'crm-lab-learn-progress', version: 1, progress: { ...sample(), lessonsRead: { a: 42 } } }),
      'invalid',
    ],
  ])('rejects %s', (_name, text, error) => {
    expect(parseProgressFile(text)).toMatchObject({ ok: false, error });
  });

  it('merges without losing anything', () => {
    const mine = recordQuizAttempt(markLessonRead(emptyProgress(), 'a', T1), 'a', 0.9, [], T1);
    const theirs = setCard(recordQuizAttempt(markLessonRead(sample(), 'a', T0), 'a', 0.4, ['q9'], T0), 'term:x', card);
    const merged = mergeProgress(mine, theirs);
    expect(merged.lessonsRead).toEqual({ a: T0, 'what-is-crm': T0 });
    expect(merged.quizzes.a).toEqual({ best: 0.9, last: 0.9, attempts: 1, at: T1 });
    expect(merged.quizzes['what-is-crm']!.best).toBe(0.75);
    expect(Object.keys(merged.missed).sort()).toEqual(['a/q9', 'what-is-crm/q2', 'what-is-crm/q5']);
    expect(Object.keys(merged.cards).sort()).toEqual(['term:customer-equity', 'term:x']);
    expect(validateProgress(merged).ok).toBe(true);
  });

  it('keeps the card reviewed last', () => {
    const older = setCard(emptyProgress(), 'c', card);
    const newer = setCard(emptyProgress(), 'c', { ...card, reps: 5, last_review: T1 });
    expect(mergeProgress(older, newer).cards.c!.reps).toBe(5);
    expect(mergeProgress(newer, older).cards.c!.reps).toBe(5);
  });

  it('leaves the backup key for an undo after an import is saved', () => {
    const s = new FakeStorage();
    saveProgress(s, sample());
    const imported = parseProgressFile(exportProgress(markLessonRead(emptyProgress(), 'b', T1), T1));
    if (!imported.ok) throw new Error('import failed');
    saveProgress(s, mergeProgress(loadProgress(s).progress, imported.progress));
    expect(JSON.parse(s.map.get(BACKUP_KEY)!)).toEqual(sample());
  });
});
