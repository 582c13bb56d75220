/**
 * Per-op costs of a graph under every convention, their totals, and aggregations.
 * All counts are raw integers (MACs, see ops.ts); units are applied only by format.ts.
 */
import type { Graph, Op, OpKind, Role, Scope } from './graph';
import { liveOps } from './graph';
import type { Convention } from './ops';
import { CONVENTIONS, FVCORE_OPERATORS, costRules } from './ops';

export type ConventionCosts = Record<Convention, number>;

export interface GraphCosts {
  /** `perOp[convention][op.id]`: that call's cost under the convention. */
  perOp: Record<Convention, Float64Array>;
  totals: { params: number; macs: ConventionCosts };
}

/**
 * torchstat keeps one record per module name and its forward hook overwrites it on every call,
 * so only a module's last call is counted (the official summary_network.py's numbers depend on
 * this: the fusion layer's shared ReLU keeps its smallest call, the duplicated fuse chains count
 * once). Functional ops are never hooked, and cost 0 there anyway.
 */
export function countedByPaper(op: Op): boolean {
  return op.isModule && op.lastCall;
}

/**
 * fvcore counts the graph that `torch.jit` traces, and tracing drops dead code: an op whose
 * result never reaches the model's output is not in the trace, so fvcore never sees it (found
 * against the oracle fixtures: configs without the IterativeHead, whose lower branches end
 * nowhere, were over-counted by exactly those branches' ops). Every other tool counts what runs.
 */
export function countedByFvcore(live: Uint8Array, op: Op): boolean {
  return live[op.id] === 1;
}

export function costGraph(graph: Graph): GraphCosts {
  const n = graph.ops.length;
  const live = liveOps(graph);
  const perOp = Object.fromEntries(CONVENTIONS.map((c) => [c, new Float64Array(n)])) as Record<
    Convention,
    Float64Array
  >;
  const totals = { params: 0, macs: emptyCosts() };
  for (let i = 0; i < n; i++) {
    const op = graph.ops[i];
    const rules = costRules(op.kind);
    totals.params += op.params;
    for (const c of CONVENTIONS) {
      const skipped =
        (c === 'paper' && !countedByPaper(op)) || (c === 'fvcore' && !countedByFvcore(live, op));
      const v = skipped ? 0 : rules[c](op);
      perOp[c][i] = v;
      totals.macs[c] += v;
    }
  }
  return { perOp, totals };
}

export function opCosts(costs: GraphCosts, id: number): ConventionCosts {
  const out = emptyCosts();
  for (const c of CONVENTIONS) out[c] = costs.perOp[c][id];
  return out;
}

/**
 * What fvcore's `FlopCountAnalysis(...).by_operator()` prints: the fvcore total split by the aten
 * operator that was counted ("conv", "batch_norm", …), largest first. Skipped ops have no entry.
 */
