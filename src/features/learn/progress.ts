// Learner progress in localStorage (lessons read, quiz bests, missed questions, cards, predictions, quizzes in progress,
// the learner's place) under a versioned schema, with export/import. Never throws at a page, never drops a stored value
// (unreadable ones are set aside first); no DOM besides the Storage passed in (tests pass fakes that fail on purpose).
import { clip } from '@sim/text';
import type { QuizResponse } from './quiz';

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
  /** ISO time it was (last) missed. */
  at: string;
  /** ISO time it was answered right at the first try in a later attempt: it leaves the revise list, its card stays. */
  resolved?: string;
}

/** A "predict, then run" answer, kept so a reload or a language switch shows it again. */
export interface Prediction {
  /** Index of the chosen answer (the same in both languages). */
  choice: number;
  at: string;
}

/** Where the learner last was: a lesson and the id of the section heading (the same in both languages). */
export interface Place {
  lesson: string;
  section: string;
  at: string;
}

/** One question of a quiz in progress: what is entered, how often it was checked, whether the answer was shown. */
export interface QuestionDraft {
  response: DraftResponse;
  /** Graded checks so far. */
  tries: number;
  /** The feedback of the current response is on screen (it was checked and not changed since). */
  checked: boolean;
  /** "Show answer" was used: the question earns nothing in this attempt. */
  shown: boolean;
}

/** A quiz response as stored: quiz.ts's QuizResponse, checked here by shape only (isDraftResponse). */
export type DraftResponse = QuizResponse;

/** A quiz in progress, kept so a reload or a language switch does not lose it. */
export interface QuizDraft {
  attempt: number;
  mode: 'graded' | 'self';
  /** The attempt was finished and recorded (it is shown finished, not recorded again). */
  recorded: boolean;
  questions: Record<string, QuestionDraft>;
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
  /** `${lesson}/${predictId}` → the learner's prediction. */
  predictions: Record<string, Prediction>;
  /** lesson slug → the quiz in progress (not exported). */
  quizDrafts: Record<string, QuizDraft>;
  /** The learner's place, for "continue where you left off". */
  place: Place | null;
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
  return { version: PROGRESS_VERSION, lessonsRead: {}, quizzes: {}, missed: {}, cards: {}, predictions: {}, quizDrafts: {}, place: null };
}

// ---------------------------------------------------------------------------------------------
// Validation: a value is accepted only if every part has the right shape.

