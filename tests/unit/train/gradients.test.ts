/**
 * Every op kind the graph has, differentiated on tfjs's cpu backend, and the training-only
 * kernels (train-kernels.ts) against tfjs's own gradients. The reference values are central
 * finite differences of L(x) = Σ f(x)·r (r a fixed random weighting), or the gradient tfjs
 * computes for the inference kernel — never the code under test.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k from '$lib/tf/kernels';
import { uniformArray } from '$lib/tf/prng';
import * as tk from '$lib/train/train-kernels';

type T4 = tf.Tensor4D;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * f with every random() it calls drawn once: the first call records them, later calls replay
 * them (so a filter or a weighting stays the same between evaluations).
 */
function fixed(f: (x: tf.Tensor) => tf.Tensor): (x: tf.Tensor) => tf.Tensor {
  const made: tf.Tensor[] = [];
  return (x) => {
    replay = made.length ? [...made] : null;
    recording = made;
    try {
      return f(x);
    } finally {
      replay = null;
      recording = null;
    }
  };
}

let replay: tf.Tensor[] | null = null;
let recording: tf.Tensor[] | null = null;
let stream = 0;
function random(shape: number[], lo = -1, hi = 1): tf.Tensor {
  if (replay) return replay.shift()!;
  const size = shape.reduce((a, b) => a * b, 1);
  const t = tf.tensor(uniformArray(7, `t${stream++}`, size, lo, hi), shape);
  if (recording) recording.push(tf.keep(t));
  return t;
}

/** L = Σ f(x)·r for a fixed r of f's output shape. */
function weighted(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor): (x: tf.Tensor) => tf.Scalar {
  const r = tf.keep(random(f(x).shape));
  return (y) => tf.sum(tf.mul(f(y), r));
}

/** Analytic gradient vs central differences at `probes` coordinates; the largest relative gap. */
function finiteDifferenceGap(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor, probes = 8): number {
  return tf.tidy(() => {
    const loss = weighted(f, x);
    const grad = tf.grad(loss)(x).dataSync();
    const base = x.dataSync();
    const eps = 1e-2;
    let worst = 0;
    for (let p = 0; p < probes; p++) {
      const i = Math.floor(((p + 0.5) / probes) * base.length);
      const at = (d: number) => {
        const v = Float32Array.from(base);
        v[i] += d;
        return loss(tf.tensor(v, x.shape)).dataSync()[0];
      };
      const numeric = (at(eps) - at(-eps)) / (2 * eps);
      worst = Math.max(worst, Math.abs(numeric - grad[i]) / Math.max(1, Math.abs(numeric)));
    }
    return worst;
  });
}

const conv = (
  stride: number,
  padding: number,
  kernel: number,
  groups: number,
  c: number,
  o: number
) => ({
  inChannels: c,
  outChannels: o,
  kernel,
  stride,
  padding,
  groups,
  bias: false
});

