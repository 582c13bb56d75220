/**
 * The /train page on the built site, training for real in its worker: on wasm, which "auto"
 * picks without a GPU, and on cpu. Step counts are kept tiny: these run on two slow shared cores. Every wait is on a state
 * the page shows (`data-state` on the page's root, table rows, the step counter), never a sleep.
 */
import { readFileSync } from 'node:fs';
import { expect, expectNoSeriousAxeViolations, gotoReady, test } from './fixtures';
import type { Page } from '@playwright/test';
import { expectedTensors } from '../../src/lib/checkpoint/expected';
import { readTorchCheckpoint } from '../../src/lib/checkpoint/torch';
import { buildGraph } from '../../src/lib/model';
import { inputOf, specConfig, SPEC_PRESETS } from '../../src/lib/train/plan';

// Training runs for tens of seconds on these cores.
test.describe.configure({ timeout: 240_000 });

const root = (page: Page) => page.locator('.train');

async function settle(page: Page, state: 'done' | 'stopped') {
  // A failure ends the wait at once, with the page's own sentence.
  await expect(root(page)).toHaveAttribute('data-state', new RegExp(`^(${state}|failed)$`), {
    timeout: 200_000
  });
  const status = await page.getByTestId('status').textContent();
  expect(await root(page).getAttribute('data-state'), status ?? '').toBe(state);
}

/** Clicks Download .pth and reads the file with the project's reader, as `model`'s weights. */
async function downloadedPth(page: Page, name: string, model: 'tiny-lite' | 'tiny-naive') {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-pth').click()
  ]);
  expect(download.suggestedFilename()).toBe(name);
  const bytes = new Uint8Array(readFileSync((await download.path())!));
  const expected = expectedTensors(buildGraph(specConfig(SPEC_PRESETS[model], inputOf('64x48'))));
  const read = await readTorchCheckpoint(bytes, expected);
  if (!read.ok) throw new Error(`the downloaded .pth did not read: ${read.error}`);
  return { tensors: read.value.tensors, expected };
}

async function fill(page: Page, values: Record<string, string>) {
  for (const [id, v] of Object.entries(values)) await page.locator(`#${id}`).fill(v);
}

test('opens with the tiny CCW model, says what trains and that wasm trains too, and passes axe', async ({
  page
}) => {
  await gotoReady(page, '/train');
  await expect(page).toHaveTitle(/Train on a synthetic task · Lite-HRNet Explorer/);
  await expect(page.locator('#model-a-preset')).toHaveValue('tiny-lite');
  await expect(
    page.getByText(/wasm trains too: the filter and depthwise gradients/).first()
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Train', exact: true })).toHaveAttribute(
    'aria-current',
    'page'
  );
  await expect(page.getByTestId('model-a-cost')).toContainText('params');
  await expectNoSeriousAxeViolations(page);
});

test('trains a few steps on auto, which is wasm without a GPU: the loss falls and a PCK shows', async ({
  page
}) => {
  await gotoReady(page, '/train');
  await expect(page.locator('#train-backend')).toHaveValue('auto');
  await fill(page, { 'train-steps': '6', 'train-batch': '4' });
  await page.getByTestId('start').click();
  await settle(page, 'done');
  await expect(page.getByTestId('backend')).toContainText(
    /Trains on wasm \(auto: .*so wasm with SIMD\)/
  );
  await expect(page.getByTestId('step')).toHaveText('6 of 6');
  const loss = page.getByTestId('loss');
  const first = Number(await loss.getAttribute('data-first'));
  const last = Number(await loss.getAttribute('data-last'));
  expect(first).toBeGreaterThan(0);
  expect(last).toBeLessThan(first);
  await expect(page.getByTestId('pck').first()).toHaveText(/^\d+\.\d %$/);
  await expect(page.getByTestId('steps-per-second')).toContainText('steps/s on wasm');
  await expect(page.getByTestId('loss-chart').locator('path.line')).toHaveCount(1);
  await expect(page.getByTestId('previews').locator('canvas')).toHaveCount(8);
  await expectNoSeriousAxeViolations(page);
});

