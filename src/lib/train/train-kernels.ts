/**
 * Training-only forms of a few ops: for speed, for backends without some gradient kernels, and
 * for two wrong gradients. Each computes exactly the function the inference kernel
 * (tf/kernels.ts) computes; only how the gradient is found differs. Inference never runs these.
 *
 * Measured on a tiny model at batch 16 (a step took ~9 s, Node, 2 slow cores): tfjs-cpu's
 * Conv2DBackpropFilter loops over every filter element and output pixel (1.2 s for the stem's
 * 3x3 conv alone), and its Slice, Concat's gradient (SplitV) and Transpose move channels one
 * element at a time through index arithmetic. Here:
 * - a 1x1 conv is a matrix product [n·h·w, C_in] x [C_in, C_out], whose gradients are products;
 * - a dense k x k conv's filter gradient is one conv2d with batch and channels swapped
 *   (dW[i, j, c, o] = Σ_{n,y,x} x_pad[n, s·y + i, s·x + j, c] · dy[n, y, x, o], a correlation of
 *   x with dy dilated by the stride), and a depthwise one is one depthwise conv the same way;
 * - where a backend has no DepthwiseConv2dNativeBackpropInput (wasm), a depthwise conv's input
 *   gradient is a depthwise conv of dy with the flipped filter;
 * - channel slices, concats and shuffles are products with 0/1 matrices: every output is one
 *   input times 1 plus zeros, so the values are the copies, bit for bit (for finite inputs);
 * - BatchNorm in train mode, the weighting multiply and the global pool use products with ones
 *   for their sums and broadcasts (tfjs-cpu's broadcasting path computes indices per element).
 * So no gradient here needs Conv2DBackpropFilter or the depthwise backprop kernels, and tfjs's
 * wasm backend, which has none of them, trains (several times faster than cpu: its per-op cost
 * is lower, and a small network's step is thousands of small ops).
 * Two gradients of tfjs 4.22's cpu backend are wrong, and are replaced here: the bilinear and
 * the nearest resize (see each function).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { OpAttrs } from '../model';
import * as k from '../tf/kernels';

type T4 = tf.Tensor4D;

interface WithGradient {
  value: tf.Tensor;
  gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];
}

/** tf.customGrad with plainly typed inputs: `body(inputs, save)` gives the value and its gradient. */
export function withGradient(
  inputs: tf.Tensor[],
  body: (xs: tf.Tensor[], save: tf.GradSaveFunc) => WithGradient
): tf.Tensor {
  const f = tf.customGrad(((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const save = args.pop() as tf.GradSaveFunc;
    return body(args as tf.Tensor[], save);
  }) as Parameters<typeof tf.customGrad>[0]);
  return f(...inputs);
}

/** x [n, h, w, C] times m [C, C'] over the channel axis. */
function channelProduct(x: T4, m: tf.Tensor2D): T4 {
  const [n, h, w, c] = x.shape;
  const y = tf.matMul(tf.reshape(x, [n * h * w, c]), m);
  return tf.reshape(y, [n, h, w, m.shape[1]]);
}

/** A rows x cols 0/1 matrix with a 1 at (from(j), j) for every column j. */
function placement(rows: number, cols: number, from: (j: number) => number): tf.Tensor2D {
  const values = new Float32Array(rows * cols);
  for (let j = 0; j < cols; j++) values[from(j) * cols + j] = 1;
  return tf.tensor2d(values, [rows, cols]);
}

/** A 1x1 stride-1 conv (filter 1 x 1 x C_in x C_out) as a matrix product. */
export function pointwiseConv(x: T4, filter: T4, bias: tf.Tensor1D | null): T4 {
  const [, , cin, cout] = filter.shape;
  const y = channelProduct(x, tf.reshape(filter, [cin, cout]));
  return bias ? tf.add(y, bias) : y;
}

/** Channels [start, end). */
export function sliceChannels(x: T4, start: number, end: number): T4 {
  return channelProduct(
    x,
    placement(x.shape[3], end - start, (j) => start + j)
  );
}

/** Concatenation along channels: input k lands at its offset, through its own placement. */
export function concatChannels(xs: T4[]): T4 {
  const total = xs.reduce((s, x) => s + x.shape[3], 0);
  let offset = 0;
  const parts = xs.map((x) => {
    const c = x.shape[3];
    const at = offset;
    offset += c;
    // Column j of the output reads channel j − at of this input (zero columns elsewhere).
    const values = new Float32Array(c * total);
    for (let i = 0; i < c; i++) values[i * total + at + i] = 1;
    return channelProduct(x, tf.tensor2d(values, [c, total]));
  });
  return parts.length === 1 ? parts[0] : (tf.addN(parts) as T4);
}

