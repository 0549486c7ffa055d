// Progress store: corrupt, full, disabled and foreign-version storage must never throw, never lose
// the stored value, and report a status the page can explain; export/import round-trips and is guarded.
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
  reviewAttemptCards,
  saveProgress,
  setCard,
  unreadableKey,
  validateProgress,
  toRevise,
  setPrediction,
  clearPrediction,
  setPlace,
  setQuizDraft,
  keepKnown,
  sameProgress,
  MAX_IMPORT_BYTES,
  MAX_LISTED_REFUSED,
  type Catalogue,
  type Progress,
  type StoredCard,
} from '../../../src/features/learn/progress';
import { missedCardId, rateCard } from '../../../src/features/learn/flashcards';

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

describe('the learning loop in progress', () => {
  it('a missed question answered right at the first try later leaves the revise list; its card follows FSRS', () => {
    let p = recordQuizAttempt(emptyProgress(), 'a', 0.5, ['q1', 'q2'], T0, ['q3'], rateCard);
    expect(
      toRevise(p)
        .map((m) => m.question)
        .sort(),
    ).toEqual(['q1', 'q2']);
    expect(p.cards).toEqual({});
    p = recordQuizAttempt(p, 'a', 0.75, ['q2'], T1, ['q1', 'q3'], rateCard);
    expect(toRevise(p).map((m) => m.question)).toEqual(['q2']);
    expect(p.missed['a/q1']!.resolved).toBe(T1);
    // The right answer counts as a good review: the card is scheduled by FSRS, not deleted, not due at once.
    const cardState = p.cards[missedCardId('a/q1')]!;
    expect(cardState.reps).toBe(1);
    expect(Date.parse(cardState.due)).toBeGreaterThan(Date.parse(T1));
    expect(validateProgress(p).ok).toBe(true);
    // Missed again: back on the list, and the card lapses.
    const again = recordQuizAttempt(p, 'a', 0.5, ['q1'], '2026-12-01T08:00:00.000Z', [], rateCard);
    expect(
      toRevise(again)
        .map((m) => m.question)
        .sort(),
    ).toEqual(['q1', 'q2']);
    expect(again.cards[missedCardId('a/q1')]!.reps).toBe(2);
  });

  it('the score saved first and the card reviews applied later give the same as both at once', () => {
    const T2 = '2026-12-01T08:00:00.000Z';
    const steps: [number, string[], string, string[]][] = [
      [0.5, ['q1', 'q2'], T0, ['q3']],
      [0.75, ['q2'], T1, ['q1', 'q3']],
      [0.5, ['q1'], T2, ['q2']],
    ];
    let together = emptyProgress();
    let split = emptyProgress();
    for (const [score, missed, at, right] of steps) {
      together = recordQuizAttempt(together, 'a', score, missed, at, right, rateCard);
      const saved = recordQuizAttempt(split, 'a', score, missed, at, right);
      expect(saved.quizzes.a).toEqual(together.quizzes.a);
      split = reviewAttemptCards(saved, 'a', missed, right, at, rateCard);
      expect(split).toEqual(together);
    }
    expect(Object.keys(split.cards).length).toBeGreaterThan(0);
    // Nothing to review: the same object, so nothing is written.
    expect(reviewAttemptCards(split, 'a', [], [], T2, rateCard)).toBe(split);
  });

  it('keeps predictions, the place and a quiz in progress, and accepts files written before they existed', () => {
    let p = setPrediction(emptyProgress(), 'what-is-crm/few-high-level', 2, T0);
    p = setPlace(p, 'what-is-crm', 's-3', T0);
    expect(setPlace(p, 'what-is-crm', 's-3', T1)).toBe(p);
    p = setQuizDraft(p, 'what-is-crm', {
      attempt: 1,
      mode: 'graded',
      recorded: false,
      at: T0,
      questions: { q1: { response: { type: 'single', choice: 'b' }, tries: 1, checked: true, shown: false } },
    });
    expect(validateProgress(JSON.parse(JSON.stringify(p)))).toEqual({ ok: true, value: p });
    const old = { version: 1, lessonsRead: { a: T0 }, quizzes: {}, missed: {}, cards: {} };
    expect(validateProgress(old)).toEqual({ ok: true, value: { ...emptyProgress(), lessonsRead: { a: T0 } } });
    expect(clearPrediction(p, 'what-is-crm/few-high-level').predictions).toEqual({});
  });

  it.each([
    ['a prediction out of range', { predictions: { 'a/b': { choice: 99, at: T0 } } }],
    ['a place with a foreign section id', { place: { lesson: 'a', section: '<script>', at: T0 } }],
    [
      'a draft with an unknown response type',
      {
        quizDrafts: {
          a: {
            attempt: 0,
            mode: 'graded',
            recorded: false,
            at: T0,
            questions: { q: { response: { type: 'essay' }, tries: 0, checked: false, shown: false } },
          },
        },
      },
    ],
    [
      'a draft with three tries',
      {
        quizDrafts: {
          a: {
            attempt: 0,
            mode: 'graded',
            recorded: false,
            at: T0,
            questions: { q: { response: { type: 'truefalse', value: true }, tries: 3, checked: true, shown: false } },
          },
        },
      },
    ],
  ])('refuses %s', (_, extra) => {
    expect(validateProgress({ ...emptyProgress(), ...extra }).ok).toBe(false);
  });

  it('an export leaves out the quiz in progress; an import never replaces the one on this page', () => {
    const draft = { attempt: 0, mode: 'self' as const, recorded: false, at: T0, questions: {} };
    const p = setQuizDraft(sample(), 'what-is-crm', draft);
    const file = parseProgressFile(exportProgress(p, T1));
    if (!file.ok) throw new Error('export unreadable');
    expect(file.progress.quizDrafts).toEqual({});
    expect(mergeProgress(p, file.progress).quizDrafts).toEqual({ 'what-is-crm': draft });
  });
});

