/**
 * The graph: every op the network executes, in execution order. It is the one source of truth
 * that costs, views, the executor and the exports read.
 *
 * Shapes are NCHW with batch 1, as PyTorch has them. Names mirror the official PyTorch module
 * paths (`backbone.stage0.0.fuse_layers.1.0.0.0`), so a checkpoint's state_dict key
 * `<name>.weight` maps to the op that owns it. Functional ops (torch.cat, F.interpolate, `*`,
 * `+`, …) are not modules and have no path of their own; they are named after the module whose
 * forward() runs them, then `#` and what they do (`backbone.stage0.0.layers.0#cat.1`).
 */

export type Shape = readonly [n: number, c: number, h: number, w: number];

/** What each op kind carries besides its shapes. */
export interface OpAttrs {
  conv2d: {
    inChannels: number;
    outChannels: number;
    kernel: number;
    stride: number;
    padding: number;
    groups: number;
    bias: boolean;
  };
  batchnorm: { channels: number; eps: number };
  relu: Record<string, never>;
  sigmoid: Record<string, never>;
  /** nn.AdaptiveAvgPool2d(1), a module (spatial weighting). */
  global_avgpool: Record<string, never>;
  /** nn.Upsample(scale_factor, mode='nearest'), a module (fusion). */
  upsample_nearest: { scale: number };
  /** F.adaptive_avg_pool2d to a given size, functional (cross-resolution weighting). */
  adaptive_avgpool: { outH: number; outW: number };
  /** F.interpolate(mode='nearest') to a given size, functional (cross-resolution weighting). */
  resize_nearest: { outH: number; outW: number };
  /** F.interpolate(mode='bilinear', align_corners=True), functional (IterativeHead). */
  resize_bilinear: { outH: number; outW: number; alignCorners: boolean };
  /** A channel range [start, end) of the input: Tensor.chunk / torch.split. */
  slice: { start: number; end: number };
  /** torch.cat along channels. */
  concat: Record<string, never>;
  /** mmpose channel_shuffle(x, groups): view as groups x C/groups, transpose, flatten. */
  channel_shuffle: { groups: number };
  /** Elementwise product; the second input broadcasts over H and W when it is N x C x 1 x 1. */
  mul: Record<string, never>;
  /** Elementwise sum of two inputs of equal shape. */
  add: Record<string, never>;
}

export type OpKind = keyof OpAttrs;

export const OP_KINDS: readonly OpKind[] = [
  'conv2d',
  'batchnorm',
  'relu',
  'sigmoid',
  'global_avgpool',
  'upsample_nearest',
  'adaptive_avgpool',
  'resize_nearest',
  'resize_bilinear',
  'slice',
  'concat',
  'channel_shuffle',
  'mul',
  'add'
];

/** Which part of the network an op belongs to, for drill-down and aggregation. */
export type Section = 'stem' | 'transition' | 'stage' | 'head' | 'keypoint_head';

/**
 * The role an op plays inside its section: what the paper would call it.
 * - `ccw_split` / `ccw_merge`: the split into halves and the concat + shuffle of a CCW block;
 * - `ccw_h`: cross-resolution weighting H; `ccw_dw`: the block's 3x3 depthwise; `ccw_f`: spatial weighting F;
 * - `shuffle`: the ops of a shuffle (naive) unit; `residual`: the ops of an HRNet basic or
 *   bottleneck block; `fusion`: a module's fusion layer.
 */
export type Role =
  | 'stem'
  | 'transition'
  | 'ccw_split'
  | 'ccw_h'
  | 'ccw_dw'
  | 'ccw_f'
  | 'ccw_merge'
  | 'shuffle'
  | 'residual'
  | 'fusion'
  | 'iterative_head'
  | 'keypoint_head';

export interface Scope {
  section: Section;
  role: Role;
  /** Code stage index (stage0 is the paper's Stage 2); transitions carry the stage they feed. */
  stage?: number;
  module?: number;
  block?: number;
  /** Resolution branch the op's output lives on (0 = 1/4 of the input). */
  branch?: number;
  /** For fusion ops: the input branch j being fused into output branch `branch`. */
  from?: number;
}

/**
 * A scope with every field present, so all scopes share one object shape (the builder makes
 * thousands; spreading partial objects was its slowest line).
 */
export function makeScope(
  section: Section,
  role: Role,
  stage?: number,
  module?: number,
  block?: number,
  branch?: number,
  from?: number
): Scope {
  return { section, role, stage, module, block, branch, from };
}

/** The same place with another role, branch or fusion source. */
export function withRole(base: Scope, role: Role, branch = base.branch, from?: number): Scope {
  return makeScope(base.section, role, base.stage, base.module, base.block, branch, from);
}

interface OpCommon {
  /** Position in execution order; also the op's index in `Graph.ops`. */
  id: number;
  /** Official module path (modules) or owner path + `#` + function (functional ops). */
  name: string;
  /** How many times this name ran before this call: a module run twice appears as call 0 and 1. */
  call: number;
  /** False when the same name runs again later (torchstat keeps only a module's last call). */
  lastCall: boolean;
  /** Producer op ids; -1 is the input image. */
  inputs: number[];
  inShapes: Shape[];
  outShape: Shape;
  /** Trainable parameters this op owns, counted on its first call only (0 on later calls). */
  params: number;
  /** True for nn.Module leaves (what torchstat and mmcv hook); false for functional ops. */
  isModule: boolean;
  scope: Scope;
}

export type Op = { [K in OpKind]: OpCommon & { kind: K; attrs: OpAttrs[K] } }[OpKind];
export type OpOf<K extends OpKind> = Extract<Op, { kind: K }>;

/** The network's input placeholder id used in `Op.inputs`. */
export const INPUT_ID = -1;

export interface Graph {
  input: Shape;
  ops: Op[];
  /** Op id of the network's output (heatmaps, or the backbone's highest-resolution map). */
  output: number;
  /** Op ids of each branch's output after every stage, highest resolution first. */
  stageOutputs: number[][];
}

export function numel(shape: Shape): number {
  return shape[0] * shape[1] * shape[2] * shape[3];
}

export function isDepthwise(op: OpOf<'conv2d'>): boolean {
  return op.attrs.groups > 1 && op.attrs.groups === op.attrs.inChannels;
}

/**
 * Which ops the network's output depends on: `live[id]` is 1 when a path of inputs leads from the
 * op to `graph.output`. A branch nothing reads (the last stage's lower branches without the
 * IterativeHead, a branch a later stage drops) runs but reaches nothing.
 */
export function liveOps(graph: Graph): Uint8Array {
  const live = new Uint8Array(graph.ops.length);
  live[graph.output] = 1;
  for (let id = graph.output; id >= 0; id--) {
    if (!live[id]) continue;
    for (const i of graph.ops[id].inputs) if (i !== INPUT_ID) live[i] = 1;
  }
  return live;
}
