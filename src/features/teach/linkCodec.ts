// The teacher's link: `?v=1&seed=…&lock=a,b` on a scenario page. Encodes and validates it.
// Bad input never throws: it yields the scenario's defaults plus a list of problems to show.

export const LINK_VERSION = 1;
/** Seeds are short, URL-safe and readable aloud in class (letters, digits, - and _). */
export const SEED_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

export interface LinkState {
  seed: string;
  /** Extra locked control ids (the scenario's own locks always apply as well). */
  locks: string[];
}

export type LinkProblem =
  | { kind: 'version'; value: string }
  | { kind: 'seed'; value: string }
  | { kind: 'lock'; value: string }
  | { kind: 'unknownParam'; value: string };

export interface LinkParseResult {
  state: LinkState;
  problems: LinkProblem[];
  /** True when the URL asked for something (seed or locks) that we applied. */
  custom: boolean;
}

export function isValidSeed(seed: string): boolean {
  return SEED_PATTERN.test(seed);
}

const KNOWN_PARAMS = new Set(['v', 'seed', 'lock']);

/**
 * Reads `?v=1&seed=…&lock=…` for a scenario. `lockable` are the control ids a teacher may lock
 * (visible and not already locked by the scenario). Unknown or invalid parts are reported and
 * dropped; the rest still applies.
 */
export function parseLink(search: string, defaults: { seed: string; lockable: readonly string[] }): LinkParseResult {
  const params = new URLSearchParams(search);
  const problems: LinkProblem[] = [];
  const state: LinkState = { seed: defaults.seed, locks: [] };
  let custom = false;

  for (const key of new Set(params.keys())) {
    if (!KNOWN_PARAMS.has(key)) problems.push({ kind: 'unknownParam', value: key.slice(0, 40) });
  }
  const version = params.get('v');
  if (version !== null && version !== String(LINK_VERSION)) {
    problems.push({ kind: 'version', value: version.slice(0, 40) });
    return { state, problems, custom: false };
  }
  const seed = params.get('seed');
  if (seed !== null) {
    if (isValidSeed(seed)) {
      state.seed = seed;
      custom = true;
    } else {
      problems.push({ kind: 'seed', value: seed.slice(0, 40) });
    }
  }
  const lock = params.get('lock');
  if (lock !== null && lock !== '') {
    const lockable = new Set(defaults.lockable);
    for (const id of lock.split(',').slice(0, 50)) {
      if (lockable.has(id)) {
        if (!state.locks.includes(id)) state.locks.push(id);
        custom = true;
      } else {
        problems.push({ kind: 'lock', value: id.slice(0, 40) });
      }
    }
  }
  return { state, problems, custom };
}

/** The query string (with leading `?`) for a seed and locks; locks sorted for stable links. */
export function buildQuery(state: LinkState): string {
  const params = new URLSearchParams();
  params.set('v', String(LINK_VERSION));
  params.set('seed', state.seed);
  if (state.locks.length > 0) params.set('lock', [...state.locks].sort().join(','));
  return `?${params.toString()}`;
}

/** A fresh seed for the link builder, from the browser's crypto source (not the model's RNG). */
export function newSeed(randomBytes: (n: number) => Uint8Array): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(8);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}
