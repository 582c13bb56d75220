/**
 * One part of the network op by op, as a true data-flow graph: the stem, a transition, one
 * block of a module, a module's fusion layer, or the heads. Nodes are op calls; edges are the
 * graph's own `inputs`, nothing else; inputs made outside the part come in through labelled
 * ports at the top. Lanes are resolution branches (plus, in a CCW block, one lane for the
 * cross-resolution weighting that every branch feeds); inside a lane, a chain runs straight down
 * and a bypass (the shuffle block's untouched half) runs beside it.
 */
import type { Graph, LiteHRNetConfig, Op } from '$lib/model';
import { INPUT_ID, formatShape } from '$lib/model';
import type { DagEdge, DagNodeIn } from './dag-layout';
import { layoutDag } from './dag-layout';
import type { Focus } from './focus';
import { callKey } from './focus';

export type Part = 'block' | 'fusion' | 'stem' | 'transition' | 'head';

export interface OpNode {
  id: number;
  /** `name@call`, the CLI's and the link's way of naming an op call. */
  key: string;
  x: number;
  y: number;
  w: number;
  h: number;
  row: number;
  lane: number;
}

/** Where a tensor made outside this part comes in. */
export interface PortNode {
  /** The producer's `name@call`, or `input` for the image. */
  key: string;
  producer: number;
  label: string;
  x: number;
  y: number;
  w: number;
  h: number;
  lane: number;
}

export interface OpEdge {
  key: string;
  /** Producer op id (INPUT_ID for the image) and consumer op id. */
  from: number;
  to: number;
  fromKey: string;
  toKey: string;
  d: string;
  /** The tensor it carries, C×H×W. */
  shape: string;
  /** Where its shape is written: on the first edge out of each producer only. */
  label: { x: number; y: number } | null;
}

export interface ModuleLayout {
  part: Part;
  width: number;
  height: number;
  nodes: OpNode[];
  ports: PortNode[];
  edges: OpEdge[];
  lanes: { label: string; x: number; w: number }[];
}

export const MOD = {
  nodeW: 124,
  nodeH: 38,
  rowH: 68,
  passW: 14,
  trackGap: 8,
  laneGap: 10,
  top: 30,
  left: 4,
  /** A lane label's width per character (13 px semibold), to keep labels inside their lane. */
  laneCharW: 7.6,
  /** The smallest font the drawing uses (edge labels), in diagram units. */
  minFont: 12
} as const;

/** The ops a part of the focused module (or the stem, a transition, the heads), in order. */
export function opsOfPart(graph: Graph, focus: Focus, part: Part): Op[] {
  return graph.ops.filter((op) => inPart(op, focus, part));
}

function inPart(op: Op, focus: Focus, part: Part): boolean {
  const s = op.scope;
  switch (part) {
    case 'stem':
      return s.section === 'stem';
    case 'transition':
      return focus.level === 'transition' && s.section === 'transition' && s.stage === focus.stage;
    case 'head':
      return s.section === 'head' || s.section === 'keypoint_head';
    case 'block':
    case 'fusion':
      if (focus.level !== 'module') return false;
      if (s.section !== 'stage' || s.stage !== focus.stage || s.module !== focus.module)
        return false;
      return part === 'fusion'
        ? s.role === 'fusion'
        : s.role !== 'fusion' && s.block === focus.block;
  }
}

/** The part a focus shows first (a module's block; its fusion is a second diagram). */
export function mainPartOf(focus: Focus): Part | null {
  switch (focus.level) {
    case 'stem':
      return 'stem';
    case 'transition':
      return 'transition';
    case 'head':
      return 'head';
    case 'module':
      return 'block';
    default:
      return null;
  }
}

const branchName = (b: number, width: number) => `Branch ${b + 1}: 1/${4 * 2 ** b}, ${width} ch`;

function lanesOf(part: Part, config: LiteHRNetConfig, focus: Focus, graph: Graph): string[] {
  const stage = 'stage' in focus ? config.stages[focus.stage] : undefined;
  switch (part) {
    case 'stem':
      return ['Stem conv, first half (branch1)', 'Second half'];
    case 'block': {
      const lanes = stage!.widths.map((w, b) => branchName(b, w));
      if (stage!.block !== 'lite') return lanes;
      const mid = sharedLane(stage!.widths.length);
      return [...lanes.slice(0, mid), 'H: all branches', ...lanes.slice(mid)];
    }
    case 'fusion':
      return stage!.widths.map((w, b) => `Into branch ${b + 1} (1/${4 * 2 ** b}, ${w} ch)`);
    case 'transition':
      return stage!.widths.map((w, b) => {
        const runs = opsOfPart(graph, focus, part).some((op) => op.scope.branch === b);
        return runs ? branchName(b, w) : `Branch ${b + 1}: unchanged`;
      });
    case 'head': {
      const last = config.stages[config.stages.length - 1];
      return last.widths.map((w, b) => branchName(b, w));
    }
  }
}

/** A CCW block's cross-resolution weighting sits between its branches, as every branch feeds it. */
const sharedLane = (branches: number) => Math.ceil(branches / 2);

/** The lane of branch b: in a CCW block, branches from the middle on sit right of H. */
function branchLane(b: number, part: Part, config: LiteHRNetConfig, focus: Focus): number {
  if (part !== 'block' || focus.level !== 'module') return b;
  const stage = config.stages[focus.stage];
  return stage.block === 'lite' && b >= sharedLane(stage.widths.length) ? b + 1 : b;
}

