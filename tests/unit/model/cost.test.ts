import { describe, expect, it } from 'vitest';
import {
  CONVENTIONS,
  buildGraph,
  byBranch,
  byCategory,
  byKind,
  byStage,
  costGraph,
  presetConfig
} from '$lib/model';

const graph = buildGraph(presetConfig('litehrnet_18'));
const costs = costGraph(graph);

describe('aggregations', () => {
  for (const [name, groups] of [
    ['stage', byStage(graph, costs)],
    ['branch', byBranch(graph, costs)],
    ['category', byCategory(graph, costs)],
    ['kind', byKind(graph, costs)]
  ] as const) {
    it(`by ${name}: the groups add up to the totals under every convention`, () => {
      expect(groups.reduce((t, g) => t + g.params, 0)).toBe(costs.totals.params);
      for (const c of CONVENTIONS)
        expect(groups.reduce((t, g) => t + g.macs[c], 0)).toBe(costs.totals.macs[c]);
      expect(groups.reduce((t, g) => t + g.ops, 0)).toBe(graph.ops.length);
    });
  }

  it('by stage follows the paper: Stem, Stage 2, 3, 4, Heads', () => {
    expect(byStage(graph, costs).map((g) => g.label)).toEqual([
      'Stem',
      'Stage 2',
      'Stage 3',
      'Stage 4',
      'Heads'
    ]);
  });

  it('fusion is Lite-HRNet-18’s largest cost category in the paper convention', () => {
    const groups = byCategory(graph, costs).sort((a, b) => b.macs.paper - a.macs.paper);
    expect(groups[0].key).toBe('fusion');
    expect(groups[0].macs.paper / costs.totals.macs.paper).toBeGreaterThan(0.5);
  });

  it('the shuffle block’s 1x1 convs are Naive Lite-HRNet’s bottleneck the CCW removes', () => {
    // The paper's motivation: in the naive net the 1x1 convs of the blocks cost more than in Lite-HRNet.
    const naive = buildGraph(presetConfig('naive_litehrnet_18'));
    const pw = (g: typeof graph) =>
      byCategory(g, costGraph(g)).find((c) => c.key === 'conv1x1')!.macs.paper;
    expect(pw(naive)).toBeGreaterThan(3 * pw(graph));
  });
});
