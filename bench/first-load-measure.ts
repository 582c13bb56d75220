/**
 * What a page's first load costs in JavaScript: every script the page fetches (entry, modulepreloads,
 * dynamic imports that run before the page is idle), each gzipped at level 9 with node:zlib. Sizes
 * depend only on the build, not on timing, so the sum can be a test as well as a bench.
 */
import { gzipSync } from 'node:zlib';
import type { Page, Response } from '@playwright/test';

/** The budget for `/`'s first load, from issue 11 ("≤ 60 KB gzip of JS"); KB = 1024 bytes. */
export const FIRST_LOAD_BUDGET_KB = 60;

export interface ScriptSize {
  /** The script's path on the site, e.g. `/_app/immutable/entry/start.BsBRVYPq.js`. */
  path: string;
  bytes: number;
  gzipBytes: number;
  /** The script's text, when asked for (`keepText`). */
  text?: string;
}

export interface FirstLoad {
  url: string;
  scripts: ScriptSize[];
  totalBytes: number;
  totalGzipBytes: number;
}

function isScript(response: Response): boolean {
  const type = response.request().resourceType();
  const contentType = response.headers()['content-type'] ?? '';
  return type === 'script' || /javascript/.test(contentType) || /\.m?js(\?|$)/.test(response.url());
}

/**
 * Opens `url` in `page`, records every script response until the page is marked ready and the
 * network is idle, and gzips each body. Inline scripts in the HTML are small and counted with it,
 * not here.
 */
export async function measureFirstLoad(
  page: Page,
  url: string,
  { keepText = false } = {}
): Promise<FirstLoad> {
  const pending: Promise<ScriptSize | null>[] = [];
  const onResponse = (response: Response) => {
    if (!isScript(response) || response.status() >= 300) return;
    pending.push(
      response.body().then(
        (body) => ({
          path: new URL(response.url()).pathname,
          bytes: body.length,
          gzipBytes: gzipSync(body, { level: 9 }).length,
          ...(keepText ? { text: body.toString('utf8') } : {})
        }),
        () => null
      )
    );
  };
  page.on('response', onResponse);
  try {
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.locator('[data-ready="true"]').first().waitFor();
    await page.waitForLoadState('networkidle');
  } finally {
    page.off('response', onResponse);
  }
  const seen = new Map<string, ScriptSize>();
  for (const s of await Promise.all(pending)) if (s) seen.set(s.path, s);
  const scripts = [...seen.values()].sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    url,
    scripts,
    totalBytes: scripts.reduce((t, s) => t + s.bytes, 0),
    totalGzipBytes: scripts.reduce((t, s) => t + s.gzipBytes, 0)
  };
}

export const kb = (bytes: number) => bytes / 1024;
