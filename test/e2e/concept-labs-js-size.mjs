// Measures the JavaScript each small-lab page loads (gzip bytes): island component and renderer
// modules, inline and external scripts, and every chunk they import statically (dynamic imports excluded).
// Usage after `npm run build`: node test/e2e/concept-labs-js-size.mjs [dist]. Reports only; never fails a build.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = path.resolve(process.argv[2] ?? 'dist');
const pages = ['perceived-value', 'expectations', 'clv', 'level-matrix', 'life-cycle'];
const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

function closure(file, seen) {
  if (seen.has(file) || !fs.existsSync(file)) return;
  seen.add(file);
  const src = fs.readFileSync(file, 'utf8');
  for (const m of src.matchAll(/\bfrom\s*["'](\.{1,2}\/[^"']+)["']|\bimport\s*["'](\.{1,2}\/[^"']+)["']/g)) {
    closure(path.resolve(path.dirname(file), m[1] ?? m[2]), seen);
  }
}

for (const locale of ['en', 'zh-cn']) {
  for (const page of pages) {
    const html = fs.readFileSync(path.join(dist, locale, 'lab', page, 'index.html'), 'utf8');
    const files = new Set();
    const urls = [...html.matchAll(/(?:component-url|renderer-url|src)="([^"]+\.js)"/g)].map((m) => m[1]);
    for (const u of urls) closure(path.join(dist, u.replace(/^\/(crm-lab\/)?/, '')), files);
    let inline = 0;
    for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) inline += gz(Buffer.from(m[1]));
    let total = inline;
    for (const f of files) total += gz(fs.readFileSync(f));
    console.log(
      `${locale}/lab/${page}/: ${(total / 1024).toFixed(1)} KB gzip (${files.size} files + inline ${(inline / 1024).toFixed(1)} KB)`,
    );
  }
}
