/**
 * Each op kind's cost under each convention, against hand derivations. The ops are taken from
 * the graph of Lite-HRNet-18 at 256x192 (COCO), whose shapes are derived in the comments:
 * the stem halves the input twice (256x192 → 128x96 → 64x48), so branch b of every stage runs at
 * (64 / 2^b) x (48 / 2^b): 64x48, 32x24, 16x12, 8x6.
 */
import { describe, expect, it } from 'vitest';
import type { ConventionCosts, Op } from '$lib/model';
import { CONVENTIONS, buildGraph, costGraph, opCosts, presetConfig } from '$lib/model';

const graph = buildGraph(presetConfig('litehrnet_18'));
const costs = costGraph(graph);

function op(name: string, call = 0): Op {
  const found = graph.ops.find((o) => o.name === name && o.call === call);
  if (!found) throw new Error(`no op ${name} call ${call}`);
  return found;
}

function cost(name: string, call = 0) {
  return opCosts(costs, op(name, call).id);
}

/** The same count under every convention. */
function everywhere(macs: number): ConventionCosts {
  return Object.fromEntries(CONVENTIONS.map((c) => [c, macs])) as ConventionCosts;
}

describe('convolutions', () => {
  it('the stem 3x3 stride-2 conv: 9·3·32·128·96 = 10,616,832 MACs, 864 params, everywhere', () => {
    // 3x3 kernel, 3 → 32 channels, output 128x96; no bias (a BN follows).
    const o = op('backbone.stem.conv1.conv');
    expect(o.outShape).toEqual([1, 32, 128, 96]);
    expect(o.params).toBe(9 * 3 * 32);
    expect(cost('backbone.stem.conv1.conv')).toEqual(everywhere(10_616_832));
  });

  it('a depthwise 3x3 counts 9·C·H·W: the stem depthwise on 32 channels at 64x48 is 884,736', () => {
    // groups = C: k·k·C_in·(C_out/groups) = 9·32·1 per position, 64·48 = 3072 positions.
    expect(cost('backbone.stem.depthwise_conv.conv').paper).toBe(9 * 32 * 3072);
    expect(op('backbone.stem.depthwise_conv.conv').params).toBe(9 * 32);
  });

  it('a 1x1 with bias adds C_out·H·W: spatial weighting conv1 on the 20-wide half is 20·5 + 5', () => {
    // Stage 2 (stage0) branch 0 works on half of 40 = 20 channels; int(20 / 4) = 5 outputs at 1x1.
    const name = 'backbone.stage0.0.layers.0.spatial_weighting.0.conv1.conv';
    expect(op(name).params).toBe(20 * 5 + 5);
    // fvcore ("bias is ignored"), thop (prod(out)·C_in/g·k·k) and HRNet's get_model_summary
    // (prod(weight shape)·H_out·W_out) leave the bias out; both of ptflops' backends add it.
    expect(cost(name)).toEqual({
      paper: 105,
      mmcv: 105,
      conv: 100,
      full: 105,
      fvcore: 100,
      ptflops: 105,
      'ptflops-aten': 105,
      thop: 100,
      hrnet: 100
    });
  });

  it('the keypoint head: 1x1 conv 40 → 17 with bias at 64x48: (40·17 + 17)·3072', () => {
    expect(op('keypoint_head.final_layer').params).toBe(40 * 17 + 17);
    expect(cost('keypoint_head.final_layer').paper).toBe((40 * 17 + 17) * 3072);
    expect(cost('keypoint_head.final_layer').conv).toBe(40 * 17 * 3072);
  });
});

