/**
 * One forward-pass job, from a request to a result: validate, guard memory, make weights, run
 * (first run traced and op by op; with fused execution, the plan compiled and checked against it;
 * warm-up and timed runs in the chosen execution; a profiling run), read the outputs, verify,
 * and free everything. It assumes a tfjs backend is already set (backend.ts in the worker, the test
 * setup in Node), so the same code runs in both.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Graph, OpKind } from '$lib/model';
import { analyzeConfig } from '$lib/model';
import type { PassResult } from './executor';
import { GraphRun, runGraph } from './executor';
import { FusedModel } from './fused';
import { checkActivationBudget } from './guard';
import { checkRgbaImage, normalizeRgba } from './input';
import type {
  BackendName,
  Execution,
  FeatureMap,
  ForwardResult,
  KindTiming,
  MemorySnapshot,
  Phase,
  RunRequest,
  StageMap
} from './protocol';
import { summarizeTimes } from './stats';
import { verifyTrace } from './verify';
import { WeightStore, type WeightSource } from './weights';

export type Progress = (phase: Phase, done: number, total: number) => void;

/** A job that cannot run, with a sentence for a person. */
export class JobError extends Error {}

function snapshot(): MemorySnapshot {
  const m = tf.memory();
  return { tensors: m.numTensors, bytes: m.numBytes };
}

/** Frees every output of a pass. */
function disposePass(pass: PassResult): void {
  for (const t of pass.outputs.values()) t.dispose();
}

/** One pass from the input to the network's output; the caller disposes the output. */
type Pass = (x: tf.Tensor4D) => tf.Tensor4D;

function opByOpPass(graph: Graph, w: WeightStore): Pass {
  return (x) => runGraph(graph, w, x).outputs.get(graph.output)!;
}

/** A timed pass: until the output's values are on the CPU, so async backends count fully. */
async function timedPass(pass: Pass, x: tf.Tensor4D): Promise<number> {
  const t0 = performance.now();
  const y = pass(x);
  try {
    await y.data();
  } finally {
    y.dispose();
  }
  return performance.now() - t0;
}

/** max |a − b| over two sets of maps of equal shapes; a NaN on one side only counts as Infinity. */
export function maxAbsDiff(a: FeatureMap[], b: FeatureMap[]): number {
  let max = 0;
  a.forEach((m, i) => {
    const other = b[i].data;
    for (let j = 0; j < m.data.length; j++) {
      if (m.data[j] === other[j]) continue;
      const d = Math.abs(m.data[j] - other[j]);
      max = Math.max(max, Number.isNaN(d) ? Infinity : d);
    }
  });
  return max;
}

/** The fused model's output on the same input, compared with the op-by-op first pass. */
async function fusedCheck(model: FusedModel, x: tf.Tensor4D, reference: FeatureMap[]) {
  const y = model.run(x);
  try {
    return maxAbsDiff(await channelMaps(y), reference);
  } finally {
    y.dispose();
  }
}

function makeFused(graph: Graph, weights: WeightStore): FusedModel {
  try {
    return new FusedModel(graph, weights);
  } catch (e) {
    throw new JobError(`The fused plan could not be built: ${e instanceof Error ? e.message : e}`);
  }
}

/** One map per channel of an NHWC output (1 x h x w x C → C maps of h x w). */
async function channelMaps(t: tf.Tensor4D): Promise<FeatureMap[]> {
  const [, height, width, c] = t.shape;
  const chw = tf.tidy(() => tf.transpose(t, [0, 3, 1, 2]));
  const data = (await chw.data()) as Float32Array;
  chw.dispose();
  return Array.from({ length: c }, (_, i) => ({
    height,
    width,
    data: data.slice(i * height * width, (i + 1) * height * width)
  }));
}

