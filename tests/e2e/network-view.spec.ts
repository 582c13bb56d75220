/**
 * The network view says what the config is: per stage its block type and size, per branch its
 * resolution and width, what transitions and heads do (hover and keyboard), and a colour legend
 * with numbers; /compare puts both networks on one colour scale and marks the cells that differ.
 * Expected values come from the presets (DESIGN §2): Lite-HRNet-18 modules (2, 4, 2), blocks 2,
 * widths 40, 80, 160, 320; its largest cell is the stem, 23,543,808 MACs = 22.45 M (M = 2^20).
 */
import { expect, gotoReady, test } from './fixtures';

test.describe('explorer network view', () => {
  test.beforeEach(async ({ page }) => {
    await gotoReady(page, '/');
  });

  test('Stage 2’s band turns from CCW to Shuffle when its block type changes', async ({ page }) => {
    const band = page.locator('.network-view svg.net g.band').first();
    await expect(band.locator('text.band-title')).toHaveText('Stage 2');
    await expect(band.locator('text.band-block')).toHaveText('CCW');
    await expect(band.locator('text.band-repeat')).toHaveText('2 modules × 2 blocks');
    await page.getByLabel('Stage 2 block type').selectOption('naive');
    await expect(band.locator('text.band-block')).toHaveText('Shuffle');
    await page.getByLabel('Stage 2 block type').selectOption('naive_no_first_1x1');
    await expect(band.locator('text.band-block')).toHaveText('Shuffle, no 1st 1x1');
    await expect(page.locator('.network-view svg.net g.band').nth(1)).toContainText(
      '4 modules × 2 blocks'
    );
  });

  test('rows and widths: 1/4 at 64×48, each stage’s widths under its first module', async ({
    page
  }) => {
    const net = page.locator('.network-view svg.net');
    await expect(net.locator('g.row text.res')).toHaveText(['1/4', '1/8', '1/16', '1/32']);
    await expect(net.locator('g.row text.size')).toHaveText(['64×48', '32×24', '16×12', '8×6']);
    // Stem 32; Stage 2: 40, 80; Stage 3: 40, 80, 160; Stage 4: 40, 80, 160, 320.
    await expect(net.locator('g.widths text')).toHaveText(
      '32 ch,40 ch,80 ch,40 ch,80 ch,160 ch,40 ch,80 ch,160 ch,320 ch'.split(',')
    );
  });

  test('a transition and the heads say what they do on focus and on hover', async ({ page }) => {
    const readout = page.getByTestId('network-readout');
    const t = page.getByRole('button', { name: /^Transition into Stage 3:/ });
    await expect(t).toHaveAttribute('tabindex', '0');
    await t.focus();
    await expect(readout).toContainText(
      'Transition into Stage 3: makes branch 3 (1/16, 160 ch) from branch 2 with a stride-2 3×3 depthwise + 1×1; branches 1–2 pass unchanged'
    );
    await page.getByRole('button', { name: /^Heads:/ }).focus();
    await expect(readout).toContainText('a 1×1 conv 40 → 17 heatmaps');
    await page
      .getByRole('button', { name: /^Transition into Stage 2:/ })
      .locator('text')
      .hover();
    await expect(readout).toContainText('changes branch 1 from 32 to 40 ch');
    // A transition opens as its own op graph from the keyboard, and so do modules.
    await t.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('#module-title')).toHaveText('Transition into Stage 3');
    const module = page.getByRole('button', { name: /^Stage 3, module 2:/ });
    await module.focus();
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('heading', { name: 'Stage 3 (stage1), module 2 of 4' })
    ).toBeVisible();
  });

  test('the legend gives numbers in the view’s unit and the cells use its colours', async ({
    page
  }) => {
    const legend = page.locator('.network-view [data-testid="cost-legend"]');
    await expect(legend).toContainText('M MACs (M = 2^20)');
    await expect(legend.locator('.tick')).toHaveText(['0', '5', '10', '15', '20']);
    await expect(legend).toContainText('largest cell 22.5 M MACs');
    // The stem is the largest cell: the scale's end colour, viridis(0) on a light page.
    const stem = page.locator('.network-view svg.net rect.cell').first();
    await expect(stem).toHaveCSS('fill', 'rgb(68, 1, 84)');
    await expect(legend.locator('.legend-bar')).toHaveCSS('background-image', /rgb\(68, 1, 84\)/);
    await page.getByLabel('FLOPs (2 × MACs)').check();
    await expect(legend).toContainText('M FLOPs (M = 2^20)');
    await expect(legend.locator('.tick')).toHaveText(['0', '10', '20', '30', '40']);
    // A dark page runs the scale the other way: the largest cell is bright.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(stem).toHaveCSS('fill', 'rgb(253, 231, 37)');
  });
});

test.describe('compare', () => {
  test('both networks share one legend and the cells that differ are marked', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await gotoReady(page, '/compare?a=v%3D1%26m%3Dlitehrnet_18&b=v%3D1%26m%3Dlitehrnet_30');
    // The pictures load as their section comes near the screen.
    await page.getByRole('heading', { name: 'The two networks' }).scrollIntoViewIfNeeded();
    await expect(page.locator('[data-testid="cost-legend"]')).toHaveCount(1);
    await expect(page.locator('[data-testid="cost-legend"]')).toContainText(
      'one scale for A and B'
    );
    const netA = page.locator('section[aria-labelledby="net-a"]');
    const netB = page.locator('section[aria-labelledby="net-b"]');
    // Lite-HRNet-18 (A) against -30 (B): B alone has Stage 2 module 3 (2 cells), Stage 3
    // modules 5–8 (4 × 3) and Stage 4 module 3 (4): 18 cells; every A cell has its twin in B.
    await expect(netB.locator('rect.cell.differs')).toHaveCount(18);
    await expect(netA.locator('rect.cell.differs')).toHaveCount(0);
    // Side by side on a wide screen.
    const boxA = (await netA.boundingBox())!;
    const boxB = (await netB.boundingBox())!;
    expect(Math.abs(boxA.y - boxB.y)).toBeLessThan(2);
    expect(boxB.x).toBeGreaterThan(boxA.x + boxA.width - 1);
    await netB.locator('rect.cell.differs').first().hover();
    await expect(netB.locator('.readout')).toContainText('only in B: A has no such cell');
    // Against Naive Lite-HRNet-18 every cell after the stem differs, on both sides, by an amount.
    await page.locator('#side-b-preset').selectOption('naive_litehrnet_18');
    await expect(netA.locator('rect.cell.differs')).not.toHaveCount(0);
    await netA.locator('rect.cell.differs').first().hover();
    await expect(netA.locator('.readout')).toContainText(/differs from B: [+−]\d+\.\d M MACs/);
  });

  test('on a narrower screen the two networks stack', async ({ page }) => {
    await page.setViewportSize({ width: 900, height: 900 });
    await gotoReady(page, '/compare');
    await page.getByRole('heading', { name: 'The two networks' }).scrollIntoViewIfNeeded();
    await page.locator('section[aria-labelledby="net-b"]').waitFor();
    const boxA = (await page.locator('section[aria-labelledby="net-a"]').boundingBox())!;
    const boxB = (await page.locator('section[aria-labelledby="net-b"]').boundingBox())!;
    expect(boxB.y).toBeGreaterThan(boxA.y + boxA.height - 1);
  });
});
