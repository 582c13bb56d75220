/**
 * Validation as the /train page and the CLI score it: predictions decoded from heatmaps
 * (metrics.ts's decodeHeatmapBatch) scored by metrics.ts (PCK@0.2, the OKS-based AP, the mean-pose baseline's PCK on the same set);
 * and the preview: the first images' predicted joints and their heatmaps' maximum over joints.
 * Pure: no tfjs.
 */
import { POSE_JOINTS, type PoseBatch } from './batch';
import { meanPoseBaseline, oksAp, pck, type PosePrediction } from './metrics';
import type { Preview } from './train-protocol';

/** The first `count` images' predictions and the largest heatmap value per pixel. */
export function previewOf(
  maps: Float32Array,
  prediction: PosePrediction,
  batch: PoseBatch,
  count: number
): Preview {
  const c = Math.min(count, batch.n);
  const { heatmapHeight: h, heatmapWidth: w } = batch;
  const maxMaps = new Float32Array(c * h * w);
  for (let i = 0; i < c; i++)
    for (let p = 0; p < h * w; p++) {
      let m = -Infinity;
      const base = (i * h * w + p) * POSE_JOINTS;
      for (let j = 0; j < POSE_JOINTS; j++) m = Math.max(m, maps[base + j]);
      maxMaps[i * h * w + p] = m;
    }
  return {
    count: c,
    heatmapHeight: h,
    heatmapWidth: w,
    maxMaps,
    keypoints: prediction.keypoints.slice(0, c * POSE_JOINTS * 2)
  };
}

export interface ValidationScores {
  pck: number;
  ap: number;
  baselinePck: number;
}

/** The three scores a validation set gets, all in 0–1. */
export function scoreValidation(prediction: PosePrediction, batch: PoseBatch): ValidationScores {
  return {
    pck: pck(prediction.keypoints, batch, 0.2),
    ap: oksAp(prediction.keypoints, prediction.scores, batch),
    baselinePck: pck(meanPoseBaseline(batch).keypoints, batch, 0.2)
  };
}
