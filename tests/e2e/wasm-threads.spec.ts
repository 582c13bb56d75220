/**
 * tfjs's threaded wasm build in the built (minified) site: on a cross-origin isolated page with
 * 4 logical cores the wasm backend starts 2 threads (tfjs uses half the cores) and the pass
 * verifies every op. This is the path scripts/vite-plugins.ts keeps alive: without its fix every
 * thread dies with "ReferenceError: e is not defined" and the run fails. This machine has 2 cores,
 * so the workers' code is served with one line in front that makes them report 4
 * (`navigator.hardwareConcurrency`, which both the backend choice and tfjs read in the worker);
 * the worker's own script is not routed through Playwright, so the line goes in front of the
 * chunks it loads.
 */
import { expect, gotoReady, test } from './fixtures';

test('with 4 cores on an isolated page, wasm runs 2 threads and verifies every op', async ({
  page
}) => {
  test.setTimeout(180_000);
  const fourCores =
    "if (self.navigator.hardwareConcurrency !== 4) Object.defineProperty(self.navigator, 'hardwareConcurrency', { value: 4 });\n";
  await page.route(/\/workers\/chunks\/[^/]+\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: fourCores + (await response.text()) });
  });
  await gotoReady(page, '/verify');
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  await expect(page.getByText(/Input: bundled sample/)).toBeVisible();
  await page.getByLabel('Backend').selectOption('wasm');
  await page.getByLabel('Warm-up runs').fill('0');
  await page.getByLabel('Timed runs').fill('1');
  await page.getByRole('button', { name: 'Run forward pass' }).click();
  await expect(
    page.getByTestId('verify-summary').or(page.getByTestId('forward-error'))
  ).toBeVisible({ timeout: 150_000 });
  await expect(page.getByTestId('backend')).toHaveText('wasm (chosen by you; 2 threads)');
  const summary = (await page.getByTestId('verify-summary').textContent()) ?? '';
  const m = /(\d+)\/(\d+) ops verified/.exec(summary);
  expect(m, summary).not.toBeNull();
  expect(m![1]).toBe(m![2]);
});