async function stageMaps(graph: Graph, kept: Map<number, tf.Tensor4D>): Promise<StageMap[]> {
  const maps: StageMap[] = [];
  for (const [stage, ids] of graph.stageOutputs.entries()) {
    for (const [branch, id] of ids.entries()) {
      const t = kept.get(id)!;
      const mean = tf.tidy(() => tf.mean(t, 3));
      const data = (await mean.data()) as Float32Array;
      mean.dispose();
      const [, height, width, channels] = t.shape;
      maps.push({ stage, branch, height, width, channels, data });
    }
  }
  return maps;
}

/**
 * Each op timed on its own: per op (ms, indexed by op id) and summed per op kind. wasm and cpu
 * run kernels synchronously, so the wall clock around a step is its time; webgl and webgpu only
 * queue work, so there each step waits for its values.
 */
async function profileOps(
  graph: Graph,
  w: WeightStore,
  x: tf.Tensor4D
): Promise<{ byKind: KindTiming[]; byOp: number[] }> {
  const waitEachOp = ['webgl', 'webgpu'].includes(tf.getBackend());
  const byKind = new Map<OpKind, KindTiming>();
  const byOp = new Array<number>(graph.ops.length).fill(0);
  const run = new GraphRun(graph, w, x, new Set([graph.output]));
  try {
    for (const op of graph.ops) {
      const t0 = performance.now();
      const y = run.step(op.id);
      if (waitEachOp && !y.isDisposed) await y.data();
      byOp[op.id] = performance.now() - t0;
      const entry = byKind.get(op.kind) ?? { kind: op.kind, ms: 0, calls: 0 };
      entry.ms += byOp[op.id];
      entry.calls += 1;
      byKind.set(op.kind, entry);
    }
  } finally {
    run.dispose();
  }
  return { byKind: [...byKind.values()].sort((a, b) => b.ms - a.ms), byOp };
}

function prepare(req: RunRequest) {
  const analysis = analyzeConfig(req.config);
  if (!analysis.ok)
    throw new JobError(
      `The configuration is not valid: ${analysis.errors.map((e) => `${e.path}: ${e.message}`).join(' ')}`
    );
  const budget = checkActivationBudget(analysis.graph);
  if (!budget.ok) throw new JobError(budget.message);
  const { height, width } = analysis.config.input;
  const imageProblem = checkRgbaImage(req.image, height, width);
  if (imageProblem) throw new JobError(imageProblem);
  const tensor = req.inputTensor;
  if (tensor && tensor.length !== 3 * height * width)
    throw new JobError(
      `The input tensor has ${tensor.length} values; 1x3x${height}x${width} needs ${3 * height * width}.`
    );
  return { analysis, peakBytes: budget.peakBytes };
}

/** NCHW values (1 x 3 x H x W) in NHWC order. */
function nchwToNhwcValues(data: Float32Array, height: number, width: number): Float32Array {
  const out = new Float32Array(data.length);
  const plane = height * width;
  for (let p = 0; p < plane; p++) for (let c = 0; c < 3; c++) out[p * 3 + c] = data[c * plane + p];
  return out;
}

function inputValues(req: RunRequest, height: number, width: number): Float32Array {
  return req.inputTensor
    ? nchwToNhwcValues(req.inputTensor, height, width)
    : normalizeRgba(req.image, req.normalisation ?? undefined);
}

function makeWeights(graph: Graph, source: WeightSource): WeightStore {
  try {
    return new WeightStore(graph, source);
  } catch (e) {
    throw new JobError(e instanceof Error ? e.message : String(e));
  }
}

/** The first pass: traced, keeping the output and every stage output for the views. */
async function firstPass(graph: Graph, weights: WeightStore, x: tf.Tensor4D) {
  const keep = new Set([graph.output, ...graph.stageOutputs.flat()]);
  const t0 = performance.now();
  const pass = runGraph(graph, weights, x, keep, true);
  try {
    await pass.outputs.get(graph.output)!.data();
    const firstRunMs = performance.now() - t0;
    const outputs = await channelMaps(pass.outputs.get(graph.output)!);
    const maps = await stageMaps(graph, pass.outputs);
    return { firstRunMs, outputs, maps, trace: pass.trace! };
  } finally {
    disposePass(pass);
  }
}

