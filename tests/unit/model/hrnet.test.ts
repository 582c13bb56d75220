/**
 * HRNet's parts in the graph: op names as pose_hrnet.py's module paths (leoxiaobin/
 * deep-high-resolution-net.pytorch 6f69e46, `lib/models/pose_hrnet.py`), structure, validation,
 * and the paper's path from HRNet-W32 to Naive Lite-HRNet as a few edits. The counts themselves
 * are checked against the official code in tests/unit/oracle/hrnet.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { LiteHRNetConfig } from '$lib/model';
import { buildGraph, costGraph, namingOf, presetConfig, validateConfig } from '$lib/model';

const w32 = () => presetConfig('hrnet_w32', { height: 64, width: 64 });

function errorsOf(config: LiteHRNetConfig) {
  const r = validateConfig(config);
  return r.ok ? [] : r.errors;
}

describe('HRNet op names are pose_hrnet.py module paths', () => {
  const graph = buildGraph(w32());
  const names = new Set(graph.ops.map((op) => op.name));

  it('stem, layer1, transitions, stages, fusion and the final layer', () => {
    for (const name of [
      'conv1',
      'bn1',
      'conv2',
      'bn2',
      'relu',
      'layer1.0.conv1',
      'layer1.0.conv3',
      'layer1.0.downsample.0',
      'layer1.0.downsample.1',
      'layer1.3.bn3',
      'transition1.0.0',
      'transition1.0.1',
      'transition1.0.2',
      'transition1.1.0.0',
      'transition2.2.0.0',
      'transition3.3.0.0',
      'stage2.0.branches.0.0.conv1',
      'stage2.0.branches.1.3.bn2',
      'stage2.0.fuse_layers.0.1.0',
      'stage2.0.fuse_layers.0.1.2',
      'stage2.0.fuse_layers.1.0.0.0',
      'stage3.3.fuse_layers.2.0.1.1',
      'stage4.2.fuse_layers.0.3.0',
      'stage4.2.relu',
      'final_layer'
    ])
      expect(names.has(name), name).toBe(true);
    expect([...names].some((n) => n.startsWith('backbone.') || n.startsWith('keypoint_head'))).toBe(
      false
    );
    expect(namingOf(w32())).toBe('hrnet');
  });

  it('only layer1.0 has a downsample: every later block keeps its width', () => {
    expect([...names].filter((n) => n.includes('downsample.0'))).toEqual(['layer1.0.downsample.0']);
  });

  it("the last module fuses only branch 0 (multi_scale_output=False); stage4's others fuse all", () => {
    expect([...names].filter((n) => n.startsWith('stage4.2.fuse_layers.1'))).toEqual([]);
    expect(names.has('stage4.1.fuse_layers.3.0.2.0')).toBe(true);
    expect(graph.stageOutputs[2]).toHaveLength(1);
  });

  it("one ReLU module per block: a bottleneck's runs 3 times, a basic block's twice, the stem's twice", () => {
    const calls = (name: string) => graph.ops.filter((op) => op.name === name).map((op) => op.call);
    expect(calls('layer1.0.relu')).toEqual([0, 1, 2]);
    expect(calls('stage2.0.branches.0.0.relu')).toEqual([0, 1]);
    expect(calls('relu')).toEqual([0, 1]);
  });

  it("a basic block's params: two 3x3 convs and two BNs, by hand", () => {
    // stage2 branch 1 (64 wide): 2 · (3·3·64·64) + 2 · (2·64) = 73,728 + 256 = 73,984.
    const block = graph.ops.filter((op) => op.name.startsWith('stage2.0.branches.1.0.'));
    expect(block.reduce((s, op) => s + op.params, 0)).toBe(73_984);
  });

  it("layer1.0's params: 1x1, 3x3, 1x1 to 256, three BNs and the 1x1 + BN downsample, by hand", () => {
    // 64·64 + 9·64·64 + 64·256 + 2·(64 + 64 + 256) + 64·256 + 2·256
    // = 4,096 + 36,864 + 16,384 + 768 + 16,384 + 512 = 75,008.
    const block = graph.ops.filter((op) => op.name.startsWith('layer1.0.'));
    expect(block.reduce((s, op) => s + op.params, 0)).toBe(75_008);
  });

  it('separable fusion convs name the Lite-HRNet Sequential indices .0–.4 instead of .0–.2', () => {
    const c = w32();
    c.stages[0].fusionConv = 'separable';
    const n = new Set(buildGraph(c).ops.map((op) => op.name));
    expect(n.has('transition1.1.0.4')).toBe(true);
    expect(n.has('stage2.0.fuse_layers.1.0.0.3')).toBe(true);
    expect(n.has('transition2.2.0.2')).toBe(true); // stage 3 keeps full convs: .0 conv, .1 BN, .2 ReLU
  });
});

describe('from HRNet-W32 to Naive Lite-HRNet-18 in a few edits (the paper’s path)', () => {
  it('a Lite-HRNet stem, shuffle blocks, separable fusion, official fusion and the head give the preset', () => {
    const c = presetConfig('hrnet_w32');
    c.stem = { ...c.stem, type: 'lite', stemChannels: 32, outChannels: 32 };
    c.stages = c.stages.map((s, i) => ({
      ...s,
      block: 'naive',
      blocks: 2,
      modules: [2, 4, 2][i],
      widths: [30, 60, 120, 240].slice(0, i + 2),
      fusionConv: 'separable'
    }));
    c.fusion = 'official';
    c.withHead = true;
    c.multiScaleOutput = true;
    expect(c).toEqual(presetConfig('naive_litehrnet_18'));
    // The official README's parameter count of Naive Lite-HRNet-18.
    expect(costGraph(buildGraph(c)).totals.params).toBe(760_365);
  });
});

describe('validation of the HRNet fields', () => {
  it('configs from before them (no stem type, fusion convs or multiScaleOutput) read as Lite-HRNet', () => {
    const old = JSON.parse(JSON.stringify(presetConfig('litehrnet_18')));
    delete old.stem.type;
    delete old.stem.layer1Blocks;
    delete old.stem.layer1Block;
    delete old.multiScaleOutput;
    for (const s of old.stages) delete s.fusionConv;
    const r = validateConfig(old);
    expect(r.ok && r.config).toEqual(presetConfig('litehrnet_18'));
  });

  it('bottleneck widths must be multiples of 4; basic widths may be odd', () => {
    const c = w32();
    c.stages[1].block = 'bottleneck';
    c.stages[1].widths[2] = 130;
    expect(errorsOf(c)).toEqual([
      {
        path: 'stages[1].widths[2]',
        message:
          "Stage 3, branch 3: width 130 must be a multiple of 4: a bottleneck block's inner width is a quarter of its output."
      }
    ]);
    const odd = w32();
    odd.stages[0].widths = [33, 65];
    expect(errorsOf(odd)).toEqual([]);
  });

  it("an HRNet stem may leave out the expand ratio it has no use for; Lite-HRNet's may not", () => {
    const c = w32() as unknown as { stem: Record<string, unknown> };
    delete c.stem.expandRatio;
    const r = validateConfig(c);
    expect(r.ok && r.config.stem.expandRatio).toBe(1);
    const lite = presetConfig('litehrnet_18') as unknown as { stem: Record<string, unknown> };
    delete lite.stem.expandRatio;
    expect(errorsOf(lite as unknown as LiteHRNetConfig).map((e) => e.path)).toEqual([
      'stem.expandRatio'
    ]);
  });

  it('an HRNet stage 1 without blocks cannot change the width', () => {
    const c = w32();
    c.stem.layer1Blocks = 0;
    expect(errorsOf(c).map((e) => e.path)).toEqual(['stem.outChannels']);
    c.stem.outChannels = 64;
    expect(errorsOf(c)).toEqual([]);
  });

  it('the IterativeHead needs every output fused', () => {
    const c = w32();
    c.withHead = true;
    expect(errorsOf(c).map((e) => e.path)).toEqual(['multiScaleOutput']);
  });

  it('unknown stem types and fusion convs name the allowed ones', () => {
    const c = w32() as unknown as { stem: { type: string }; stages: { fusionConv: string }[] };
    c.stem.type = 'resnet';
    c.stages[2].fusionConv = 'dense';
    expect(errorsOf(c as unknown as LiteHRNetConfig).map((e) => e.message)).toEqual([
      'Stem type must be one of lite, hrnet.',
      'Stage 4: fusion convolutions must be one of separable, full.'
    ]);
  });
});

describe('the network picture’s words for HRNet', () => {
  it('names its stem and stage 1, and its transitions’ full 3x3 convs', async () => {
    const { stemWords, transitionWords } = await import('$lib/viz/network-words');
    const c = presetConfig('hrnet_w32');
    expect(stemWords(c)).toBe(
      'Stem: two stride-2 3×3 convs 3 → 64 → 64 ch at 1/4 (64×48), then stage 1: 4 bottleneck blocks to 256 ch'
    );
    expect(transitionWords(c, 0)).toBe(
      'Transition into Stage 2: changes branch 1 from 256 to 32 ch with a 3×3 conv; makes branch 2 (1/8, 64 ch) from branch 1 with a stride-2 3×3 conv'
    );
  });
});
