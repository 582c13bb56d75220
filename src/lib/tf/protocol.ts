/**
 * Messages between the page and the forward-pass worker: a tagged union each way. Replies are
 * parsed at the edge (`parseReply`) into typed values; anything else becomes null, never a crash.
 */
import type { LiteHRNetConfig, OpKind } from '$lib/model';
import type { OrtOutcome } from '$lib/ort/protocol';
import { isNamedTensorMessage } from '../checkpoint/types';
import type { RgbaImage } from './input';
import type { InputNormalisation } from '../model/normalisation';
import { isInputNormalisation } from '../model/normalisation';
import type { VerificationReport } from './verify';

export const BACKEND_CHOICES = ['auto', 'webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];
export type BackendName = Exclude<BackendChoice, 'auto'>;

/**
 * How the timed runs execute the graph. `op-by-op`: the executor, one kernel per graph op (the
 * pass that is verified). `fused`: the compiled plan (compile.ts, fused.ts): BatchNorm folded
 * into the convs, conv + bias + activation as one kernel, splits, shuffles and sums merged.
 */
export const EXECUTIONS = ['op-by-op', 'fused'] as const;
export type Execution = (typeof EXECUTIONS)[number];

export const EXECUTION_LABELS: Record<Execution, string> = {
  'op-by-op': 'op by op (verifies every op)',
  fused: 'fused (fast)'
};

export const PHASES = [
  'loading-tfjs',
  'starting-backend',
  'making-weights',
  'first-run',
  'fusing',
  'warm-up',
  'run',
  'profile',
  'verify'
] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_LABELS: Record<Phase, string> = {
  'loading-tfjs': 'Loading TensorFlow.js',
  'starting-backend': 'Starting the backend',
  'making-weights': 'Preparing the weights',
  'first-run': 'First run (traced)',
  fusing: 'Fusing (BatchNorm folded into the convs) and checking against op by op',
  'warm-up': 'Warm-up',
  run: 'Timed run',
  profile: 'Profiling run (each op timed alone)',
  verify: 'Verifying against the graph'
};

/** One checkpoint tensor on the wire, in PyTorch's layout; its buffer is transferred. */
export interface WireTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

/**
 * Loaded weights for a job. The worker keeps the last weights it received under `key`, so the
 * page sends the tensors once per worker (`tensors`) and later runs only name the key (`null`).
 */
export interface WeightsRef {
  key: number;
  label: string;
  tensors: WireTensor[] | null;
}

export interface RunRequest {
  type: 'run';
  jobId: number;
  config: LiteHRNetConfig;
  image: RgbaImage;
  /** An NCHW float32 input (1 x 3 x H x W, already normalised) used instead of the image. */
  inputTensor?: Float32Array | null;
  /** How the image is normalised (the config's data_preprocessor); ImageNet's when absent. */
  normalisation?: InputNormalisation | null;
  /** A checkpoint's weights, or null for seeded random weights. */
  weights?: WeightsRef | null;
  backend: BackendChoice;
  /** How the warm-up and timed runs execute; op by op when absent (older links and callers). */
  execution?: Execution;
  warmup: number;
  runs: number;
  seed: number;
}

export type WorkerRequest = RunRequest;

export interface MemorySnapshot {
  tensors: number;
  bytes: number;
}

export interface FeatureMap {
  height: number;
  width: number;
  /** Row-major values, one map. */
  data: Float32Array;
}

export interface StageMap extends FeatureMap {
  stage: number;
  branch: number;
  channels: number;
}

export interface KindTiming {
  kind: OpKind;
  ms: number;
  calls: number;
}

export type WeightsUsed =
  { kind: 'seeded'; seed: number } | { kind: 'loaded'; label: string; tensors: number };

export interface ForwardResult {
  backend: { name: BackendName; reason: string };
  /** The execution the timing is of; absent in results made before there was a choice. */
  execution?: Execution;
  /**
   * With fused execution: max |fused − op by op| over the output values from the same input
   * (the traced first pass is always op by op); null otherwise.
   */
  fusedMaxAbsDiff?: number | null;
  weights: WeightsUsed;
  verification: VerificationReport;
  timing: {
    firstRunMs: number;
    warmup: number;
    samples: number[];
    medianMs: number;
    minMs: number;
    maxMs: number;
  };
  /** From one profiling run, each op timed on its own (sums exceed a normal run's time). */
  byKind: KindTiming[];
  /** The same profiling run per op: ms indexed by op id (each op timed alone). */
  byOp: number[];
  memory: {
    estimatedPeakBytes: number;
    /** Before the job made anything. */
    start: MemorySnapshot;
    /** Weights and the input made, before any pass. */
    beforeRuns: MemorySnapshot;
    /** After every pass, before the weights are freed: equal to beforeRuns when nothing leaks. */
    afterRuns: MemorySnapshot;
    /** After the job freed everything: equal to start when nothing leaks. */
    end: MemorySnapshot;
  };
  /** One map per output channel (the heatmaps with the keypoint head). */
  outputs: FeatureMap[];
  /** Each branch's channel mean after every stage. */
  stageMaps: StageMap[];
  /**
   * With an ONNX Runtime backend: the exported model run by ORT on the same input and weights
   * after this tfjs run (the tfjs worker never sets it; the panel's port adds it).
   */
  ort?: OrtOutcome;
}

export type WorkerReply =
  | { type: 'progress'; jobId: number; phase: Phase; done: number; total: number }
  | { type: 'result'; jobId: number; result: ForwardResult }
  | { type: 'error'; jobId: number; message: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

const isNum = (v: unknown): v is number => typeof v === 'number';

function isResult(v: unknown): v is ForwardResult {
  if (!isRecord(v) || !isRecord(v.verification) || !isRecord(v.timing) || !isRecord(v.memory))
    return false;
  return (
    isRecord(v.weights) &&
    typeof v.verification.summary === 'string' &&
    Array.isArray(v.verification.checks) &&
    isNum(v.timing.medianMs) &&
    Array.isArray(v.outputs) &&
    Array.isArray(v.stageMaps) &&
    Array.isArray(v.byOp) &&
    v.byOp.every(isNum) &&
    v.outputs.every((m) => isRecord(m) && m.data instanceof Float32Array)
  );
}

/**
 * A job worker's reply (progress in one of `phases`, a result `isResult` accepts, or an error),
 * or null when the data is not one. Shared by the tfjs and ONNX Runtime workers' protocols.
 */
export function parseJobReply<R>(
  data: unknown,
  phases: readonly string[],
  isResult: (v: unknown) => boolean
): R | null {
  if (!isRecord(data) || !isNum(data.jobId)) return null;
  switch (data.type) {
    case 'progress':
      return (phases as readonly unknown[]).includes(data.phase) &&
        isNum(data.done) &&
        isNum(data.total)
        ? (data as R)
        : null;
    case 'result':
      return isResult(data.result) ? (data as R) : null;
    case 'error':
      return typeof data.message === 'string' ? (data as R) : null;
    default:
      return null;
  }
}

/** A worker reply, or null when the data is not one. */
export function parseReply(data: unknown): WorkerReply | null {
  return parseJobReply<WorkerReply>(data, PHASES, isResult);
}

/** The weights part of a request: none, a key, or the tensors with their key. */
export function isWeightsRef(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (!isRecord(v) || !isNum(v.key) || typeof v.label !== 'string') return false;
  return v.tensors === null || (Array.isArray(v.tensors) && v.tensors.every(isNamedTensorMessage));
}

/** A request, or null: the worker checks its edge too. */
export function parseRequest(data: unknown): WorkerRequest | null {
  if (!isRecord(data) || data.type !== 'run' || !isNum(data.jobId)) return null;
  const img = data.image;
  if (!isRecord(img) || !(img.data instanceof Uint8ClampedArray)) return null;
  if (!(BACKEND_CHOICES as readonly unknown[]).includes(data.backend)) return null;
  const ex = data.execution;
  if (ex !== undefined && !(EXECUTIONS as readonly unknown[]).includes(ex)) return null;
  if (!isNum(data.runs) || !isNum(data.warmup) || !isNum(data.seed)) return null;
  const tensor = data.inputTensor;
  if (tensor !== undefined && tensor !== null && !(tensor instanceof Float32Array)) return null;
  if (!isWeightsRef(data.weights)) return null;
  const n = data.normalisation;
  if (n !== undefined && n !== null && !isInputNormalisation(n)) return null;
  return data as unknown as RunRequest;
}
