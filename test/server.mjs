// A tiny static file server for end-to-end tests: serves a built folder under a base path, the
// way a plain static host (or a project page under /crm-lab/) would. No rewrites, no magic.
// Run as `node test/server.mjs <dir> <port> <base>`; the offline specs import startStaticServer to stop it.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml',
};

function fileFor(root, base, pathname) {
  if (!pathname.startsWith(base)) return null;
  const rel = decodeURIComponent(pathname.slice(base.length));
  const full = normalize(join(root, rel));
  if (!full.startsWith(root)) return null;
  try {
    const st = statSync(full);
    if (st.isDirectory()) {
      const index = join(full, 'index.html');
      statSync(index);
      return index;
    }
    return full;
  } catch {
    return null;
  }
}

/**
 * Serves `dir` under `base` on 127.0.0.1:`port` (0 picks a free port). `replace(pathname)` may return a
 * body to serve instead (a test's "next build" of one file, or a page of a foreign site). Resolves once listening.
 * @param {string} dir
 * @param {number | string} port
 * @param {string} [base]
 * @param {{ replace?: (pathname: string) => string | undefined }} [options]
 * @returns {Promise<import('node:http').Server>}
 */
export function startStaticServer(dir, port, base = '/', { replace } = {}) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const body = replace?.(pathname);
    if (body !== undefined) {
      res.writeHead(200, { 'content-type': types[extname(pathname)] ?? types['.html'] });
      res.end(body);
      return;
    }
    const file = fileFor(root, base, pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(Number(port), '127.0.0.1', () => ok(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'dist', port = '4321', base = '/'] = process.argv.slice(2);
  await startStaticServer(dir, port, base);
  console.log(`serving ${resolve(dir)} at http://127.0.0.1:${port}${base}`);
}
