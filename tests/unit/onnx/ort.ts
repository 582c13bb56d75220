/** Running an exported model with ONNX Runtime's native CPU build (onnxruntime-node). */
import * as ort from 'onnxruntime-node';
import type { NamedTensor } from '$lib/checkpoint';

/**
 * One single-threaded session per call: a model is exported, run once and dropped. By default
 * ONNX Runtime runs the file as written ('disabled': no graph rewrites), so the test checks the
 * export and not ORT's own Conv+BN fusion or NCHWc kernels; 'all' (ORT's default) is what a
 * deployment runs. On the Lite-HRNet-18 fixture (heatmaps up to 8.53) the largest error against
 * PyTorch was, BN kept / folded: 7.8e-5 / 3.5e-5 with 'disabled', 6.0e-5 / 1.17e-4 with 'all'
 * (float32 sums in another order: 1.4e-5 relative).
 */
export async function runOnnx(
  bytes: Uint8Array,
  input: NamedTensor,
  graphOptimizationLevel: 'disabled' | 'all' = 'disabled'
): Promise<NamedTensor> {
  const session = await ort.InferenceSession.create(bytes, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel
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
