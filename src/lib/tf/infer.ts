/**
 * One plain inference: a graph, a weights source and an NCHW float32 input (as PyTorch and
 * .npy files lay it out) in, the NCHW output out. What the `infer` CLI and the parity tests
 * run; every tensor it makes is freed before it returns or throws.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensor } from '../checkpoint/types';
import type { Graph } from '../model';
import { runGraph } from './executor';
import { nchwToNhwc, nhwcToNchw } from './layout';
import { WeightStore, type WeightSource } from './weights';

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

/** Why an input tensor cannot feed the graph, or null when it can. */
export function checkInputTensor(graph: Graph, input: NamedTensor): string | null {
  if (sameShape(input.shape, graph.input)) return null;
  return `the input tensor is ${input.shape.join('x')}, the network needs ${graph.input.join('x')} (N x C x H x W)`;
}

/** NCHW values → an NHWC tensor. */
function toNhwc(input: NamedTensor): tf.Tensor4D {
  const [n, c, h, w] = input.shape;
  return tf.tidy(() => tf.transpose(tf.tensor4d(input.data, [n, c, h, w]), [0, 2, 3, 1]));
}

/** An NHWC tensor's values in NCHW order. */
async function nchwData(t: tf.Tensor4D): Promise<NamedTensor> {
  const x = tf.transpose(t, [0, 3, 1, 2]);
  try {
    return { shape: [...nhwcToNchw(t.shape)], data: (await x.data()) as Float32Array };
  } finally {
    x.dispose();
  }
}

/**
 * Runs the graph; returns the NCHW values of its output and of each op id in `extra`.
 * Throws (after freeing everything) on a bad input shape or missing weights.
 */
export async function inferNchw(
  graph: Graph,
  source: WeightSource,
  input: NamedTensor,
  extra: readonly number[] = []
): Promise<Map<number, NamedTensor>> {
  const problem = checkInputTensor(graph, input);
  if (problem) throw new Error(problem);
  const weights = new WeightStore(graph, source);
  const x = toNhwc(input);
  const out = new Map<number, NamedTensor>();
  try {
    if (!sameShape(x.shape, nchwToNhwc(graph.input))) throw new Error('layout mismatch');
    const pass = runGraph(graph, weights, x, new Set([graph.output, ...extra]));
    try {
      for (const [id, t] of pass.outputs) out.set(id, await nchwData(t));
    } finally {
      for (const t of pass.outputs.values()) t.dispose();
    }
  } finally {
    x.dispose();
    weights.dispose();
  }
  return out;
}
