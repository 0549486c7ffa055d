// The post-build step that writes sw.js with Workbox, run over a small built folder: what it precaches
// (pages, scripts, styles, woff2, icons, Pagefind's index) and leaves out, relative URLs for any sub-path,
// and a new version that waits for the visitor (SKIP_WAITING on request) instead of taking over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildServiceWorker } from '../../../scripts/service-worker.mjs';

const files = [
  'index.html',
  '404.html',
  'en/index.html',
  'zh-cn/lab/clv/index.html',
  'en/manifest.webmanifest',
  'favicon.svg',
  'icons/icon-192.png',
  '_astro/Lab.Ab12Cd34.js',
  '_astro/index.Xy98Zw76.css',
  '_astro/KaTeX_Main-Regular.B22Nviop.woff2',
  '_astro/KaTeX_Main-Regular.Dr94JaBh.woff',
  '_astro/KaTeX_Main-Regular.ypZvNtVU.ttf',
  'pagefind/pagefind.js',
  'pagefind/pagefind-ui.js',
  'pagefind/pagefind-ui.css',
  'pagefind/pagefind-worker.js',
  'pagefind/pagefind-entry.json',
  'pagefind/pagefind.en_12eab3fd74.pf_meta',
  'pagefind/wasm.en.pagefind',
  'pagefind/index/en_abc.pf_index',
  'pagefind/fragment/en_def.pf_fragment',
  'pagefind/pagefind-component-ui.js',
  'pagefind/pagefind-modular-ui.css',
  'pagefind/pagefind-highlight.js',
];

let dir = '';
let result: Awaited<ReturnType<typeof buildServiceWorker>>;
let sw = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crm-lab-sw-'));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), `content of ${f}\n`.repeat(20));
  }
  result = await buildServiceWorker(dir);
  sw = readFileSync(join(dir, 'sw.js'), 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scripts/service-worker.mjs', () => {
  it('precaches pages, code, woff2 fonts, icons, the manifest and the search index, by relative URL', () => {
    expect([...result.urls].sort()).toEqual(
      files.filter((f) => !/\.(woff|ttf)$/.test(f) && !/component-ui|modular-ui|highlight/.test(f)).sort(),
    );
    expect(result.count).toBe(result.urls.length);
    expect(result.size).toBeGreaterThan(0);
    expect(result.gzipBytes).toBeGreaterThan(0);
    for (const u of result.urls) expect(u).not.toMatch(/^\//);
  });

  it('writes one self-contained worker that ignores query strings and waits for the visitor', () => {
    expect(sw).not.toMatch(/importScripts/);
    expect(sw).toContain('ignoreURLParametersMatching:[/.*/]');
    // skipWaiting() only on the page's request (the visitor's "Reload"), never on install by itself.
    expect(sw.match(/skipWaiting\(\)/g)).toHaveLength(1);
    expect(sw).toContain('"SKIP_WAITING"===e.data.type&&self.skipWaiting()');
    // The first install takes the open page at once, so it works offline without a reload.
    expect(sw).toContain('self.clients.claim()');
    // Hashed Astro files carry no revision (their name changes); the others do.
    expect(sw).toMatch(/\{url:"_astro\/Lab\.Ab12Cd34\.js",revision:null\}/);
    expect(sw).toMatch(/\{url:"en\/index\.html",revision:"[0-9a-f]{32}"\}/);
  });

  it('gives a changed page a new revision, so a new build is a new worker', async () => {
    const before = /\{url:"en\/index\.html",revision:"([0-9a-f]{32})"\}/.exec(sw)![1];
    writeFileSync(join(dir, 'en/index.html'), 'a new version of the page');
    await buildServiceWorker(dir);
    const after = /\{url:"en\/index\.html",revision:"([0-9a-f]{32})"\}/.exec(readFileSync(join(dir, 'sw.js'), 'utf8'))![1];
    expect(after).not.toBe(before);
  });
});
