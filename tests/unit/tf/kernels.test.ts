import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as k from '$lib/tf/kernels';
import { CONV_WEIGHT_PERM, DEPTHWISE_WEIGHT_PERM } from '$lib/tf/layout';
import { useWasm } from './setup';

beforeAll(useWasm);

/** A 1 x h x w x 1 tensor holding 1, 2, 3, … row by row. */
function ramp(h: number, w: number, c = 1): tf.Tensor4D {
  const vals = Array.from({ length: h * w }, (_, i) => Array<number>(c).fill(i + 1)).flat();
  return tf.tensor4d(vals, [1, h, w, c]);
}

/** Runs a kernel as the executor does (inside tf.tidy) and reads its values. */
async function values(kernel: () => tf.Tensor): Promise<number[]> {
  const t = tf.tidy(kernel);
  const v = Array.from(await t.data());
  t.dispose();
  return v;
}

describe('channel shuffle', () => {
  it('groups 2 over 6 channels gives 0,3,1,4,2,5 (view 2x3, transpose, flatten)', async () => {
    // view (2, 3): [0 1 2 | 3 4 5]; transpose → (3, 2): [0 3 | 1 4 | 2 5]; flatten.
    const x = tf.tensor4d([0, 1, 2, 3, 4, 5], [1, 1, 1, 6]);
    expect(await values(() => k.channelShuffle(x, 2))).toEqual([0, 3, 1, 4, 2, 5]);
    x.dispose();
  });

  it('groups 3 over 6 channels gives 0,2,4,1,3,5, at every pixel', async () => {
    // view (3, 2): [0 1 | 2 3 | 4 5]; transpose → (2, 3): [0 2 4 | 1 3 5].
    const x = tf.tensor4d([0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15], [1, 1, 2, 6]);
    expect(await values(() => k.channelShuffle(x, 3))).toEqual([
      0, 2, 4, 1, 3, 5, 10, 12, 14, 11, 13, 15
    ]);
    x.dispose();
  });
});

describe('resizes', () => {
  it('nn.Upsample(scale 2, nearest) repeats each pixel into a 2x2 block', async () => {
    const x = ramp(2, 2);
    expect(await values(() => k.upsampleNearest(x, 2))).toEqual([
      1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4
    ]);
    x.dispose();
  });

  it("nearest 2x2 → 3x3 uses PyTorch's floor(dst·in/out), not half-pixel centres", async () => {
    // src = floor(dst · 2/3): dst 0 → 0, 1 → floor(0.67) = 0, 2 → floor(1.33) = 1.
    // (Half-pixel centres would give 0, 1, 1.)
    const x = ramp(2, 2);
    expect(await values(() => k.resizeNearest(x, 3, 3))).toEqual([1, 1, 2, 1, 1, 2, 3, 3, 4]);
    x.dispose();
  });

  it('bilinear align_corners=True, 2x2 → 3x3, puts corners on corners', async () => {
    // src = dst · (in − 1)/(out − 1) = dst · 0.5: positions 0, 0.5, 1 on both axes.
    // Row 0: 1, (1+2)/2, 2; row 1 averages rows 0 and 1: 2, 2.5, 3; row 2: 3, 3.5, 4.
    const x = ramp(2, 2);
    const y = () => k.resizeBilinear(x, { outH: 3, outW: 3, alignCorners: true });
    expect(await values(y)).toEqual([1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4]);
    x.dispose();
  });

  it('bilinear align_corners=True, 1x2 → 1x4, steps by thirds', async () => {
    // src = dst · 1/3: 0, 1/3, 2/3, 1 → 1, 4/3, 5/3, 2 (half-pixel would give 1, 1.25, 1.75, 2).
    const x = tf.tensor4d([1, 2], [1, 1, 2, 1]);
    const y = () => k.resizeBilinear(x, { outH: 1, outW: 4, alignCorners: true });
    const v = await values(y);
    [1, 4 / 3, 5 / 3, 2].forEach((e, i) => expect(v[i]).toBeCloseTo(e, 5));
    x.dispose();
  });
});

describe('BatchNorm', () => {
  it('uses eps 1e-5 and the running statistics per channel (last axis)', async () => {
    // Channel 0: x 1.01, mean 1, var 1e-4, weight 3, bias 0.5:
    //   0.01 / sqrt(1e-4 + 1e-5) = 0.01 / 0.0104881 = 0.953463; · 3 + 0.5 = 3.360388.
    //   (With tfjs layers' eps 1e-3 it would be 0.01 / 0.0331662 · 3 + 0.5 = 1.404534.)
    // Channel 1: x 3, mean −1, var 4, weight 2, bias 1: 4 / sqrt(4.00001) · 2 + 1 = 4.999995.
    const x = tf.tensor4d([1.01, 3], [1, 1, 1, 2]);
    const p = {
      weight: tf.tensor1d([3, 2]),
      bias: tf.tensor1d([0.5, 1]),
      runningMean: tf.tensor1d([1, -1]),
      runningVar: tf.tensor1d([1e-4, 4])
    };
    const [c0, c1] = await values(() => k.batchnorm(x, p, 1e-5));
    expect(c0).toBeCloseTo(3.360388, 3);
    expect(c1).toBeCloseTo(4.999995, 4);
    tf.dispose([x, ...Object.values(p)]);
  });
});

