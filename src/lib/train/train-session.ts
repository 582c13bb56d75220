/**
 * One training session inside the worker: the runs of a `start` request one after another (the
 * A/B ablation's sides and seeds), each with its own trainer on the synthetic task of its seed,
 * evaluated on that seed's fixed validation set at the planned steps, then timed on a forward
 * pass. Between steps it yields to the worker's event loop, so pause, resume and stop arrive and
 * take effect before the next step. Each side's last trainer is kept for export and prediction.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TensorMap } from '../checkpoint/types';
import type { RgbaImage } from '../tf/input';
import { normalizeRgba } from '../tf/input';
import type { WireTensor } from '../tf/protocol';
import { POSE_JOINTS, type PoseBatch } from './batch';
import { previewOf, scoreValidation } from './evaluate';
import { decodeHeatmapBatch } from './metrics';
import { createSyntheticSource } from './synthetic';
import type { Side, StartRequest, TrainReply } from './train-protocol';
import { createTrainer, type Trainer } from './trainer';

export type Post = (reply: TrainReply, transfer?: Transferable[]) => void;

/** Lets the event loop deliver queued messages (pause, stop) before the next step. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Forward passes timed for a run's latency (batch 1, after one warm-up). */
const LATENCY_RUNS = 5;

export class TrainSession {
  private paused = false;
  private stopped = false;
  private wake: (() => void) | null = null;
  /** The last trained run, and each side's last one (the same trainer for the last run's side). */
  private last: Trainer | null = null;
  private readonly lastOfSide = new Map<Side, Trainer>();

  constructor(private readonly post: Post) {}

  pause(): void {
    if (this.paused || this.stopped) return;
    this.paused = true;
    this.post({ type: 'paused' });
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.post({ type: 'resumed' });
    this.wake?.();
  }

  stop(): void {
    this.stopped = true;
    this.paused = false;
    this.wake?.();
  }

  /** Waits while paused; returns the time spent waiting. */
  private async gate(): Promise<number> {
    await yieldToMessages();
    if (!this.paused) return 0;
    const t0 = performance.now();
    await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = null;
    return performance.now() - t0;
  }

  async run(req: StartRequest): Promise<void> {
    for (let r = 0; r < req.runs.length && !this.stopped; r++) await this.runOne(req, r);
    this.post({ type: 'finished', stopped: this.stopped });
  }

  private async runOne(req: StartRequest, index: number): Promise<void> {
    const spec = req.runs[index];
    const { height, width } = spec.config.input;
    const source = createSyntheticSource({ seed: spec.seed, height, width, split: 'train' });
    const validation = createSyntheticSource({
      seed: spec.seed,
      height,
      width,
      split: 'validation'
    }).batch(0, req.validationSize);
    const made = createTrainer({
      config: spec.config,
      seed: spec.seed,
      learningRate: req.learningRate,
      batchSize: req.batchSize,
      source
    });
    if (!made.ok) throw new Error(made.error);
    // A side's previous run is no longer wanted; the other side's last run stays for export.
    this.lastOfSide.get(spec.side)?.dispose();
    const trainer = (this.last = made.value);
    this.lastOfSide.set(spec.side, trainer);
    this.post({ type: 'run-start', run: index, params: paramsOf(trainer) });
    const evaluateAt = new Set(req.evaluateAt);
    let trainingMs = 0;
    let pausedMs = 0;
    const start = performance.now();
    for (let step = 1; step <= req.steps; step++) {
      pausedMs += await this.gate();
      if (this.stopped) break;
      const t0 = performance.now();
      const loss = await trainer.step();
      const stepMs = performance.now() - t0;
      trainingMs += stepMs;
      this.post({
        type: 'step',
        run: index,
        step,
        loss,
        stepsPerSecond: step / (trainingMs / 1000),
        stepMs,
        elapsedMs: performance.now() - start - pausedMs
      });
      if (evaluateAt.has(step) || step === req.steps)
        await this.evaluate(req, index, step, validation);
    }
    if (this.stopped) return;
    this.post({
      type: 'run-end',
      run: index,
      latencyMs: await forwardLatency(trainer, validation)
    });
  }

