import { describe, expect, it } from 'vitest';
import { parseTrainReply, parseTrainRequest } from '$lib/train/train-protocol';

describe('the training worker’s messages', () => {
  it('reads well-formed replies', () => {
    const step = {
      type: 'step',
      run: 0,
      step: 3,
      loss: 0.05,
      stepsPerSecond: 1.5,
      stepMs: 640,
      elapsedMs: 2000
    };
    expect(parseTrainReply(step)).toEqual(step);
    expect(parseTrainReply({ type: 'finished', stopped: true })).toEqual({
      type: 'finished',
      stopped: true
    });
    const preview = {
      count: 1,
      heatmapHeight: 2,
      heatmapWidth: 3,
      maxMaps: new Float32Array(6),
      keypoints: new Float32Array(34)
    };
    const evaluation = {
      type: 'evaluation',
      run: 0,
      step: 1,
      pck: 0.5,
      ap: 0.1,
      baselinePck: 0.3,
      preview
    };
    expect(parseTrainReply(evaluation)).toEqual(evaluation);
  });

  it('turns anything else into null, never a throw', () => {
    for (const bad of [
      null,
      42,
      'step',
      { type: 'step', run: 0, step: 1, loss: 'low', stepsPerSecond: 1, stepMs: 1, elapsedMs: 1 },
      { type: 'step', run: 0, step: 1, loss: 0.1, stepsPerSecond: 1, elapsedMs: 1 },
      { type: 'constructor' },
      { type: 'toString' },
      {
        type: 'prediction',
        preview: {
          count: 1,
          heatmapHeight: 2,
          heatmapWidth: 3,
          maxMaps: new Float32Array(5),
          keypoints: new Float32Array(34)
        }
      },
      { type: 'weights', tensors: [{ name: 'x', shape: [-1], data: new Float32Array(1) }] }
    ])
      expect(parseTrainReply(bad)).toBeNull();
  });

  it('reads a start request on any training backend and refuses an unknown one', () => {
    const start = {
      type: 'start',
      backend: 'cpu',
      runs: [{ side: 'A', seed: 1, config: {} }],
      steps: 5,
      batchSize: 2,
      learningRate: 0.002,
      validationSize: 4,
      previewSize: 2,
      evaluateAt: [5]
    };
    expect(parseTrainRequest(start)).toEqual(start);
    expect(parseTrainRequest({ ...start, backend: 'wasm' })).toEqual({ ...start, backend: 'wasm' });
    expect(parseTrainRequest({ ...start, backend: 'tensorflow' })).toBeNull();
    expect(parseTrainRequest({ type: 'pause', extra: 1 })).toEqual({ type: 'pause' });
    expect(parseTrainRequest({ type: 'export' })).toEqual({ type: 'export' });
    expect(parseTrainRequest({ type: 'export', side: 'B' })).toEqual({ type: 'export', side: 'B' });
    expect(parseTrainRequest({ type: 'export', side: 'C' })).toBeNull();
    expect(
      parseTrainRequest({ type: 'predict', image: { width: 1, height: 1, data: [0, 0, 0, 0] } })
    ).toBeNull();
  });
});
