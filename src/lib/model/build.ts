/**
 * Builds the graph of a (validated) config exactly as HRNet/Lite-HRNet's
 * `models/backbones/litehrnet.py` executes it, op by op, in its forward order.
 * mmcv's ConvModule is conv (bias only without a norm) → `bn` → `activate`, and every 3x3 conv
 * pads by 1, so only stride changes sizes.
 * HRNet's parts (its stem and stage 1, basic and bottleneck blocks, full 3x3 convs in transitions
 * and fusion, fusing only branch 0 at the end) follow leoxiaobin/deep-high-resolution-net.pytorch
 * `lib/models/pose_hrnet.py`, whose module paths name the ops when the stem is HRNet's.
 */
import type { BlockType, FusionConv, LiteHRNetConfig, StageConfig } from './config';
import { blockExpansion, namingOf } from './config';
import type { Graph, Op, OpAttrs, OpKind, Role, Scope, Shape } from './graph';
import { INPUT_ID, makeScope, withRole } from './graph';
import { MODULE_KINDS, inferShape, opParams } from './ops';

/** BatchNorm2d's default epsilon in PyTorch (tfjs layers default to 1e-3: do not mix them up). */
export const BN_EPS = 1e-5;

type Act = 'relu' | 'sigmoid' | null;

/** Appends ops in execution order and keeps per-name call counts. */
class GraphBuilder {
  readonly ops: Op[] = [];
  /**
   * Name → id of its latest op, to number repeated calls. Only the fusion layer (its shared ReLU,
   * its adds, the official code's duplicated branch-0 chains), HRNet's stem and its residual
   * blocks (one ReLU module called 2–3 times) run a name more than once, so only names made
   * there are tracked: hashing every name made building 3x slower.
   * A test checks that no (name, call) pair repeats in random configs.
   */
  private readonly latest = new Map<string, number>();
  private tracking = false;

  trackingCalls<T>(build: () => T): T {
    const before = this.tracking;
    this.tracking = true;
    try {
      return build();
    } finally {
      this.tracking = before;
    }
  }

  constructor(readonly input: Shape) {}

  shape(id: number): Shape {
    return id === INPUT_ID ? this.input : this.ops[id].outShape;
  }

  add<K extends OpKind>(
    kind: K,
    name: string,
    inputs: number[],
    attrs: OpAttrs[K],
    scope: Scope
  ): number {
    const inShapes = inputs.map((i) => this.shape(i));
    const outShape = inferShape(kind, attrs as never, inShapes);
    const id = this.ops.length;
    const previous = this.tracking ? this.latest.get(name) : undefined;
    if (this.tracking) this.latest.set(name, id);
    let call = 0;
    if (previous !== undefined) {
      this.ops[previous].lastCall = false;
      call = this.ops[previous].call + 1;
    }
    const isModule = MODULE_KINDS.has(kind);
    const params = call === 0 ? opParams(kind, attrs as never) : 0;
    this.ops.push({
      id,
      name,
      call,
      lastCall: true,
      kind,
      attrs,
      inputs,
      inShapes,
      outShape,
      params,
      isModule,
      scope
    } as Op);
    return id;
  }

  channels(id: number): number {
    return this.shape(id)[1];
  }

  conv(
    name: string,
    x: number,
    outChannels: number,
    kernel: 1 | 3,
    stride: number,
    groups: number,
    bias: boolean,
    scope: Scope
  ): number {
    const inChannels = this.channels(x);
    const padding = kernel === 3 ? 1 : 0;
    return this.add(
      'conv2d',
      name,
      [x],
      { inChannels, outChannels, kernel, stride, padding, groups, bias },
      scope
    );
  }

  bn(name: string, x: number, scope: Scope): number {
    return this.add('batchnorm', name, [x], { channels: this.channels(x), eps: BN_EPS }, scope);
  }

  act(kind: 'relu' | 'sigmoid', name: string, x: number, scope: Scope): number {
    return this.add(kind, name, [x], {}, scope);
  }

  /** mmcv ConvModule: `<path>.conv`, `<path>.bn` (when normed), `<path>.activate` (when any). */
  convModule(
    path: string,
    x: number,
    out: number,
    o: { kernel: 1 | 3; stride?: number; depthwise?: boolean; norm?: boolean; act: Act },
    scope: Scope
  ): number {
    const norm = o.norm ?? true;
    const groups = o.depthwise ? this.channels(x) : 1;
    let y = this.conv(`${path}.conv`, x, out, o.kernel, o.stride ?? 1, groups, !norm, scope);
    if (norm) y = this.bn(`${path}.bn`, y, scope);
    if (o.act) y = this.act(o.act, `${path}.activate`, y, scope);
    return y;
  }

