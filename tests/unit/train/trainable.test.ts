import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraph, validateConfig } from '$lib/model';
import {
  applyRunningUpdates,
  createTrainableWeights,
  stateDict,
  trainForward
} from '$lib/train/trainable';
import { tinyConfig, TINY_IDS } from '$lib/train/tiny';
import { blobSource } from './blob-source';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const graph = buildGraph(tinyConfig('tiny-lite'));

function stats(values: Float32Array) {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}

describe('the tiny models', () => {
  it('are valid configs with the parameter counts PyTorch gives them', () => {
    // Counted by tests/parity/reference.py (the project's PyTorch model, official module names):
    // sum(p.numel() for p in TopDown(config).parameters()) and len(state_dict()).
    const pytorch = { 'tiny-lite': [25_077, 330], 'tiny-naive': [17_969, 374] };
    for (const id of TINY_IDS) {
      const checked = validateConfig(tinyConfig(id));
      expect(checked.ok, id).toBe(true);
      const g = buildGraph(tinyConfig(id));
      expect(
        g.ops.reduce((s, op) => s + op.params, 0),
        id
      ).toBe(pytorch[id][0]);
    }
  });
});

describe('trainable weights', () => {
  it("start as mmpose's init: conv weights N(0, 0.001²), biases 0, BN weight 1 bias 0, stats 0 and 1", async () => {
    const w = createTrainableWeights(graph, 3);
    const state = await stateDict(graph, w);
    // 330 entries: PyTorch's state_dict of the same config (see above).
    expect(state.size).toBe(330);
    const convWeights = [...state].filter(
      ([k, t]) => k.endsWith('.weight') && t.shape.length === 4
    );
    const all = Float32Array.from(convWeights.flatMap(([, t]) => [...t.data]));
    const { mean, std } = stats(all);
    expect(Math.abs(mean)).toBeLessThan(5e-5);
    expect(std).toBeGreaterThan(0.00097);
    expect(std).toBeLessThan(0.00103);
    for (const [key, t] of state) {
      if (t.shape.length === 4) continue;
      const want = key.endsWith('running_var') || key.endsWith('.weight') ? 1 : 0;
      expect(
        t.data.every((v) => v === want),
        key
      ).toBe(true);
    }
    w.dispose();
  });

  it('the same seed gives the same weights; another seed others', async () => {
    const key = 'backbone.stem.conv1.conv.weight';
    const read = async (seed: number) => {
      const w = createTrainableWeights(graph, seed);
      const t = (await stateDict(graph, w)).get(key)!;
      w.dispose();
      return t.data;
    };
    expect(await read(4)).toEqual(await read(4));
    expect(await read(4)).not.toEqual(await read(5));
  });

  it("one training pass moves the running statistics as PyTorch's BatchNorm does (momentum 0.1, unbiased variance)", async () => {
    const w = createTrainableWeights(graph, 1);
    const batch = blobSource(2).batch(0, 4);
    const x = tf.tensor4d(batch.images, [4, 64, 48, 3]);
    // The stem's first BN reads conv1's output: compute it here with tfjs's conv directly.
    const filter = w.get<tf.Rank.R4>('backbone.stem.conv1.conv.weight');
    const conv = tf.conv2d(x, filter, 2, 1);
    const values = await conv.data();
    const c = conv.shape[3];
    const m = values.length / c;
    const updates = tf.tidy(() => {
      const pass = trainForward(graph, w, x);
      pass.running.forEach((u) => tf.keep(u.mean) && tf.keep(u.variance));
      return pass.running;
    });
    applyRunningUpdates(w, updates);
    const state = await stateDict(graph, w);
    const mean = state.get('backbone.stem.conv1.bn.running_mean')!.data;
    const variance = state.get('backbone.stem.conv1.bn.running_var')!.data;
    for (let ch = 0; ch < c; ch++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += values[i * c + ch];
      const mu = s / m;
      let ss = 0;
      for (let i = 0; i < m; i++) ss += (values[i * c + ch] - mu) ** 2;
      // PyTorch: running = 0.9 · running + 0.1 · batch statistic, variance with m − 1.
      expect(mean[ch]).toBeCloseTo(0.1 * mu, 7);
      expect(variance[ch]).toBeCloseTo(0.9 * 1 + 0.1 * (ss / (m - 1)), 6);
    }
    // num_batches_tracked: 1 per call; the official fusion calls a few BN modules twice.
    for (const op of graph.ops)
      if (op.kind === 'batchnorm' && op.call === 0) {
        const calls = graph.ops.filter((o) => o.name === op.name).length;
        expect(state.get(`${op.name}.num_batches_tracked`)!.data[0], op.name).toBe(calls);
      }
    tf.dispose([x, conv]);
    w.dispose();
  });

  it('leaves no tensor behind once disposed', () => {
    const before = tf.memory().numTensors;
    const w = createTrainableWeights(graph, 1);
    w.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
