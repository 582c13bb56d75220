/**
 * One training step against PyTorch: the same initial weights and batch, in train mode, through
 * tests/parity/reference.py and mmpose's JointsMSELoss (tests/parity/make_train_fixture.py wrote
 * the fixture: the loss, every parameter's gradient, the running statistics and counters after
 * the step). Every number compared with comes from PyTorch.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { expectedTensors, readNpy, readTorchCheckpoint, type TensorMap } from '$lib/checkpoint';
import { buildGraph } from '$lib/model';
import { weightSpecs } from '$lib/tf/weight-values';
import { FlatAdam } from '$lib/train/adam';
import { jointsMseLoss } from '$lib/train/loss';
import { createSyntheticSource } from '$lib/train/synthetic';
import {
  applyRunningUpdates,
  createTrainableWeights,
  stateDict,
  trainForward,
  type RunningUpdate
} from '$lib/train/trainable';
import { TRAIN_FIXTURE } from '../../parity/train-fixture';

const FIXTURES = 'tests/parity/fixtures';
const { config, seed, n } = TRAIN_FIXTURE;
const graph = buildGraph(config);

afterAll(async () => {
  await tf.setBackend('cpu');
});

async function readFixture(name: string): Promise<TensorMap> {
  const bytes = new Uint8Array(readFileSync(`${FIXTURES}/${name}`));
  const read = await readTorchCheckpoint(bytes, expectedTensors(graph));
  if (!read.ok) throw new Error(read.error);
  return read.value.tensors;
}

async function pytorch(): Promise<{ loss: number; tensors: TensorMap }> {
  const { loss } = JSON.parse(readFileSync(`${FIXTURES}/train-step.json`, 'utf8'));
  return { loss, tensors: await readFixture('train-step.pth') };
}

/** A tfjs-layout gradient back in PyTorch's layout. */
function torchLayout(g: tf.Tensor, perm: readonly number[] | undefined): tf.Tensor {
  if (!perm) return g;
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => (inverse[p] = i));
  return tf.transpose(g, inverse);
}

/**
 * Largest |a − b| over the largest |b| (at least `floor`): the gap relative to the tensor's
 * scale. The floor matters for gradients that are zero in exact arithmetic and float noise in
 * both frameworks (a BatchNorm's bias followed, through a linear 1x1 conv, by another BatchNorm,
 * whose mean subtraction removes any shift: PyTorch gives them about 1e-12).
 */
