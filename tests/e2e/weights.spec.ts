import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import * as ort from 'onnxruntime-node';
import { expectedTensors } from '../../src/lib/checkpoint/expected';
import { writeWeightsManifest } from '../../src/lib/checkpoint/manifest';
import { readNpy } from '../../src/lib/checkpoint/npy';
import { readTorchCheckpoint } from '../../src/lib/checkpoint/torch';
import { buildGraph, validateConfig } from '../../src/lib/model';
import { expect, expectNoSeriousAxeViolations, test, gotoReady } from './fixtures';

const FIXTURES = 'tests/parity/fixtures';

function npy(name: string) {
  const r = readNpy(new Uint8Array(readFileSync(`${FIXTURES}/${name}`)));
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** /verify with the reduced fixture's config in the link. */
async function openWithConfig(page: Page, configFile: string): Promise<void> {
  const config = readFileSync(`${FIXTURES}/${configFile}`, 'utf8');
  await gotoReady(page, `/verify?config=${encodeURIComponent(config)}`);
  await expect(page.getByLabel('Model')).toHaveValue('custom');
  await expect(page.getByText(/Input: bundled sample/)).toBeVisible();
}

async function run(page: Page): Promise<void> {
  await page.getByLabel('Backend').selectOption('wasm');
  await page.getByLabel('Timed runs').fill('1');
  await page.getByLabel('Warm-up runs').fill('0');
  await page.getByRole('button', { name: 'Run forward pass' }).click();
  await expect(page.getByTestId('verify-summary')).toBeVisible({ timeout: 90_000 });
}

async function downloadedHeatmaps(page: Page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download heatmaps (.npy)' }).click()
  ]);
  const path = await download.path();
  const r = readNpy(new Uint8Array(readFileSync(path)));
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** The reduced fixture's graph, for the tensors its checkpoint must hold. */
function analyzeReduced() {
  const checked = validateConfig(
    JSON.parse(readFileSync(`${FIXTURES}/reduced.config.json`, 'utf8'))
  );
  if (!checked.ok) throw new Error('the reduced fixture config does not validate');
  return buildGraph(checked.config);
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
}

test('the reduced fixture checkpoint runs in the page and matches PyTorch within 1e-4', async ({
  page
}) => {
  test.setTimeout(180_000);
  await openWithConfig(page, 'reduced.config.json');
  await page.getByLabel(/Load weights/).setInputFiles(`${FIXTURES}/reduced.zip.pth`);
  await expect(page.getByTestId('weights-status')).toContainText(
    'Using weights from reduced.zip.pth: 268 tensors.'
  );
  await page.getByLabel(/Or an input tensor/).setInputFiles(`${FIXTURES}/reduced.input.npy`);
  await expect(page.getByTestId('tensor-status')).toContainText('reduced.input.npy (1×3×64×48)');
  await run(page);
  await expect(page.getByTestId('weights-used')).toHaveText('reduced.zip.pth: 268 tensors');
  const summary = (await page.getByTestId('verify-summary').textContent()) ?? '';
  expect(summary).not.toContain('mismatch');

  const got = await downloadedHeatmaps(page);
  const want = npy('reduced.official.heatmaps.npy');
  expect(got.shape).toEqual(want.shape);
  const err = maxAbsDiff(got.data, want.data);
  test.info().annotations.push({ type: 'max abs error', description: err.toExponential(2) });
  expect(err).toBeLessThan(1e-4);

  // The same weights, run a second time on the same worker (sent once, then named by key).
  await page.getByRole('button', { name: 'Run forward pass' }).click();
  await expect(page.getByTestId('verify-summary')).toBeVisible({ timeout: 90_000 });
  expect(maxAbsDiff((await downloadedHeatmaps(page)).data, want.data)).toBeLessThan(1e-4);
  await expectNoSeriousAxeViolations(page);
});

test('paper fusion with the same weights matches the paper reference, not the official one', async ({
  page
}) => {
  test.setTimeout(180_000);
  await openWithConfig(page, 'reduced-paper.config.json');
  await page.getByLabel(/Load weights/).setInputFiles(`${FIXTURES}/reduced.zip.pth`);
  await page.getByLabel(/Or an input tensor/).setInputFiles(`${FIXTURES}/reduced.input.npy`);
  await expect(page.getByTestId('weights-status')).toContainText('268 tensors');
  await run(page);
  const got = await downloadedHeatmaps(page);
  expect(maxAbsDiff(got.data, npy('reduced.paper.heatmaps.npy').data)).toBeLessThan(1e-4);
  expect(maxAbsDiff(got.data, npy('reduced.official.heatmaps.npy').data)).toBeGreaterThan(0.5);
});

test('a checkpoint for another network is refused in plain words and nothing loads', async ({
  page
}) => {
  await gotoReady(page, '/verify');
  await expect(page.getByLabel('Model')).toHaveValue('litehrnet_18');
  await page.getByLabel(/Load weights/).setInputFiles(`${FIXTURES}/reduced.zip.pth`);
  const refusal = page.getByTestId('weights-error');
  await expect(refusal).toContainText('This checkpoint does not fit the config');
  await expect(refusal).toContainText('nothing was loaded');
  await expect(refusal.getByRole('listitem').first()).toContainText(
    'backbone.stem.conv1.conv.weight: the checkpoint has 16×3×3×3, this config needs 32×3×3×3'
  );
  await expect(refusal.getByRole('listitem')).toHaveCount(5);
  await expect(refusal).toContainText(/…and \d+ more\./);
  await expect(page.getByTestId('weights-status')).toContainText('Using seeded random weights.');
  await expectNoSeriousAxeViolations(page);
});

