import { describe, expect, it } from 'vitest';
import type { LiteHRNetConfig } from '$lib/model';
import { INPUT_ID, buildGraph, presetConfig } from '$lib/model';

const graph = buildGraph(presetConfig('litehrnet_18'));
const names = new Set(graph.ops.map((o) => o.name));

describe('op names mirror the official PyTorch module paths', () => {
  // Keys of an official Lite-HRNet-18 state_dict (models/backbones/litehrnet.py naming).
  const keys = [
    'backbone.stem.conv1.conv',
    'backbone.stem.branch1.0.conv',
    'backbone.stem.branch1.1.bn',
    'backbone.stem.linear_conv.bn',
    'backbone.transition0.1.0.0', // new branch 1: step 0, dw conv
    'backbone.transition1.2.0.3', // new branch 2: step 0, last BN
    'backbone.stage0.0.layers.0.cross_resolution_weighting.conv1.conv',
    'backbone.stage0.0.layers.1.depthwise_convs.1.bn',
    'backbone.stage0.0.layers.1.spatial_weighting.0.conv2.conv',
    'backbone.stage0.0.fuse_layers.0.1.0',
    'backbone.stage0.0.fuse_layers.1.0.0.0',
    'backbone.stage2.1.fuse_layers.3.0.2.3', // 3 steps down from branch 0; last step's BN
    'backbone.head_layer.projects.3.pointwise_conv.bn',
    'keypoint_head.final_layer'
  ];
  for (const key of keys) it(key, () => expect(names.has(key)).toBe(true));

  it('has no module the official model lacks: stage0 (2 branches) has no third branch', () => {
    expect(names.has('backbone.stage0.0.layers.0.depthwise_convs.2.conv')).toBe(false);
    // Stage 3's branch 0 keeps Stage 2's width 40: no transition (the stem's 32 → 40 does get one).
    expect(names.has('backbone.transition1.0.0')).toBe(false);
    expect(names.has('backbone.transition0.0.0')).toBe(true);
  });
});

describe('execution order and wiring', () => {
  it('every op reads tensors produced before it', () => {
    for (const op of graph.ops)
      for (const i of op.inputs) expect(i === INPUT_ID || i < op.id).toBe(true);
  });

  it('the output is 17 heatmaps at a quarter of the input: 1x17x64x48', () => {
    expect(graph.ops[graph.output].outShape).toEqual([1, 17, 64, 48]);
  });

  it('the stem runs the second half first, as Stem.forward does (branch1 inside torch.cat)', () => {
    const order = graph.ops.filter((o) => o.scope.section === 'stem').map((o) => o.name);
    expect(order.indexOf('backbone.stem.linear_conv.conv')).toBeLessThan(
      order.indexOf('backbone.stem.branch1.0.conv')
    );
  });

  it('stage outputs have the paper widths at 1/4 … 1/32', () => {
    const shapes = graph.stageOutputs[2].map((id) => graph.ops[id].outShape);
    expect(shapes).toEqual([
      [1, 40, 64, 48],
      [1, 80, 32, 24],
      [1, 160, 16, 12],
      [1, 320, 8, 6]
    ]);
  });
});

describe('fusion modes', () => {
  function fuseOps(config: LiteHRNetConfig) {
    return buildGraph(config).ops.filter(
      (o) => o.scope.role === 'fusion' && o.scope.stage === 0 && o.scope.module === 0
    );
  }

  it('official: output 0 adds x0 to itself, output 1 runs its branch-0 chain twice on that sum', () => {
    const ops = fuseOps(presetConfig('litehrnet_18'));
    const firstAdd = ops.find((o) => o.kind === 'add')!;
    expect(firstAdd.inputs[0]).toBe(firstAdd.inputs[1]); // y = x0; y += x0
    const chain = ops.filter((o) => o.name === 'backbone.stage0.0.fuse_layers.1.0.0.0');
    expect(chain.map((o) => o.call)).toEqual([0, 1]);
    // Both calls read the doubled, pre-ReLU sum S0 (the first add's result after output 0's adds).
    const s0 = ops.filter((o) => o.name === 'backbone.stage0.0.fuse_layers.0#add').at(-1)!;
    expect(chain.every((o) => o.inputs[0] === s0.id)).toBe(true);
  });

  it('paper: each branch is added once, and the branch-0 chain reads x0 itself', () => {
    const config = presetConfig('litehrnet_18');
    config.fusion = 'paper';
    const ops = fuseOps(config);
    const chain = ops.filter((o) => o.name === 'backbone.stage0.0.fuse_layers.1.0.0.0');
    expect(chain).toHaveLength(1);
    // 2 branches: output 0 = x0 + F01(x1) (1 add); output 1 = F10(x0) + x1 (1 add).
    expect(ops.filter((o) => o.kind === 'add')).toHaveLength(2);
  });
});

describe('config edge cases the official code allows', () => {
  it('a single-branch shuffle stage runs its blocks and skips fusion', () => {
    const config = presetConfig('naive_litehrnet_18');
    config.stages = [{ ...config.stages[0], widths: [30] }, ...config.stages.slice(1)];
    const g = buildGraph(config);
    expect(g.ops.some((o) => o.scope.stage === 0 && o.scope.role === 'fusion')).toBe(false);
    expect(g.ops.some((o) => o.name === 'backbone.stage0.0.layers.0.1.branch2.2.conv')).toBe(true);
  });

  it('a stem that widens (32 → 48) gives branch1 48 − 32 = 16 outputs and linear_conv 32', () => {
    const config = presetConfig('litehrnet_18');
    config.stem.outChannels = 48;
    const g = buildGraph(config);
    const out = (n: string) => g.ops.find((o) => o.name === n)!.outShape[1];
    expect(out('backbone.stem.branch1.1.conv')).toBe(16);
    expect(out('backbone.stem.linear_conv.conv')).toBe(32);
    expect(out('backbone.stem#channel_shuffle')).toBe(48);
  });

  it('expand_ratio uses Python rounding: 32 · 0.078125 = 2.5 rounds to 2 (half to even)', () => {
    const config = presetConfig('litehrnet_18');
    config.stem.expandRatio = 0.078125;
    const g = buildGraph(config);
    expect(g.ops.find((o) => o.name === 'backbone.stem.expand_conv.conv')!.outShape[1]).toBe(2);
  });

  it('the stem’s params: 864+64, 144+32, 256+32, 512+64, 288+64, 512+32 = 2,864', () => {
    // conv1 3·32·9 + BN; branch1.0 dw 16·9 + BN(16); branch1.1 16·16 + BN(16); expand 16·32 + BN(32);
    // depthwise 32·9 + BN(32); linear 32·16 + BN(16).
    const stem = graph.ops
      .filter((o) => o.scope.section === 'stem')
      .reduce((t, o) => t + o.params, 0);
    expect(stem).toBe(2864);
  });
});
