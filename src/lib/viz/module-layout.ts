/**
 * Inside a module: the ops of one view (a block, the fusion layer, or the stem) as a top-to-bottom
 * flow with one lane per resolution branch. Each op sits one row below the lowest of its inputs
 * and below whatever already occupies its lane, so edges always point down and nodes never
 * overlap. Ops shared by all branches (the cross-resolution weighting's convs) span every lane.
 */
import type { Graph, LiteHRNetConfig, Op } from '$lib/model';
import type { Focus } from './focus';

export type Part = 'block' | 'fusion' | 'stem';

export interface OpNode {
  id: number;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Narrow nodes (fusion sub-lanes) show a tiny label only. */
  narrow: boolean;
  row: number;
}

export interface OpEdge {
  key: string;
  from: number;
  to: number;
  d: string;
}

export interface ModuleLayout {
  part: Part;
  width: number;
  height: number;
  nodes: OpNode[];
  edges: OpEdge[];
  lanes: { label: string; x: number; w: number }[];
}

/** Where a node goes across: lane range [first, last] and, inside a lane, sub-lane k of n. */
interface Slot {
  first: number;
  last: number;
  sub: number;
  subs: number;
}

export const MOD = { width: 880, rowH: 46, narrowRowH: 30, gap: 8, top: 28, left: 4 } as const;

/** The ops a part of the focused module (or the stem) is made of, in execution order. */
export function opsOfPart(graph: Graph, focus: Focus, part: Part): Op[] {
  if (focus.level === 'stem' || part === 'stem')
    return graph.ops.filter((op) => op.scope.section === 'stem');
  if (focus.level !== 'module') return [];
  return graph.ops.filter((op) => {
    const s = op.scope;
    if (s.section !== 'stage' || s.stage !== focus.stage || s.module !== focus.module) return false;
    return part === 'fusion' ? s.role === 'fusion' : s.role !== 'fusion' && s.block === focus.block;
  });
}

function slotOf(op: Op, part: Part, lanes: number): Slot {
  const all = { first: 0, last: lanes - 1, sub: 0, subs: 1 };
  const b = op.scope.branch ?? 0;
  if (part === 'stem') {
    if (/\.branch1\./.test(op.name) || op.name.endsWith('#chunk.x1'))
      return { ...all, first: 0, last: 0 };
    if (
      /\.(expand_conv|depthwise_conv|linear_conv)\./.test(op.name) ||
      op.name.endsWith('#chunk.x2')
    )
      return { ...all, first: 1, last: 1 };
    return all;
  }
  if (part === 'fusion') {
    if (op.scope.from === undefined) return { first: b, last: b, sub: 0, subs: 1 };
    return { first: b, last: b, sub: op.scope.from, subs: lanes };
  }
  const shared = op.scope.role === 'ccw_h' && (op.isModule || op.kind === 'concat');
  return shared ? all : { first: b, last: b, sub: 0, subs: 1 };
}

function lanesOf(part: Part, config: LiteHRNetConfig, focus: Focus): { label: string }[] {
  if (part === 'stem') return [{ label: 'First half (branch1)' }, { label: 'Second half' }];
  const widths = focus.level === 'module' ? config.stages[focus.stage].widths : [];
  return widths.map((w, b) => ({
    label:
      part === 'fusion'
        ? `Into branch ${b + 1} (1/${4 * 2 ** b}, ${w} ch)`
        : `Branch ${b + 1}: 1/${4 * 2 ** b}, ${w} ch`
  }));
}

export function layoutModule(
  graph: Graph,
  config: LiteHRNetConfig,
  focus: Focus,
  part: Part
): ModuleLayout {
  const ops = opsOfPart(graph, focus, part);
  const laneDefs = lanesOf(part, config, focus);
  const n = Math.max(1, laneDefs.length);
  const laneW = (MOD.width - MOD.left) / n;
  const rowH = part === 'fusion' ? MOD.narrowRowH : MOD.rowH;
  const rowOf = new Map<number, number>();
  /** Last occupied row per lane and sub-lane ("lane:sub") and per whole lane ("lane:*"). */
  const lastRow = new Map<string, number>();
  const nodes: OpNode[] = [];
  for (const op of ops) {
    const slot = slotOf(op, part, n);
    const keys: string[] = [];
    for (let l = slot.first; l <= slot.last; l++) {
      if (slot.subs === 1) {
        keys.push(`${l}:*`);
        for (let k = 0; k < n; k++) keys.push(`${l}:${k}`);
      } else keys.push(`${l}:${slot.sub}`, `${l}:*`);
    }
    let row = 0;
    for (const i of op.inputs) if (rowOf.has(i)) row = Math.max(row, rowOf.get(i)! + 1);
    for (const k of keys) if (lastRow.has(k)) row = Math.max(row, lastRow.get(k)! + 1);
    // A sub-lane node blocks only its own sub-lane; a whole-lane node waits for, and blocks, all.
    for (const k of slot.subs === 1 ? keys : [`${slot.first}:${slot.sub}`]) lastRow.set(k, row);
    rowOf.set(op.id, row);
    const x0 = MOD.left + slot.first * laneW + (slot.sub * laneW) / slot.subs;
    const w = ((slot.last - slot.first + 1) * laneW) / slot.subs;
    nodes.push({
      id: op.id,
      x: x0 + 2,
      y: MOD.top + row * rowH,
      w: w - 4,
      h: rowH - MOD.gap,
      narrow: slot.subs > 1,
      row
    });
  }
  return {
    part,
    width: MOD.width,
    height: MOD.top + (Math.max(-1, ...nodes.map((d) => d.row)) + 1) * rowH + 4,
    nodes,
    edges: edgesOf(ops, nodes),
    lanes: laneDefs.map((l, i) => ({ label: l.label, x: MOD.left + i * laneW, w: laneW }))
  };
}

function edgesOf(ops: Op[], nodes: OpNode[]): OpEdge[] {
  const at = new Map(nodes.map((d) => [d.id, d]));
  const edges: OpEdge[] = [];
  for (const op of ops) {
    const to = at.get(op.id)!;
    op.inputs.forEach((i, k) => {
      const from = at.get(i);
      if (!from) return;
      const x1 = from.x + from.w / 2;
      const y1 = from.y + from.h;
      const x2 = to.x + to.w / 2;
      const y2 = to.y;
      const my = (y1 + y2) / 2;
      edges.push({
        key: `${i}>${op.id}.${k}`,
        from: i,
        to: op.id,
        d: `M${x1},${y1}C${x1},${my} ${x2},${my} ${x2},${y2}`
      });
    });
  }
  return edges;
}
