/**
 * Messages between the page and the ONNX Runtime worker (a tagged union each way), and the
 * backends the forward panel offers on top of tfjs's. The worker exports the panel's graph and
 * weights to ONNX and runs the file with onnxruntime-web; replies are parsed at the edge into
 * typed values, anything else becomes null.
 */
import type { LiteHRNetConfig } from '$lib/model';
import type { BackendChoice } from '$lib/tf/protocol';
import { BACKEND_CHOICES, isWeightsRef, parseJobReply } from '$lib/tf/protocol';
import type { RgbaImage } from '$lib/tf/input';
import type { WeightsRef } from '$lib/tf/protocol';
import type { OutputComparison } from './compare';

/** ONNX Runtime's execution providers the panel offers: wasm everywhere, WebGPU where it exists. */
export const ORT_PROVIDERS = ['wasm', 'webgpu'] as const;
export type OrtProvider = (typeof ORT_PROVIDERS)[number];

/** The panel's backends: tfjs's, then ONNX Runtime's (named `ort-<provider>`). */
export const FORWARD_BACKENDS = [...BACKEND_CHOICES, 'ort-wasm', 'ort-webgpu'] as const;
export type ForwardBackend = (typeof FORWARD_BACKENDS)[number];

/** The ONNX Runtime provider a backend names, or null for a tfjs backend. */
export function ortProvider(b: ForwardBackend): OrtProvider | null {
  return b === 'ort-wasm' ? 'wasm' : b === 'ort-webgpu' ? 'webgpu' : null;
}

export const isTfjsBackend = (b: ForwardBackend): b is BackendChoice => ortProvider(b) === null;

export const ORT_PHASES = [
  'loading-ort',
  'exporting',
  'ort-session',
  'ort-first-run',
  'ort-warm-up',
  'ort-run'
] as const;
export type OrtPhase = (typeof ORT_PHASES)[number];

export const ORT_PHASE_LABELS: Record<OrtPhase, string> = {
  'loading-ort': 'Loading ONNX Runtime',
  exporting: 'Exporting the network to ONNX',
  'ort-session': 'Starting the ONNX Runtime session',
  'ort-first-run': 'ONNX Runtime: first run',
  'ort-warm-up': 'ONNX Runtime: warm-up',
  'ort-run': 'ONNX Runtime: timed run'
};

export interface OrtRunRequest {
  type: 'run';
  jobId: number;
  provider: OrtProvider;
  config: LiteHRNetConfig;
  image: RgbaImage;
  /** An NCHW float32 input (1 x 3 x H x W, already normalised) used instead of the image. */
  inputTensor?: Float32Array | null;
  weights?: WeightsRef | null;
  seed: number;
  warmup: number;
  runs: number;
}

export interface OrtTiming {
  /** Creating the session from the exported bytes (parsing, optimising, allocating). */
  sessionMs: number;
  firstRunMs: number;
  warmup: number;
  samples: number[];
  medianMs: number;
  minMs: number;
  maxMs: number;
}

export interface OrtResult {
  provider: OrtProvider;
  /** Size of the exported model the session ran. */
  modelBytes: number;
  timing: OrtTiming;
  /** The `heatmaps` output, NCHW. */
  output: { shape: number[]; data: Float32Array };
}

/** What the panel shows of an ONNX Runtime run: its times and its heatmaps checked against tfjs's. */
export interface OrtOutcome {
  provider: OrtProvider;
  modelBytes: number;
  timing: OrtTiming;
  comparison: OutputComparison;
}

export type OrtReply =
  | { type: 'progress'; jobId: number; phase: OrtPhase; done: number; total: number }
  | { type: 'result'; jobId: number; result: OrtResult }
  | { type: 'error'; jobId: number; message: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

const isNum = (v: unknown): v is number => typeof v === 'number';

function isOrtResult(v: unknown): v is OrtResult {
  if (!isRecord(v) || !isRecord(v.timing) || !isRecord(v.output)) return false;
  const t = v.timing;
  return (
    (ORT_PROVIDERS as readonly unknown[]).includes(v.provider) &&
    isNum(v.modelBytes) &&
    [t.sessionMs, t.firstRunMs, t.warmup, t.medianMs, t.minMs, t.maxMs].every(isNum) &&
    Array.isArray(t.samples) &&
    t.samples.every(isNum) &&
    Array.isArray(v.output.shape) &&
    v.output.shape.every(isNum) &&
    v.output.data instanceof Float32Array
  );
}

/** A worker reply, or null when the data is not one. */
export function parseOrtReply(data: unknown): OrtReply | null {
  return parseJobReply<OrtReply>(data, ORT_PHASES, isOrtResult);
}

/** A request, or null: the worker checks its edge too. */
export function parseOrtRequest(data: unknown): OrtRunRequest | null {
  if (!isRecord(data) || data.type !== 'run' || !isNum(data.jobId)) return null;
  if (!(ORT_PROVIDERS as readonly unknown[]).includes(data.provider)) return null;
  const img = data.image;
  if (!isRecord(img) || !(img.data instanceof Uint8ClampedArray)) return null;
  if (!isNum(data.runs) || !isNum(data.warmup) || !isNum(data.seed)) return null;
  const tensor = data.inputTensor;
  if (tensor !== undefined && tensor !== null && !(tensor instanceof Float32Array)) return null;
  if (!isWeightsRef(data.weights)) return null;
  return data as unknown as OrtRunRequest;
}
