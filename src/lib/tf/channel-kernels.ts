/**
 * Channel copies for the fused mode on the wasm backend: splitting an NHWC tensor's channels,
 * concatenating along channels, and the shuffled concat of two halves. tfjs-wasm runs these in
 * JavaScript (Slice first copies its whole input out of the wasm heap, then sets one pixel row at
 * a time; Concat along channels sets one row per pixel and input), so they cost more than the
 * convs around them. These kernels copy inside the wasm heap instead: runs of channels with
 * copyWithin, the shuffle's interleave as one loop over 32-bit words. The values are copied bit
 * for bit. Other backends keep tfjs's own ops.
 *
 * The kernels reach the heap the way tfjs-wasm's own JavaScript kernels do (makeOutput and
 * typedArrayFromHeap of BackendWasm); tfjs is pinned, and the fused tests compare every preset
 * with the op-by-op executor.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { CHANNEL_AXIS } from './layout';

type T4 = tf.Tensor4D;

const SPLIT = 'LiteHrnetSplitChannels';
const CONCAT = 'LiteHrnetConcatChannels';
const SHUFFLE = 'LiteHrnetShuffledConcat2';

/** Below this many channels a loop beats one copyWithin call per pixel. */
const MIN_RUN = 16;

/**
 * The heap as 32-bit words and a tensor's word offset in it, through BackendWasm's own view of a
 * tensor. Valid until the next allocation: call after making the outputs.
 */
function heapOf(backend: BackendWasm, t: tf.TensorInfo) {
  return {
    heap: new Int32Array(backend.typedArrayFromHeap(t).buffer),
    at: (u: tf.TensorInfo) => backend.typedArrayFromHeap(u).byteOffset / 4
  };
}

/**
 * For each of `pixels` pixels: `width` words from `src + p·srcStride` to `dst + p·dstStride`.
 */
function copyRuns(
  heap: Int32Array,
  dst: number,
  dstStride: number,
  src: number,
  srcStride: number,
  width: number,
  pixels: number
): void {
  if (width >= MIN_RUN) {
    for (let p = 0; p < pixels; p++, dst += dstStride, src += srcStride)
      heap.copyWithin(dst, src, src + width);
    return;
  }
  for (let p = 0; p < pixels; p++, dst += dstStride, src += srcStride)
    for (let j = 0; j < width; j++) heap[dst + j] = heap[src + j];
}

/** out[p, 2j + g] = (g = 0 ? a : b)[p, from + j] for j < n: the shuffle's interleave. */
function interleave(
  heap: Int32Array,
  out: number,
  outStride: number,
  a: number,
  b: number,
  inStride: number,
  from: number,
  n: number,
  pixels: number
): void {
  for (let p = 0; p < pixels; p++) {
    const o = out + p * outStride;
    const xa = a + p * inStride + from;
    const xb = b + p * inStride + from;
    for (let j = 0; j < n; j++) {
      heap[o + 2 * j] = heap[xa + j];
      heap[o + 2 * j + 1] = heap[xb + j];
    }
  }
}

function pixelsOf(shape: number[]): number {
  return shape[0] * shape[1] * shape[2];
}

function register(): void {
  if (tf.getKernel(SPLIT, 'wasm')) return;
  tf.registerKernel({
    kernelName: SPLIT,
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs = {}, backend }) => {
      const be = backend as BackendWasm;
      const x = inputs.x as tf.TensorInfo;
      const sizes = attrs.sizes as number[];
      const [n, h, w, c] = x.shape;
      const outs = sizes.map((s) => be.makeOutput([n, h, w, s], 'float32'));
      const { heap, at } = heapOf(be, x);
      let start = 0;
      outs.forEach((o, k) => {
        copyRuns(heap, at(o), sizes[k], at(x) + start, c, sizes[k], pixelsOf(x.shape));
        start += sizes[k];
      });
      return outs;
    }
  });
  tf.registerKernel({
    kernelName: CONCAT,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend }) => {
      const be = backend as BackendWasm;
      const xs = Object.keys(inputs)
        .sort((p, q) => Number(p.slice(1)) - Number(q.slice(1)))
        .map((k) => inputs[k] as tf.TensorInfo);
      const [n, h, w] = xs[0].shape;
      const c = xs.reduce((sum, x) => sum + x.shape[3], 0);
      const out = be.makeOutput([n, h, w, c], 'float32');
      const { heap, at } = heapOf(be, out);
      let start = 0;
      for (const x of xs) {
        const width = x.shape[3];
        copyRuns(heap, at(out) + start, c, at(x), width, width, pixelsOf(x.shape));
        start += width;
      }
      return out;
    }
  });
  tf.registerKernel({
    kernelName: SHUFFLE,
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs = {}, backend }) => {
      const be = backend as BackendWasm;
      const a = inputs.a as tf.TensorInfo;
      const b = inputs.b as tf.TensorInfo;
      const [n, h, w, c] = a.shape;
      const pixels = pixelsOf(a.shape);
      if (attrs.halves) {
        const outs = [0, 1].map(() => be.makeOutput([n, h, w, c], 'float32'));
        const { heap, at } = heapOf(be, a);
        outs.forEach((o, k) =>
          interleave(heap, at(o), c, at(a), at(b), c, (k * c) / 2, c / 2, pixels)
        );
        return outs;
      }
      const out = be.makeOutput([n, h, w, 2 * c], 'float32');
      const { heap, at } = heapOf(be, a);
      interleave(heap, at(out), 2 * c, at(a), at(b), c, 0, c, pixels);
      return out;
    }
  });
}

/** Whether the heap kernels apply: the wasm backend and float32 maps. */
function onWasm(xs: T4[]): boolean {
  if (tf.getBackend() !== 'wasm' || xs.some((x) => x.dtype !== 'float32')) return false;
  register();
  return true;
}

/** tf.split(x, sizes, channel axis). */
export function splitChannels(x: T4, sizes: number[]): T4[] {
  if (!onWasm([x])) return tf.split(x, sizes, CHANNEL_AXIS);
  return tf.engine().runKernel(SPLIT, { x }, { sizes }) as unknown as T4[];
}

/** tf.concat(xs, channel axis). */
export function concatChannels(xs: T4[]): T4 {
  if (xs.length === 1 || !onWasm(xs)) return tf.concat(xs, CHANNEL_AXIS);
  const inputs = Object.fromEntries(xs.map((x, k) => [`x${k}`, x]));
  return tf.engine().runKernel(CONCAT, inputs, {}) as T4;
}

/**
 * channel_shuffle(concat(a, b), 2) for a, b of equal width c: output channel 2j + g is input g's
 * channel j. With `halves` (c even), its two halves as two tensors; else the whole map. Null off
 * wasm (the caller uses tfjs ops).
 */
export function shuffledConcat2(a: T4, b: T4, halves: boolean): T4[] | null {
  if (!onWasm([a, b])) return null;
  const out = tf.engine().runKernel(SHUFFLE, { a, b }, { halves });
  return (halves ? out : [out]) as T4[];
}
