/**
 * What ties the pages together: the nav carries the model from page to page, the footer links
 * the paper, the code and the trained weights, and no element carries a label it may not have.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, gotoReady, showAllViews, test } from './fixtures';

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

async function goVia(page: Page, name: string, path: RegExp) {
  await nav(page, name).click();
  await expect(page).toHaveURL(path);
  await page.locator('[data-ready="true"]').first().waitFor();
}

/** Lite-HRNet-30 with a shuffle-block Stage 2, edited in the explorer. */
async function editedExplorer(page: Page): Promise<{ query: string; cost: string }> {
  await gotoReady(page, '/');
  await page.getByLabel('Preset').selectOption('litehrnet_30');
  await page.getByLabel('Stage 2 block type').selectOption('naive');
  await expect(page).toHaveURL(/\?v=1&m=litehrnet_30&s2=naive$/);
  const cost = (await page.getByTestId('total-cost').textContent())!;
  return { query: new URL(page.url()).search, cost };
}

async function expectExplorerShows(page: Page, cost: string) {
  await expect(page.getByLabel('Stage 2 block type')).toHaveValue('naive');
  await expect(page.getByTestId('total-cost')).toHaveText(cost);
}

test('the nav carries an edited model to Learn and back, unchanged', async ({ page }) => {
  const { query, cost } = await editedExplorer(page);
  await goVia(page, 'Learn', /\/learn\?/);
  expect(new URL(page.url()).search).toBe(query);
  await goVia(page, 'Explorer', /\/\?/);
  expect(new URL(page.url()).search).toBe(query);
  await expectExplorerShows(page, cost);
  await expect(page.getByLabel('Preset')).toHaveValue('litehrnet_30');
});

test('the nav carries the model to Compare as side A, and back', async ({ page }) => {
  const { query, cost } = await editedExplorer(page);
  await goVia(page, 'Compare', /\/compare\?a=/);
  expect(new URL(page.url()).searchParams.get('a')).toBe(query.slice(1));
  await expect(page.getByText('Lite-HRNet-30 (edited), 256x192 (A)')).toBeVisible();
  await goVia(page, 'Explorer', /\/\?/);
  expect(new URL(page.url()).search).toBe(query);
  await expectExplorerShows(page, cost);
});

test('the nav carries the model to Verify in the explorer link form, and back', async ({
  page
}) => {
  const { query, cost } = await editedExplorer(page);
  await goVia(page, 'Verify', /\/verify\?v=1/);
  await expect(page.getByTestId('custom-config')).toBeVisible();
  await goVia(page, 'Explorer', /\/\?/);
  expect(new URL(page.url()).search).toBe(query);
  await expectExplorerShows(page, cost);
});

test('an unedited page links the other pages plainly', async ({ page }) => {
  await gotoReady(page, '/learn');
  await expect(nav(page, 'Explorer')).toHaveAttribute('href', /\/$/);
  await expect(nav(page, 'Compare')).toHaveAttribute('href', /\/compare$/);
});

test('the footer links the paper, the official code, its checkpoints and mmpose', async ({
  page
}) => {
  for (const path of ['/', '/learn', '/compare', '/verify', '/train']) {
    await gotoReady(page, path);
    const footer = page.locator('footer');
    const hrefs = await footer
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs, path).toEqual([
      'https://arxiv.org/abs/2104.06403',
      'https://github.com/HRNet/Lite-HRNet',
      'https://github.com/HRNet/Lite-HRNet#results-and-models',
      'https://mmpose.readthedocs.io/en/latest/model_zoo_papers/backbones.html#litehrnet-cvpr-2021'
    ]);
    // External links open as links do: no new tab forced, nothing for the opener to reach.
    await expect(footer.locator('a[target]')).toHaveCount(0);
  }
});

// The explorer's cost bars are drawn after hydration; /compare's tables are in the page.
const drawn = { '/': 'svg.bars-svg g.bar', '/compare': 'table th' };
for (const [path, ready] of Object.entries(drawn)) {
  test(`${path}: no empty table header and no label on an element that may not have one`, async ({
    page
  }) => {
    await gotoReady(page, path);
    if (path === '/') await showAllViews(page);
    await page.locator(ready).first().waitFor();
    const results = await new AxeBuilder({ page })
      .withRules(['empty-table-header', 'aria-prohibited-attr'])
      .analyze();
    const found = results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' '))
    }));
    expect(found).toEqual([]);
  });
}
