import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { LiteHRNetConfig, PresetId } from '$lib/model';
import { PRESET_IDS, buildGraph, costGraph, presetConfig } from '$lib/model';
import { runGraph } from '$lib/tf/executor';
import type { RunRequest } from '$lib/tf/protocol';
import { runJob } from '$lib/tf/session';
import { verifyTrace } from '$lib/tf/verify';
import { WeightStore } from '$lib/tf/weights';
import { useWasm } from './setup';

beforeAll(useWasm);

const SMALL = { height: 64, width: 64 };

/**
 * Official parameter counts (README of HRNet/Lite-HRNet, COCO heads with 17 joints). HRNet's
 * README rounds (28.5M, 63.6M): the exact counts are those of the official pose_hrnet.py built
 * from the W32/W48 YAML (tests/oracle/fixtures/hrnet.json).
 */
const README_PARAMS: Record<PresetId, number> = {
  litehrnet_18: 1_130_769,
  litehrnet_30: 1_763_717,
  naive_litehrnet_18: 760_365,
  wider_naive_litehrnet_18: 1_318_625,
  hrnet_w32: 28_536_113,
  hrnet_w48: 63_595_745
};

function grey(height: number, width: number): RunRequest['image'] {
  return { height, width, data: new Uint8ClampedArray(height * width * 4).fill(128) };
}

function request(config: LiteHRNetConfig, extra: Partial<RunRequest> = {}): RunRequest {
  const { height, width } = config.input;
  return {
    type: 'run',
    jobId: 1,
    config,
    image: grey(height, width),
    backend: 'wasm',
    warmup: 0,
    runs: 1,
    seed: 7,
    ...extra
  };
}

const WASM = { name: 'wasm', reason: 'test' } as const;

describe('every preset verifies op by op at 64x64', () => {
  for (const id of PRESET_IDS) {
    it(`${id}: N/N ops, README params from real tensors, all four MAC totals`, async () => {
      const config = presetConfig(id, SMALL);
      const n = buildGraph(config).ops.length;
      const r = await runJob(request(config), WASM);
      const v = r.verification;
      expect(v.firstMismatch).toBeNull();
      expect(v.summary).toBe(`${n}/${n} ops verified`);
      expect(v.totals.params).toEqual([README_PARAMS[id], README_PARAMS[id]]);
      for (const [traced, symbolic] of Object.values(v.totals.macs)) expect(traced).toBe(symbolic);
      expect(v.verdicts).toHaveLength(n);
    }, 60_000);
  }

  it("the paper's fusion (each branch once) verifies too", async () => {
    const config = { ...presetConfig('litehrnet_18', SMALL), fusion: 'paper' as const };
    const r = await runJob(request(config), WASM);
    expect(r.verification.firstMismatch).toBeNull();
  }, 60_000);
});

describe('outputs', () => {
  it('gives 17 heatmaps at H/4 x W/4 and one channel-mean map per branch per stage', async () => {
    // 64x64 input: heatmaps 16x16; stages have 2, 3, 4 branches at 16, 8, 4, 2 pixels a side.
    const r = await runJob(request(presetConfig('litehrnet_18', SMALL)), WASM);
    expect(r.outputs).toHaveLength(17);
    expect(r.outputs[0]).toMatchObject({ height: 16, width: 16 });
    expect(r.stageMaps.map((m) => `${m.stage}.${m.branch}:${m.height}`)).toEqual([
      '0.0:16',
      '0.1:8',
      '1.0:16',
      '1.1:8',
      '1.2:4',
      '2.0:16',
      '2.1:8',
      '2.2:4',
      '2.3:2'
    ]);
    expect(r.outputs.every((m) => m.data.every(Number.isFinite))).toBe(true);
  }, 60_000);

  it('the same seed gives the same heatmaps; another seed different ones', async () => {
    const config = presetConfig('naive_litehrnet_18', SMALL);
    const a = await runJob(request(config, { seed: 1 }), WASM);
    const b = await runJob(request(config, { seed: 1 }), WASM);
    const c = await runJob(request(config, { seed: 2 }), WASM);
    expect(b.outputs[3].data).toEqual(a.outputs[3].data);
    expect(c.outputs[3].data).not.toEqual(a.outputs[3].data);
  }, 60_000);
});

