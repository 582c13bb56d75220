import { describe, expect, it } from 'vitest';
import { readNpy } from '$lib/checkpoint/npy';
import { heatmapsNpy } from '$lib/components/forward/heatmaps';
import { tensorProblem, validRuns, validWarmup } from '$lib/components/forward/run-input';

describe('heatmapsNpy', () => {
  it('writes 1 x joints x H x W float32, joint after joint, row-major', async () => {
    // Two 2x3 maps: 0…5 and 10…15. NCHW order puts all of joint 0 first.
    const maps = [0, 10].map((base) => ({
      height: 2,
      width: 3,
      data: Float32Array.from({ length: 6 }, (_, i) => base + i)
    }));
    const read = readNpy(new Uint8Array(await heatmapsNpy(maps).arrayBuffer()));
    if (!read.ok) throw new Error(read.error);
    expect(read.value.shape).toEqual([1, 2, 2, 3]);
    expect([...read.value.data]).toEqual([0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15]);
  });
});

describe('run inputs', () => {
  it('timed runs 1…100 and warm-up 0…20, whole numbers', () => {
    expect([0, 1, 100, 101, 2.5, NaN].map(validRuns)).toEqual([
      false,
      true,
      true,
      false,
      false,
      false
    ]);
    expect([-1, 0, 20, 21].map(validWarmup)).toEqual([false, true, true, false]);
  });

  it('an input tensor must be 1 x 3 x H x W for this network', () => {
    const t = { label: 'x.npy', data: new Float32Array(0), shape: [1, 3, 256, 192] };
    expect(tensorProblem(t, { height: 256, width: 192 })).toBeNull();
    expect(tensorProblem(t, { height: 384, width: 288 })).toBe(
      'The input tensor x.npy is 1x3x256x192; this network needs 1x3x384x288 (N x C x H x W). The image is used instead.'
    );
  });
});
