/**
 * The op registry: for every op kind, its output shape, its parameters and its cost under each
 * counting convention, in one place. Costs are multiply-accumulates (MACs) for convolutions and
 * one operation per element for elementwise work, as every convention here does; FLOPs = 2 x MACs
 * is a display choice made elsewhere.
 *
 * Conventions (ADR in DESIGN.md §3). Each tool's rule is read from its source, cited per rule:
 * - `paper`: the official repo's `tools/summary_network.py`, a bundled torchstat
 *   (`tools/torchstat/compute_flops.py`). Leaf modules only; the rule "each module counted once,
 *   on its last call" is a graph-level rule applied in cost.ts, not here.
 * - `mmcv`: mmcv 1.x `get_model_complexity_info` hooks (mmcv/cnn/utils/flops_counter.py):
 *   every call of every leaf module it knows.
 * - `conv`: convolution MACs only, bias excluded (the fvcore / "MACs of convs" habit).
 * - `full`: ours: every executed op, functional ones included, every call.
 * - `fvcore`: facebookresearch/fvcore `FlopCountAnalysis(model, x).total()`. It jit-traces the
 *   model and counts aten ops with the handles of `fvcore/nn/flop_count.py` (rules in
 *   `jit_handles.py`); every traced call counts. aten::relu_ and the view/copy ops are in its
 *   ignore list (`jit_analysis.py` `_IGNORED_OPS`); aten::sigmoid, aten::mul and aten::add_ have
 *   no handle and are reported "unsupported": all of them count 0. The trace holds only ops that
 *   reach the output (dead code is dropped): a graph-level rule applied in cost.ts.
 * - `ptflops`: sovrasov/flops-counter.pytorch `get_model_complexity_info(..., backend='pytorch')`:
 *   forward hooks on known modules (`pytorch_ops.py` MODULES_MAPPING) plus wrappers it patches
 *   over `torch.nn.functional` (FUNCTIONAL_MAPPING) and `torch.mul`/`Tensor.add`/… (not the `*`
 *   and `+` operators the official code uses). nn.ReLU, nn.AdaptiveAvgPool2d and nn.Upsample call
 *   F.relu, F.adaptive_avg_pool2d and F.interpolate inside their forward, so the module hook and
 *   the patched function both count them: twice (ptflops' README warns that the two can clash).
 * - `ptflops-aten`: the same function with `backend='aten'` (`aten_engine.py`, `aten_ops.py`): a
 *   dispatch mode that counts only aten.convolution (with bias) and matrix products.
 * - `thop`: Lyken17/pytorch-OpCounter 0.1.1 (pip's thop-0.1.1.post2209072238) `profile(model,
 *   inputs)`: forward hooks on leaf modules by exact type (`profile.py` register_hooks, rules in
 *   `vision/basic_hooks.py` and `calc_func.py`), every call added; functional ops are invisible.
 * - `hrnet`: HRNet's own `get_model_summary` (leoxiaobin/deep-high-resolution-net.pytorch,
 *   `lib/utils/utils.py`), what its README's GFLOPs are: a forward hook on every module that is
 *   not a container; a class named "Conv…" counts prod(weight shape)·H_out·W_out (no bias), an
 *   nn.Linear out numel·in features; nothing else counts. Every call; printed ÷2^30 as "GFLOPs".
 */
import type { OpKind, OpOf, Shape } from './graph';
import { numel } from './graph';

import type { Convention } from './conventions';
export { CONVENTIONS, CONVENTION_LABELS, TOOL_CONVENTIONS } from './conventions';
export type { Convention, ToolConvention } from './conventions';

type CostFn<K extends OpKind> = (op: OpOf<K>) => number;

/**
 * The conventions whose rule differs per op kind. `hrnet` counts convolutions alone (the graph
 * has no nn.Linear), so its rule is added to every kind below, from `conv`'s.
 */
type KindConvention = Exclude<Convention, 'hrnet'>;

interface OpRule<K extends OpKind> {
  /** Output shape from attributes and input shapes (inputs already checked by the builder). */
  outShape: (attrs: OpOf<K>['attrs'], inShapes: Shape[]) => Shape;
  params: (attrs: OpOf<K>['attrs']) => number;
  /** Cost under each convention for one call; `paper` before the last-call rule. */
  cost: Record<Convention, CostFn<K>>;
}

