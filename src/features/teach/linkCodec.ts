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
  /** True when the seed came from the URL (otherwise it is the scenario's own). */
  seedApplied: boolean;
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
  const seedApplied = r.applied.includes('seed');
  return { state, problems: r.problems, problemCount: r.problemCount, custom: seedApplied || state.locks.length > 0, seedApplied };
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

/** What a class link pasted on the board gives: the scenario it opens, its seed and locks, and what was wrong. */
export type ClassLinkResult =
  | { ok: true; scenarioId: string; state: LinkState; problems: UrlProblem[]; problemCount: number }
  | { ok: false; problem: 'notLink' | 'notScenario' };

/** The most of a pasted link that is read (a class link is far shorter; the rest is ignored, never echoed). */
const MAX_LINK_CHARS = 4000;

/**
 * Reads a class link pasted on the board (`…/teach/<id>/?v=1&seed=…&lock=…`, under any host or sub-path).
 * `scenarios` gives each scenario's own seed and the controls a link may lock. Never throws.
 */
export function parseClassLink(
  text: string,
  scenarios: readonly { id: string; seed: string; lockable: readonly string[] }[],
): ClassLinkResult {
  let link: URL;
  try {
    link = new URL(text.trim().slice(0, MAX_LINK_CHARS), 'https://class.invalid/');
  } catch {
    return { ok: false, problem: 'notLink' };
  }
  const match = /\/teach\/([a-z0-9]+(?:-[a-z0-9]+)*)\/(?:[a-z-]+\/)?$/.exec(link.pathname);
  if (!match) return { ok: false, problem: 'notLink' };
  const scenario = scenarios.find((s) => s.id === match[1]);
  if (!scenario) return { ok: false, problem: 'notScenario' };
  const parsed = parseLink(link.search, { seed: scenario.seed, lockable: scenario.lockable });
  return { ok: true, scenarioId: scenario.id, state: parsed.state, problems: parsed.problems, problemCount: parsed.problemCount };
}

/** The link builder's own query, `?v=1&scenario=<id>`: a scenario card opens the builder with its scenario chosen. */
function builderSchema(ids: readonly string[]) {
  return { scenario: { kind: 'enum', values: ids, default: ids[0] ?? '' } } satisfies Schema;
}

export function builderQuery(scenarioId: string): string {
  return `?${serializeQuery(builderSchema([scenarioId]), { scenario: scenarioId })}`;
}

/** The scenario a builder link chooses (the first of `ids` if none or an unknown one), and what was wrong. */
export function parseBuilderQuery(
  search: string,
  ids: readonly string[],
): { scenarioId: string; problems: UrlProblem[]; problemCount: number } {
  const r = parseQuery(builderSchema(ids), search);
  return { scenarioId: r.state.scenario, problems: r.problems, problemCount: r.problemCount };
}
