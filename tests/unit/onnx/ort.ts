/** Running an exported model with ONNX Runtime's native CPU build (onnxruntime-node). */
import * as ort from 'onnxruntime-node';
import type { NamedTensor } from '$lib/checkpoint';

/** One single-threaded session per call: a model is exported, run once and dropped. */
export async function runOnnx(bytes: Uint8Array, input: NamedTensor): Promise<NamedTensor> {
  const session = await ort.InferenceSession.create(bytes, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all'
  });
  try {
    const feeds = { input: new ort.Tensor('float32', input.data, input.shape) };
    const out = (await session.run(feeds)).heatmaps;
    return { shape: [...out.dims], data: out.data as Float32Array };
  } finally {
    await session.release();
  }
}

export async function sessionNames(bytes: Uint8Array) {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return { inputs: [...session.inputNames], outputs: [...session.outputNames] };
  } finally {
    await session.release();
  }
}

export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export function maxAbs(a: Float32Array): number {
  return a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}