  /** A plain nn.Sequential step of the transitions and fusion: dw 3x3 → BN → 1x1 → BN (→ ReLU). */
  dwSeparableStep(
    path: string,
    x: number,
    out: number,
    stride: number,
    relu: boolean,
    scope: Scope
  ): number {
    let y = this.conv(`${path}.0`, x, this.channels(x), 3, stride, this.channels(x), false, scope);
    y = this.bn(`${path}.1`, y, scope);
    y = this.conv(`${path}.2`, y, out, 1, 1, 1, false, scope);
    y = this.bn(`${path}.3`, y, scope);
    if (relu) y = this.act('relu', `${path}.4`, y, scope);
    return y;
  }

  /** HRNet's nn.Sequential step of the transitions and fusion: 3x3 conv → BN (→ ReLU). */
  fullStep(
    path: string,
    x: number,
    out: number,
    stride: number,
    relu: boolean,
    scope: Scope
  ): number {
    let y = this.conv(`${path}.0`, x, out, 3, stride, 1, false, scope);
    y = this.bn(`${path}.1`, y, scope);
    if (relu) y = this.act('relu', `${path}.2`, y, scope);
    return y;
  }

  /** A transition or fusion step in the stage's style (config.ts FUSION_CONVS). */
  step(
    style: FusionConv,
    path: string,
    x: number,
    out: number,
    stride: number,
    relu: boolean,
    scope: Scope
  ): number {
    return style === 'full'
      ? this.fullStep(path, x, out, stride, relu, scope)
      : this.dwSeparableStep(path, x, out, stride, relu, scope);
  }

  /** Tensor.chunk(2, dim=1): two channel ranges, the first half first. */
  chunk2(owner: string, x: number, scope: Scope, suffix = ''): [number, number] {
    const c = this.channels(x);
    const half = Math.ceil(c / 2);
    const a = this.add('slice', `${owner}#chunk${suffix}.x1`, [x], { start: 0, end: half }, scope);
    const b = this.add('slice', `${owner}#chunk${suffix}.x2`, [x], { start: half, end: c }, scope);
    return [a, b];
  }

  catShuffle(owner: string, xs: number[], scope: Scope): number {
    const cat = this.add('concat', `${owner}#cat`, xs, {}, scope);
    return this.add('channel_shuffle', `${owner}#channel_shuffle`, [cat], { groups: 2 }, scope);
  }
}

