/**
 * Inputs of the one-step training fixture (make_train_fixture.py makes its outputs with PyTorch):
 * tiny-lite's config, its initial weights as our trainer makes them (seed 5, written as .pth),
 * and one synthetic batch of 4 (seed 5), the arrays in PyTorch's NCHW layout as .npy, in a
 * scratch directory. Run with `npx tsx tests/parity/dump-train-inputs.ts <dir>` (see the
 * Python script). Inputs only: every number the test compares with comes from PyTorch.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { allowTfjsGradients } from '../../src/cli/node-tfjs';
import { writeNpy } from '../../src/lib/checkpoint/npy';
import { writeTorchCheckpoint } from '../../src/lib/checkpoint/write-torch';
import { buildGraph } from '../../src/lib/model';
import { createSyntheticSource } from '../../src/lib/train/synthetic';
import { TRAIN_FIXTURE } from './train-fixture';

allowTfjsGradients(); // before trainable.ts loads tfjs's gradients
const { createTrainableWeights, stateDict } = await import('../../src/lib/train/trainable');

/** NHWC → NCHW. */
function nchw(data: Float32Array, [n, h, w, c]: number[]) {
  const out = new Float32Array(data.length);
  for (let i = 0; i < n; i++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let k = 0; k < c; k++)
          out[((i * c + k) * h + y) * w + x] = data[((i * h + y) * w + x) * c + k];
  return { shape: [n, c, h, w], data: out };
}

const dir = process.argv[2];
if (!dir) throw new Error('give a directory to write to');
mkdirSync(dir, { recursive: true });
await tf.setBackend('cpu');
const { config, seed, n } = TRAIN_FIXTURE;
const graph = buildGraph(config);
const weights = createTrainableWeights(graph, seed);
const written = writeTorchCheckpoint(await stateDict(graph, weights));
if (!written.ok) throw new Error(written.error);
writeFileSync(join(dir, 'init.pth'), written.value);
writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
const b = createSyntheticSource({ seed, ...config.input }).batch(0, n);
const save = (name: string, t: { shape: number[]; data: Float32Array }) =>
  writeFileSync(join(dir, name), writeNpy(t));
save('images.npy', nchw(b.images, [n, b.height, b.width, 3]));
save('targets.npy', nchw(b.targets, [n, b.heatmapHeight, b.heatmapWidth, 17]));
save('weights.npy', { shape: [n, 17], data: b.targetWeights });
console.log(`wrote ${dir}: tiny-lite, seed ${seed}, batch of ${n}`);
