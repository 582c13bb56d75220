import { expect, test } from './fixtures';

test('the explorer verifies the config it shows with a live forward pass', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/?v=1&m=naive_litehrnet_18&in=256x256&j=16');
  await page.locator('.explorer[data-ready="true"]').waitFor();
  const section = page.getByRole('region', { name: 'Verify with a live forward pass' });
  // The panel's code loads when its section comes near the screen.
  await section.scrollIntoViewIfNeeded();
  await section.getByLabel('Backend').selectOption('wasm');
  await section.getByLabel('Timed runs').fill('2');
  await section.getByLabel('Warm-up runs').fill('1');
  await section.getByRole('button', { name: 'Run forward pass' }).click();
  const summary = section.getByTestId('verify-summary');
  await expect(summary).toBeVisible({ timeout: 120_000 });
  const text = (await summary.textContent()) ?? '';
  const m = /(\d+)\/(\d+) ops verified/.exec(text);
  expect(m, text).not.toBeNull();
  expect(m![1]).toBe(m![2]);
  // The pass ran the graph the explorer shows: as many ops as its per-layer table has rows.
  const count = Number(m![2]).toLocaleString('en-US');
  await expect(page.getByText(`of ${count} op calls`)).toBeVisible();
  // Nothing disagreed, so nothing is outlined.
  expect(await page.locator('.mismatch').count()).toBe(0);
});
