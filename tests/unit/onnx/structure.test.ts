/**
 * What the exported file contains, read back from its bytes: names, shapes, op types,
 * initializers and their sizes, node names, the official fusion quirk, and the sentences for
 * what cannot be exported. Expected counts come from the official README (params) or from hand
 * derivations written beside them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LiteHRNetConfig } from '$lib/model';
import { LITE_HRNET_DEFAULTS, buildGraph, presetConfig } from '$lib/model';
import { INPUT_NAME, OUTPUT_NAME, exportOnnx } from '$lib/onnx';
import { onnxModelType } from '$lib/onnx/read';
import { sessionNames } from './ort';

interface Decoded {
  ir_version: number;
  opset_import: Array<{ domain: string; version: number }>;
  metadata_props: Array<{ key: string; value: string }>;
  graph: {
    node: Array<{ name: string; op_type: string; input: string[]; output: string[] }>;
    initializer: Array<{ name: string; dims: number[]; data_type: number; raw_data: Uint8Array }>;
    input: Array<{
      name: string;
      type: { tensor_type: { elem_type: number; shape: { dim: Array<{ dim_value: number }> } } };
    }>;
    output: Decoded['graph']['input'];
  };
}

/** The file's bytes, decoded with ONNX's schema (64-bit integers as numbers). */
function decode(bytes: Uint8Array): Decoded {
  const type = onnxModelType();
  return type.toObject(type.decode(bytes), { longs: Number, defaults: true }) as Decoded;
}

function exportOf(config: LiteHRNetConfig, foldBn = false) {
  const r = exportOnnx(buildGraph(config), { weights: { kind: 'seeded', seed: 1 }, foldBn });
  if (!r.ok) throw new Error(r.error);
  return { ...r.value, decoded: decode(r.value.bytes) };
}

const dims = (v: Decoded['graph']['input'][number]) =>
  v.type.tensor_type.shape.dim.map((d) => d.dim_value);

const elements = (d: Decoded) =>
  d.graph.initializer.reduce((s, t) => s + t.dims.reduce((p, x) => p * x, 1), 0);

/**
 * A config small enough to count by hand: stem 8 (expand 1), one stage of one 8-wide branch with
 * one naive (shuffle) unit, no IterativeHead, a 2-joint keypoint head, 32x32.
 */
const TINY: LiteHRNetConfig = {
  stem: { ...LITE_HRNET_DEFAULTS.stem, stemChannels: 8, outChannels: 8, expandRatio: 1 },
  stages: [
    {
      modules: 1,
      blocks: 1,
      block: 'naive',
      fuse: true,
      reduceRatio: 1,
      widths: [8],
      fusionConv: 'separable'
    }
  ],
  withHead: false,
  keypointHead: true,
  joints: 2,
  input: { height: 32, width: 32 },
  fusion: 'official',
  multiScaleOutput: true
};

