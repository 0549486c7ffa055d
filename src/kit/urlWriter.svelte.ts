// The one writer of a page's URL query: history.replaceState after a short pause, in an idle moment, and a reactive
// sync that bridges (LabState, ConceptLabState) start in onMount. It never throws and never adds history entries.

/** Browsers throttle rapid replaceState calls while a slider is dragged; one write after a pause is enough. */
export const WRITE_DELAY_MS = 150;
/** After the pause the write waits for an idle moment, but never longer than this (a busy page still gets its link). */
export const IDLE_TIMEOUT_MS = 1000;

let pending: ReturnType<typeof setTimeout> | undefined;
let idle: number | undefined;

function write(query: string): void {
  try {
    const next = `${location.pathname}?${query}${location.hash}`;
    if (next !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, '', next);
  } catch {
    // A sandboxed iframe (an LMS) may forbid replaceState: the page keeps working, only the link is not updated.
  }
}

/**
 * Replaces the query of the current history entry (keeping path and hash) after `delayMs`, in the next idle moment
 * where the browser has requestIdleCallback. In Chromium a replaceState costs several milliseconds of the main thread
 * (a same-document navigation, and the favicon fetched and decoded again), so it must not land between a change and
 * the frame that shows it.
 */
export function replaceQuery(query: string, delayMs = WRITE_DELAY_MS): void {
  cancelQueryWrite();
  pending = setTimeout(() => {
    pending = undefined;
    const whenIdle = globalThis.requestIdleCallback;
    if (typeof whenIdle !== 'function') write(query);
    else
      idle = whenIdle(
        () => {
          idle = undefined;
          write(query);
        },
        { timeout: IDLE_TIMEOUT_MS },
      );
  }, delayMs);
}

/** Drops a write that has not happened yet (the page is being left or the bridge disposed). */
export function cancelQueryWrite(): void {
  clearTimeout(pending);
  pending = undefined;
  if (idle !== undefined) globalThis.cancelIdleCallback?.(idle);
  idle = undefined;
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
