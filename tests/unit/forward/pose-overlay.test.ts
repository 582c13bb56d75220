import { describe, expect, it } from 'vitest';
import type { Keypoint } from '$lib/pose';
import { COCO_SKELETON, decodeKeypoints } from '$lib/pose';
import { KEYPOINT_SCORE_THRESHOLD, poseOverlay } from '$lib/components/forward/pose-overlay';

/** A keypoint with the given score, found as mmpose finds one (score > 0). */
const kp = (score: number): Keypoint => ({
  x: 1,
  y: 1,
  imageX: 10,
  imageY: 10,
  score,
  found: score > 0
});

/** A toy 4-joint skeleton: 0–1, 1–2, 2–3. */
const CHAIN = [
  [0, 1],
  [1, 2],
  [2, 3]
] as const;

describe('poseOverlay', () => {
  it("uses mmpose's drawing threshold, 0.3 (kpt_score_thr in imshow_keypoints)", () => {
    expect(KEYPOINT_SCORE_THRESHOLD).toBe(0.3);
  });

  it('with random weights draws nothing, however confident the peaks look', () => {
    const all = [0.9, 0.95, 0.8, 0.99].map(kp);
    expect(poseOverlay(all, CHAIN, false)).toEqual({ joints: [], limbs: [] });
  });

  it('with loaded weights draws joints above the threshold and limbs whose ends both are', () => {
    // Joint 2 sits exactly at 0.3: mmpose draws only scores above it.
    const o = poseOverlay([0.9, 0.31, 0.3, 0.8].map(kp), CHAIN, true);
    expect(o.joints).toEqual([0, 1, 3]);
    expect(o.limbs).toEqual([[0, 1]]);
  });

  it('a negative peak (mmpose: not found) is never drawn, even under a negative threshold', () => {
    const o = poseOverlay([-0.2, 0.5, 0.5, 0.5].map(kp), CHAIN, true, -1);
    expect(o.joints).toEqual([1, 2, 3]);
    expect(o.limbs).toEqual([
      [1, 2],
      [2, 3]
    ]);
  });

  it('decoded COCO heatmaps: only the two confident ankles and the knee between are joined', () => {
    // 17 maps of 8x8, all -0.1 except: left knee (13) peaks 0.7, left ankle (15) 0.6,
    // right ankle (16) 0.2. COCO limb [15, 13] joins the left ankle and knee; [16, 14] needs
    // the right knee, which is below the threshold.
    const maps = Array.from({ length: 17 }, (_, j) => {
      const data = new Float32Array(64).fill(-0.1);
      const peak = { 13: 0.7, 15: 0.6, 16: 0.2 }[j];
      if (peak !== undefined) data[3 * 8 + 4] = peak;
      return { height: 8, width: 8, data };
    });
    const keypoints = decodeKeypoints(maps, { x: 0, y: 0, width: 8, height: 8 });
    const o = poseOverlay(keypoints, COCO_SKELETON, true);
    expect(o.joints).toEqual([13, 15]);
    expect(o.limbs).toEqual([[15, 13]]);
  });
});
