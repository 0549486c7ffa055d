// Buttons pressed before their island has hydrated (its code still loading): the press and the answer around it are
// recorded on the button, which says it is loading, and the island replays them once it runs. Plain DOM; no state.
export const EARLY_ATTR = 'data-early';
const PENDING_ATTR = 'data-early-pending';
const VALUES_ATTR = 'data-early-values';
/** Text kept per typed field: enough for any answer, and a bound on what a press can store. */
const MAX_TEXT = 200;

/** The answer around an early press, read when it happened (hydration may reset controlled inputs before replay). */
export interface EarlyPress {
  /** Values of the checked boxes and radios in the button's fieldset or section, in page order. */
  checked: string[];
  /** Values of its text fields, in page order. */
  text: string[];
}

function snapshot(button: Element): EarlyPress {
  const scope = button.closest('fieldset, section') ?? button.parentElement;
  const inputs = scope ? [...scope.querySelectorAll<HTMLInputElement>('input')] : [];
  return {
    checked: inputs.filter((i) => (i.type === 'radio' || i.type === 'checkbox') && i.checked).map((i) => i.value),
    text: inputs.filter((i) => i.type === 'text').map((i) => i.value.slice(0, MAX_TEXT)),
  };
}

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
      button.setAttribute(VALUES_ATTR, JSON.stringify(snapshot(button)));
      button.setAttribute('aria-busy', 'true');
      const note = button.getAttribute(EARLY_ATTR);
      if (note) doc.getElementById(note)?.removeAttribute('hidden');
    },
    true,
  );
}

function readValues(raw: string | null): EarlyPress {
  try {
    const v = JSON.parse(raw ?? '') as Partial<EarlyPress>;
    const strings = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
    return { checked: strings(v.checked), text: strings(v.text) };
  } catch {
    return { checked: [], text: [] };
  }
}

/**
 * The press made on `button` before hydration, with the answer it was made with, or null when there was none. The
 * marks and the loading note are cleared, so it is replayed once. The island calls this when it mounts.
 */
export function takeEarlyClick(button: Element | null | undefined): EarlyPress | null {
  if (!button?.hasAttribute(PENDING_ATTR)) return null;
  const press = readValues(button.getAttribute(VALUES_ATTR));
  button.removeAttribute(PENDING_ATTR);
  button.removeAttribute(VALUES_ATTR);
  button.removeAttribute('aria-busy');
  const note = button.getAttribute(EARLY_ATTR);
  if (note) button.ownerDocument.getElementById(note)?.setAttribute('hidden', '');
  return press;
}
