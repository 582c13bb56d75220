/**
 * An op's cost formula (op-words.ts `opFormula`) with the op's own numbers filled in, so a person can
 * check every figure by hand: "k·k·(C_in/groups)·C_out·H_out·W_out = 3·3·1·40·32·24 = 276,480".
 */
import type { Op, OpOf } from './graph';
import type { Convention } from './ops';
import { opFormula } from './op-words';
import { opCallCost } from './ops';
import { formatInt } from './format';

export interface FilledFormula {
  /** The rule in symbols, as ops.ts states it. */
  rule: string;
  /** The same rule with this op's numbers, or a reason it counts 0. */
  numbers: string;
  /** The result: equals the op's cost under the convention (before the last-call rule). */
  value: number;
}

const dot = (xs: number[]) => xs.join('·');

/** Conventions whose conv rule adds the bias, and order channels as C_in·(C_out/groups). */
const BIAS_ADDED: ReadonlySet<Convention> = new Set<Convention>([
  'paper',
  'mmcv',
  'full',
  'ptflops',
  'ptflops-aten'
]);
const CIN_FIRST: ReadonlySet<Convention> = new Set<Convention>(['paper', 'mmcv', 'ptflops']);

function convFactors(op: OpOf<'conv2d'>, convention: Convention): string {
  const a = op.attrs;
  const [, , h, w] = op.outShape;
  // In the order each convention's rule states it (torchstat, mmcv, ptflops: C_in·(C_out/groups)).
  const channels = CIN_FIRST.has(convention)
    ? [a.inChannels, a.outChannels / a.groups]
    : [a.inChannels / a.groups, a.outChannels];
  const core = dot([a.kernel, a.kernel, ...channels, h, w]);
  return a.bias && BIAS_ADDED.has(convention) ? `${core} + ${dot([a.outChannels, h, w])}` : core;
}

/** ptflops counts ReLU, nn.Upsample and the global pool twice (module hook + patched F.*). */
const doubledBy = (convention: Convention) => (convention === 'ptflops' ? [2] : []);

/** The factors of one call's cost, or null when the convention does not count this kind. */
function factors(op: Op, convention: Convention): string | null {
  if (op.kind === 'conv2d') return convFactors(op, convention);
  if (opCallCost(op, convention) === 0) return null;
  const [n, c, h, w] = op.outShape;
  const [, ci, hi, wi] = op.inShapes[0];
  switch (op.kind) {
    case 'batchnorm':
      return dot([convention === 'thop' ? 4 : 2, n, ci, hi, wi]);
    case 'global_avgpool':
      if (convention === 'paper') return dot([n, ci, hi + 1, wi + 1]);
      if (convention === 'thop') return `${dot([n, ci])}·(${dot([hi, wi])} + 1)`;
      return dot([...doubledBy(convention), n, ci, hi, wi]);
    case 'adaptive_avgpool':
      return dot([n, ci, hi, wi]);
    case 'upsample_nearest':
      return convention === 'paper' ? dot([n, h, w]) : dot([...doubledBy(convention), n, c, h, w]);
    case 'resize_bilinear':
      return convention === 'ptflops' ? dot([n, c, h, w]) : dot([4, n, c, h, w]);
    case 'relu':
      return convention === 'paper'
        ? dot([n, ci, hi, wi])
        : dot([...doubledBy(convention), n, c, h, w]);
    default:
      return dot([n, c, h, w]);
  }
}

export function filledFormula(op: Op, convention: Convention): FilledFormula {
  const value = opCallCost(op, convention);
  const f = factors(op, convention);
  return {
    rule: opFormula(op.kind, convention),
    numbers: f === null ? '0' : `${f} = ${formatInt(value)}`,
    value
  };
}
