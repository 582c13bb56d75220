/**
 * Trains a Lite-HRNet on batches of a pose task (batch.ts): Adam on mmpose's JointsMSELoss
 * (loss.ts), BatchNorm in train mode, weights initialised as mmpose does (trainable.ts). Step k
 * reads the source's batch (k · batchSize, batchSize), so a seed and a source fix every loss.
 * The caller starts the tfjs backend: wasm, cpu, webgl or webgpu. tfjs's wasm backend has no
 * Conv2DBackpropFilter nor depthwise backprop kernels; train-kernels.ts never calls them.
 * No DOM and no Node API: a web worker can run it as it is.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Graph, LiteHRNetConfig } from '../model';
import { buildGraph, validateConfig } from '../model';
import type { TensorMap } from '../checkpoint/types';
import type { PoseBatch, PoseBatchSource } from './batch';
import { FlatAdam } from './adam';
import { jointsMseLoss } from './loss';
import { scoreValidation } from './evaluate';
import { decodeHeatmapBatch } from './metrics';
import {
  applyRunningUpdates,
  createTrainableWeights,
  evalForward,
  stateDict,
  trainForward,
  type RunningUpdate,
  type TrainableWeights
} from './trainable';

/** Backends with every gradient kernel the network needs. */
export const TRAINING_BACKENDS = ['wasm', 'cpu', 'webgl', 'webgpu'] as const;

/** The official Lite-HRNet configs train with Adam at 2e-3 (batch 32 per GPU, 8 GPUs). */
export const DEFAULT_LEARNING_RATE = 2e-3;
export const DEFAULT_BATCH_SIZE = 16;
/** PyTorch's Adam epsilon (tfjs's default is 1e-7). */
const ADAM_EPSILON = 1e-8;

export interface TrainerOptions {
  /** Any valid config (validated here); its input size must be the source's. */
  config: unknown;
  seed: number;
  learningRate?: number;
  batchSize?: number;
  source: PoseBatchSource;
}

/** Scores on a held-out set, all in 0–1. */
export interface ValidationMetrics {
  /** mmpose's PCK@0.2 (box-normalised) of the network's keypoints. */
  pck: number;
  /** The OKS-based AP of metrics.ts (COCO-like, on the synthetic task). */
  ap: number;
  /** PCK@0.2 of the mean pose (metrics.ts meanPoseBaseline) on the same images: the bar to clear. */
  baselinePck: number;
  images: number;
}

export interface Trainer {
  readonly config: LiteHRNetConfig;
  readonly graph: Graph;
  readonly backend: string;
  readonly batchSize: number;
  /** Steps taken so far. */
  readonly steps: number;
  /** One Adam step on the next batch; resolves to that batch's loss (before the update). */
  step(): Promise<number>;
  /** Heatmaps [n, H/4, W/4, joints] (NHWC) for a batch, BatchNorm with its running statistics. */
  predict(batch: PoseBatch): Promise<Float32Array>;
  /** The first `size` images of `validation`, through the network in eval mode, scored. */
  evaluate(validation: PoseBatchSource, size: number): Promise<ValidationMetrics>;
  /** The weights as an official-layout state_dict (with running statistics and counters). */
  stateDict(): Promise<TensorMap>;
  dispose(): void;
}

export type Created<T> = { ok: true; value: T } | { ok: false; error: string };

function refuse(options: TrainerOptions, config: LiteHRNetConfig): string | null {
  const backend = tf.getBackend();
  if (!(TRAINING_BACKENDS as readonly string[]).includes(backend))
    return `Training needs the wasm, cpu, webgl or webgpu backend; tfjs runs on ${backend}.`;
  const { height, width } = options.source;
  if (config.input.height !== height || config.input.width !== width)
    return `The network takes ${config.input.height}x${config.input.width} images but the data is ${height}x${width}; give both the same size.`;
  if (!config.keypointHead)
    return 'Training needs the keypoint head (the loss compares its heatmaps with the targets).';
  const { seed, learningRate, batchSize } = options;
  if (!Number.isSafeInteger(seed)) return `The seed must be a whole number, not ${seed}.`;
  if (learningRate !== undefined && !(learningRate > 0 && Number.isFinite(learningRate)))
    return `The learning rate must be a positive number, not ${learningRate}.`;
  if (batchSize !== undefined && !(Number.isSafeInteger(batchSize) && batchSize >= 2))
    return `The batch size must be a whole number of at least 2 (BatchNorm needs two samples), not ${batchSize}.`;
  return null;
}

