import { describe, expect, it } from 'vitest';
import { POSE_JOINTS, type PoseBatch } from '$lib/train/batch';
import { COCO_SIGMAS, meanPoseBaseline, oks, oksAp, pck } from '$lib/train/page-metrics';

/** A batch of n images whose joints all sit at (10 + j, 20 + i), visible, in a 40 x 80 box. */
function batch(n: number): PoseBatch {
  const keypoints = new Float32Array(n * POSE_JOINTS * 3);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < POSE_JOINTS; j++)
      keypoints.set([10 + j, 20 + i, 2], (i * POSE_JOINTS + j) * 3);
  const boxes = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) boxes.set([0, 0, 40, 80], i * 4);
  return {
    n,
    height: 64,
    width: 48,
    images: new Float32Array(0),
    heatmapHeight: 16,
    heatmapWidth: 12,
    targets: new Float32Array(0),
    targetWeights: new Float32Array(n * POSE_JOINTS).fill(1),
    keypoints,
    boxes
  };
}

const shifted = (b: PoseBatch, dx: number, dy: number) =>
  b.keypoints.map((v, k) => (k % 3 === 0 ? v + dx : k % 3 === 1 ? v + dy : v));

describe('PCK@0.2 with the box as normaliser', () => {
  it('counts a joint within 0.2 of the box (per axis) and not one beyond', () => {
    const b = batch(2);
    // dx 7.9 / 40 = 0.1975 < 0.2: correct; dx 8.1 / 40 = 0.2025: wrong.
    expect(pck(shifted(b, 7.9, 0), b)).toBe(1);
    expect(pck(shifted(b, 8.1, 0), b)).toBe(0);
    // dy 15 / 80 = 0.1875 and dx 4 / 40 = 0.1: √(0.1² + 0.1875²) = 0.2125 > 0.2.
    expect(pck(shifted(b, 4, 15), b)).toBe(0);
  });

  it('averages per joint over labelled joints only', () => {
    const b = batch(2);
    const pred = shifted(b, 0, 0);
    // Image 1's nose moves far off: the nose scores 1/2, the other 16 joints 1; mean (16 + 0.5)/17.
    pred[(POSE_JOINTS + 0) * 3] += 30;
    expect(pck(pred, b)).toBeCloseTo(16.5 / 17, 12);
    // Unlabel that nose: the nose scores 1/1 from image 0 alone.
    b.keypoints[(POSE_JOINTS + 0) * 3 + 2] = 0;
    expect(pck(pred, b)).toBe(1);
  });
});

describe('OKS and its AP', () => {
  it('OKS is 1 for a perfect prediction and COCO’s formula for a shifted one', () => {
    const b = batch(1);
    expect(oks(shifted(b, 0, 0), b, 0)).toBe(1);
    // d² = 4 for every joint; area 40·80 = 3200; e_j = 4 / (2σ_j)² / 3200 / 2.
    const want = COCO_SIGMAS.reduce((s, sg) => s + Math.exp(-4 / (2 * sg) ** 2 / 3200 / 2), 0) / 17;
    expect(oks(shifted(b, 2, 0), b, 0)).toBeCloseTo(want, 6);
  });

  it('AP is 1 when every image is matched and 0 when none is', () => {
    const b = batch(3);
    expect(oksAp(shifted(b, 0, 0), new Float32Array([0.9, 0.8, 0.7]), b)).toBeCloseTo(1, 12);
    expect(oksAp(shifted(b, 40, 40), new Float32Array([0.9, 0.8, 0.7]), b)).toBe(0);
  });

  it('AP follows the score order: the one good image ranked first or last', () => {
    const b = batch(2);
    const pred = shifted(b, 0, 0);
    for (let j = 0; j < POSE_JOINTS; j++) pred[(POSE_JOINTS + j) * 3] += 40; // image 1 is wrong
    // Good one first: recall 0.5 reached at precision 1 → recall points 0…50 read 1: 51/101.
    expect(oksAp(pred, new Float32Array([0.9, 0.1]), b)).toBeCloseTo(51 / 101, 12);
    // Good one second: precision at recall 0.5 is 1/2 → 51 points read 0.5: 25.5/101.
    expect(oksAp(pred, new Float32Array([0.1, 0.9]), b)).toBeCloseTo(25.5 / 101, 12);
  });
});

describe('the mean-pose baseline', () => {
  it('predicts each joint at its mean position relative to the box', () => {
    const b = batch(2);
    // Joint j sits at x = 10 + j in both, y = 20 and 21: mean (10 + j, 20.5).
    const pred = meanPoseBaseline(b);
    expect(Array.from(pred.subarray(0, 3))).toEqual([10, 20.5, 1]);
    expect(Array.from(pred.subarray((POSE_JOINTS + 5) * 3, (POSE_JOINTS + 5) * 3 + 2))).toEqual([
      15, 20.5
    ]);
  });
});