describe('import guards', () => {
  const known: Catalogue = {
    lessons: new Set(['what-is-crm', 'a']),
    questions: new Set(['what-is-crm/q2', 'what-is-crm/q5', 'a/q1']),
    termCards: new Set(['term:customer-equity']),
    predictions: new Set(['what-is-crm/few-high-level']),
  };
  const fileOf = (progress: unknown) => JSON.stringify({ kind: 'crm-lab-learn-progress', version: 1, exportedAt: T0, progress });

  it('refuses a file larger than the cap before parsing it', () => {
    const big = fileOf({ ...emptyProgress(), lessonsRead: { x: T0 } }) + ' '.repeat(MAX_IMPORT_BYTES);
    expect(parseProgressFile(big)).toEqual({ ok: false, error: 'too-large' });
  });

  it('keeps what the site knows and names (a few of) the refused entries', () => {
    const lessonsRead: Record<string, string> = { 'what-is-crm': T0 };
    for (let i = 0; i < 40; i++) lessonsRead[`ghost-lesson-${i}-${'x'.repeat(100)}`] = T0;
    const parsed = parseProgressFile(
      fileOf({
        ...sample(),
        lessonsRead,
        predictions: { 'what-is-crm/few-high-level': { choice: 1, at: T0 }, 'x/y': { choice: 0, at: T0 } },
      }),
    );
    if (!parsed.ok) throw new Error('unreadable');
    const kept = keepKnown(parsed.progress, known);
    expect(kept.progress.lessonsRead).toEqual({ 'what-is-crm': T0 });
    expect(kept.progress.predictions).toEqual({ 'what-is-crm/few-high-level': { choice: 1, at: T0 } });
    expect(kept.progress.missed).toEqual(sample().missed);
    expect(kept.progress.cards).toEqual(sample().cards);
    expect(kept.refusedCount).toBe(41);
    expect(kept.refused).toHaveLength(MAX_LISTED_REFUSED);
    for (const name of kept.refused) expect([...name].length).toBeLessThanOrEqual(61);
  });

  it('__proto__ and other prototype keys are refused, so "Imported" cannot be claimed for nothing', () => {
    const text = `{"kind":"crm-lab-learn-progress","version":1,"exportedAt":"${T0}","progress":{"version":1,"lessonsRead":{"__proto__":"${T0}"},"quizzes":{},"missed":{},"cards":{}}}`;
    expect(parseProgressFile(text)).toMatchObject({ ok: false, error: 'invalid' });
  });

  it('tells whether an import changed anything', () => {
    const current = sample();
    expect(sameProgress(mergeProgress(current, sample()), current)).toBe(true);
    expect(sameProgress(mergeProgress(current, markLessonRead(emptyProgress(), 'a', T1)), current)).toBe(false);
  });
});
