// Browser glue between a lab's validated state and the page URL (history.replaceState).
// Only the labs' Svelte components call this; embedded labs (inside <Predict>) never write the URL.
import { parseState, serializeState, type ParseResult, type Schema, type StateOf } from './urlState';

/** Reads the state from an explicit query (embedded lab) or from the page URL (stand-alone lab). */
export function readState<S extends Schema>(schema: S, query: string | null | undefined): ParseResult<S> {
  const search = query ?? (typeof location === 'undefined' ? '' : location.search);
  return parseState(schema, search);
}

let pending: ReturnType<typeof setTimeout> | undefined;

/**
 * Replaces the query of the current history entry. The state is serialised at once (so a Svelte
 * $effect calling this tracks every field) but written after a short pause: browsers throttle
 * rapid replaceState calls while a slider is dragged, which could leave a stale URL behind.
 */
export function writeState<S extends Schema>(schema: S, state: StateOf<S>): void {
  const qs = serializeState(schema, state);
  clearTimeout(pending);
  pending = setTimeout(() => {
    try {
      const next = `${location.pathname}?${qs}${location.hash}`;
      if (next !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, '', next);
    } catch {
      // Some embedded browsers forbid replaceState; the lab keeps working without it.
    }
  }, 150);
}
