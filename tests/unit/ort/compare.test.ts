/**
 * Lining ONNX Runtime's NCHW heatmaps up with tfjs's per-channel maps, and the protocol edge.
 * Values are written by hand so each difference is known in advance.
 */
import { describe, expect, it } from 'vitest';
import { compareWithTfjs, comparisonText, ORT_TOLERANCE } from '$lib/ort/compare';
import {
  FORWARD_BACKENDS,
  isTfjsBackend,
  ortProvider,
  parseOrtReply,
  parseOrtRequest
} from '$lib/ort/protocol';

/** Two channels of 1x2 maps: channel 0 = (1, 2), channel 1 = (3, 4). */
const maps = [
  { height: 1, width: 2, data: Float32Array.from([1, 2]) },
  { height: 1, width: 2, data: Float32Array.from([3, 4]) }
];

describe('compareWithTfjs', () => {
  it('reads channel c of an NCHW output as the c-th slice of h·w values', () => {
    // Only channel 1's second value differs, by 0.5 (4 → 4.5).
    const r = compareWithTfjs(maps, {
      shape: [1, 2, 1, 2],
      data: Float32Array.from([1, 2, 3, 4.5])
    });
    expect(r).toEqual({ ok: true, maxAbsDiff: 0.5, values: 4, largest: 4, withinTolerance: false });
  });

  it('equal outputs are within the tolerance, and the tolerance is 1e-4', () => {
    expect(ORT_TOLERANCE).toBe(1e-4);
    const r = compareWithTfjs(maps, { shape: [1, 2, 1, 2], data: Float32Array.from([1, 2, 3, 4]) });
    expect(r).toEqual({ ok: true, maxAbsDiff: 0, values: 4, largest: 4, withinTolerance: true });
  });

  it('a NaN anywhere makes the difference NaN and never passes', () => {
    const r = compareWithTfjs(maps, {
      shape: [1, 2, 1, 2],
      data: Float32Array.from([NaN, 2, 3, 4])
    });
    expect(r.ok && Number.isNaN(r.maxAbsDiff) && !r.withinTolerance).toBe(true);
    expect(comparisonText(r)).toContain('= NaN');
  });

  it('different shapes give a sentence, not a number', () => {
    const r = compareWithTfjs(maps, { shape: [1, 1, 1, 2], data: Float32Array.from([1, 2]) });
    expect(r).toEqual({
      ok: false,
      error: 'ONNX Runtime returned 1x1x2 heatmaps; tfjs returned 2x1x2.'
    });
  });

  it('says the difference, the count and the verdict', () => {
    const small = [{ height: 1, width: 2, data: Float32Array.from([0.25, 0.5]) }];
    const r = compareWithTfjs(small, {
      shape: [1, 1, 1, 2],
      data: Float32Array.from([0.25, 0.50001])
    });
    // |0.50001 − 0.5| in float32 ≈ 1.0e-5; the largest value 0.5 is under 1: the bar is 1e-4.
    expect(comparisonText(r)).toBe(
      'max |ONNX Runtime − tfjs| = 1.0e-5 over 2 heatmap values (below 1e-4)'
    );
  });

  it('past 1 the bar scales with the largest |value|: 1e-4 × 4 = 4e-4 here', () => {
    // 4 → 4.0003: a difference of 3e-4 (2.9993e-4 in float32), under 4e-4 but over 1e-4.
    const near = compareWithTfjs(maps, {
      shape: [1, 2, 1, 2],
      data: Float32Array.from([1, 2, 3, 4.0003])
    });
    expect(near.ok && near.withinTolerance).toBe(true);
    expect(comparisonText(near)).toBe(
      'max |ONNX Runtime − tfjs| = 3.0e-4 over 4 heatmap values (below 1e-4 × 4.00, the largest |heatmap value|)'
    );
    // 4 → 4.0005: 5e-4 is over 4e-4.
    const far = compareWithTfjs(maps, {
      shape: [1, 2, 1, 2],
      data: Float32Array.from([1, 2, 3, 4.0005])
    });
    expect(far.ok && far.withinTolerance).toBe(false);
  });
});

describe('the ONNX Runtime protocol', () => {
  it('names the backends the panel offers', () => {
    expect(FORWARD_BACKENDS).toEqual([
      'auto',
      'webgpu',
      'wasm',
      'webgl',
      'cpu',
      'ort-wasm',
      'ort-webgpu'
    ]);
    expect(ortProvider('ort-webgpu')).toBe('webgpu');
    expect(ortProvider('wasm')).toBeNull();
    expect(isTfjsBackend('ort-wasm')).toBe(false);
  });

  it('parses a result and refuses a malformed one', () => {
    const result = {
      provider: 'wasm',
      modelBytes: 10,
      timing: {
        sessionMs: 1,
        firstRunMs: 2,
        warmup: 0,
        samples: [3],
        medianMs: 3,
        minMs: 3,
        maxMs: 3
      },
      output: { shape: [1, 1, 1, 1], data: new Float32Array(1) }
    };
    expect(parseOrtReply({ type: 'result', jobId: 1, result })).not.toBeNull();
    expect(
      parseOrtReply({
        type: 'result',
        jobId: 1,
        result: { ...result, output: { shape: [1], data: [0] } }
      })
    ).toBeNull();
    expect(
      parseOrtReply({ type: 'progress', jobId: 1, phase: 'run', done: 0, total: 1 })
    ).toBeNull();
    expect(
      parseOrtReply({ type: 'progress', jobId: 1, phase: 'ort-run', done: 0, total: 1 })
    ).not.toBeNull();
  });

  it('a request needs a known provider and an RGBA image', () => {
    const req = {
      type: 'run',
      jobId: 1,
      provider: 'wasm',
      config: {},
      image: { width: 1, height: 1, data: new Uint8ClampedArray(4) },
      seed: 1,
      warmup: 0,
      runs: 1
    };
    expect(parseOrtRequest(req)).not.toBeNull();
    expect(parseOrtRequest({ ...req, provider: 'webgl' })).toBeNull();
    expect(parseOrtRequest({ ...req, image: { data: [0, 0, 0, 0] } })).toBeNull();
  });
});
