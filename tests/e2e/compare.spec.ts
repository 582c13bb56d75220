/**
 * The compare page on the built site. Expected numbers: the official Lite-HRNet README (params
 * 1,763,717 − 1,130,769 = 632,948; paper FLOPs 319.2 − 205.2 = 114.0 M, M = 2^20) and, for
 * HRNet-W32, the official pose_hrnet.py counted by torchstat (tests/oracle/fixtures/hrnet.json:
 * 28,536,113 params, 7,692,829,056 MACs; Lite-HRNet-18: 215,202,112 in presets.json).
 */
import { expect, expectNoSeriousAxeViolations, gotoReady, test } from './fixtures';

test('opens on HRNet-W32 against Lite-HRNet-18, the paper’s comparison', async ({ page }) => {
  await gotoReady(page, '/compare');
  await expect(page.locator('#side-a-preset')).toHaveValue('hrnet_w32');
  await expect(page.locator('#side-b-preset')).toHaveValue('litehrnet_18');
  // 1,130,769 − 28,536,113 = −27,405,344; (215,202,112 − 7,692,829,056) / 2^20 = −7,131.2 M.
  await expect(page.getByTestId('params-delta')).toContainText('−27,405,344 params');
  await expect(page.getByTestId('macs-delta')).toContainText(/−7,?131\.2 M MACs/);
});

test('two presets show the README’s deltas and the link carries both', async ({ page }) => {
  await gotoReady(page, '/compare');
  await page.locator('#side-a-preset').selectOption('litehrnet_18');
  await page.locator('#side-b-preset').selectOption('litehrnet_30');
  await expect(page.getByTestId('params-delta')).toContainText('+632,948 params');
  await expect(page.getByTestId('macs-delta')).toContainText('+114.0 M MACs');
  await page.locator('#side-b-preset').selectOption('naive_litehrnet_18');
  // Naive-18 − Lite-18: 760,365 − 1,130,769 = −370,404 params. The README's 194.8 and 205.2 are
  // rounded to 0.1, so the exact difference lies in 10.4 ± 0.1 M.
  await expect(page.getByTestId('params-delta')).toContainText('−370,404 params');
  await expect(page.getByTestId('macs-delta')).toContainText(/−10\.[345] M MACs/);
  await expect(page).toHaveURL(/\?a=v%3D1%26m%3Dlitehrnet_18&b=v%3D1%26m%3Dnaive_litehrnet_18/);
});

test('a compare link opened fresh shows the same comparison', async ({ page }) => {
  await gotoReady(page, '/compare');
  await page.locator('#side-a-preset').selectOption('litehrnet_30');
  await page.locator('#side-b-preset').selectOption('litehrnet_18');
  const url = page.url();
  const fresh = await page.context().newPage();
  await gotoReady(fresh, url);
  // A = 30, B = 18: the deltas flip sign.
  await expect(fresh.getByTestId('params-delta')).toContainText('−632,948 params');
  await expect(fresh.getByTestId('macs-delta')).toContainText('−114.0 M MACs');
  await expect(fresh.locator('#side-a-preset')).toHaveValue('litehrnet_30');
  await fresh.close();
});

test('a pasted explorer link loads; a mangled one says why and changes nothing', async ({
  page
}) => {
  await gotoReady(page, '/compare');
  await page.locator('#side-a-preset').selectOption('litehrnet_18');
  await page.locator('#side-b-preset').selectOption('litehrnet_30');
  const link = page.locator('#side-b-link');
  await link.fill('not a link at all');
  await page.locator('#side-b-link').press('Enter');
  await expect(page.locator('#side-b-status')).toContainText('not an explorer link');
  await expect(link).toHaveValue('not a link at all');
  await expect(page.getByTestId('macs-delta')).toContainText('+114.0 M MACs');

  await link.fill('http://example.org/?v=1&m=litehrnet_18&w=40,zz');
  await page.getByRole('button', { name: 'Load link' }).nth(1).click();
  await expect(page.locator('#side-b-status')).toContainText('nothing was changed yet');
  await expect(page.getByTestId('macs-delta')).toContainText('+114.0 M MACs');
  await page.getByRole('button', { name: 'Use it anyway' }).click();
  await expect(page.getByTestId('macs-delta')).toContainText('±0.0 M MACs');

  await link.fill('http://example.org/?v=1&m=litehrnet_30&in=384x288');
  await page.getByRole('button', { name: 'Load link' }).nth(1).click();
  // README: Lite-HRNet-30 at 384x288 is 717.8M; 717.8 − 205.2 = 512.6 (± 0.1, both rounded)
  await expect(page.getByTestId('macs-delta')).toContainText(/\+512\.[567] M MACs/);
});

test('a compare link with a broken side shows the problem and the rest', async ({ page }) => {
  await gotoReady(page, '/compare?a=v%3D1%26m%3Dlitehrnet_30&b=garbage');
  await expect(page.getByRole('alert')).toContainText('Side B');
  await expect(page.locator('#side-a-preset')).toHaveValue('litehrnet_30');
});

test('Copy link copies the compare address', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await gotoReady(page, '/compare');
  await page.locator('#side-b-preset').selectOption('wider_naive_litehrnet_18');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied.')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());
});

for (const scheme of ['light', 'dark'] as const)
  test(`compare is free of serious accessibility problems (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await gotoReady(page, '/compare');
    await expect(page.getByTestId('totals')).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });
