import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jointsMseLoss } from '$lib/train/loss';
import { createSyntheticSource } from '$lib/train/synthetic';
import { tinyConfig } from '$lib/train/tiny';
import { createTrainer, type Trainer } from '$lib/train/trainer';
import { blobSource } from './blob-source';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

const source = createSyntheticSource({ seed: 11, height: 64, width: 48 });

function trainer(seed: number, batchSize = 4): Trainer {
  const r = createTrainer({ config: tinyConfig('tiny-lite'), seed, batchSize, source });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

async function losses(t: Trainer, steps: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < steps; i++) out.push(await t.step());
  return out;
}

describe("mmpose's JointsMSELoss (use_target_weight)", () => {
  it('is the mean over joints of the MSE of weighted heatmaps, with no factor 0.5', () => {
    // One image, a 1x2 heatmap, 2 joints (NHWC: pixel-major). Targets: joint 0 = [1, 0],
    // joint 1 = [0.5, 1]; weights [1, 0]; prediction 0. mmpose: joint 0's MSE = (1² + 0²)/2 =
    // 0.5, joint 1's is 0 (weighted out), loss = (0.5 + 0) / 2 = 0.25.
    const pred = tf.zeros([1, 1, 2, 2]) as tf.Tensor4D;
    const target = tf.tensor4d([1, 0.5, 0, 1], [1, 1, 2, 2]);
    const weights = tf.tensor2d([1, 0], [1, 2]);
    expect(jointsMseLoss(pred, target, weights).dataSync()[0]).toBeCloseTo(0.25, 7);
  });
});

describe('createTrainer', () => {
  for (const backend of ['cpu', 'wasm'])
    it(`the same seed gives the same first 20 losses on ${backend}; another seed, other losses`, async () => {
      await tf.setBackend(backend);
      // Batches of 2 keep it quick; determinism does not depend on the batch size.
      const a = trainer(1, 2);
      const b = trainer(1, 2);
      const c = trainer(2, 2);
      const [la, lb, lc] = [await losses(a, 20), await losses(b, 20), await losses(c, 1)];
      expect(la).toEqual(lb);
      expect(la.every(Number.isFinite)).toBe(true);
      expect(lc[0]).not.toBe(la[0]);
      [a, b, c].forEach((t) => t.dispose());
      await tf.setBackend('cpu');
    }, 120_000);

  it('frees every tensor it made once disposed', async () => {
    const before = tf.memory().numTensors;
    const t = trainer(3, 2);
    await t.step();
    await t.evaluate(
      createSyntheticSource({ seed: 3, height: 64, width: 48, split: 'validation' }),
      3
    );
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('says why it cannot train, in words', async () => {
    const make = (options: Partial<Parameters<typeof createTrainer>[0]>) =>
      createTrainer({ config: tinyConfig('tiny-lite'), seed: 1, source, ...options });
    const refusal = (options: Partial<Parameters<typeof createTrainer>[0]>) => {
      const r = make(options);
      return r.ok ? 'trained' : r.error;
    };
    expect(refusal({ source: blobSource(1, 32, 24) })).toBe(
      'The network takes 64x48 images but the data is 32x24; give both the same size.'
    );
    expect(refusal({ batchSize: 1 })).toMatch(
      /^The batch size must be a whole number of at least 2/
    );
    expect(refusal({ learningRate: -1 })).toBe(
      'The learning rate must be a positive number, not -1.'
    );
    expect(refusal({ config: { ...tinyConfig('tiny-lite'), joints: 0 } })).toMatch(
      /^The config is not valid: joints: /
    );
  });
});
