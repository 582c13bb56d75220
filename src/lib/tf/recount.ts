/**
 * MACs recounted from a traced pass, with a rule set of its own: written from what each tool
 * does, not from src/lib/model/ops.ts, so the live check does not grade the model's formulas
 * with those same formulas. It reads only what ran: the traced tensors' shapes, the real
 * filter's kernel size, whether the conv ran depthwise and with a bias, and the order in which
 * module names ran (for torchstat's last-call rule).
 *
 * The rules (one MAC per multiply-add, one operation per element otherwise):
 * - conv: (weight elements = k·k·(C_in, or 1 when depthwise)·C_out) x H_out x W_out; torchstat,
 *   mmcv and the full count add C_out·H_out·W_out for a bias; conv-only leaves it out.
 * - BatchNorm: 2 per input element (scale and shift); ReLU: 1 per element.
 * - nn.AdaptiveAvgPool2d: torchstat sums (rows + 1)·(cols + 1) of every output cell's window;
 *   mmcv and the full count take the input's elements.
 * - nn.Upsample: torchstat N·H_out·W_out (it drops the channels); mmcv and full: output elements.
 * - Sigmoid and functional ops: nothing for torchstat and mmcv (no hook sees them).
 * - full only: pooling reads each input element; nearest resize, concat, shuffle copy each output
 *   element; bilinear resize blends 4 neighbours per output element; mul and add 1 per output
 *   element; a channel slice is a view (0).
 * The conventions the oracle fixtures check and this live check does not cover (the counters
 * fvcore, ptflops, thop) are left out: `LIVE_CONVENTIONS` names the ones recounted here.
 */
import type { OpKind, Shape } from '$lib/model';
import type { OpTrace } from './executor';

export const LIVE_CONVENTIONS = ['paper', 'mmcv', 'conv', 'full'] as const;
export type LiveConvention = (typeof LIVE_CONVENTIONS)[number];

export type Recount = Record<LiveConvention, number>;

/** What the recount needs to know about an op besides its trace. */
export interface RecountOp {
  kind: OpKind;
  name: string;
}

/**
 * The kinds that are nn.Module leaves in the official code (torchstat and mmcv hook those).
 * Restated on purpose, as everything here: this file shares nothing with model/ops.ts, so a
 * mistake there cannot hide in the check.
 */
const MODULE_KINDS: ReadonlySet<OpKind> = new Set<OpKind>([
  'conv2d',
  'batchnorm',
  'relu',
  'sigmoid',
  'global_avgpool',
  'upsample_nearest'
]);

const elements = (s: Shape) => s[0] * s[1] * s[2] * s[3];

const none = (): Recount => ({ paper: 0, mmcv: 0, conv: 0, full: 0 });

/** torchstat's adaptive-pool rule, cell by cell: window rows + 1 times window cols + 1. */
function torchstatAdaptivePool(input: Shape, output: Shape): number {
  const [n, c, h, w] = input;
  const [, , oh, ow] = output;
  let sum = 0;
  for (let i = 0; i < oh; i++) {
    const rows = Math.ceil(((i + 1) * h) / oh) - Math.floor((i * h) / oh) + 1;
    for (let j = 0; j < ow; j++) {
      const cols = Math.ceil(((j + 1) * w) / ow) - Math.floor((j * w) / ow) + 1;
      sum += n * c * rows * cols;
    }
  }
  return sum;
}

/** One traced call's MACs under each live convention, before torchstat's last-call rule. */
export function recountCall(op: RecountOp, t: OpTrace): Recount {
  const input = t.inShapes[0];
  const output = t.outShape;
  const out = elements(output);
  const r = none();
  switch (op.kind) {
    case 'conv2d': {
      const kernel = t.conv?.kernel ?? 0;
      const inPerFilter = t.conv?.depthwise ? 1 : input[1];
      const weights = kernel * kernel * inPerFilter * output[1];
      const core = weights * output[0] * output[2] * output[3];
      const bias = t.conv?.bias ? out : 0;
      return { paper: core + bias, mmcv: core + bias, conv: core, full: core + bias };
    }
    case 'batchnorm':
      return { paper: 2 * elements(input), mmcv: 2 * elements(input), conv: 0, full: 2 * out };
    case 'relu':
      return { paper: elements(input), mmcv: out, conv: 0, full: out };
    case 'sigmoid':
      r.full = out;
      return r;
    case 'global_avgpool':
      return {
        paper: torchstatAdaptivePool(input, output),
        mmcv: elements(input),
        conv: 0,
        full: elements(input)
      };
    case 'upsample_nearest':
      return { paper: output[0] * output[2] * output[3], mmcv: out, conv: 0, full: out };
    case 'adaptive_avgpool':
      r.full = elements(input);
      return r;
    case 'resize_bilinear':
      r.full = 4 * out;
      return r;
    case 'resize_nearest':
    case 'concat':
    case 'channel_shuffle':
    case 'mul':
    case 'add':
      r.full = out;
      return r;
    case 'slice':
      return r;
  }
}

/**
 * For each traced call, whether torchstat keeps it: module calls only, and of a name that ran
 * several times only the last (its hook overwrites one record per name). Read from the order
 * the names ran in, not from the graph's flags.
 */
export function torchstatKeeps(ops: readonly RecountOp[]): boolean[] {
  const last = new Map<string, number>();
  ops.forEach((op, i) => last.set(op.name, i));
  return ops.map((op, i) => MODULE_KINDS.has(op.kind) && last.get(op.name) === i);
}
