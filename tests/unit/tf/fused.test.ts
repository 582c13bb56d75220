import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { LiteHRNetConfig, OpOf } from '$lib/model';
import { PRESET_IDS, buildGraph, presetConfig } from '$lib/model';
import { compileGraph } from '$lib/tf/compile';
import { runGraph } from '$lib/tf/executor';
import { FusedModel, foldBatchnorm } from '$lib/tf/fused';
import { fusedCheck, outputScale } from '$lib/tf/fused-check';
import { parseRequest, type RunRequest } from '$lib/tf/protocol';
import { runJob } from '$lib/tf/session';
import { WeightStore } from '$lib/tf/weights';
import { validConfig } from '../model/arbitraries';
import { useWasm } from './setup';

beforeAll(useWasm);

const EPS = 1e-5;

/** A conv op and a BatchNorm op as the builder makes them (only the fields folding reads). */
function convOp(groups: number, bias: boolean, inChannels: number, kernel: number) {
  return {
    kind: 'conv2d',
    name: 'c',
    attrs: { inChannels, outChannels: 2, kernel, stride: 1, padding: 0, groups, bias }
  } as unknown as OpOf<'conv2d'>;
}
const bnOp = {
  kind: 'batchnorm',
  name: 'bn',
  attrs: { channels: 2, eps: EPS }
} as OpOf<'batchnorm'>;

function lookup(tensors: Record<string, tf.Tensor>) {
  return { get: <R extends tf.Rank>(k: string) => tensors[k] as tf.Tensor<R> };
}

describe('BatchNorm folding, by hand', () => {
  // γ = (2, 1), β = (0.5, −1), μ = (1, −2), σ² = (4, 1), eps = 1e-5:
  // s = γ / √(σ² + eps) = (2/√4.00001, 1/√1.00001) ≈ (0.99999875, 0.999995).
  const s = [2 / Math.sqrt(4 + EPS), 1 / Math.sqrt(1 + EPS)];
  const bn = () => ({
    'bn.weight': tf.tensor1d([2, 1]),
    'bn.bias': tf.tensor1d([0.5, -1]),
    'bn.running_mean': tf.tensor1d([1, -2]),
    'bn.running_var': tf.tensor1d([4, 1])
  });

  it('a 1x1 conv without bias: w′ = w·s per output channel, b′ = −μ·s + β', () => {
    // Filter 1 x 1 x C_in=1 x C_out=2 holding (3, −5).
    const w = lookup({ ...bn(), 'c.weight': tf.tensor4d([3, -5], [1, 1, 1, 2]) });
    const { filter, bias } = foldBatchnorm(convOp(1, false, 1, 1), bnOp, w);
    expectClose(filter.dataSync(), [3 * s[0], -5 * s[1]]);
    expectClose(bias!.dataSync(), [-1 * s[0] + 0.5, 2 * s[1] - 1]);
    tf.dispose([filter, bias!]);
  });

  it('a conv with its own bias b: b′ = (b − μ)·s + β', () => {
    const w = lookup({
      ...bn(),
      'c.weight': tf.tensor4d([3, -5], [1, 1, 1, 2]),
      'c.bias': tf.tensor1d([10, 20])
    });
    const { bias } = foldBatchnorm(convOp(1, true, 1, 1), bnOp, w);
    expectClose(bias!.dataSync(), [(10 - 1) * s[0] + 0.5, (20 + 2) * s[1] - 1]);
    bias!.dispose();
  });

  it('a depthwise conv (k x k x C x 1) scales channel c of every tap by s_c', () => {
    // 2x2 taps, 2 channels: value at (ky, kx, c) is 10·ky + 2·kx + c + 1.
    const values = [0, 1].flatMap((ky) =>
      [0, 1].flatMap((kx) => [0, 1].map((c) => 10 * ky + 2 * kx + c + 1))
    );
    const w = lookup({ ...bn(), 'c.weight': tf.tensor4d(values, [2, 2, 2, 1]) });
    const { filter } = foldBatchnorm(convOp(2, false, 2, 2), bnOp, w);
    expectClose(
      filter.dataSync(),
      values.map((v, i) => v * s[i % 2])
    );
    filter.dispose();
  });
});

function expectClose(actual: ArrayLike<number>, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, 5));
}

