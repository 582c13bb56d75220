/**
 * "Why the tools disagree" on the built site: in the explorer (opened from under the totals) and
 * in /learn step 6, each tool’s total for Lite-HRNet-18 at 256x192 (and HRNet-W32) is the number that tool prints
 * for the official code (tests/oracle/fixtures/presets.json, made by running the tools in PyTorch).
 */
import { readFileSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { expect, expectNoSeriousAxeViolations, gotoReady, test } from './fixtures';

const TOOLS = ['paper', 'mmcv', 'fvcore', 'ptflops', 'ptflops-aten', 'thop'] as const;
const fixture = JSON.parse(
  readFileSync(new URL('../oracle/fixtures/presets.json', import.meta.url), 'utf8')
) as {
  cases: { id: string; macs: Record<string, number>; fvcoreByOperator: Record<string, number> }[];
};
const lite18 = fixture.cases.find((c) => c.id === 'litehrnet_18@256x192')!;
const expected = lite18.macs;

async function expectToolTotals(table: Locator) {
  await expect(table).toBeVisible();
  for (const tool of TOOLS) {
    const cell = table.getByTestId('tool-totals').locator(`td[data-convention="${tool}"]`);
    await expect(cell).toHaveText(expected[tool].toLocaleString('en-US'));
  }
}

test('the explorer’s table gives every tool’s exact total for Lite-HRNet-18 at 256x192', async ({
  page
}) => {
  await gotoReady(page, '/?v=1&m=litehrnet_18&cv=thop');
  await page.getByText('Why the tools disagree').click();
  const table = page.getByRole('table', { name: /Why the tools disagree/ });
  await expectToolTotals(table);
  // The chosen convention's column is named as chosen; fvcore's split adds up to its total.
  await expect(table.getByRole('columnheader', { name: 'thop (chosen)' })).toBeVisible();
  await expect(table.getByRole('row', { name: /BatchNorm/ })).toContainText('4·numel');
  const split = page.getByTestId('fvcore-by-operator');
  for (const [name, macs] of Object.entries(lite18.fvcoreByOperator))
    await expect(split.getByRole('row', { name: new RegExp(`^${name} `) })).toContainText(
      macs.toLocaleString('en-US')
    );
  await expectNoSeriousAxeViolations(page);
});

test('learn step 6 shows the same table and totals', async ({ page }) => {
  await gotoReady(page, '/learn#step-6');
  await expectToolTotals(page.getByRole('table', { name: /Why the tools disagree/ }));
});

test('HRNet-W32: every tool’s exact total for the official pose_hrnet.py, its own summary included', async ({
  page
}) => {
  const hrnet = JSON.parse(
    readFileSync(new URL('../oracle/fixtures/hrnet.json', import.meta.url), 'utf8')
  ) as { cases: { id: string; macs: Record<string, number> }[] };
  const w32 = hrnet.cases.find((c) => c.id === 'hrnet_w32@256x192')!.macs;
  await gotoReady(page, '/?v=1&m=hrnet_w32&cv=hrnet');
  await page.getByText('Why the tools disagree').click();
  const table = page.getByRole('table', { name: /Why the tools disagree/ });
  await expect(table).toBeVisible();
  for (const tool of [...TOOLS, 'hrnet']) {
    const cell = table.getByTestId('tool-totals').locator(`td[data-convention="${tool}"]`);
    await expect(cell).toHaveText(w32[tool].toLocaleString('en-US'));
  }
  await expect(table.getByRole('columnheader', { name: 'HRNet summary (chosen)' })).toBeVisible();
});