type KindRule<K extends OpKind> = Omit<OpRule<K>, 'cost'> & {
  cost: Record<KindConvention, CostFn<K>>;
};

const zero = () => 0;
const outElems = (op: { outShape: Shape }) => numel(op.outShape);
const inElems = (op: { inShapes: Shape[] }) => numel(op.inShapes[0]);
const twice =
  <T>(f: (op: T) => number) =>
  (op: T) =>
    2 * f(op);
const sameShape = (_: unknown, inShapes: Shape[]): Shape => inShapes[0];
const noParams = () => 0;

/** The costs of an op kind that no tool counts: zero under every convention but `full`. */
function uncountedCost<K extends OpKind>(fullCost: CostFn<K>): Pick<KindRule<K>, 'cost'> {
  return {
    cost: {
      paper: zero,
      mmcv: zero,
      conv: zero,
      full: fullCost,
      fvcore: zero,
      ptflops: zero,
      'ptflops-aten': zero,
      thop: zero
    }
  };
}

function convOut(size: number, k: number, s: number, p: number): number {
  return Math.floor((size + 2 * p - k) / s) + 1;
}

/** k·k·(C_in/groups)·C_out·H_out·W_out: one MAC per weight per output position. */
function convMacs(op: OpOf<'conv2d'>): number {
  const a = op.attrs;
  return (
    a.kernel *
    a.kernel *
    (a.inChannels / a.groups) *
    a.outChannels *
    op.outShape[2] *
    op.outShape[3]
  );
}

/** torchstat, mmcv and ptflops add one operation per output element for the bias. */
function convMacsWithBias(op: OpOf<'conv2d'>): number {
  return convMacs(op) + (op.attrs.bias ? outElems(op) : 0);
}

/**
 * thop's nn.AdaptiveAvgPool2d rule (`count_adap_avgpool` → `calculate_adaptive_avg`): the kernel
 * is (H_in/H_out)·(W_in/W_out) additions plus 1 division per output element, truncated by int().
 */
function thopAdaptivePool(op: OpOf<'global_avgpool'>): number {
  const [n, c, h, w] = op.inShapes[0];
  const [, , oh, ow] = op.outShape;
  return Math.trunc(((h / oh) * (w / ow) + 1) * n * c * oh * ow);
}

