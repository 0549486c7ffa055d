// Bundle-size report: for each built page, the JavaScript a visitor downloads to run it — inline
// scripts, <script src>, each island's component and renderer, and everything they import
// statically — in gzip bytes. Workers and lazily imported chunks are not counted (they load later).
// Usage: node scripts/bundle-size.mjs [dist] [page …] [--check]   (pages like /en/lab/; default: all). Ends with the
// budgets of the pages that have one, each beside its goal; --check prints only the budgets and exits 1 when a page is over.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, relative, dirname, resolve } from 'node:path';

const args = process.argv.slice(2);
const check = args.includes('--check');
const [dir = 'dist', ...only] = args.filter((a) => a !== '--check');
const root = resolve(dir);
const gz = (s) => gzipSync(s, { level: 9 }).length;

function walk(d) {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    if (statSync(p).isDirectory()) return n === 'pagefind' || n === '_astro' ? [] : walk(p);
    return n.endsWith('.html') ? [p] : [];
  });
}

const jsCache = new Map();
function staticImports(file) {
  if (!jsCache.has(file)) {
    const code = readFileSync(file, 'utf8');
    const deps = [...code.matchAll(/(?:import|export)\s*(?:[\w*${}\s,]+from\s*)?["']([^"']+\.js)["']/g)]
      .map((m) => resolve(dirname(file), m[1]))
      .filter((p) => existsSync(p));
    jsCache.set(file, { size: gz(code), deps });
  }
  return jsCache.get(file);
}

function pageJs(htmlFile) {
  const html = readFileSync(htmlFile, 'utf8');
  let inline = 0;
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    if (!/type="application\/(ld\+)?json"/.test(m[0])) inline += gz(m[1]);
  }
  const entries = new Set();
  for (const m of html.matchAll(/\s(?:src|component-url|renderer-url|before-hydration-url)="([^"]+\.js)"/g)) {
    const url = m[1].replace(/^https?:\/\/[^/]+/, '');
    // A build under a sub-path prefixes its URLs with the base: try without it too.
    const candidates = [url.replace(/^\//, ''), url.replace(/^\/[^/]+\//, '')].map((u) => join(root, u));
    const file = candidates.find((c) => existsSync(c) && statSync(c).isFile());
    if (file) entries.add(resolve(file));
  }
  const seen = new Set();
  const visit = (f) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const d of staticImports(f).deps) visit(d);
  };
  entries.forEach(visit);
  const external = [...seen].reduce((a, f) => a + staticImports(f).size, 0);
  return { inline, external, total: inline + external, files: seen.size };
}

const pages = walk(root)
  .map((f) => ({ file: f, path: `/${relative(root, f).replace(/index\.html$/, '')}` }))
  .filter((p) => only.length === 0 || only.includes(p.path))
  .sort((a, b) => a.path.localeCompare(b.path));

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
if (!check) console.log(`${'page'.padEnd(48)} ${'inline'.padStart(9)} ${'files'.padStart(9)} ${'total gz'.padStart(10)}`);
const totals = new Map();
for (const p of pages) {
  const r = pageJs(p.file);
  totals.set(p.path, r.total);
  if (!check) console.log(`${p.path.padEnd(48)} ${kb(r.inline).padStart(9)} ${kb(r.external).padStart(9)} ${kb(r.total).padStart(10)}`);
}

// Eager JavaScript budgets (gzip, before anything loaded lazily): the lab and every Teach page, in both locales.
const budgets = [
  { name: 'the Relationship Investment Lab', match: (p) => /^\/(en|zh-cn)\/lab\/$/.test(p), goal: 60 * 1024 },
  {
    name: 'Teach pages (scenarios, board, link builder, notes, worksheets)',
    match: (p) => /^\/(en|zh-cn)\/teach\//.test(p),
    goal: 50 * 1024,
  },
];
let over = 0;
console.log(`${check ? '' : '\n'}budgets (largest page of each kind, eager JS gzip):`);
for (const b of budgets) {
  const hit = [...totals].filter(([p]) => b.match(p));
  if (hit.length === 0) continue;
  const [page, size] = hit.reduce((a, c) => (c[1] > a[1] ? c : a));
  const ok = size <= b.goal;
  if (!ok) over++;
  console.log(
    `  ${b.name.padEnd(66)} ${kb(size).padStart(9)}  goal ≤ ${kb(b.goal)}  ${ok ? 'ok' : 'OVER'}  (${page}, ${hit.length} pages)`,
  );
}
if (check && over > 0) {
  console.error(`${over} budget(s) exceeded: a static import probably pulled a lazily loaded part (schemas, engine) into a page.`);
  process.exit(1);
}
