/**
 * Validation as the /train page shows it: heatmaps (NHWC, the trainer's `predict`) decoded into
 * keypoints as mmpose does (pose/decode.ts: argmax plus the quarter offset; the heatmap spans the
 * whole input, so the box is the input), scored with PCK@0.2 and the OKS-based AP, beside the
 * mean-pose baseline's PCK on the same set; and the preview: the first images' predicted joints
 * and their heatmaps' maximum over joints. Pure: no tfjs.
 */
import { decodePeak } from '../pose/decode';
import { POSE_JOINTS, type PoseBatch } from './batch';
import { meanPoseBaseline, oksAp, pck } from './page-metrics';
import type { Preview } from './train-protocol';

/** One joint's heatmap out of NHWC heatmaps [n, h, w, joints]. */
function jointMap(maps: Float32Array, n: number, joint: number, h: number, w: number) {
  const data = new Float32Array(h * w);
  const base = n * h * w * POSE_JOINTS;
  for (let p = 0; p < h * w; p++) data[p] = maps[base + p * POSE_JOINTS + joint];
  return { height: h, width: w, data };
}

/** [n, 17, 3]: x, y in input pixels and the peak value (mmpose's score), per image and joint. */
export function decodeBatch(maps: Float32Array, batch: PoseBatch): Float32Array {
  const { n, heatmapHeight: h, heatmapWidth: w } = batch;
  const out = new Float32Array(n * POSE_JOINTS * 3);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < POSE_JOINTS; j++) {
      const peak = decodePeak(jointMap(maps, i, j, h, w));
      const o = (i * POSE_JOINTS + j) * 3;
      out[o] = (peak.x * batch.width) / w;
      out[o + 1] = (peak.y * batch.height) / h;
      out[o + 2] = peak.score;
    }
  return out;
}

/** Per image, the mean of its joints' peak values: the detection score AP sorts by. */
export function imageScores(keypoints: Float32Array, n: number): Float32Array {
  const scores = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < POSE_JOINTS; j++) s += keypoints[(i * POSE_JOINTS + j) * 3 + 2];
    scores[i] = s / POSE_JOINTS;
  }
  return scores;
}

/** The first `count` images' predictions and the largest heatmap value per pixel. */
export function previewOf(
  maps: Float32Array,
  keypoints: Float32Array,
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
    keypoints: keypoints.slice(0, c * POSE_JOINTS * 3)
  };
}

export interface ValidationScores {
  pck: number;
  ap: number;
  baselinePck: number;
}

export function scoreValidation(keypoints: Float32Array, batch: PoseBatch): ValidationScores {
  return {
    pck: pck(keypoints, batch, 0.2),
    ap: oksAp(keypoints, imageScores(keypoints, batch.n), batch),
    baselinePck: pck(meanPoseBaseline(batch), batch, 0.2)
  };
}