/** Python's round(): halves go to the even neighbour (mmpose: int(round(stem · expand_ratio))). */
export function pythonRound(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function buildStem(g: GraphBuilder, config: LiteHRNetConfig): number {
  const { stemChannels, outChannels, expandRatio } = config.stem;
  const path = 'backbone.stem';
  const scope = makeScope('stem', 'stem', undefined, undefined, undefined, 0);
  const mid = pythonRound(stemChannels * expandRatio);
  const half = Math.floor(stemChannels / 2);
  const sameWidth = stemChannels === outChannels;
  const branch1Out = sameWidth ? outChannels - half : outChannels - stemChannels;
  const linearOut = sameWidth ? half : stemChannels;

  const x = g.convModule(
    `${path}.conv1`,
    INPUT_ID,
    stemChannels,
    { kernel: 3, stride: 2, act: 'relu' },
    scope
  );
  const [x1, x2] = g.chunk2(path, x, scope);
  let y2 = g.convModule(`${path}.expand_conv`, x2, mid, { kernel: 1, act: 'relu' }, scope);
  y2 = g.convModule(
    `${path}.depthwise_conv`,
    y2,
    mid,
    { kernel: 3, stride: 2, depthwise: true, act: null },
    scope
  );
  y2 = g.convModule(`${path}.linear_conv`, y2, linearOut, { kernel: 1, act: 'relu' }, scope);
  let y1 = g.convModule(
    `${path}.branch1.0`,
    x1,
    half,
    { kernel: 3, stride: 2, depthwise: true, act: null },
    scope
  );
  y1 = g.convModule(`${path}.branch1.1`, y1, branch1Out, { kernel: 1, act: 'relu' }, scope);
  return g.catShuffle(path, [y1, y2], scope);
}

/**
 * pose_hrnet's BasicBlock or Bottleneck at `path`, output width `out` (= planes · expansion).
 * Its one `self.relu` module runs after every BN but the last and after the residual add: 2 calls
 * in a BasicBlock, 3 in a Bottleneck. The residual is the input itself, or `downsample` (1x1 conv
 * + BN) when the widths differ; `out += residual` runs after the block's last BN.
 */
function buildResidualBlock(
  g: GraphBuilder,
  path: string,
  x: number,
  block: 'basic' | 'bottleneck',
  out: number,
  scope: Scope
): number {
  return g.trackingCalls(() => {
    const planes = out / blockExpansion(block);
    const relu = `${path}.relu`;
    let y: number;
    if (block === 'basic') {
      y = g.conv(`${path}.conv1`, x, planes, 3, 1, 1, false, scope);
      y = g.act('relu', relu, g.bn(`${path}.bn1`, y, scope), scope);
      y = g.conv(`${path}.conv2`, y, planes, 3, 1, 1, false, scope);
      y = g.bn(`${path}.bn2`, y, scope);
    } else {
      y = g.conv(`${path}.conv1`, x, planes, 1, 1, 1, false, scope);
      y = g.act('relu', relu, g.bn(`${path}.bn1`, y, scope), scope);
      y = g.conv(`${path}.conv2`, y, planes, 3, 1, 1, false, scope);
      y = g.act('relu', relu, g.bn(`${path}.bn2`, y, scope), scope);
      y = g.conv(`${path}.conv3`, y, out, 1, 1, 1, false, scope);
      y = g.bn(`${path}.bn3`, y, scope);
    }
    let residual = x;
    if (g.channels(x) !== out) {
      residual = g.conv(`${path}.downsample.0`, x, out, 1, 1, 1, false, scope);
      residual = g.bn(`${path}.downsample.1`, residual, scope);
    }
    y = g.add('add', `${path}#add`, [y, residual], {}, scope);
    return g.act('relu', relu, y, scope);
  });
}

/**
 * pose_hrnet's stem and stage 1: conv1 → bn1 → relu → conv2 → bn2 → relu (one `relu` module,
 * called twice), then `layer1`, whose first block's downsample takes the width to outChannels.
 */
function buildHrnetStem(g: GraphBuilder, config: LiteHRNetConfig): number {
  const { stemChannels, outChannels, layer1Blocks, layer1Block } = config.stem;
  const scope = makeScope('stem', 'stem', undefined, undefined, undefined, 0);
  const y = g.trackingCalls(() => {
    let x = g.conv('conv1', INPUT_ID, stemChannels, 3, 2, 1, false, scope);
    x = g.act('relu', 'relu', g.bn('bn1', x, scope), scope);
    x = g.conv('conv2', x, stemChannels, 3, 2, 1, false, scope);
    return g.act('relu', 'relu', g.bn('bn2', x, scope), scope);
  });
  let x = y;
  for (let k = 0; k < layer1Blocks; k++) {
    const blockScope = makeScope('stem', 'residual', undefined, undefined, k, 0);
    x = buildResidualBlock(g, `layer1.${k}`, x, layer1Block, outChannels, blockScope);
  }
  return x;
}

/** The module paths that differ between mmpose's LiteHRNet and pose_hrnet (config.ts namingOf). */
interface Names {
  transition(s: number): string;
  module(s: number, m: number): string;
  headLayer: string;
  finalLayer: string;
}

const LITE_NAMES: Names = {
  transition: (s) => `backbone.transition${s}`,
  module: (s, m) => `backbone.stage${s}.${m}`,
  headLayer: 'backbone.head_layer',
  finalLayer: 'keypoint_head.final_layer'
};

/** pose_hrnet counts stages from 1 (layer1 is stage 1) and transitions from the stage they leave. */
const HRNET_NAMES: Names = {
  transition: (s) => `transition${s + 1}`,
  module: (s, m) => `stage${s + 2}.${m}`,
  headLayer: 'head_layer',
  finalLayer: 'final_layer'
};

/** `_make_transition_layer` + the loop at the top of LiteHRNet.forward for one stage. */
function buildTransition(
  g: GraphBuilder,
  s: number,
  prev: number[],
  stage: StageConfig,
  names: Names
): number[] {
  const path = names.transition(s);
  const style = stage.fusionConv;
  return stage.widths.map((width, i) => {
    const scope = makeScope('transition', 'transition', s, undefined, undefined, i);
    if (i < prev.length) {
      if (g.channels(prev[i]) === width) return prev[i];
      return g.step(style, `${path}.${i}`, prev[i], width, 1, true, scope);
    }
    // A new branch: a chain of stride-2 steps from the previous stage's last branch, keeping
    // that branch's width until the final 1x1, which goes to the new width.
    let y = prev[prev.length - 1];
    const steps = i + 1 - prev.length;
    for (let k = 0; k < steps; k++) {
      const out = k === steps - 1 ? width : g.channels(y);
      y = g.step(style, `${path}.${i}.${k}`, y, out, 2, true, scope);
    }
    return y;
  });
}

interface ModuleCtx {
  path: string;
  fusion: LiteHRNetConfig['fusion'];
  stage: number;
  module: number;
  stageConfig: StageConfig;
  /** False: fuse only output 0 (pose_hrnet's multi_scale_output=False on the very last module). */
  allOutputs: boolean;
}

/** CrossResolutionWeighting.forward on the second halves (function H of the paper). */
function buildCrossResolutionWeighting(
  g: GraphBuilder,
  blockPath: string,
  xs: number[],
  reduceRatio: number,
  base: Scope
): number[] {
  const path = `${blockPath}.cross_resolution_weighting`;
  const last = xs.length - 1;
  const [, , miniH, miniW] = g.shape(xs[last]);
  const scope = withRole(base, 'ccw_h', last);
  const pooled = xs.map((x, b) =>
    b === last
      ? x
      : g.add(
          'adaptive_avgpool',
          `${path}#adaptive_avg_pool2d.${b}`,
          [x],
          { outH: miniH, outW: miniW },
          withRole(scope, 'ccw_h', b)
        )
  );
  const total = xs.reduce((c, x) => c + g.channels(x), 0);
  const hidden = Math.trunc(total / reduceRatio);
  let w = g.add('concat', `${path}#cat`, pooled, {}, scope);
  w = g.convModule(`${path}.conv1`, w, hidden, { kernel: 1, act: 'relu' }, scope);
  w = g.convModule(`${path}.conv2`, w, total, { kernel: 1, act: 'sigmoid' }, scope);
  let start = 0;
  return xs.map((x, b) => {
    const c = g.channels(x);
    const bScope = withRole(scope, 'ccw_h', b);
    const part = g.add('slice', `${path}#split.${b}`, [w], { start, end: start + c }, bScope);
    start += c;
    const [, , h, wd] = g.shape(x);
    const up = g.add(
      'resize_nearest',
      `${path}#interpolate.${b}`,
      [part],
      { outH: h, outW: wd },
      bScope
    );
    return g.add('mul', `${path}#mul.${b}`, [x, up], {}, bScope);
  });
}

/** SpatialWeighting.forward for one branch (function F of the paper; its ratio 4 is fixed). */
function buildSpatialWeighting(g: GraphBuilder, path: string, x: number, scope: Scope): number {
  const c = g.channels(x);
  let w = g.add('global_avgpool', `${path}.global_avgpool`, [x], {}, scope);
  w = g.convModule(
    `${path}.conv1`,
    w,
    Math.trunc(c / 4),
    { kernel: 1, norm: false, act: 'relu' },
    scope
  );
  w = g.convModule(`${path}.conv2`, w, c, { kernel: 1, norm: false, act: 'sigmoid' }, scope);
  return g.add('mul', `${path}#mul`, [x, w], {}, scope);
}

/** ConditionalChannelWeighting.forward: one LITE block over all branches, list by list. */
function buildCcwBlock(g: GraphBuilder, m: ModuleCtx, k: number, xs: number[]): number[] {
  const path = `${m.path}.layers.${k}`;
  const base = makeScope('stage', 'ccw_split', m.stage, m.module, k);
  const at = (role: Role, branch: number): Scope => withRole(base, role, branch);
  const halves = xs.map((x, b) => g.chunk2(path, x, at('ccw_split', b), `.${b}`));
  let x2 = buildCrossResolutionWeighting(
    g,
    path,
    halves.map((h) => h[1]),
    m.stageConfig.reduceRatio,
    base
  );
  x2 = x2.map((x, b) =>
    g.convModule(
      `${path}.depthwise_convs.${b}`,
      x,
      g.channels(x),
      { kernel: 3, depthwise: true, act: null },
      at('ccw_dw', b)
    )
  );
  x2 = x2.map((x, b) =>
    buildSpatialWeighting(g, `${path}.spatial_weighting.${b}`, x, at('ccw_f', b))
  );
  const cat = x2.map((x, b) =>
    g.add('concat', `${path}#cat.${b}`, [halves[b][0], x], {}, at('ccw_merge', b))
  );
  return cat.map((x, b) =>
    g.add('channel_shuffle', `${path}#channel_shuffle.${b}`, [x], { groups: 2 }, at('ccw_merge', b))
  );
}

/**
 * ShuffleUnit.forward with stride 1: split; second half 1x1 → 3x3 dw → 1x1; concat; shuffle.
 * The ablation variants drop 1x1 ConvModules; the kept layers keep their order, renumbered as
 * an nn.Sequential of just those layers would be. With one 1x1 dropped, the remaining 1x1 has no
 * ReLU: that is the only structure whose count reproduces paper Table 6's "one 1x1 conv.
 * dropped" row (248.4M at 256x192, 331.0M at 256x256 for the wider net; with a ReLU the counts
 * are 1.6M and 2.1M higher: one operation per half-channel element of every unit).
 */
function buildShuffleUnit(
  g: GraphBuilder,
  path: string,
  x: number,
  block: BlockType,
  scope: Scope
): number {
  const [x1, x2] = g.chunk2(path, x, scope);
  const c = g.channels(x2);
  const pwAct: Act = block === 'naive' ? 'relu' : null;
  const layers: Array<'pw' | 'dw'> = [];
  if (block === 'naive' || block === 'naive_no_last_1x1') layers.push('pw');
  layers.push('dw');
  if (block === 'naive' || block === 'naive_no_first_1x1') layers.push('pw');
  let y = x2;
  layers.forEach((layer, i) => {
    const p = `${path}.branch2.${i}`;
    y =
      layer === 'pw'
        ? g.convModule(p, y, c, { kernel: 1, act: pwAct }, scope)
        : g.convModule(p, y, c, { kernel: 3, depthwise: true, act: null }, scope);
  });
  return g.catShuffle(path, [x1, y], scope);
}

/** LiteHRModule's fuse_layers[i][j]: how branch j's output reaches output branch i. */
function buildFuseChain(
  g: GraphBuilder,
  m: ModuleCtx,
  i: number,
  j: number,
  x: number,
  widths: number[]
): number {
  const path = `${m.path}.fuse_layers.${i}.${j}`;
  const scope = makeScope('stage', 'fusion', m.stage, m.module, undefined, i, j);
  if (j > i) {
    let y = g.conv(`${path}.0`, x, widths[i], 1, 1, 1, false, scope);
    y = g.bn(`${path}.1`, y, scope);
    return g.add('upsample_nearest', `${path}.2`, [y], { scale: 2 ** (j - i) }, scope);
  }
  let y = x;
  const steps = i - j;
  for (let k = 0; k < steps; k++) {
    const lastStep = k === steps - 1;
    const out = lastStep ? widths[i] : widths[j];
    y = g.step(m.stageConfig.fusionConv, `${path}.${k}`, y, out, 2, !lastStep, scope);
  }
  return y;
}

/**
 * LiteHRModule.forward's fusion loop. `official` reproduces the code: for i = 0 the sum is
 * seeded with out[0] itself and the loop adds out[0] again, in place, so out[0] ends up holding
 * S0 = 2·x0 + Σ_{j>0} F0j(xj); every later output seeds with F_i0(S0) and adds F_i0(S0) again.
 * `paper` adds each branch once, on the unmodified x0.
 */
function buildFusion(g: GraphBuilder, m: ModuleCtx, xs: number[]): number[] {
  const widths = m.stageConfig.widths;
  const official = m.fusion === 'official';
  const relu = `${m.path}.relu`;
  let branch0 = xs[0];
  const outs: number[] = [];
  const outputs = m.allOutputs ? xs.length : 1;
  for (let i = 0; i < outputs; i++) {
    const scope = makeScope('stage', 'fusion', m.stage, m.module, undefined, i);
    const addName = `${m.path}.fuse_layers.${i}#add`;
    let y = i === 0 ? branch0 : buildFuseChain(g, m, i, 0, branch0, widths);
    for (let j = official ? 0 : 1; j < xs.length; j++) {
      const term =
        i === j
          ? j === 0
            ? branch0
            : xs[j]
          : buildFuseChain(g, m, i, j, j === 0 ? branch0 : xs[j], widths);
      y = g.add('add', addName, [y, term], {}, withRole(scope, 'fusion', i, j));
    }
    outs.push(g.act('relu', relu, y, scope));
    if (i === 0 && official) branch0 = y;
  }
  return outs;
}

function buildModule(g: GraphBuilder, m: ModuleCtx, xs: number[]): number[] {
  const cfg = m.stageConfig;
  let out = xs;
  if (cfg.block === 'lite') {
    for (let k = 0; k < cfg.blocks; k++) out = buildCcwBlock(g, m, k, out);
  } else if (cfg.block === 'basic' || cfg.block === 'bottleneck') {
    // HighResolutionModule: each branch runs all its blocks before the next branch starts.
    const block = cfg.block;
    out = xs.map((x, b) => {
      let y = x;
      for (let k = 0; k < cfg.blocks; k++) {
        const scope = makeScope('stage', 'residual', m.stage, m.module, k, b);
        y = buildResidualBlock(g, `${m.path}.branches.${b}.${k}`, y, block, cfg.widths[b], scope);
      }
      return y;
    });
  } else {
    // NAIVE: each branch runs all its units before the next branch starts.
    out = xs.map((x, b) => {
      let y = x;
      for (let k = 0; k < cfg.blocks; k++) {
        const scope = makeScope('stage', 'shuffle', m.stage, m.module, k, b);
        y = buildShuffleUnit(g, `${m.path}.layers.${b}.${k}`, y, cfg.block, scope);
      }
      return y;
    });
  }
  // A single-branch module returns before fusing (LiteHRModule.forward's first line).
  if (cfg.fuse && xs.length > 1) return g.trackingCalls(() => buildFusion(g, m, out));
  return out;
}

/** IterativeHead.forward: lowest resolution first, each adding the resized previous result. */
function buildIterativeHead(g: GraphBuilder, xs: number[], path: string): number {
  const reversed = [...xs].reverse();
  const widths = reversed.map((x) => g.channels(x));
  let last: number | null = null;
  reversed.forEach((x, i) => {
    const branch = xs.length - 1 - i;
    const scope = makeScope('head', 'iterative_head', undefined, undefined, undefined, branch);
    let s = x;
    if (last !== null) {
      const [, , h, w] = g.shape(x);
      const up = g.add(
        'resize_bilinear',
        `${path}#interpolate.${i}`,
        [last],
        { outH: h, outW: w, alignCorners: true },
        scope
      );
      s = g.add('add', `${path}#add.${i}`, [s, up], {}, scope);
    }
    const out = i === widths.length - 1 ? widths[i] : widths[i + 1];
    const p = `${path}.projects.${i}`;
    s = g.convModule(
      `${p}.depthwise_conv`,
      s,
      widths[i],
      { kernel: 3, depthwise: true, act: null },
      scope
    );
    s = g.convModule(`${p}.pointwise_conv`, s, out, { kernel: 1, act: 'relu' }, scope);
    last = s;
  });
  return last!;
}

/** The graph of a config. The config must have passed `validateConfig`. */
export function buildGraph(config: LiteHRNetConfig): Graph {
  const g = new GraphBuilder([1, 3, config.input.height, config.input.width]);
  const names = namingOf(config) === 'hrnet' ? HRNET_NAMES : LITE_NAMES;
  let ys = [config.stem.type === 'hrnet' ? buildHrnetStem(g, config) : buildStem(g, config)];
  const stageOutputs: number[][] = [];
  const lastStage = config.stages.length - 1;
  config.stages.forEach((stageConfig, s) => {
    let xs = buildTransition(g, s, ys, stageConfig, names);
    for (let m = 0; m < stageConfig.modules; m++) {
      const last = s === lastStage && m === stageConfig.modules - 1;
      xs = buildModule(
        g,
        {
          path: names.module(s, m),
          fusion: config.fusion,
          stage: s,
          module: m,
          stageConfig,
          allOutputs: config.multiScaleOutput !== false || !last
        },
        xs
      );
    }
    ys = xs;
    stageOutputs.push([...xs]);
  });
  let output = config.withHead ? buildIterativeHead(g, ys, names.headLayer) : ys[0];
  if (config.keypointHead) {
    const scope = makeScope('keypoint_head', 'keypoint_head', undefined, undefined, undefined, 0);
    output = g.conv(names.finalLayer, output, config.joints, 1, 1, 1, true, scope);
  }
  return { input: g.input, ops: g.ops, output, stageOutputs };
}