describe('no tensor leaks', () => {
  it('20 passes leave the tensor count where it was', async () => {
    const graph = buildGraph(presetConfig('litehrnet_18', SMALL));
    const weights = new WeightStore(graph, 3);
    const x = tf.zeros([1, 64, 64, 3]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      const { outputs } = runGraph(graph, weights, x);
      expect(outputs.size).toBe(1);
      for (const t of outputs.values()) t.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    weights.dispose();
  }, 60_000);

  it('a job reports afterRuns = beforeRuns and end = start, and repeated jobs return to baseline', async () => {
    const baseline = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const r = await runJob(request(presetConfig('litehrnet_18', SMALL), { runs: 3 }), WASM);
      expect(r.memory.afterRuns).toEqual(r.memory.beforeRuns);
      expect(r.memory.end).toEqual(r.memory.start);
      expect(r.memory.beforeRuns.tensors).toBeGreaterThan(r.memory.start.tensors);
    }
    expect(tf.memory().numTensors).toBe(baseline);
  }, 60_000);

  it('a refused job (bad image) leaves nothing behind and says why', async () => {
    const baseline = tf.memory().numTensors;
    const bad = request(presetConfig('litehrnet_18', SMALL), { image: grey(32, 32) });
    await expect(runJob(bad, WASM)).rejects.toThrow(/32x32 pixels but the network expects 64x64/);
    expect(tf.memory().numTensors).toBe(baseline);
  });
});

describe('verification can fail', () => {
  const config = presetConfig('litehrnet_18', SMALL);
  const graph = buildGraph(config);
  const costs = costGraph(graph);

  async function traced() {
    const weights = new WeightStore(graph, 1);
    const x = tf.zeros([1, 64, 64, 3]) as tf.Tensor4D;
    const pass = runGraph(graph, weights, x, new Set([graph.output]), true);
    for (const t of pass.outputs.values()) t.dispose();
    x.dispose();
    const createdParams = [...weights.createdParams];
    weights.dispose();
    return { trace: pass.trace!, createdParams };
  }

  it('a wrong traced shape names that op as the first mismatch', async () => {
    const { trace, createdParams } = await traced();
    trace[5] = { ...trace[5], outShape: [1, 99, 1, 1] };
    const v = verifyTrace(graph, costs, trace, createdParams);
    expect(v.verified).toBe(graph.ops.length - 1);
    expect(v.firstMismatch?.id).toBe(5);
    expect(v.summary).toMatch(
      new RegExp(`^${graph.ops.length - 1}/${graph.ops.length} ops verified; first mismatch: op 5 `)
    );
    expect(v.verdicts[5]).toMatchObject({ ok: false });
    expect(v.verdicts[4]).toEqual({ ok: true });
  }, 30_000);

  it('a conv that ran with another kernel size fails on MACs, params on a missing weight', async () => {
    const { trace, createdParams } = await traced();
    // Op 0 is the stem's 3x3 conv 3 → 32 at 32x32: 9·3·32·32·32 = 884,736 MACs; as a 1x1: 98,304.
    const conv = trace[0];
    trace[0] = { ...conv, conv: { ...conv.conv!, kernel: 1 } };
    createdParams[1] = 0;
    const v = verifyTrace(graph, costs, trace, createdParams);
    expect(v.checks[0].macs.conv).toEqual([98_304, 884_736]);
    expect(v.checks[0].verdict).toMatchObject({ ok: false });
    // Op 1 is that conv's BN over 32 channels: weight + bias = 64 params.
    expect(v.checks[1].verdict).toEqual({ ok: false, reason: 'params 0 ≠ symbolic 64' });
  }, 30_000);

  it('a pass that stopped early leaves the rest "not executed"', async () => {
    const { trace, createdParams } = await traced();
    const v = verifyTrace(graph, costs, trace.slice(0, 10), createdParams);
    expect(v.verified).toBe(10);
    expect(v.checks[10].verdict).toEqual({ ok: false, reason: 'not executed' });
  }, 30_000);
});

describe('profiling run', () => {
  it('times every op (byOp, by op id) and byKind is their sum per kind', async () => {
    const config = presetConfig('litehrnet_18', SMALL);
    const graph = buildGraph(config);
    const r = await runJob(request(config), WASM);
    expect(r.byOp).toHaveLength(graph.ops.length);
    for (const ms of r.byOp) expect(ms).toBeGreaterThanOrEqual(0);
    for (const k of r.byKind) {
      const ops = graph.ops.filter((o) => o.kind === k.kind);
      expect(k.calls).toBe(ops.length);
      expect(ops.reduce((t, o) => t + r.byOp[o.id], 0)).toBeCloseTo(k.ms, 9);
    }
  }, 60_000);
});