function batchTensors(b: PoseBatch, joints: number) {
  if (b.targetWeights.length !== b.n * joints)
    throw new Error(
      `The data has ${b.targetWeights.length / b.n} joints per image; the network predicts ${joints}.`
    );
  return {
    images: tf.tensor4d(b.images, [b.n, b.height, b.width, 3]),
    targets: tf.tensor4d(b.targets, [b.n, b.heatmapHeight, b.heatmapWidth, joints]),
    weights: tf.tensor2d(b.targetWeights, [b.n, joints])
  };
}

class TfTrainer implements Trainer {
  private readonly weights: TrainableWeights;
  private readonly optimizer: FlatAdam;
  readonly backend = tf.getBackend();
  steps = 0;
  private runningDone: Promise<void> = Promise.resolve();

  constructor(
    readonly config: LiteHRNetConfig,
    readonly graph: Graph,
    private readonly source: PoseBatchSource,
    seed: number,
    learningRate: number,
    readonly batchSize: number
  ) {
    this.weights = createTrainableWeights(graph, seed);
    this.optimizer = new FlatAdam(this.weights.trainable, { learningRate, epsilon: ADAM_EPSILON });
  }

  async step(): Promise<number> {
    const batch = this.source.batch(this.steps * this.batchSize, this.batchSize);
    const t = batchTensors(batch, this.config.joints);
    let running: RunningUpdate[] = [];
    try {
      const { value: cost, grads } = tf.variableGrads(() => {
        const pass = trainForward(this.graph, this.weights, t.images);
        running = pass.running;
        for (const u of running) {
          tf.keep(u.mean);
          tf.keep(u.variance);
        }
        return jointsMseLoss(pass.output, t.targets, t.weights);
      }, this.weights.trainable);
      this.optimizer.apply(grads);
      tf.dispose(grads);
      // Counted before the first await: a second step() called meanwhile takes the next batch.
      this.steps++;
      const updates = running;
      running = [];
      // In step order, so a step started meanwhile reads the running statistics this one leaves.
      const applied = this.runningDone.then(() => applyRunningUpdates(this.weights, updates));
      this.runningDone = applied.catch(() => undefined);
      await applied;
      const [loss] = await cost.data();
      cost.dispose();
      return loss;
    } finally {
      for (const u of running) tf.dispose([u.mean, u.variance]);
      tf.dispose([t.images, t.targets, t.weights]);
    }
  }

  async predict(batch: PoseBatch): Promise<Float32Array> {
    const images = tf.tensor4d(batch.images, [batch.n, batch.height, batch.width, 3]);
    try {
      const out = evalForward(this.graph, this.weights, images);
      const data = (await out.data()) as Float32Array;
      out.dispose();
      return data;
    } finally {
      images.dispose();
    }
  }

  async evaluate(validation: PoseBatchSource, size: number): Promise<ValidationMetrics> {
    if (!(Number.isSafeInteger(size) && size >= 1))
      throw new Error(`Evaluation needs a whole number of images, at least 1, not ${size}.`);
    const labels = validation.batch(0, size);
    const per = labels.heatmapHeight * labels.heatmapWidth * this.config.joints;
    const heatmaps = new Float32Array(size * per);
    for (let start = 0; start < size; start += this.batchSize) {
      const part = validation.batch(start, Math.min(this.batchSize, size - start));
      heatmaps.set(await this.predict(part), start * per);
    }
    return { ...scoreValidation(decodeHeatmapBatch(heatmaps, labels), labels), images: size };
  }

  stateDict(): Promise<TensorMap> {
    return stateDict(this.graph, this.weights);
  }

  dispose(): void {
    this.weights.dispose();
    this.optimizer.dispose();
  }
}

/** A trainer, or a sentence saying why not (an invalid config, a backend without gradients, …). */
export function createTrainer(options: TrainerOptions): Created<Trainer> {
  const checked = validateConfig(options.config);
  if (!checked.ok)
    return {
      ok: false,
      error: `The config is not valid: ${checked.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`).join('; ')}`
    };
  const why = refuse(options, checked.config);
  if (why) return { ok: false, error: why };
  const graph = buildGraph(checked.config);
  const trainer = new TfTrainer(
    checked.config,
    graph,
    options.source,
    options.seed,
    options.learningRate ?? DEFAULT_LEARNING_RATE,
    options.batchSize ?? DEFAULT_BATCH_SIZE
  );
  return { ok: true, value: trainer };
}
