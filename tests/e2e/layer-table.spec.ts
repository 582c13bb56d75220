import { expect, gotoReady, showView, test } from './fixtures';

test.describe('at 1440 px', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('every column is inside the table’s box and every row has one height', async ({ page }) => {
    await gotoReady(page, '/?v=1&m=litehrnet_30');
    await showView(page, 'layer-table');
    const box = page.locator('.layer-table .rows-box');
    await box.scrollIntoViewIfNeeded();
    await expect(box.locator('th', { hasText: 'Where' })).toBeVisible();
    const fits = await box.evaluate((el) => {
      const right = el.getBoundingClientRect().right;
      const where = el.querySelector('thead th:last-child')!.getBoundingClientRect().right;
      const heights = [...el.querySelectorAll('tbody tr')].map(
        (tr) => tr.getBoundingClientRect().height
      );
      return { inside: where <= right + 0.5, heights: [...new Set(heights)], rows: heights.length };
    });
    expect(fits.inside).toBe(true);
    expect(fits.rows).toBe(50);
    expect(fits.heights).toHaveLength(1);
  });
});

test.describe('on a 390 px phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the table shows the name, the cost and the share, without sideways scrolling', async ({
    page
  }) => {
    await gotoReady(page, '/');
    // Far below the settings on a phone: the table's code loads when it comes near.
    await page.locator('section.layer-table').scrollIntoViewIfNeeded();
    const box = page.locator('.layer-table .rows-box');
    const headers = box.locator('thead th');
    await expect(headers).toHaveText(['Name', 'M MACs', '% of total']);
    expect(await box.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // A long name is cut with "…" on screen; the whole name is its title.
    const first = box.locator('tbody td.name button').first();
    await expect(first).toHaveAttribute('title', 'backbone.stem.conv1.conv');
  });
});
