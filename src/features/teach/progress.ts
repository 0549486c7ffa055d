// Keeps a student's rounds in localStorage so a reload or a language switch does not lose them.
// Storage may be full, disabled or corrupt: every access is guarded, what is read is checked here for its shape only
// (ScenarioRunState.restore() then checks every control and value against the scenario), and an unreadable value is
// set aside (as learn progress is), never deleted.
import { LEVELS } from '@sim/market';
import { RESERVED_KEYS } from '@sim/text';
import { MAX_ROUNDS } from '@sim/limits';
import type { Decision } from './resultFile';

const KEY_PREFIX = 'crm-lab:teach:';
const SEED = /^[A-Za-z0-9_-]{1,40}$/;
const CONTROL_ID = /^[A-Za-z][A-Za-z0-9_-]{0,40}(\.[A-Za-z][A-Za-z0-9_-]{0,40}){0,3}$/;
const MAX_CONTROLS = 80;

export interface Progress {
  seed: string;
  locks: string[];
  decisions: Decision[];
}

const isControlId = (k: unknown): k is string =>
  typeof k === 'string' && CONTROL_ID.test(k) && !k.split('.').some((p) => RESERVED_KEYS.has(p));
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

function isDecision(v: unknown): v is Decision {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return (
    keys.length <= MAX_CONTROLS &&
    keys.every((k) => {
      const x = v[k];
      return isControlId(k) && ((typeof x === 'number' && Number.isFinite(x)) || (LEVELS as readonly unknown[]).includes(x));
    })
  );
}

/** The shape of saved rounds (exactly these three fields, each within its bounds), or null. */
function readProgress(v: unknown): Progress | null {
  if (!isPlainObject(v) || Object.keys(v).length !== 3) return null;
  const { seed, locks, decisions } = v;
  if (typeof seed !== 'string' || !SEED.test(seed)) return null;
  if (!Array.isArray(locks) || locks.length > MAX_CONTROLS || !locks.every(isControlId)) return null;
  if (!Array.isArray(decisions) || decisions.length > MAX_ROUNDS || !decisions.every(isDecision)) return null;
  return { seed, locks: [...locks], decisions: decisions.map((d) => ({ ...d })) };
}

/** Where an unreadable value is kept: the first free slot (a second, different one never replaces the first). */
export const unreadableKey = (scenarioId: string, slot: number) =>
  `${KEY_PREFIX}${scenarioId}:unreadable${slot === 0 ? '' : `:${slot + 1}`}`;
export const UNREADABLE_SLOTS = 3;

/**
 * `setAside`: the unreadable value was copied to an unreadable slot and the rounds start afresh; false when there was
 * no room, in which case it stays where it was and the player must not save over it.
 */
export type LoadResult = { ok: true; progress: Progress | null } | { ok: false; problem: 'corrupt'; setAside: boolean };

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Saved rounds of a scenario, or null; a corrupt entry is set aside (kept under an unreadable key) and reported. */
export function loadProgress(scenarioId: string): LoadResult {
  const store = storage();
  if (store === null) return { ok: true, progress: null };
  let raw: string | null;
  try {
    raw = store.getItem(KEY_PREFIX + scenarioId);
  } catch {
    return { ok: true, progress: null };
  }
  if (raw === null) return { ok: true, progress: null };
  try {
    const progress = readProgress(JSON.parse(raw));
    if (progress !== null) return { ok: true, progress };
  } catch {
    // Falls through: unreadable JSON is treated like any other corrupt entry.
  }
  return { ok: false, problem: 'corrupt', setAside: setAside(store, scenarioId, raw) };
}

/** Copies an unreadable value to the first free slot (or finds it already there), then clears the scenario's key. */
function setAside(store: Storage, scenarioId: string, raw: string): boolean {
  try {
    for (let slot = 0; slot < UNREADABLE_SLOTS; slot++) {
      const held = store.getItem(unreadableKey(scenarioId, slot));
      if (held === raw || held === null) {
        if (held === null) store.setItem(unreadableKey(scenarioId, slot), raw);
        store.removeItem(KEY_PREFIX + scenarioId);
        return true;
      }
    }
  } catch {
    // Full or refused: the value stays where it was.
  }
  return false;
}

/** Returns null on success, or 'refused' when the browser would not store (full or disabled). */
export function saveProgress(scenarioId: string, progress: Progress): 'refused' | null {
  const store = storage();
  if (store === null) return null;
  try {
    store.setItem(KEY_PREFIX + scenarioId, JSON.stringify(progress));
    return null;
  } catch {
    return 'refused';
  }
}

/** Where a player keeps its rounds: this browser's storage on the site, the LMS inside a SCORM package. */
export interface ProgressStore {
  loadProgress(scenarioId: string): LoadResult;
  saveProgress(scenarioId: string, progress: Progress): 'refused' | null;
  clearProgress(scenarioId: string): void;
}

/** The site's store (the player's default). */
export const browserProgress: ProgressStore = { loadProgress, saveProgress, clearProgress };

export function clearProgress(scenarioId: string): void {
  const store = storage();
  if (store === null) return;
  try {
    store.removeItem(KEY_PREFIX + scenarioId);
  } catch {
    // Nothing to do: storage is unavailable.
  }
}