const KIND_RULES: { [K in OpKind]: KindRule<K> } = {
  conv2d: {
    outShape: (a, [x]) => [
      x[0],
      a.outChannels,
      convOut(x[2], a.kernel, a.stride, a.padding),
      convOut(x[3], a.kernel, a.stride, a.padding)
    ],
    params: (a) =>
      a.kernel * a.kernel * (a.inChannels / a.groups) * a.outChannels +
      (a.bias ? a.outChannels : 0),
    // fvcore (`conv_flop_count`): batch·prod(weight shape)·H_out·W_out, "bias is ignored".
    // thop (`calculate_conv2d_flops`): prod(output shape)·(C_in // groups)·k·k, no bias.
    // ptflops (`conv_flops_counter_hook`, aten `conv_flop_count`): with bias.
    cost: {
      paper: convMacsWithBias,
      mmcv: convMacsWithBias,
      conv: convMacs,
      full: convMacsWithBias,
      fvcore: convMacs,
      ptflops: convMacsWithBias,
      'ptflops-aten': convMacsWithBias,
      thop: convMacs
    }
  },
  batchnorm: {
    outShape: sameShape,
    params: (a) => 2 * a.channels,
    // torchstat, mmcv, ptflops: numel, doubled for the affine scale and shift. fvcore's eval-mode
    // `batchnorm_flop_jit`: numel·(2 if affine). thop 0.1.1 `count_normalization` takes
    // `calculate_norm` (already 2·numel) and doubles it again for affine: 4·numel.
    // ptflops' aten backend has no batch-norm handler.
    cost: {
      paper: (op) => 2 * inElems(op),
      mmcv: (op) => 2 * inElems(op),
      conv: zero,
      full: (op) => 2 * inElems(op),
      fvcore: (op) => 2 * inElems(op),
      ptflops: (op) => 2 * inElems(op),
      'ptflops-aten': zero,
      thop: (op) => 4 * inElems(op)
    }
  },
  relu: {
    outShape: sameShape,
    params: noParams,
    // fvcore ignores aten::relu/relu_; thop registers nn.ReLU as zero_ops; ptflops counts the
    // module (output numel) and again the F.relu its forward calls (input numel).
    cost: {
      paper: inElems,
      mmcv: outElems,
      conv: zero,
      full: outElems,
      fvcore: zero,
      ptflops: twice(outElems),
      'ptflops-aten': zero,
      thop: zero
    }
  },
  sigmoid: {
    outShape: sameShape,
    params: noParams,
    // No tool here has a sigmoid rule: torchstat, mmcv, ptflops and thop have no hook for
    // nn.Sigmoid (its forward calls torch.sigmoid, which ptflops does not patch); fvcore reports
    // aten::sigmoid as unsupported.
    ...uncountedCost<'sigmoid'>(outElems)
  },
  global_avgpool: {
    outShape: (_, [x]) => [x[0], x[1], 1, 1],
    params: noParams,
    // torchstat's adaptive-pool rule sums (y_end − y_start + 1)·(x_end − x_start + 1) per output
    // cell: one extra row and column, so C·(H+1)·(W+1) for a pool to 1x1. mmcv: input numel.
    // fvcore: aten::adaptive_avg_pool2d, input numel. ptflops: the module hook (input numel) and
    // the patched F.adaptive_avg_pool2d its forward calls (input numel again). thop: see above.
    cost: {
      paper: (op) => {
        const [n, c, h, w] = op.inShapes[0];
        return n * c * (h + 1) * (w + 1);
      },
      mmcv: inElems,
      conv: zero,
      full: inElems,
      fvcore: inElems,
      ptflops: twice(inElems),
      'ptflops-aten': zero,
      thop: thopAdaptivePool
    }
  },
  upsample_nearest: {
    outShape: (a, [x]) => [x[0], x[1], x[2] * a.scale, x[3] * a.scale],
    params: noParams,
    // torchstat multiplies the batch by out[0].shape[1:]: out[0] is the first sample (C, H, W),
    // so [1:] is (H, W) and the channels are lost. mmcv multiplies by all of (C, H, W).
    // fvcore: aten::upsample_nearest2d, output numel. thop `count_upsample`, nearest: output
    // numel. ptflops: the module hook (output numel) and the patched F.interpolate that
    // nn.Upsample.forward calls (input numel · scale², the output numel again).
    cost: {
      paper: (op) => op.outShape[0] * op.outShape[2] * op.outShape[3],
      mmcv: outElems,
      conv: zero,
      full: outElems,
      fvcore: outElems,
      ptflops: twice(outElems),
      'ptflops-aten': zero,
      thop: outElems
    }
  },
  adaptive_avgpool: {
    outShape: (a, [x]) => [x[0], x[1], a.outH, a.outW],
    params: noParams,
    // Functional F.adaptive_avg_pool2d: traced by fvcore (input numel), patched by ptflops
    // (input numel), invisible to module hooks.
    cost: {
      paper: zero,
      mmcv: zero,
      conv: zero,
      full: inElems,
      fvcore: inElems,
      ptflops: inElems,
      'ptflops-aten': zero,
      thop: zero
    }
  },
  resize_nearest: {
    outShape: (a, [x]) => [x[0], x[1], a.outH, a.outW],
    params: noParams,
    // F.interpolate(size=…, mode='nearest'), even to the size it already has (the smallest
    // branch): fvcore's aten::upsample_nearest2d and ptflops' patched F.interpolate (N·C·prod(size))
    // both count the output numel.
    cost: {
      paper: zero,
      mmcv: zero,
      conv: zero,
      full: outElems,
      fvcore: outElems,
      ptflops: outElems,
      'ptflops-aten': zero,
      thop: zero
    }
  },
  resize_bilinear: {
    outShape: (a, [x]) => [x[0], x[1], a.outH, a.outW],
    params: noParams,
    // Each output element is a weighted sum of its 4 neighbours: 4 multiply-adds (ours, and
    // fvcore's aten::upsample_bilinear2d handle). ptflops' F.interpolate wrapper ignores the
    // mode: output numel.
    cost: {
      paper: zero,
      mmcv: zero,
      conv: zero,
      full: (op) => 4 * outElems(op),
      fvcore: (op) => 4 * outElems(op),
      ptflops: outElems,
      'ptflops-aten': zero,
      thop: zero
    }
  },
  slice: {
    outShape: (a, [x]) => [x[0], a.end - a.start, x[2], x[3]],
    params: noParams,
    // chunk and split return views in PyTorch: nothing is computed or copied.
    ...uncountedCost<'slice'>(zero)
  },
  concat: {
    outShape: (_, xs) => [xs[0][0], xs.reduce((c, x) => c + x[1], 0), xs[0][2], xs[0][3]],
    params: noParams,
    ...uncountedCost<'concat'>(outElems)
  },
  channel_shuffle: {
    outShape: sameShape,
    params: noParams,
    // view → transpose → contiguous(): one copy of every element.
    ...uncountedCost<'channel_shuffle'>(outElems)
  },
  mul: {
    outShape: sameShape,
    params: noParams,
    // The official code multiplies with the `*` operator: ptflops patches torch.mul and
    // Tensor.mul, not Tensor.__mul__.
    ...uncountedCost<'mul'>(outElems)
  },
  add: {
    outShape: sameShape,
    params: noParams,
    // `+` and the fusion's in-place `+=`: ptflops patches torch.add and Tensor.add only.
    ...uncountedCost<'add'>(outElems)
  }
};

