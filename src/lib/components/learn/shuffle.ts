/**
 * Step 2's numbers: one shuffle block of a naive model (Stage 2, module 1, block 1), split into
 * its 1x1 convolutions and its 3x3 depthwise one, in the paper's convention, from the graph.
 */
import type { Analysis } from '$lib/model';
import type { Focus } from '$lib/viz/focus';
import { opsOfPart } from '$lib/viz/module-layout';

export const FIRST_BLOCK: Focus = { level: 'module', stage: 0, module: 0, block: 0 };

export interface BlockSplit {
  total: number;
  pointwise: number;
  depthwise: number;
}

export function blockSplit(a: Analysis, focus: Focus = FIRST_BLOCK): BlockSplit {
  const perOp = a.costs.perOp.paper;
  const out = { total: 0, pointwise: 0, depthwise: 0 };
  for (const op of opsOfPart(a.graph, focus, 'block')) {
    out.total += perOp[op.id];
    if (op.kind !== 'conv2d') continue;
    if (op.attrs.kernel === 1) out.pointwise += perOp[op.id];
    else if (op.attrs.groups > 1) out.depthwise += perOp[op.id];
  }
  return out;
}
