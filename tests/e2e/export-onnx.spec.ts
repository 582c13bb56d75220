/**
 * The explorer's Export → ONNX model: the file downloads under the model's name, is the same
 * model the export-onnx CLI writes for that config and seed, and ONNX Runtime runs it.
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { buildGraph, presetConfig } from '../../src/lib/model';
import { exportOnnx } from '../../src/lib/onnx';
import { expect, expectNoSeriousAxeViolations, gotoReady, test } from './fixtures';

function libraryExport(foldBn: boolean): Uint8Array {
  const config = presetConfig('litehrnet_18');
  const r = exportOnnx(buildGraph(config), {
    weights: { kind: 'seeded', seed: 1 },
    foldBn,
    config,
    preset: 'litehrnet_18'
  });
  if (!r.ok) throw new Error(r.error);
  return r.value.bytes;
}

test('Export → ONNX downloads <preset>-<H>x<W>.onnx that ONNX Runtime runs; folding is a choice', async ({
  page
}) => {
  await gotoReady(page, '/?v=1&m=litehrnet_18');
  await page.getByText('Export', { exact: true }).click();
  const button = page.getByRole('button', { name: 'ONNX (.onnx)' });
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe('litehrnet_18-256x192.onnx');
  const bytes = new Uint8Array(readFileSync((await download.path())!));
  await expect(
    page.getByRole('status').filter({ hasText: 'Saved litehrnet_18-256x192.onnx' })
  ).toContainText('1,130,769 params; BatchNorm kept');
  // The same bytes the library (and so the CLI) writes for this config with seed 1.
  expect(Buffer.from(bytes).equals(Buffer.from(libraryExport(false)))).toBe(true);
  const session = await ort.InferenceSession.create(bytes);
  const input = new ort.Tensor(
    'float32',
    new Float32Array(3 * 256 * 192).fill(0.25),
    [1, 3, 256, 192]
  );
  const { heatmaps } = await session.run({ input });
  expect(heatmaps.dims).toEqual([1, 17, 64, 48]);
  await session.release();

  const fold = page.getByLabel('Fold BatchNorm into the convs');
  await fold.check();
  const [folded] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const foldedBytes = new Uint8Array(readFileSync((await folded.path())!));
  expect(Buffer.from(foldedBytes).equals(Buffer.from(libraryExport(true)))).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText(
    'BatchNorms folded'
  );
  await expectNoSeriousAxeViolations(page);
});
