/**
 * A small static file server that behaves as GitHub Pages does for a project site: the site
 * lives under a base path, `/base/foo` serves `foo.html` (adapter-static writes that for /foo),
 * `/base/foo/` serves `foo/index.html`, and anything missing gets `404.html` with status 404.
 * Used by the deploy end-to-end test; also handy to try a sub-path build by hand:
 *
 *   BASE_PATH=/explorer BUILD_DIR=build/subpath npm run build
 *   npx tsx scripts/serve-static.ts build/subpath /explorer 4180 [--isolated]
 *
 * `--isolated` (or `isolated: true`) adds the COOP/COEP headers the dev and preview servers send
 * (scripts/vite-plugins.ts), as a host configured for cross-origin isolation would; without it
 * the site runs as on GitHub Pages, which cannot send them.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CROSS_ORIGIN_ISOLATION } from './vite-plugins.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json'
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Inside root, or null: a request can never reach a file outside the site folder. */
function within(root: string, relative: string): string | null {
  const path = resolve(root, `.${sep}${normalize(relative)}`);
  return path === root || path.startsWith(root + sep) ? path : null;
}

/**
 * What a request path maps to: a file, or a redirect adding the slash to a folder (as GitHub
 * Pages does: /explorer → /explorer/, so the pages' relative ./_app links resolve), or nothing.
 */
type Found = { file: string; redirect?: undefined } | { redirect: true; file?: undefined } | null;

async function lookup(root: string, relative: string): Promise<Found> {
  if (relative === '') return { redirect: true };
  const folderIndex = within(root, join(relative, 'index.html'));
  if (relative.endsWith('/'))
    return folderIndex && (await isFile(folderIndex)) ? { file: folderIndex } : null;
  for (const candidate of [relative, `${relative}.html`]) {
    const path = within(root, candidate);
    if (path && (await isFile(path))) return { file: path };
  }
  return folderIndex && (await isFile(folderIndex)) ? { redirect: true } : null;
}

/** Starts the server; resolves to its URL (ending in the base path) and a close function. */
export interface StaticServer {
  /** The site's address, ending in the base path (no trailing slash). */
  url: string;
  close: () => Promise<void>;
}

export async function startStaticServer({
  root,
  base = '',
  port = 0,
  isolated = false
}: {
  root: string;
  base?: string;
  port?: number;
  /** Send COOP/COEP, so pages are cross-origin isolated. */
  isolated?: boolean;
}): Promise<StaticServer> {
  const dir = resolve(root);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      path = url.pathname;
    }
    const inside = path === base || path.startsWith(`${base}/`);
    const found = inside ? await lookup(dir, path.slice(base.length)) : null;
    if (found?.redirect) {
      res.writeHead(301, { location: `${url.pathname}/${url.search}` });
      res.end();
      return;
    }
    const notFound = join(dir, '404.html');
    const served = found?.file ?? ((await isFile(notFound)) ? notFound : null);
    res.writeHead(found ? 200 : 404, {
      'content-type': TYPES[extname(served ?? '.txt')] ?? 'application/octet-stream',
      ...(isolated ? CROSS_ORIGIN_ISOLATION : {})
    });
    res.end(served ? await readFile(served) : 'Not found');
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}${base}`,
    close: () => new Promise<void>((ok) => server.close(() => ok()))
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const isolated = args.includes('--isolated');
  const [root = 'build', base = '', port = '4180'] = args.filter((a) => a !== '--isolated');
  const { url } = await startStaticServer({ root, base, port: Number(port), isolated });
  console.log(`Serving ${root} at ${url}/${isolated ? ' (cross-origin isolated)' : ''}`);
}
