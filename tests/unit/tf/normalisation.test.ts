import { describe, expect, it } from 'vitest';
import {
  IMAGENET_NORMALISATION,
  describeNormalisation,
  isInputNormalisation
} from '$lib/model/normalisation';
import { normalizeRgba } from '$lib/tf/input';
import { parseRequest } from '$lib/tf/protocol';

const pixel = (r: number, g: number, b: number) => ({
  width: 1,
  height: 1,
  data: new Uint8ClampedArray([r, g, b, 255])
});

describe('input normalisation (the config’s data_preprocessor)', () => {
  it('ImageNet’s 0–255 numbers equal 0.x’s 0–1 ones: (255 − 123.675)/58.395 = 2.248908', () => {
    // 0.x: (1 − 0.485)/0.229 = 2.248908; 1.x: (255 − 123.675)/58.395 = 131.325/58.395 = 2.248908.
    const out = normalizeRgba(pixel(255, 0, 128), IMAGENET_NORMALISATION);
    expect(out[0]).toBeCloseTo(2.248908, 5);
  });

  it('uses the given mean and std per channel', () => {
    // (10 − 0)/1 = 10; (20 − 10)/2 = 5; (30 − 6)/4 = 6.
    const n = { mean: [0, 10, 6], std: [1, 2, 4], order: 'rgb' } as const;
    expect([
      ...normalizeRgba(pixel(10, 20, 30), { ...n, mean: [...n.mean], std: [...n.std] })
    ]).toEqual([10, 5, 6]);
  });

  it('feeds a BGR network blue first (bgr_to_rgb=False)', () => {
    const out = normalizeRgba(pixel(10, 20, 30), { mean: [0, 0, 0], std: [1, 1, 1], order: 'bgr' });
    expect([...out]).toEqual([30, 20, 10]);
  });

  it('names ImageNet’s numbers and shows others as they are', () => {
    expect(describeNormalisation(IMAGENET_NORMALISATION)).toMatch(/^ImageNet mean \[123\.675/);
    expect(describeNormalisation({ mean: [0, 0, 0], std: [255, 255, 255], order: 'bgr' })).toBe(
      'mean [0, 0, 0] and std [255, 255, 255] (BGR, pixels 0–255)'
    );
  });

  it('the worker refuses a request whose normalisation is malformed', () => {
    const base = {
      type: 'run',
      jobId: 1,
      config: {},
      image: { width: 1, height: 1, data: new Uint8ClampedArray(4) },
      backend: 'cpu',
      runs: 1,
      warmup: 0,
      seed: 1
    };
    expect(parseRequest({ ...base, normalisation: IMAGENET_NORMALISATION })).not.toBeNull();
    expect(
      parseRequest({ ...base, normalisation: { ...IMAGENET_NORMALISATION, std: [1, 0, 1] } })
    ).toBeNull();
    expect(
      parseRequest({ ...base, normalisation: { mean: [1, 2], std: [1, 1, 1], order: 'rgb' } })
    ).toBeNull();
    expect(isInputNormalisation({ ...IMAGENET_NORMALISATION, order: 'hsv' })).toBe(false);
  });
});
