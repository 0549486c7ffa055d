// Buttons pressed before their island has hydrated (its code still loading): the press is recorded on the button,
// which says it is loading, and the island replays it once it runs. Plain DOM; no framework code and no state.
export const EARLY_ATTR = 'data-early';
const PENDING_ATTR = 'data-early-pending';

/** Listens (once per document) for presses on `button[data-early]` inside an island that is not yet hydrated. */
export function recordEarlyClicks(doc: Document): void {
  const root = doc.documentElement;
  if (root.hasAttribute('data-early-clicks')) return;
  root.setAttribute('data-early-clicks', '');
  doc.addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element ? event.target.closest(`button[${EARLY_ATTR}]`) : null;
      // Astro removes `ssr` from an island once it has hydrated: from then on the island handles its own clicks.
      if (!button || !button.closest('astro-island[ssr]')) return;
      event.preventDefault();
      button.setAttribute(PENDING_ATTR, '');
      button.setAttribute('aria-busy', 'true');
      const note = button.getAttribute(EARLY_ATTR);
      if (note) doc.getElementById(note)?.removeAttribute('hidden');
    },
    true,
  );
}

/**
 * True when `button` was pressed before hydration; the mark and the loading note are cleared, so it is replayed once.
 * The island calls this when it mounts.
 */
export function takeEarlyClick(button: Element | null | undefined): boolean {
  if (!button?.hasAttribute(PENDING_ATTR)) return false;
  button.removeAttribute(PENDING_ATTR);
  button.removeAttribute('aria-busy');
  const note = button.getAttribute(EARLY_ATTR);
  if (note) button.ownerDocument.getElementById(note)?.setAttribute('hidden', '');
  return true;
}
