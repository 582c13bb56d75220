/**
 * The words and numbers the diagrams show for a column, a cell, an op — every figure with its
 * unit, formatted by the model's format.ts only.
 */
import type { Convention, CostUnit, Graph, GraphCosts } from '$lib/model';
import {
  INPUT_ID,
  formatCost,
  formatCostDelta,
  formatInt,
  formatPercent,
  formatShape
} from '$lib/model';
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

/**
 * A column: its name (or, for the stem, transitions and heads, what it does in words), its cost
 * with its share of the total, its params.
 */
export function describeColumn(c: NetColumn, total: number, u: Units): string {
  const drill = c.focus ? '; press Enter to open' : '';
  const numbers = `${costWithShare(c.macs, total, u)}, ${formatInt(c.params)} params${drill}`;
  return c.detail ? `${c.detail}. ${numbers}` : `${c.title}: ${numbers}`;
}

/** "Transition into Stage 3: makes branch 3 …" → "Makes branch 3 …" (the name is said already). */
function whatItDoes(title: string, detail: string): string {
  const words = detail.startsWith(`${title}: `) ? detail.slice(title.length + 2) : detail;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A cell: where it is (column, branch, resolution, width), its numbers; in a transition or the
 * heads, also what that column does.
 */
export function describeCell(
  c: NetCell,
  col: NetColumn | undefined,
  total: number,
  u: Units
): string {
  const where = col ? col.title : c.column;
  const width = c.channels === null ? '' : `, ${c.channels} ch`;
  const numbers = `${costWithShare(c.macs, total, u)}, ${formatInt(c.params)} params, ${c.ops} op calls`;
  const words = col?.detail && col.kind !== 'stem' ? `. ${whatItDoes(col.title, col.detail)}` : '';
  return `${where}, branch ${c.branch + 1} (1/${4 * 2 ** c.branch}${width}): ${numbers}${words}`;
}

/**
 * How a compared cell differs from the same cell of the other side (`other` null: it has none):
 * "differs from B: +1.2 M MACs (+4.0%)", "only in B: A has no such cell".
 */
export function describeCellDiff(
  d: { macs: number; other: number | null },
  side: string,
  otherSide: string,
  u: Units
): string {
  if (d.other === null) return `only in ${side}: ${otherSide} has no such cell`;
  return `differs from ${otherSide}: ${formatCostDelta(d.macs, d.other, u.convention, u.unit)}`;
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
