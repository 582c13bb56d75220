/**
 * One small function per graph op kind, on NHWC tensors (see layout.ts). Each returns a new
 * tensor and is called inside the executor's tf.tidy, so intermediates (reshapes, transposes)
 * are freed; none of them disposes its inputs.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { OpAttrs } from '../model';
import { CHANNEL_AXIS } from './layout';

type T4 = tf.Tensor4D;

/** Symmetric zero padding as PyTorch's `padding=p`; tfjs's 'same' pads asymmetrically at stride 2. */
function pad(p: number): 'valid' | number {
  return p === 0 ? 'valid' : p;
}

/** A dense conv (filter k x k x C_in x C_out) or a depthwise one (filter k x k x C x 1). */
export function conv2d(
  x: T4,
  filter: T4,
  bias: tf.Tensor1D | null,
  a: OpAttrs['conv2d'],
  depthwise: boolean
): T4 {
  const s: [number, number] = [a.stride, a.stride];
  const y = depthwise
    ? tf.depthwiseConv2d(x, filter, s, pad(a.padding))
    : tf.conv2d(x, filter, s, pad(a.padding));
  return bias ? tf.add(y, bias) : y;
}

export interface BatchNormParams {
  weight: tf.Tensor1D;
  bias: tf.Tensor1D;
  runningMean: tf.Tensor1D;
  runningVar: tf.Tensor1D;
}

/** Inference BatchNorm: (x − mean) / sqrt(var + eps) · weight + bias, eps from the graph (1e-5). */
export function batchnorm(x: T4, p: BatchNormParams, eps: number): T4 {
  return tf.batchNorm(x, p.runningMean, p.runningVar, p.bias, p.weight, eps);
}

export const relu = (x: T4): T4 => tf.relu(x);
export const sigmoid = (x: T4): T4 => tf.sigmoid(x);

/** nn.AdaptiveAvgPool2d(1): the mean over H and W, kept as 1 x 1 x 1 x C. */
export function globalAvgpool(x: T4): T4 {
  return tf.mean(x, [1, 2], true);
}

/**
 * Nearest resize with PyTorch's legacy 'nearest' rule, source index floor(dst · in / out):
 * tfjs's resizeNearestNeighbor with alignCorners and halfPixelCenters both false is that rule.
 */
export function resizeNearest(x: T4, outH: number, outW: number): T4 {
  return tf.image.resizeNearestNeighbor(x, [outH, outW], false, false);
}

/** nn.Upsample(scale_factor=s, mode='nearest'). */
export function upsampleNearest(x: T4, scale: number): T4 {
  return resizeNearest(x, x.shape[1] * scale, x.shape[2] * scale);
}

/** F.interpolate(mode='bilinear'); align_corners=True maps corners to corners: src = dst·(in−1)/(out−1). */
export function resizeBilinear(x: T4, a: OpAttrs['resize_bilinear']): T4 {
  return tf.image.resizeBilinear(x, [a.outH, a.outW], a.alignCorners, false);
}

/** PyTorch's adaptive bins: output cell i averages rows [floor(i·H/out), ceil((i+1)·H/out)). */
function adaptiveBins(size: number, out: number): Array<[number, number]> {
  return Array.from({ length: out }, (_, i) => [
    Math.floor((i * size) / out),
    Math.ceil(((i + 1) * size) / out)
  ]);
}

/** F.adaptive_avg_pool2d: one average pool when the sizes divide, else PyTorch's bins one by one. */
export function adaptiveAvgpool(x: T4, outH: number, outW: number): T4 {
  const [, h, w] = x.shape;
  if (h % outH === 0 && w % outW === 0) {
    const k: [number, number] = [h / outH, w / outW];
    return tf.avgPool(x, k, k, 'valid');
  }
  const rows = adaptiveBins(h, outH).map(([h0, h1]) =>
    tf.concat(
      adaptiveBins(w, outW).map(([w0, w1]) =>
        tf.mean(tf.slice(x, [0, h0, w0, 0], [-1, h1 - h0, w1 - w0, -1]), [1, 2], true)
      ),
      2
    )
  );
  return tf.concat(rows, 1) as T4;
}

/** Channels [start, end): chunk and split take channel ranges, here on the last axis. */
export function sliceChannels(x: T4, start: number, end: number): T4 {
  return tf.slice(x, [0, 0, 0, start], [-1, -1, -1, end - start]);
}

export function concatChannels(xs: T4[]): T4 {
  return tf.concat(xs, CHANNEL_AXIS);
}

/**
 * mmpose channel_shuffle: NCHW x.view(N, g, C/g, H, W).transpose(1, 2).flatten. Channels-last
 * it is the same regrouping of the last axis: reshape to (N, H, W, g, C/g), swap the last two
 * axes, flatten. Output channel k reads input channel (k mod g)·(C/g) + floor(k / g).
 */
export function channelShuffle(x: T4, groups: number): T4 {
  const [n, h, w, c] = x.shape;
  const grouped = tf.reshape(x, [n, h, w, groups, c / groups]);
  return tf.reshape(tf.transpose(grouped, [0, 1, 2, 4, 3]), [n, h, w, c]);
}

/** Elementwise product; a 1 x 1 x 1 x C weighting broadcasts over H and W. */
export const mul = (a: T4, b: T4): T4 => tf.mul(a, b);
export const add = (a: T4, b: T4): T4 => tf.add(a, b);