/** mmpose channel_shuffle: output channel k reads input channel (k mod g)·(C/g) + floor(k/g). */
export function channelShuffle(x: T4, groups: number): T4 {
  const c = x.shape[3];
  const per = c / groups;
  return channelProduct(
    x,
    placement(c, c, (k) => (k % groups) * per + Math.floor(k / groups))
  );
}

/** x with the conv's zero padding on H and W. */
function padSpatial(x: T4, p: number): T4 {
  return p === 0
    ? x
    : tf.pad(x, [
        [0, 0],
        [p, p],
        [p, p],
        [0, 0]
      ]);
}

/** dW of a dense conv: the correlation of the padded input with dy, batch and channels swapped. */
function denseFilterGrad(x: T4, dy: T4, a: OpAttrs['conv2d']): T4 {
  const k = a.kernel;
  const xT = tf.transpose(padSpatial(x, a.padding), [3, 1, 2, 0]) as T4;
  const dyT = tf.transpose(dy, [1, 2, 0, 3]) as T4;
  const full = tf.conv2d(xT, dyT, 1, 'valid', 'NHWC', [a.stride, a.stride]);
  const cut = tf.slice(full, [0, 0, 0, 0], [-1, k, k, -1]);
  return tf.transpose(cut, [1, 2, 0, 3]);
}

/**
 * A dense k x k conv (groups 1) with the inference kernel's forward and a filter gradient from
 * denseFilterGrad. The input's gradient is tfjs's own (conv2dTranspose), unless the input is the
 * image (`inputNeedsGrad` false): nothing upstream learns from it, so zeros stand in.
 */
export function denseConv(x: T4, filter: T4, a: OpAttrs['conv2d'], inputNeedsGrad: boolean): T4 {
  const pad = a.padding === 0 ? 'valid' : a.padding;
  return withGradient([x, filter], ([input, f], save) => {
    save([input, f]);
    return {
      value: tf.conv2d(input as T4, f as T4, a.stride, pad),
      gradFunc: (dy: tf.Tensor, [xs, fs]: tf.Tensor[]) => [
        inputNeedsGrad
          ? tf.conv2dTranspose(
              dy as T4,
              fs as T4,
              xs.shape as [number, number, number, number],
              a.stride,
              pad
            )
          : tf.zerosLike(xs),
        denseFilterGrad(xs as T4, dy as T4, a)
      ]
    };
  }) as T4;
}

/** Column sums of a [m, c] matrix as a [c] vector, by a product with ones (no transposes). */
function columnSums(a: tf.Tensor2D): tf.Tensor1D {
  return tf.reshape(tf.matMul(tf.ones([1, a.shape[0]]), a), [a.shape[1]]);
}

export interface BatchStatistics {
  mean: tf.Tensor1D;
  /** Biased: the mean of squared deviations (what BatchNorm normalises with). */
  variance: tf.Tensor1D;
}

/** Per-channel mean and biased variance over N, H and W (two passes, as PyTorch). */
function batchStatistics(x: T4): BatchStatistics {
  const c = x.shape[3];
  const m = x.size / c;
  const flat = tf.reshape(x, [m, c]) as tf.Tensor2D;
  const mean = tf.div(columnSums(flat), m) as tf.Tensor1D;
  const centred = tf.sub(flat, mean) as tf.Tensor2D;
  return { mean, variance: tf.div(columnSums(tf.square(centred)), m) as tf.Tensor1D };
}

/**
 * Train-mode BatchNorm, y = (x − mean) / sqrt(var + eps) · weight + bias with the batch's mean
 * and biased variance (handed to `statistics` when given, which then owns them), and its gradient written out (the textbook one, through the batch
 * statistics): with x̂ the normalised input and g = dy · weight,
 *   dx = (g − mean(g) − x̂ · mean(g · x̂)) / sqrt(var + eps),
 *   dweight = Σ dy · x̂,  dbias = Σ dy  (sums and means over N, H, W).
 * Every broadcast is of a [C] vector along the last axis and every sum a product with ones:
 * tfjs-cpu's fast paths. tf.batchNorm's own gradient tiles and transposes the whole map.
 */
