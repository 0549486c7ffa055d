// Browser glue between a lab's validated state and the page URL (history.replaceState).
// Only the labs' Svelte components call this; embedded labs (inside <Predict>) never write the URL.
import { parseState, serializeState, type ParseResult, type Schema, type StateOf } from './urlState';

/** Reads the state from an explicit query (embedded lab) or from the page URL (stand-alone lab). */
export function readState<S extends Schema>(schema: S, query: string | null | undefined): ParseResult<S> {
  const search = query ?? (typeof location === 'undefined' ? '' : location.search);
  return parseState(schema, search);
}

/** Replaces the query of the current history entry; a browser that refuses is simply ignored. */
export function writeState<S extends Schema>(schema: S, state: StateOf<S>): void {
  try {
    const qs = serializeState(schema, state);
    const next = `${location.pathname}?${qs}${location.hash}`;
    if (next !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, '', next);
  } catch {
    // Some embedded browsers throttle or forbid replaceState; the lab keeps working without it.
  }
}
