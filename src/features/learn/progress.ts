// Learner progress kept in the browser: lessons read, quiz best scores, missed quiz questions and
// flashcard states, in localStorage under a versioned schema, plus JSON export/import.
// Must never throw at a page and never drop what was stored: every read is validated, an
// unreadable or foreign value is copied aside before anything overwrites it. No DOM here besides
// the Storage interface, which callers pass in (tests pass fakes that fail on purpose).

export const PROGRESS_VERSION = 1;
export const STORAGE_KEY = 'crm-lab:learn:progress';
/** The previous good value, written before every overwrite (restorable on the progress page). */
export const BACKUP_KEY = 'crm-lab:learn:progress:backup';
/** A value that could not be read (corrupt or from another version), kept as it was found. */
export const UNREADABLE_KEY = 'crm-lab:learn:progress:unreadable';
/** Slots for unreadable values: a second, different one never replaces the first. */
export const UNREADABLE_SLOTS = 3;
export const unreadableKey = (slot: number) => (slot === 0 ? UNREADABLE_KEY : `${UNREADABLE_KEY}:${slot + 1}`);
export const EXPORT_KIND = 'crm-lab-learn-progress';

/** A ts-fsrs Card with dates as ISO strings, so it survives JSON. */
export interface StoredCard {
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  /** ts-fsrs State: 0 New, 1 Learning, 2 Review, 3 Relearning. */
  state: number;
  last_review?: string;
}

export interface QuizRecord {
  /** Best score so far, 0..1. */
  best: number;
  /** Score of the latest graded attempt, 0..1. */
  last: number;
  attempts: number;
  /** ISO time of the latest graded attempt. */
  at: string;
}

export interface MissedQuestion {
  lesson: string;
  question: string;
  /** ISO time it was first missed. */
  at: string;
}

export interface Progress {
  version: typeof PROGRESS_VERSION;
  /** lesson slug → ISO time it was first marked read. */
  lessonsRead: Record<string, string>;
  /** lesson slug → quiz record (graded attempts only; self-check mode records nothing). */
  quizzes: Record<string, QuizRecord>;
  /** `${lesson}/${questionId}` → a question the learner missed; each becomes a flashcard. */
  missed: Record<string, MissedQuestion>;
  /** flashcard id → scheduling state. */
  cards: Record<string, StoredCard>;
}

export type ProgressStatus =
  /** Everything read and saved normally. */
  | 'ok'
  /** localStorage is disabled or throws: progress lives only as long as the page. */
  | 'unavailable'
  /** The stored value was unreadable; it was set aside and the last good backup restored. */
  | 'restored'
  /** The stored value was unreadable; it was set aside and progress starts empty. */
  | 'corrupt'
  /** The stored value comes from another version of CRM Lab; it was set aside untouched. */
  | 'other-version'
  /** The value could not be set aside, so nothing is written to avoid losing it. */
  | 'read-only'
  /** The browser refused the last save because storage is full. */
  | 'full';

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, lessonsRead: {}, quizzes: {}, missed: {}, cards: {} };
}

// ---------------------------------------------------------------------------------------------
// Validation: a value is accepted only if every part has the right shape.

type Check<T> = { ok: true; value: T } | { ok: false; reason: 'invalid' | 'version'; foundVersion?: unknown };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isIsoDate = (v: unknown): v is string => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v));
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;

function everyEntry(v: unknown, ok: (value: unknown, key: string) => boolean): boolean {
  return isRecord(v) && Object.entries(v).every(([k, value]) => isId(k) && ok(value, k));
}

function isQuizRecord(v: unknown): v is QuizRecord {
  return (
    isRecord(v) &&
    isFiniteNumber(v.best) &&
    v.best >= 0 &&
    v.best <= 1 &&
    isFiniteNumber(v.last) &&
    v.last >= 0 &&
    v.last <= 1 &&
    Number.isInteger(v.attempts) &&
    (v.attempts as number) >= 1 &&
    isIsoDate(v.at)
  );
}

function isMissed(v: unknown): v is MissedQuestion {
  return isRecord(v) && isId(v.lesson) && isId(v.question) && isIsoDate(v.at);
}

export function isStoredCard(v: unknown): v is StoredCard {
  if (!isRecord(v)) return false;
  const numbers = ['stability', 'difficulty', 'elapsed_days', 'scheduled_days', 'learning_steps', 'reps', 'lapses'];
  return (
    isIsoDate(v.due) &&
    numbers.every((k) => isFiniteNumber(v[k]) && (v[k] as number) >= 0) &&
    Number.isInteger(v.state) &&
    (v.state as number) >= 0 &&
    (v.state as number) <= 3 &&
    (v.last_review === undefined || isIsoDate(v.last_review))
  );
}

