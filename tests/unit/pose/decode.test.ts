import { describe, expect, it } from 'vitest';
import {
  COCO_SKELETON,
  MPII_SKELETON,
  decodeKeypoints,
  decodePeak,
  heatmapToImage,
  skeletonFor,
  wholeImageBox,
  type Heatmap
} from '$lib/pose';
import { fitRect } from '$lib/tf/input';

/** A zero heatmap with the given (x, y) → value cells set. */
function heatmap(width: number, height: number, cells: Array<[number, number, number]>): Heatmap {
  const data = new Float32Array(width * height);
  for (const [x, y, v] of cells) data[y * width + x] = v;
  return { width, height, data };
}

describe('decodePeak (mmpose default post-processing)', () => {
  it('moves a quarter pixel towards the higher neighbour on each axis', () => {
    // Peak 1.0 at (5, 4) in a 12 x 16 map. Right neighbour 0.6 > left 0.2, so x = 5 + 0.25;
    // upper neighbour (y = 3) 0.7 > lower 0.1, so y = 4 − 0.25.
    const map = heatmap(12, 16, [
      [5, 4, 1],
      [4, 4, 0.2],
      [6, 4, 0.6],
      [5, 3, 0.7],
      [5, 5, 0.1]
    ]);
    expect(decodePeak(map)).toEqual({ x: 5.25, y: 3.75, score: 1, found: true });
  });

  it('no shift on an axis whose neighbours are equal', () => {
    // Both x-neighbours 0 → x stays 7; y: below (y = 9) 0.5 > above 0 → y = 8.25.
    const map = heatmap(12, 16, [
      [7, 8, 2],
      [7, 9, 0.5]
    ]);
    expect(decodePeak(map)).toEqual({ x: 7, y: 8.25, score: 2, found: true });
  });

  it('no shift at or next to the border (mmpose tests 1 < x < W − 1 and 1 < y < H − 1)', () => {
    // x = 1 fails 1 < x although it has two neighbours: mmpose leaves it, so do we.
    const map = heatmap(12, 16, [
      [1, 6, 3],
      [2, 6, 1],
      [1, 7, 1]
    ]);
    expect(decodePeak(map)).toEqual({ x: 1, y: 6, score: 3, found: true });
  });

  it('a non-positive maximum is "not found"; ties keep the first in row-major order', () => {
    const map = heatmap(4, 4, [
      [2, 1, -0.5],
      [3, 2, -0.5]
    ]);
    map.data = (map.data as Float32Array).map((v) => (v === 0 ? -1 : v));
    expect(decodePeak(map)).toMatchObject({ x: 2, y: 1, score: -0.5, found: false });
  });
});

describe('back to image coordinates', () => {
  it('a landscape image is padded vertically to the 3:4 input; the heatmap spans that box', () => {
    // 400 x 200 image into a 192 x 256 (W x H) input: aspect 0.75. 400 > 0.75 · 200, so the box
    // keeps width 400 and gets height 400 / 0.75 = 533.33…, centred: y = (200 − 533.33) / 2.
    const box = wholeImageBox(400, 200, 192, 256);
    expect(box.width).toBe(400);
    expect(box.height).toBeCloseTo(1600 / 3, 10);
    expect(box.y).toBeCloseTo(-500 / 3, 10);
    // The same box as the input fit: the image's scale is 192 / 400 = 0.48 and its top is at
    // fitRect's y = (256 − 96) / 2 = 80 input pixels, i.e. 80 / 0.48 = 166.67 image pixels down.
    const fit = fitRect(400, 200, 192, 256);
    expect(-fit.y / (fit.width / 400)).toBeCloseTo(box.y, 10);
    // Heatmap 48 x 64: (5.25, 3.75) → x = 0 + 5.25 · 400 / 48 = 43.75,
    // y = −166.67 + 3.75 · 533.33 / 64 = −166.67 + 31.25 = −135.42.
    const [x, y] = heatmapToImage(5.25, 3.75, { width: 48, height: 64 }, box);
    expect(x).toBeCloseTo(43.75, 10);
    expect(y).toBeCloseTo(-500 / 3 + 31.25, 10);
  });

  it('decodeKeypoints decodes every channel', () => {
    const maps = [heatmap(8, 8, [[3, 3, 1]]), heatmap(8, 8, [[4, 2, 0.5]])];
    const box = { x: 10, y: 20, width: 80, height: 80 };
    const kps = decodeKeypoints(maps, box);
    // 10 px per heatmap cell: (3, 3) → (40, 50); (4, 2) → (50, 40).
    expect(kps.map((k) => [k.imageX, k.imageY, k.score])).toEqual([
      [40, 50, 1],
      [50, 40, 0.5]
    ]);
  });
});

describe('skeletons', () => {
  it('COCO joins 17 joints with 19 links, MPII 16 with 15; every index in range', () => {
    expect(COCO_SKELETON).toHaveLength(19);
    expect(MPII_SKELETON).toHaveLength(15);
    expect(COCO_SKELETON.flat().every((j) => j >= 0 && j < 17)).toBe(true);
    expect(new Set(COCO_SKELETON.flat()).size).toBe(17);
    expect(new Set(MPII_SKELETON.flat()).size).toBe(16);
    expect(skeletonFor(17)).toBe(COCO_SKELETON);
    expect(skeletonFor(16)).toBe(MPII_SKELETON);
    expect(skeletonFor(3)).toEqual([]);
  });
});
