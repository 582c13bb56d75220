/**
 * What the pose view draws over the image. A heatmap's maximum is mmpose's keypoint score; only
 * joints scoring above the threshold are drawn, and a limb only when both its ends are.
 * The threshold is mmpose 0.x's own for drawing (`kpt_score_thr=0.3` in `imshow_keypoints` and
 * the top-down models' `show_result`, which draw a joint when its score is above it). With seeded random weights nothing is drawn at all: their
 * heatmaps' peaks are noise (often negative, often at the image's corners), and a skeleton
 * through them would look like a result. Pure: no DOM.
 */
import type { Keypoint } from '$lib/pose';

export const KEYPOINT_SCORE_THRESHOLD = 0.3;

export interface PoseOverlay {
  /** Heatmap indices of the joints drawn. */
  joints: number[];
  /** Limbs drawn, as pairs of heatmap indices. */
  limbs: (readonly [number, number])[];
}

export function poseOverlay(
  keypoints: readonly Keypoint[],
  skeleton: ReadonlyArray<readonly [number, number]>,
  trained: boolean,
  threshold = KEYPOINT_SCORE_THRESHOLD
): PoseOverlay {
  if (!trained) return { joints: [], limbs: [] };
  const shown = (i: number) => {
    const k = keypoints[i];
    return !!k && k.found && k.score > threshold;
  };
  return {
    joints: keypoints.map((_, i) => i).filter(shown),
    limbs: skeleton.filter(([a, b]) => shown(a) && shown(b))
  };
}