describe('elementwise modules', () => {
  it('BatchNorm counts 2 per element: stem conv1.bn on 32x128x96 is 786,432', () => {
    // thop 0.1.1: calculate_norm gives 2·numel and count_normalization doubles it for an affine
    // BN: 4·393,216 = 1,572,864. ptflops' aten backend has no BN handler.
    expect(cost('backbone.stem.conv1.bn')).toEqual({
      paper: 786_432,
      mmcv: 786_432,
      conv: 0,
      full: 786_432,
      fvcore: 786_432,
      ptflops: 786_432,
      'ptflops-aten': 0,
      thop: 1_572_864,
      hrnet: 0 // get_model_summary counts modules named Conv… and nn.Linear only
    });
    expect(op('backbone.stem.conv1.bn').params).toBe(64); // weight + bias; running stats are buffers
  });

  it('ReLU counts 1 per element: 32·128·96 = 393,216', () => {
    // fvcore ignores aten::relu_, thop hooks nn.ReLU with zero_ops; ptflops' module hook counts
    // the output and its patched F.relu (called by nn.ReLU.forward) the input: 2·393,216.
    expect(cost('backbone.stem.conv1.activate')).toEqual({
      paper: 393_216,
      mmcv: 393_216,
      conv: 0,
      full: 393_216,
      fvcore: 0,
      ptflops: 786_432,
      'ptflops-aten': 0,
      thop: 0,
      hrnet: 0
    });
  });

  it('sigmoid is free for torchstat and mmcv (no handler), one per element in the full count', () => {
    // CRW conv2 of stage0 block 0: back to 20 + 40 = 60 channels at the smallest size 32x24.
    expect(cost('backbone.stage0.0.layers.0.cross_resolution_weighting.conv2.activate')).toEqual({
      ...everywhere(0),
      full: 60 * 32 * 24
    });
  });

  it('AdaptiveAvgPool2d(1) is C·(H+1)·(W+1) for torchstat, C·H·W for mmcv', () => {
    // torchstat sums (y_end − y_start + 1)(x_end − x_start + 1) = (64 + 1)(48 + 1) per channel.
    // fvcore: aten::adaptive_avg_pool2d, input numel. ptflops: module hook + the patched
    // F.adaptive_avg_pool2d inside nn.AdaptiveAvgPool2d.forward, input numel each. thop: kernel
    // (64/1)·(48/1) adds + 1 divide per output element: (3072 + 1)·20 = 61,460.
    expect(cost('backbone.stage0.0.layers.0.spatial_weighting.0.global_avgpool')).toEqual({
      paper: 20 * 65 * 49,
      mmcv: 20 * 64 * 48,
      conv: 0,
      full: 20 * 64 * 48,
      fvcore: 20 * 64 * 48,
      ptflops: 2 * 20 * 64 * 48,
      'ptflops-aten': 0,
      thop: 61_460,
      hrnet: 0
    });
  });

  it('nn.Upsample loses its channels in torchstat: H_out·W_out; mmcv counts C·H_out·W_out', () => {
    // fuse_layers.0.1: branch 1 (80 ch at 32x24) → 1x1 to 40 → upsample x2 to 64x48.
    const name = 'backbone.stage0.0.fuse_layers.0.1.2';
    expect(op(name).outShape).toEqual([1, 40, 64, 48]);
    // fvcore (aten::upsample_nearest2d) and thop: output numel; ptflops: module hook (output
    // numel) + patched F.interpolate with scale 2 (input numel · 2² = output numel again).
    expect(cost(name)).toEqual({
      paper: 64 * 48,
      mmcv: 40 * 64 * 48,
      conv: 0,
      full: 40 * 64 * 48,
      fvcore: 40 * 64 * 48,
      ptflops: 2 * 40 * 64 * 48,
      'ptflops-aten': 0,
      thop: 40 * 64 * 48,
      hrnet: 0
    });
  });
});