describe('the file from its bytes', () => {
  const l18 = exportOf(presetConfig('litehrnet_18', { height: 256, width: 192 }));

  it('one float32 input `input` 1x3x256x192 and one output `heatmaps` 1x17x64x48; opset 11, IR 6', async () => {
    const g = l18.decoded.graph;
    expect(g.input.map((v) => v.name)).toEqual([INPUT_NAME]);
    expect(g.output.map((v) => v.name)).toEqual([OUTPUT_NAME]);
    expect(INPUT_NAME).toBe('input');
    expect(OUTPUT_NAME).toBe('heatmaps');
    expect(dims(g.input[0])).toEqual([1, 3, 256, 192]);
    // Heatmaps at a quarter of the input: 256/4 x 192/4, 17 COCO joints.
    expect(dims(g.output[0])).toEqual([1, 17, 64, 48]);
    expect(g.input[0].type.tensor_type.elem_type).toBe(1); // TensorProto.FLOAT
    expect(l18.decoded.opset_import).toEqual([{ domain: '', version: 11 }]);
    expect(l18.decoded.ir_version).toBe(6);
    // ONNX Runtime reads the same names.
    expect(await sessionNames(l18.bytes)).toEqual({ inputs: ['input'], outputs: ['heatmaps'] });
  });

  it('the op types: those of a Lite-HRNet, and no BatchNormalization once folded', () => {
    // Conv/BN/ReLU (ConvModule), Slice (chunk and split), Concat, Reshape-Transpose-Reshape (channel
    // shuffle), AveragePool (H's adaptive pooling), Resize (H's nearest, fusion upsampling, the
    // head's bilinear), GlobalAveragePool + Sigmoid + Mul (F and H), Add (fusion and head), and
    // Constant for the shapes and bounds.
    const lite = [
      'Add',
      'AveragePool',
      'BatchNormalization',
      'Concat',
      'Constant',
      'Conv',
      'GlobalAveragePool',
      'Mul',
      'Relu',
      'Reshape',
      'Resize',
      'Sigmoid',
      'Slice',
      'Transpose'
    ];
    expect(new Set(l18.decoded.graph.node.map((n) => n.op_type))).toEqual(new Set(lite));
    expect(l18.summary.opTypes).toEqual(lite);
    const folded = exportOf(presetConfig('litehrnet_18', { height: 64, width: 32 }), true);
    expect(folded.summary.opTypes).toEqual(lite.filter((t) => t !== 'BatchNormalization'));
    // Naive Lite-HRNet has no channel weighting: no pooling, no sigmoid, no product.
    const naive = exportOf(presetConfig('naive_litehrnet_18', { height: 64, width: 32 }));
    expect(naive.summary.opTypes).toEqual(
      lite.filter((t) => !['AveragePool', 'GlobalAveragePool', 'Mul', 'Sigmoid'].includes(t))
    );
  });

  it("initializers: the graph's 1,130,769 params (official README) plus the BatchNorm statistics", () => {
    const g = buildGraph(presetConfig('litehrnet_18', { height: 256, width: 192 }));
    const trainable = l18.model.initializers.filter((t) => t.trainable);
    expect(trainable.reduce((s, t) => s + t.data.length, 0)).toBe(1_130_769);
    // Each BatchNorm adds running_mean and running_var (C each) as buffers, not params.
    const bnChannels = g.ops.reduce(
      (s, op) => s + (op.kind === 'batchnorm' && op.call === 0 ? op.attrs.channels : 0),
      0
    );
    expect(elements(l18.decoded)).toBe(1_130_769 + 2 * bnChannels);
    // Every initializer is a state_dict key, stored as float32 raw data of its full size.
    for (const t of l18.decoded.graph.initializer) {
      expect(t.name).toMatch(
        /^(backbone|keypoint_head)\..*\.(weight|bias|running_mean|running_var)$/
      );
      expect(t.data_type).toBe(1);
      expect(t.raw_data.length).toBe(4 * t.dims.reduce((p, x) => p * x, 1));
    }
    // Stored little-endian, the values the model holds.
    const first = l18.model.initializers[0];
    const raw = l18.decoded.graph.initializer[0].raw_data;
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    expect(view.getFloat32(0, true)).toBe(first.data[0]);
    expect(view.getFloat32(raw.length - 4, true)).toBe(first.data.at(-1));
  });

  it('a config counted by hand: nodes, initializers and values, BatchNorm kept and folded', () => {
    // Stem: conv1 3x3 3→8 (216), expand 1x1 4→8 (32), depthwise 3x3 over 8 (72), linear 1x1 8→4
    // (32), branch1 depthwise 3x3 over 4 (36) and 1x1 4→4 (16): 404 conv weights, each conv
    // followed by a BN of 8, 8, 8, 4, 4, 4 channels (36). The shuffle unit on 4 of the 8
    // channels: 1x1 4→4 (16), depthwise 3x3 (36), 1x1 4→4 (16): 68, BNs of 4, 4, 4 (12). The
    // keypoint head: 1x1 8→2 with bias, 16 + 2 = 18. Conv values 404 + 68 + 18 = 490, BN
    // channels 48, so params = 490 + 2·48 = 586 (BN weight and bias).
    const kept = exportOf(TINY);
    // Initializers: 10 conv weights + 1 head bias + 9 BNs x 4 vectors = 47, holding
    // 586 + 2·48 running statistics = 682 values.
    expect(kept.decoded.graph.initializer).toHaveLength(47);
    expect(elements(kept.decoded)).toBe(682);
    expect(kept.summary.params).toBe(586);
    // Folded: the 9 BNs' vectors go and their 9 convs gain a bias of C: 10 weights + 10 biases =
    // 20 initializers holding 490 + 48 = 538 = 586 − 48 values.
    const folded = exportOf(TINY, true);
    expect(folded.decoded.graph.initializer).toHaveLength(20);
    expect(elements(folded.decoded)).toBe(538);
    expect(folded.summary.foldedBatchNorms).toBe(9);
    // Nodes: the stem runs 20 ops (3 ConvModules with ReLU, 3 without, 2 slices, cat, shuffle)
    // and the unit 12 (2 slices, 2 ConvModules with ReLU, 1 without, cat, shuffle), plus the
    // head's conv: 33 ops. Each shuffle is 3 nodes (+4), and 6 distinct constants feed them:
    // slice bounds [0], [4], [8], axes [1], and the shapes [1,2,4,8,8] and [1,8,8,8] (both
    // shuffles work on 8 channels at 8x8). 33 + 4 + 6 = 43; folding drops the 9 BN nodes: 34.
    expect(kept.decoded.graph.node).toHaveLength(43);
    expect(folded.decoded.graph.node).toHaveLength(34);
    expect(kept.decoded.graph.node.filter((n) => n.op_type === 'Constant')).toHaveLength(6);
  });

  it('every BatchNorm of the official models folds (none is left over)', () => {
    for (const id of ['litehrnet_18', 'naive_litehrnet_18'] as const) {
      const g = buildGraph(presetConfig(id, { height: 64, width: 32 }));
      const bnCalls = g.ops.filter((op) => op.kind === 'batchnorm').length;
      const folded = exportOf(presetConfig(id, { height: 64, width: 32 }), true);
      expect(folded.summary.foldedBatchNorms).toBe(bnCalls);
      const bnChannels = g.ops.reduce(
        (s, op) => s + (op.kind === 'batchnorm' && op.call === 0 ? op.attrs.channels : 0),
        0
      );
      const params = g.ops.reduce((s, op) => s + op.params, 0);
      expect(elements(folded.decoded)).toBe(params - bnChannels);
    }
  });
});

