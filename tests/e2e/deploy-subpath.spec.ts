/**
 * The static build works from a sub-path, as on GitHub Pages (https://<owner>.github.io/<repo>/):
 * built with BASE_PATH=/explorer into build/subpath, served by scripts/serve-static.ts, which
 * maps URLs to files the way Pages does. Every prerendered page, a deep link with settings in
 * it, and the 404 page (adapter-static's 404.html fallback, which boots the app and shows
 * src/routes/+error.svelte) are opened in the browser.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test as base, expect } from '@playwright/test';
import type { StaticServer } from '../../scripts/serve-static';
import { startStaticServer } from '../../scripts/serve-static';

/**
 * Fails a test on uncaught page errors and console errors, except the two a 404 page causes:
 * the browser's for a document served with status 404, and SvelteKit's client logging the
 * "Not found" it routes to +error.svelte (its default handleError logs every error).
 */
const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        const expected = /status of 404|Not found: \/explorer\//.test(m.text());
        if (m.type() === 'error' && !expected) errors.push(m.text());
      });
      await use(errors);
      expect(errors, 'console errors and page errors').toEqual([]);
    },
    { auto: true }
  ]
});

const BASE = '/explorer';
const OUT = 'build/subpath';
let server: StaticServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  // Its own output folders, so the build `vite preview` serves for the other specs is untouched.
  execFileSync('npm', ['run', 'build:subpath'], { stdio: 'pipe', timeout: 200_000 });
  server = await startStaticServer({ root: OUT, base: BASE });
});

test.afterAll(async () => {
  await server?.close();
});

/** Every prerendered page as the path a person would type: index.html → /, learn.html → /learn. */
function prerenderedPaths(dir = OUT): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === '_app') return [];
    if (statSync(path).isDirectory()) return prerenderedPaths(path);
    if (!name.endsWith('.html') || name === '404.html') return [];
    const route = `/${relative(OUT, path).replace(/\.html$/, '')}`;
    return [route.replace(/\/?index$/, '/')];
  });
}

/** Requests that went outside the base path or failed: a page that only works at the root. */
function watchRequests(page: import('@playwright/test').Page): string[] {
  const bad: string[] = [];
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (url.host === new URL(server.url).host && !url.pathname.startsWith(BASE))
      bad.push(url.pathname);
    if (r.status() >= 400 && r.request().resourceType() !== 'document')
      bad.push(`${r.status()} ${url.pathname}`);
  });
  return bad;
}

test('the site root without its slash redirects to it, as GitHub Pages does', async ({ page }) => {
  const response = await page.goto(`${server.url.replace(BASE, '')}${BASE}`);
  expect(response?.url()).toBe(`${server.url}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Lite-HRNet Explorer' })).toBeVisible();
});

test('every prerendered page opens under the sub-path and loads all its files from there', async ({
  page
}) => {
  const paths = prerenderedPaths();
  expect(paths).toContain('/');
  for (const path of paths) {
    const bad = watchRequests(page);
    const entry = page.waitForResponse((r) =>
      new URL(r.url()).pathname.startsWith(`${BASE}/_app/immutable/entry/app.`)
    );
    const response = await page.goto(`${server.url}${path}`);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // The app's entry script came from under the base path: the page hydrates, not just renders.
    expect((await entry).status(), path).toBe(200);
    await page.waitForLoadState('networkidle');
    expect(bad, path).toEqual([]);
  }
});

test('a deep link with settings in its query opens the page', async ({ page }) => {
  const bad = watchRequests(page);
  const response = await page.goto(`${server.url}/?v=1&m=litehrnet_30&in=384x288&s2=naive`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Lite-HRNet Explorer' })).toBeVisible();
  await page.getByRole('link', { name: 'Lite-HRNet Explorer' }).click();
  await expect(page).toHaveURL(new RegExp(`^${server.url}/?$`));
  expect(bad).toEqual([]);
});

test('an unknown address shows the 404 page, which links home', async ({ page }) => {
  const response = await page.goto(`${server.url}/models/litehrnet_99?m=x`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(
    `There is no page at ${BASE}/models/litehrnet_99`
  );
  await page.getByRole('link', { name: 'Go to the Lite-HRNet Explorer home page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lite-HRNet Explorer' })).toBeVisible();
  expect(new URL(page.url()).pathname).toMatch(new RegExp(`^${BASE}/?$`));
});

test('markup in an unknown address is shown as text', async ({ page }) => {
  await page.goto(`${server.url}/%3Cimg%20src=x%20onerror=alert(1)%3E`);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.locator('main img')).toHaveCount(0);
  await expect(page.locator('main code')).toHaveText(`${BASE}/<img src=x onerror=alert(1)>`);
});