export function batchnormTrain(
  x: T4,
  weight: tf.Tensor1D,
  bias: tf.Tensor1D,
  eps: number,
  statistics?: (s: BatchStatistics) => void
): T4 {
  const shape = x.shape;
  const c = shape[3];
  const m = x.size / c;
  return withGradient([x, weight, bias], ([input, gamma, beta], save) => {
    const flat = tf.reshape(input, [m, c]) as tf.Tensor2D;
    const stats = batchStatistics(input as T4);
    // Made inside the custom gradient's forward, these are off the tape: no gradient reaches
    // them, which is what the running statistics need. Kept past the forward's scope: the
    // receiver disposes them.
    if (statistics) statistics({ mean: tf.keep(stats.mean), variance: tf.keep(stats.variance) });
    const { mean, variance } = stats;
    const inv = tf.rsqrt(tf.add(variance, eps)) as tf.Tensor1D;
    const xhat = tf.mul(tf.sub(flat, mean), inv) as tf.Tensor2D;
    save([xhat, inv, gamma]);
    return {
      value: tf.reshape(tf.add(tf.mul(xhat, gamma), beta), shape),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xh, iv, g] = saved as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D];
        const dflat = tf.reshape(dy, [m, c]) as tf.Tensor2D;
        const dxhat = tf.mul(dflat, g) as tf.Tensor2D;
        const meanG = tf.div(columnSums(dxhat), m);
        const meanGx = tf.div(columnSums(tf.mul(dxhat, xh) as tf.Tensor2D), m);
        const dx = tf.mul(tf.sub(tf.sub(dxhat, meanG), tf.mul(xh, meanGx)), iv);
        return [
          tf.reshape(dx, shape),
          columnSums(tf.mul(dflat, xh) as tf.Tensor2D),
          columnSums(dflat)
        ];
      }
    };
  }) as T4;
}

/** s [n, 1, 1, c] spread over x's [n, h, w, c] by a batched product with ones. */
function spread(s: T4, like: T4): tf.Tensor3D {
  const [n, h, w, c] = like.shape;
  return tf.matMul(tf.ones([n, h * w, 1]), tf.reshape(s, [n, 1, c]));
}

/**
 * Elementwise product where the second factor may be a per-sample weighting [n, 1, 1, c]
 * (spatial weighting): spread to the map's shape first, so both products are same-shape ones.
 */
export function mul(a: T4, b: T4): T4 {
  if (a.shape[1] === b.shape[1] && a.shape[2] === b.shape[2]) return tf.mul(a, b);
  return tf.reshape(tf.mul(tf.reshape(a, [a.shape[0], -1, a.shape[3]]), spread(b, a)), a.shape);
}

/** nn.AdaptiveAvgPool2d(1): the mean over H and W as a product with ones / (H·W). */
export function globalAvgpool(x: T4): T4 {
  const [n, h, w, c] = x.shape;
  const weights = tf.fill([n, 1, h * w], 1 / (h * w));
  return tf.reshape(tf.matMul(weights, tf.reshape(x, [n, h * w, c])), [n, 1, 1, c]);
}

/**
 * dW of a depthwise conv: dW[i, j, c] = Σ_{n,y,x} x_pad[n, s·y + i, s·x + j, c] · dy[n, y, x, c].
 * With the batch moved next to the channels (one image of n·C channels) this is one depthwise
 * correlation of x with dy dilated by the stride, then a sum over the batch.
 */
function depthwiseFilterGrad(x: T4, dy: T4, a: OpAttrs['conv2d']): T4 {
  const [n, h, w, c] = x.shape;
  const [, oh, ow] = dy.shape;
  const k = a.kernel;
  const xs = tf.reshape(tf.transpose(x, [1, 2, 0, 3]), [1, h, w, n * c]) as T4;
  const xPad = padSpatial(xs, a.padding);
  const filter = tf.reshape(tf.transpose(dy, [1, 2, 0, 3]), [oh, ow, n * c, 1]) as T4;
  const full = tf.depthwiseConv2d(xPad, filter, 1, 'valid', 'NHWC', [a.stride, a.stride]);
  const cut = tf.slice(full, [0, 0, 0, 0], [1, k, k, -1]);
  const perImage = tf.reshape(cut, [k * k, n, c]);
  const summed = tf.matMul(tf.ones([k * k, 1, n]), perImage);
  return tf.reshape(summed, [k, k, c, 1]);
}

/**
 * dx of a depthwise conv from forward kernels only (for backends without
 * DepthwiseConv2dNativeBackpropInput): dx_pad[y, x] = Σ_{i,j} dy_dilated[y − i, x − j] · f[i, j],
 * the correlation of dy (dilated by the stride, padded by k − 1) with the flipped filter, then
 * cropped by the conv's padding.
 */
