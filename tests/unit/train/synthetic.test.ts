import { describe, expect, it } from 'vitest';
import { COCO_FLIP_PAIRS } from '../../../src/lib/pose/skeleton';
import { normalizeRgba } from '../../../src/lib/tf/input';
import type { PoseBatch } from '../../../src/lib/train/batch';
import { randomStream } from '../../../src/lib/train/random';
import { rasterize } from '../../../src/lib/train/raster';
import { flipScene, labelVisibility, randomScene, type Scene } from '../../../src/lib/train/scene';
import {
  createSyntheticSource,
  renderSample,
  syntheticOptionsProblem
} from '../../../src/lib/train/synthetic';

const bytes = (b: PoseBatch) =>
  [b.images, b.targets, b.targetWeights, b.keypoints, b.boxes].map((a) => Buffer.from(a.buffer));

function sameBatch(a: PoseBatch, b: PoseBatch): boolean {
  const x = bytes(a);
  const y = bytes(b);
  return x.every((buf, i) => buf.equals(y[i]));
}

function slice(b: PoseBatch, i: number) {
  const per = (a: Float32Array) => a.length / b.n;
  const part = (a: Float32Array) => Buffer.from(a.slice(i * per(a), (i + 1) * per(a)).buffer);
  return [b.images, b.targets, b.targetWeights, b.keypoints, b.boxes].map(part);
}

describe('synthetic pose set: determinism', () => {
  it('gives the same bytes for the same seed, start and count', () => {
    const a = createSyntheticSource({ seed: 3, height: 64, width: 48 }).batch(10, 4);
    const b = createSyntheticSource({ seed: 3, height: 64, width: 48 }).batch(10, 4);
    expect(sameBatch(a, b)).toBe(true);
  });

  it('makes sample i the same whichever batch holds it', () => {
    const source = createSyntheticSource({ seed: 3, height: 64, width: 48 });
    const wide = source.batch(8, 5);
    const single = source.batch(11, 1);
    expect(slice(wide, 3).every((buf, k) => buf.equals(slice(single, 0)[k]))).toBe(true);
  });

  it('differs between seeds and between the train and validation splits', () => {
    const train = createSyntheticSource({ seed: 3, height: 64, width: 48 }).batch(0, 2);
    const other = createSyntheticSource({ seed: 4, height: 64, width: 48 }).batch(0, 2);
    const validation = createSyntheticSource({
      seed: 3,
      height: 64,
      width: 48,
      split: 'validation'
    }).batch(0, 2);
    expect(sameBatch(train, other)).toBe(false);
    expect(sameBatch(train, validation)).toBe(false);
  });

  it('shows the page the same sample the batch holds (renderSample)', () => {
    const options = { seed: 9, height: 64, width: 48, split: 'validation' as const };
    const batch = createSyntheticSource(options).batch(7, 1);
    const sample = renderSample(options, 7);
    expect(
      Buffer.from(normalizeRgba(sample.image).buffer).equals(Buffer.from(batch.images.buffer))
    ).toBe(true);
    expect(Array.from(sample.keypoints)).toEqual(Array.from(batch.keypoints));
    expect(Array.from(new Float32Array(sample.box))).toEqual(Array.from(batch.boxes));
  });
});

