/**
 * The tfjs WebGPU backend where the browser has no WebGPU adapter (headless Chromium without a
 * GPU, as here): choosing it gives a sentence saying why and what to pick, and "auto" says it
 * skipped WebGPU and WebGL and ran wasm.
 */
import type { Page } from '@playwright/test';
import { expect, gotoReady, test } from './fixtures';

async function hasWebgpuAdapter(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    return Boolean(gpu && (await gpu.requestAdapter()));
  });
}

async function run(page: Page, backend: string) {
  await page.getByLabel('Backend').selectOption(backend);
  await page.getByLabel('Warm-up runs').fill('0');
  await page.getByLabel('Timed runs').fill('1');
  await page.getByRole('button', { name: /Run forward pass|Retry/ }).click();
  await expect(
    page.getByTestId('verify-summary').or(page.getByTestId('forward-error'))
  ).toBeVisible({ timeout: 120_000 });
}

test('without a WebGPU adapter, webgpu says why and auto runs wasm', async ({ page }) => {
  test.setTimeout(240_000);
  await gotoReady(page, '/verify');
  test.skip(await hasWebgpuAdapter(page), 'this browser has a WebGPU adapter');
  await expect(page.getByText(/Input: bundled sample/)).toBeVisible();

  await run(page, 'webgpu');
  await expect(page.getByTestId('forward-error')).toContainText(
    'The webgpu backend could not start: this browser gives no WebGPU adapter'
  );

  await run(page, 'auto');
  await expect(page.getByTestId('backend')).toContainText('wasm (auto: no WebGPU adapter and');
  await expect(page.getByTestId('verify-summary')).toContainText('ops verified');
});
