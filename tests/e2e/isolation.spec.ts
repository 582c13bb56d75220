/**
 * The preview server (like the dev server) sends COOP/COEP (scripts/vite-plugins.ts), so pages are
 * cross-origin isolated, as on a host configured per the README's "Hosting" section. The
 * sub-path deploy test covers the other case: a host that sends no such headers (GitHub Pages).
 */
import { expect, gotoReady, test } from './fixtures';

test('/verify is cross-origin isolated: page and app files carry COOP and COEP', async ({
  page
}) => {
  const response = await page.goto('/verify');
  expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin');
  expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  await gotoReady(page, '/verify');
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  const asset = await page.request.get('/_app/version.json');
  expect(asset.headers()['cross-origin-embedder-policy']).toBe('require-corp');
});
