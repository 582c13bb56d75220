/**
 * The words and numbers the diagrams show for a column, a cell, an op — every figure with its
 * unit, formatted by the model's format.ts only.
 */
import type { Convention, CostUnit, Graph, GraphCosts } from '$lib/model';
import { formatCost, formatInt, formatPercent, formatShape } from '$lib/model';
import type { NetCell, NetColumn } from './network-layout';
import type { NodeText } from './draw-module';
import { opShortLabel, opTinyLabel } from './op-label';

export interface Units {
  convention: Convention;
  unit: CostUnit;
}

export function costWithShare(macs: number, total: number, u: Units): string {
  return `${formatCost(macs, u.convention, u.unit)} (${formatPercent(macs, total)})`;
}

export function describeColumn(c: NetColumn, total: number, u: Units): string {
  const drill = c.focus ? '; press Enter to open' : '';
  return `${c.title}: ${costWithShare(c.macs, total, u)}, ${formatInt(c.params)} params${drill}`;
}

export function describeCell(
  c: NetCell,
  col: NetColumn | undefined,
  total: number,
  u: Units
): string {
  const where = col ? col.title : c.column;
  return `${where}, branch ${c.branch + 1} (1/${4 * 2 ** c.branch}): ${costWithShare(c.macs, total, u)}, ${formatInt(c.params)} params, ${c.ops} op calls`;
}

/** Node text for an op in the module view; `viewTotal` is the cost of everything in the view. */
export function opNodeText(
  graph: Graph,
  costs: GraphCosts,
  id: number,
  viewMax: number,
  u: Units
): NodeText {
  const op = graph.ops[id];
  const macs = costs.perOp[u.convention][id];
  const cost = formatCost(macs, u.convention, u.unit, macs > 0 && macs < 0.05 * 2 ** 20 ? 3 : 2);
  return {
    label: opShortLabel(op),
    tiny: opTinyLabel(op),
    sub: `${formatShape(op.outShape.slice(1))} · ${macs === 0 ? 'not counted' : cost}`,
    title: `${op.name} (${opShortLabel(op)}): out ${formatShape(op.outShape)}, ${formatInt(op.params)} params, ${cost}`,
    share: viewMax > 0 ? macs / viewMax : 0
  };
}
