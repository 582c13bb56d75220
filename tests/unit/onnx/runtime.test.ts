/**
 * The exported file, run by ONNX Runtime (onnxruntime-node, its native CPU build), computes what
 * the tfjs executor computes for the same graph and weights, within 1e-4, and what PyTorch
 * computed for the committed parity fixtures (tests/parity/make_fixtures.py). Expected numbers
 * come from tfjs (a separate implementation: NHWC kernels, its own weight store) or from the
 * fixtures, never from the export itself.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NamedTensor, TensorMap } from '$lib/checkpoint';
import { expectedTensors, matchCheckpoint, readNpy, readTorchCheckpoint } from '$lib/checkpoint';
import type { Graph, LiteHRNetConfig, PresetId } from '$lib/model';
import {
  LITE_HRNET_DEFAULTS,
  PRESET_IDS,
  buildGraph,
  presetConfig,
  validateConfig
} from '$lib/model';
import { exportOnnx } from '$lib/onnx';
import { inferNchw } from '$lib/tf/infer';
import { uniformArray } from '$lib/tf/prng';
import type { WeightSource } from '$lib/tf/weight-values';
import { fixtureBytes, fixtureConfig } from '../checkpoint/fixtures';
import { validConfig } from '../model/arbitraries';
import { useWasm } from '../tf/setup';
import { maxAbs, maxAbsDiff, runOnnx } from './ort';

beforeAll(useWasm);

const TOLERANCE = 1e-4;
const SEEDED: WeightSource = { kind: 'seeded', seed: 1 };

/** A normalised-image-like input, −2…2, from its own seeded stream. */
function seededInput(graph: Graph): NamedTensor {
  const [n, c, h, w] = graph.input;
  return { shape: [n, c, h, w], data: uniformArray(7, 'input', n * c * h * w, -2, 2) };
}

function exported(graph: Graph, weights: WeightSource, foldBn: boolean): Uint8Array {
  const r = exportOnnx(graph, { weights, foldBn });
  if (!r.ok) throw new Error(r.error);
  return r.value.bytes;
}

async function tfjsOutput(graph: Graph, weights: WeightSource, input: NamedTensor) {
  return (await inferNchw(graph, weights, input)).get(graph.output)!;
}

/** ONNX Runtime on the export (BN kept, then folded) against tfjs on the graph; both errors. */
async function compareWithTfjs(
  graph: Graph,
  weights: WeightSource = SEEDED,
  level: 'disabled' | 'all' = 'disabled'
) {
  const input = seededInput(graph);
  const want = await tfjsOutput(graph, weights, input);
  const errors: number[] = [];
  for (const foldBn of [false, true]) {
    const got = await runOnnx(exported(graph, weights, foldBn), input, level);
    expect(got.shape).toEqual([...graph.ops[graph.output].outShape]);
    errors.push(maxAbsDiff(got.data, want.data));
  }
  return { errors, magnitude: maxAbs(want.data) };
}

