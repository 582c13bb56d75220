import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, gotoReady, test } from './fixtures';

/**
 * Cancel, made deterministic: the worker's script request is held (page.route on its chunk), so
 * the read or the pass cannot finish until the test lets it; Cancel must end it, leave the panel
 * usable, and the next attempt (with the script released) must work.
 */

const FIXTURES = 'tests/parity/fixtures';

/** Holds every request for a script matching `glob` until `release` is called. */
async function holdScript(page: Page, glob: string) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked!: () => void;
  const requested = new Promise<void>((resolve) => (asked = resolve));
  await page.route(glob, async (route) => {
    asked();
    await held;
    // The worker that asked was terminated by Cancel; its request may be gone by now.
    await route.continue().catch(() => {});
  });
  return {
    requested,
    release: async () => {
      release();
      await page.unroute(glob);
    }
  };
}

async function openReduced(page: Page): Promise<void> {
  const config = readFileSync(`${FIXTURES}/reduced.config.json`, 'utf8');
  await gotoReady(page, `/verify?config=${encodeURIComponent(config)}`);
  await expect(page.getByLabel('Model')).toHaveValue('custom');
}

test('Cancel stops a weights read that cannot finish; the input stays usable and the next read works', async ({
  page
}) => {
  await openReduced(page);
  const script = await holdScript(page, '**/read.worker-*.js');
  const input = page.getByLabel(/Load weights/);
  const status = page.getByTestId('weights-status');
  await input.setInputFiles(`${FIXTURES}/reduced.zip.pth`);
  await script.requested;
  await expect(status).toContainText('Reading the weights… (stopped after 60 seconds if not done)');
  await expect(input).toBeEnabled();

  await page.getByRole('button', { name: 'Cancel reading the weights' }).click();
  await expect(status).toContainText('Cancelled. No weights were loaded.');
  await expect(status).toContainText('Using seeded random weights.');
  await expect(page.getByRole('button', { name: 'Cancel reading the weights' })).toHaveCount(0);
  await expect(input).toBeEnabled();

  await script.release();
  await input.setInputFiles(`${FIXTURES}/reduced.zip.pth`);
  await expect(status).toContainText('Using weights from reduced.zip.pth: 268 tensors.');
  await expect(status).not.toContainText('Cancelled.');
});

test('choosing another file while one is being read replaces that read', async ({ page }) => {
  await openReduced(page);
  const script = await holdScript(page, '**/read.worker-*.js');
  const input = page.getByLabel(/Load weights/);
  const status = page.getByTestId('weights-status');
  await input.setInputFiles({
    name: 'first.pth',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('never read: its worker is held')
  });
  await script.requested;
  await expect(status).toContainText('Reading the weights');
  await script.release();
  await input.setInputFiles(`${FIXTURES}/reduced.zip.pth`);
  await expect(status).toContainText('Using weights from reduced.zip.pth: 268 tensors.');
  await expect(page.getByTestId('weights-error')).toHaveCount(0);
});

test('Cancel stops a forward pass that cannot finish; the next run works', async ({ page }) => {
  test.setTimeout(120_000);
  await openReduced(page);
  const script = await holdScript(page, '**/forward.worker-*.js');
  await page.getByLabel('Backend').selectOption('wasm');
  await page.getByLabel('Timed runs').fill('1');
  await page.getByLabel('Warm-up runs').fill('0');
  await page.getByRole('button', { name: 'Run forward pass' }).click();
  await script.requested;
  const status = page.locator('[data-run-status]');
  await expect(status).toHaveAttribute('data-run-status', 'loading');

  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(status).toHaveAttribute('data-run-status', 'cancelled');
  await expect(status).toContainText('Cancelled.');
  await expect(page.getByTestId('verify-summary')).toHaveCount(0);

  await script.release();
  await page.getByRole('button', { name: 'Run forward pass' }).click();
  await expect(page.getByTestId('verify-summary')).toBeVisible({ timeout: 90_000 });
  await expect(status).toHaveAttribute('data-run-status', 'done');
  // The WebAssembly backend ran: the page's policy has no 'wasm-unsafe-eval', and none is needed
  // because tfjs compiles its wasm inside the worker, which the page's meta tag does not govern.
  await expect(page.getByTestId('backend')).toHaveText(/^wasm \(/);
});