describe('functional ops are free except in the full count', () => {
  it('cross-resolution weighting: pooling reads its input, resize and multiply write their output', () => {
    const h = 'backbone.stage0.0.layers.0.cross_resolution_weighting';
    // Branch 0's half (20 ch at 64x48) is pooled to the smallest size, 32x24.
    // Functional, yet traced by fvcore and patched by ptflops: input numel for both.
    expect(cost(`${h}#adaptive_avg_pool2d.0`)).toEqual({
      ...everywhere(0),
      full: 20 * 64 * 48,
      fvcore: 20 * 64 * 48,
      ptflops: 20 * 64 * 48
    });
    // The smallest branch (40 ch halved to 40 at 32x24) is resized to the size it has: still an
    // aten::upsample_nearest2d for fvcore and an F.interpolate call for ptflops.
    expect(cost(`${h}#interpolate.1`)).toEqual({
      ...everywhere(0),
      full: 40 * 32 * 24,
      fvcore: 40 * 32 * 24,
      ptflops: 40 * 32 * 24
    });
    // `*` is Tensor.__mul__: ptflops patches torch.mul and Tensor.mul only; fvcore has no handle.
    expect(cost(`${h}#mul.0`)).toEqual({ ...everywhere(0), full: 20 * 64 * 48 });
    expect(cost(`${h}#interpolate.0`).full).toBe(20 * 64 * 48);
    expect(cost(`${h}#mul.0`).full).toBe(20 * 64 * 48);
    expect(cost(`${h}#cat`).full).toBe(60 * 32 * 24);
  });

  it('chunk is a view (free everywhere); concat and shuffle copy every element', () => {
    const b = 'backbone.stage0.0.layers.0';
    expect(cost(`${b}#chunk.0.x1`)).toEqual(everywhere(0));
    expect(cost(`${b}#cat.0`).full).toBe(40 * 64 * 48);
    expect(cost(`${b}#channel_shuffle.0`).full).toBe(40 * 64 * 48);
  });

  it('the head’s bilinear resize costs 4 multiply-adds per output element', () => {
    // projects.0 runs at 1/32 (8x6) with 320 → 160; its result is resized to 16x12 for projects.1.
    // fvcore's aten::upsample_bilinear2d handle agrees (4 per output element); ptflops'
    // F.interpolate wrapper ignores the mode: N·C·prod(size).
    expect(cost('backbone.head_layer#interpolate.1')).toEqual({
      ...everywhere(0),
      full: 4 * 160 * 16 * 12,
      fvcore: 4 * 160 * 16 * 12,
      ptflops: 160 * 16 * 12
    });
  });
});

describe('the paper convention counts each module once, on its last call', () => {
  it('the fusion layer’s shared ReLU keeps only its last, smallest call', () => {
    // stage0 has 2 branches: relu runs on 40x64x48 (call 0) then 80x32x24 (call 1).
    const name = 'backbone.stage0.0.relu';
    expect(cost(name, 0)).toEqual({
      ...everywhere(0),
      mmcv: 40 * 64 * 48,
      full: 40 * 64 * 48,
      ptflops: 2 * 40 * 64 * 48
    });
    expect(cost(name, 1).paper).toBe(80 * 32 * 24);
  });

  it('a fuse chain that the official code runs twice is counted once by torchstat, twice by mmcv', () => {
    // fuse_layers.1.0: branch 0 (40 ch, 64x48) → dw 3x3 s2 (9·40 per position at 32x24).
    const name = 'backbone.stage0.0.fuse_layers.1.0.0.0';
    const first = cost(name, 0);
    const second = cost(name, 1);
    expect(first.paper).toBe(0);
    expect(second.paper).toBe(9 * 40 * 32 * 24);
    expect(first.mmcv).toBe(9 * 40 * 32 * 24);
    expect(second.mmcv).toBe(9 * 40 * 32 * 24);
    // Parameters belong to the module, not to the call.
    expect(op(name, 0).params).toBe(9 * 40);
    expect(op(name, 1).params).toBe(0);
  });
});

describe('fvcore counts only what reaches the output (its trace drops dead code)', () => {
  // Lite-HRNet-18 without the IterativeHead: the backbone returns only branch 0, so the last
  // module's fusion outputs 1..3 (and the keypoint head reads branch 0 only) end nowhere.
  const config = presetConfig('litehrnet_18');
  config.withHead = false;
  const g = buildGraph(config);
  const c = costGraph(g);
  const at = (name: string, call = 0) =>
    opCosts(c, g.ops.find((o) => o.name === name && o.call === call)!.id);

  it('the last module’s fusion into branch 2 runs (thop counts it) but fvcore sees nothing', () => {
    // fuse_layers.1.0.0.0: branch 0 (40 ch, 64x48) → dw 3x3 stride 2 → 32x24: 9·40·32·24.
    const dead = at('backbone.stage2.1.fuse_layers.1.0.0.0');
    expect(dead.thop).toBe(9 * 40 * 32 * 24);
    expect(dead.fvcore).toBe(0);
  });

  it('the fusion into branch 1, which the keypoint head reads, counts as usual', () => {
    // fuse_layers.0.1.0: branch 1 (80 ch, 32x24) → 1x1 to 40 ch: 80·40·32·24.
    expect(at('backbone.stage2.1.fuse_layers.0.1.0').fvcore).toBe(80 * 40 * 32 * 24);
  });

  it('with the IterativeHead every op reaches the output: fvcore drops nothing', () => {
    const skipped = graph.ops.filter((o) => costs.perOp.fvcore[o.id] === 0 && o.kind === 'conv2d');
    expect(skipped).toEqual([]);
  });
});
