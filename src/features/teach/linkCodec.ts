// The teacher's link: `?v=1&seed=…&lock=a,b` on a scenario page, read and written by the one kit codec.
// Bad input never throws: it yields the scenario's defaults plus the problems the shared notice shows.
import { parseQuery, serializeQuery, type Schema, type UrlProblem } from '@/kit/urlState';

/** Seeds are short, URL-safe and readable aloud in class (letters, digits, - and _). */
export const SEED_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

export interface LinkState {
  seed: string;
  /** Extra locked control ids (the scenario's own locks always apply as well). */
  locks: string[];
}

export interface LinkParseResult {
  state: LinkState;
  problems: UrlProblem[];
  problemCount: number;
  /** True when the URL asked for something (a seed or locks) that was applied. */
  custom: boolean;
}

export function isValidSeed(seed: string): boolean {
  return SEED_PATTERN.test(seed);
}

/** The link's schema for one scenario: its seed, and the controls a teacher may lock (see locks.ts). */
function linkSchema(defaults: { seed: string; lockable: readonly string[] }) {
  return {
    seed: { kind: 'string', pattern: SEED_PATTERN, default: defaults.seed },
    lock: {
      kind: 'list',
      item: { kind: 'enum', values: defaults.lockable, default: '' },
      set: true,
      omitDefault: true,
      default: [] as string[],
    },
  } satisfies Schema;
}

/**
 * Reads `?v=1&seed=…&lock=…` for a scenario. `lockable` are the control ids a teacher may lock
 * (lockableIds of the scenario's controls). Unknown or invalid parts are reported and dropped; the rest applies.
 */
export function parseLink(search: string, defaults: { seed: string; lockable: readonly string[] }): LinkParseResult {
  const r = parseQuery(linkSchema(defaults), search);
  const state: LinkState = { seed: r.state.seed, locks: r.state.lock };
  return { state, problems: r.problems, problemCount: r.problemCount, custom: r.applied.includes('seed') || state.locks.length > 0 };
}

/** The query string (with leading `?`) for a seed and locks; locks sorted for stable links. */
export function buildQuery(state: LinkState): string {
  return `?${serializeQuery(linkSchema({ seed: state.seed, lockable: state.locks }), { seed: state.seed, lock: state.locks })}`;
}

/** A fresh seed for the link builder, from the browser's crypto source (not the model's RNG). */
export function newSeed(randomBytes: (n: number) => Uint8Array): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(8);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}
