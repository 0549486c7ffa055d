// The concept labs' challenge progress in the browser, under its own versioned key (the learn progress has no place
// for labs): which challenges were solved, missed and shown. Like the learn progress it never throws at a page and
// never drops what was stored: a value it cannot read is copied aside before anything overwrites it. The storage is
// passed in (tests pass fakes that fail on purpose).
import { isQuotaError } from '@/features/learn/progress';
import { setAside } from '@/kit/setAside';
import type { ChallengeRecord } from './core';

export const CHALLENGES_VERSION = 1;
export const CHALLENGES_KEY = 'crm-lab:labs:challenges';
/** Where an unreadable value is kept as found (up to three different ones; a fourth means nothing is written). */
export const CHALLENGES_UNREADABLE_KEY = 'crm-lab:labs:challenges:unreadable';
export const UNREADABLE_SLOTS = 3;
export const unreadableKey = (slot: number) => (slot === 0 ? CHALLENGES_UNREADABLE_KEY : `${CHALLENGES_UNREADABLE_KEY}:${slot + 1}`);
/** More records than all labs could ever have: a larger value is not ours. */
export const MAX_RECORDS = 200;

export interface ChallengeProgress {
  version: typeof CHALLENGES_VERSION;
  /** `<lab>/<challenge>` → what the learner did. */
  records: Record<string, ChallengeRecord>;
}

export type ChallengeProgressStatus =
  /** Read and saved normally. */
  | 'ok'
  /** localStorage is off or throws: progress lasts as long as the page. */
  | 'unavailable'
  /** The stored value was unreadable (or from another version); it was set aside and progress starts afresh. */
  | 'set-aside'
  /** The unreadable value could not be set aside, so nothing is written, to keep it. */
  | 'read-only'
  /** The browser refused the last save (storage full); progress lives on in the page. */
  | 'full';

export function emptyChallengeProgress(): ChallengeProgress {
  return { version: CHALLENGES_VERSION, records: {} };
}

/** `<lab>/<challenge>`, short, lower-case words and dashes only (so no `__proto__` and the like). */
export const RECORD_ID = /^[a-z][a-z-]{0,30}\/[a-z][a-z0-9-]{0,40}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIso = (v: unknown): v is string => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v));

function isRecord(v: unknown): v is ChallengeRecord {
  return (
    isObject(v) &&
    Number.isInteger(v.wrong) &&
    (v.wrong as number) >= 0 &&
    (v.wrong as number) <= 1e6 &&
    typeof v.revealed === 'boolean' &&
    (v.solvedAt === null || isIso(v.solvedAt)) &&
    Object.keys(v).length === 3
  );
}

/** A parsed value checked against the current schema; null when it is not one (or from another version). */
export function validateChallengeProgress(data: unknown): ChallengeProgress | null {
  if (!isObject(data) || data.version !== CHALLENGES_VERSION || !isObject(data.records)) return null;
  const entries = Object.entries(data.records);
  if (entries.length > MAX_RECORDS) return null;
  const records: Record<string, ChallengeRecord> = {};
  for (const [id, record] of entries) {
    if (!RECORD_ID.test(id) || !isRecord(record)) return null;
    records[id] = { wrong: record.wrong, revealed: record.revealed, solvedAt: record.solvedAt };
  }
  return { version: CHALLENGES_VERSION, records };
}

function parse(raw: string): ChallengeProgress | null {
  try {
    return validateChallengeProgress(JSON.parse(raw));
  } catch {
    return null;
  }
}

export interface ChallengeLoad {
  progress: ChallengeProgress;
  status: ChallengeProgressStatus;
  /** False when writing would destroy a value that could not be set aside, or storage is off. */
  canWrite: boolean;
}

export function loadChallengeProgress(storage: Storage | null): ChallengeLoad {
  if (!storage) return { progress: emptyChallengeProgress(), status: 'unavailable', canWrite: false };
  let raw: string | null;
  try {
    raw = storage.getItem(CHALLENGES_KEY);
  } catch {
    return { progress: emptyChallengeProgress(), status: 'unavailable', canWrite: false };
  }
  if (raw === null) return { progress: emptyChallengeProgress(), status: 'ok', canWrite: true };
  const parsed = parse(raw);
  if (parsed) return { progress: parsed, status: 'ok', canWrite: true };

  // Unreadable: keep it exactly as found before anything can overwrite it; with every slot taken, write nothing at all.
  if (!setAside(storage, raw, unreadableKey, UNREADABLE_SLOTS)) {
    return { progress: emptyChallengeProgress(), status: 'read-only', canWrite: false };
  }
  try {
    storage.removeItem(CHALLENGES_KEY);
  } catch {
    // Already set aside: a failed clean-up only means the message shows again next time.
  }
  return { progress: emptyChallengeProgress(), status: 'set-aside', canWrite: true };
}

export type ChallengeSave = 'saved' | 'full' | 'unavailable';

export function saveChallengeProgress(storage: Storage | null, progress: ChallengeProgress): ChallengeSave {
  if (!storage) return 'unavailable';
  try {
    storage.setItem(CHALLENGES_KEY, JSON.stringify(progress));
    return 'saved';
  } catch (error) {
    return isQuotaError(error) ? 'full' : 'unavailable';
  }
}

/** The progress with one record replaced (a new object; the old one is left as it was). */
export function withRecord(progress: ChallengeProgress, id: string, record: ChallengeRecord): ChallengeProgress {
  if (!RECORD_ID.test(id)) throw new RangeError(`not a challenge id: ${id.slice(0, 40)}`);
  return { ...progress, records: { ...progress.records, [id]: record } };
}
