import { describe, expect, it } from 'vitest';
import { presetConfig } from '../../../src/lib/model';
import { costColorScale, costLegend, timeLegend } from '../../../src/lib/viz/cost-scale';
import { layoutNetwork, NET } from '../../../src/lib/viz/network-layout';
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

describe('layoutNetwork: what the picture says about the config', () => {
  const band = (layout: ReturnType<typeof layoutOf>['layout'], s: number) =>
    layout.stages.find((b) => b.stage === s)!;

  it('Lite-HRNet-18: Stage 3’s band reads CCW and 4 modules × 2 blocks', () => {
    // Preset (DESIGN §2): LITE blocks in every stage, modules (2, 4, 2), blocks (2, 2, 2).
    const { layout } = layoutOf('litehrnet_18');
    expect(layout.stages.map((b) => [b.label, b.block, b.repeat])).toEqual([
      ['Stage 2', 'CCW', '2 modules × 2 blocks'],
      ['Stage 3', 'CCW', '4 modules × 2 blocks'],
      ['Stage 4', 'CCW', '2 modules × 2 blocks']
    ]);
  });

  it('switching Stage 2 to the shuffle block or an ablation changes only its band', () => {
    const c = presetConfig('litehrnet_18');
    c.stages[0].block = 'naive';
    expect(band(layoutOf(c).layout, 0).block).toBe('Shuffle');
    c.stages[0].block = 'naive_no_first_1x1';
    const { layout } = layoutOf(c);
    expect(band(layout, 0).block).toBe('Shuffle, no 1st 1x1');
    expect(band(layout, 1).block).toBe('CCW');
  });

  it('a stage band is at least as wide as its header, even with one module', () => {
    // T + 1 module = 2 cells + 1 gap = 82 units of columns; "Shuffle, no 1st 1x1" (19 characters
    // at 12 units, about 0.6 em each) needs about 137: the band grows and the columns after move.
    const c = presetConfig('litehrnet_18');
    c.stages[0].modules = 1;
    c.stages[0].block = 'naive_no_first_1x1';
    const { layout } = layoutOf(c);
    const b = band(layout, 0);
    expect(b.w).toBeGreaterThanOrEqual(19 * 12 * 0.55);
    const cols = layout.columns.filter((col) => col.stage === 0);
    expect(cols[0].x).toBeGreaterThan(b.x);
    expect(cols[cols.length - 1].x + NET.cell).toBeLessThan(b.x + b.w);
    const next = band(layout, 1);
    expect(next.x).toBeGreaterThan(b.x + b.w);
  });

  it('rows name the resolution and the feature map size of the configured input', () => {
    // 256x192 input: 1/4 → 64×48, 1/8 → 32×24, 1/16 → 16×12, 1/32 → 8×6.
    const { layout } = layoutOf('litehrnet_18');
    expect(layout.rows.map((r) => `${r.label} ${r.size}`)).toEqual([
      '1/4 64×48',
      '1/8 32×24',
      '1/16 16×12',
      '1/32 8×6'
    ]);
  });

  it('shows each stage’s own width per branch, under the stage’s first module', () => {
    // Stem out 32; Lite-HRNet-18 widths 40, 80 | 40, 80, 160 | 40, 80, 160, 320; here Stage 3’s
    // second branch is made 96 wide, which only Stage 3’s labels show.
    const c = presetConfig('litehrnet_18');
    c.stages[1].widths = [40, 96, 160];
    const { layout } = layoutOf(c);
    const texts = (prefix: string) =>
      layout.widthLabels.filter((l) => l.key.startsWith(prefix)).map((l) => l.text);
    expect(texts('stem')).toEqual(['32 ch']);
    expect(texts('s0/')).toEqual(['40 ch', '80 ch']);
    expect(texts('s1/')).toEqual(['40 ch', '96 ch', '160 ch']);
    expect(texts('s2/')).toEqual(['40 ch', '80 ch', '160 ch', '320 ch']);
    const firstOfStage3 = layout.columns.find((col) => col.key === 's1m0')!;
    const label = layout.widthLabels.find((l) => l.key === 's1/1')!;
    expect(label.x).toBe(firstOfStage3.x + NET.cell / 2);
    // Below its row's cells, above the next row's.
    const cell = layout.cells.find((x) => x.key === 's1m0/1')!;
    expect(label.y).toBeGreaterThan(cell.y + cell.h);
    expect(label.y).toBeLessThan(layout.cells.find((x) => x.key === 's1m0/2')!.y);
    expect(cell.channels).toBe(96);
  });

  it('a transition that adds a branch says so, in words, from the config', () => {
    // Stage 3 of Lite-HRNet-18 has 3 branches, Stage 2 had 2 with the same widths (40, 80): a new
    // branch 3 at 1/16, 160 wide, from branch 2 by one stride-2 step; branches 1–2 pass.
    const { layout } = layoutOf('litehrnet_18');
    const t = layout.columns.find((c) => c.key === 't1')!;
    expect(t.title).toBe('Transition into Stage 3');
    expect(t.detail).toBe(
      'Transition into Stage 3: makes branch 3 (1/16, 160 ch) from branch 2 with a stride-2 3×3 depthwise + 1×1; branches 1–2 pass unchanged'
    );
    // It opens as its own op graph, at the transition's code name.
    expect(t.focus).toBe('transition1');
  });

  it('a transition whose widths change names them; the first one leaves the stem', () => {
    // Into Stage 2 the stem's 32 channels become branch 1's 40 (a stride-1 step) and branch 2 is
    // made from branch 1. Into Stage 3 with widths 40, 96, 160: branch 2 goes 80 → 96.
    const c = presetConfig('litehrnet_18');
    c.stages[1].widths = [40, 96, 160];
    const { layout } = layoutOf(c);
    const detail = (key: string) => layout.columns.find((col) => col.key === key)!.detail;
    expect(detail('t0')).toBe(
      'Transition into Stage 2: changes branch 1 from 32 to 40 ch with a 3×3 depthwise + 1×1; makes branch 2 (1/8, 80 ch) from branch 1 with a stride-2 3×3 depthwise + 1×1'
    );
    expect(detail('t1')).toBe(
      'Transition into Stage 3: changes branch 2 from 80 to 96 ch with a 3×3 depthwise + 1×1; makes branch 3 (1/16, 160 ch) from branch 2 with a stride-2 3×3 depthwise + 1×1; branch 1 passes unchanged'
    );
  });

  it('a branch two steps down is made by a chain of two stride-2 steps, as the graph has it', () => {
    // Stage 3 jumps from 2 to 4 branches: branch 4 needs i + 1 − previous count = 4 − 2 = 2 steps.
    const c = presetConfig('litehrnet_18');
    c.stages[1].widths = [40, 80, 160, 320];
    const { a, layout } = layoutOf(c);
    expect(layout.columns.find((col) => col.key === 't1')!.detail).toContain(
      'makes branch 4 (1/32, 320 ch) from branch 2 with 2 stride-2 steps of 3×3 depthwise + 1×1'
    );
    const steps = new Set(
      a.graph.ops
        .filter((op) => op.name.startsWith('backbone.transition1.3.') && op.kind === 'conv2d')
        .map((op) => op.name.split('.')[3])
    );
    expect(steps.size).toBe(2);
  });

  it('the heads column says what the heads are', () => {
    // IterativeHead widths 320→160→80→40→40 (DESIGN §2), keypoint head 40 → 17 at 64×48.
    const { layout } = layoutOf('litehrnet_18');
    const head = layout.columns.find((c) => c.key === 'head')!;
    expect(head.title).toBe('Heads');
    expect(head.detail).toBe(
      'Heads: IterativeHead (from 1/32 up, each branch plus the resized result below through a 3×3 depthwise + 1×1: 320→160→80→40→40 ch) then the keypoint head, a 1×1 conv 40 → 17 heatmaps (64×48)'
    );
    const c = presetConfig('litehrnet_18');
    c.withHead = false;
    expect(layoutOf(c).layout.columns.at(-1)!.detail).toBe(
      'Head: the keypoint head, a 1×1 conv 40 → 17 heatmaps (64×48)'
    );
  });
});