/**
 * get_model_summary's rule: `conv`'s (weight numel · output H·W, no bias) for convolutions, and
 * 0 for every other kind, since only modules named "Conv…" or nn.Linear get a count.
 */
const RULES = Object.fromEntries(
  (Object.keys(KIND_RULES) as OpKind[]).map((kind) => {
    const rule = KIND_RULES[kind] as KindRule<OpKind>;
    const hrnet = kind === 'conv2d' ? rule.cost.conv : zero;
    return [kind, { ...rule, cost: { ...rule.cost, hrnet } }];
  })
) as { [K in OpKind]: OpRule<K> };

/**
 * fvcore's `by_operator()` key for the kinds it counts: the aten op its trace holds, namespace
 * dropped (`_simplify_op_name`), except convolutions, which its conv handle names "conv". Kinds
 * it skips have none. nn.AdaptiveAvgPool2d and F.adaptive_avg_pool2d trace to the same aten op,
 * as do nn.Upsample and F.interpolate(mode='nearest').
 */
export const FVCORE_OPERATORS: Record<OpKind, string | null> = {
  conv2d: 'conv',
  batchnorm: 'batch_norm',
  relu: null,
  sigmoid: null,
  global_avgpool: 'adaptive_avg_pool2d',
  upsample_nearest: 'upsample_nearest2d',
  adaptive_avgpool: 'adaptive_avg_pool2d',
  resize_nearest: 'upsample_nearest2d',
  resize_bilinear: 'upsample_bilinear2d',
  slice: null,
  concat: null,
  channel_shuffle: null,
  mul: null,
  add: null
};

/** Modules are what torchstat and mmcv hook; functional ops are invisible to both. */
export const MODULE_KINDS: ReadonlySet<OpKind> = new Set<OpKind>([
  'conv2d',
  'batchnorm',
  'relu',
  'sigmoid',
  'global_avgpool',
  'upsample_nearest'
]);

export function opRule<K extends OpKind>(kind: K): OpRule<K> {
  return RULES[kind] as OpRule<K>;
}

export function inferShape<K extends OpKind>(
  kind: K,
  attrs: OpOf<K>['attrs'],
  inShapes: Shape[]
): Shape {
  return opRule(kind).outShape(attrs, inShapes);
}

export function opParams<K extends OpKind>(kind: K, attrs: OpOf<K>['attrs']): number {
  return opRule(kind).params(attrs);
}

/** One call's cost under a convention, before the paper convention's last-call rule. */
export function opCallCost(op: OpOf<OpKind>, convention: Convention): number {
  return (RULES[op.kind].cost[convention] as CostFn<OpKind>)(op);
}

/** Every convention's cost function for an op's kind, for loops that cost many ops at once. */
export function costRules(kind: OpKind): Record<Convention, (op: OpOf<OpKind>) => number> {
  return RULES[kind].cost as Record<Convention, CostFn<OpKind>>;
}
