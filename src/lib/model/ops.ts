/**
 * The op registry: for every op kind, its output shape, its parameters and its cost under each
 * counting convention, in one place. Costs are multiply-accumulates (MACs) for convolutions and
 * one operation per element for elementwise work, as every convention here does; FLOPs = 2 x MACs
 * is a display choice made elsewhere.
 *
 * Conventions (ADR in DESIGN.md §3):
 * - `paper`: the official repo's `tools/summary_network.py`, a bundled torchstat
 *   (`tools/torchstat/compute_flops.py`). Leaf modules only; the rule "each module counted once,
 *   on its last call" is a graph-level rule applied in cost.ts, not here.
 * - `mmcv`: mmcv 1.x `get_model_complexity_info` hooks (mmcv/cnn/utils/flops_counter.py):
 *   every call of every leaf module it knows.
 * - `conv`: convolution MACs only, bias excluded (the fvcore / "MACs of convs" habit).
 * - `full`: ours: every executed op, functional ones included, every call.
 */
import type { OpKind, OpOf, Shape } from './graph';
import { numel } from './graph';

export const CONVENTIONS = ['paper', 'mmcv', 'conv', 'full'] as const;
export type Convention = (typeof CONVENTIONS)[number];

export const CONVENTION_LABELS: Record<Convention, string> = {
  paper: 'Paper (official torchstat)',
  mmcv: 'mmcv get_model_complexity_info',
  conv: 'Convolutions only',
  full: 'Full count (every op)'
};

/** One line each: what the convention counts, for the places a person picks one. */
export const CONVENTION_EXPLANATIONS: Record<Convention, string> = {
  paper:
    "The official repo's torchstat: modules only, each counted once on its last call, upsampling without channels; M = 2^20.",
  mmcv: 'mmcv 1.x, as mmpose docs quote: every call of conv, BN, ReLU, pooling and upsample modules; functional ops free.',
  conv: 'Only the multiply-accumulates of convolutions, without bias: the bare arithmetic core.',
  full: 'Every op that runs, functional ones too (weighting multiplies, adds, resizes, concat and shuffle copies), every call.'
};

type CostFn<K extends OpKind> = (op: OpOf<K>) => number;

interface OpRule<K extends OpKind> {
  /** Output shape from attributes and input shapes (inputs already checked by the builder). */
  outShape: (attrs: OpOf<K>['attrs'], inShapes: Shape[]) => Shape;
  params: (attrs: OpOf<K>['attrs']) => number;
  /** Cost under each convention for one call; `paper` before the last-call rule. */
  cost: Record<Convention, CostFn<K>>;
  /** The formula in words, for the views and the docs. */
  formula: Record<Convention, string>;
}

const zero = () => 0;
const outElems = (op: { outShape: Shape }) => numel(op.outShape);
const inElems = (op: { inShapes: Shape[] }) => numel(op.inShapes[0]);
const sameShape = (_: unknown, inShapes: Shape[]): Shape => inShapes[0];
const noParams = () => 0;
const FREE = 'not counted';

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

/** torchstat and mmcv add one operation per output element for the bias. */
function convMacsWithBias(op: OpOf<'conv2d'>): number {
  return convMacs(op) + (op.attrs.bias ? outElems(op) : 0);
}

