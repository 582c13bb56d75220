import { FIRST_LOAD_BUDGET_KB, kb, measureFirstLoad } from '../../bench/first-load-measure';
import { expect, test } from './fixtures';

// Sizes depend on the build only: every script `/` fetches until it is ready and idle, gzipped at
// level 9 (the same measure as `npm run bench:first-load`).

test.describe('on a phone (390×844), as Lighthouse’s mobile run sees it', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test(`the first load of / is at most ${FIRST_LOAD_BUDGET_KB} KB gzip of JavaScript`, async ({
    page
  }) => {
    const load = await measureFirstLoad(page, '/', { keepText: true });
    const list = load.scripts.map((s) => `${kb(s.gzipBytes).toFixed(1)} KB ${s.path}`).join('\n');
    expect(kb(load.totalGzipBytes), list).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_KB);
    // The model's code (model/engine.ts) waits for a first edit, link or view: sentences of its
    // validator (validate.ts) are not in what the phone's first screen loaded.
    const all = load.scripts.map((s) => s.text ?? '').join('\n');
    expect(all).not.toContain('must be even: the stem splits it in half');
  });

  test("the totals show before the model's code loads, and the first edit loads it", async ({
    page
  }) => {
    await measureFirstLoad(page, '/');
    // Lite-HRNet-18 at 256x192 in the official README: 1,130,769 params, 205.2 M FLOPs.
    await expect(page.getByTestId('total-params')).toHaveText('1,130,769 params');
    await expect(page.getByTestId('total-cost')).toHaveText('205.2 M MACs');
    await page.getByLabel('Preset', { exact: true }).selectOption('litehrnet_30');
    // Lite-HRNet-30 at 256x192 in the official README: 1,763,717 params, 319.2 M FLOPs.
    await expect(page.getByTestId('total-params')).toHaveText('1,763,717 params');
    await expect(page.getByTestId('total-cost')).toHaveText('319.2 M MACs');
  });

  test("edits made before the model's code arrives are kept and applied in order", async ({
    page
  }) => {
    await measureFirstLoad(page, '/');
    // The first edits of the visit: nothing has loaded the model's code yet, so these wait for
    // it (each handler reads its select at once; the event is gone when the edit runs).
    for (const stage of [2, 3, 4])
      await page.getByLabel(`Stage ${stage} block type`).selectOption('naive');
    // Lite-HRNet-18 with shuffle blocks everywhere is Wider Naive Lite-HRNet-18; the official
    // README: 1,318,625 params and 311.1 M FLOPs at 256x192.
    await expect(page.getByTestId('total-params')).toHaveText('1,318,625 params');
    await expect(page.getByTestId('total-cost')).toHaveText('311.1 M MACs');
  });

  test('the views below the settings wait in placeholders until they are near', async ({
    page
  }) => {
    await measureFirstLoad(page, '/');
    // Network, module, cost, table, forward panel and the official models' table.
    await expect(page.locator('[data-deferred="waiting"]')).toHaveCount(6);
    await expect(page.getByRole('heading', { level: 2, name: 'Network' })).toBeAttached();
  });
});

test.describe('on a desktop (1440×900) whose first screen shows the network', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('only the views on the first screen load', async ({ page }) => {
    await measureFirstLoad(page, '/');
    await expect(page.locator('.network-view svg.net rect.cell').first()).toBeAttached();
    // The module view starts below the first screen (y ≈ 1050 px at this width).
    await expect(page.locator('[data-deferred="waiting"]')).toHaveCount(5);
  });
});

test('the address codec, the glossary’s texts, the exporters and the mmpose parser are not in the first load', async ({
  page
}) => {
  const load = await measureFirstLoad(page, '/', { keepText: true });
  const all = load.scripts.map((s) => s.text ?? '').join('\n');
  // Strings that live only in those modules: ForwardPanel's button, export.ts's config format
  // tag, python.ts's tokenizer message and mmpose.ts's printer.
  expect(all).not.toContain('Run forward pass');
  expect(all).not.toContain('lite-hrnet-explorer/config');
  expect(all).not.toContain('extra=dict(');
  // The link's key table (url-schema.ts) loads with the first link to read or edit to write,
  // and the help texts are the page's HTML, not script (glossary-html.ts).
  expect(all).not.toContain('counting convention');
  expect(all).not.toContain('sum of half widths');
  await expect(page.locator('#glossary-reduceRatio')).toContainText('sum of half widths');
  // Scrolling to the forward section loads its panel.
  const section = page.getByRole('region', { name: 'Verify with a live forward pass' });
  await section.scrollIntoViewIfNeeded();
  await expect(section.getByRole('button', { name: 'Run forward pass' })).toBeVisible();
});

test('the forward section’s button loads its panel and moves focus into it', async ({ page }) => {
  await page.goto('/');
  await page.locator('.explorer[data-ready="true"]').waitFor();
  const section = page.getByRole('region', { name: 'Verify with a live forward pass' });
  // Pressed without scrolling the section near first (a click event, as Enter on it gives).
  await section.getByRole('button', { name: 'Load the forward pass' }).dispatchEvent('click');
  await expect(section.getByLabel('Backend')).toBeFocused();
});