test('trains on webgl too (here a software GPU): the loss falls', async ({ page }) => {
  // Without a GPU, Chromium's WebGL is SwiftShader: slow, but the same shaders a GPU runs.
  await gotoReady(page, '/train');
  await page.locator('#train-backend').selectOption('webgl');
  await fill(page, { 'train-steps': '6', 'train-batch': '4' });
  await page.getByTestId('start').click();
  await settle(page, 'done');
  await expect(page.getByTestId('backend')).toContainText('Trains on webgl (chosen by you)');
  const loss = page.getByTestId('loss');
  const first = Number(await loss.getAttribute('data-first'));
  const last = Number(await loss.getAttribute('data-last'));
  expect(first).toBeGreaterThan(0);
  expect(last).toBeLessThan(first);
  await expect(page.getByTestId('pck').first()).toHaveText(/^\d+\.\d %$/);
});

test('pause holds the step count, resume goes on, stop ends the run', async ({ page }) => {
  await gotoReady(page, '/train');
  await page.locator('#train-backend').selectOption('cpu');
  await fill(page, { 'train-steps': '200', 'train-batch': '2' });
  await page.getByTestId('start').click();
  await expect(page.getByTestId('step')).toHaveText(/^[1-9]\d* of 200$/, { timeout: 120_000 });
  await page.getByTestId('pause').click();
  await expect(root(page)).toHaveAttribute('data-state', 'paused');
  // Paused: the worker replied after its current step, so the counter is final until Resume.
  const held = await page.getByTestId('step').textContent();
  await expect(page.getByTestId('status')).toHaveText('Paused.');
  expect(await page.getByTestId('step').textContent()).toBe(held);
  await page.getByTestId('resume').click();
  await expect(root(page)).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('step')).not.toHaveText(held!, { timeout: 120_000 });
  await page.getByTestId('stop').click();
  await settle(page, 'stopped');
  await expect(page.getByTestId('status')).toHaveText('Stopped.');
  await expect(page.getByTestId('start')).toBeEnabled();
});

