/**
 * A graph's weights as training needs them: tf.Variables for every conv weight and bias and every
 * BatchNorm weight and bias (what the optimizer changes), and BatchNorm's running mean and
 * variance as non-trainable variables that the training forward updates the way PyTorch does.
 * Keys are the official state_dict names (`<op.name>.weight`, …), read from the graph through
 * tf/weight-values.ts's weightSpecs, so the same names reach the .pth export.
 *
 * Initialisation is mmpose's: LiteHRNet.init_weights (pretrained=None) draws every nn.Conv2d
 * weight from N(0, 0.001²) with bias 0 (mmcv normal_init) and sets every BatchNorm's weight to 1
 * and bias to 0 (constant_init); TopDownSimpleHead.init_weights does the same normal_init for the
 * final 1x1 layer. PyTorch's fresh BatchNorm buffers are running_mean 0, running_var 1. The
 * normal draws come from (seed, key) streams (tf/prng.ts), so they never depend on creation order.
 *
 * Two forwards: `trainForward` normalises with the batch's statistics (biased variance) and
 * returns them, call by call, for applyRunningUpdates to move the running statistics as
 * PyTorch's BatchNorm in train mode does (momentum 0.1, unbiased variance); `evalForward` is the inference executor with the running
 * statistics. In the training forward, convs, channel moves, resizes, the weighting multiply and
 * the global pool take their training forms (train-kernels.ts: the same function, with right
 * gradients and faster ones on tfjs-cpu); the other ops are the executor's own (execOp).
 * tests/unit/train/gradients.test.ts checks every op's gradient against finite differences, and
 * pytorch-step.test.ts a whole step against PyTorch, on cpu and on wasm (whose missing
 * gradient kernels train-kernels.ts never calls).
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core alone registers no gradient functions (the @tensorflow/tfjs bundle does this import).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { Graph, Op, OpOf } from '../model';
import { INPUT_ID, isDepthwise } from '../model';
import type { NamedTensor, TensorMap } from '../checkpoint/types';
import { execOp, runGraph } from '../tf/executor';
import * as tk from './train-kernels';
import { normalArray } from '../tf/prng';
import { weightSpecs, type WeightSpec } from '../tf/weight-values';

type T4 = tf.Tensor4D;

/** mmpose's init: conv weights N(0, 0.001²). */
export const INIT_CONV_STD = 0.001;
/** PyTorch BatchNorm2d's default momentum: running = (1 − m) · running + m · batch statistic. */
export const BN_MOMENTUM = 0.1;

export interface TrainableWeights {
  get<R extends tf.Rank>(key: string): tf.Tensor<R>;
  /** What the optimizer updates, in state_dict order. */
  readonly trainable: tf.Variable[];
  /** How many training batches each BatchNorm has seen (PyTorch's num_batches_tracked). */
  readonly batchesTracked: Map<string, number>;
  dispose(): void;
}

/** The initial values of one state_dict entry, in PyTorch's layout. */
function initialValues(spec: WeightSpec, seed: number): Float32Array {
  const size = spec.torchShape.reduce((p, d) => p * d, 1);
  const [, param] = /\.([a-z_]+)$/.exec(spec.key) ?? [];
  if (spec.perm) return normalArray(seed, spec.key, size, INIT_CONV_STD);
  if (param === 'weight' || param === 'running_var') return new Float32Array(size).fill(1);
  return new Float32Array(size); // conv bias, BN bias, running_mean: 0
}

class VariableStore implements TrainableWeights {
  readonly variables = new Map<string, tf.Variable>();
  readonly specs = new Map<string, WeightSpec>();
  readonly trainable: tf.Variable[] = [];
  readonly batchesTracked = new Map<string, number>();

  constructor(graph: Graph, seed: number) {
    try {
      for (const op of graph.ops) for (const spec of weightSpecs(op)) this.add(op, spec, seed);
    } catch (e) {
      this.dispose();
      throw e;
    }
  }

  private add(op: Op, spec: WeightSpec, seed: number): void {
    if (this.variables.has(spec.key)) return; // a module called twice owns its tensors once
    const v = tf.tidy(() => {
      const t = tf.tensor(initialValues(spec, seed), spec.torchShape, 'float32');
      return tf.variable(spec.perm ? tf.transpose(t, [...spec.perm]) : t, spec.trainable);
    });
    this.variables.set(spec.key, v);
    this.specs.set(spec.key, spec);
    if (spec.trainable) this.trainable.push(v);
    if (op.kind === 'batchnorm') this.batchesTracked.set(op.name, 0);
  }