describe('layoutNetwork: colour from one cost scale', () => {
  // The largest cell of Lite-HRNet-18 at 256x192 is the stem (paper convention, MACs):
  //   conv1 3x3 s2 3→32 at 128×96: 9·3·32·12288 = 10,616,832; BN 2·32·12288 = 786,432; ReLU 393,216
  //   expand 1x1 16→32 at 128×96: 6,291,456 + BN 786,432 + ReLU 393,216
  //   depthwise 3x3 s2 on 32 at 64×48: 9·32·3072 = 884,736 + BN 196,608
  //   linear 1x1 32→16: 1,572,864 + BN 98,304 + ReLU 49,152
  //   branch1: depthwise 3x3 s2 on 16: 442,368 + BN 98,304; 1x1 16→16: 786,432 + BN 98,304 + ReLU 49,152
  //   sum 23,543,808 MACs = 22.45 M (M = 2^20).
  const STEM = 23_543_808;

  it('the scale runs from 0 to the largest cell, the stem', () => {
    const { layout } = layoutOf('litehrnet_18');
    expect(layout.maxCellMacs).toBe(STEM);
    expect(layout.cells.find((c) => c.key === 'stem/0')!.macs).toBe(STEM);
    expect(costLegend(layout.maxCellMacs, 'paper', 'MACs').domain).toEqual([0, STEM]);
  });

  it('each cell’s fill is the scale’s colour for its cost; the largest is the end colour', () => {
    const { layout } = layoutOf('litehrnet_18');
    const scale = costColorScale(STEM);
    for (const c of layout.cells) expect(c.fill).toBe(scale(c.macs));
    // Light pages: viridis reversed, so the costliest cell is viridis(0), dark violet.
    expect(layout.cells[0].fill).toBe('#440154');
    const dark = layoutOf('litehrnet_18').a;
    const darkLayout = layoutNetwork(dark.graph, dark.costs.perOp.paper, dark.config, {
      scheme: 'dark'
    });
    expect(darkLayout.cells[0].fill).toBe('#fde725');
  });

  it('a shared scale top (comparing) makes the same cell paler', () => {
    const { a, layout } = layoutOf('litehrnet_18');
    const shared = layoutNetwork(a.graph, a.costs.perOp.paper, a.config, { colorMax: 2 * STEM });
    expect(shared.cells[0].fill).toBe(costColorScale(2 * STEM)(STEM));
    expect(shared.cells[0].fill).not.toBe(layout.cells[0].fill);
  });
});

