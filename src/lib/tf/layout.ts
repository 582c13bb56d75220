/**
 * How the graph's NCHW maps onto tfjs's NHWC.
 *
 * The graph (src/lib/model) speaks PyTorch: every shape is N x C x H x W. tfjs's convolution,
 * pooling and resize kernels only take channels-last tensors, so the executor keeps every
 * activation as N x H x W x C and the channel axis is 3, not 1: a channel slice, a concat or a
 * per-channel BatchNorm works on the last axis, and a 1 x C x 1 x 1 weighting becomes
 * 1 x 1 x 1 x C, which broadcasts the same way. Weights are generated (and a checkpoint would be
 * read) in PyTorch's layout, C_out x C_in/groups x k x k, and transposed once to tfjs's
 * k x k x C_in x C_out (depthwise: k x k x C x 1). Each traced shape is mapped back with
 * `nhwcToNchw` before it is compared with the graph, so the graph itself never learns about NHWC.
 */
import type { Shape } from '../model';

/** Channel axis of an activation inside the executor. */
export const CHANNEL_AXIS = 3;

export type NhwcShape = readonly [n: number, h: number, w: number, c: number];

export function nchwToNhwc([n, c, h, w]: Shape): NhwcShape {
  return [n, h, w, c];
}

export function nhwcToNchw([n, h, w, c]: readonly number[]): Shape {
  return [n, c, h, w];
}

/** PyTorch conv weight C_out x C_in/groups x k x k → tfjs conv2d filter k x k x C_in x C_out. */
export const CONV_WEIGHT_PERM = [2, 3, 1, 0] as const;
/** PyTorch depthwise weight C x 1 x k x k → tfjs depthwiseConv2d filter k x k x C x 1. */
export const DEPTHWISE_WEIGHT_PERM = [2, 3, 0, 1] as const;
