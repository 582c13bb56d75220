import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { buildGraph, presetConfig } from '$lib/model';
import { hashKey, mulberry32, uniformArray } from '$lib/tf/prng';
import { WeightStore, weightSpecs } from '$lib/tf/weights';
import { useWasm } from './setup';

beforeAll(useWasm);

describe('seeded PRNG', () => {
  it('repeats for a seed, differs across seeds and keys, stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(mulberry32(42)());
    expect(hashKey(1, 'a.weight')).not.toBe(hashKey(1, 'a.bias'));
    const u = uniformArray(1, 'k', 1000, -2, 3);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...u)).toBeLessThan(3);
  });
});

describe('weights keyed by state_dict names', () => {
  const graph = buildGraph(presetConfig('litehrnet_18', { height: 64, width: 64 }));

  it('holds conv weights in tfjs layout and BN with all four entries', () => {
    const w = new WeightStore(graph, 1);
    // Stem conv: PyTorch 32 x 3 x 3 x 3 → tfjs 3 x 3 x 3 x 32.
    expect(w.get('backbone.stem.conv1.conv.weight').shape).toEqual([3, 3, 3, 32]);
    // Stem depthwise of branch1 over 16 channels: PyTorch 16 x 1 x 3 x 3 → 3 x 3 x 16 x 1.
    expect(w.get('backbone.stem.branch1.0.conv.weight').shape).toEqual([3, 3, 16, 1]);
    for (const s of ['weight', 'bias', 'running_mean', 'running_var'])
      expect(w.get(`backbone.stem.conv1.bn.${s}`).shape).toEqual([32]);
    // The keypoint head has a bias: 17 joints.
    expect(w.get('keypoint_head.final_layer.bias').shape).toEqual([17]);
    w.dispose();
  });

  it('makes a module called twice once: later calls create nothing', () => {
    const w = new WeightStore(graph, 1);
    const repeats = graph.ops.filter((op) => op.call > 0 && op.isModule);
    expect(repeats.length).toBeGreaterThan(0);
    for (const op of repeats) expect(w.createdParams[op.id]).toBe(0);
    // One tensor per key: 4 per BN name, 1–2 per conv name, never one per call.
    const names = new Set(graph.ops.filter((o) => o.kind === 'batchnorm').map((o) => o.name));
    const bnKeys = [...w.tensors.keys()].filter((k) => k.endsWith('.running_var'));
    expect(bnKeys).toHaveLength(names.size);
    w.dispose();
  });

  it('BatchNorm statistics are not an identity', async () => {
    const w = new WeightStore(graph, 1);
    const mean = await w.get('backbone.stem.conv1.bn.running_mean').data();
    const variance = await w.get('backbone.stem.conv1.bn.running_var').data();
    expect(mean.some((m) => Math.abs(m) > 0.01)).toBe(true);
    expect(variance.some((v) => Math.abs(v - 1) > 0.01)).toBe(true);
    expect(Math.min(...variance)).toBeGreaterThanOrEqual(0.5);
    w.dispose();
    expect(tf.memory().numTensors).toBe(0);
  });
});

describe('weights loaded from a checkpoint', () => {
  const graph = buildGraph(presetConfig('litehrnet_18', { height: 64, width: 64 }));

  it('takes PyTorch-layout values and transposes conv weights to tfjs layout', async () => {
    // Seeded weights read back in PyTorch layout become a "checkpoint" of known values.
    const seeded = new WeightStore(graph, 5);
    const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
    for (const op of graph.ops)
      for (const spec of weightSpecs(op)) {
        const t = seeded.get(spec.key);
        const torch = spec.perm ? tf.transpose(t, inversePerm(spec.perm)) : t.clone();
        tensors.set(spec.key, {
          shape: spec.torchShape,
          data: (await torch.data()) as Float32Array
        });
        torch.dispose();
      }
    const before = tf.memory().numTensors;
    const loaded = new WeightStore(graph, { kind: 'loaded', tensors });
    for (const key of ['backbone.stem.conv1.conv.weight', 'backbone.stem.branch1.0.conv.weight']) {
      expect(loaded.get(key).shape).toEqual(seeded.get(key).shape);
      expect(await loaded.get(key).data()).toEqual(await seeded.get(key).data());
    }
    expect(loaded.createdParams).toEqual(seeded.createdParams);
    const seededCount = seeded.tensors.size;
    loaded.dispose();
    seeded.dispose();
    expect(tf.memory().numTensors).toBe(before - seededCount);
  });

  it('refuses a missing or misshapen tensor and keeps no tensor it made', () => {
    const before = tf.memory().numTensors;
    const key = 'backbone.stem.conv1.conv.weight';
    const wrong = new Map([[key, { shape: [32, 3, 1, 9], data: new Float32Array(864) }]]);
    expect(() => new WeightStore(graph, { kind: 'loaded', tensors: wrong })).toThrow(
      `The loaded tensor ${key} is 32x3x1x9, the graph needs 32x3x3x3.`
    );
    const partial = new Map([[key, { shape: [32, 3, 3, 3], data: new Float32Array(864) }]]);
    expect(() => new WeightStore(graph, { kind: 'loaded', tensors: partial })).toThrow(
      'The loaded weights have no tensor named backbone.stem.conv1.bn.weight.'
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});

function inversePerm(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
}