/** Checks an unknown value (parsed JSON) against the current schema. */
export function validateProgress(data: unknown): Check<Progress> {
  if (!isRecord(data)) return { ok: false, reason: 'invalid' };
  if (data.version !== PROGRESS_VERSION) {
    return isFiniteNumber(data.version) || typeof data.version === 'string'
      ? { ok: false, reason: 'version', foundVersion: data.version }
      : { ok: false, reason: 'invalid' };
  }
  const valid =
    everyEntry(data.lessonsRead, isIsoDate) &&
    everyEntry(data.quizzes, isQuizRecord) &&
    everyEntry(data.missed, isMissed) &&
    everyEntry(data.cards, isStoredCard);
  if (!valid) return { ok: false, reason: 'invalid' };
  return {
    ok: true,
    value: {
      version: PROGRESS_VERSION,
      lessonsRead: { ...(data.lessonsRead as Progress['lessonsRead']) },
      quizzes: { ...(data.quizzes as Progress['quizzes']) },
      missed: { ...(data.missed as Progress['missed']) },
      cards: { ...(data.cards as Progress['cards']) },
    },
  };
}

function parseStored(raw: string): Check<Progress> {
  try {
    return validateProgress(JSON.parse(raw));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
}

// ---------------------------------------------------------------------------------------------
// Storage: every access guarded; the storage object is passed in.

export interface LoadResult {
  progress: Progress;
  status: ProgressStatus;
  /** False when writing would destroy something we could not set aside, or storage is off. */
  canWrite: boolean;
}

/** The page's localStorage, or null when the browser refuses access (privacy settings, iframes). */
export function browserStorage(): Storage | null {
  try {
    const s = globalThis.localStorage;
    return s ?? null;
  } catch {
    return null;
  }
}

export function isQuotaError(error: unknown): boolean {
  const name = error instanceof Error || isRecord(error) ? (error as { name?: unknown }).name : undefined;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

export function loadProgress(storage: Storage | null): LoadResult {
  if (!storage) return { progress: emptyProgress(), status: 'unavailable', canWrite: false };
  let raw: string | null;
  try {
    raw = storage.getItem(STORAGE_KEY);
  } catch {
    return { progress: emptyProgress(), status: 'unavailable', canWrite: false };
  }
  if (raw === null) return { progress: emptyProgress(), status: 'ok', canWrite: true };
  const parsed = parseStored(raw);
  if (parsed.ok) return { progress: parsed.value, status: 'ok', canWrite: true };

  // Unreadable or foreign: keep it exactly as found before anything can overwrite it, in the
  // first free slot (or the slot that already holds it). With every slot taken, write nothing.
  let setAside = false;
  try {
    for (let slot = 0; slot < UNREADABLE_SLOTS && !setAside; slot++) {
      const held = storage.getItem(unreadableKey(slot));
      if (held === raw) setAside = true;
      else if (held === null) {
        storage.setItem(unreadableKey(slot), raw);
        setAside = true;
      }
    }
  } catch {
    setAside = false;
  }
  if (!setAside) return { progress: emptyProgress(), status: 'read-only', canWrite: false };
  // Set aside safely, so the main key can be cleared: the message then shows once, not forever.
  const backup = parsed.reason === 'version' ? null : readBackup(storage);
  try {
    if (backup) storage.setItem(STORAGE_KEY, JSON.stringify(backup));
    else storage.removeItem(STORAGE_KEY);
  } catch {
    // The value is already set aside; a failed clean-up only means the message shows again.
  }
  if (parsed.reason === 'version') return { progress: emptyProgress(), status: 'other-version', canWrite: true };
  if (backup) return { progress: backup, status: 'restored', canWrite: true };
  return { progress: emptyProgress(), status: 'corrupt', canWrite: true };
}

/** The last good value before the latest overwrite, or null. */
export function readBackup(storage: Storage | null): Progress | null {
  try {
    const raw = storage?.getItem(BACKUP_KEY);
    if (!raw) return null;
    const parsed = parseStored(raw);
    return parsed.ok ? parsed.value : null;
  } catch {
    return null;
  }
}

/** The unreadable values that were set aside, oldest first, as text (for download). */
export function readUnreadable(storage: Storage | null): string[] {
  const found: string[] = [];
  try {
    for (let slot = 0; slot < UNREADABLE_SLOTS; slot++) {
      const held = storage?.getItem(unreadableKey(slot));
      if (held !== null && held !== undefined) found.push(held);
    }
  } catch {
    // Storage went away: show what was found so far.
  }
  return found;
}

export type SaveOutcome = 'saved' | 'full' | 'unavailable';

/**
 * Writes progress. The current stored value, if it is a good one, first goes to the backup key
 * (so an unwanted import or a bad write can be undone). A full storage leaves the stored value
 * as it was and reports 'full'; the caller keeps the new progress in memory.
 */
export function saveProgress(storage: Storage | null, progress: Progress): SaveOutcome {
  if (!storage) return 'unavailable';
  const next = JSON.stringify(progress);
  try {
    const current = storage.getItem(STORAGE_KEY);
    if (current !== null && current !== next && parseStored(current).ok) {
      try {
        storage.setItem(BACKUP_KEY, current);
      } catch (error) {
        // A backup that does not fit must not block the save itself; the old backup stays.
        if (!isQuotaError(error)) throw error;
      }
    }
    storage.setItem(STORAGE_KEY, next);
    return 'saved';
  } catch (error) {
    return isQuotaError(error) ? 'full' : 'unavailable';
  }
}

// ---------------------------------------------------------------------------------------------
// Updates: pure, return a new object.

export function markLessonRead(p: Progress, slug: string, nowIso: string): Progress {
  if (p.lessonsRead[slug]) return p;
  return { ...p, lessonsRead: { ...p.lessonsRead, [slug]: nowIso } };
}

/** Records a graded attempt: best score, attempt count, and the questions missed (for flashcards). */
export function recordQuizAttempt(
  p: Progress,
  lesson: string,
  score: number,
  missedQuestionIds: readonly string[],
  nowIso: string,
): Progress {
  const clamped = Math.min(1, Math.max(0, score));
  const prev = p.quizzes[lesson];
  const record: QuizRecord = {
    best: Math.max(prev?.best ?? 0, clamped),
    last: clamped,
    attempts: (prev?.attempts ?? 0) + 1,
    at: nowIso,
  };
  const missed = { ...p.missed };
  for (const question of missedQuestionIds) {
    const key = `${lesson}/${question}`;
    if (!missed[key]) missed[key] = { lesson, question, at: nowIso };
  }
  return { ...p, quizzes: { ...p.quizzes, [lesson]: record }, missed };
}

export function setCard(p: Progress, cardId: string, card: StoredCard): Progress {
  return { ...p, cards: { ...p.cards, [cardId]: card } };
}

/**
 * Combines an imported file with what is stored, losing nothing: lessons read stay read (earliest
 * date), quiz bests take the maximum, missed questions are united, and for a flashcard the state
 * reviewed last wins.
 */
export function mergeProgress(current: Progress, incoming: Progress): Progress {
  const lessonsRead = { ...current.lessonsRead };
  for (const [slug, at] of Object.entries(incoming.lessonsRead)) {
    const mine = lessonsRead[slug];
    lessonsRead[slug] = mine && Date.parse(mine) <= Date.parse(at) ? mine : at;
  }
  const quizzes = { ...current.quizzes };
  for (const [slug, theirs] of Object.entries(incoming.quizzes)) {
    const mine = quizzes[slug];
    if (!mine) {
      quizzes[slug] = theirs;
      continue;
    }
    const later = Date.parse(theirs.at) > Date.parse(mine.at) ? theirs : mine;
    quizzes[slug] = {
      best: Math.max(mine.best, theirs.best),
      last: later.last,
      attempts: Math.max(mine.attempts, theirs.attempts),
      at: later.at,
    };
  }
  const missed = { ...incoming.missed, ...current.missed };
  const cards = { ...current.cards };
  for (const [id, theirs] of Object.entries(incoming.cards)) {
    const mine = cards[id];
    const reviewed = (c: StoredCard) => (c.last_review ? Date.parse(c.last_review) : -Infinity);
    if (!mine || reviewed(theirs) > reviewed(mine)) cards[id] = theirs;
  }
  return { version: PROGRESS_VERSION, lessonsRead, quizzes, missed, cards };
}

// ---------------------------------------------------------------------------------------------
// Export / import files.

export interface ProgressFile {
  kind: typeof EXPORT_KIND;
  version: typeof PROGRESS_VERSION;
  exportedAt: string;
  progress: Progress;
}

export function exportProgress(p: Progress, nowIso: string): string {
  const file: ProgressFile = { kind: EXPORT_KIND, version: PROGRESS_VERSION, exportedAt: nowIso, progress: p };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type ImportCheck =
  { ok: true; progress: Progress } | { ok: false; error: 'not-json' | 'not-progress' | 'invalid' | 'version'; foundVersion?: string };

/** Reads an exported file's text. Nothing is written here; the caller merges and saves. */
export function parseProgressFile(text: string): ImportCheck {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not-json' };
  }
  if (!isRecord(data) || data.kind !== EXPORT_KIND) return { ok: false, error: 'not-progress' };
  if (data.version !== PROGRESS_VERSION) return { ok: false, error: 'version', foundVersion: String(data.version) };
  const checked = validateProgress(data.progress);
  if (!checked.ok) {
    return checked.reason === 'version'
      ? { ok: false, error: 'version', foundVersion: String(checked.foundVersion) }
      : { ok: false, error: 'invalid' };
  }
  return { ok: true, progress: checked.value };
}
