import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import {
  expectedTensors,
  matchCheckpoint,
  readNpy,
  readTorchCheckpoint,
  readWeightsFiles
} from '$lib/checkpoint';
import { parseWeightsReadReply } from '$lib/checkpoint/read-protocol';
import { buildGraph } from '$lib/model';
import { inferNchw } from '$lib/tf/infer';
import { parseRequest, type RunRequest } from '$lib/tf/protocol';
import { runJob } from '$lib/tf/session';
import { fixtureBytes, fixtureConfig } from '../checkpoint/fixtures';
import { useWasm } from './setup';

beforeAll(useWasm);

async function reducedWeights() {
  const graph = buildGraph(fixtureConfig('reduced'));
  const read = await readTorchCheckpoint(fixtureBytes('reduced.zip.pth'), expectedTensors(graph));
  if (!read.ok) throw new Error(read.error);
  const matched = matchCheckpoint(read.value.tensors, graph);
  if (!matched.ok) throw new Error(matched.error);
  return { graph, tensors: matched.value.tensors };
}

function fixtureInput() {
  const r = readNpy(fixtureBytes('reduced.input.npy'));
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('a forward-pass job on loaded weights', () => {
  it('runs the input tensor, reports the weights, verifies and leaks nothing', async () => {
    const { graph, tensors } = await reducedWeights();
    const config = fixtureConfig('reduced');
    const { height, width } = config.input;
    const req: RunRequest = {
      type: 'run',
      jobId: 1,
      config,
      image: { height, width, data: new Uint8ClampedArray(height * width * 4) },
      inputTensor: fixtureInput().data,
      backend: 'wasm',
      warmup: 0,
      runs: 1,
      seed: 1
    };
    const r = await runJob(
      req,
      { name: 'wasm', reason: 'test' },
      () => {},
      {
        kind: 'loaded',
        tensors
      },
      'reduced.zip.pth'
    );
    expect(r.weights).toEqual({ kind: 'loaded', label: 'reduced.zip.pth', tensors: 268 });
    expect(r.verification.firstMismatch).toBeNull();
    expect(r.memory.end.tensors).toBe(r.memory.start.tensors);
    // Heatmap channel 0, read back from the job, against the PyTorch reference.
    const want = readNpy(fixtureBytes('reduced.official.heatmaps.npy'));
    if (!want.ok) throw new Error(want.error);
    const plane = r.outputs[0].height * r.outputs[0].width;
    const err = r.outputs[0].data.reduce(
      (m, v, i) => Math.max(m, Math.abs(v - want.value.data[i])),
      0
    );
    expect(plane).toBe(16 * 12);
    expect(err).toBeLessThan(1e-4);
    expect(graph.ops.length).toBe(r.verification.total);
  });

  it('a wrong-sized input tensor is refused in words', async () => {
    const config = fixtureConfig('reduced');
    const { height, width } = config.input;
    const req: RunRequest = {
      type: 'run',
      jobId: 1,
      config,
      image: { height, width, data: new Uint8ClampedArray(height * width * 4) },
      inputTensor: new Float32Array(10),
      backend: 'wasm',
      warmup: 0,
      runs: 1,
      seed: 1
    };
    await expect(runJob(req, { name: 'wasm', reason: 'test' })).rejects.toThrow(
      'The input tensor has 10 values; 1x3x64x48 needs 9216.'
    );
  });

  it('inferNchw frees everything, also when the input does not fit', async () => {
    const { graph, tensors } = await reducedWeights();
    const before = tf.memory().numTensors;
    const out = await inferNchw(graph, { kind: 'loaded', tensors }, fixtureInput());
    expect(out.get(graph.output)!.shape).toEqual([1, 3, 16, 12]);
    await expect(
      inferNchw(
        graph,
        { kind: 'loaded', tensors },
        { shape: [1, 3, 32, 32], data: new Float32Array(3072) }
      )
    ).rejects.toThrow('the input tensor is 1x3x32x32, the network needs 1x3x64x48 (N x C x H x W)');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('weights at the edges', () => {
  it('a run request with malformed weights is dropped', () => {
    const base = {
      type: 'run',
      jobId: 1,
      config: {},
      image: { width: 1, height: 1, data: new Uint8ClampedArray(4) },
      backend: 'wasm',
      warmup: 0,
      runs: 1,
      seed: 1
    };
    const tensor = { name: 'a.weight', shape: [2], data: new Float32Array(2) };
    expect(
      parseRequest({ ...base, weights: { key: 1, label: 'x', tensors: [tensor] } })
    ).not.toBeNull();
    expect(
      parseRequest({ ...base, weights: { key: 1, label: 'x', tensors: null } })
    ).not.toBeNull();
    expect(
      parseRequest({
        ...base,
        weights: { key: 1, label: 'x', tensors: [{ ...tensor, data: [0, 0] }] }
      })
    ).toBeNull();
    expect(parseRequest({ ...base, weights: { label: 'x', tensors: null } })).toBeNull();
    expect(parseRequest({ ...base, inputTensor: [1, 2, 3] })).toBeNull();
  });

  it('the reader reply is parsed, and a bad one is an error sentence', () => {
    const t = { name: 'a', shape: [1], data: new Float32Array(1) };
    const good = parseWeightsReadReply({ ok: true, label: 'w.pth', tensors: [t] });
    expect(good.ok && good.value.tensors.get('a')?.shape).toEqual([1]);
    expect(parseWeightsReadReply({ ok: false, error: 'No.' })).toEqual({ ok: false, error: 'No.' });
    expect(
      parseWeightsReadReply({ ok: true, label: 'w', tensors: [{ ...t, shape: [-1] }] }).ok
    ).toBe(false);
    expect(parseWeightsReadReply(null).ok).toBe(false);
  });

  it('files: a .pth alone, a manifest with its .bin, and a manifest alone is refused', async () => {
    const reduced = expectedTensors(buildGraph(fixtureConfig('reduced')));
    const pth = await readWeightsFiles(
      [{ name: 'r.pth', bytes: fixtureBytes('reduced.zip.pth') }],
      reduced
    );
    expect(pth.ok && pth.value.label).toBe('r.pth');
    const manifest = JSON.stringify({
      format: 'lite-hrnet-weights',
      version: 1,
      tensors: [{ name: 'a', shape: [2], offset: 0 }]
    });
    const bin = new Uint8Array(new Float32Array([1.5, -2]).buffer);
    const expected = [{ name: 'a', shape: [2], optional: false, op: 'a' }];
    const pair = await readWeightsFiles(
      [
        { name: 'w.bin', bytes: bin },
        { name: 'w.json', bytes: new TextEncoder().encode(manifest) }
      ],
      expected
    );
    expect(pair.ok && [...pair.value.tensors.get('a')!.data]).toEqual([1.5, -2]);
    expect(pair.ok && pair.value.label).toBe('w.json + w.bin');
    expect(await readWeightsFiles([{ name: 'w.json', bytes: new Uint8Array() }], expected)).toEqual(
      {
        ok: false,
        error: 'w.json is a manifest; choose its .bin file together with it.'
      }
    );
    const other = await readWeightsFiles(
      [{ name: 'photo.png', bytes: new Uint8Array() }],
      expected
    );
    expect(other.ok).toBe(false);
  });
});
