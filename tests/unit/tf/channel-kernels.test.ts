import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { concatChannels, shuffledConcat2, splitChannels } from '$lib/tf/channel-kernels';
import { useWasm } from './setup';

beforeAll(useWasm);

/**
 * A 1 x h x w x c map whose value at pixel p, channel k is tag·1000 + p + k/1000 (exact in
 * float32 for the sizes below), so every output value names where it came from.
 */
function tagged(tag: number, h: number, w: number, c: number): tf.Tensor4D {
  const v = new Float32Array(h * w * c);
  for (let p = 0; p < h * w; p++) for (let k = 0; k < c; k++) v[p * c + k] = value(tag, p, k);
  return tf.tensor4d(v, [1, h, w, c]);
}
function value(tag: number, p: number, k: number): number {
  return Math.fround(tag * 1000 + p + k / 1000);
}

/** The expected map: at pixel p, channel k, the value of (source tag, source channel) = at(k). */
function expected(h: number, w: number, c: number, at: (k: number) => [number, number]) {
  const v: number[] = [];
  for (let p = 0; p < h * w; p++)
    for (let k = 0; k < c; k++) {
      const [tag, ch] = at(k);
      v.push(value(tag, p, ch));
    }
  return v;
}

// Widths below and above the 16 channels where the kernels switch from a loop to copyWithin.
const WIDTHS = [2, 6, 20, 40];

describe('channel kernels on wasm', () => {
  it.each(WIDTHS)('split a %i-channel map into unequal parts', (c) => {
    const x = tagged(1, 3, 5, c);
    const sizes = [c / 2 - 1, 1, c / 2].filter((s) => s > 0);
    const parts = splitChannels(x, sizes);
    let start = 0;
    parts.forEach((part, i) => {
      const from = start;
      expect(part.shape).toEqual([1, 3, 5, sizes[i]]);
      expect(Array.from(part.dataSync())).toEqual(expected(3, 5, sizes[i], (k) => [1, from + k]));
      start += sizes[i];
    });
    tf.dispose([x, ...parts]);
  });

  it.each(WIDTHS)('concat maps of %i and 3 channels', (c) => {
    const xs = [tagged(1, 4, 2, c), tagged(2, 4, 2, 3), tagged(3, 4, 2, c)];
    const y = concatChannels(xs);
    expect(y.shape).toEqual([1, 4, 2, 2 * c + 3]);
    const at = (k: number): [number, number] =>
      k < c ? [1, k] : k < c + 3 ? [2, k - c] : [3, k - c - 3];
    expect(Array.from(y.dataSync())).toEqual(expected(4, 2, 2 * c + 3, at));
    tf.dispose([...xs, y]);
  });

  // mmpose channel_shuffle(concat(a, b), 2) with a, b of width c: view as 2 x c, transpose,
  // flatten, so output channel 2j + g holds input g's channel j (a is g = 0, b is g = 1).
  it.each(WIDTHS)('shuffled concat of two %i-channel maps, whole and as halves', (c) => {
    const [a, b] = [tagged(1, 3, 4, c), tagged(2, 3, 4, c)];
    const shuffled = (k: number): [number, number] => [1 + (k % 2), Math.floor(k / 2)];
    const [whole] = shuffledConcat2(a, b, false)!;
    expect(whole.shape).toEqual([1, 3, 4, 2 * c]);
    expect(Array.from(whole.dataSync())).toEqual(expected(3, 4, 2 * c, shuffled));
    const halves = shuffledConcat2(a, b, true)!;
    halves.forEach((half, h) => {
      expect(half.shape).toEqual([1, 3, 4, c]);
      expect(Array.from(half.dataSync())).toEqual(expected(3, 4, c, (k) => shuffled(h * c + k)));
    });
    tf.dispose([a, b, whole, ...halves]);
  });

  it('copies bit for bit: NaN, infinities and −0 stay where they were', () => {
    const special = [NaN, Infinity, -Infinity, -0];
    const a = tf.tensor4d(special, [1, 1, 1, 4]);
    const b = tf.tensor4d([1, 2, 3, 4], [1, 1, 1, 4]);
    const [whole] = shuffledConcat2(a, b, false)!;
    expect(Array.from(whole.dataSync())).toEqual([NaN, 1, Infinity, 2, -Infinity, 3, -0, 4]);
    tf.dispose([a, b, whole]);
  });

  it('leaves no tensor behind', () => {
    const x = tagged(1, 2, 2, 8);
    const before = tf.memory().numTensors;
    tf.dispose([...splitChannels(x, [4, 4]), concatChannels([x, x])]);
    tf.dispose(shuffledConcat2(x, x, true)!);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('off wasm, the same values through tfjs ops', async () => {
    await tf.setBackend('cpu');
    try {
      const [a, b] = [tagged(1, 2, 3, 4), tagged(2, 2, 3, 4)];
      expect(shuffledConcat2(a, b, true)).toBeNull();
      const [lo, hi] = splitChannels(a, [1, 3]);
      expect(Array.from(hi.dataSync())).toEqual(expected(2, 3, 3, (k) => [1, 1 + k]));
      const y = concatChannels([lo, b]);
      expect(Array.from(y.dataSync())).toEqual(
        expected(2, 3, 5, (k) => (k < 1 ? [1, 0] : [2, k - 1]))
      );
      tf.dispose([a, b, lo, hi, y]);
    } finally {
      await useWasm();
    }
  });
});
