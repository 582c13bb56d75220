import type { Page } from '@playwright/test';
import { expect, gotoReady, test } from './fixtures';

/** Opens the explorer at a link and waits for the app and every zoom pane to be ready. */
async function open(page: Page, query: string): Promise<void> {
  await gotoReady(page, `/${query}`);
  const panes = page.locator('[data-zoom-pane]');
  await expect(panes.first()).toBeVisible();
  const n = await panes.count();
  for (let i = 0; i < n; i++) await expect(panes.nth(i)).toHaveAttribute('data-zoom-ready', 'true');
}

/** On-screen font sizes (CSS px after every transform) of the labels inside the zoom panes. */
function labelSizes(page: Page): Promise<number[]> {
  return page.$$eval('[data-zoom-pane] svg text', (texts) =>
    texts
      .filter((t) => t.textContent && getComputedStyle(t).display !== 'none')
      .map((t) => {
        const m = (t as SVGTextElement).getScreenCTM()!;
        return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      })
  );
}

const naiveBlock = '?v=1&m=naive_litehrnet_18&at=stage0.0.0';
const x1 = 'backbone.stage0.0.layers.0.0#chunk.x1@0';
const cat = 'backbone.stage0.0.layers.0.0#cat@0';

test('the shuffle block’s untouched half has its own edge into the concat', async ({ page }) => {
  await open(page, naiveBlock);
  const view = page.locator('.module-view');
  await expect(view.locator(`[data-op="${x1}"]`)).toHaveCount(1);
  await expect(view.locator(`path[data-from="${x1}"][data-to="${cat}"]`)).toHaveCount(1);
  // Every edge joins two things that are drawn: an op node or a port.
  const dangling = await view.evaluate((root) => {
    const drawn = new Set(
      [...root.querySelectorAll('[data-op], [data-port]')].map(
        (e) => e.getAttribute('data-op') ?? e.getAttribute('data-port')
      )
    );
    return [...root.querySelectorAll('path[data-from]')].flatMap((p) =>
      [p.getAttribute('data-from'), p.getAttribute('data-to')].filter((k) => !drawn.has(k))
    );
  });
  expect(dangling).toEqual([]);
});

for (const width of [390, 1440])
  test(`diagram labels are at least 11 px on screen at ${width} px wide`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await open(page, '?v=1&m=litehrnet_30&at=stage2.0.0');
    const sizes = await labelSizes(page);
    // The network (stage bands, rows, columns) and the block and fusion diagrams.
    expect(sizes.length).toBeGreaterThan(100);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
    // Nothing on the page scrolls sideways because of a diagram: the panes pan instead.
    const pane = await page.locator('.module-view [data-zoom-pane]').first().boundingBox();
    expect(pane!.x + pane!.width).toBeLessThanOrEqual(width);
  });

test('zoom buttons and keys change the view; Fit shows the whole diagram', async ({ page }) => {
  await open(page, naiveBlock);
  const pane = page.locator('.module-view [data-zoom-pane]').first();
  const content = pane.locator('g.zoom-content');
  const before = await content.getAttribute('transform');
  await pane.getByRole('button', { name: 'Zoom in' }).click();
  await expect(content).not.toHaveAttribute('transform', before!);
  const zoomed = await content.getAttribute('transform');
  await pane.locator('svg.zoom-viewport').focus();
  await page.keyboard.press('-');
  await expect(content).not.toHaveAttribute('transform', zoomed!);
  await pane.getByRole('button', { name: 'Fit' }).click();
  // Fit: the whole drawing inside the pane.
  const [box, drawing] = await Promise.all([
    pane.locator('svg.zoom-viewport').boundingBox(),
    pane.locator('svg.diagram').boundingBox()
  ]);
  expect(drawing!.width).toBeLessThanOrEqual(box!.width + 0.5);
  expect(drawing!.height).toBeLessThanOrEqual(box!.height + 0.5);
});

test('presentation mode hides the settings; the link carries it and Esc leaves', async ({
  page
}) => {
  await open(page, '?v=1&m=litehrnet_18&at=stage0.0.0');
  await expect(page.locator('aside.panel')).toBeVisible();
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  await expect(page.locator('aside.panel')).toHaveCount(0);
  await expect(page).toHaveURL(/present=1/);
  await page.keyboard.press('Escape');
  await expect(page.locator('aside.panel')).toBeVisible();
  await expect(page).not.toHaveURL(/present=1/);
  await open(page, '?v=1&m=litehrnet_18&present=1');
  await expect(page.locator('aside.panel')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Presentation mode' })).toHaveAttribute(
    'aria-pressed',
    'true'
  );
});

test('transitions and heads open as their own diagrams', async ({ page }) => {
  await open(page, '?v=1&m=litehrnet_18&at=transition1');
  await expect(page.locator('#module-title')).toHaveText('Transition into Stage 3');
  // Stage 3 adds branch 3 from branch 2: a stride-2 depthwise conv first.
  await expect(page.locator('[data-op="backbone.transition1.2.0.0@0"]')).toHaveCount(1);
  await open(page, '?v=1&m=litehrnet_18&at=head');
  await expect(page.locator('#module-title')).toHaveText('Heads');
  await expect(
    page.locator(
      'path[data-to="keypoint_head.final_layer@0"][data-from$="pointwise_conv.activate@0"]'
    )
  ).toHaveCount(1);
});