function relativeGap(a: ArrayLike<number>, b: ArrayLike<number>, floor = 0): number {
  let gap = 0;
  let scale = floor;
  for (let i = 0; i < b.length; i++) {
    gap = Math.max(gap, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return scale === 0 ? gap : gap / scale;
}

/** The largest gradient PyTorch reports anywhere. */
function largest(tensors: TensorMap): number {
  let m = 0;
  for (const t of tensors.values()) for (const v of t.data) m = Math.max(m, Math.abs(v));
  return m;
}

/** The fixture's gradients: every entry but the running statistics and counters. */
function gradientsOf(tensors: TensorMap): TensorMap {
  return new Map(
    [...tensors].filter(([k]) => !/(running_mean|running_var|num_batches_tracked)$/.test(k))
  );
}

describe.each(['cpu', 'wasm'])('a training step on %s, against PyTorch', (backend) => {
  it('gives the loss, every gradient and the running statistics PyTorch gives', async () => {
    await tf.setBackend(backend);
    const want = await pytorch();
    const w = createTrainableWeights(graph, seed);
    const b = createSyntheticSource({ seed, ...config.input }).batch(0, n);
    const images = tf.tensor4d(b.images, [n, b.height, b.width, 3]);
    const targets = tf.tensor4d(b.targets, [n, b.heatmapHeight, b.heatmapWidth, 17]);
    const weights = tf.tensor2d(b.targetWeights, [n, 17]);
    let running: RunningUpdate[] = [];
    const { value, grads } = tf.variableGrads(() => {
      const pass = trainForward(graph, w, images);
      running = pass.running;
      running.forEach((u) => tf.keep(u.mean) && tf.keep(u.variance));
      return jointsMseLoss(pass.output, targets, weights);
    }, w.trainable);
    expect(Math.abs(value.dataSync()[0] - want.loss) / want.loss).toBeLessThan(1e-5);
    // Gradients are compared at 1e-3 of their own scale. Those PyTorch gives as float noise
    // (under a millionth of the largest gradient: zero in exact arithmetic) must be noise here
    // too, under a millionth of the largest: their digits are rounding, in both frameworks.
    const noise = 1e-6 * largest(gradientsOf(want.tensors));
    const biggest = (a: ArrayLike<number>) => relativeGap(a, new Float32Array(a.length));
    let worst = { key: '', gap: 0 };
    let loudest = { key: '', value: 0 };
    for (const op of graph.ops)
      for (const spec of op.call === 0 ? weightSpecs(op) : [])
        if (spec.trainable) {
          const g = torchLayout(grads[(w.get(spec.key) as tf.Variable).name], spec.perm);
          const ours = g.dataSync();
          const theirs = want.tensors.get(spec.key)!.data;
          if (biggest(theirs) < noise) {
            if (biggest(ours) > loudest.value) loudest = { key: spec.key, value: biggest(ours) };
          } else {
            const gap = relativeGap(ours, theirs);
            if (gap > worst.gap) worst = { key: spec.key, gap };
          }
        }
    expect(worst.gap, worst.key).toBeLessThan(1e-3);
    expect(loudest.value, loudest.key).toBeLessThan(noise);
    await applyRunningUpdates(w, running);
    const after = await stateDict(graph, w);
    // A BN after a linear conv of zero-mean input has a batch mean that is zero up to rounding:
    // its running mean is compared on the scale of the network's largest running mean.
    const meanFloor = largest(
      new Map([...want.tensors].filter(([k]) => k.endsWith('running_mean')))
    );
    for (const [key, t] of after)
      if (key.endsWith('running_mean'))
        expect(relativeGap(t.data, want.tensors.get(key)!.data, meanFloor), key).toBeLessThan(1e-4);
      else if (key.endsWith('running_var'))
        expect(relativeGap(t.data, want.tensors.get(key)!.data), key).toBeLessThan(1e-5);
      else if (key.endsWith('num_batches_tracked'))
        expect(t.data[0], key).toBe(want.tensors.get(key)!.data[0]);
    w.dispose();
  }, 60_000);

  it("takes two Adam steps as torch.optim.Adam does, from PyTorch's own gradients", async () => {
    await tf.setBackend(backend);
    // make_train_fixture.py: Adam(lr) from the initial weights, step 1 with the fixture's
    // gradients, step 2 with them times secondScale; train-adam.npy holds the parameters after,
    // end to end in the order of adam.keys.
    const { adam } = JSON.parse(readFileSync(`${FIXTURES}/train-step.json`, 'utf8'));
    const gradients = gradientsOf((await pytorch()).tensors);
    const flat = readNpy(new Uint8Array(readFileSync(`${FIXTURES}/train-adam.npy`)));
    if (!flat.ok) throw new Error(flat.error);
    const want = new Map<string, Float32Array>();
    let at = 0;
    for (const key of adam.keys as string[]) {
      const size = gradients.get(key)!.data.length;
      want.set(key, flat.value.data.subarray(at, (at += size)));
    }
    expect(at).toBe(flat.value.data.length);
    const w = createTrainableWeights(graph, seed);
    const optimizer = new FlatAdam(w.trainable, { learningRate: adam.lr });
    const specs = new Map(
      graph.ops.flatMap((op) => (op.call === 0 ? weightSpecs(op) : [])).map((s) => [s.key, s])
    );
    const tfjsGradients = (scale: number): tf.NamedTensorMap =>
      Object.fromEntries(
        [...specs.values()]
          .filter((spec) => spec.trainable)
          .map((spec) => {
            const g = gradients.get(spec.key)!;
            const t = tf.mul(tf.tensor(g.data, g.shape), scale);
            const laid = spec.perm ? tf.transpose(t, [...spec.perm]) : t;
            return [(w.get(spec.key) as tf.Variable).name, laid];
          })
      );
    for (const scale of [1, adam.secondScale]) {
      const grads = tfjsGradients(scale);
      optimizer.apply(grads);
      tf.dispose(Object.values(grads));
    }
    const after = await stateDict(graph, w);
    let worst = { key: '', gap: 0 };
    for (const [key, spec] of specs)
      if (spec.trainable) {
        // Adam's first steps move each weight by about lr: compare on that scale.
        const gap = relativeGap(after.get(key)!.data, want.get(key)!, adam.lr);
        if (gap > worst.gap) worst = { key, gap };
      }
    expect(worst.gap, worst.key).toBeLessThan(1e-4);
    optimizer.dispose();
    w.dispose();
  });
});
