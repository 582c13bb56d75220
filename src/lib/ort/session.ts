/**
 * One ONNX Runtime job, from a request to a result: validate, export the graph with its weights
 * to ONNX (src/lib/onnx), start a session, run once (timed), warm up, time the runs, and hand
 * back the heatmaps. It takes the ONNX Runtime module as an argument, so the same code runs in
 * the worker on onnxruntime-web and in Node on onnxruntime-node.
 */
import { analyzeConfig } from '$lib/model';
import { exportOnnx, INPUT_NAME, OUTPUT_NAME } from '$lib/onnx';
import { checkActivationBudget } from '$lib/tf/guard';
import { checkRgbaImage, normalizeRgba } from '$lib/tf/input';
import { summarizeTimes } from '$lib/tf/stats';
import type { WeightSource } from '$lib/tf/weight-values';
import type { OrtPhase, OrtProvider, OrtResult, OrtRunRequest } from './protocol';

/** What this file needs of an ONNX Runtime module (onnxruntime-web and -node both fit). */
export interface OrtTensor {
  readonly dims: readonly number[];
  readonly data: unknown;
}
export interface OrtSession {
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
export interface OrtModule {
  InferenceSession: {
    create(
      bytes: Uint8Array,
      options: {
        executionProviders: string[];
        graphOptimizationLevel: 'all';
        intraOpNumThreads?: number;
        interOpNumThreads?: number;
      }
    ): Promise<OrtSession>;
  };
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => OrtTensor;
}

export type OrtProgress = (phase: OrtPhase, done: number, total: number) => void;

/** A job that cannot run, with a sentence for a person. */
export class OrtJobError extends Error {}

/** 1 x H x W x 3 values (NHWC) → 1 x 3 x H x W (NCHW), ONNX's layout. */
export function nhwcToNchw(data: Float32Array, height: number, width: number): Float32Array {
  const out = new Float32Array(data.length);
  const plane = height * width;
  for (let p = 0; p < plane; p++) for (let c = 0; c < 3; c++) out[c * plane + p] = data[p * 3 + c];
  return out;
}

function prepare(req: OrtRunRequest) {
  const analysis = analyzeConfig(req.config);
  if (!analysis.ok)
    throw new OrtJobError(
      `The configuration is not valid: ${analysis.errors.map((e) => `${e.path}: ${e.message}`).join(' ')}`
    );
  const budget = checkActivationBudget(analysis.graph);
  if (!budget.ok) throw new OrtJobError(budget.message);
  const { height, width } = analysis.config.input;
  const problem = checkRgbaImage(req.image, height, width);
  if (problem) throw new OrtJobError(problem);
  const tensor = req.inputTensor;
  if (tensor && tensor.length !== 3 * height * width)
    throw new OrtJobError(
      `The input tensor has ${tensor.length} values; 1x3x${height}x${width} needs ${3 * height * width}.`
    );
  const input = tensor ?? nhwcToNchw(normalizeRgba(req.image), height, width);
  return { analysis, input, shape: [1, 3, height, width] };
}

async function timedRun(
  session: OrtSession,
  feeds: Record<string, OrtTensor>
): Promise<{ ms: number; out: OrtTensor }> {
  const t0 = performance.now();
  const out = (await session.run(feeds))[OUTPUT_NAME];
  return { ms: performance.now() - t0, out };
}

/** The `heatmaps` output as plain float32 values (the session hands back its own tensor). */
function readOutput(t: OrtTensor): { shape: number[]; data: Float32Array } {
  if (!(t.data instanceof Float32Array))
    throw new OrtJobError('ONNX Runtime returned heatmaps that are not float32.');
  return { shape: [...t.dims], data: t.data.slice() };
}

async function createSession(
  ort: OrtModule,
  bytes: Uint8Array,
  provider: OrtProvider,
  executionProvider: string
) {
  try {
    // One thread: 2 cores gain little, and threads would need a cross-origin-isolated page.
    return await ort.InferenceSession.create(bytes, {
      executionProviders: [executionProvider],
      graphOptimizationLevel: 'all',
      intraOpNumThreads: 1,
      interOpNumThreads: 1
    });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new OrtJobError(`ONNX Runtime (${provider}) could not start a session: ${detail}`);
  }
}

/**
 * Exports the request's network with `source`'s weights and runs it: first run, `warmup`
 * untimed runs, then `runs` timed ones, each until the heatmaps are on the CPU. The execution
 * provider is the request's (onnxruntime-web's `wasm` or `webgpu`); native ORT in Node names its
 * CPU provider `cpu`, so a caller there passes that.
 */
export async function runOrtJob(
  ort: OrtModule,
  req: OrtRunRequest,
  source: WeightSource,
  progress: OrtProgress = () => {},
  executionProvider: string = req.provider
): Promise<OrtResult> {
  const { analysis, input, shape } = prepare(req);
  progress('exporting', 0, 1);
  const exported = exportOnnx(analysis.graph, { weights: source, config: analysis.config });
  if (!exported.ok) throw new OrtJobError(exported.error);
  const bytes = exported.value.bytes;
  progress('ort-session', 0, 1);
  const t0 = performance.now();
  const session = await createSession(ort, bytes, req.provider, executionProvider);
  const sessionMs = performance.now() - t0;
  try {
    const feeds = { [INPUT_NAME]: new ort.Tensor('float32', input, shape) };
    progress('ort-first-run', 0, 1);
    const first = await timedRun(session, feeds);
    const output = readOutput(first.out);
    for (let i = 0; i < req.warmup; i++) {
      progress('ort-warm-up', i, req.warmup);
      await timedRun(session, feeds);
    }
    const samples: number[] = [];
    for (let i = 0; i < req.runs; i++) {
      progress('ort-run', i, req.runs);
      samples.push((await timedRun(session, feeds)).ms);
    }
    return {
      provider: req.provider,
      modelBytes: bytes.length,
      timing: {
        sessionMs,
        firstRunMs: first.ms,
        warmup: req.warmup,
        samples,
        ...summarizeTimes(samples)
      },
      output
    };
  } finally {
    await session.release();
  }
}