describe('ONNX Runtime = tfjs on seeded weights', () => {
  // The smallest input each preset allows (4 branches: sides divisible by 32), COCO's 17 joints.
  // HRNet-W48 is HRNet-W32 with wider branches, ops for ops; its 63.6M seeded weights alone make
  // a 30 s export, so W32 stands for both here.
  it.each(PRESET_IDS.filter((id) => id !== 'hrnet_w48').map((id) => [id]))(
    '%s at 64x32, BatchNorm kept and folded',
    async (id) => {
      const graph = buildGraph(presetConfig(id as PresetId, { height: 64, width: 32 }));
      const { errors, magnitude } = await compareWithTfjs(graph);
      // Informative outputs: 1e-4 is a real bar only if the heatmaps are not all near zero.
      expect(magnitude).toBeGreaterThan(0.01);
      for (const e of errors) expect(e).toBeLessThan(TOLERANCE);
    },
    30_000
  );

  it('Lite-HRNet-18 at the full 256x192, BatchNorm kept and folded, with ORT optimising as deployed', async () => {
    const graph = buildGraph(presetConfig('litehrnet_18', { height: 256, width: 192 }));
    const { errors, magnitude } = await compareWithTfjs(graph, SEEDED, 'all');
    expect(magnitude).toBeGreaterThan(0.01);
    for (const e of errors) expect(e).toBeLessThan(TOLERANCE);
  }, 30_000);

  /** Configs chosen to reach every op the export writes differently. */
  const HANDPICKED: Array<[string, LiteHRNetConfig]> = [
    [
      'each ablation block type, fusion off, no IterativeHead',
      {
        ...presetConfig('litehrnet_18', { height: 64, width: 64 }),
        stages: [
          {
            modules: 1,
            blocks: 1,
            block: 'naive_no_1x1',
            fuse: false,
            reduceRatio: 1,
            widths: [8, 16],
            fusionConv: 'separable'
          },
          {
            modules: 1,
            blocks: 2,
            block: 'naive_no_first_1x1',
            fuse: true,
            reduceRatio: 1,
            widths: [8, 16, 24],
            fusionConv: 'separable'
          },
          {
            modules: 1,
            blocks: 1,
            block: 'naive_no_last_1x1',
            fuse: false,
            reduceRatio: 1,
            widths: [8, 16, 24],
            fusionConv: 'separable'
          }
        ],
        withHead: false
      }
    ],
    [
      'paper fusion, five branches, no keypoint head (the output is a feature map)',
      {
        ...presetConfig('litehrnet_18', { height: 64, width: 64 }),
        stem: { ...LITE_HRNET_DEFAULTS.stem, stemChannels: 16, outChannels: 24, expandRatio: 0.5 },
        stages: [
          {
            modules: 1,
            blocks: 1,
            block: 'lite',
            fuse: true,
            reduceRatio: 4,
            widths: [16, 32, 48, 64, 80],
            fusionConv: 'separable'
          }
        ],
        keypointHead: false,
        fusion: 'paper'
      }
    ],
    [
      'a width change in the transition, no head at all',
      {
        ...presetConfig('litehrnet_18', { height: 32, width: 64 }),
        stages: [
          {
            modules: 2,
            blocks: 1,
            block: 'lite',
            fuse: true,
            reduceRatio: 2,
            widths: [12, 24],
            fusionConv: 'separable'
          },
          {
            modules: 1,
            blocks: 1,
            block: 'naive',
            fuse: true,
            reduceRatio: 1,
            widths: [16, 24, 40],
            fusionConv: 'separable'
          }
        ],
        withHead: false,
        keypointHead: false
      }
    ]
  ];

  it.each(HANDPICKED)(
    '%s',
    async (_, config) => {
      const valid = validateConfig(config);
      expect(valid.ok).toBe(true);
      const { errors } = await compareWithTfjs(buildGraph(config));
      for (const e of errors) expect(e).toBeLessThan(TOLERANCE);
    },
    30_000
  );

  it('six seeded random configs (block types, branches, fusion on/off, heads on/off)', async () => {
    const configs = fc.sample(validConfig, { seed: 14, numRuns: 6 });
    for (const config of configs) {
      const valid = validateConfig(config);
      expect(valid.ok).toBe(true);
      if (!valid.ok) continue;
      const { errors } = await compareWithTfjs(buildGraph(valid.config));
      for (const e of errors) expect(e, JSON.stringify(config)).toBeLessThan(TOLERANCE);
    }
  }, 60_000);
});

function npy(name: string): NamedTensor {
  const r = readNpy(fixtureBytes(name));
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

async function checkpoint(file: string, graph: Graph): Promise<WeightSource> {
  const read = await readTorchCheckpoint(fixtureBytes(file), expectedTensors(graph));
  if (!read.ok) throw new Error(read.error);
  const matched = matchCheckpoint(read.value.tensors, graph);
  if (!matched.ok) throw new Error(matched.error);
  return { kind: 'loaded', tensors: matched.value.tensors as TensorMap };
}

describe('ONNX Runtime = PyTorch on the committed parity fixtures', () => {
  const cases: Array<[config: string, weights: string, input: string, heatmaps: string]> = [
    ['reduced', 'reduced.zip.pth', 'reduced.input.npy', 'reduced.official.heatmaps.npy'],
    ['reduced-paper', 'reduced.zip.pth', 'reduced.input.npy', 'reduced.paper.heatmaps.npy'],
    [
      'litehrnet18',
      'litehrnet18.f16.deflate.pth',
      'litehrnet18.input.npy',
      'litehrnet18.heatmaps.npy'
    ],
    [
      'hrnet-narrow',
      'hrnet-narrow.f16.deflate.pth',
      'hrnet-narrow.input.npy',
      'hrnet-narrow.heatmaps.npy'
    ]
  ];

  it.each(cases)(
    '%s with %s, BatchNorm kept and folded',
    async (id, weightsFile, inputFile, want) => {
      const graph = buildGraph(fixtureConfig(id));
      const weights = await checkpoint(weightsFile, graph);
      const expected = npy(want);
      // The references are informative (values above 1), so an absolute 1e-4 is a real bar.
      expect(maxAbs(expected.data)).toBeGreaterThan(1);
      for (const foldBn of [false, true]) {
        const got = await runOnnx(exported(graph, weights, foldBn), npy(inputFile));
        expect(got.shape).toEqual(expected.shape);
        expect(maxAbsDiff(got.data, expected.data), `foldBn ${foldBn}`).toBeLessThan(TOLERANCE);
      }
    },
    30_000
  );

  it('the official-weights fixture misses by whole units in paper fusion: the quirk is in the file', async () => {
    const graph = buildGraph(fixtureConfig('reduced-paper'));
    const got = await runOnnx(
      exported(graph, await checkpoint('reduced.zip.pth', graph), false),
      npy('reduced.input.npy')
    );
    expect(maxAbsDiff(got.data, npy('reduced.official.heatmaps.npy').data)).toBeGreaterThan(0.5);
  });
});
