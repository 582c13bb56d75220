import { describe, expect, it } from 'vitest';
import { presetConfig } from '../../../src/lib/model';
import type { Focus } from '../../../src/lib/viz/focus';
import type { ModuleLayout, Part } from '../../../src/lib/viz/module-layout';
import { layoutModule } from '../../../src/lib/viz/module-layout';
import { analysisOf } from './helpers';

const firstModule: Focus = { level: 'module', stage: 0, module: 0, block: 0 };

function layoutOf(id: Parameters<typeof analysisOf>[0], part: Part, focus: Focus = firstModule) {
  const a = analysisOf(id);
  return { a, layout: layoutModule(a.graph, a.config, focus, part) };
}

function overlaps(l: ModuleLayout): number {
  let n = 0;
  for (const p of l.nodes)
    for (const q of l.nodes)
      if (p.id < q.id && p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h)
        n++;
  return n;
}

describe('layoutModule', () => {
  it('a 2-branch CCW block has 38 ops', () => {
    // Per branch: 2 halves, split/resize/mul of H (3), dw conv + BN (2), F: pool, conv, ReLU,
    // conv, sigmoid, mul (6), concat + shuffle (2) = 15, so 30; shared H: 1 pool (all but the
    // smallest branch), concat, conv-BN-ReLU, conv-BN-sigmoid = 8. 30 + 8 = 38.
    const { layout } = layoutOf('litehrnet_18', 'block');
    expect(layout.nodes).toHaveLength(38);
    expect(layout.lanes.map((l) => l.label)).toEqual([
      'Branch 1: 1/4, 40 ch',
      'Branch 2: 1/8, 80 ch'
    ]);
  });

  it('a 2-branch shuffle block has 12 ops per branch', () => {
    // split (2), 1x1 conv-BN-ReLU (3), 3x3 dw conv-BN (2), 1x1 conv-BN-ReLU (3), concat, shuffle.
    const { layout } = layoutOf('naive_litehrnet_18', 'block');
    expect(layout.nodes).toHaveLength(24);
  });

  it('the official 2-branch fusion has 17 ops, the paper’s 11', () => {
    // Official: out 0 = x0 + x0 (1 add) + [1x1, BN, upsample](x1) + add, ReLU = 6; out 1 =
    // [dw s2, BN, 1x1, BN](S0) twice + 2 adds + ReLU = 11. Paper: out 0 = 3 + add + ReLU = 5;
    // out 1 = 4 + add + ReLU = 6.
    expect(layoutOf('litehrnet_18', 'fusion').layout.nodes).toHaveLength(17);
    const paper = presetConfig('litehrnet_18');
    paper.fusion = 'paper';
    expect(layoutOf(paper, 'fusion').layout.nodes).toHaveLength(11);
  });

  it('no two nodes overlap and every edge points down (Lite-HRNet-30, 4 branches)', () => {
    const focus: Focus = { level: 'module', stage: 2, module: 1, block: 1 };
    for (const part of ['block', 'fusion'] as const) {
      const { layout } = layoutOf('litehrnet_30', part, focus);
      expect(overlaps(layout)).toBe(0);
      const at = new Map(layout.nodes.map((n) => [n.id, n]));
      for (const e of layout.edges) expect(at.get(e.to)!.y).toBeGreaterThan(at.get(e.from)!.y);
    }
  });

  it('the cross-resolution weighting’s convs span every lane', () => {
    const { a, layout } = layoutOf('litehrnet_18', 'block');
    const conv1 = layout.nodes.find((n) =>
      a.graph.ops[n.id].name.endsWith('cross_resolution_weighting.conv1.conv')
    )!;
    expect(conv1.w).toBeGreaterThan(layout.lanes[0].w * 1.9);
  });

  it('the stem has two lanes, one per half', () => {
    const { layout } = layoutOf('litehrnet_18', 'stem', { level: 'stem' });
    // conv-BN-ReLU, 2 halves, expand (3), dw (2), linear (3), branch1 dw (2) + 1x1 (3), cat, shuffle.
    expect(layout.nodes).toHaveLength(20);
    expect(overlaps(layout)).toBe(0);
  });

  it('shows nothing outside a module', () => {
    expect(layoutOf('litehrnet_18', 'block', { level: 'network' }).layout.nodes).toHaveLength(0);
  });
});