describe('costLegend', () => {
  it('ticks in the unit of the view: 0 · 5 · 10 · 15 · 20 M MACs (M = 2^20) up to 22.45', () => {
    // 23,543,808 / 2^20 = 22.45; d3's ticks for [0, 22.45] in about 4 steps are 0, 5, …, 20, and
    // each sits where its colour is: sqrt(5 / 22.45) = 0.47 along the bar.
    const legend = costLegend(23_543_808, 'paper', 'MACs');
    expect(legend.ticks.map((t) => t.label)).toEqual(['0', '5', '10', '15', '20']);
    expect(legend.ticks[1].offset).toBeCloseTo(Math.sqrt(5 / (23_543_808 / 2 ** 20)), 6);
    expect(legend.ticks[1].macs).toBeCloseTo(5 * 2 ** 20, 3);
    expect(legend.unitLabel).toBe('M MACs (M = 2^20)');
    expect(legend.text).toBe('0 · 5 · 10 · 15 · 20 M MACs (M = 2^20)');
    expect(legend.maxLabel).toBe('22.5 M MACs');
  });

  it('FLOPs double the numbers, decimal conventions use 10^6', () => {
    // 2 · 22.45 = 44.9 M FLOPs: ticks 0, 10, 20, 30, 40. mmcv-style M = 10^6: 23.54 M MACs.
    expect(costLegend(23_543_808, 'paper', 'FLOPs').text).toBe(
      '0 · 10 · 20 · 30 · 40 M FLOPs (M = 2^20)'
    );
    expect(costLegend(23_543_808, 'mmcv', 'MACs').maxLabel).toBe('23.5 M MACs');
  });

  it('small scales get decimals, and ticks that would touch are left out', () => {
    // 0.12 M (2^20): d3's step for about 4 ticks is 0.02 (two decimals): 0, 0.02, …, 0.12 at
    // sqrt(k/6) = 0, .41, .58, .71, .82, .91, 1 of a 230 px bar. Four-character labels need
    // 4 · 8.5 + 6 = 40 px: 0.04 is 39 px after 0.02 (out), 0.06 is 69 (in), 0.08 is 25 after
    // 0.06 (out), 0.10 is 47 (in), 0.12 is 20 after 0.10 (out).
    const legend = costLegend(0.12 * 2 ** 20, 'paper', 'MACs');
    expect(legend.ticks.map((t) => t.label)).toEqual(['0.00', '0.02', '0.06', '0.10']);
    for (let i = 1; i < legend.ticks.length; i++)
      expect((legend.ticks[i].offset - legend.ticks[i - 1].offset) * 230).toBeGreaterThan(40);
  });
});

describe('colour by measured time', () => {
  it('fillBy colours cells by their summed ms and keeps their MACs', () => {
    const a = analysisOf('litehrnet_18');
    // 1 ms for every op of the stem and nothing elsewhere: the stem cell is the slowest (its op
    // count in ms), every other cell sits at the scale's zero colour.
    const ms = a.graph.ops.map((o): number => (o.scope.section === 'stem' ? 1 : 0));
    const stemOps = ms.reduce((t, x) => t + x, 0);
    const byMacs = layoutNetwork(a.graph, a.costs.perOp.paper, a.config);
    const byTime = layoutNetwork(a.graph, a.costs.perOp.paper, a.config, { fillBy: ms });
    expect(byTime.maxCellFill).toBe(stemOps);
    expect(byTime.cells.map((c) => c.macs)).toEqual(byMacs.cells.map((c) => c.macs));
    const color = costColorScale(stemOps);
    for (const c of byTime.cells)
      expect(c.fill, c.key).toBe(color(c.column === 'stem' ? stemOps : 0));
    expect(timeLegend(stemOps).text).toMatch(/ ms$/);
  });
});