function laneOf(op: Op, part: Part, config: LiteHRNetConfig, focus: Focus): number {
  if (part === 'stem')
    return /\.(expand_conv|depthwise_conv|linear_conv)\./.test(op.name) ||
      op.name.endsWith('#chunk.x2')
      ? 1
      : 0;
  if (part === 'block' && focus.level === 'module') {
    const shared = op.scope.role === 'ccw_h' && (op.isModule || op.kind === 'concat');
    if (shared) return sharedLane(config.stages[focus.stage].widths.length);
  }
  return branchLane(op.scope.branch ?? 0, part, config, focus);
}

/** A tensor from outside: the image, or the branch output of an earlier part. */
function portOf(
  graph: Graph,
  producer: number,
  lane: (branch: number) => number
): Omit<PortNode, 'x' | 'y' | 'w' | 'h'> {
  if (producer === INPUT_ID) return { key: 'input', producer, label: 'Input image', lane: 0 };
  const op = graph.ops[producer];
  const b = op.scope.branch ?? 0;
  return { key: callKey(op), producer, label: `Branch ${b + 1} in`, lane: lane(b) };
}

export function layoutModule(
  graph: Graph,
  config: LiteHRNetConfig,
  focus: Focus,
  part: Part
): ModuleLayout {
  const ops = opsOfPart(graph, focus, part);
  if (!ops.length) return { part, width: 0, height: 0, nodes: [], ports: [], edges: [], lanes: [] };
  const laneLabels = lanesOf(part, config, focus, graph);
  const inView = new Set(ops.map((op) => op.id));
  const laneOfBranch = (b: number) =>
    Math.min(branchLane(b, part, config, focus), laneLabels.length - 1);
  const ports = new Map<number, Omit<PortNode, 'x' | 'y' | 'w' | 'h'>>();
  for (const op of ops)
    for (const i of op.inputs)
      if (!inView.has(i) && !ports.has(i)) ports.set(i, portOf(graph, i, laneOfBranch));
  const keyOf = (id: number) => (inView.has(id) ? callKey(graph.ops[id]) : ports.get(id)!.key);
  const dagNodes: DagNodeIn[] = [
    ...[...ports.values()].map((p) => ({ key: p.key, lane: p.lane, width: MOD.nodeW })),
    ...ops.map((op) => ({
      key: callKey(op),
      lane: laneOf(op, part, config, focus),
      width: MOD.nodeW
    }))
  ];
  const dagEdges = ops.flatMap((op) => op.inputs.map((i) => ({ from: keyOf(i), to: callKey(op) })));
  const dag = layoutDag(dagNodes, dagEdges, {
    lanes: laneLabels.length,
    nodeHeight: MOD.nodeH,
    rowHeight: MOD.rowH,
    passWidth: MOD.passW,
    trackGap: MOD.trackGap,
    laneGap: MOD.laneGap,
    top: MOD.top,
    left: MOD.left,
    laneMinWidth: laneLabels.map((l) => l.length * MOD.laneCharW + 12)
  });
  const box = new Map(dag.nodes.map((n) => [n.key, n]));
  const idOf = new Map<string, number>([
    ...ops.map((op) => [callKey(op), op.id] as const),
    ...[...ports.values()].map((p) => [p.key, p.producer] as const)
  ]);
  const shapeOf = (id: number) =>
    formatShape((id === INPUT_ID ? graph.input : graph.ops[id].outShape).slice(1));
  const labelled = new Set<string>();
  return {
    part,
    width: dag.width,
    height: dag.height,
    nodes: ops.map((op) => {
      const n = box.get(callKey(op))!;
      return { id: op.id, key: n.key, x: n.x, y: n.y, w: n.w, h: n.h, row: n.row, lane: n.lane };
    }),
    ports: [...ports.values()].map((p) => {
      const n = box.get(p.key)!;
      return { ...p, x: n.x, y: n.y, w: n.w, h: n.h };
    }),
    edges: dag.edges.map((e) => {
      const first = !labelled.has(e.from);
      labelled.add(e.from);
      const [x0, y0] = e.points[0];
      return {
        key: `${e.from}>${e.to}.${e.index}`,
        from: idOf.get(e.from)!,
        to: idOf.get(e.to)!,
        fromKey: e.from,
        toKey: e.to,
        d: pathOf(e),
        shape: shapeOf(idOf.get(e.from)!),
        label: first ? { x: x0 + 5, y: y0 + 15 } : null
      };
    }),
    lanes: laneLabels.map((label, i) => ({ label, ...dag.lanes[i] }))
  };
}

/** Curves between rows, straight lines through the rows an edge passes. */
function pathOf(e: DagEdge): string {
  const p = e.points;
  let d = `M${p[0][0]},${p[0][1]}`;
  for (let k = 0; k + 1 < p.length; k++) {
    const [x1, y1] = p[k];
    const [x2, y2] = p[k + 1];
    if (k % 2 === 1) d += `L${x2},${y2}`;
    else {
      const my = (y1 + y2) / 2;
      d += `C${x1},${my} ${x2},${my} ${x2},${y2}`;
    }
  }
  return d;
}