describe('synthetic pose set: sizes', () => {
  it('lays out a batch as PoseBatch says (64x48 and 128x96)', () => {
    for (const [height, width] of [
      [64, 48],
      [128, 96]
    ]) {
      const b = createSyntheticSource({ seed: 1, height, width }).batch(0, 3);
      expect([b.n, b.height, b.width, b.heatmapHeight, b.heatmapWidth]).toEqual([
        3,
        height,
        width,
        height / 4,
        width / 4
      ]);
      expect(b.images.length).toBe(3 * height * width * 3);
      expect(b.targets.length).toBe(3 * (height / 4) * (width / 4) * 17);
      expect([b.targetWeights.length, b.keypoints.length, b.boxes.length]).toEqual([51, 153, 12]);
    }
  });

  it('refuses sizes that are not multiples of 4 from 32 up, with a sentence', () => {
    expect(syntheticOptionsProblem({ seed: 1, height: 64, width: 48 })).toBeNull();
    expect(syntheticOptionsProblem({ seed: 1, height: 32, width: 32 })).toBeNull();
    expect(syntheticOptionsProblem({ seed: 1, height: 66, width: 48 })).toMatch(
      /height must be a multiple of 4/
    );
    expect(syntheticOptionsProblem({ seed: 1, height: 64, width: 28 })).toMatch(
      /width must be between 32 and/
    );
    expect(syntheticOptionsProblem({ seed: 1, height: 64.5, width: 48 })).toMatch(/whole number/);
    expect(syntheticOptionsProblem({ seed: 0.5, height: 64, width: 48 })).toMatch(/seed/);
    expect(() => createSyntheticSource({ seed: 1, height: 30, width: 48 })).toThrow(
      /height must be between 32/
    );
    const bad = { seed: 1, height: 64, width: 48, split: 'test' as 'train' };
    expect(() => createSyntheticSource(bad)).toThrow(/split must be 'train' or 'validation'/);
    expect(() => renderSample({ seed: 1, height: 64, width: 48 }, -1)).toThrow(/index/);
  });
});

describe('synthetic pose set: labels', () => {
  const b = createSyntheticSource({ seed: 11, height: 64, width: 48, split: 'validation' }).batch(
    0,
    200
  );

  it('labels visibility with COCO v and weights joints as mmpose does', () => {
    const seen = [0, 0, 0];
    for (let i = 0; i < b.n * 17; i++) {
      const [x, y, v] = b.keypoints.subarray(3 * i, 3 * i + 3);
      expect([0, 1, 2]).toContain(v);
      seen[v]++;
      if (v === 0) {
        // Unlabelled: COCO writes (0, 0, 0); no target.
        expect([x, y, b.targetWeights[i]]).toEqual([0, 0, 0]);
      } else {
        // Labelled joints are inside the image, so their Gaussian window always lands: weight 1.
        expect(x >= 0 && x <= 47 && y >= 0 && y <= 63).toBe(true);
        expect(b.targetWeights[i]).toBe(1);
      }
    }
    // All three kinds occur in 200 figures (crop jitter pushes joints out; occluders hide some).
    expect(seen.every((count) => count > 0)).toBe(true);
    expect(seen[2]).toBeGreaterThan(seen[1]);
  });

  it('peaks each labelled target at 4·mu, mu = int(x/4 + 0.5) clamped to the map', () => {
    const { heatmapWidth: w, heatmapHeight: h } = b;
    for (let i = 0; i < b.n * 17; i++) {
      const [x, y, v] = b.keypoints.subarray(3 * i, 3 * i + 3);
      if (v === 0) continue;
      const mx = Math.min(w - 1, Math.trunc(x / 4 + 0.5));
      const my = Math.min(h - 1, Math.trunc(y / 4 + 0.5));
      const n = Math.floor(i / 17);
      const k = i % 17;
      const peak = b.targets[((n * h + my) * w + mx) * 17 + k];
      // 1 at mu; exp(−1/8) when mu fell one column or row off the map's far edge.
      expect([1, Math.fround(Math.exp(-1 / 8)), Math.fround(Math.exp(-2 / 8))]).toContain(peak);
    }
  });

  it('boxes the figure inside the image, around every labelled joint', () => {
    for (let n = 0; n < b.n; n++) {
      const [bx, by, bw, bh] = b.boxes.subarray(4 * n, 4 * n + 4);
      expect(bx >= 0 && by >= 0 && bx + bw <= 47 + 1e-3 && by + bh <= 63 + 1e-3).toBe(true);
      for (let k = 0; k < 17; k++) {
        const [x, y, v] = b.keypoints.subarray((n * 17 + k) * 3, (n * 17 + k) * 3 + 3);
        if (v > 0)
          expect(
            x >= bx - 1e-3 && x <= bx + bw + 1e-3 && y >= by - 1e-3 && y <= by + bh + 1e-3
          ).toBe(true);
      }
    }
  });

  it('normalises images with ImageNet mean and std on 0–255 pixels', () => {
    // A pixel value p becomes (p − 123.675)/58.395 in the red channel: the range is [−2.118, 2.249].
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < b.images.length; i += 3) {
      lo = Math.min(lo, b.images[i]);
      hi = Math.max(hi, b.images[i]);
    }
    expect(lo).toBeGreaterThanOrEqual(-123.675 / 58.395 - 1e-6);
    expect(hi).toBeLessThanOrEqual((255 - 123.675) / 58.395 + 1e-6);
  });
});

