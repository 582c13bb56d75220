import { expect, test } from './fixtures';

// Official README of HRNet/Lite-HRNet: params exact, FLOPs in M = 2^20 (torchstat).
const README = [
  { model: 'Lite-HRNet-18', input: 'COCO 256x192', params: '1,130,769', flops: '205.2' },
  { model: 'Lite-HRNet-30', input: 'COCO 256x192', params: '1,763,717', flops: '319.2' },
  { model: 'Lite-HRNet-30', input: 'COCO 384x288', params: '1,763,717', flops: '717.8' },
  { model: 'Naive Lite-HRNet-18', input: 'COCO 256x192', params: '760,365', flops: '194.8' },
  { model: 'Lite-HRNet-18', input: 'MPII 256x256', params: '1,130,728', flops: '273.4' }
];

test('the home page lists the official models with the README numbers', async ({ page }) => {
  await page.goto('/');
  // The table loads as it comes near the screen.
  await page.getByRole('heading', { name: 'Official models' }).scrollIntoViewIfNeeded();
  const table = page.getByRole('table', { name: /Official Lite-HRNet models/ });
  for (const r of README) {
    const row = table
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: r.model, exact: true }) })
      .filter({ hasText: r.input });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('cell').nth(1)).toHaveText(r.params);
    await expect(row.getByRole('cell').nth(2)).toHaveText(r.flops);
  }
});
