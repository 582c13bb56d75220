/**
 * Memory of a graph in float32: what each op writes, what is alive at the worst moment, and the
 * weights. The liveness estimate assumes every op writes a fresh tensor and frees each input
 * right after its last reader, as a tfjs executor that disposes eagerly does; PyTorch's views
 * (chunk, split) and in-place adds make its real peak somewhat lower.
 */
import type { Graph } from './graph';
import { INPUT_ID, numel } from './graph';

export const BYTES_PER_FLOAT = 4;

export interface MemoryEstimate {
  /** `activationBytes[op.id]`: bytes of that op's output tensor. */
  activationBytes: Float64Array;
  /** Largest total of tensors alive at once, input image included (bytes). */
  peakBytes: number;
  /** Op after which the peak is reached. */
  peakAt: number;
  /** Trainable parameters in float32 (bytes). */
  weightBytes: number;
  /** BatchNorm running mean and variance, which a checkpoint also stores (bytes). */
  bufferBytes: number;
}

export function estimateMemory(graph: Graph): MemoryEstimate {
  const { ops } = graph;
  const n = ops.length;
  const activationBytes = new Float64Array(n);
  const lastUse = new Int32Array(n).fill(-1);
  let inputLastUse = -1;
  let weightBytes = 0;
  let bufferBytes = 0;
  for (const op of ops) {
    activationBytes[op.id] = numel(op.outShape) * BYTES_PER_FLOAT;
    for (const i of op.inputs) {
      if (i === INPUT_ID) inputLastUse = op.id;
      else lastUse[i] = op.id;
    }
    weightBytes += op.params * BYTES_PER_FLOAT;
    if (op.kind === 'batchnorm' && op.params > 0)
      bufferBytes += 2 * op.attrs.channels * BYTES_PER_FLOAT;
  }
  lastUse[graph.output] = n; // the output outlives the pass
  const freeAfter: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) if (lastUse[i] >= 0 && lastUse[i] < n) freeAfter[lastUse[i]].push(i);

  let live = numel(graph.input) * BYTES_PER_FLOAT;
  let peakBytes = live;
  let peakAt = -1;
  for (let i = 0; i < n; i++) {
    live += activationBytes[i];
    if (live > peakBytes) {
      peakBytes = live;
      peakAt = i;
    }
    for (const dead of freeAfter[i]) live -= activationBytes[dead];
    if (i === inputLastUse) live -= numel(graph.input) * BYTES_PER_FLOAT;
    // An op nobody reads (never the case in a built graph) is freed at once.
    if (lastUse[i] === -1) live -= activationBytes[i];
  }
  return { activationBytes, peakBytes, peakAt, weightBytes, bufferBytes };
}