describe('synthetic pose set: flips and occlusion', () => {
  const scene = (i: number) => randomScene(randomStream(5, `flip-${i}`), 48, 64);

  it('mirrors keypoints and swaps every left/right pair', () => {
    const s = scene(1);
    const f = flipScene(s);
    expect(f.flipped).toBe(!s.flipped);
    const mirror = (j: number) => {
      const [x, y, v] = s.keypoints.subarray(3 * j, 3 * j + 3);
      return v > 0 ? [47 - x, y, v] : [0, 0, 0];
    };
    expect(Array.from(f.keypoints.subarray(0, 3))).toEqual(mirror(0)); // the nose has no partner
    for (const [left, right] of COCO_FLIP_PAIRS) {
      expect(Array.from(f.keypoints.subarray(3 * left, 3 * left + 3))).toEqual(mirror(right));
      expect(Array.from(f.keypoints.subarray(3 * right, 3 * right + 3))).toEqual(mirror(left));
    }
    // Twice is the identity (up to rounding of 47 − (47 − x)).
    flipScene(f).keypoints.forEach((value, i) => expect(value).toBeCloseTo(s.keypoints[i], 9));
  });

  it('draws the flipped scene as the mirror image', () => {
    const s = scene(2);
    const image = rasterize(48, 64, s.background, s.paints);
    const f = flipScene(s);
    const flipped = rasterize(48, 64, f.background, f.paints);
    let worst = 0;
    for (let y = 0; y < 64; y++)
      for (let x = 0; x < 48; x++)
        for (let c = 0; c < 3; c++)
          worst = Math.max(
            worst,
            Math.abs(image[(y * 48 + x) * 4 + c] - flipped[(y * 48 + 47 - x) * 4 + c])
          );
    expect(worst).toBeLessThanOrEqual(1); // rounding of mirrored coordinates, at most one level
  });

  it('flips about half of the samples', () => {
    const flips = Array.from(
      { length: 200 },
      (_, i) => renderSample({ seed: 2, height: 64, width: 48 }, i).flipped
    );
    const count = flips.filter(Boolean).length;
    // Binomial(200, ½): mean 100, sd ≈ 7.1; 70–130 is over 4 sd either side.
    expect(count).toBeGreaterThan(70);
    expect(count).toBeLessThan(130);
  });

  it('marks a joint under a later paint that is not its own as occluded (v = 1)', () => {
    const keypoints = new Float64Array(51);
    keypoints.set([10, 10], 3 * 9); // left wrist
    keypoints.set([30, 30], 3 * 10); // right wrist
    keypoints.set([60, 10], 3 * 0); // the nose, outside a 48-wide image
    const limb = (j: number, x: number) => ({
      shape: { kind: 'capsule' as const, ax: x, ay: 0, bx: x, by: 40, radius: 3 },
      color: [200, 150, 100] as const,
      joints: [j],
      role: 'figure' as const
    });
    const occluder = {
      shape: { kind: 'ellipse' as const, cx: 10, cy: 10, rx: 4, ry: 4, angle: 0 },
      color: [0, 0, 255] as const,
      joints: [],
      role: 'occluder' as const
    };
    const s: Scene = {
      width: 48,
      height: 64,
      background: { top: [0, 0, 0], bottom: [0, 0, 0], noise: 0, noiseSeed: 0, mirrored: false },
      paints: [limb(9, 10), limb(10, 30), occluder],
      keypoints,
      box: [0, 0, 47, 63],
      flipped: false
    };
    const selfOccluded = new Array<boolean>(17).fill(false);
    selfOccluded[10] = true;
    labelVisibility(s, selfOccluded);
    expect(Array.from(s.keypoints.subarray(27, 30))).toEqual([10, 10, 1]); // under the occluder
    expect(Array.from(s.keypoints.subarray(30, 33))).toEqual([30, 30, 1]); // turned away
    expect(Array.from(s.keypoints.subarray(0, 3))).toEqual([0, 0, 0]); // outside the image
  });
});
