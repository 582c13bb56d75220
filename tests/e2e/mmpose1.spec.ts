/**
 * mmpose 1.x in the page: a pasted 1.x config gives the official numbers with its head on (and its
 * normalisation reaches the forward panel), and Load from URL fetches a checkpoint where the host
 * allows it (CORS) or explains why not, linking the file. The "hosts" are Playwright routes for
 * https addresses; nothing leaves the machine.
 */
import { readFileSync } from 'node:fs';
import { test as base, type Page } from '@playwright/test';
import { expect, expectNoSeriousAxeViolations, gotoReady, test } from './fixtures';

const FIXTURES = 'tests/parity/fixtures';
const V1 = 'tests/unit/share/fixtures-mmpose1/td-hm_litehrnet-18_8xb64-210e_coco-256x192.py';

test('a pasted mmpose 1.x config gives 205.2M and 1,130,769 params with the keypoint head on', async ({
  page
}) => {
  // Start from another model, so the numbers can only come from the paste.
  await page.goto('/?v=1&m=litehrnet_30');
  await page.locator('.explorer[data-ready="true"]').waitFor();
  await expect(page.getByTestId('total-cost')).toHaveText('319.2 M MACs');
  await page.getByText('Import a config').click();
  // Only the codec and the model: what a person copies from mmpose's td-hm_litehrnet-18 file.
  const text = readFileSync(V1, 'utf8');
  await page
    .getByLabel('Config text')
    .fill(text.slice(text.indexOf('codec = dict('), text.indexOf('# mmengine')));
  await page.getByRole('button', { name: 'Load config' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Loaded' });
  await expect(status).toContainText('Loaded (mmpose 1.x style).');
  await expect(status).toContainText('It is the official Lite-HRNet-18.');
  await expect(status).not.toContainText('keypoint head is off');
  // The official README's numbers for Lite-HRNet-18 at 256x192.
  await expect(page.getByTestId('total-cost')).toHaveText('205.2 M MACs');
  await expect(page.getByTestId('total-params')).toHaveText('1,130,769 params');
  // The link keeps the head on (kp=0 would turn it off).
  expect(page.url()).not.toContain('kp=0');

  const section = page.getByRole('region', { name: 'Verify with a live forward pass' });
  await section.scrollIntoViewIfNeeded();
  await expect(section.getByTestId('input-normalisation')).toContainText(
    'ImageNet mean [123.675, 116.28, 103.53] and std [58.395, 57.12, 57.375] (RGB, pixels 0–255)'
  );
});

test('a 1.x data_preprocessor other than ImageNet’s is said on import and in the forward panel', async ({
  page
}) => {
  await page.goto('/');
  await page.locator('.explorer[data-ready="true"]').waitFor();
  await page.getByText('Import a config').click();
  const text = readFileSync(V1, 'utf8');
  const model = text
    .slice(text.indexOf('codec = dict('), text.indexOf('# mmengine'))
    .replace('mean=[123.675, 116.28, 103.53]', 'mean=[0, 0, 0]')
    .replace('std=[58.395, 57.12, 57.375]', 'std=[255, 255, 255]')
    .replace('bgr_to_rgb=True', 'bgr_to_rgb=False');
  await page.getByLabel('Config text').fill(model);
  await page.getByRole('button', { name: 'Load config' }).click();
  const said = 'mean [0, 0, 0] and std [255, 255, 255] (BGR, pixels 0–255)';
  await expect(page.getByTestId('import-normalisation')).toContainText(said);
  const section = page.getByRole('region', { name: 'Verify with a live forward pass' });
  await section.scrollIntoViewIfNeeded();
  await expect(section.getByTestId('input-normalisation')).toContainText(said);
});

/** /verify with the reduced fixture's config (268 tensors), its Weights box on screen. */
async function openReduced(page: Page): Promise<void> {
  const config = readFileSync(`${FIXTURES}/reduced.config.json`, 'utf8');
  await gotoReady(page, `/verify?config=${encodeURIComponent(config)}`);
  await expect(page.getByLabel('Model')).toHaveValue('custom');
}

const CHECKPOINT = 'https://weights.example.test/mmpose/reduced_256x192-0123abcd_20240101.pth';

test('Load from URL reads a checkpoint from a host that allows it (CORS)', async ({ page }) => {
  const body = readFileSync(`${FIXTURES}/reduced.zip.pth`);
  await page.route(CHECKPOINT, (route) =>
    route.fulfill({
      status: 200,
      body,
      headers: {
        'access-control-allow-origin': '*',
        'content-type': 'application/octet-stream',
        'content-length': String(body.length)
      }
    })
  );
  await openReduced(page);
  await page.getByLabel(/Or load from a URL/).fill(CHECKPOINT);
  await page.getByRole('button', { name: 'Load from URL' }).click();
  await expect(page.getByTestId('weights-status')).toContainText(
    'Using weights from reduced_256x192-0123abcd_20240101.pth: 268 tensors.'
  );
  await expectNoSeriousAxeViolations(page);
});

// The plain test: the browser itself logs the refused read as a console error, which is the case
// under test; every other console error and page error still fails it.
base(
  'Load from URL on a host without CORS says why and links the file for a manual download',
  async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !/CORS|Failed to load resource|net::ERR_FAILED/.test(m.text()))
        errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route(CHECKPOINT, (route) =>
      route.fulfill({
        status: 200,
        body: 'not for other sites',
        // A host that lets one other site read it, not this one: Chromium refuses the read, as
        // it does for a host with no CORS header. (Playwright adds a permissive CORS header to a
        // fulfilled cross-origin response that has none, so "none" cannot be staged here.)
        headers: {
          'content-type': 'application/octet-stream',
          'access-control-allow-origin': 'https://another-site.example'
        }
      })
    );
    await openReduced(page);
    await page.getByLabel(/Or load from a URL/).fill(CHECKPOINT);
    await page.getByRole('button', { name: 'Load from URL' }).click();
    const error = page.getByTestId('weights-error');
    await expect(error).toContainText('does not allow pages on other sites to read its files');
    await expect(error).toContainText('weights.example.test');
    await expect(page.getByTestId('weights-manual-link')).toHaveAttribute('href', CHECKPOINT);
    await expect(page.getByTestId('weights-status')).toContainText('Using seeded random weights.');
    expect(errors).toEqual([]);
  }
);

