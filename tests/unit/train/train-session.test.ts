/**
 * The training worker's session, run in Node on tfjs's cpu backend with the tiny CCW model at
 * batch 2 (a handful of steps: these run on slow shared cores). What the page relies on: the
 * messages come in order, stop ends the session after the current step, pause holds it until
 * resume, and every tensor a run makes is released when the session is disposed.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, planRuns, type RunSpec } from '$lib/train/plan';
import type { StartRequest, TrainReply } from '$lib/train/train-protocol';
import { TrainSession } from '$lib/train/train-session';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function request(steps: number, evaluateAt: number[], ab = false): StartRequest {
  const settings = defaultSettings();
  const plan = planRuns(ab ? { ...settings, mode: 'ab', seeds: 1 } : settings) as {
    runs: RunSpec[];
  };
  return {
    type: 'start',
    backend: 'cpu',
    runs: plan.runs,
    steps,
    batchSize: 2,
    learningRate: 2e-3,
    validationSize: 4,
    previewSize: 2,
    evaluateAt
  };
}

describe('a training session', () => {
  it('reports each step, evaluates when planned, times the model and releases its tensors', async () => {
    const before = tf.memory().numTensors;
    const replies: TrainReply[] = [];
    const session = new TrainSession((r) => replies.push(r));
    await session.run(request(2, [1]));
    expect(replies.map((r) => r.type)).toEqual([
      'run-start',
      'step',
      'evaluation',
      'step',
      'evaluation',
      'run-end',
      'finished'
    ]);
    const evaluation = replies.find((r) => r.type === 'evaluation')!;
    if (evaluation.type !== 'evaluation') return;
    // 2 preview images of 16 x 12 heatmap pixels; 17 joints with x and y each.
    expect(evaluation.preview.maxMaps.length).toBe(2 * 16 * 12);
    expect(evaluation.preview.keypoints.length).toBe(2 * 17 * 2);
    expect(evaluation.pck).toBeGreaterThanOrEqual(0);
    expect(evaluation.pck).toBeLessThanOrEqual(1);
    const weights = await session.weights();
    expect(weights.find((t) => t.name === 'keypoint_head.final_layer.weight')?.shape).toEqual([
      17, 16, 1, 1
    ]);
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('stops after the current step when asked', async () => {
    const replies: TrainReply[] = [];
    const session = new TrainSession((r) => {
      replies.push(r);
      if (r.type === 'step' && r.step === 1) session.stop();
    });
    await session.run(request(50, []));
    expect(replies.filter((r) => r.type === 'step')).toHaveLength(1);
    expect(replies.at(-1)).toEqual({ type: 'finished', stopped: true });
    session.dispose();
  }, 120_000);

  it('holds while paused and goes on after resume', async () => {
    const replies: TrainReply[] = [];
    const session = new TrainSession((r) => {
      replies.push(r);
      if (r.type === 'step' && r.step === 1) session.pause();
      // Resume only once the pause has been reported: no step may come in between.
      if (r.type === 'paused') session.resume();
    });
    await session.run(request(2, []));
    const types = replies.map((r) => r.type);
    expect(types.slice(0, 5)).toEqual(['run-start', 'step', 'paused', 'resumed', 'step']);
    expect(replies.at(-1)).toEqual({ type: 'finished', stopped: false });
    session.dispose();
  }, 120_000);

  it("keeps each side's last run of an A/B ablation for export and prediction", async () => {
    const before = tf.memory().numTensors;
    const session = new TrainSession(() => {});
    const req = request(1, [], true);
    // The default ablation: side A the tiny CCW model, side B the tiny shuffle one.
    expect(req.runs.map((r) => r.side)).toEqual(['A', 'B']);
    await session.run(req);
    const names = async (side?: 'A' | 'B') => (await session.weights(side)).map((t) => t.name);
    const [a, b, last] = [await names('A'), await names('B'), await names()];
    // Only the CCW block has the cross-resolution weighting's convs; the shuffle block has none.
    const weighting = (keys: string[]) =>
      keys.some((k) => k.includes('cross_resolution_weighting'));
    expect(weighting(a)).toBe(true);
    expect(weighting(b)).toBe(false);
    expect(last).toEqual(b);
    const image = { width: 48, height: 64, data: new Uint8ClampedArray(64 * 48 * 4) };
    const prediction = await session.predict(image, 'A');
    expect(prediction.type).toBe('prediction');
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await expect(session.weights('A')).rejects.toThrow('Side A has no trained weights yet.');
  }, 120_000);
});
