// Where the language switch leads: the other language's page with this page's query string and the reader's place —
// the section (a heading marked data-section, with an id both languages share) the reader last stayed in, or, on a
// page without such headings, the current hash. Reads the page's headings and scroll; changes nothing on the page.

/** A heading counts as the one being read once it has passed this share of the window's height. */
export const READING_LINE = 0.3;
/** A section counts as read once the reader has stayed in it this long (scrolling past it on the way up does not). */
export const DWELL_MS = 1000;

/** The id of the section being read now, or '' above the first one. */
export function currentSection(doc: Document, win: Pick<Window, 'innerHeight'>): string {
  let found = '';
  const line = win.innerHeight * READING_LINE;
  for (const el of doc.querySelectorAll<HTMLElement>('main [data-section][id]')) {
    if (el.getBoundingClientRect().top <= line) found = el.id;
    else break;
  }
  return found;
}

/**
 * Follows the reader: the section they last stayed in for DWELL_MS. The switch sits in the header, at the top of the
 * page, so reaching it scrolls away from the place; the place is the section read before that. Returns a reader of it
 * (undefined until a section has been stayed in).
 */
export function trackReading(doc: Document, win: Window): () => string | undefined {
  let stayed: string | undefined;
  let now = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const look = () => {
    const next = currentSection(doc, win);
    if (next === now && stayed !== undefined) return;
    now = next;
    clearTimeout(timer);
    timer = setTimeout(() => (stayed = now), DWELL_MS);
  };
  win.addEventListener('scroll', look, { passive: true });
  look();
  return () => stayed;
}

/** The URL the switch link should open: the path of `href`, this page's query, the place as hash. */
export function switchTarget(href: string, doc: Document, win: Pick<Window, 'innerHeight' | 'location'>, stayed?: string): string {
  const target = new URL(href, win.location.href);
  target.search = win.location.search;
  if (doc.querySelector('main [data-section][id]') === null) target.hash = win.location.hash;
  else {
    const section = stayed ?? currentSection(doc, win);
    target.hash = section ? `#${section}` : '';
  }
  return target.pathname + target.search + target.hash;
}

/**
 * Wires every language switch link on the page (the header's, or an embed view's bar): the other language's page at
 * the reader's place, with the same query; the choice is remembered. The href is set at the moment of the click.
 */
export function wireLangSwitch(doc: Document, win: Window): void {
  const stayed = trackReading(doc, win);
  for (const a of doc.querySelectorAll<HTMLAnchorElement>('a[data-lang-switch]')) {
    a.addEventListener('click', () => {
      a.setAttribute('href', switchTarget(a.getAttribute('href') ?? '', doc, win, stayed()));
      try {
        win.localStorage.setItem('crm-lab:lang', a.dataset.langSwitch ?? '');
      } catch {
        // Storage blocked or full: the switch still works, only the choice is not remembered.
      }
    });
  }
}