describe('every op kind has a gradient on cpu that matches finite differences', () => {
  const x = () => random([2, 6, 4, 8]);
  // fixed(f) draws each case's parameters once, so every evaluation sees the same ones.
  const cases: Array<[string, (x: tf.Tensor) => tf.Tensor]> = [
    [
      'dense 3x3 conv, stride 2',
      (v) => k.conv2d(v as T4, random([3, 3, 8, 4]) as T4, null, conv(2, 1, 3, 1, 8, 4), false)
    ],
    [
      'depthwise 3x3 conv',
      (v) => k.conv2d(v as T4, random([3, 3, 8, 1]) as T4, null, conv(1, 1, 3, 8, 8, 8), true)
    ],
    [
      'depthwise 3x3 conv, stride 2',
      (v) => k.conv2d(v as T4, random([3, 3, 8, 1]) as T4, null, conv(2, 1, 3, 8, 8, 8), true)
    ],
    [
      '1x1 conv with bias',
      (v) =>
        k.conv2d(
          v as T4,
          random([1, 1, 8, 5]) as T4,
          random([5]) as tf.Tensor1D,
          { ...conv(1, 0, 1, 1, 8, 5), bias: true },
          false
        )
    ],
    [
      'batchnorm (running statistics)',
      (v) =>
        k.batchnorm(
          v as T4,
          {
            weight: random([8]) as tf.Tensor1D,
            bias: random([8]) as tf.Tensor1D,
            runningMean: random([8]) as tf.Tensor1D,
            runningVar: random([8], 0.5, 2) as tf.Tensor1D
          },
          1e-5
        )
    ],
    ['relu', (v) => k.relu(v as T4)],
    ['sigmoid', (v) => k.sigmoid(v as T4)],
    ['global average pool', (v) => k.globalAvgpool(v as T4)],
    ['adaptive average pool, sizes divide', (v) => k.adaptiveAvgpool(v as T4, 3, 2)],
    ['adaptive average pool, PyTorch bins', (v) => k.adaptiveAvgpool(v as T4, 4, 3)],
    ['channel slice', (v) => k.sliceChannels(v as T4, 2, 6)],
    ['channel concat', (v) => k.concatChannels([v as T4, tf.mul(v, 2) as T4])],
    ['channel shuffle', (v) => k.channelShuffle(v as T4, 2)],
    ['weighting multiply (broadcast)', (v) => k.mul(v as T4, random([2, 1, 1, 8]) as T4)],
    ['multiply', (v) => k.mul(v as T4, random([2, 6, 4, 8]) as T4)],
    ['add', (v) => k.add(v as T4, tf.square(v) as T4)]
  ];
  for (const [name, f] of cases)
    it(name, () => {
      expect(finiteDifferenceGap(fixed(f), x())).toBeLessThan(2e-2);
    });

  // [name, output size, bilinear?]: the training form must equal the inference kernel and
  // match finite differences.
  const resizes: Array<[string, [number, number], boolean]> = [
    ['nearest upsample x2 (training form)', [12, 8], false],
    ['nearest resize, scale 3 x 2 (training form)', [18, 8], false],
    ['nearest resize, no whole scale (training form)', [9, 6], false],
    ['bilinear resize, align corners (training form)', [12, 8], true]
  ];
  for (const [name, [outH, outW], bilinear] of resizes)
    it(name, () => {
      const a = { outH, outW, alignCorners: true };
      const train = (v: tf.Tensor) =>
        bilinear ? tk.resizeBilinear(v as T4, a) : tk.resizeNearest(v as T4, outH, outW);
      const inference = (v: tf.Tensor) =>
        bilinear ? k.resizeBilinear(v as T4, a) : k.resizeNearest(v as T4, outH, outW);
      const v = x();
      expect(maxGap(train(v).dataSync(), inference(v).dataSync())).toBe(0);
      expect(finiteDifferenceGap(train, v)).toBeLessThan(2e-2);
    });

  it("tfjs's own nearest-resize gradient is wrong for a batch of two (why training replaces it)", () => {
    // ResizeNearestNeighborGrad offsets dy by the input's batch stride: image 2 reads the wrong dy.
    const f = (v: tf.Tensor) => k.upsampleNearest(v as T4, 2);
    expect(finiteDifferenceGap(f, random([1, 6, 4, 8]))).toBeLessThan(2e-2);
    expect(finiteDifferenceGap(f, x())).toBeGreaterThan(0.1);
  });

  it("tfjs's own bilinear-resize gradient has the wrong shape on non-square maps (why training wraps it)", () => {
    const v = random([1, 3, 2, 1]);
    const f = (y: tf.Tensor) => k.resizeBilinear(y as T4, { outH: 6, outW: 4, alignCorners: true });
    expect(() => tf.grad((y: tf.Tensor) => tf.sum(f(y)))(v)).toThrow(/does not match the shape/);
  });
});

/** tf.grad of Σ f(x)·r, for one r shared by two implementations. */
function gradsOf(fs: Array<(x: tf.Tensor) => tf.Tensor>, x: tf.Tensor) {
  const r = random(fs[0](x).shape);
  return fs.map((f) =>
    tf
      .grad((y: tf.Tensor) => tf.sum(tf.mul(f(y), r)))(x)
      .dataSync()
  );
}

