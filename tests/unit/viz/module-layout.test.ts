import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Graph, LiteHRNetConfig } from '../../../src/lib/model';
import { INPUT_ID, analyzeConfig, presetConfig } from '../../../src/lib/model';
import type { Focus } from '../../../src/lib/viz/focus';
import type { ModuleLayout, Part } from '../../../src/lib/viz/module-layout';
import { layoutModule, opsOfPart } from '../../../src/lib/viz/module-layout';
import { validConfig } from '../model/arbitraries';
import { analysisOf } from './helpers';

const firstModule: Focus = { level: 'module', stage: 0, module: 0, block: 0 };

function layoutOf(id: Parameters<typeof analysisOf>[0], part: Part, focus: Focus = firstModule) {
  const a = analysisOf(id);
  return { a, layout: layoutModule(a.graph, a.config, focus, part) };
}

/** Boxes of ops and ports. */
function boxes(l: ModuleLayout) {
  return [
    ...l.nodes.map((n) => ({ key: n.key, x: n.x, y: n.y, w: n.w, h: n.h })),
    ...l.ports.map((p) => ({ key: p.key, x: p.x, y: p.y, w: p.w, h: p.h }))
  ];
}

function overlaps(l: ModuleLayout): number {
  const bs = boxes(l);
  let n = 0;
  for (let i = 0; i < bs.length; i++)
    for (let j = i + 1; j < bs.length; j++) {
      const [p, q] = [bs[i], bs[j]];
      if (p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h) n++;
    }
  return n;
}

/**
 * The dependency edges of a part, read straight from the graph: every input of every op in the
 * part, as "producer@call>consumer@call" (the image is "input"). A multiset, sorted.
 */
function graphEdges(graph: Graph, focus: Focus, part: Part): string[] {
  const key = (id: number) =>
    id === INPUT_ID ? 'input' : `${graph.ops[id].name}@${graph.ops[id].call}`;
  return opsOfPart(graph, focus, part)
    .flatMap((op) => op.inputs.map((i) => `${key(i)}>${key(op.id)}`))
    .sort();
}

const drawnEdges = (l: ModuleLayout) => l.edges.map((e) => `${e.fromKey}>${e.toKey}`).sort();

/** The pieces of an edge path: `L` runs straight down past rows, `C` curves between rows. */
function pieces(d: string): { kind: string; x0: number; y0: number; x1: number; y1: number }[] {
  const out: { kind: string; x0: number; y0: number; x1: number; y1: number }[] = [];
  let last: [number, number] = [0, 0];
  for (const m of d.matchAll(/([MCL])([^MCL]*)/g)) {
    const nums = m[2].split(/[ ,]+/).filter(Boolean).map(Number);
    const end: [number, number] = [nums[nums.length - 2], nums[nums.length - 1]];
    if (m[1] !== 'M') out.push({ kind: m[1], x0: last[0], y0: last[1], x1: end[0], y1: end[1] });
    last = end;
  }
  return out;
}

const straightRuns = (d: string): [number, number, number][] =>
  pieces(d)
    .filter((p) => p.kind === 'L')
    .map((p) => [p.x0, p.y0, p.y1]);

/**
 * Edges never run through a box: no straight run and no curve (whose control points keep it
 * inside the rectangle its ends span) shares any height with a box it is beside or over.
 */
function edgesThroughBoxes(l: ModuleLayout): string[] {
  const bad: string[] = [];
  for (const e of l.edges)
    for (const p of pieces(e.d))
      for (const b of boxes(l)) {
        const [xa, xb] = [Math.min(p.x0, p.x1), Math.max(p.x0, p.x1)];
        const acrossX = xb > b.x && xa < b.x + b.w;
        const acrossY = p.y0 < b.y + b.h && p.y1 > b.y;
        if (acrossX && acrossY) bad.push(`${e.key} through ${b.key}`);
      }
  return bad;
}

/** Every part a config can show: stem, each transition, each block and fusion, heads. */
function allParts(config: LiteHRNetConfig): { focus: Focus; part: Part }[] {
  const out: { focus: Focus; part: Part }[] = [{ focus: { level: 'stem' }, part: 'stem' }];
  config.stages.forEach((s, stage) => {
    out.push({ focus: { level: 'transition', stage }, part: 'transition' });
    for (let module = 0; module < s.modules; module++)
      for (let block = 0; block < s.blocks; block++) {
        const focus: Focus = { level: 'module', stage, module, block };
        out.push({ focus, part: 'block' });
        if (block === 0) out.push({ focus, part: 'fusion' });
      }
  });
  out.push({ focus: { level: 'head' }, part: 'head' });
  return out;
}

