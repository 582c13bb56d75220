import { describe, expect, it } from 'vitest';
import { presetConfig } from '../../../src/lib/model';
import { layoutNetwork } from '../../../src/lib/viz/network-layout';
import { analysisOf } from './helpers';

function layoutOf(id: Parameters<typeof analysisOf>[0]) {
  const a = analysisOf(id);
  return { a, layout: layoutNetwork(a.graph, a.costs.perOp.paper, a.config) };
}

describe('layoutNetwork', () => {
  it('Lite-HRNet-18: stem, a transition and the modules of each stage (2, 4, 2), heads', () => {
    // 1 stem + 3 transitions + 2 + 4 + 2 modules + 1 head column = 13.
    const { layout } = layoutOf('litehrnet_18');
    expect(layout.columns.map((c) => c.label)).toEqual([
      'Stem',
      'T',
      '1',
      '2',
      'T',
      '1',
      '2',
      '3',
      '4',
      'T',
      '1',
      '2',
      'Head'
    ]);
  });

  it('Lite-HRNet-30 has 3 + 8 + 3 module columns', () => {
    const { layout } = layoutOf('litehrnet_30');
    expect(layout.columns.filter((c) => c.kind === 'module')).toHaveLength(14);
    expect(layout.columns).toHaveLength(19);
  });

  it('one cell per branch where ops run', () => {
    // Stem 1; transition into Stage 2 widens branch 1 (32→40) and makes branch 2: 2 cells;
    // the next two transitions only make a new branch: 1 each; modules 2·2 + 4·3 + 2·4 = 24;
    // the IterativeHead runs on all 4 branches: 4. Total 33.
    const { layout } = layoutOf('litehrnet_18');
    expect(layout.cells).toHaveLength(33);
  });

  it('cells add up to the README total (205.2 M, M = 2^20, Lite-HRNet-18 at 256x192)', () => {
    const { layout } = layoutOf('litehrnet_18');
    const sum = layout.cells.reduce((s, c) => s + c.macs, 0);
    expect((sum / 2 ** 20).toFixed(1)).toBe('205.2');
    expect(layout.cells.reduce((s, c) => s + c.params, 0)).toBe(1_130_769);
  });

  it('draws every fusion exchange: n·(n−1) links per fusing module of n branches', () => {
    // 2 modules · 2·1 + 4 modules · 3·2 + 2 modules · 4·3 = 4 + 24 + 24 = 52.
    const { layout } = layoutOf('litehrnet_18');
    expect(layout.links.filter((l) => l.kind === 'fusion')).toHaveLength(52);
    expect(layout.links.filter((l) => l.kind === 'transition')).toHaveLength(3);
  });

  it('draws no fusion links when fusion is off', () => {
    const c = presetConfig('litehrnet_18');
    c.stages.forEach((s) => (s.fuse = false));
    const { layout } = layoutOf(c);
    expect(layout.links.filter((l) => l.kind === 'fusion')).toHaveLength(0);
  });

  it('puts branches top to bottom (1/4 … 1/32) and columns left to right', () => {
    const { layout } = layoutOf('litehrnet_18');
    expect(layout.rows.map((r) => r.label)).toEqual(['1/4', '1/8', '1/16', '1/32']);
    const xs = layout.columns.map((c) => c.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    for (const cell of layout.cells)
      expect(cell.y).toBe(layout.cells.find((c) => c.branch === cell.branch)!.y);
  });

  it('shares are relative to the largest cell', () => {
    const { layout } = layoutOf('litehrnet_18');
    expect(Math.max(...layout.cells.map((c) => c.share))).toBe(1);
    expect(Math.min(...layout.cells.map((c) => c.share))).toBeGreaterThan(0);
  });
});
