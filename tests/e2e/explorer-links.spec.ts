/**
 * The explorer's state lives in its address: edits, copy link, Back/Forward, bad links; and
 * what a person can take away (exports) or bring in (imports).
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectNoSeriousAxeViolations, test } from './fixtures';

async function open(page: Page, query = '') {
  await page.goto(`/${query}`);
  await page.locator('.explorer[data-ready="true"]').waitFor();
}

const total = (page: Page) => page.getByTestId('total-cost');

test('an edit goes into the link, and the copied link opens the same numbers in a fresh page', async ({
  page,
  context,
  browser
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page);
  await page.getByLabel('Preset').selectOption('litehrnet_30');
  await page.getByLabel('Stage 2 block type').selectOption('naive');
  await expect(page).toHaveURL(/m=litehrnet_30/);
  await expect(page).toHaveURL(/s2=naive/);
  const cost = await total(page).textContent();
  const params = await page.getByTestId('total-params').textContent();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('s2=naive');

  const fresh = await browser.newPage();
  await fresh.goto(link);
  await fresh.locator('.explorer[data-ready="true"]').waitFor();
  await expect(fresh.getByTestId('total-cost')).toHaveText(cost!);
  await expect(fresh.getByTestId('total-params')).toHaveText(params!);
  await expect(fresh.getByLabel('Stage 2 block type')).toHaveValue('naive');
  await fresh.close();
});

test('Back and Forward step through discrete edits', async ({ page }) => {
  await open(page);
  await expect(total(page)).toHaveText('205.2 M MACs'); // README: Lite-HRNet-18 at 256x192
  await page.getByLabel('Preset').selectOption('litehrnet_30');
  await expect(total(page)).toHaveText('319.2 M MACs');
  // Two discrete edits with no pause: each is its own Back step (edits are told apart by kind).
  await page.getByLabel('Input size').selectOption('coco_384x288');
  await expect(total(page)).toHaveText('717.8 M MACs');
  await page.goBack();
  await expect(total(page)).toHaveText('319.2 M MACs');
  await page.goBack();
  await expect(total(page)).toHaveText('205.2 M MACs');
  await page.goForward();
  await expect(total(page)).toHaveText('319.2 M MACs');
});

test('a mangled link opens the nearest sensible config with a dismissible banner', async ({
  page
}) => {
  await open(page, '?v=1&m=litehrnet_30&in=250x192&s3=banana&zzz=1');
  const banner = page.getByRole('status').filter({ hasText: 'This link had' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('divisible by 32');
  await expect(banner).toContainText('banana');
  // Every valid part is kept: still Lite-HRNet-30, at the preset's input.
  await expect(total(page)).toHaveText('319.2 M MACs');
  await expectNoSeriousAxeViolations(page);
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toHaveCount(0);
});

test('markup in a link is shown as text, never run', async ({ page }) => {
  await open(page, '?v=1&m=%3Cimg%20src=x%20onerror=alert(1)%3E');
  await expect(page.getByRole('status').filter({ hasText: 'This link had' })).toContainText('<img');
  expect(await page.locator('img[src="x"]').count()).toBe(0);
});

test('the per-layer table and the config export as files', async ({ page }) => {
  await open(page, '?v=1&m=litehrnet_30');
  await page.getByText('Export', { exact: true }).click();
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'CSV' }).click()
  ]);
  expect(csv.suggestedFilename()).toBe('litehrnet_30-256x192-layers.csv');
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'JSON (CLI schema)' }).click()
  ]);
  const report = JSON.parse(readFileSync((await json.path())!, 'utf8'));
  expect(report.totals.params).toBe(1_763_717); // official README
  const [py] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'mmpose config (.py)' }).click()
  ]);
  expect(readFileSync((await py.path())!, 'utf8')).toContain('num_modules=(3, 8, 3)');
  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'SVG' }).first().click()
  ]);
  expect(readFileSync((await svg.path())!, 'utf8')).toContain('<svg');
});

test('an official mmpose config pasted in is imported; a broken one is refused, the config kept', async ({
  page
}) => {
  await open(page);
  await page.getByText('Import a config').click();
  const box = page.getByLabel('Config text');
  // The official litehrnet_30 backbone `extra` (configs/top_down/lite_hrnet/coco/litehrnet_30_coco_256x192.py).
  await box.fill(`extra=dict(
    stem=dict(stem_channels=32, out_channels=32, expand_ratio=1),
    num_stages=3,
    stages_spec=dict(
        num_modules=(3, 8, 3),
        num_branches=(2, 3, 4),
        num_blocks=(2, 2, 2),
        module_type=('LITE', 'LITE', 'LITE'),
        with_fuse=(True, True, True),
        reduce_ratios=(8, 8, 8),
        num_channels=((40, 80), (40, 80, 160), (40, 80, 160, 320))),
    with_head=True)`);
  await page.getByRole('button', { name: 'Load config' }).click();
  await expect(total(page)).toHaveText('319.2 M MACs');
  await box.fill('extra=dict(stem=dict(stem_channels=32,');
  await page.getByRole('button', { name: 'Load config' }).click();
  await expect(page.getByText('Nothing was loaded')).toBeVisible();
  await expect(total(page)).toHaveText('319.2 M MACs');
});

test('a pasted config nested 20,000 deep is refused with a sentence, and the page keeps working', async ({
  page
}) => {
  await open(page);
  await page.getByText('Import a config').click();
  const box = page.getByLabel('Config text');
  // `stem_channels=x.a.a…` 20,000 times once threw "Maximum call stack size exceeded" and showed nothing.
  await box.fill(
    `extra=dict(stem=dict(stem_channels=x${'.a'.repeat(20_000)}, out_channels=32, expand_ratio=1))`
  );
  await page.getByRole('button', { name: 'Load config' }).click();
  await expect(page.getByText('Nothing was loaded')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Nothing was loaded' })).toContainText(
    'Line 1: this value is too deeply nested: more than 32 subscripts, attributes or calls in a row.'
  );
  await expect(total(page)).toHaveText('205.2 M MACs');
});