describe('layoutModule', () => {
  it('a 2-branch CCW block has 38 ops, in two branch lanes with H between them', () => {
    // Per branch: 2 halves, split/resize/mul of H (3), dw conv + BN (2), F: pool, conv, ReLU,
    // conv, sigmoid, mul (6), concat + shuffle (2) = 15, so 30; shared H: 1 pool (all but the
    // smallest branch), concat, conv-BN-ReLU, conv-BN-sigmoid = 8. 30 + 8 = 38.
    const { layout } = layoutOf('litehrnet_18', 'block');
    expect(layout.nodes).toHaveLength(38);
    expect(layout.lanes.map((l) => l.label)).toEqual([
      'Branch 1: 1/4, 40 ch',
      'H: all branches',
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

  it('the stem has two lanes, one per half, fed by the image', () => {
    const { layout } = layoutOf('litehrnet_18', 'stem', { level: 'stem' });
    // conv-BN-ReLU, 2 halves, expand (3), dw (2), linear (3), branch1 dw (2) + 1x1 (3), cat, shuffle.
    expect(layout.nodes).toHaveLength(20);
    expect(layout.lanes).toHaveLength(2);
    expect(layout.ports.map((p) => p.key)).toEqual(['input']);
    expect(overlaps(layout)).toBe(0);
  });

  it('shows nothing outside its part', () => {
    expect(layoutOf('litehrnet_18', 'block', { level: 'network' }).layout.nodes).toHaveLength(0);
    expect(layoutOf('litehrnet_18', 'fusion', { level: 'stem' }).layout.nodes).toHaveLength(0);
  });
});

describe('every drawn edge is a dependency of the graph, and every dependency is drawn', () => {
  const presets = ['litehrnet_18', 'litehrnet_30', 'naive_litehrnet_18'] as const;
  for (const id of presets)
    it(`${id}: every part, edge for edge, with no box crossed or overlapped`, () => {
      const a = analysisOf(id);
      for (const { focus, part } of allParts(a.config)) {
        const l = layoutModule(a.graph, a.config, focus, part);
        expect(drawnEdges(l), `${part} ${JSON.stringify(focus)}`).toEqual(
          graphEdges(a.graph, focus, part)
        );
        expect(overlaps(l)).toBe(0);
        expect(edgesThroughBoxes(l)).toEqual([]);
      }
    });

  it('the ablation blocks, the paper fusion and multi-step transitions too (random configs)', () => {
    fc.assert(
      fc.property(validConfig, (config) => {
        const r = analyzeConfig(config);
        if (!r.ok) return;
        for (const { focus, part } of allParts(r.config)) {
          const l = layoutModule(r.graph, r.config, focus, part);
          expect(drawnEdges(l)).toEqual(graphEdges(r.graph, focus, part));
          expect(overlaps(l)).toBe(0);
          expect(edgesThroughBoxes(l)).toEqual([]);
          const at = new Map(l.nodes.map((n) => [n.key, n]));
          for (const e of l.edges) expect(at.get(e.toKey)!.row).toBeGreaterThan(0);
        }
      }),
      { numRuns: 40, seed: 10 }
    );
  });
});

describe('what a reader must be able to point at', () => {
  it('the shuffle block’s untouched half runs in its own track straight into the concat', () => {
    const { layout } = layoutOf('naive_litehrnet_18', 'block');
    const x1 = 'backbone.stage0.0.layers.0.0#chunk.x1@0';
    const bypass = layout.edges.find(
      (e) => e.fromKey === x1 && e.toKey === 'backbone.stage0.0.layers.0.0#cat@0'
    )!;
    expect(bypass).toBeDefined();
    // The halves sit in row 1 (under the port), the 8 conv/BN/ReLU ops of the second half in
    // rows 2–9, the concat in row 10: the bypass passes rows 2–9, one straight run each.
    const runs = straightRuns(bypass.d);
    expect(runs.length).toBe(8);
    expect(new Set(runs.map((r) => r[0])).size).toBe(1);
    // The convolutions sit in another track: none shares the bypass's x.
    const x = runs[0][0];
    const convs = layout.nodes.filter(
      (n) => n.key.includes('.branch2.') && n.key.startsWith('backbone.stage0.0.layers.0.0')
    );
    expect(convs).toHaveLength(8);
    for (const c of convs) expect(x < c.x || x > c.x + c.w).toBe(true);
  });

  it('CCW: every branch feeds H, and H’s weights go back to every branch’s multiply', () => {
    const { layout } = layoutOf('litehrnet_30', 'block', {
      level: 'module',
      stage: 2,
      module: 0,
      block: 0
    });
    const h = 'backbone.stage2.0.layers.0.cross_resolution_weighting';
    const into = (to: string) => layout.edges.filter((e) => e.toKey === to).map((e) => e.fromKey);
    // Branches 1–3 are pooled to the smallest size; branch 4's half goes in as it is.
    expect(into(`${h}#cat@0`)).toEqual([
      `${h}#adaptive_avg_pool2d.0@0`,
      `${h}#adaptive_avg_pool2d.1@0`,
      `${h}#adaptive_avg_pool2d.2@0`,
      'backbone.stage2.0.layers.0#chunk.3.x2@0'
    ]);
    for (let b = 0; b < 4; b++) {
      expect(into(`${h}#split.${b}@0`)).toEqual([`${h}.conv2.activate@0`]);
      expect(into(`${h}#mul.${b}@0`)).toEqual([
        `backbone.stage2.0.layers.0#chunk.${b}.x2@0`,
        `${h}#interpolate.${b}@0`
      ]);
      // F: the depthwise BN feeds both the pool of its side path and the multiply it ends in.
      const f = `backbone.stage2.0.layers.0.spatial_weighting.${b}`;
      const bn = `backbone.stage2.0.layers.0.depthwise_convs.${b}.bn@0`;
      expect(into(`${f}.global_avgpool@0`)).toEqual([bn]);
      expect(into(`${f}#mul@0`)).toEqual([bn, `${f}.conv2.activate@0`]);
    }
  });

  it('official fusion: branch 1 goes into its own sum twice, and later outputs read that sum', () => {
    const { layout } = layoutOf('litehrnet_18', 'fusion');
    const first = 'backbone.stage0.0.fuse_layers.0#add@0';
    const x0 = layout.ports.find((p) => p.label === 'Branch 1 in')!.key;
    expect(layout.edges.filter((e) => e.toKey === first).map((e) => e.fromKey)).toEqual([x0, x0]);
    // Output 2's branch-1 chain runs twice (calls 0 and 1), each from the doubled sum S0.
    const s0 = 'backbone.stage0.0.fuse_layers.0#add@1';
    for (const call of [0, 1])
      expect(
        layout.edges.find((e) => e.toKey === `backbone.stage0.0.fuse_layers.1.0.0.0@${call}`)
          ?.fromKey
      ).toBe(s0);
  });

  it('a transition that adds a branch draws the stride-2 step from the last branch', () => {
    const { layout } = layoutOf('litehrnet_18', 'transition', { level: 'transition', stage: 1 });
    // Stage 3 keeps widths 40, 80 and adds 160 from branch 2 (80 ch): dw s2, BN, 1x1, BN, ReLU.
    expect(layout.nodes.map((n) => n.key)).toEqual([
      'backbone.transition1.2.0.0@0',
      'backbone.transition1.2.0.1@0',
      'backbone.transition1.2.0.2@0',
      'backbone.transition1.2.0.3@0',
      'backbone.transition1.2.0.4@0'
    ]);
    expect(layout.lanes.map((l) => l.label)).toEqual([
      'Branch 1: unchanged',
      'Branch 2: unchanged',
      'Branch 3: 1/16, 160 ch'
    ]);
    expect(layout.ports.map((p) => p.label)).toEqual(['Branch 2 in']);
  });

  it('labels each tensor once, with its C×H×W', () => {
    const { layout } = layoutOf('litehrnet_18', 'stem', { level: 'stem' });
    const labelled = layout.edges.filter((e) => e.label);
    expect(new Set(labelled.map((e) => e.fromKey)).size).toBe(labelled.length);
    // The image is 3×256×192; the stem conv halves it with 32 channels: 32×128×96.
    expect(labelled.find((e) => e.fromKey === 'input')!.shape).toBe('3×256×192');
    expect(labelled.find((e) => e.fromKey === 'backbone.stem.conv1.conv@0')!.shape).toBe(
      '32×128×96'
    );
  });
});
