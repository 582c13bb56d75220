import { describe, expect, it } from 'vitest';
import {
  distanceField,
  rasterize,
  type Background,
  type Paint
} from '../../../src/lib/train/raster';

const black: Background = {
  top: [0, 0, 0],
  bottom: [0, 0, 0],
  noise: 0,
  noiseSeed: 0,
  mirrored: false
};
const ink = [200, 100, 50] as const;

function pixel(paints: Paint[], x: number, y: number, width = 24, height = 20) {
  const rgba = rasterize(width, height, black, paints);
  return Array.from(rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 4));
}

/*
 * Coverage is clamp(½ − d, 0, 1) at the pixel centre (x, y), d the signed distance from the outline:
 * a centre on the outline (d = 0) gets half the ink: 200·½ = 100, 100·½ = 50, 50·½ = 25.
 */
describe('rasterize', () => {
  const capsule: Paint = {
    shape: { kind: 'capsule', ax: 10, ay: 10, bx: 20, by: 10, radius: 3 },
    color: ink
  };

  it('fills a capsule, half-covers its outline and leaves the rest', () => {
    expect(pixel([capsule], 15, 10)).toEqual([200, 100, 50, 255]); // on the segment: d = −3
    expect(pixel([capsule], 15, 13)).toEqual([100, 50, 25, 255]); // 3 px away: d = 0
    expect(pixel([capsule], 7, 10)).toEqual([100, 50, 25, 255]); // the round cap: 3 px from (10, 10)
    expect(pixel([capsule], 15, 14)).toEqual([0, 0, 0, 255]); // d = 1: no ink
  });

  it('fills ellipses and convex polygons of either winding', () => {
    const ellipse: Paint = {
      shape: { kind: 'ellipse', cx: 12, cy: 10, rx: 6, ry: 3, angle: 0 },
      color: ink
    };
    expect(pixel([ellipse], 12, 10)).toEqual([200, 100, 50, 255]);
    expect(pixel([ellipse], 18, 10)).toEqual([100, 50, 25, 255]); // on the outline, (cx + rx, cy)
    expect(pixel([ellipse], 12, 14)).toEqual([0, 0, 0, 255]); // 1 px beyond ry
    for (const points of [
      [2, 2, 8, 2, 8, 8, 2, 8],
      [2, 2, 2, 8, 8, 8, 8, 2]
    ]) {
      const square: Paint = { shape: { kind: 'polygon', points }, color: ink };
      expect(pixel([square], 5, 5)).toEqual([200, 100, 50, 255]);
      expect(pixel([square], 8, 5)).toEqual([100, 50, 25, 255]); // on the right edge
      expect(pixel([square], 10, 5)).toEqual([0, 0, 0, 255]);
    }
  });

  it('paints in order, with opacity', () => {
    const over: Paint = { ...capsule, color: [0, 0, 250], opacity: 0.4 };
    // 200·0.6 = 120, 100·0.6 = 60, 50·0.6 + 250·0.4 = 130.
    expect(pixel([capsule, over], 15, 10)).toEqual([120, 60, 130, 255]);
  });

  it('draws the background gradient from top to bottom row', () => {
    const bg: Background = { ...black, top: [0, 0, 0], bottom: [190, 95, 19] };
    const rgba = rasterize(4, 20, bg, []);
    // Row y holds top + y/19·(bottom − top): row 0 black, row 19 the bottom colour, row 10 → 100, 50, 10.
    expect(Array.from(rgba.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(rgba.subarray(10 * 16, 10 * 16 + 3))).toEqual([100, 50, 10]);
    expect(Array.from(rgba.subarray(19 * 16, 19 * 16 + 3))).toEqual([190, 95, 19]);
  });

  it('measures signed distances in pixels', () => {
    expect(distanceField(capsule.shape)(15, 10)).toBe(-3);
    expect(distanceField(capsule.shape)(15, 18)).toBe(5);
    expect(distanceField({ kind: 'polygon', points: [2, 2, 8, 2, 8, 8, 2, 8] })(5, 4)).toBe(-2);
  });
});