async function timedPasses(
  pass: Pass,
  x: tf.Tensor4D,
  n: number,
  report: (i: number) => void
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    report(i);
    samples.push(await timedPass(pass, x));
  }
  return samples;
}

/**
 * Warm-up and timed runs in the chosen execution. Fused: the plan is compiled and the weights
 * folded first (not timed), its output checked against the op-by-op first pass, and its folded
 * weights freed before this returns.
 */
async function timedRuns(
  req: RunRequest,
  execution: Execution,
  graph: Graph,
  weights: WeightStore,
  x: tf.Tensor4D,
  reference: FeatureMap[],
  progress: Progress
): Promise<{ samples: number[]; fusedMaxAbsDiff: number | null }> {
  let fused: FusedModel | null = null;
  try {
    let pass = opByOpPass(graph, weights);
    let fusedMaxAbsDiff: number | null = null;
    if (execution === 'fused') {
      progress('fusing', 0, 1);
      const model = (fused = makeFused(graph, weights));
      fusedMaxAbsDiff = await fusedCheck(model, x, reference);
      pass = (input) => model.run(input);
    }
    await timedPasses(pass, x, req.warmup, (i) => progress('warm-up', i, req.warmup));
    const samples = await timedPasses(pass, x, req.runs, (i) => progress('run', i, req.runs));
    return { samples, fusedMaxAbsDiff };
  } finally {
    fused?.dispose();
  }
}

/**
 * `source` defaults to seeded weights from `req.seed`; the worker passes a checkpoint's tensors
 * when the request names loaded weights.
 */
export async function runJob(
  req: RunRequest,
  backend: { name: BackendName; reason: string },
  progress: Progress = () => {},
  source: WeightSource = { kind: 'seeded', seed: req.seed },
  weightsLabel = ''
): Promise<ForwardResult> {
  const { analysis, peakBytes } = prepare(req);
  const { graph, costs } = analysis;
  const { height, width } = analysis.config.input;
  const execution = req.execution ?? 'op-by-op';
  const start = snapshot();
  progress('making-weights', 0, 1);
  const weights = makeWeights(graph, source);
  const x = tf.tensor4d(inputValues(req, height, width), [1, height, width, 3]);
  let measured;
  try {
    const beforeRuns = snapshot();
    progress('first-run', 0, 1);
    const first = await firstPass(graph, weights, x);
    const { samples, fusedMaxAbsDiff } = await timedRuns(
      req,
      execution,
      graph,
      weights,
      x,
      first.outputs,
      progress
    );
    const afterRuns = snapshot();
    progress('profile', 0, 1);
    const { byKind, byOp } = await profileOps(graph, weights, x);
    progress('verify', 0, 1);
    const verification = verifyTrace(graph, costs, first.trace, weights.createdParams);
    measured = {
      first,
      samples,
      fusedMaxAbsDiff,
      beforeRuns,
      afterRuns,
      byKind,
      byOp,
      verification
    };
  } finally {
    x.dispose();
    weights.dispose();
  }
  const { first, samples, fusedMaxAbsDiff, beforeRuns, afterRuns, byKind, byOp, verification } =
    measured;
  return {
    backend,
    execution,
    fusedMaxAbsDiff,
    weights:
      source.kind === 'seeded'
        ? { kind: 'seeded', seed: source.seed }
        : { kind: 'loaded', label: weightsLabel, tensors: source.tensors.size },
    verification,
    timing: {
      firstRunMs: first.firstRunMs,
      warmup: req.warmup,
      samples,
      ...summarizeTimes(samples)
    },
    byKind,
    byOp,
    memory: { estimatedPeakBytes: peakBytes, start, beforeRuns, afterRuns, end: snapshot() },
    outputs: first.outputs,
    stageMaps: first.maps
  };
}