describe('convolutions', () => {
  const attrs = {
    inChannels: 1,
    outChannels: 1,
    kernel: 3,
    stride: 2,
    padding: 1,
    groups: 1,
    bias: false
  };

  it('3x3 stride 2 pads one pixel on every side, as PyTorch does', async () => {
    // Input 1..16 on a 4x4 grid, all-ones 3x3 filter. Output (i, j) sums the 3x3 window centred
    // on input (2i, 2j), clipped at the border:
    //   (0,0): 1+2+5+6 = 14; (0,1): 2+3+4+6+7+8 = 30;
    //   (1,0): 5+6+9+10+13+14 = 57; (1,1): 6+7+8+10+11+12+14+15+16 = 99.
    // ('same' padding would centre the first window on (1,1) and give 54 first.)
    const x = ramp(4, 4);
    const f = tf.ones([3, 3, 1, 1]) as tf.Tensor4D;
    expect(await values(() => k.conv2d(x, f, null, attrs, false))).toEqual([14, 30, 57, 99]);
    tf.dispose([x, f]);
  });

  it('depthwise runs one filter per channel and adds the bias', async () => {
    // Both channels hold 1..16; filter of channel 1 is all twos, so it doubles channel 0's sums;
    // bias (0, 1) is added after: channel 0 = 14 30 57 99, channel 1 = 29 61 115 199.
    const x = ramp(4, 4, 2);
    const f = tf.tensor4d(Array.from({ length: 9 }, () => [1, 2]).flat(), [3, 3, 2, 1]);
    const b = tf.tensor1d([0, 1]);
    const a = { ...attrs, inChannels: 2, outChannels: 2, groups: 2, bias: true };
    expect(await values(() => k.conv2d(x, f, b, a, true))).toEqual([
      14, 29, 30, 61, 57, 115, 99, 199
    ]);
    tf.dispose([x, f, b]);
  });

  it("a PyTorch weight C_out x C_in x k x k lands at [k][k][C_in][C_out] in tfjs's layout", async () => {
    // torch[o][i] = 10·o + i for 2 outputs, 3 inputs, 1x1: tfjs[0][0][i][o] must read the same.
    const torch = tf.tensor4d([0, 1, 2, 10, 11, 12], [2, 3, 1, 1]);
    const t = tf.transpose(torch, [...CONV_WEIGHT_PERM]);
    expect(t.shape).toEqual([1, 1, 3, 2]);
    expect(await values(() => t)).toEqual([0, 10, 1, 11, 2, 12]);
    const dwTorch = tf.tensor4d([5, 6], [2, 1, 1, 1]);
    const dw = tf.transpose(dwTorch, [...DEPTHWISE_WEIGHT_PERM]);
    expect(dw.shape).toEqual([1, 1, 2, 1]);
    expect(await values(() => dw)).toEqual([5, 6]);
    tf.dispose([torch, dwTorch]);
  });
});

describe('pooling', () => {
  it('adaptive average pool 4x4 → 2x2 averages 2x2 blocks', async () => {
    // (1+2+5+6)/4 = 3.5, (3+4+7+8)/4 = 5.5, (9+10+13+14)/4 = 11.5, (11+12+15+16)/4 = 13.5.
    const x = ramp(4, 4);
    expect(await values(() => k.adaptiveAvgpool(x, 2, 2))).toEqual([3.5, 5.5, 11.5, 13.5]);
    x.dispose();
  });

  it("adaptive average pool 3x3 → 2x2 uses PyTorch's overlapping bins", async () => {
    // Bins [floor(i·3/2), ceil((i+1)·3/2)) = [0, 2) and [1, 3) on both axes, over 1..9:
    // mean(1,2,4,5) = 3, mean(2,3,5,6) = 4, mean(4,5,7,8) = 6, mean(5,6,8,9) = 7.
    const x = ramp(3, 3);
    expect(await values(() => k.adaptiveAvgpool(x, 2, 2))).toEqual([3, 4, 6, 7]);
    x.dispose();
  });

  it('global average pool keeps 1 x 1 x 1 x C', async () => {
    // Channel 0 holds 1..4 → 2.5; channel 1 holds 1..4 too → 2.5.
    const x = ramp(2, 2, 2);
    const y = k.globalAvgpool(x);
    expect(y.shape).toEqual([1, 1, 1, 2]);
    expect(await values(() => y)).toEqual([2.5, 2.5]);
    x.dispose();
  });
});

describe('slices, concat, weighting', () => {
  it('slices and concatenates channels on the last axis, and a 1x1xC weight broadcasts', async () => {
    // x: 2 pixels x 4 channels [0 1 2 3 | 4 5 6 7]. Channels [2, 4) → [2 3 | 6 7];
    // concat (that, channels [0, 2)) → [2 3 0 1 | 6 7 4 5]; times (1, 10, 100, 1000) per channel.
    const x = tf.tensor4d([0, 1, 2, 3, 4, 5, 6, 7], [1, 1, 2, 4]);
    const w = tf.tensor4d([1, 10, 100, 1000], [1, 1, 1, 4]);
    const y = () =>
      k.mul(k.concatChannels([k.sliceChannels(x, 2, 4), k.sliceChannels(x, 0, 2)]), w);
    expect(await values(y)).toEqual([2, 30, 0, 1000, 6, 70, 400, 5000]);
    tf.dispose([x, w]);
  });
});

it('every kernel above left no tensor behind', () => {
  expect(tf.memory().numTensors).toBe(0);
});