describe('the fused plan', () => {
  const graph = buildGraph(presetConfig('litehrnet_18', { height: 256, width: 192 }));
  const plan = compileGraph(graph);

  it('covers every op of Lite-HRNet-18 exactly once, in fewer steps than ops', () => {
    const covered = plan.steps.flatMap((s) => s.covers).sort((a, b) => a - b);
    expect(covered).toEqual(graph.ops.map((o) => o.id));
    expect(plan.steps.length).toBeLessThan(graph.ops.length);
  });

  it('has no standalone BatchNorm, channel shuffle or slice of a chunk in Lite-HRNet-18', () => {
    const plain = plan.steps.flatMap((s) => (s.kind === 'op' ? [s.op.kind] : []));
    expect(plain).not.toContain('batchnorm');
    expect(plain).not.toContain('channel_shuffle');
    expect(plain).not.toContain('slice');
    // Every nearest resize (cross-resolution weighting) and upsample (fusion) is a whole factor
    // at 256x192 (64x48 → 32x24 → 16x12 → 8x6), so each rides inside a broadcast mul or add.
    expect(plain).not.toContain('resize_nearest');
    expect(plain).not.toContain('upsample_nearest');
    // Every conv of the graph is one fused conv step (353 convs: the graph's count).
    const convs = graph.ops.filter((o) => o.kind === 'conv2d').length;
    expect(plan.steps.filter((s) => s.kind === 'conv')).toHaveLength(convs);
  });

  it('covers every op exactly once, and reads only what earlier steps made, in random configs', () => {
    for (const c of fc.sample(validConfig, { seed: 4, numRuns: 40 })) {
      const g = buildGraph(c);
      const p = compileGraph(g);
      expect(p.steps.flatMap((s) => s.covers).sort((a, b) => a - b)).toEqual(
        g.ops.map((o) => o.id)
      );
      const made = new Set<number>([-1]);
      for (const step of p.steps) {
        for (const i of step.inputs) expect(made.has(i)).toBe(true);
        for (const o of step.outputs) made.add(o);
      }
      expect(made.has(g.output)).toBe(true);
    }
  });

  it('splits a conv result read only as slices by splitting the filters instead', () => {
    // The cross-resolution weighting: one per conditional channel weighting block, stages of
    // (modules, blocks) (2, 2), (4, 2), (2, 2) make 16, each splitting its last conv's result
    // into one slice per branch (2, 3, 4 branches). And Tensor.chunk(2) straight after a conv:
    // the stem's conv1, and the first block of each branch a transition makes (stage 2's two,
    // one new branch in stages 3 and 4).
    const split = plan.steps.filter((s) => s.kind === 'conv' && s.splits);
    const names = (n: number) =>
      split
        .filter((s) => s.outputs.length === n)
        .map((s) => (s.kind === 'conv' ? s.conv.name : ''));
    expect(names(3)).toHaveLength(8);
    expect(names(4)).toHaveLength(4);
    const halves = names(2).filter((n) => !n.includes('cross_resolution_weighting'));
    expect(names(2)).toHaveLength(4 + halves.length);
    expect(halves.map((n) => n.split('.').slice(0, 3).join('.'))).toEqual([
      'backbone.stem.conv1',
      'backbone.transition0.0',
      'backbone.transition0.1',
      'backbone.transition1.2',
      'backbone.transition2.3'
    ]);
    for (const s of split) {
      expect(s.outputs.every((id) => graph.ops[id].kind === 'slice')).toBe(true);
    }
  });

  it("sums each fusion output's terms at once: 2 + 3 + 4 terms per module, twice over", () => {
    // Official fusion, output i of an n-branch module: the seed plus n terms (branch 0 twice).
    // Stages have (modules, branches) (2, 2), (4, 3), (2, 4): 2·2 + 4·3 + 2·4 = 24 sums, and
    // the IterativeHead's 3 adds stay single adds (each partial result is also read by a conv).
    const sums = plan.steps.filter((s) => s.kind === 'sum');
    expect(sums).toHaveLength(27);
    const terms = sums.map((s) => s.inputs.length);
    expect(terms.filter((t) => t === 3)).toHaveLength(2 * 2);
    expect(terms.filter((t) => t === 4)).toHaveLength(4 * 3);
    expect(terms.filter((t) => t === 5)).toHaveLength(2 * 4);
  });
});

/** max |fused − op by op| on the output, its scale, and whether every tensor made was freed. */
function compare(
  config: LiteHRNetConfig,
  seed = 7
): { diff: number; scale: number; leaked: number } {
  const graph = buildGraph(config);
  const before = tf.memory().numTensors;
  const weights = new WeightStore(graph, seed);
  const { height, width } = config.input;
  const x = tf.randomUniform([1, height, width, 3], -2, 2, 'float32', seed) as tf.Tensor4D;
  const model = new FusedModel(graph, weights);
  const reference = runGraph(graph, weights, x).outputs.get(graph.output)!;
  const fused = model.run(x);
  const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(reference, fused))).dataSync()[0]);
  const scale = outputScale([{ data: reference.dataSync() }]);
  tf.dispose([reference, fused, x]);
  model.dispose();
  weights.dispose();
  return { diff, scale, leaked: tf.memory().numTensors - before };
}

