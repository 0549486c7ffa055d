// Keeps a student's rounds in localStorage so a reload or a language switch does not lose them.
// Storage may be full, disabled or corrupt: every access is guarded, what is read is validated, and an
// unreadable value is set aside (as learn progress is), never deleted.
import { z } from 'zod';
import { decisionValueSchema, type Decision } from './resultFile';

const KEY_PREFIX = 'crm-lab:teach:';
const CONTROL_ID = /^[A-Za-z][A-Za-z0-9_-]{0,40}(\.[A-Za-z][A-Za-z0-9_-]{0,40}){0,3}$/;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export interface Progress {
  seed: string;
  locks: string[];
  decisions: Decision[];
}

const progressSchema = z
  .object({
    seed: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
    locks: z.array(z.string().regex(CONTROL_ID)).max(80),
    decisions: z
      .array(
        z.record(
          z
            .string()
            .regex(CONTROL_ID)
            .refine((k) => !k.split('.').some((p) => FORBIDDEN.has(p))),
          decisionValueSchema,
        ),
      )
      .max(40),
  })
  .strict();

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
    const parsed = progressSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return { ok: true, progress: parsed.data };
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

export function clearProgress(scenarioId: string): void {
  const store = storage();
  if (store === null) return;
  try {
    store.removeItem(KEY_PREFIX + scenarioId);
  } catch {
    // Nothing to do: storage is unavailable.
  }
}