  private async evaluate(req: StartRequest, run: number, step: number, validation: PoseBatch) {
    const maps = await this.last!.predict(validation);
    const prediction = decodeHeatmapBatch(maps, validation);
    const scores = scoreValidation(prediction, validation);
    const preview = previewOf(maps, prediction, validation, req.previewSize);
    this.post({ type: 'evaluation', run, step, ...scores, preview }, [
      preview.maxMaps.buffer,
      preview.keypoints.buffer
    ]);
  }

  private trained(side: Side | undefined, what: string): Trainer {
    const trainer = side ? this.lastOfSide.get(side) : this.last;
    if (!trainer)
      throw new Error(
        side
          ? `Side ${side} has no trained ${what} yet.`
          : `There is no trained ${what} yet: train first.`
      );
    return trainer;
  }

  /**
   * A side's last run's weights (no side: the last run's) as an official-layout state_dict, for
   * .pth and manifest export.
   */
  async weights(side?: Side): Promise<WireTensor[]> {
    return wire(await this.trained(side, 'weights').stateDict());
  }

  /** A side's (or the last) run's heatmaps and joints for one RGBA image of its input size. */
  async predict(image: RgbaImage, side?: Side): Promise<TrainReply> {
    const trainer = this.trained(side, 'model');
    const { height, width } = trainer.config.input;
    if (image.width !== width || image.height !== height)
      throw new Error(
        `The image must be ${height}x${width} pixels; it is ${image.height}x${image.width}.`
      );
    const batch = singleImageBatch(image);
    const maps = await trainer.predict(batch);
    return {
      type: 'prediction',
      preview: previewOf(maps, decodeHeatmapBatch(maps, batch), batch, 1)
    };
  }

  dispose(): void {
    for (const t of this.lastOfSide.values()) t.dispose();
    this.lastOfSide.clear();
    this.last = null;
  }
}

function paramsOf(trainer: Trainer): number {
  return trainer.graph.ops.reduce((s, op) => s + op.params, 0);
}

/** Median time of a forward pass of one image (BatchNorm folded into running statistics). */
async function forwardLatency(trainer: Trainer, validation: PoseBatch): Promise<number> {
  const one = sliceBatch(validation, 1);
  await trainer.predict(one);
  const times: number[] = [];
  for (let i = 0; i < LATENCY_RUNS; i++) {
    const t0 = performance.now();
    await trainer.predict(one);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function sliceBatch(b: PoseBatch, n: number): PoseBatch {
  const per = (a: Float32Array) => a.slice(0, (a.length / b.n) * n);
  return {
    ...b,
    n,
    images: per(b.images),
    targets: per(b.targets),
    targetWeights: per(b.targetWeights),
    keypoints: per(b.keypoints),
    boxes: per(b.boxes)
  };
}

function singleImageBatch(image: RgbaImage): PoseBatch {
  const { height, width } = image;
  const hh = height / 4;
  const hw = width / 4;
  return {
    n: 1,
    height,
    width,
    images: normalizeRgba(image),
    heatmapHeight: hh,
    heatmapWidth: hw,
    targets: new Float32Array(hh * hw * POSE_JOINTS),
    targetWeights: new Float32Array(POSE_JOINTS),
    keypoints: new Float32Array(POSE_JOINTS * 3),
    boxes: Float32Array.of(0, 0, width, height)
  };
}

function wire(tensors: TensorMap): WireTensor[] {
  return [...tensors].map(([name, t]) => ({
    name,
    shape: [...t.shape],
    data: Float32Array.from(t.data)
  }));
}

/** tfjs's live tensor count, for the worker's leak check after a session. */
export const liveTensors = () => tf.memory().numTensors;
