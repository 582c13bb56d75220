import { describe, expect, it } from 'vitest';
import { msraHeatmaps } from '../../../src/lib/train/heatmap';

/*
 * Hand cases for mmpose's MSRAHeatmap (generate_gaussian_heatmaps), σ = 2, stride 4, a 48x64 input
 * (heatmap W = 12, H = 16). The centre is mu = int(x/4 + 0.5); the window spans mu ± 6; values are
 * exp(−(dx² + dy²)/8): exp(−1/8) = 0.8824969, exp(−5/8) = 0.5352614, exp(−1) = 0.3678794,
 * exp(−4.5) = 0.0111090, exp(−9) = 1.2340981e−4 (Python's math.exp).
 */
const size = { height: 16, width: 12, stride: 4 };
const at = (maps: Float32Array, x: number, y: number, k = 0, joints = 1) =>
  maps[(y * 12 + x) * joints + k];

function oneJoint(x: number, y: number, v = 2) {
  return msraHeatmaps([x, y, v], 1, size);
}

describe('MSRA heatmap targets', () => {
  it('puts a peak of 1 at int(x/4 + 0.5) and the Gaussian around it', () => {
    // (20, 28) → (5, 7) in heatmap units; int(5.5) = 5, int(7.5) = 7.
    const { heatmaps, weights } = oneJoint(20, 28);
    expect(weights[0]).toBe(1);
    expect(at(heatmaps, 5, 7)).toBe(1);
    expect(at(heatmaps, 6, 7)).toBeCloseTo(0.8824969, 6);
    expect(at(heatmaps, 4, 9)).toBeCloseTo(0.5352614, 6); // dx = −1, dy = 2
    expect(at(heatmaps, 7, 9)).toBeCloseTo(0.3678794, 6);
    expect(at(heatmaps, 11, 7)).toBeCloseTo(0.011109, 6); // dx = 6, the window's edge
    expect(at(heatmaps, 11, 13)).toBeCloseTo(1.2340981e-4, 9); // the window's corner
    expect(at(heatmaps, 5, 14)).toBe(0); // dy = 7: outside the 3σ window, nothing written
    expect(at(heatmaps, 5, 0)).toBe(0);
  });

  it('rounds the centre half up by truncation: 21.9 → 5, 22 → 6', () => {
    // 21.9/4 + 0.5 = 5.975 → 5; 22/4 + 0.5 = 6 → 6.
    expect(at(oneJoint(21.9, 28).heatmaps, 5, 7)).toBe(1);
    expect(at(oneJoint(22, 28).heatmaps, 6, 7)).toBe(1);
  });

  it('gives no target and weight 0 to an unlabelled joint, a target to an occluded one', () => {
    const none = oneJoint(20, 28, 0);
    expect(none.weights[0]).toBe(0);
    expect(none.heatmaps.every((v) => v === 0)).toBe(true);
    const occluded = oneJoint(20, 28, 1);
    expect(occluded.weights[0]).toBe(1);
    expect(at(occluded.heatmaps, 5, 7)).toBe(1);
  });

  it('follows mmpose on the left edge: weight 0 only when right = mu + 7 < 0', () => {
    // x = −28: mu = int(−6.5) = −6, window −12 … 0: column 0 at dx = 6 holds exp(−4.5).
    const partial = oneJoint(-28, 28);
    expect(partial.weights[0]).toBe(1);
    expect(at(partial.heatmaps, 0, 7)).toBeCloseTo(0.011109, 6);
    // x = −32: mu = int(−7.5) = −7, right = 0 is not < 0, so weight 1, yet nothing lands on the map.
    const empty = oneJoint(-32, 28);
    expect(empty.weights[0]).toBe(1);
    expect(empty.heatmaps.every((v) => v === 0)).toBe(true);
    // x = −36: mu = int(−8.5) = −8, right = −1 < 0: weight 0.
    expect(oneJoint(-36, 28).weights[0]).toBe(0);
  });

  it('follows mmpose on the right edge: weight 0 when left = mu − 6 ≥ W', () => {
    // x = 66: mu = int(17) = 17, left = 11 < 12: column 11 at dx = 6.
    const partial = oneJoint(66, 28);
    expect(partial.weights[0]).toBe(1);
    expect(at(partial.heatmaps, 11, 7)).toBeCloseTo(0.011109, 6);
    // x = 70: mu = int(18) = 18, left = 12 ≥ 12.
    expect(oneJoint(70, 28).weights[0]).toBe(0);
  });

  it('keeps joints apart in the NHWC layout', () => {
    const { heatmaps, weights } = msraHeatmaps([20, 28, 2, 0, 0, 0, 4, 60, 2], 3, size);
    expect(Array.from(weights)).toEqual([1, 0, 1]);
    expect(at(heatmaps, 5, 7, 0, 3)).toBe(1);
    expect(at(heatmaps, 5, 7, 2, 3)).toBe(0);
    expect(at(heatmaps, 1, 15, 2, 3)).toBe(1); // (4, 60) → (1, 15), 8 rows below (5, 7)
    expect(heatmaps.filter((_, i) => i % 3 === 1).every((v) => v === 0)).toBe(true);
  });
});