type Check<T> = { ok: true; value: T } | { ok: false; reason: 'invalid' | 'version'; foundVersion?: unknown };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isIsoDate = (v: unknown): v is string => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v));
/** Keys that would reach an object's prototype instead of being stored: never an id. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200 && !FORBIDDEN_KEYS.has(v);
const isShortText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isIdList = (v: unknown): v is string[] => Array.isArray(v) && v.length <= 20 && v.every(isId);

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
  return isRecord(v) && isId(v.lesson) && isId(v.question) && isIsoDate(v.at) && (v.resolved === undefined || isIsoDate(v.resolved));
}

function isPrediction(v: unknown): v is Prediction {
  return isRecord(v) && Number.isInteger(v.choice) && (v.choice as number) >= 0 && (v.choice as number) < 20 && isIsoDate(v.at);
}

const SECTION_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
function isPlace(v: unknown): v is Place {
  return isRecord(v) && isId(v.lesson) && typeof v.section === 'string' && SECTION_ID.test(v.section) && isIsoDate(v.at);
}

function isDraftResponse(v: unknown): v is DraftResponse {
  if (!isRecord(v)) return false;
  switch (v.type) {
    case 'single':
      return v.choice === null || isId(v.choice);
    case 'multiple':
      return isIdList(v.choices);
    case 'truefalse':
      return v.value === null || typeof v.value === 'boolean';
    case 'numeric':
      return isShortText(v.raw, 80);
    case 'ordering':
      return isIdList(v.order);
    case 'matching':
      return isRecord(v.matches) && Object.keys(v.matches).length <= 20 && everyEntry(v.matches, (m) => m === '' || isId(m));
    default:
      return false;
  }
}

function isQuestionDraft(v: unknown): v is QuestionDraft {
  return (
    isRecord(v) &&
    isDraftResponse(v.response) &&
    Number.isInteger(v.tries) &&
    (v.tries as number) >= 0 &&
    (v.tries as number) <= 2 &&
    typeof v.checked === 'boolean' &&
    typeof v.shown === 'boolean'
  );
}

function isQuizDraft(v: unknown): v is QuizDraft {
  return (
    isRecord(v) &&
    Number.isInteger(v.attempt) &&
    (v.attempt as number) >= 0 &&
    (v.attempt as number) <= 100_000 &&
    (v.mode === 'graded' || v.mode === 'self') &&
    typeof v.recorded === 'boolean' &&
    isRecord(v.questions) &&
    Object.keys(v.questions).length <= 20 &&
    everyEntry(v.questions, isQuestionDraft) &&
    isIsoDate(v.at)
  );
}

/** A record field that older files may lack (they were written before the field existed). */
const optionalRecord = (v: unknown, ok: (value: unknown) => boolean) => v === undefined || everyEntry(v, ok);

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
    everyEntry(data.cards, isStoredCard) &&
    optionalRecord(data.predictions, isPrediction) &&
    optionalRecord(data.quizDrafts, isQuizDraft) &&
    (data.place === undefined || data.place === null || isPlace(data.place));
  if (!valid) return { ok: false, reason: 'invalid' };
  return {
    ok: true,
    value: {
      version: PROGRESS_VERSION,
      lessonsRead: { ...(data.lessonsRead as Progress['lessonsRead']) },
      quizzes: { ...(data.quizzes as Progress['quizzes']) },
      missed: { ...(data.missed as Progress['missed']) },
      cards: { ...(data.cards as Progress['cards']) },
      predictions: { ...((data.predictions ?? {}) as Progress['predictions']) },
      quizDrafts: { ...((data.quizDrafts ?? {}) as Progress['quizDrafts']) },
      place: (data.place ?? null) as Place | null,
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

/** The flashcard id of a missed question (`missed:${lesson}/${question}`); flashcards.ts uses the same. */
export const missedCardId = (missedKey: string) => `missed:${missedKey}`;

/** A flashcard review (FSRS, in flashcards.ts): passed in, so pages that only show progress do not load the scheduler. */
export type CardReview = (stored: StoredCard | undefined, rating: 1 | 3, now: Date) => StoredCard;

/**
 * Records a graded attempt: best score, attempt count, the questions missed (for flashcards and the revise list)
 * and the ones answered right at the first try. A missed question answered right later leaves the revise list and
 * its flashcard counts that answer as a good review (FSRS decides when it comes back); missed again, it returns to
 * the list and its card lapses.
 */
export function recordQuizAttempt(
  p: Progress,
  lesson: string,
  score: number,
  missedQuestionIds: readonly string[],
  nowIso: string,
  rightQuestionIds: readonly string[] = [],
  review?: CardReview,
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
  const cards = { ...p.cards };
  const now = new Date(nowIso);
  for (const question of missedQuestionIds) {
    const key = `${lesson}/${question}`;
    const known = missed[key];
    if (!known) missed[key] = { lesson, question, at: nowIso };
    else if (known.resolved) {
      missed[key] = { lesson, question, at: nowIso };
      const cardId = missedCardId(key);
      if (cards[cardId] && review) cards[cardId] = review(cards[cardId], 1, now);
    }
  }
  for (const question of rightQuestionIds) {
    const key = `${lesson}/${question}`;
    const known = missed[key];
    if (!known || known.resolved) continue;
    missed[key] = { ...known, resolved: nowIso };
    const cardId = missedCardId(key);
    if (review) cards[cardId] = review(cards[cardId], 3, now);
  }
  return { ...p, quizzes: { ...p.quizzes, [lesson]: record }, missed, cards };
}

/**
 * The flashcard reviews of an attempt already recorded at `nowIso` by recordQuizAttempt without a scheduler: a card
 * missed again is reviewed "again", one whose question is now answered right is reviewed "good". Together the two give
 * what recordQuizAttempt gives with `review`; the score is saved first, so leaving the page at once loses nothing.
 */
export function reviewAttemptCards(
  p: Progress,
  lesson: string,
  missedQuestionIds: readonly string[],
  rightQuestionIds: readonly string[],
  nowIso: string,
  review: CardReview,
): Progress {
  const cards = { ...p.cards };
  const now = new Date(nowIso);
  let changed = false;
  for (const question of missedQuestionIds) {
    const key = `${lesson}/${question}`;
    const cardId = missedCardId(key);
    const m = p.missed[key];
    // Missed again in this attempt (an existing card: a first miss has none yet).
    if (m && !m.resolved && m.at === nowIso && cards[cardId]) {
      cards[cardId] = review(cards[cardId], 1, now);
      changed = true;
    }
  }
  for (const question of rightQuestionIds) {
    const key = `${lesson}/${question}`;
    const cardId = missedCardId(key);
    if (p.missed[key]?.resolved === nowIso) {
      cards[cardId] = review(cards[cardId], 3, now);
      changed = true;
    }
  }
  return changed ? { ...p, cards } : p;
}

/** The questions still to revise: missed and not yet answered right at the first try since. */
export function toRevise(p: Progress): MissedQuestion[] {
  return Object.values(p.missed).filter((m) => !m.resolved);
}

export function setPrediction(p: Progress, key: string, choice: number, nowIso: string): Progress {
  if (p.predictions[key]?.choice === choice) return p;
  return { ...p, predictions: { ...p.predictions, [key]: { choice, at: nowIso } } };
}

export function clearPrediction(p: Progress, key: string): Progress {
  if (!p.predictions[key]) return p;
  const { [key]: _dropped, ...rest } = p.predictions;
  return { ...p, predictions: rest };
}

export function setQuizDraft(p: Progress, lesson: string, draft: QuizDraft): Progress {
  return { ...p, quizDrafts: { ...p.quizDrafts, [lesson]: draft } };
}

/** Records where the learner is; a move within the same section changes nothing (no write). */
export function setPlace(p: Progress, lesson: string, section: string, nowIso: string): Progress {
  if (p.place && p.place.lesson === lesson && p.place.section === section) return p;
  return { ...p, place: { lesson, section, at: nowIso } };
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
  const missed = { ...current.missed };
  const lastChange = (m: MissedQuestion) => Math.max(Date.parse(m.at), m.resolved ? Date.parse(m.resolved) : -Infinity);
  for (const [key, theirs] of Object.entries(incoming.missed)) {
    const mine = missed[key];
    if (!mine || lastChange(theirs) > lastChange(mine)) missed[key] = theirs;
  }
  const predictions = { ...current.predictions };
  for (const [key, theirs] of Object.entries(incoming.predictions)) {
    const mine = predictions[key];
    if (!mine || Date.parse(theirs.at) > Date.parse(mine.at)) predictions[key] = theirs;
  }
  const place =
    !current.place || (incoming.place && Date.parse(incoming.place.at) > Date.parse(current.place.at)) ? incoming.place : current.place;
  const cards = { ...current.cards };
  for (const [id, theirs] of Object.entries(incoming.cards)) {
    const mine = cards[id];
    const reviewed = (c: StoredCard) => (c.last_review ? Date.parse(c.last_review) : -Infinity);
    if (!mine || reviewed(theirs) > reviewed(mine)) cards[id] = theirs;
  }
  // A quiz in progress belongs to this browser's open page: an imported file never replaces it.
  return {
    version: PROGRESS_VERSION,
    lessonsRead,
    quizzes,
    missed,
    cards,
    predictions,
    quizDrafts: current.quizDrafts,
    place: place ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Export / import files.

export interface ProgressFile {
  kind: typeof EXPORT_KIND;
  version: typeof PROGRESS_VERSION;
  exportedAt: string;
  progress: Progress;
}

/** The exported file (quizzes in progress stay in the browser: they belong to an open page, not to a record). */
export function exportProgress(p: Progress, nowIso: string): string {
  const file: ProgressFile = { kind: EXPORT_KIND, version: PROGRESS_VERSION, exportedAt: nowIso, progress: { ...p, quizDrafts: {} } };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The largest progress file an import reads: a whole course of progress is a few tens of kilobytes. */
export const MAX_IMPORT_BYTES = 256 * 1024;
/** How many refused names an import message lists (the count covers the rest). */
export const MAX_LISTED_REFUSED = 5;
const MAX_REFUSED_NAME = 60;

export type ImportCheck =
  | { ok: true; progress: Progress }
  | { ok: false; error: 'too-large' | 'not-json' | 'not-progress' | 'invalid' | 'version'; foundVersion?: string };

/** Reads an exported file's text. Nothing is written here; the caller filters, merges and saves. */
export function parseProgressFile(text: string): ImportCheck {
  if (text.length > MAX_IMPORT_BYTES) return { ok: false, error: 'too-large' };
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

/** What the site knows: an imported entry naming anything else is refused (and named in the message). */
export interface Catalogue {
  lessons: ReadonlySet<string>;
  /** `${lesson}/${questionId}` */
  questions: ReadonlySet<string>;
  /** Flashcard ids of glossary terms (term:… and reverse:…). */
  termCards: ReadonlySet<string>;
  /** `${lesson}/${predictId}` */
  predictions: ReadonlySet<string>;
}

export interface KnownPart {
  progress: Progress;
  /** The first few refused names (shortened), and how many were refused in all. */
  refused: string[];
  refusedCount: number;
}

/** Keeps only the entries of an imported file that name lessons, questions, cards and predictions of this site. */
export function keepKnown(p: Progress, known: Catalogue): KnownPart {
  const refused: string[] = [];
  let refusedCount = 0;
  const refuse = (name: string) => {
    refusedCount += 1;
    if (refused.length < MAX_LISTED_REFUSED) refused.push(clip(name, MAX_REFUSED_NAME));
  };
  const filter = <T>(record: Record<string, T>, ok: (key: string, value: T) => boolean): Record<string, T> =>
    Object.fromEntries(
      Object.entries(record).filter(([key, value]) => {
        if (ok(key, value)) return true;
        refuse(key);
        return false;
      }),
    );
  const isCard = (id: string) => known.termCards.has(id) || (id.startsWith('missed:') && known.questions.has(id.slice('missed:'.length)));
  const progress: Progress = {
    version: PROGRESS_VERSION,
    lessonsRead: filter(p.lessonsRead, (slug) => known.lessons.has(slug)),
    quizzes: filter(p.quizzes, (slug) => known.lessons.has(slug)),
    missed: filter(p.missed, (key, m) => known.questions.has(key) && key === `${m.lesson}/${m.question}`),
    cards: filter(p.cards, (id) => isCard(id)),
    predictions: filter(p.predictions, (key) => known.predictions.has(key)),
    quizDrafts: {},
    place: p.place && known.lessons.has(p.place.lesson) ? p.place : null,
  };
  if (p.place && !progress.place) refuse(p.place.lesson);
  return { progress, refused, refusedCount };
}

/** The same progress, written the same way: used to tell whether an import changed anything. */
export function sameProgress(a: Progress, b: Progress): boolean {
  const stable = (value: unknown): unknown =>
    isRecord(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, stable(value[k])]),
        )
      : Array.isArray(value)
        ? value.map(stable)
        : value;
  return JSON.stringify(stable(a)) === JSON.stringify(stable(b));
}