  get<R extends tf.Rank>(key: string): tf.Tensor<R> {
    const v = this.variables.get(key);
    if (!v) throw new Error(`No weight named ${key}.`);
    return v as unknown as tf.Tensor<R>;
  }

  dispose(): void {
    for (const v of this.variables.values()) v.dispose();
    this.variables.clear();
    this.trainable.length = 0;
  }
}

/** Fresh weights for a graph, initialised as mmpose does, from a seed. */
export function createTrainableWeights(graph: Graph, seed: number): TrainableWeights {
  return new VariableStore(graph, seed);
}

/**
 * One BatchNorm call's batch statistics, in call order (the official fusion calls a few modules
 * twice in a pass). applyRunningUpdates folds them into the running statistics.
 */
export interface RunningUpdate {
  name: string;
  mean: tf.Tensor1D;
  /** Biased (what the call normalised with). */
  variance: tf.Tensor1D;
  /** Values per channel the statistics were taken over (N·H·W). */
  count: number;
}

/**
 * Train-mode BatchNorm: normalise with the batch's mean and biased variance over N, H, W; the
 * statistics are handed to `running` for the running averages (applyRunningUpdates).
 */
function trainBatchnorm(
  op: OpOf<'batchnorm'>,
  x: T4,
  w: TrainableWeights,
  running: RunningUpdate[]
): T4 {
  let stats: tk.BatchStatistics | null = null;
  const y = tk.batchnormTrain(
    x,
    w.get<tf.Rank.R1>(`${op.name}.weight`),
    w.get<tf.Rank.R1>(`${op.name}.bias`),
    op.attrs.eps,
    (s) => (stats = s)
  );
  const { mean, variance } = stats!;
  running.push({ name: op.name, mean, variance, count: x.shape[0] * x.shape[1] * x.shape[2] });
  return y as T4;
}

/** Convs in training, with the gradients of train-kernels.ts (grouped non-depthwise: tfjs's own). */
function trainConv(op: OpOf<'conv2d'>, x: T4, w: TrainableWeights): T4 {
  const a = op.attrs;
  const filter = w.get<tf.Rank.R4>(`${op.name}.weight`);
  const bias = a.bias ? w.get<tf.Rank.R1>(`${op.name}.bias`) : null;
  if (isDepthwise(op)) {
    const y = tk.depthwiseConv(x, filter, a);
    return bias ? tf.add(y, bias) : y;
  }
  if (a.groups !== 1) return execOp(op, [x], w);
  if (a.kernel === 1 && a.stride === 1) return tk.pointwiseConv(x, filter, bias);
  const y = tk.denseConv(x, filter, a, op.inputs[0] !== INPUT_ID);
  return bias ? tf.add(y, bias) : y;
}

/** An op in training mode: BatchNorm with batch statistics, the rest as in inference. */
function trainOp(op: Op, xs: T4[], w: TrainableWeights, running: RunningUpdate[]): T4 {
  if (op.kind === 'batchnorm') return trainBatchnorm(op, xs[0], w, running);
  if (op.kind === 'resize_bilinear') return tk.resizeBilinear(xs[0], op.attrs);
  if (op.kind === 'resize_nearest') return tk.resizeNearest(xs[0], op.attrs.outH, op.attrs.outW);
  if (op.kind === 'upsample_nearest') {
    const [, h, w] = xs[0].shape;
    return tk.resizeNearest(xs[0], h * op.attrs.scale, w * op.attrs.scale);
  }
  if (op.kind === 'conv2d') return trainConv(op, xs[0], w);
  if (op.kind === 'slice') return tk.sliceChannels(xs[0], op.attrs.start, op.attrs.end);
  if (op.kind === 'concat') return tk.concatChannels(xs);
  if (op.kind === 'channel_shuffle') return tk.channelShuffle(xs[0], op.attrs.groups);
  if (op.kind === 'mul') return tk.mul(xs[0], xs[1]);
  if (op.kind === 'global_avgpool') return tk.globalAvgpool(xs[0]);
  return execOp(op, xs, w);
}

export interface TrainPass {
  output: T4;
  running: RunningUpdate[];
}

/**
 * The training forward, op by op in graph order, keeping every activation (the gradient tape
 * needs them). Call it inside tf.grads / optimizer.minimize; the caller keeps what it returns.
 */
