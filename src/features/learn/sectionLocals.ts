// Hands the section ids of a page's headings from the page to its heading components during the build, through
// Astro.locals (one object per rendered page): the page sets them from its headings, each heading reads its own.
import { sectionIds } from './sections';

interface WithSections {
  sectionIds?: Map<string, string>;
}

/** Called by the page before rendering its MDX: heading slugs (as the MDX renderer made them) → shared ids. */
export function setSectionIds(locals: object, headings: readonly { depth: number; slug: string }[]): string[] {
  const ids = sectionIds(headings.map((h) => h.depth));
  (locals as WithSections).sectionIds = new Map(headings.map((h, i) => [h.slug, ids[i]!]));
  return ids;
}

/** The shared id of the heading the MDX renderer gave `slug`; the slug itself when the page set no ids. */
export function sectionIdFor(locals: object, slug: unknown): string | undefined {
  const key = typeof slug === 'string' ? slug : undefined;
  return (key && (locals as WithSections).sectionIds?.get(key)) ?? key;
}
