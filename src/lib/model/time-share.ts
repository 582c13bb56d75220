/**
 * Where the time goes, beside where the FLOPs go: per-op times from a profiling run summed by op
 * kind, by stage or by module, each group's share of the measured time next to its share of the
 * multiply-adds under one counting convention. Pure: numbers in, rows out.
 *
 * The times come from a run where each op is timed on its own (tf/session.ts), so they add up to
 * more than a normal pass; shares are of that sum. FLOPs = 2 × MACs, so a FLOPs share is a MACs
 * share.
 */
import type { Graph, Op } from './graph';
import { isDepthwise } from './graph';
import { paperStageNumber } from './config';
import { stageKey } from './cost';

export const SHARE_GROUPINGS = ['kind', 'stage', 'module'] as const;
export type ShareGrouping = (typeof SHARE_GROUPINGS)[number];

export const SHARE_GROUPING_LABELS: Record<ShareGrouping, string> = {
  kind: 'Op kind',
  stage: 'Stage',
  module: 'Module'
};

export interface ShareRow {
  key: string;
  label: string;
  /** Op calls in the group. */
  ops: number;
  /** Summed measured time, ms. */
  ms: number;
  /** ms / the sum over all ops, 0…1. */
  timeShare: number;
  /** Summed MACs under the convention given. */
  macs: number;
  /** macs / the total, 0…1 (0 when the total is 0). */
  flopsShare: number;
}

export type ShareResult =
  | { ok: true; rows: ShareRow[]; totalMs: number; totalMacs: number }
  | { ok: false; message: string };

/** Stem, each transition, each module of each stage (paper numbering), then the heads. */
export function moduleKey(op: Op): { key: string; label: string } {
  const s = op.scope;
  if (s.section === 'transition')
    return { key: `t${s.stage}`, label: `Transition into Stage ${paperStageNumber(s.stage ?? 0)}` };
  if (s.section === 'stage')
    return {
      key: `s${s.stage}m${s.module}`,
      label: `Stage ${paperStageNumber(s.stage ?? 0)}, module ${(s.module ?? 0) + 1}`
    };
  return stageKey(s);
}

/**
 * Convolutions by shape, and everything else as memory-bound work: split, concat, shuffle,
 * BatchNorm, activations, elementwise products and sums, resizes and pooling read and write
 * whole tensors for few or no multiply-adds.
 */
export function workKey(op: Op): { key: string; label: string } {
  if (op.kind !== 'conv2d') return { key: 'memory', label: 'Memory-bound ops' };
  if (isDepthwise(op)) return { key: 'depthwise', label: '3x3 depthwise convolutions' };
  if (op.attrs.kernel === 1) return { key: 'conv1x1', label: '1x1 convolutions' };
  return { key: 'conv', label: 'Other convolutions' };
}

const KEY_OF: Record<ShareGrouping, (op: Op) => { key: string; label: string }> = {
  kind: (op) => ({ key: op.kind, label: op.kind }),
  stage: (op) => stageKey(op.scope),
  module: moduleKey
};

function badTimes(graph: Graph, byOp: ArrayLike<number>): string | null {
  if (byOp.length !== graph.ops.length)
    return `The timings cover ${byOp.length} ops but this network has ${graph.ops.length}: run the forward pass again for this network.`;
  for (let i = 0; i < byOp.length; i++)
    if (!Number.isFinite(byOp[i]) || byOp[i] < 0)
      return `Op ${i} has no valid time (${byOp[i]} ms).`;
  return null;
}

/**
 * Rows grouped by `grouping`: by op kind slowest first, by stage and module in execution order.
 * `perOpMacs` is one convention's per-op cost (`costs.perOp[convention]`).
 */
export function timeShares(
  graph: Graph,
  perOpMacs: ArrayLike<number>,
  byOp: ArrayLike<number>,
  grouping: ShareGrouping
): ShareResult {
  const r = timeSharesBy(graph, perOpMacs, byOp, KEY_OF[grouping]);
  if (r.ok && grouping === 'kind') r.rows.sort((a, b) => b.ms - a.ms);
  return r;
}

/** Rows grouped by any key (`workKey`, say), in first-seen order. */
export function timeSharesBy(
  graph: Graph,
  perOpMacs: ArrayLike<number>,
  byOp: ArrayLike<number>,
  keyOf: (op: Op) => { key: string; label: string }
): ShareResult {
  const problem = badTimes(graph, byOp);
  if (problem) return { ok: false, message: problem };
  const groups = new Map<string, ShareRow>();
  let totalMs = 0;
  let totalMacs = 0;
  for (const op of graph.ops) {
    const { key, label } = keyOf(op);
    let row = groups.get(key);
    if (!row) {
      row = { key, label, ops: 0, ms: 0, timeShare: 0, macs: 0, flopsShare: 0 };
      groups.set(key, row);
    }
    row.ops += 1;
    row.ms += byOp[op.id];
    row.macs += perOpMacs[op.id];
    totalMs += byOp[op.id];
    totalMacs += perOpMacs[op.id];
  }
  const rows = [...groups.values()];
  for (const r of rows) {
    r.timeShare = totalMs > 0 ? r.ms / totalMs : 0;
    r.flopsShare = totalMacs > 0 ? r.macs / totalMacs : 0;
  }
  return { ok: true, rows, totalMs, totalMacs };
}