export function trainForward(graph: Graph, w: TrainableWeights, input: T4): TrainPass {
  const values: T4[] = [];
  const running: RunningUpdate[] = [];
  for (const op of graph.ops) {
    const xs = op.inputs.map((i) => (i === INPUT_ID ? input : values[i]));
    values[op.id] = trainOp(op, xs, w, running);
  }
  return { output: values[graph.output], running };
}

/**
 * Moves the running statistics as PyTorch's BatchNorm in train mode does, call by call:
 * running = (1 − m) · running + m · batch statistic, with m = BN_MOMENTUM and the variance made
 * unbiased (× count / (count − 1)); num_batches_tracked counts the calls. The arithmetic is done
 * here in double precision and stored as float32, as PyTorch's cpu kernel does, after one read of
 * every statistic (a few hundred tiny tensor ops per step cost more than the read). Disposes the
 * updates' tensors.
 */
export async function applyRunningUpdates(
  w: TrainableWeights,
  updates: RunningUpdate[]
): Promise<void> {
  if (updates.length === 0) return;
  const names = [...new Set(updates.map((u) => u.name))];
  const current = names.flatMap((n) => [
    w.get<tf.Rank.R1>(`${n}.running_mean`),
    w.get<tf.Rank.R1>(`${n}.running_var`)
  ]);
  const parts = [...updates.flatMap((u) => [u.mean, u.variance]), ...current];
  const all = tf.concat(parts);
  let flat: Float32Array;
  try {
    flat = (await all.data()) as Float32Array;
  } finally {
    all.dispose();
    for (const u of updates) tf.dispose([u.mean, u.variance]);
  }
  let at = 0;
  const take = (n: number) => flat.subarray(at, (at += n));
  const batch = updates.map((u) => ({
    u,
    mean: take(u.mean.size),
    variance: take(u.variance.size)
  }));
  const state = new Map(
    names.map((n) => {
      const c = w.get(`${n}.running_mean`).size;
      return [n, { mean: Float64Array.from(take(c)), variance: Float64Array.from(take(c)) }];
    })
  );
  const m = BN_MOMENTUM;
  for (const { u, mean, variance } of batch) {
    const r = state.get(u.name)!;
    const unbiased = u.count / Math.max(u.count - 1, 1);
    for (let c = 0; c < mean.length; c++) {
      r.mean[c] = Math.fround((1 - m) * r.mean[c] + m * mean[c]);
      r.variance[c] = Math.fround((1 - m) * r.variance[c] + m * variance[c] * unbiased);
    }
    w.batchesTracked.set(u.name, (w.batchesTracked.get(u.name) ?? 0) + 1);
  }
  tf.tidy(() => {
    for (const [n, r] of state) {
      const store = (key: string, values: Float64Array) =>
        (w.get(key) as unknown as tf.Variable).assign(tf.tensor1d(Float32Array.from(values)));
      store(`${n}.running_mean`, r.mean);
      store(`${n}.running_var`, r.variance);
    }
  });
}

/** Inference: the executor's own pass, BatchNorm with the running statistics. */
export function evalForward(graph: Graph, w: TrainableWeights, input: T4): T4 {
  return runGraph(graph, w, input).outputs.get(graph.output)!;
}

/** The inverse of a tfjs layout permutation (tfjs layout → PyTorch's). */
function inversePerm(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
}

/**
 * The weights as a PyTorch state_dict, in the graph's tensor order: float32 values in PyTorch's
 * layout, plus each BatchNorm's `num_batches_tracked` (a scalar; written as int64 by the .pth
 * writer). Reads the tensors back from the backend, so it is async.
 */
export async function stateDict(graph: Graph, w: TrainableWeights): Promise<TensorMap> {
  const out: TensorMap = new Map();
  for (const op of graph.ops) {
    if (op.call !== 0) continue;
    for (const spec of weightSpecs(op)) {
      const v = w.get(spec.key);
      const t = spec.perm ? tf.transpose(v, inversePerm(spec.perm)) : v;
      const data = (await t.data()) as Float32Array;
      if (t !== v) t.dispose();
      out.set(spec.key, { shape: [...spec.torchShape], data: Float32Array.from(data) });
    }
    if (op.kind === 'batchnorm')
      out.set(`${op.name}.num_batches_tracked`, {
        shape: [],
        data: Float32Array.of(w.batchesTracked.get(op.name) ?? 0)
      } satisfies NamedTensor);
  }
  return out;
}
