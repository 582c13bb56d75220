import type { Page } from '@playwright/test';
import { expect, gotoReady, test } from './fixtures';

/** Where the diagrams start, relative to the module view's top (scrolling moves both alike). */
function diagramOffset(page: Page): Promise<number> {
  return page.evaluate(() => {
    const view = document.querySelector('.module-view')!.getBoundingClientRect();
    const diagrams = document.querySelector('.module-view .diagrams')!.getBoundingClientRect();
    return diagrams.top - view.top;
  });
}

test('pointing at ops fills the inspector but never moves the diagram', async ({ page }) => {
  // Lite-HRNet-30, Stage 3, module 2: a CCW block with four branches, the tallest inspector text.
  await gotoReady(page, '/?v=1&m=litehrnet_30&at=stage1.1');
  await page.locator('.module-view [data-zoom-ready="true"]').first().waitFor();
  const inspector = page.locator('.module-view .inspector');
  const before = await diagramOffset(page);
  const height = (await inspector.boundingBox())!.height;
  // Six ops wholly inside the pane's starting view (the rest are panned out of sight).
  const visible = await page.evaluate(() => {
    const pane = document.querySelector('.module-view .zoom-viewport')!.getBoundingClientRect();
    return [...document.querySelectorAll('.module-view svg.ops g.node')]
      .map((g, i) => ({ i, r: g.getBoundingClientRect() }))
      .filter(({ r }) => r.left >= pane.left && r.right <= pane.right)
      .filter(({ r }) => r.top >= pane.top && r.bottom <= pane.bottom)
      .map(({ i }) => i);
  });
  expect(visible.length).toBeGreaterThanOrEqual(6);
  const nodes = page.locator('.module-view svg.ops g.node');
  for (const i of visible.slice(0, 6)) {
    const node = nodes.nth(i);
    const key = (await node.getAttribute('data-op'))!;
    await node.hover();
    // The inspector names the op call as links and the CLI do: name@call.
    await expect(inspector.locator('h3 code')).toHaveText(key);
    expect(await diagramOffset(page)).toBe(before);
    expect((await inspector.boundingBox())!.height).toBe(height);
  }
});

test('after opening another module the inspector is empty', async ({ page }) => {
  await gotoReady(page, '/?v=1&m=litehrnet_18&at=stage0.0');
  await page.locator('.module-view [data-zoom-ready="true"]').first().waitFor();
  const inspector = page.locator('.module-view .inspector');
  const node = page.locator('svg.ops g.node').first();
  await node.focus();
  await page.keyboard.press('Enter');
  await expect(inspector.locator('h3 code')).toHaveText((await node.getAttribute('data-op'))!);
  // Another module, opened from the network view by keyboard (the pointer stays where it was).
  await page.getByRole('button', { name: /^Stage 3, module 1:/ }).focus();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { name: 'Stage 3 (stage1), module 1 of 4' })
  ).toBeVisible();
  await expect(inspector).toHaveClass(/empty/);
  await expect(inspector.locator('h3')).toHaveCount(0);
});
