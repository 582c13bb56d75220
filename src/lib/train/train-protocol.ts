/**
 * Messages between the /train page and its training worker, a tagged union each way, parsed at
 * the edge into typed values (anything else becomes null, never a crash). One worker holds one
 * training session: `start` begins it, `pause`/`resume`/`stop` steer it between steps, and once
 * it has ended `export` and `predict` use the last run's weights.
 */
import type { LiteHRNetConfig } from '../model';
import type { RgbaImage } from '../tf/input';
import { BACKEND_CHOICES, type BackendChoice, type WireTensor } from '../tf/protocol';

/** What may train: the forward pass's choices, "auto" picking as it does (training-backend.ts). */
export const TRAIN_BACKEND_CHOICES = BACKEND_CHOICES;
export type TrainBackendChoice = BackendChoice;

export interface StartRequest {
  type: 'start';
  backend: TrainBackendChoice;
  runs: { side: 'A' | 'B'; seed: number; config: LiteHRNetConfig }[];
  steps: number;
  batchSize: number;
  learningRate: number;
  /** The held-out set evaluated: samples 0 … validationSize − 1 of the validation split. */
  validationSize: number;
  /** The first validation samples whose heatmaps and skeletons are sent back at each evaluation. */
  previewSize: number;
  /** Steps (1-based) after which a run evaluates; the last step always does. */
  evaluateAt: number[];
}

export type TrainRequest =
  | StartRequest
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  /** A side's last run (an A/B ablation has two); no side: the last run of all. */
  | { type: 'export'; side?: Side }
  | { type: 'predict'; image: RgbaImage; side?: Side };

export type Side = 'A' | 'B';

/** Predicted joints of a few validation images and their heatmaps' maximum over joints. */
export interface Preview {
  count: number;
  heatmapHeight: number;
  heatmapWidth: number;
  /** [count, heatmapHeight, heatmapWidth]: per pixel the largest of the 17 heatmaps. */
  maxMaps: Float32Array;
  /** [count, 17, 2]: x, y in input pixels. */
  keypoints: Float32Array;
}

export interface Evaluation {
  run: number;
  step: number;
  /** PCK@0.2 (box-normalised) on the validation set, 0–1. */
  pck: number;
  /** OKS-based AP on the validation set, 0–1. */
  ap: number;
  /** PCK@0.2 of the mean pose on the same set: what "learned nothing" scores. */
  baselinePck: number;
  preview: Preview;
}

export type TrainReply =
  | { type: 'backend'; name: string; reason: string }
  | { type: 'run-start'; run: number; params: number }
  | {
      type: 'step';
      run: number;
      step: number;
      loss: number;
      /** Steps per second over this run so far (training steps only, evaluation excluded). */
      stepsPerSecond: number;
      /** This step's own time (ms). */
      stepMs: number;
      /** Wall-clock time of this run so far, pauses excluded. */
      elapsedMs: number;
    }
  | ({ type: 'evaluation' } & Evaluation)
  | { type: 'run-end'; run: number; latencyMs: number }
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'finished'; stopped: boolean }
  | { type: 'weights'; tensors: WireTensor[] }
  | { type: 'prediction'; preview: Preview }
  | { type: 'error'; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function isPreview(v: unknown): v is Preview {
  return (
    isRecord(v) &&
    isCount(v.count) &&
    isCount(v.heatmapHeight) &&
    isCount(v.heatmapWidth) &&
    v.maxMaps instanceof Float32Array &&
    v.maxMaps.length === v.count * v.heatmapHeight * v.heatmapWidth &&
    v.keypoints instanceof Float32Array &&
    v.keypoints.length === v.count * 17 * 2
  );
}

function isWire(v: unknown): v is WireTensor {
  return (
    isRecord(v) &&
    typeof v.name === 'string' &&
    Array.isArray(v.shape) &&
    v.shape.every(isCount) &&
    v.data instanceof Float32Array
  );
}

const REPLY_CHECKS: Record<TrainReply['type'], (d: Record<string, unknown>) => boolean> = {
  backend: (d) => typeof d.name === 'string' && typeof d.reason === 'string',
  'run-start': (d) => isCount(d.run) && isCount(d.params),
  step: (d) =>
    isCount(d.run) &&
    isCount(d.step) &&
    isNum(d.loss) &&
    isNum(d.stepsPerSecond) &&
    isNum(d.stepMs) &&
    isNum(d.elapsedMs),
  evaluation: (d) =>
    isCount(d.run) &&
    isCount(d.step) &&
    isNum(d.pck) &&
    isNum(d.ap) &&
    isNum(d.baselinePck) &&
    isPreview(d.preview),
  'run-end': (d) => isCount(d.run) && isNum(d.latencyMs),
  paused: () => true,
  resumed: () => true,
  finished: (d) => typeof d.stopped === 'boolean',
  weights: (d) => Array.isArray(d.tensors) && d.tensors.every(isWire),
  prediction: (d) => isPreview(d.preview),
  error: (d) => typeof d.message === 'string'
};

/** A reply of the training worker, or null when the data is not one. */
export function parseTrainReply(data: unknown): TrainReply | null {
  if (!isRecord(data) || typeof data.type !== 'string' || !Object.hasOwn(REPLY_CHECKS, data.type))
    return null;
  return REPLY_CHECKS[data.type as TrainReply['type']](data) ? (data as TrainReply) : null;
}

function isStart(d: Record<string, unknown>): boolean {
  return (
    (TRAIN_BACKEND_CHOICES as readonly unknown[]).includes(d.backend) &&
    Array.isArray(d.runs) &&
    d.runs.length > 0 &&
    d.runs.every(
      (r) =>
        isRecord(r) && (r.side === 'A' || r.side === 'B') && isCount(r.seed) && isRecord(r.config)
    ) &&
    isCount(d.steps) &&
    isCount(d.batchSize) &&
    isNum(d.learningRate) &&
    isCount(d.validationSize) &&
    isCount(d.previewSize) &&
    Array.isArray(d.evaluateAt) &&
    d.evaluateAt.every(isCount)
  );
}

const isSideOrNone = (v: unknown): v is Side | undefined =>
  v === undefined || v === 'A' || v === 'B';

/** A request, or null: the worker checks its edge too. */
export function parseTrainRequest(data: unknown): TrainRequest | null {
  if (!isRecord(data)) return null;
  switch (data.type) {
    case 'start':
      return isStart(data) ? (data as unknown as StartRequest) : null;
    case 'pause':
    case 'resume':
    case 'stop':
      return { type: data.type };
    case 'export':
      if (!isSideOrNone(data.side)) return null;
      return data.side === undefined ? { type: 'export' } : { type: 'export', side: data.side };
    case 'predict': {
      const img = data.image;
      return isRecord(img) &&
        img.data instanceof Uint8ClampedArray &&
        isCount(img.width) &&
        isCount(img.height) &&
        isSideOrNone(data.side)
        ? (data as unknown as TrainRequest)
        : null;
    }
    default:
      return null;
  }
}
