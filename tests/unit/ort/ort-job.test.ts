/**
 * The ONNX Runtime job (src/lib/ort/session.ts) as the panel's worker runs it, here on
 * onnxruntime-node (native ORT: the same job code, another build of the same runtime). Its
 * heatmaps are checked against PyTorch's for the committed reduced fixture (an independent
 * oracle, tests/parity/make_fixtures.py) and against the tfjs job on the same request.
 */
import * as ortNode from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectedTensors, matchCheckpoint, readNpy, readTorchCheckpoint } from '$lib/checkpoint';
import { buildGraph, presetConfig } from '$lib/model';
import { compareWithTfjs, ORT_TOLERANCE } from '$lib/ort/compare';
import type { OrtPhase, OrtRunRequest } from '$lib/ort/protocol';
import type { OrtModule } from '$lib/ort/session';
import { nhwcToNchw, OrtJobError, runOrtJob } from '$lib/ort/session';
import type { RunRequest } from '$lib/tf/protocol';
import { runJob } from '$lib/tf/session';
import { fixtureBytes, fixtureConfig } from '../checkpoint/fixtures';
import { useWasm } from '../tf/setup';

beforeAll(useWasm);

const ort = ortNode as unknown as OrtModule;

async function reducedTensors() {
  const graph = buildGraph(fixtureConfig('reduced'));
  const read = await readTorchCheckpoint(fixtureBytes('reduced.zip.pth'), expectedTensors(graph));
  if (!read.ok) throw new Error(read.error);
  const matched = matchCheckpoint(read.value.tensors, graph);
  if (!matched.ok) throw new Error(matched.error);
  return matched.value.tensors;
}

function npy(name: string) {
  const r = readNpy(fixtureBytes(name));
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** An RGBA image whose pixels follow a simple pattern (no two neighbours alike). */
function patternImage(height: number, width: number) {
  const data = new Uint8ClampedArray(height * width * 4);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37) % 256;
  return { height, width, data };
}

function ortRequest(r: RunRequest): OrtRunRequest {
  return {
    type: 'run',
    jobId: r.jobId,
    provider: 'wasm',
    config: r.config,
    image: r.image,
    inputTensor: r.inputTensor,
    seed: r.seed,
    warmup: r.warmup,
    runs: r.runs
  };
}

describe('nhwcToNchw', () => {
  it('moves each pixel’s three channels into three planes', () => {
    // 1x2x2x3 NHWC: pixel p holds (10p, 10p+1, 10p+2) → planes R = 0,10,20,30; G = 1,11,…
    const nhwc = Float32Array.from([0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32]);
    expect([...nhwcToNchw(nhwc, 2, 2)]).toEqual([0, 10, 20, 30, 1, 11, 21, 31, 2, 12, 22, 32]);
  });
});

describe('an ONNX Runtime job', () => {
  it('on the reduced fixture’s checkpoint gives PyTorch’s heatmaps and tfjs’s within 1e-4', async () => {
    const tensors = await reducedTensors();
    const config = fixtureConfig('reduced');
    const { height, width } = config.input;
    const req: RunRequest = {
      type: 'run',
      jobId: 1,
      config,
      image: patternImage(height, width),
      inputTensor: npy('reduced.input.npy').data,
      backend: 'wasm',
      warmup: 1,
      runs: 3,
      seed: 1
    };
    const phases: OrtPhase[] = [];
    const got = await runOrtJob(
      ort,
      ortRequest(req),
      { kind: 'loaded', tensors },
      (p) => phases.push(p),
      'cpu'
    );
    expect(phases).toEqual([
      'exporting',
      'ort-session',
      'ort-first-run',
      'ort-warm-up',
      'ort-run',
      'ort-run',
      'ort-run'
    ]);
    expect(got.timing.samples).toHaveLength(3);
    expect(got.timing.minMs).toBeLessThanOrEqual(got.timing.medianMs);
    expect(got.timing.medianMs).toBeLessThanOrEqual(got.timing.maxMs);
    const want = npy('reduced.official.heatmaps.npy');
    expect(got.output.shape).toEqual(want.shape);
    const vsTorch = got.output.data.reduce((m, v, i) => Math.max(m, Math.abs(v - want.data[i])), 0);
    expect(vsTorch).toBeLessThan(1e-4);

    const tfjs = await runJob(req, { name: 'wasm', reason: 'test' }, () => {}, {
      kind: 'loaded',
      tensors
    });
    const cmp = compareWithTfjs(tfjs.outputs, got.output);
    expect(cmp.ok && cmp.withinTolerance).toBe(true);
    if (cmp.ok) expect(cmp.values).toBe(want.data.length);
  }, 60_000);

  it('on seeded weights and an image (normalised, then NCHW) agrees with tfjs on the same image', async () => {
    const config = presetConfig('litehrnet_18', { height: 64, width: 32 });
    const req: RunRequest = {
      type: 'run',
      jobId: 2,
      config,
      image: patternImage(64, 32),
      backend: 'wasm',
      warmup: 0,
      runs: 1,
      seed: 1
    };
    const got = await runOrtJob(ort, ortRequest(req), { kind: 'seeded', seed: 1 }, () => {}, 'cpu');
    const tfjs = await runJob(req, { name: 'wasm', reason: 'test' });
    const cmp = compareWithTfjs(tfjs.outputs, got.output);
    if (!cmp.ok) throw new Error(cmp.error);
    // 17 joints at 64/4 x 32/4.
    expect(cmp.values).toBe(17 * 16 * 8);
    expect(cmp.maxAbsDiff).toBeLessThan(ORT_TOLERANCE);
    // Informative heatmaps: the bar means something only if values are not all near zero.
    expect(Math.max(...tfjs.outputs.map((m) => Math.max(...m.data.map(Math.abs))))).toBeGreaterThan(
      0.01
    );
  }, 60_000);

  it('refuses an invalid config and a wrong-sized input in words', async () => {
    const config = presetConfig('litehrnet_18', { height: 64, width: 32 });
    const base: OrtRunRequest = {
      type: 'run',
      jobId: 3,
      provider: 'wasm',
      config,
      image: patternImage(64, 32),
      seed: 1,
      warmup: 0,
      runs: 1
    };
    const seeded = { kind: 'seeded', seed: 1 } as const;
    await expect(
      runOrtJob(ort, { ...base, inputTensor: new Float32Array(5) }, seeded)
    ).rejects.toThrow(/has 5 values; 1x3x64x32 needs 6144/);
    const bad = { ...config, input: { height: 63, width: 32 } };
    await expect(runOrtJob(ort, { ...base, config: bad }, seeded)).rejects.toBeInstanceOf(
      OrtJobError
    );
  });
});
