import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { presetConfig } from '../../src/lib/model/presets';
import { expect, expectNoSeriousAxeViolations, showAllViews, showView, test } from './fixtures';

/** The flops CLI's paper total (÷2^20, one decimal) for a config, from the CLI itself. */
function cliPaperTotal(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'explorer-e2e-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config));
  const out = execFileSync(
    'npx',
    ['tsx', 'src/cli/flops.ts', '--config', file, '--format', 'json'],
    {
      encoding: 'utf8'
    }
  );
  const report = JSON.parse(out) as { totals: { macs: { paper: number } } };
  return (report.totals.macs.paper / 2 ** 20).toFixed(1);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  // The page is prerendered: controls exist before the app has hydrated and read its address.
  await page.locator('.explorer[data-ready="true"]').waitFor();
});

test('Lite-HRNet-30 reads 319.2 M in the paper convention', async ({ page }) => {
  await page.getByLabel('Preset').selectOption('litehrnet_30');
  await expect(page.getByTestId('total-cost')).toHaveText('319.2 M MACs');
  await expect(page.getByTestId('total-params')).toHaveText('1,763,717 params');
  await page.getByLabel('FLOPs (2 × MACs)').check();
  await expect(page.getByTestId('total-cost')).toHaveText('638.4 M FLOPs');
});

test("HRNet-W32: pose_hrnet's exact params, and its own convention's 7.12 GFLOPs as 7290.8 M (2^20)", async ({
  page
}) => {
  // 28,536,113 params and 7,645,003,776 MACs: the official pose_hrnet.py and its
  // get_model_summary (tests/oracle/fixtures/hrnet.json); 7,645,003,776 / 2^20 = 7290.8.
  await page.getByLabel('Preset').selectOption('hrnet_w32');
  await expect(page.getByTestId('total-params')).toHaveText('28,536,113 params');
  await page.getByLabel("HRNet's get_model_summary").check();
  await expect(page.getByTestId('total-cost')).toHaveText('7290.8 M MACs');
});

test('a shuffle block in Stage 2 gives what the CLI gives for that config', async ({ page }) => {
  await page.getByLabel('Preset').selectOption('litehrnet_30');
  await page.getByLabel('Stage 2 block type').selectOption('naive');
  const config = presetConfig('litehrnet_30');
  config.stages[0].block = 'naive';
  const expected = cliPaperTotal(config);
  expect(expected).not.toBe('319.2');
  await expect(page.getByTestId('total-cost')).toHaveText(`${expected} M MACs`);
  await expect(page.locator('.summary .delta').nth(1)).toContainText('M MACs');
});

test('an invalid edit shows the validator’s message and keeps the last valid views', async ({
  page
}) => {
  await page.getByLabel('Preset').selectOption('litehrnet_30');
  const width = page.getByLabel('Branch 1 width (1/4)').first();
  await width.fill('41');
  await expect(page.getByText('must be even', { exact: false }).first()).toBeVisible();
  await expect(width).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('total-cost')).toHaveText('319.2 M MACs');
  await width.fill('40');
  await expect(page.locator('.error-summary')).toHaveCount(0);
});

test('drill into a module, select an op, and come back out', async ({ page }) => {
  await page.getByLabel('Preset').selectOption('litehrnet_30');
  await page.getByRole('button', { name: /^Stage 3, module 2:/ }).click();
  await expect(
    page.getByRole('heading', { name: 'Stage 3 (stage1), module 2 of 8' })
  ).toBeVisible();
  await page.getByRole('button', { name: 'Block 2', exact: true }).click();
  const node = page.getByRole('button', {
    name: /^backbone\.stage1\.1\.layers\.1\.depthwise_convs\.0\.conv /
  });
  // The block is taller than its pane: focusing a node (as Tab does) pans it into view.
  await node.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.inspector')).toContainText('3·3·20·1·64·48');
  await expect(page.locator('.layer-table tr.selected')).toContainText(
    'backbone.stage1.1.layers.1.depthwise_convs.0.conv'
  );
  await page
    .getByRole('navigation', { name: 'Drill-down' })
    .getByRole('button', { name: 'Network' })
    .click();
  await expect(page.getByRole('heading', { name: 'Inside a module' })).toBeVisible();
});

test('the network view opens a module from the keyboard', async ({ page }) => {
  const column = page.getByRole('button', { name: /^Stage 2, module 1:/ });
  await column.focus();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { name: 'Stage 2 (stage0), module 1 of 2' })
  ).toBeVisible();
});

test('the per-layer table sorts by cost and filters by name', async ({ page }) => {
  await page.getByLabel('Preset').selectOption('litehrnet_30');
  await showView(page, 'layer-table');
  const table = page.locator('.layer-table table');
  await expect(page.locator('.layer-table .view-note')).toContainText('2,365 of 2,365 op calls');
  await table.getByRole('button', { name: 'M MACs' }).click();
  await expect(table.locator('th[aria-sort="descending"]')).toContainText('M MACs');
  const costs = await table.locator('tbody tr td.cost').allInnerTexts();
  const numbers = costs.map(Number);
  expect(numbers.length).toBe(50);
  expect([...numbers].sort((a, b) => b - a)).toEqual(numbers);
  expect(numbers[0]).toBeGreaterThan(numbers[49]);
  await page.getByLabel('Filter by name or place').fill('keypoint_head');
  await expect(table.locator('tbody tr')).toHaveCount(1);
});

test('the cost breakdown shows fusion dominating Lite-HRNet-18', async ({ page }) => {
  await showView(page, 'breakdown');
  await expect(page.locator('.breakdown .view-note')).toContainText('58.2%');
  await expect(page.locator('.breakdown .view-note')).toContainText('fusion between branches');
});

// One test per scheme, as on /learn: each axe pass over the explorer with a module open takes
// about 5 s of a core here, and one test is one time budget.
for (const scheme of ['light', 'dark'] as const)
  test(`the explorer has no serious accessibility problems (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.getByRole('button', { name: /^Stage 3, module 2:/ }).click();
    await showAllViews(page);
    await expectNoSeriousAxeViolations(page);
  });

test('the page loads no tfjs', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => scripts.push(r.url()));
  await page.reload();
  await page.getByLabel('Preset').selectOption('litehrnet_30');
  await expect(page.getByTestId('total-cost')).toHaveText('319.2 M MACs');
  expect(scripts.filter((u) => /tfjs|tensorflow|\.wasm/i.test(u))).toEqual([]);
});

test('the table and the diagrams point at the same op both ways', async ({ page }) => {
  await page.getByRole('button', { name: /^Stage 2, module 1:/ }).click();
  await page.getByLabel('Filter by name or place').fill('stage0.0.layers.0.depthwise_convs.1.conv');
  const row = page.locator('.layer-table tbody tr');
  await expect(row).toHaveCount(1);
  await row.hover();
  await expect(page.locator('svg.ops g.node.hovered')).toHaveCount(1);
  await expect(page.locator('svg.net rect.cell.hl')).toHaveCount(1);
  await expect(page.locator('.inspector')).toContainText('depthwise_convs.1.conv');
  await page.getByLabel('Filter by name or place').fill('');
  const bn = page.getByRole('button', {
    name: /^backbone\.stage0\.0\.layers\.0\.depthwise_convs\.1\.bn /
  });
  await bn.focus();
  await bn.click();
  await expect(page.locator('.layer-table tr.selected')).toContainText(
    'backbone.stage0.0.layers.0.depthwise_convs.1.bn'
  );
});