const RULES: { [K in OpKind]: OpRule<K> } = {
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
    cost: {
      paper: convMacsWithBias,
      mmcv: convMacsWithBias,
      conv: convMacs,
      full: convMacsWithBias
    },
    formula: {
      paper: 'k·k·C_in·(C_out/groups)·H_out·W_out (+ C_out·H_out·W_out with bias)',
      mmcv: 'k·k·C_in·(C_out/groups)·H_out·W_out (+ C_out·H_out·W_out with bias)',
      conv: 'k·k·(C_in/groups)·C_out·H_out·W_out',
      full: 'k·k·(C_in/groups)·C_out·H_out·W_out (+ C_out·H_out·W_out with bias)'
    }
  },
  batchnorm: {
    outShape: sameShape,
    params: (a) => 2 * a.channels,
    // torchstat and mmcv: numel, doubled for the affine scale and shift.
    cost: {
      paper: (op) => 2 * inElems(op),
      mmcv: (op) => 2 * inElems(op),
      conv: zero,
      full: (op) => 2 * inElems(op)
    },
    formula: {
      paper: '2·N·C·H·W',
      mmcv: '2·N·C·H·W',
      conv: FREE,
      full: '2·N·C·H·W (scale and shift)'
    }
  },
  relu: {
    outShape: sameShape,
    params: noParams,
    cost: { paper: inElems, mmcv: outElems, conv: zero, full: outElems },
    formula: { paper: 'N·C·H·W', mmcv: 'N·C·H·W', conv: FREE, full: 'N·C·H·W' }
  },
  sigmoid: {
    outShape: sameShape,
    params: noParams,
    // Neither torchstat nor mmcv 1.x has a sigmoid handler: both count it as 0.
    cost: { paper: zero, mmcv: zero, conv: zero, full: outElems },
    formula: {
      paper: 'not counted (no handler)',
      mmcv: 'not counted (no hook)',
      conv: FREE,
      full: 'N·C·H·W'
    }
  },
  global_avgpool: {
    outShape: (_, [x]) => [x[0], x[1], 1, 1],
    params: noParams,
    // torchstat's adaptive-pool rule sums (y_end − y_start + 1)·(x_end − x_start + 1) per output
    // cell: one extra row and column, so C·(H+1)·(W+1) for a pool to 1x1. mmcv: input numel.
    cost: {
      paper: (op) => {
        const [n, c, h, w] = op.inShapes[0];
        return n * c * (h + 1) * (w + 1);
      },
      mmcv: inElems,
      conv: zero,
      full: inElems
    },
    formula: {
      paper: 'N·C·(H+1)·(W+1)',
      mmcv: 'N·C·H·W (input)',
      conv: FREE,
      full: 'N·C·H·W (input)'
    }
  },
  upsample_nearest: {
    outShape: (a, [x]) => [x[0], x[1], x[2] * a.scale, x[3] * a.scale],
    params: noParams,
    // torchstat multiplies the batch by out[0].shape[1:]: out[0] is the first sample (C, H, W),
    // so [1:] is (H, W) and the channels are lost. mmcv multiplies by all of (C, H, W).
    cost: {
      paper: (op) => op.outShape[0] * op.outShape[2] * op.outShape[3],
      mmcv: outElems,
      conv: zero,
      full: outElems
    },
    formula: {
      paper: 'N·H_out·W_out (channels dropped by a torchstat bug)',
      mmcv: 'N·C·H_out·W_out',
      conv: FREE,
      full: 'N·C·H_out·W_out (copies)'
    }
  },
  adaptive_avgpool: {
    outShape: (a, [x]) => [x[0], x[1], a.outH, a.outW],
    params: noParams,
    cost: { paper: zero, mmcv: zero, conv: zero, full: inElems },
    formula: {
      paper: 'not counted (functional)',
      mmcv: 'not counted (functional)',
      conv: FREE,
      full: 'N·C·H·W (input)'
    }
  },
  resize_nearest: {
    outShape: (a, [x]) => [x[0], x[1], a.outH, a.outW],
    params: noParams,
    cost: { paper: zero, mmcv: zero, conv: zero, full: outElems },
    formula: {
      paper: 'not counted (functional)',
      mmcv: 'not counted (functional)',
      conv: FREE,
      full: 'N·C·H_out·W_out (copies)'
    }
  },
  resize_bilinear: {
    outShape: (a, [x]) => [x[0], x[1], a.outH, a.outW],
    params: noParams,
    // Each output element is a weighted sum of its 4 neighbours: 4 multiply-adds.
    cost: { paper: zero, mmcv: zero, conv: zero, full: (op) => 4 * outElems(op) },
    formula: {
      paper: 'not counted (functional)',
      mmcv: 'not counted (functional)',
      conv: FREE,
      full: '4·N·C·H_out·W_out'
    }
  },
  slice: {
    outShape: (a, [x]) => [x[0], a.end - a.start, x[2], x[3]],
    params: noParams,
    // chunk and split return views in PyTorch: nothing is computed or copied.
    cost: { paper: zero, mmcv: zero, conv: zero, full: zero },
    formula: {
      paper: 'not counted (functional)',
      mmcv: 'not counted (functional)',
      conv: FREE,
      full: '0 (a view)'
    }
  },
  concat: {
    outShape: (_, xs) => [xs[0][0], xs.reduce((c, x) => c + x[1], 0), xs[0][2], xs[0][3]],
    params: noParams,
    cost: { paper: zero, mmcv: zero, conv: zero, full: outElems },
    formula: {
      paper: 'not counted (functional)',
      mmcv: 'not counted (functional)',
      conv: FREE,
      full: 'N·C·H·W (copies)'
    }
  },
  channel_shuffle: {
    outShape: sameShape,
    params: noParams,
    // view → transpose → contiguous(): one copy of every element.
    cost: { paper: zero, mmcv: zero, conv: zero, full: outElems },
    formula: {
      paper: 'not counted (functional)',
      mmcv: 'not counted (functional)',
      conv: FREE,
      full: 'N·C·H·W (copies)'
    }
  },
  mul: {
    outShape: sameShape,
    params: noParams,
    cost: { paper: zero, mmcv: zero, conv: zero, full: outElems },
    formula: {
      paper: 'not counted (functional)',
      mmcv: 'not counted (functional)',
      conv: FREE,
      full: 'N·C·H·W'
    }
  },
  add: {
    outShape: sameShape,
    params: noParams,
    cost: { paper: zero, mmcv: zero, conv: zero, full: outElems },
    formula: {
      paper: 'not counted (functional)',
      mmcv: 'not counted (functional)',
      conv: FREE,
      full: 'N·C·H·W'
    }
  }
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

/** The four cost functions of an op's kind, for loops that cost many ops under every convention. */
export function costRules(kind: OpKind): Record<Convention, (op: OpOf<OpKind>) => number> {
  return RULES[kind].cost as Record<Convention, CostFn<OpKind>>;
}

export function opFormula(kind: OpKind, convention: Convention): string {
  return RULES[kind].formula[convention];
}
