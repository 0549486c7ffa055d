// Where the language switch leads: the other language's page, with this page's query string and the reader's place —
// the last section heading (marked data-section, with an id both languages share) above the reading line, or, on a
// page without such headings, the current hash. Plain DOM reading; it changes nothing itself.

/** A heading counts as the one being read once it has passed this share of the window's height. */
export const READING_LINE = 0.3;

/** The id of the section being read, or null at the top of the page (or when the page has no shared section ids). */
export function currentSection(doc: Document, win: Pick<Window, 'innerHeight'>): string | null {
  let found: string | null = null;
  const line = win.innerHeight * READING_LINE;
  for (const el of doc.querySelectorAll<HTMLElement>('main [data-section][id]')) {
    if (el.getBoundingClientRect().top <= line) found = el.id;
    else break;
  }
  return found;
}

/** The URL the switch link should open (path of `href`, this page's query, the place as hash). */
export function switchTarget(href: string, doc: Document, win: Pick<Window, 'innerHeight' | 'location'>): string {
  const target = new URL(href, win.location.href);
  target.search = win.location.search;
  const hasSections = doc.querySelector('main [data-section][id]') !== null;
  const section = hasSections ? currentSection(doc, win) : null;
  target.hash = hasSections ? (section ? `#${section}` : '') : win.location.hash;
  return target.pathname + target.search + target.hash;
}
