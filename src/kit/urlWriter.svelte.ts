// The one writer of a page's URL query: history.replaceState after a short pause, and a reactive sync
// that bridges (LabState, ConceptLabState) start in onMount. It never throws and never adds history entries.

/** Browsers throttle rapid replaceState calls while a slider is dragged; one write after a pause is enough. */
export const WRITE_DELAY_MS = 150;

let pending: ReturnType<typeof setTimeout> | undefined;

/** Replaces the query of the current history entry (keeping path and hash) after WRITE_DELAY_MS. */
export function replaceQuery(query: string, delayMs = WRITE_DELAY_MS): void {
  clearTimeout(pending);
  pending = setTimeout(() => {
    pending = undefined;
    try {
      const next = `${location.pathname}?${query}${location.hash}`;
      if (next !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, '', next);
    } catch {
      // A sandboxed iframe (an LMS) may forbid replaceState: the page keeps working, only the link is not updated.
    }
  }, delayMs);
}

/** Drops a write that has not happened yet (the page is being left or the bridge disposed). */
export function cancelQueryWrite(): void {
  clearTimeout(pending);
  pending = undefined;
}

/**
 * Writes `query()` to the URL now and whenever it changes. Call once the state has been read from the
 * URL (in onMount); returns the function that stops it.
 */
export function syncQuery(query: () => string): () => void {
  const stop = $effect.root(() => {
    $effect(() => replaceQuery(query()));
  });
  return () => {
    stop();
    cancelQueryWrite();
  };
}