export function fvcoreByOperator(graph: Graph, costs: GraphCosts): [string, number][] {
  const sums = new Map<string, number>();
  for (const op of graph.ops) {
    const name = FVCORE_OPERATORS[op.kind];
    if (name) sums.set(name, (sums.get(name) ?? 0) + costs.perOp.fvcore[op.id]);
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
}

/** A group of ops with their summed params and costs. */
export interface Aggregate {
  key: string;
  label: string;
  params: number;
  macs: ConventionCosts;
  ops: number;
}

/** Zero under every convention: the start of a sum. */
export function emptyCosts(): ConventionCosts {
  const out = {} as ConventionCosts;
  for (const c of CONVENTIONS) out[c] = 0;
  return out;
}

/** Sums params and costs over ops grouped by `keyOf`; groups keep first-seen order. */
export function aggregate(
  graph: Graph,
  costs: GraphCosts,
  keyOf: (op: Op) => { key: string; label: string } | null
): Aggregate[] {
  const groups = new Map<string, Aggregate>();
  for (const op of graph.ops) {
    const k = keyOf(op);
    if (!k) continue;
    let g = groups.get(k.key);
    if (!g) {
      g = { key: k.key, label: k.label, params: 0, macs: emptyCosts(), ops: 0 };
      groups.set(k.key, g);
    }
    g.params += op.params;
    g.ops += 1;
    for (const c of CONVENTIONS) g.macs[c] += costs.perOp[c][op.id];
  }
  return [...groups.values()];
}

/** The categories the "where the cost goes" view speaks of, in the paper's words. */
export type CostCategory =
  | 'conv1x1'
  | 'depthwise'
  | 'conv3x3'
  | 'batchnorm'
  | 'activation'
  | 'fusion'
  | 'ccw_h'
  | 'ccw_f'
  | 'head'
  | 'data_movement'
  | 'other';

export const COST_CATEGORY_LABELS: Record<CostCategory, string> = {
  conv1x1: '1x1 convolutions',
  depthwise: '3x3 depthwise convolutions',
  conv3x3: 'Full 3x3 convolutions',
  batchnorm: 'BatchNorm',
  activation: 'ReLU and sigmoid',
  fusion: 'Fusion between branches',
  ccw_h: 'Cross-resolution weighting (H)',
  ccw_f: 'Spatial weighting (F)',
  head: 'Heads (IterativeHead, keypoint head)',
  data_movement: 'Split, concat, shuffle, resize',
  other: 'Other'
};

const ROLE_CATEGORY: Partial<Record<Role, CostCategory>> = {
  fusion: 'fusion',
  ccw_h: 'ccw_h',
  ccw_f: 'ccw_f',
  iterative_head: 'head',
  keypoint_head: 'head'
};

const KIND_CATEGORY: Record<OpKind, CostCategory> = {
  conv2d: 'conv1x1',
  batchnorm: 'batchnorm',
  relu: 'activation',
  sigmoid: 'activation',
  global_avgpool: 'other',
  upsample_nearest: 'data_movement',
  adaptive_avgpool: 'other',
  resize_nearest: 'data_movement',
  resize_bilinear: 'data_movement',
  slice: 'data_movement',
  concat: 'data_movement',
  channel_shuffle: 'data_movement',
  mul: 'other',
  add: 'other'
};

/** A structural role wins (fusion, H, F, heads); otherwise the op's own kind decides. */
export function costCategory(op: Op): CostCategory {
  const byRole = ROLE_CATEGORY[op.scope.role];
  if (byRole) return byRole;
  if (op.kind === 'conv2d')
    return op.attrs.kernel === 1 ? 'conv1x1' : op.attrs.groups > 1 ? 'depthwise' : 'conv3x3';
  return KIND_CATEGORY[op.kind];
}

export function byCategory(graph: Graph, costs: GraphCosts): Aggregate[] {
  return aggregate(graph, costs, (op) => {
    const c = costCategory(op);
    return { key: c, label: COST_CATEGORY_LABELS[c] };
  });
}

export function byKind(graph: Graph, costs: GraphCosts): Aggregate[] {
  return aggregate(graph, costs, (op) => ({ key: op.kind, label: op.kind }));
}

/** Stem, then each stage (paper numbering, transitions included), then the heads. */
export function stageKey(scope: Scope): { key: string; label: string } {
  if (scope.section === 'stem') return { key: 'stem', label: 'Stem' };
  if (scope.section === 'head' || scope.section === 'keypoint_head')
    return { key: 'head', label: 'Heads' };
  return { key: `stage${scope.stage}`, label: `Stage ${(scope.stage ?? 0) + 2}` };
}

export function byStage(graph: Graph, costs: GraphCosts): Aggregate[] {
  return aggregate(graph, costs, (op) => stageKey(op.scope));
}

export function byBranch(graph: Graph, costs: GraphCosts): Aggregate[] {
  const groups = aggregate(graph, costs, (op) => {
    const b = op.scope.branch ?? 0;
    return { key: `branch${b}`, label: `Branch ${b + 1} (1/${4 * 2 ** b})` };
  });
  return groups.sort((a, b) => a.key.localeCompare(b.key));
}