test('Cancel stops a download that is still going', async ({ page }) => {
  // A host that has not answered yet: the request waits until the page gives up on it.
  let requested!: () => void;
  const seen = new Promise<void>((resolve) => (requested = resolve));
  await page.route(CHECKPOINT, () => requested());
  await openReduced(page);
  await page.getByLabel(/Or load from a URL/).fill(CHECKPOINT);
  await page.getByRole('button', { name: 'Load from URL' }).click();
  await seen;
  await expect(page.getByTestId('weights-status')).toContainText(
    'Downloading the checkpoint from weights.example.test…'
  );
  await page.getByRole('button', { name: 'Cancel reading the weights' }).click();
  await expect(page.getByTestId('weights-status')).toContainText(
    'Cancelled. No weights were loaded.'
  );
  await expect(page.getByTestId('weights-status')).toContainText('Using seeded random weights.');
});

test('the official checkpoints list fills Load from URL with an mmpose model-zoo address', async ({
  page
}) => {
  await openReduced(page);
  // Ten official Lite-HRNets, mmpose's hand model and HRNet's four COCO models (zoo.ts).
  await page.getByText(/Official checkpoints \(15\)/).click();
  const list = page.getByTestId('official-checkpoints');
  // HRNet's own files sit in its model zoo folders; the row names the file to take.
  await expect(list.getByRole('row', { name: /HRNet-W32, COCO 256x192/ })).toContainText(
    'pose_hrnet_w32_256x192.pth'
  );
  await expect(
    list.getByRole('link', { name: 'litehrnet18_coco_256x192-6bace359_20211230.pth' })
  ).toHaveAttribute(
    'href',
    'https://download.openmmlab.com/mmpose/top_down/litehrnet/litehrnet18_coco_256x192-6bace359_20211230.pth'
  );
  await list.getByRole('button', { name: /Use the address of litehrnet18_coco_256x192/ }).click();
  await expect(page.getByLabel(/Or load from a URL/)).toHaveValue(
    'https://download.openmmlab.com/mmpose/top_down/litehrnet/litehrnet18_coco_256x192-6bace359_20211230.pth'
  );
  await expectNoSeriousAxeViolations(page);
});

test('Export writes the mmpose config in the style chosen, 1.x reading back to the same model', async ({
  page
}) => {
  await page.goto('/?v=1&m=litehrnet_30&in=384x288');
  await page.locator('.explorer[data-ready="true"]').waitFor();
  await page.getByText('Export', { exact: true }).click();
  await page.getByLabel('mmpose style').selectOption('1.x');
  const [py] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'mmpose config (.py)' }).click()
  ]);
  expect(py.suggestedFilename()).toBe('litehrnet_30-384x288-config-mmpose1.py');
  const text = readFileSync((await py.path())!, 'utf8');
  expect(text).toContain("type='TopdownPoseEstimator'");
  // mmpose 1.x writes (width, height).
  expect(text).toContain('input_size=(288, 384)');
  expect(text).toContain('num_modules=(3, 8, 3)');
  await expectNoSeriousAxeViolations(page);
});