describe('node names and the official fusion quirk', () => {
  const config = (fusion: 'official' | 'paper'): LiteHRNetConfig => ({
    ...presetConfig('litehrnet_18', { height: 64, width: 32 }),
    fusion
  });

  it("nodes carry the graph's op names, `@call` where a name runs more than once", () => {
    const { decoded } = exportOf(config('official'));
    const graph = buildGraph(config('official'));
    const names = new Set(decoded.graph.node.map((n) => n.name));
    expect(names.size).toBe(decoded.graph.node.length);
    const repeated = new Set(graph.ops.filter((op) => op.call > 0).map((op) => op.name));
    for (const op of graph.ops)
      expect(names.has(repeated.has(op.name) ? `${op.name}@${op.call}` : op.name), op.name).toBe(
        true
      );
    expect(names.has('backbone.stem.conv1.conv')).toBe(true);
    // The fusion layer's one ReLU module runs once per output branch (2 in stage0).
    expect(names.has('backbone.stage0.0.relu@0')).toBe(true);
    expect(names.has('backbone.stage0.0.relu@1')).toBe(true);
    expect(names.has('backbone.stage0.0.relu')).toBe(false);
  });

  it('official: the branch-0 chain to output 1 runs twice on S0 = 2·x0 + F01(x1), sharing its weights', () => {
    // DESIGN §2: output 0's sum is seeded with x0 and adds x0 again (add@0: x0 + x0), then
    // F01(x1) (add@1) in place, so branch 0 holds S0; output 1 applies its chain to S0 twice.
    const nodes = exportOf(config('official')).decoded.graph.node;
    const byName = new Map(nodes.map((n) => [n.name, n]));
    const m = 'backbone.stage0.0';
    const double = byName.get(`${m}.fuse_layers.0#add@0`)!;
    expect(double.input[0]).toBe(double.input[1]);
    const s0 = `${m}.fuse_layers.0#add@1`;
    for (const call of [0, 1]) {
      const conv = byName.get(`${m}.fuse_layers.1.0.0.0@${call}`)!;
      expect(conv.op_type).toBe('Conv');
      expect(conv.input).toEqual([s0, `${m}.fuse_layers.1.0.0.0.weight`]);
    }
  });

  it('paper: the chain runs once, on x0 itself', () => {
    const nodes = exportOf(config('paper')).decoded.graph.node;
    const m = 'backbone.stage0.0';
    const chain = nodes.filter((n) => n.name.startsWith(`${m}.fuse_layers.1.0.0.0`));
    expect(chain.map((n) => n.name)).toEqual([`${m}.fuse_layers.1.0.0.0`]);
    // x0 is the last block's branch-0 channel shuffle.
    expect(chain[0].input[0]).toBe(`${m}.layers.1#channel_shuffle.0`);
  });
});

