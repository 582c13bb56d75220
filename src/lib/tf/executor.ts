/**
 * Runs a graph with tfjs, op by op in the graph's order, on NHWC tensors (layout.ts). Every
 * activation is freed right after its last reader, the way memory.ts assumes, unless the caller
 * asked to keep it; each op runs in its own tf.tidy. With `traced`, it records what really ran:
 * the shapes of the tensors each op read and wrote (mapped back to NCHW) and how each conv ran.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Graph, Op, Shape } from '../model';
import { INPUT_ID, isDepthwise } from '../model';
import * as k from './kernels';
import { nhwcToNchw } from './layout';
import type { WeightStore } from './weights';

type T4 = tf.Tensor4D;

/** What a pass reads weights through: a WeightStore, or the trainer's variables (train/trainable.ts). */
export type WeightLookup = Pick<WeightStore, 'get'>;

export interface OpTrace {
  inShapes: Shape[];
  outShape: Shape;
  /** For convs: the kernel size of the real filter, whether it ran depthwise, whether a bias was added. */
  conv?: { kernel: number; depthwise: boolean; bias: boolean };
}

function batchnormParams(w: WeightLookup, name: string): k.BatchNormParams {
  return {
    weight: w.get(`${name}.weight`),
    bias: w.get(`${name}.bias`),
    runningMean: w.get(`${name}.running_mean`),
    runningVar: w.get(`${name}.running_var`)
  };
}

/** The one place op kinds meet kernels. */
export function execOp(op: Op, xs: T4[], w: WeightLookup): T4 {
  switch (op.kind) {
    case 'conv2d': {
      const bias = op.attrs.bias ? w.get<tf.Rank.R1>(`${op.name}.bias`) : null;
      return k.conv2d(xs[0], w.get(`${op.name}.weight`), bias, op.attrs, isDepthwise(op));
    }
    case 'batchnorm':
      return k.batchnorm(xs[0], batchnormParams(w, op.name), op.attrs.eps);
    case 'relu':
      return k.relu(xs[0]);
    case 'sigmoid':
      return k.sigmoid(xs[0]);
    case 'global_avgpool':
      return k.globalAvgpool(xs[0]);
    case 'upsample_nearest':
      return k.upsampleNearest(xs[0], op.attrs.scale);
    case 'adaptive_avgpool':
      return k.adaptiveAvgpool(xs[0], op.attrs.outH, op.attrs.outW);
    case 'resize_nearest':
      return k.resizeNearest(xs[0], op.attrs.outH, op.attrs.outW);
    case 'resize_bilinear':
      return k.resizeBilinear(xs[0], op.attrs);
    case 'slice':
      return k.sliceChannels(xs[0], op.attrs.start, op.attrs.end);
    case 'concat':
      return k.concatChannels(xs);
    case 'channel_shuffle':
      return k.channelShuffle(xs[0], op.attrs.groups);
    case 'mul':
      return k.mul(xs[0], xs[1]);
    case 'add':
      return k.add(xs[0], xs[1]);
  }
}

/** `lastUse[id]`: the last op reading op id's output (-1 when none does). */
export function lastUses(graph: Graph): Int32Array {
  const last = new Int32Array(graph.ops.length).fill(-1);
  for (const op of graph.ops) for (const i of op.inputs) if (i !== INPUT_ID) last[i] = op.id;
  return last;
}

function traceOf(op: Op, xs: T4[], y: T4, w: WeightLookup): OpTrace {
  const t: OpTrace = {
    inShapes: xs.map((x) => nhwcToNchw(x.shape)),
    outShape: nhwcToNchw(y.shape)
  };
  if (op.kind === 'conv2d') {
    const filter = w.get(`${op.name}.weight`);
    t.conv = { kernel: filter.shape[0], depthwise: isDepthwise(op), bias: op.attrs.bias };
  }
  return t;
}

/** One pass, stepped op by op, so a profiling loop can time each step. */
export class GraphRun {
  private readonly values: (T4 | null)[];
  private readonly lastUse: Int32Array;
  readonly trace: OpTrace[] | null;

  constructor(
    private readonly graph: Graph,
    private readonly weights: WeightLookup,
    private readonly input: T4,
    private readonly keep: ReadonlySet<number>,
    traced = false
  ) {
    this.values = new Array<T4 | null>(graph.ops.length).fill(null);
    this.lastUse = lastUses(graph);
    this.trace = traced ? [] : null;
  }

  private read(id: number): T4 {
    const v = id === INPUT_ID ? this.input : this.values[id];
    if (!v) throw new Error(`Op ${id}'s output was freed before it was read.`);
    return v;
  }

  step(id: number): T4 {
    const op = this.graph.ops[id];
    const xs = op.inputs.map((i) => this.read(i));
    const y = tf.tidy(() => execOp(op, xs, this.weights));
    this.trace?.push(traceOf(op, xs, y, this.weights));
    this.values[id] = y;
    for (const i of new Set(op.inputs)) if (i !== INPUT_ID && this.lastUse[i] === id) this.free(i);
    if (this.lastUse[id] === -1) this.free(id);
    return y;
  }

  private free(id: number): void {
    if (this.keep.has(id)) return;
    this.values[id]?.dispose();
    this.values[id] = null;
  }

  /** The kept outputs; the caller owns and disposes them. */
  takeKept(): Map<number, T4> {
    const kept = new Map<number, T4>();
    for (const id of this.keep) {
      const v = this.values[id];
      if (v) kept.set(id, v);
      this.values[id] = null;
    }
    return kept;
  }

  /** Frees everything still held (the error path). */
  dispose(): void {
    for (let i = 0; i < this.values.length; i++) {
      this.values[i]?.dispose();
      this.values[i] = null;
    }
  }
}

export interface PassResult {
  outputs: Map<number, T4>;
  trace: OpTrace[] | null;
}

/** A whole pass; on an error every tensor it made is freed before the error goes on. */
export function runGraph(
  graph: Graph,
  weights: WeightLookup,
  input: T4,
  keep: ReadonlySet<number> = new Set([graph.output]),
  traced = false
): PassResult {
  const run = new GraphRun(graph, weights, input, keep, traced);
  try {
    for (let id = 0; id < graph.ops.length; id++) run.step(id);
  } catch (e) {
    run.dispose();
    throw e;
  }
  return { outputs: run.takeKept(), trace: run.trace };
}
