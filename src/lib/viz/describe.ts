/**
 * The words and numbers the diagrams show for a column, a cell, an op — every figure with its
 * unit, formatted by the model's format.ts only.
 */
import type { Convention, CostUnit, Graph, GraphCosts } from '$lib/model';
import { INPUT_ID, formatCost, formatInt, formatPercent, formatShape } from '$lib/model';
import type { NetCell, NetColumn } from './network-layout';
import type { NodeText } from './draw-module';
import type { PortNode } from './module-layout';
import { opShortLabel } from './op-label';

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

/**
 * An op's cost for its node: in M with two decimals, or as a whole number when that would
 * round to 0.00 M (a 1x1 conv on a 1x1 map costs a few hundred MACs).
 */
export function nodeCost(macs: number, u: Units): string {
  const value = u.unit === 'FLOPs' ? 2 * macs : macs;
  if (value > 0 && formatCost(macs, u.convention, u.unit, 2) === `0.00 M ${u.unit}`)
    return `${formatInt(value)} ${u.unit}`;
  return formatCost(macs, u.convention, u.unit, 2);
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
  const cost = nodeCost(macs, u);
  return {
    label: opShortLabel(op),
    sub: macs === 0 ? 'not counted' : cost,
    title: `${op.name} (${opShortLabel(op)}): out ${formatShape(op.outShape)}, ${formatInt(op.params)} params, ${cost}`,
    share: viewMax > 0 ? macs / viewMax : 0
  };
}

/** Where a port's tensor comes from, in words, with its shape. */
export function portTitle(graph: Graph, p: PortNode): string {
  if (p.producer === INPUT_ID) return `The input image, ${formatShape(graph.input)}`;
  const op = graph.ops[p.producer];
  return `From ${p.key} (${opShortLabel(op)}), ${formatShape(op.outShape)}`;
}
