// Link check over a built site: every internal href/src resolves to a file, and every #anchor
// exists on its target page. Usage: node test/links/check-links.mjs <dir> [base]
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const [dir = 'dist', base = '/'] = process.argv.slice(2);
const root = resolve(dir);

function walk(d) {
  return readdirSync(d).flatMap((name) => {
    const p = join(d, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const htmlFiles = walk(root).filter((f) => f.endsWith('.html'));
const idsCache = new Map();
function idsOf(file) {
  if (!idsCache.has(file)) {
    const html = readFileSync(file, 'utf8');
    idsCache.set(file, new Set([...html.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => m[1])));
  }
  return idsCache.get(file);
}

function targetFile(pathname) {
  if (!pathname.startsWith(base)) return { error: `outside the base ${base}` };
  const rel = decodeURIComponent(pathname.slice(base.length));
  const full = join(root, rel);
  if (existsSync(full) && statSync(full).isFile()) return { file: full };
  const index = join(full, 'index.html');
  if (existsSync(index)) return { file: index };
  return { error: 'no such file' };
}

const problems = [];
let checked = 0;
for (const file of htmlFiles) {
  const html = readFileSync(file, 'utf8');
  const pageUrl = new URL(`http://site${base}${relative(root, file).replace(/index\.html$/, '')}`);
  for (const m of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
    const raw = m[2].replaceAll('&amp;', '&');
    if (/^(https?:|mailto:|data:|javascript:|blob:)/i.test(raw) && !raw.startsWith('http://site')) continue;
    if (raw === '') continue;
    const target = new URL(raw, pageUrl);
    checked++;
    const where = `${relative(root, file)}: ${m[1]}="${raw}"`;
    const found = targetFile(target.pathname);
    if (found.error) {
      problems.push(`${where} → ${target.pathname} (${found.error})`);
      continue;
    }
    if (target.hash && target.hash.length > 1 && found.file.endsWith('.html')) {
      const id = decodeURIComponent(target.hash.slice(1));
      if (!idsOf(found.file).has(id)) problems.push(`${where} → missing anchor #${id}`);
    }
  }
}

if (problems.length) {
  console.error(`Link check of ${dir} (base ${base}): ${problems.length} broken of ${checked} links`);
  for (const p of problems.slice(0, 50)) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`Link check of ${dir} (base ${base}): ${checked} internal links in ${htmlFiles.length} pages, none broken`);