function maxGap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('training kernels compute the inference function, with the same gradients as tfjs', () => {
  const x = () => random([3, 8, 6, 8]);

  it('channel slice, concat and shuffle: outputs bit for bit, gradients equal', () => {
    const pairs: Array<[(v: tf.Tensor) => tf.Tensor, (v: tf.Tensor) => tf.Tensor]> = [
      [(v) => k.sliceChannels(v as T4, 2, 6), (v) => tk.sliceChannels(v as T4, 2, 6)],
      [
        (v) => k.concatChannels([v as T4, tf.neg(v) as T4]),
        (v) => tk.concatChannels([v as T4, tf.neg(v) as T4])
      ],
      [(v) => k.channelShuffle(v as T4, 2), (v) => tk.channelShuffle(v as T4, 2)]
    ];
    for (const [ref, train] of pairs) {
      const v = x();
      expect(train(v).dataSync()).toEqual(ref(v).dataSync());
      const [g0, g1] = gradsOf([ref, train], v);
      expect(maxGap(g0, g1)).toBeLessThan(1e-6);
    }
  });

  it('1x1, dense 3x3 stride 2 and depthwise convs: the filter gradients equal tfjs Conv2DBackpropFilter', () => {
    const cases: Array<
      [T4, (f: tf.Tensor, v: T4) => tf.Tensor, (f: tf.Tensor, v: T4) => tf.Tensor]
    > = [
      [
        random([1, 1, 8, 5]) as T4,
        (f, v) => tf.conv2d(v, f as T4, 1, 'valid'),
        (f, v) => tk.pointwiseConv(v, f as T4, null)
      ],
      [
        random([3, 3, 8, 4]) as T4,
        (f, v) => tf.conv2d(v, f as T4, 2, 1),
        (f, v) => tk.denseConv(v, f as T4, conv(2, 1, 3, 1, 8, 4), true)
      ],
      [
        random([3, 3, 8, 1]) as T4,
        (f, v) => tf.depthwiseConv2d(v, f as T4, 1, 1),
        (f, v) => tk.depthwiseConv(v, f as T4, conv(1, 1, 3, 8, 8, 8))
      ],
      [
        random([3, 3, 8, 1]) as T4,
        (f, v) => tf.depthwiseConv2d(v, f as T4, 2, 1),
        (f, v) => tk.depthwiseConv(v, f as T4, conv(2, 1, 3, 8, 8, 8))
      ]
    ];
    for (const [filter, ref, train] of cases) {
      const v = x() as T4;
      expect(maxGap(train(filter, v).dataSync(), ref(filter, v).dataSync())).toBeLessThan(1e-5);
      const [w0, w1] = gradsOf([(f) => ref(f, v), (f) => train(f, v)], filter);
      expect(maxGap(w0, w1)).toBeLessThan(1e-4);
      const [x0, x1] = gradsOf([(u) => ref(filter, u as T4), (u) => train(filter, u as T4)], v);
      expect(maxGap(x0, x1)).toBeLessThan(1e-5);
    }
  });

  it('train-mode BatchNorm: the output and all three gradients equal autodiff of the textbook formula', () => {
    const v = x() as T4;
    const gamma = random([8], 0.5, 1.5) as tf.Tensor1D;
    const beta = random([8]) as tf.Tensor1D;
    const textbook = (u: T4, g: tf.Tensor1D, b: tf.Tensor1D) => {
      const { mean, variance } = tf.moments(u, [0, 1, 2]);
      return tf.add(tf.mul(tf.div(tf.sub(u, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
    };
    expect(
      maxGap(
        tk.batchnormTrain(v, gamma, beta, 1e-5).dataSync(),
        textbook(v, gamma, beta).dataSync()
      )
    ).toBeLessThan(1e-5);
    const r = random(v.shape);
    const loss = (f: typeof textbook) => (u: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(f(u as T4, g as tf.Tensor1D, b as tf.Tensor1D), r));
    const want = tf
      .grads(loss(textbook))([v, gamma, beta])
      .map((t) => t.dataSync());
    const got = tf
      .grads(loss((u, g, b) => tk.batchnormTrain(u, g, b, 1e-5)))([v, gamma, beta])
      .map((t) => t.dataSync());
    for (let i = 0; i < 3; i++) expect(maxGap(got[i], want[i])).toBeLessThan(1e-4);
  });

  it('weighting multiply and global pool: the same values and gradients as tfjs', () => {
    const s = random([3, 1, 1, 8]) as T4;
    const pairs: Array<[(v: tf.Tensor) => tf.Tensor, (v: tf.Tensor) => tf.Tensor]> = [
      [(v) => k.mul(v as T4, s), (v) => tk.mul(v as T4, s)],
      [(v) => k.globalAvgpool(v as T4), (v) => tk.globalAvgpool(v as T4)]
    ];
    for (const [ref, train] of pairs) {
      const v = x();
      expect(maxGap(train(v).dataSync(), ref(v).dataSync())).toBeLessThan(1e-6);
      const [g0, g1] = gradsOf([ref, train], v);
      expect(maxGap(g0, g1)).toBeLessThan(1e-6);
    }
  });
});

describe('on wasm, every training form has a gradient that matches finite differences', () => {
  // tfjs's wasm backend has no Conv2DBackpropFilter nor DepthwiseConv2dNativeBackpropInput:
  // these gradients are train-kernels.ts's own, built from forward kernels. 6x4 inputs with
  // stride 2 leave a row and a column the conv never reads, the case the depthwise input
  // gradient pads for.
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });
  const x = () => random([2, 6, 4, 8]);
  const cases: Array<[string, (x: tf.Tensor) => tf.Tensor]> = [
    [
      'depthwise 3x3 conv',
      (v) => tk.depthwiseConv(v as T4, random([3, 3, 8, 1]) as T4, conv(1, 1, 3, 8, 8, 8))
    ],
    [
      'depthwise 3x3 conv, stride 2',
      (v) => tk.depthwiseConv(v as T4, random([3, 3, 8, 1]) as T4, conv(2, 1, 3, 8, 8, 8))
    ],
    [
      'dense 3x3 conv, stride 2',
      (v) => tk.denseConv(v as T4, random([3, 3, 8, 4]) as T4, conv(2, 1, 3, 1, 8, 4), true)
    ],
    [
      'dense 3x3 conv',
      (v) => tk.denseConv(v as T4, random([3, 3, 8, 4]) as T4, conv(1, 1, 3, 1, 8, 4), true)
    ],
    [
      '1x1 conv with bias',
      (v) => tk.pointwiseConv(v as T4, random([1, 1, 8, 5]) as T4, random([5]) as tf.Tensor1D)
    ],
    [
      'train-mode batchnorm',
      (v) =>
        tk.batchnormTrain(
          v as T4,
          random([8], 0.5, 1.5) as tf.Tensor1D,
          random([8]) as tf.Tensor1D,
          1e-5
        )
    ],
    [
      'bilinear resize, align corners',
      (v) => tk.resizeBilinear(v as T4, { outH: 12, outW: 8, alignCorners: true })
    ],
    ['nearest upsample x2', (v) => tk.resizeNearest(v as T4, 12, 8)],
    ['nearest resize, no whole scale', (v) => tk.resizeNearest(v as T4, 9, 6)],
    ['channel slice', (v) => tk.sliceChannels(v as T4, 2, 6)],
    ['channel concat', (v) => tk.concatChannels([v as T4, tf.mul(v, 2) as T4])],
    ['channel shuffle', (v) => tk.channelShuffle(v as T4, 2)],
    ['weighting multiply (broadcast)', (v) => tk.mul(v as T4, random([2, 1, 1, 8]) as T4)],
    ['global average pool', (v) => tk.globalAvgpool(v as T4)]
  ];
  for (const [name, f] of cases)
    it(name, () => {
      expect(tf.getBackend()).toBe('wasm');
      expect(finiteDifferenceGap(fixed(f), x())).toBeLessThan(2e-2);
    });
});
