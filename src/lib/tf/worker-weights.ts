/**
 * A job worker's weights (the tfjs and ONNX Runtime workers alike): seeded when the request names
 * none, else the loaded tensors, which the page sends once per worker and then names by key.
 * No tfjs here.
 */
import type { TensorMap } from '$lib/checkpoint/types';
import type { WeightsRef } from './protocol';
import type { WeightSource } from './weight-values';

/** Remembers the last loaded weights it was sent; returns each request's weight source. */
export function workerWeights(): (
  ref: WeightsRef | null | undefined,
  seed: number
) => WeightSource {
  let cached: { key: number; tensors: TensorMap } | null = null;
  return (w, seed) => {
    if (!w) return { kind: 'seeded', seed };
    if (w.tensors)
      cached = {
        key: w.key,
        tensors: new Map(w.tensors.map((t) => [t.name, { shape: t.shape, data: t.data }]))
      };
    if (!cached || cached.key !== w.key)
      throw new Error('The loaded weights did not reach the worker; load them again.');
    return { kind: 'loaded', tensors: cached.tensors };
  };
}
