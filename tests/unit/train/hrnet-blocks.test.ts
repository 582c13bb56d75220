/**
 * HRNet's parts train like Lite-HRNet's: a small network with HRNet's stem, a bottleneck stage 1,
 * basic blocks (residual adds), full-conv transitions and fusion and a single-scale output takes
 * Adam steps whose gradients reach every residual block, and its loss falls.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '$lib/model/validate';
import { createTrainer } from '$lib/train/trainer';
import { blobSource } from './blob-source';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** pose_hrnet's layout at a toy size: 2 branches of 8 and 16 channels. */
const TINY_HRNET = {
  stem: {
    type: 'hrnet',
    stemChannels: 8,
    outChannels: 16,
    expandRatio: 1,
    layer1Blocks: 1,
    layer1Block: 'bottleneck'
  },
  stages: [
    {
      modules: 1,
      blocks: 1,
      block: 'basic',
      fuse: true,
      reduceRatio: 1,
      widths: [8, 16],
      fusionConv: 'full'
    }
  ],
  withHead: false,
  keypointHead: true,
  joints: 17,
  input: { height: 64, width: 48 },
  fusion: 'paper',
  multiScaleOutput: false
};

describe("training HRNet's blocks", () => {
  it('is a valid config', () => {
    expect(validateConfig(TINY_HRNET).ok).toBe(true);
  });

  it('moves every residual block and lowers the loss', async () => {
    const r = createTrainer({
      config: TINY_HRNET,
      seed: 5,
      batchSize: 4,
      learningRate: 0.01,
      source: blobSource(3)
    });
    if (!r.ok) throw new Error(r.error);
    const t = r.value;
    const before = await t.stateDict();
    const losses: number[] = [];
    for (let i = 0; i < 20; i++) losses.push(await t.step());
    const after = await t.stateDict();
    // Residual blocks (pose_hrnet names): layer1's bottleneck with its downsample, the basic
    // block of each branch; their second convs sit after the add's other input is formed.
    for (const name of [
      'layer1.0.conv3.weight',
      'layer1.0.downsample.0.weight',
      'stage2.0.branches.0.0.conv2.weight',
      'stage2.0.branches.1.0.conv2.weight',
      'stage2.0.fuse_layers.0.1.0.weight'
    ]) {
      const a = before.get(name);
      const b = after.get(name);
      expect(a, name).toBeDefined();
      const moved = a!.data.some((v, i) => v !== b!.data[i]);
      expect(moved, `${name} changed`).toBe(true);
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    // Adam at lr 0.01 from a near-zero init first shrinks the output toward the mostly-zero
    // targets; 20 steps on the blob task bring the loss well under its first value.
    expect(Math.min(...losses.slice(-5))).toBeLessThan(0.75 * losses[0]);
    t.dispose();
  }, 120_000);
});
