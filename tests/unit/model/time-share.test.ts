import { describe, expect, it } from 'vitest';
import type { Graph, Op, Scope } from '$lib/model';
import { buildGraph, costGraph, makeScope, presetConfig } from '$lib/model';
import { timeShares, timeSharesBy, workKey } from '$lib/model/time-share';

/** Just enough of an op for grouping: its id, kind and scope. */
function op(id: number, kind: Op['kind'], scope: Scope): Op {
  return { id, kind, scope } as unknown as Op;
}

/**
 * A hand-made five-op graph: a stem conv, two ops in Stage 2 module 1, one in module 2, a head
 * ReLU. Times 4, 2, 3, 1, 0 ms (sum 10); MACs 50, 30, 0, 0, 20 (sum 100).
 */
const TINY: Graph = {
  input: [1, 3, 8, 8],
  output: 4,
  stageOutputs: [],
  ops: [
    op(0, 'conv2d', makeScope('stem', 'stem')),
    op(1, 'conv2d', makeScope('stage', 'ccw_dw', 0, 0, 0, 0)),
    op(2, 'slice', makeScope('stage', 'ccw_split', 0, 0, 0, 0)),
    op(3, 'concat', makeScope('stage', 'ccw_merge', 0, 1, 0, 0)),
    op(4, 'relu', makeScope('head', 'iterative_head'))
  ]
};
const MS = [4, 2, 3, 1, 0];
const MACS = [50, 30, 0, 0, 20];

/** [label, ms, time share, MACs, FLOPs share] per row. */
function table(grouping: 'kind' | 'stage' | 'module') {
  const r = timeShares(TINY, MACS, MS, grouping);
  if (!r.ok) throw new Error(r.message);
  return r.rows.map((x) => [x.label, x.ms, x.timeShare, x.macs, x.flopsShare]);
}

describe('time share beside FLOPs share', () => {
  it('by op kind, slowest first: a slice costs 30% of the time and 0% of the FLOPs', () => {
    // conv2d 4+2 = 6 ms of 10, 50+30 = 80 MACs of 100; slice 3 ms, 0 MACs; concat 1 ms; ReLU 20 MACs.
    expect(table('kind')).toEqual([
      ['conv2d', 6, 0.6, 80, 0.8],
      ['slice', 3, 0.3, 0, 0],
      ['concat', 1, 0.1, 0, 0],
      ['relu', 0, 0, 20, 0.2]
    ]);
  });

  it('by stage, in execution order, paper numbering', () => {
    expect(table('stage')).toEqual([
      ['Stem', 4, 0.4, 50, 0.5],
      ['Stage 2', 6, 0.6, 30, 0.3],
      ['Heads', 0, 0, 20, 0.2]
    ]);
  });

  it('by module', () => {
    expect(table('module')).toEqual([
      ['Stem', 4, 0.4, 50, 0.5],
      ['Stage 2, module 1', 5, 0.5, 30, 0.3],
      ['Stage 2, module 2', 1, 0.1, 0, 0],
      ['Heads', 0, 0, 20, 0.2]
    ]);
  });

  it('times for another network are refused with a sentence', () => {
    const r = timeShares(TINY, MACS, [1, 2], 'kind');
    expect(r).toEqual({
      ok: false,
      message:
        'The timings cover 2 ops but this network has 5: run the forward pass again for this network.'
    });
    const bad = timeShares(TINY, MACS, [1, 2, NaN, 0, 0], 'kind');
    expect(bad.ok).toBe(false);
  });

  it('on Lite-HRNet-18 the shares add up to 1 and stages include their transitions', () => {
    const graph = buildGraph(presetConfig('litehrnet_18'));
    const costs = costGraph(graph);
    const ms = graph.ops.map((o) => (o.kind === 'conv2d' ? 2 : 1));
    for (const g of ['kind', 'stage', 'module'] as const) {
      const r = timeShares(graph, costs.perOp.paper, ms, g);
      if (!r.ok) throw new Error(r.message);
      expect(r.rows.reduce((t, x) => t + x.timeShare, 0)).toBeCloseTo(1, 12);
      expect(r.rows.reduce((t, x) => t + x.flopsShare, 0)).toBeCloseTo(1, 12);
      expect(r.totalMacs).toBe(costs.totals.macs.paper);
    }
    const stages = timeShares(graph, costs.perOp.paper, ms, 'stage');
    if (!stages.ok) throw new Error(stages.message);
    expect(stages.rows.map((r) => r.label)).toEqual([
      'Stem',
      'Stage 2',
      'Stage 3',
      'Stage 4',
      'Heads'
    ]);
    const modules = timeShares(graph, costs.perOp.paper, ms, 'module');
    if (!modules.ok) throw new Error(modules.message);
    // Lite-HRNet-18: stem, 3 transitions, 2 + 4 + 2 modules, heads = 13 groups.
    expect(modules.rows).toHaveLength(13);
  });
});

describe('work kinds', () => {
  it('splits convolutions by shape and puts every other op in memory-bound work', () => {
    const graph = buildGraph(presetConfig('litehrnet_18'));
    const costs = costGraph(graph);
    const r = timeSharesBy(graph, costs.perOp.paper, new Array(graph.ops.length).fill(1), workKey);
    if (!r.ok) throw new Error(r.message);
    const byKey = Object.fromEntries(r.rows.map((x) => [x.key, x]));
    // The only full 3x3 conv is the stem's first one (DESIGN.md §2).
    expect(byKey.conv.ops).toBe(1);
    const convs = graph.ops.filter((o) => o.kind === 'conv2d').length;
    expect(byKey.conv1x1.ops + byKey.depthwise.ops + byKey.conv.ops).toBe(convs);
    expect(byKey.memory.ops).toBe(graph.ops.length - convs);
  });
});
