// Embed views: the address of a page's chrome-free twin (/<locale>/embed/…) and the HTML a teacher pastes
// into a course page. Pure string work for the link builder and tests; no DOM, and no input is trusted as markup.
import { CONCEPT_LAB_IDS } from '@/features/concept-labs/registry';
import { escapeHtml } from '@/kit/html';

/** The message an embed view posts to its parent whenever its height changes (src/layouts/Base.astro). */
export const EMBED_SIZE_MESSAGE = 'crm-lab:embed-size';

/** A height that fits a lab's controls and first figures in a typical course page column. */
export const DEFAULT_FRAME_HEIGHT = 640;

/** The pages that have an embed view: the lab, the five concept labs and each scenario's play page. */
const EMBEDDABLE = new RegExp(`^/(en|zh-cn)/(lab/(?:(?:${CONCEPT_LAB_IDS.join('|')})/)?|teach/(?!board/|link/)[a-z0-9-]+/)$`);

/**
 * The embed view of a full page's URL, keeping its query and hash: `/en/lab/clv/?v=1` becomes
 * `/en/embed/lab/clv/?v=1` (under the base, if any). Null for a page that has no embed view.
 */
export function embedUrl(href: string, base = '/'): string | null {
  const baseSlash = base.endsWith('/') ? base : `${base}/`;
  const u = new URL(href, 'http://relative.invalid');
  if (!u.pathname.startsWith(baseSlash)) return null;
  const path = `/${u.pathname.slice(baseSlash.length)}`;
  const m = EMBEDDABLE.exec(path);
  if (!m) return null;
  u.pathname = `${baseSlash}${m[1]}/embed/${m[2]}`;
  return u.origin === 'http://relative.invalid' ? u.pathname + u.search + u.hash : u.href;
}

/** One view a teacher can embed, as the embed page lists it. */
export interface EmbedView {
  /** The view's path after the locale, e.g. `lab/`, `lab/clv/` or `teach/budget-cut/`. */
  view: string;
  name: string;
  group: 'labs' | 'scenarios';
}

/** What a pasted link gives: the embed view's URL and the view's key (`lab/clv/`), or why not. */
export type PastedLink = { ok: true; src: string; view: string } | { ok: false; problem: 'invalid' | 'foreign' | 'not-embeddable' };

/**
 * Reads a link a teacher pasted (a lab set up as wanted, a class link): it must be an address of this
 * site (`origin`, under `base`) with an embed view. The view key is the path after the locale.
 */
export function embedFromLink(link: string, origin: string, base = '/'): PastedLink {
  let u: URL;
  try {
    u = new URL(link.trim());
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, problem: 'invalid' };
  if (u.origin !== origin) return { ok: false, problem: 'foreign' };
  const src = embedUrl(u.href, base);
  if (src === null) return { ok: false, problem: 'not-embeddable' };
  const baseSlash = base.endsWith('/') ? base : `${base}/`;
  const view = u.pathname.slice(baseSlash.length).replace(/^(en|zh-cn)\//, '');
  return { ok: true, src, view };
}

export interface SnippetOptions {
  /** Absolute URL of the embed view. */
  src: string;
  /** The frame's accessible name (screen readers announce it on entering the frame). */
  title: string;
  height?: number;
  /** Add the few lines that let the frame follow its content's height. */
  resize?: boolean;
}

/**
 * The `<iframe>` for a course page, and optionally a script that resizes it to the height the view
 * reports, accepting messages only from the view's own origin and only a bounded number.
 */
export function iframeSnippet({ src, title, height = DEFAULT_FRAME_HEIGHT, resize = false }: SnippetOptions): string {
  const frame =
    `<iframe src="${escapeHtml(src)}" title="${escapeHtml(title)}" width="100%" height="${Math.round(height)}" ` +
    `style="border: 1px solid #c9d0d9; max-width: 100%;" loading="lazy" allow="clipboard-write"></iframe>`;
  if (!resize) return frame;
  const origin = new URL(src).origin;
  const script = [
    '<script>',
    'addEventListener("message", function (e) {',
    `  if (e.origin !== ${JSON.stringify(origin)} || !e.data || e.data.type !== ${JSON.stringify(EMBED_SIZE_MESSAGE)}) return;`,
    '  var h = Number(e.data.height);',
    '  if (!(h > 0 && h < 20000)) return;',
    '  document.querySelectorAll("iframe").forEach(function (f) {',
    '    if (f.contentWindow === e.source) f.style.height = Math.ceil(h) + "px";',
    '  });',
    '});',
    '</script>',
  ].join('\n');
  return `${frame}\n${script}`;
}
