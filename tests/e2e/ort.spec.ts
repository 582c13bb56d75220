import type { Page } from '@playwright/test';
import { expect, expectNoSeriousAxeViolations, gotoReady, test } from './fixtures';

/**
 * The forward panel's ONNX Runtime backend on a small network (Lite-HRNet-18 at 64x64): nothing
 * of ORT loads until a run on it, the run shows ORT's latency beside tfjs's and ORT's heatmaps'
 * largest difference from tfjs's, which must be under 1e-4, all under the site's CSP.
 */

const SMALL = '/verify?v=1&m=litehrnet_18&in=64x64';

/** URLs of ONNX Runtime's worker, its code chunks or its wasm (anything naming "ort"). */
const isOrt = (url: string) => /ort[.-]|onnxruntime/i.test(new URL(url).pathname);

async function run(page: Page, backend: string): Promise<void> {
  await page.getByLabel('Backend').selectOption(backend);
  await page.getByLabel('Warm-up runs').fill('1');
  await page.getByLabel('Timed runs').fill('3');
  await page.getByRole('button', { name: 'Run forward pass' }).click();
  await expect(page.getByTestId('verify-summary')).toBeVisible({ timeout: 90_000 });
}

test('ONNX Runtime loads only when run on it, and matches tfjs’s heatmaps within 1e-4', async ({
  page
}) => {
  test.setTimeout(180_000);
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(r.url()));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective}: ${e.blockedURI || 'inline'}`)
    );
  });
  await gotoReady(page, SMALL);
  await expect(page.getByText(/Input: bundled sample/)).toBeVisible();

  // A tfjs run first: tfjs's worker and wasm load, nothing of ONNX Runtime.
  await run(page, 'wasm');
  await expect(page.getByTestId('ort-diff')).toHaveCount(0);
  expect(fetched.filter(isOrt)).toEqual([]);

  // Choosing the backend says what it does; the run loads ORT from this site only.
  await page.getByLabel('Backend').selectOption('ort-wasm');
  await expect(page.getByTestId('ort-note')).toContainText(
    'per-op verification stays TensorFlow.js’s job'
  );
  expect(fetched.filter(isOrt)).toEqual([]);
  await page.getByRole('button', { name: 'Run forward pass' }).click();
  const diff = page.getByTestId('ort-diff');
  await expect(diff).toBeVisible({ timeout: 90_000 });

  const text = (await diff.textContent()) ?? '';
  const m = /max \|ONNX Runtime − tfjs\| = ([\d.e+-]+) over ([\d,]+) heatmap values/.exec(text);
  expect(m, text).not.toBeNull();
  expect(Number(m![1])).toBeLessThan(1e-4);
  // 17 joints at 64/4 x 64/4.
  expect(m![2]).toBe((17 * 16 * 16).toLocaleString('en-US'));
  await expect(page.getByTestId('ort-latency')).toHaveText(
    /^median [\d.]+ ms, min [\d.]+ ms, max [\d.]+ ms$/
  );
  await expect(page.getByTestId('tfjs-latency')).toHaveText(/^median [\d.]+ ms/);
  // tfjs still verified every op of the same network.
  await expect(page.getByTestId('verify-summary')).toContainText('ops verified');

  const origin = new URL(page.url()).origin;
  const ortUrls = fetched.filter(isOrt);
  expect(ortUrls.some((u) => u.endsWith('.wasm'))).toBe(true);
  expect(ortUrls.filter((u) => !u.startsWith(origin))).toEqual([]);
  expect(
    await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)
  ).toEqual([]);
  // The address keeps the backend.
  expect(page.url()).toContain('backend=ort-wasm');
  await expectNoSeriousAxeViolations(page);
});

test('without WebGPU the ONNX Runtime WebGPU choice is not offered', async ({ page }) => {
  await gotoReady(page, '/verify');
  const hasGpu = await page.evaluate(
    async () => !!(await navigator.gpu?.requestAdapter().catch(() => null))
  );
  test.skip(hasGpu, 'this browser has WebGPU');
  await expect(page.getByRole('option', { name: 'ONNX Runtime (WebGPU)' })).toHaveCount(0);
  await expect(page.getByRole('option', { name: 'ONNX Runtime (wasm)' })).toHaveCount(1);
});
