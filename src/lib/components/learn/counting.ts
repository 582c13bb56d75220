/**
 * "How FLOPs are counted": every convention's total for one model, and concrete ops of that
 * model where they disagree, each with the rule that makes them differ. Every number is read from
 * the graph and its costs (src/lib/model/ops.ts holds the rules); this file only picks the ops.
 */
import type { Analysis, ConventionCosts, Op } from '$lib/model';
import { opCosts } from '$lib/model';

export interface Disagreement {
  key: string;
  /** What the op is, in words. */
  what: string;
  /** Why the conventions differ on it. */
  why: string;
  op: Op;
  macs: ConventionCosts;
}

interface Pick {
  key: string;
  what: string;
  why: string;
  find: (op: Op) => boolean;
}

const PICKS: Pick[] = [
  {
    key: 'upsample',
    what: 'Fusion upsampling (nn.Upsample, nearest)',
    why: 'torchstat multiplies by the output’s H·W only (it drops the channels); mmcv, fvcore, thop and the full count use C·H·W; ptflops counts it twice (its hook and the F.interpolate inside); conv-only and ptflops’ aten backend ignore it.',
    find: (op) => op.kind === 'upsample_nearest'
  },
  {
    key: 'global_pool',
    what: 'Spatial weighting F’s global pool (nn.AdaptiveAvgPool2d)',
    why: 'torchstat counts C·(H+1)·(W+1) (an extra row and column), thop C·(H·W+1); mmcv, fvcore and the full count use the input’s C·H·W, ptflops twice that (its hook and the F.adaptive_avg_pool2d inside).',
    find: (op) => op.kind === 'global_avgpool'
  },
  {
    key: 'fuse_duplicate',
    what: 'A fusion chain the official code runs twice (its first call)',
    why: 'torchstat keeps each module’s last call only, so this first call costs 0 there; every other tool counts every call.',
    find: (op) => op.kind === 'conv2d' && op.scope.role === 'fusion' && !op.lastCall
  },
  {
    key: 'shared_relu',
    what: 'The fusion’s shared ReLU, on an early call',
    why: 'One nn.ReLU serves every fusion output; torchstat keeps only its last (smallest) call, mmcv counts each, ptflops each twice (its hook and F.relu); fvcore and thop count ReLU as 0.',
    find: (op) => op.kind === 'relu' && op.scope.role === 'fusion' && !op.lastCall
  },
  {
    key: 'batchnorm',
    what: 'A BatchNorm (nn.BatchNorm2d, eval mode)',
    why: 'Most tools count 2 per element (scale and shift); thop 0.1.1 doubles its 2·numel again for the affine parameters (4); ptflops’ aten backend counts only convolutions (0).',
    find: (op) => op.kind === 'batchnorm'
  },
  {
    key: 'bilinear',
    what: 'The IterativeHead’s bilinear resize (F.interpolate)',
    why: 'Functional: free for the module-hook tools; fvcore charges 4 per output element (aten::upsample_bilinear2d), ptflops 1 (its F.interpolate wrapper ignores the mode).',
    find: (op) => op.kind === 'resize_bilinear'
  },
  {
    key: 'weighting_mul',
    what: 'Multiplying the weights in (functional `*`)',
    why: 'The `*` operator is invisible to module hooks and to ptflops’ patches, and fvcore skips aten::mul as unsupported: free everywhere but the full count, which charges one op per element.',
    find: (op) => op.kind === 'mul'
  },
  {
    key: 'bias_conv',
    what: 'Spatial weighting F’s 1x1 conv with bias',
    why: 'torchstat, mmcv, both ptflops backends and the full count add C_out·H·W for the bias; conv-only, fvcore and thop count the multiply-adds alone.',
    find: (op) => op.kind === 'conv2d' && op.attrs.bias && op.scope.role === 'ccw_f'
  }
];

/** The first op of each kind of disagreement that the model has (a naive model has no F, …). */
export function disagreements(a: Analysis): Disagreement[] {
  return PICKS.flatMap((p) => {
    const op = a.graph.ops.find(p.find);
    return op ? [{ key: p.key, what: p.what, why: p.why, op, macs: opCosts(a.costs, op.id) }] : [];
  });
}