function depthwiseInputGrad(
  dy: T4,
  filter: T4,
  xShape: [number, number, number, number],
  a: OpAttrs['conv2d']
): T4 {
  const [n, h, w, c] = xShape;
  const [, oh, ow] = dy.shape;
  const { kernel: k, stride: s, padding: p } = a;
  let dilated = dy;
  if (s > 1) {
    const spaced = tf.pad(tf.reshape(dy, [n, oh, 1, ow, 1, c]), [
      [0, 0],
      [0, 0],
      [0, s - 1],
      [0, 0],
      [0, s - 1],
      [0, 0]
    ]);
    dilated = tf.slice(
      tf.reshape(spaced, [n, oh * s, ow * s, c]) as T4,
      [0, 0, 0, 0],
      [n, (oh - 1) * s + 1, (ow - 1) * s + 1, c]
    );
  }
  // Rows of the padded input the conv never read (when (h + 2p − k) is not a multiple of s).
  const extraH = h + 2 * p - ((oh - 1) * s + k);
  const extraW = w + 2 * p - ((ow - 1) * s + k);
  const full = tf.depthwiseConv2d(
    tf.pad(dilated, [
      [0, 0],
      [k - 1, k - 1 + extraH],
      [k - 1, k - 1 + extraW],
      [0, 0]
    ]),
    tf.reverse(filter, [0, 1]) as T4,
    1,
    'valid'
  );
  return tf.slice(full, [0, p, p, 0], [n, h, w, c]);
}

/** A depthwise conv with the inference kernel's forward, tfjs's input gradient and the filter gradient above. */
export function depthwiseConv(x: T4, filter: T4, a: OpAttrs['conv2d']): T4 {
  const pad = a.padding === 0 ? 'valid' : a.padding;
  return withGradient([x, filter], ([input, f], save) => {
    save([input, f]);
    return {
      value: tf.depthwiseConv2d(input as T4, f as T4, a.stride, pad),
      gradFunc: (dy: tf.Tensor, [xs, fs]: tf.Tensor[]) => {
        const dx = tf.getKernel('DepthwiseConv2dNativeBackpropInput', tf.getBackend())
          ? (tf.engine().runKernel(
              'DepthwiseConv2dNativeBackpropInput',
              { dy, filter: fs },
              {
                strides: a.stride,
                pad,
                dilations: 1,
                inputShape: xs.shape
              }
            ) as tf.Tensor)
          : depthwiseInputGrad(dy as T4, fs as T4, xs.shape as [number, number, number, number], a);
        return [dx, depthwiseFilterGrad(xs as T4, dy as T4, a)];
      }
    };
  }) as T4;
}

/**
 * The IterativeHead's bilinear resize with a gradient that has the input's shape. tfjs 4.22's
 * cpu ResizeBilinearGrad kernel lays the gradient out as [n, H, W, C] but declares it
 * [n, W, H, C], so tf.grads throws on every non-square map; the values are right, so the
 * gradient is reshaped to the input's shape (a no-op where the kernel is right). The forward is
 * the inference kernel itself.
 */
export function resizeBilinear(x: T4, a: OpAttrs['resize_bilinear']): T4 {
  return withGradient([x], ([input], save) => {
    save([input]);
    return {
      value: k.resizeBilinear(input as T4, a),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf.reshape(
          tf
            .engine()
            .runKernel(
              'ResizeBilinearGrad',
              { dy, images: saved[0] },
              { alignCorners: a.alignCorners }
            ) as tf.Tensor,
          saved[0].shape
        )
    };
  }) as T4;
}

/**
 * Nearest resizes (fusion's nn.Upsample, the weighting's F.interpolate) with a gradient that is
 * right for batches: tfjs 4.22's cpu ResizeNearestNeighborGrad offsets dy by the input's batch
 * stride instead of dy's, so every image after the first reads the wrong gradient
 * (tests/unit/train/gradients.test.ts shows it). The gradient of a nearest resize sends each
 * output's dy to its source pixel: for whole-number scales (every resize Lite-HRNet makes) the
 * sum over each s_h x s_w block, an average pool times its area; otherwise tfjs's kernel one
 * image at a time, where it is right. The forward is the inference kernel.
 */
export function resizeNearest(x: T4, outH: number, outW: number): T4 {
  return withGradient([x], ([input], save) => {
    save([input]);
    return {
      value: k.resizeNearest(input as T4, outH, outW),
      gradFunc: (dy: tf.Tensor, [images]: tf.Tensor[]) => {
        const [n, h, w] = images.shape;
        if (outH % h === 0 && outW % w === 0) {
          const block: [number, number] = [outH / h, outW / w];
          return tf.mul(tf.avgPool(dy as T4, block, block, 'valid'), block[0] * block[1]);
        }
        const perImage = Array.from(
          { length: n },
          (_, i) =>
            tf
              .engine()
              .runKernel(
                'ResizeNearestNeighborGrad',
                { images: tf.slice(images, i, 1), dy: tf.slice(dy, i, 1) },
                { alignCorners: false }
              ) as tf.Tensor
        );
        return tf.concat(perImage, 0);
      }
    };
  }) as T4;
}