describe('fused equals op by op within 1e-4', () => {
  it('Lite-HRNet-18 at 256x192', () => {
    const r = compare(presetConfig('litehrnet_18', { height: 256, width: 192 }));
    expect(r.diff).toBeLessThanOrEqual(1e-4);
    expect(r.leaked).toBe(0);
  }, 60_000);

  it('Lite-HRNet-30 at 256x192 within 1e-4 of its output scale (its heatmaps reach the hundreds)', () => {
    // Seeded weights give this deeper net outputs far above 1, where float32 steps are ~1e-5:
    // the bound is 1e-4 · max(1, max |output|) (fused-check.ts).
    const r = compare(presetConfig('litehrnet_30', { height: 256, width: 192 }), 1);
    expect(r.diff).toBeLessThanOrEqual(1e-4 * r.scale);
    expect(r.leaked).toBe(0);
  }, 60_000);

  for (const id of PRESET_IDS) {
    it(`${id} at 64x64, and with the paper's fusion`, () => {
      const config = presetConfig(id, { height: 64, width: 64 });
      for (const c of [config, { ...config, fusion: 'paper' as const }]) {
        const r = compare(c);
        expect(r.diff).toBeLessThanOrEqual(1e-4);
        expect(r.leaked).toBe(0);
      }
    }, 60_000);
  }

  it('on the cpu backend too (tf.fused kernels exist on every backend)', async () => {
    await tf.setBackend('cpu');
    try {
      const r = compare(presetConfig('litehrnet_18', { height: 64, width: 64 }));
      expect(r.diff).toBeLessThanOrEqual(1e-4);
      expect(r.leaked).toBe(0);
    } finally {
      await useWasm();
    }
  }, 60_000);

  it('24 seeded random valid configs (ablation blocks, no heads, 1 to 4 branches)', () => {
    const configs = fc.sample(validConfig, { seed: 15, numRuns: 24 });
    for (const c of configs) {
      const r = compare(c, 3);
      expect(r.diff, JSON.stringify(c)).toBeLessThanOrEqual(1e-4);
      expect(r.leaked).toBe(0);
    }
  }, 120_000);
});

describe('the sentence the page shows', () => {
  it('gives the difference, and its share of the output scale when that is above 1', () => {
    expect(fusedCheck(3.1e-6, 1)).toEqual({
      ok: true,
      sentence: 'fused output equals op by op within 3.1e-6'
    });
    expect(fusedCheck(0, 1).sentence).toBe('fused output equals op by op exactly');
    // 1.4e-4 against 234: 6.0e-7 of it, inside 1e-4 · 234 = 0.0234.
    expect(fusedCheck(1.4e-4, 234)).toEqual({
      ok: true,
      sentence: 'fused output equals op by op within 1.4e-4 (6.0e-7 of the largest value, 234)'
    });
    expect(fusedCheck(0.5, 1)).toEqual({
      ok: false,
      sentence: 'fused output equals op by op within 0.5; more than the 1.0e-4 expected'
    });
  });

  it('measures the scale as the largest |value|, at least 1', () => {
    expect(outputScale([{ data: [0.2, -0.4] }])).toBe(1);
    expect(outputScale([{ data: [0.2] }, { data: [-234, 3] }])).toBe(234);
  });
});

describe('a fused job', () => {
  const config = presetConfig('litehrnet_18', { height: 64, width: 64 });
  const request = (execution?: RunRequest['execution']): RunRequest => ({
    type: 'run',
    jobId: 1,
    config,
    image: { height: 64, width: 64, data: new Uint8ClampedArray(64 * 64 * 4).fill(90) },
    backend: 'wasm',
    execution,
    warmup: 1,
    runs: 2,
    seed: 3
  });
  const WASM = { name: 'wasm', reason: 'test' } as const;

  it('times the fused plan, checks it against op by op and frees what it folded', async () => {
    const r = await runJob(request('fused'), WASM);
    expect(r.execution).toBe('fused');
    expect(r.fusedMaxAbsDiff).toBeLessThanOrEqual(1e-4);
    expect(r.timing.samples).toHaveLength(2);
    expect(r.verification.firstMismatch).toBeNull();
    expect(r.memory.afterRuns).toEqual(r.memory.beforeRuns);
    expect(r.memory.end).toEqual(r.memory.start);
  }, 60_000);

  it('runs op by op when the request names no execution, as older links do', async () => {
    const r = await runJob(request(), WASM);
    expect(r.execution).toBe('op-by-op');
    expect(r.fusedMaxAbsDiff).toBeNull();
  }, 60_000);

  it('a request with an unknown execution is refused at the edge', () => {
    expect(parseRequest({ ...request('fused') })).not.toBeNull();
    expect(parseRequest({ ...request(), execution: 'turbo' })).toBeNull();
  });
});