test('an A/B ablation over 3 seeds finishes with a table of spreads, and either side exports', async ({
  page
}) => {
  await gotoReady(page, '/train');
  await page.getByLabel('A/B ablation: two models, several seeds each').check();
  await expect(page.locator('#model-b-preset')).toHaveValue('tiny-naive');
  await fill(page, { 'train-steps': '2', 'train-batch': '2', 'train-seeds': '3' });
  await page.getByTestId('start').click();
  await settle(page, 'done');
  const table = page.getByTestId('ab-table');
  await expect(table).toContainText('synthetic task (not COCO)');
  await expect(table).toContainText('mean ± sample standard deviation over seeds');
  for (const side of ['A', 'B']) {
    await expect(table.locator(`tr[data-side="${side}"] td`).last()).toHaveText('3');
    await expect(page.getByTestId(`pck-${side}`)).toHaveText(/^\d+\.\d ± \d+\.\d \(/);
    await expect(page.getByTestId(`latency-${side}`)).toHaveText(/^\d+\.\d ± /);
  }
  // Two series, each with a min–max band over its three seeds.
  await expect(page.getByTestId('loss-chart').locator('path.line')).toHaveCount(2);
  await expect(page.getByTestId('loss-chart').locator('path.band[d]')).toHaveCount(2);
  // The table is the session's: editing model B afterwards changes neither its label nor its cost.
  const costB = await page.getByTestId('cost-B').textContent();
  await page.locator('#model-b-block-1').selectOption('lite');
  await expect(table.locator('tr[data-side="B"] th')).toContainText('shuffle 12·24·48');
  await expect(page.getByTestId('cost-B')).toHaveText(costB!);
  // The cost column counts as the explorer can: FLOPs are twice the MACs, in the link too.
  const macs = Number(await page.getByTestId('cost-A').textContent());
  await expect(page.getByTestId('ab-cost-header')).toContainText('Paper (official torchstat)');
  await page.locator('#ab-unit').selectOption('FLOPs');
  await expect(page.getByTestId('ab-cost-header')).toContainText('FLOPs');
  expect(Number(await page.getByTestId('cost-A').textContent())).toBeCloseTo(2 * macs, 1);
  await page.locator('#ab-convention').selectOption('fvcore');
  await expect(page.getByTestId('ab-cost-header')).toContainText('fvcore FlopCountAnalysis');
  await expect(page).toHaveURL(/cv=fvcore&u=FLOPs/);
  // Side B's last run goes out as B's network: the shuffle block's key names, not CCW's.
  await expect(page.getByTestId('export-side-A')).toBeChecked();
  await page.getByTestId('export-side-B').check();
  const naive = await downloadedPth(page, 'lite-hrnet-synthetic-64x48-B.pth', 'tiny-naive');
  expect(naive.tensors.size).toBe(naive.expected.length);
});

test('the link carries the models and settings and opens them again', async ({ page }) => {
  await gotoReady(page, '/train');
  await page.getByLabel('A/B ablation: two models, several seeds each').check();
  await page.locator('#model-b-block-1').selectOption('lite');
  await fill(page, { 'train-steps': '40', 'train-seed': '9', 'train-lr': '0.001' });
  await page.locator('#train-input').selectOption('128x96');
  await expect(page).toHaveURL(/steps=40/);
  const url = page.url();
  expect(url).toContain('b=naive.lite_1.1_12.24.48');
  const fresh = await page.context().newPage();
  await gotoReady(fresh, url);
  await expect(fresh.getByLabel('A/B ablation: two models, several seeds each')).toBeChecked();
  await expect(fresh.locator('#model-b-block-1')).toHaveValue('lite');
  await expect(fresh.locator('#model-b-preset')).toHaveValue('custom');
  await expect(fresh.locator('#train-steps')).toHaveValue('40');
  await expect(fresh.locator('#train-seed')).toHaveValue('9');
  await expect(fresh.locator('#train-lr')).toHaveValue('0.001');
  await expect(fresh.locator('#train-input')).toHaveValue('128x96');
  await expect(fresh.getByTestId('link-problems')).toHaveCount(0);
});

test('a broken link says what it could not read and shows the defaults', async ({ page }) => {
  await gotoReady(page, '/train?v=1&a=resnet50&steps=-3&mode=ab');
  const box = page.getByTestId('link-problems');
  await expect(box).toContainText('"resnet50" is not a model');
  await expect(box).toContainText('the number of steps must be a whole number');
  await expect(page.locator('#model-a-preset')).toHaveValue('tiny-lite');
  await expect(page.locator('#train-steps')).toHaveValue('300');
  // What could be read was: the mode.
  await expect(page.getByLabel('A/B ablation: two models, several seeds each')).toBeChecked();
  await expect(page.getByTestId('start')).toBeEnabled();
});

test('the trained weights download as a .pth the project’s reader loads', async ({ page }) => {
  await gotoReady(page, '/train');
  await page.locator('#train-backend').selectOption('cpu');
  await fill(page, { 'train-steps': '2', 'train-batch': '2' });
  await page.getByTestId('start').click();
  await settle(page, 'done');
  const { tensors, expected } = await downloadedPth(
    page,
    'lite-hrnet-synthetic-64x48.pth',
    'tiny-lite'
  );
  // Every tensor the network has, under its official name; BatchNorm saw 2 batches.
  for (const e of expected) expect(tensors.has(e.name), e.name).toBe(true);
  expect(tensors.get('backbone.stem.conv1.bn.num_batches_tracked')?.data[0]).toBe(2);
  // The run's own pose view on a fresh synthetic image.
  await page.getByTestId('run-synthetic').click();
  await expect(page.getByTestId('trained-pose').locator('canvas')).toHaveCount(2);
});
