// Post-build step (after Astro and Pagefind): Workbox's generateSW writes `sw.js` into a built folder,
// precaching every page, script, style, font, icon and the search index, so the site works offline.
// It never hand-writes worker code and never edits the pages; the page side is src/components/chrome/OfflineNotice.astro.
import { generateSW, getManifest } from 'workbox-build';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** What the precache holds: everything a page, a lab, Teach, the board or search needs with no network. */
export const PRECACHE_GLOBS = [
  '**/*.html',
  '**/*.{js,mjs,css}',
  // KaTeX ships woff2, woff and ttf; every browser with service workers uses woff2.
  '**/*.woff2',
  '**/*.{svg,png,webmanifest}',
  // Pagefind: its loader, the WebAssembly search, the per-language metadata, index and page fragments.
  'pagefind/pagefind-entry.json',
  'pagefind/*.{pf_meta,pagefind}',
  'pagefind/index/*.pf_index',
  'pagefind/fragment/*.pf_fragment',
];

/** Built files no page loads (Pagefind's other UIs) and the worker itself. */
export const PRECACHE_IGNORES = [
  'sw.js',
  'pagefind/pagefind-component-ui.*',
  'pagefind/pagefind-modular-ui.*',
  'pagefind/pagefind-highlight.js',
];

export async function buildServiceWorker(dir) {
  const root = resolve(dir);
  const files = {
    globDirectory: root,
    globPatterns: PRECACHE_GLOBS,
    globIgnores: PRECACHE_IGNORES,
    // Astro's hashed files change name when they change; no revision needed.
    dontCacheBustURLsMatching: /^_astro\//,
    // The largest page (the glossary) is about 180 KB; anything over 3 MB is a mistake to look at.
    maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
  };
  const { count, size, warnings } = await generateSW({
    ...files,
    swDest: join(root, 'sw.js'),
    // URLs stay relative to sw.js, so the same worker works at / and under a sub-path such as /crm-lab/.
    // A page's query (?v=1&seed=…, Pagefind's ?ts=…) never changes the file served: ignore every parameter.
    ignoreURLParametersMatching: [/.*/],
    directoryIndex: 'index.html',
    // A new version waits until the visitor accepts it (workbox-window's `waiting` event), so old and new
    // files never mix in one page; the first install takes the open page at once so it works offline.
    skipWaiting: false,
    clientsClaim: true,
    cleanupOutdatedCaches: true,
    cacheId: 'crm-lab',
    inlineWorkboxRuntime: true,
    sourcemap: false,
    mode: 'production',
  });
  if (warnings.length > 0) throw new Error(`Workbox: ${warnings.join('; ')}`);
  const { manifestEntries } = await getManifest(files);
  const urls = (manifestEntries ?? []).map((e) => e.url);
  let gzipBytes = 0;
  for (const u of urls) gzipBytes += gzipSync(readFileSync(join(root, u))).length;
  return { count, size, gzipBytes, urls };
}

const mib = (n) => `${(n / 1024 / 1024).toFixed(2)} MiB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'dist';
  const r = await buildServiceWorker(dir);
  const pages = r.urls.filter((u) => u.endsWith('.html')).length;
  console.log(
    `service worker: ${join(dir, 'sw.js')} precaches ${r.count} files (${pages} pages), ${mib(r.size)} (${mib(r.gzipBytes)} gzipped)`,
  );
}
