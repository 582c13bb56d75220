/** What every browser bench shares: a free port, waiting for the preview server, Chromium's flags. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPathOrExit } from '../scripts/chromium';

export { CHROMIUM_ARGS };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Resolves once `url` answers 200 (the preview server is up), or fails after `ms`. */
export async function waitFor(url: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`preview server did not answer at ${url}`);
}

/**
 * The built site (build/) served by `vite preview` on a free port, and headless Chromium: `use`
 * gets the browser and the site's address (no trailing slash); both are closed after it.
 */
export async function withBuiltSite<T>(
  use: (browser: Browser, url: string) => Promise<T>
): Promise<T> {
  if (!existsSync('build/index.html')) throw new Error('no build/: run `npm run build` first');
  const port = await freePort();
  const server = spawn(
    'node_modules/.bin/vite',
    ['preview', '--port', String(port), '--strictPort'],
    { stdio: 'ignore' }
  );
  const browser = await chromium.launch({
    executablePath: chromiumPathOrExit(() => chromium.executablePath()),
    args: CHROMIUM_ARGS
  });
  try {
    const url = `http://localhost:${port}`;
    await waitFor(`${url}/`);
    return await use(browser, url);
  } finally {
    await browser.close();
    server.kill();
  }
}