test('a file that is not a checkpoint gets a message', async ({ page }) => {
  await gotoReady(page, '/verify');
  await page.getByLabel(/Load weights/).setInputFiles({
    name: 'model.pth',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('not a checkpoint at all')
  });
  await expect(page.getByTestId('weights-error')).toContainText(
    'This checkpoint was not loaded: it is neither a torch.save zip nor a legacy torch.save pickle.'
  );
  await expect(page.getByTestId('weights-status')).toContainText('Using seeded random weights.');
});

/** Drops files on an element as a person dragging them from the desktop would. */
async function dropFiles(page: Page, testId: string, files: Array<{ name: string; path: string }>) {
  const payload = files.map((f) => ({ name: f.name, bytes: [...readFileSync(f.path)] }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name));
    return dt;
  }, payload);
  await page.getByTestId(testId).dispatchEvent('drop', { dataTransfer });
}

test('Lite-HRNet-18 weights dropped on the page are read off the page thread; the pose is drawn with a confidence per joint', async ({
  page
}) => {
  test.setTimeout(180_000);
  const config = JSON.parse(readFileSync(`${FIXTURES}/litehrnet18.config.json`, 'utf8'));
  await gotoReady(page, `/verify?config=${encodeURIComponent(JSON.stringify(config))}`);
  await expect(page.getByText(/Input: bundled sample/)).toBeVisible();
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  const file = 'litehrnet18.f16.deflate.pth';
  await dropFiles(page, 'weights-drop', [{ name: file, path: `${FIXTURES}/${file}` }]);
  await expect(page.getByTestId('weights-status')).toContainText(
    'Using weights from litehrnet18.f16.deflate.pth: 1418 tensors.'
  );
  // The file was read by a worker (reading it takes ~0.6–1 s, which on the page's own thread
  // would freeze it); how long main-thread tasks get is a speed figure for the benchmarks.
  expect(workers.some((u) => u.includes('read.worker'))).toBe(true);
  await run(page);
  const table = page.getByTestId('keypoint-table');
  await expect(table.getByRole('row')).toHaveCount(18);
  await expect(table.getByRole('rowheader', { name: 'left ankle' })).toBeVisible();
  await expect(table).toContainText('Confidence (heatmap max)');
  // Loaded weights: the view states the threshold it drew by (mmpose's kpt_score_thr, 0.3).
  await expect(page.getByTestId('pose-threshold')).toContainText('above 0.3');
  await expect(page.getByTestId('pose-random-note')).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);
});

test('weights holding NaN load with a warning naming the tensor, and the NaN output says so', async ({
  page
}) => {
  test.setTimeout(120_000);
  // The reduced fixture's weights as a manifest + .bin, with one NaN in the stem's first conv.
  const reduced = expectedTensors(analyzeReduced());
  const read = await readTorchCheckpoint(
    new Uint8Array(readFileSync(`${FIXTURES}/reduced.zip.pth`)),
    reduced
  );
  if (!read.ok) throw new Error(read.error);
  read.value.tensors.get('backbone.stem.conv1.conv.weight')!.data[0] = NaN;
  const { manifest, bin } = writeWeightsManifest(read.value.tensors);
  await openWithConfig(page, 'reduced.config.json');
  await page.getByLabel(/Load weights/).setInputFiles([
    {
      name: 'nan.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(manifest))
    },
    { name: 'nan.bin', mimeType: 'application/octet-stream', buffer: Buffer.from(bin) }
  ]);
  await expect(page.getByTestId('weights-warning')).toContainText(
    'backbone.stem.conv1.conv.weight'
  );
  await run(page);
  await expect(page.getByTestId('output-nonfinite')).toContainText(/The output holds [\d,]+ NaN/);
});

test('loaded weights download as an ONNX model that ONNX Runtime runs to PyTorch’s heatmaps', async ({
  page
}) => {
  test.setTimeout(120_000);
  await openWithConfig(page, 'reduced.config.json');
  await page.getByLabel(/Load weights/).setInputFiles(`${FIXTURES}/reduced.zip.pth`);
  await expect(page.getByTestId('weights-status')).toContainText('268 tensors');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download these weights as ONNX (.onnx)' }).click()
  ]);
  expect(download.suggestedFilename()).toBe('reduced.zip-64x48.onnx');
  await expect(
    page.getByRole('status').filter({ hasText: 'Saved reduced.zip-64x48.onnx' })
  ).toBeVisible();
  const bytes = new Uint8Array(readFileSync((await download.path())!));
  // The PyTorch reference run of the official code on these weights and this input.
  const input = npy('reduced.input.npy');
  const session = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'disabled' });
  const { heatmaps } = await session.run({
    input: new ort.Tensor('float32', input.data, input.shape)
  });
  await session.release();
  const want = npy('reduced.official.heatmaps.npy');
  expect([...heatmaps.dims]).toEqual(want.shape);
  expect(maxAbsDiff(heatmaps.data as Float32Array, want.data)).toBeLessThan(1e-4);
});
