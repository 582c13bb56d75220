/**
 * HRNet's settings in the explorer: stem type and stage 1, per-stage fusion convs, fusing only the
 * highest resolution at the end. HRNet-W32's 28,536,113 params are the official pose_hrnet.py's
 * (tests/oracle/fixtures/hrnet.json, counted by PyTorch).
 */
import { expect, expectNoSeriousAxeViolations, gotoReady, test } from './fixtures';

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('Lite-HRNet’s page keeps the HRNet box closed and unloaded', async ({ page }) => {
  await gotoReady(page, '/');
  await expect(page.locator('details.hrnet-box')).not.toHaveAttribute('open', '');
  await expect(page.getByTestId('hrnet-controls')).toHaveCount(0);
});

test('an HRNet link opens the box with its settings, each labelled', async ({ page }) => {
  await gotoReady(page, '/?v=1&m=hrnet_w32');
  await expect(page.getByTestId('total-params')).toHaveText('28,536,113 params');
  const box = page.getByTestId('hrnet-controls');
  await expect(box.getByLabel('Stem', { exact: true })).toHaveValue('hrnet');
  await expect(box.getByLabel('Stage 1 residual blocks')).toHaveValue('4');
  await expect(box.getByLabel('Stage 1 block type')).toHaveValue('bottleneck');
  await expect(box.getByLabel('Stage 3')).toHaveValue('full');
  await expect(box.getByLabel('The last module fuses every branch')).not.toBeChecked();
  await expect(page.getByLabel('Stage 2 block type')).toHaveValue('basic');
  await expectNoSeriousAxeViolations(page);
});

test('the keyboard edits them, and the link follows', async ({ page }) => {
  await gotoReady(page, '/?v=1&m=hrnet_w32');
  const box = page.getByTestId('hrnet-controls');
  const conv = box.getByLabel('Stage 2');
  await conv.focus();
  // FUSION_CONVS order: separable, full; W32 starts on full.
  await page.keyboard.press('ArrowUp');
  await expect(conv).toHaveValue('separable');
  await expect(page).toHaveURL(/[?&]c2=separable(&|$)/);
  const ms = box.getByLabel('The last module fuses every branch');
  await ms.focus();
  await page.keyboard.press('Space');
  await expect(ms).toBeChecked();
  await expect(page).toHaveURL(/[?&]ms=1(&|$)/);
});

test('Lite-HRNet-18 takes HRNet’s stem from the box, opened with the keyboard', async ({
  page
}) => {
  await gotoReady(page, '/');
  const summary = page.locator('details.hrnet-box > summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  const stem = page.getByTestId('hrnet-controls').getByLabel('Stem', { exact: true });
  await stem.selectOption('hrnet');
  await expect(page).toHaveURL(/[?&]st=hrnet(&|$)/);
  await expect(page.getByTestId('total-params')).not.toHaveText('1,130,769 params');
  // The IterativeHead is on: fusing only branch 0 at the end is refused with the reason.
  await page.getByLabel('The last module fuses every branch').uncheck();
  await expect(page.getByTestId('hrnet-controls')).toContainText(
    'The IterativeHead reads every branch'
  );
});

test('HRNet’s own experiment YAML pasted into Import loads HRNet-W48', async ({ page }) => {
  await gotoReady(page, '/');
  await page.getByText('Import a config').click();
  // The model part of leoxiaobin/deep-high-resolution-net.pytorch's w48_256x192_adam_lr1e-3.yaml.
  const stage = (n: number, modules: number) => {
    const widths = [48, 96, 192, 384].slice(0, n);
    return [
      `    STAGE${n}:`,
      `      NUM_MODULES: ${modules}`,
      `      NUM_BRANCHES: ${n}`,
      '      BLOCK: BASIC',
      '      NUM_BLOCKS:',
      ...widths.map(() => '      - 4'),
      '      NUM_CHANNELS:',
      ...widths.map((w) => `      - ${w}`),
      '      FUSE_METHOD: SUM'
    ];
  };
  const yaml = [
    'MODEL:',
    '  NAME: pose_hrnet',
    '  NUM_JOINTS: 17',
    '  IMAGE_SIZE:',
    '  - 192',
    '  - 256',
    '  EXTRA:',
    '    FINAL_CONV_KERNEL: 1',
    ...stage(2, 1),
    ...stage(3, 4),
    ...stage(4, 3)
  ].join('\n');
  await page.getByLabel('Config text').fill(yaml);
  await page.getByRole('button', { name: 'Load config' }).click();
  // pose_hrnet.py HRNet-W48 in PyTorch: 63,595,745 params (tests/oracle/fixtures/hrnet.json).
  await expect(page.getByTestId('total-params')).toHaveText('63,595,745 params');
  await expect(page.getByTestId('hrnet-controls').getByLabel('Stem', { exact: true })).toHaveValue(
    'hrnet'
  );
});