describe('what cannot be exported says why', () => {
  it('loaded weights missing a tensor: a sentence naming it', () => {
    const graph = buildGraph(TINY);
    const r = exportOnnx(graph, { weights: { kind: 'loaded', tensors: new Map() } });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toBe(
        'The ONNX export failed: The loaded weights have no tensor named backbone.stem.conv1.conv.weight.'
      );
  });

  it('a network too large to write: a sentence, before any weight is made', () => {
    // Four 1024-wide naive stages of 12 modules: every module's fusion alone holds at least six
    // 1024 x 1024 1x1 convs (one per pair j > i of 4 branches), 6.3M values, so 4 x 12 modules
    // pass 2^26 = 67,108,864 many times over.
    const wide: LiteHRNetConfig = {
      ...presetConfig('litehrnet_18', { height: 256, width: 256 }),
      stages: Array.from({ length: 4 }, () => ({
        modules: 12,
        blocks: 1,
        block: 'naive' as const,
        fuse: true,
        reduceRatio: 1,
        widths: [1024, 1024, 1024, 1024],
        fusionConv: 'separable'
      }))
    };
    const started = performance.now();
    const r = exportOnnx(buildGraph(wide), { weights: { kind: 'seeded', seed: 1 } });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatch(
        /^This network has [\d,]+ weight values; the ONNX export stops at 67,108,864 \(a 256 MiB file\)\./
      );
  });

  it('a seed that is not a whole number', () => {
    const r = exportOnnx(buildGraph(TINY), { weights: { kind: 'seeded', seed: Number.NaN } });
    expect(r).toEqual({ ok: false, error: "The weights' seed must be a whole number, not NaN." });
  });

  it('an unvalidated size whose adaptive pooling has uneven bins (the validator refuses it too)', () => {
    // 48 wide with 4 branches: branch widths 12, 6, 3, 2 (ceil(3/2)); pooling 3 to 2 is uneven.
    const graph = buildGraph(presetConfig('litehrnet_18', { height: 64, width: 48 }));
    const r = exportOnnx(graph, { weights: { kind: 'seeded', seed: 1 } });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatch(/^This network cannot be exported to ONNX: .* pools 4x3 to 2x2/);
  });
});

describe('the export module stays pure', () => {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const files = [
    ...readdirSync(join(root, 'src/lib/onnx')).map((f) => join(root, 'src/lib/onnx', f)),
    join(root, 'src/lib/tf/weight-values.ts'),
    join(root, 'src/lib/tf/prng.ts'),
    join(root, 'src/lib/tf/layout.ts')
  ];

  it('no tfjs, Svelte, DOM or Node-only import: it runs in Node and in the page', () => {
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const specifiers = [
        ...source.matchAll(/\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/g)
      ].map((m) => m[1] ?? m[2]);
      for (const s of specifiers)
        expect(s, file).not.toMatch(/^(@tensorflow|svelte|\$app|node:|fs$|d3)/);
      expect(source, file).not.toMatch(/\b(document|window)\./);
    }
  });
});
