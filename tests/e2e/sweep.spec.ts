import { expect, expectNoSeriousAxeViolations, gotoReady, test } from './fixtures';

test('the quick sweep on /verify plots 3 configs with a fitted line and R²', async ({ page }) => {
  test.setTimeout(240_000);
  await gotoReady(page, '/verify');
  const section = page.getByRole('region', { name: 'FLOPs against measured time' });
  // The sweep's code loads when its section comes near the screen.
  await section.scrollIntoViewIfNeeded();
  await section.getByLabel('Networks').selectOption('quick');
  await section.getByLabel('Run the sweep on').selectOption('wasm');
  await section.getByLabel('Runs timed per config').fill('2');
  await section.getByRole('button', { name: 'Run the sweep' }).click();
  await expect(section.getByTestId('sweep-progress')).toContainText(/Config \d of 3/);
  await expect(section.locator('[data-sweep-status="done"]')).toBeVisible({ timeout: 200_000 });
  await expect(section.getByTestId('sweep-chart').locator('.point circle')).toHaveCount(3);
  await expect(section.getByTestId('sweep-chart').locator('.fit line')).toHaveCount(1);
  await expect(section.getByTestId('sweep-fit')).toContainText(/R² = [01]\.\d\d over 3 configs/);
  const rows = section.getByTestId('sweep-table').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  // Lite-HRNet-18 at 256x192: the README's 205.2M "FLOPs" are torchstat's MACs (M = 2^20).
  await section.getByLabel('Cost unit').selectOption('MACs');
  await expect(rows.nth(1)).toContainText('205.2');
  await expectNoSeriousAxeViolations(page);
});

test('Cancel stops the sweep and keeps what ran', async ({ page }) => {
  test.setTimeout(120_000);
  await gotoReady(page, '/verify');
  const section = page.getByRole('region', { name: 'FLOPs against measured time' });
  // The sweep's code loads when its section comes near the screen.
  await section.scrollIntoViewIfNeeded();
  await section.getByLabel('Run the sweep on').selectOption('wasm');
  await section.getByRole('button', { name: 'Run the sweep' }).click();
  await expect(section.getByTestId('sweep-progress')).toContainText('Config 1 of 10');
  await section.getByRole('button', { name: 'Cancel' }).click();
  await expect(section.locator('[data-sweep-status="cancelled"]')).toBeVisible();
  await expect(section.getByText(/Cancelled after \d+ of 10 configs/)).toBeVisible();
});
