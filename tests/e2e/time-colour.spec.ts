import { expect, gotoReady, showView, test } from './fixtures';

test('after a forward pass the explorer shows time shares and can colour the network by time', async ({
  page
}) => {
  test.setTimeout(180_000);
  await gotoReady(page, '/');
  await showView(page, 'network-view');
  const view = page.locator('section.network-view');
  const colourBy = view.getByLabel('Colour by');
  const timeOption = colourBy.locator('option', { hasText: 'Measured time' });
  await expect(timeOption).toBeDisabled();
  await expect(view.getByTestId('colour-by-note')).toContainText('once the live forward pass');
  const fills = () =>
    view
      .locator('svg.net rect.cell')
      .evaluateAll((els) => els.map((e) => (e as SVGElement).style.fill));
  const byCost = await fills();

  const section = page.getByRole('region', { name: 'Verify with a live forward pass' });
  await section.scrollIntoViewIfNeeded();
  await section.getByLabel('Backend').selectOption('wasm');
  await section.getByLabel('Timed runs').fill('1');
  await section.getByLabel('Warm-up runs').fill('0');
  await section.getByRole('button', { name: 'Run forward pass' }).click();
  await expect(section.getByTestId('verify-summary')).toBeVisible({ timeout: 120_000 });

  // Time share beside FLOPs share, by op kind, then by stage in the paper's numbering.
  const shares = section.getByTestId('time-share');
  await expect(shares).toContainText('Time share (%)');
  await expect(shares).toContainText('conv2d');
  await section.getByLabel('Group by').selectOption('stage');
  await expect(shares.locator('tbody tr')).toHaveText([
    /^Stem/,
    /^Stage 2/,
    /^Stage 3/,
    /^Stage 4/,
    /^Heads/
  ]);

  await expect(timeOption).toBeEnabled();
  await colourBy.selectOption('time');
  await expect(view.getByTestId('cost-legend')).toContainText('measured time per cell');
  await expect(view.getByTestId('cost-legend')).toContainText(/largest cell \d+\.\d+ ms/);
  expect(await fills()).not.toEqual(byCost);

  // An edit makes another network: its times are unknown, so the colour goes back to cost.
  await page.getByLabel('Preset').selectOption('litehrnet_30');
  await expect(timeOption).toBeDisabled();
  await expect(view.getByTestId('cost-legend')).toContainText('cost per cell');
});
