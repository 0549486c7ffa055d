// Section ids shared by both languages of a page: headings numbered by position (h2 → s-3, an h3 under it → s-3-2), so
// the same place has the same id in English and Chinese whatever the headings say; and a lesson's MDX split into its
// sections, for the quiz's "reread the section" hint. Pure text handling: no DOM, no content collections.

/** An id made by sectionIds (what the language switch and "continue" may carry in a URL hash). */
export const SECTION_ID = /^s-\d{1,3}(?:-\d{1,3}){0,2}$/;

/** Ids of headings in document order, from their depths (2 = h2, 3 = h3, 4 = h4). */
export function sectionIds(depths: readonly number[]): string[] {
  const counters = [0, 0, 0];
  return depths.map((depth) => {
    const level = Math.min(Math.max(depth, 2), 4) - 2;
    counters[level] = (counters[level] ?? 0) + 1;
    for (let i = level + 1; i < counters.length; i++) counters[i] = 0;
    return `s-${counters.slice(0, level + 1).join('-')}`;
  });
}

export interface Section {
  id: string;
  depth: number;
  /** The heading as plain text (markup removed). */
  title: string;
  /** The section's own text, up to the next heading. */
  text: string;
}

const HEADING = /^(#{2,4})\s+(.+?)\s*#*\s*$/;

/** Markup left out of titles and texts: tags, emphasis, code marks and link targets. */
export function plainText(md: string): string {
  return md
    .replace(/<[^>]*>/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The sections of an MDX body (headings inside fenced code are not headings), with ids as sectionIds gives them. */
export function splitSections(body: string): Section[] {
  const found: { depth: number; title: string; lines: string[] }[] = [];
  let fenced = false;
  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const m = fenced ? null : HEADING.exec(line);
    if (m) found.push({ depth: m[1]!.length, title: plainText(m[2]!), lines: [] });
    else found[found.length - 1]?.lines.push(line);
  }
  const ids = sectionIds(found.map((s) => s.depth));
  return found.map((s, i) => ({ id: ids[i]!, depth: s.depth, title: s.title, text: plainText(s.lines.join('\n')) }));
}

const STOP = new Set(
  'about above after again also among because been before being between both could does each from have having into more most much only other over same should some such than that their them then there these they this those through under very what when where which while with would your which will were what'.split(
    ' ',
  ),
);

/** Words (Latin script, four letters or more, not the commonest) and pairs of Han characters: what two texts share. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const w of text.toLowerCase().match(/[a-z][a-z-]{3,}/g) ?? []) if (!STOP.has(w)) out.push(w.replace(/(ing|ed|es|s)$/, ''));
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  return out;
}

/**
 * The section whose text shares most with `about` (a question, its answer and its explanation), words weighted by how
 * rare they are across the lesson; null when nothing is shared. Used only to point a learner back to the text.
 */
export function closestSection(sections: readonly Section[], about: string): Section | null {
  const bags = sections.map((s) => new Set(tokens(`${s.title} ${s.text}`)));
  const query = new Set(tokens(about));
  let best: Section | null = null;
  let bestScore = 0;
  sections.forEach((s, i) => {
    let score = 0;
    for (const tok of query) {
      if (!bags[i]!.has(tok)) continue;
      const spread = bags.filter((b) => b.has(tok)).length;
      score += Math.log(1 + sections.length / spread);
    }
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  });
  return best;
}
