import { expect, gotoReady, test } from './fixtures';

test('the chosen model, input size and backend ride in the copied link', async ({
  page,
  context
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await gotoReady(page, '/verify');
  await page.getByLabel('Model').selectOption('litehrnet_30');
  await page.getByLabel('Input size (H×W)').selectOption('mpii_256x256');
  await page.getByLabel('Backend').selectOption('cpu');
  // The address follows each choice, in the explorer's link format plus the backend.
  await expect(page).toHaveURL(/\?v=1&m=litehrnet_30&in=256x256&j=16&backend=cpu$/);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(copied).pathname).toMatch(/\/verify$/);

  await gotoReady(page, copied);
  await expect(page.getByLabel('Model')).toHaveValue('litehrnet_30');
  await expect(page.getByLabel('Input size (H×W)')).toHaveValue('mpii_256x256');
  await expect(page.getByLabel('Backend')).toHaveValue('cpu');
  await expect(page.getByText(/fitted into 256x256 pixels/)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('an edited explorer link opens as that edited model; a bad backend is named', async ({
  page
}) => {
  await gotoReady(page, '/verify?v=1&m=litehrnet_18&w=40,96,160,320&backend=tpu');
  await expect(page.getByLabel('Model')).toHaveValue('custom');
  await expect(page.getByTestId('custom-config')).toContainText('widths 40, 96, 160, 320');
  await expect(page.getByRole('alert')).toContainText(
    '“tpu” is not one of auto, webgpu, wasm, webgl, cpu'
  );
  await expect(page.getByLabel('Backend')).toHaveValue('auto');
});

test('at 390 px, a run on seeded weights draws no skeleton, says why, and nothing scrolls sideways', async ({
  page
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await gotoReady(page, '/verify?v=1&m=litehrnet_18&backend=wasm');
  await expect(page.getByText(/Input: bundled sample/)).toBeVisible();
  await page.getByLabel('Timed runs').fill('1');
  await page.getByLabel('Warm-up runs').fill('0');
  await page.getByRole('button', { name: 'Run forward pass' }).click();
  await expect(page.getByTestId('pose-random-note')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('pose-random-note')).toContainText(
    'These keypoints are meaningless'
  );
  // The last part of a result to appear is the op table; wait for it before measuring.
  await expect(page.getByRole('region', { name: 'Op-by-op verification table' })).toBeVisible();

  const canvas = page.locator('.pose canvas');
  await expect(canvas).toHaveAttribute('data-limbs', '0');
  await expect(canvas).toHaveAttribute('data-joints', '0');
  // No pixel of the skeleton's cyan (#22d3ee) or the joints' orange (#f97316): the drawn
  // figure holds neither (static/samples/person.svg: sky #9cc7e8…#dfeaf2, shirt #c0392b).
  const marks = await canvas.evaluate((el: HTMLCanvasElement) => {
    const d = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
    let cyan = 0;
    let orange = 0;
    for (let i = 0; i < d.length; i += 4) {
      const [r, g, b] = [d[i], d[i + 1], d[i + 2]];
      if (r < 90 && g > 170 && b > 190) cyan++;
      if (r > 220 && g > 85 && g < 145 && b < 60) orange++;
    }
    return { cyan, orange, pixels: d.length / 4 };
  });
  expect(marks.pixels).toBeGreaterThan(10_000);
  expect(marks).toMatchObject({ cyan: 0, orange: 0 });
  await expect(page.getByTestId('keypoint-table').locator('tbody tr')).toHaveCount(17);

  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
});
