/**
 * The page's validation metrics on the synthetic task, over predictions laid out [n, 17, 3]
 * (x, y in input pixels, score) and a PoseBatch's labels. Pure.
 *
 * - `pck`: mmpose's keypoint_pck_accuracy with the box as normaliser: a joint with v > 0 is
 *   correct when ‖((px − gx)/w, (py − gy)/h)‖ < thr (strictly, as mmpose); the accuracy is the
 *   mean over joints of each joint's accuracy, over joints labelled in at least one image.
 * - `oksAp`: COCO's OKS (its 17 sigmas; area = box w·h stands in for the segment area), one
 *   detection per image scored by `scores`; AP at each OKS threshold .50:.05:.95 as COCOeval
 *   computes it (precision made non-increasing, read at 101 recall points), then averaged.
 *   Unlike COCOeval there is no crowd, no area range and no image without a person.
 * - `meanPoseBaseline`: every image gets the set's mean joint position relative to its box.
 */
import { POSE_JOINTS, type PoseBatch } from './batch';

/** COCO's per-keypoint OKS sigmas (pycocotools cocoeval.py), in COCO's joint order. */
export const COCO_SIGMAS = [
  0.26, 0.25, 0.25, 0.35, 0.35, 0.79, 0.79, 0.72, 0.72, 0.62, 0.62, 1.07, 1.07, 0.87, 0.87, 0.89,
  0.89
].map((s) => s / 10);

const labelled = (b: PoseBatch, i: number, j: number) =>
  b.keypoints[(i * POSE_JOINTS + j) * 3 + 2] > 0;

export function pck(pred: Float32Array, b: PoseBatch, thr = 0.2): number {
  let sum = 0;
  let joints = 0;
  for (let j = 0; j < POSE_JOINTS; j++) {
    let hit = 0;
    let count = 0;
    for (let i = 0; i < b.n; i++) {
      const w = b.boxes[i * 4 + 2];
      const h = b.boxes[i * 4 + 3];
      if (!labelled(b, i, j) || !(w > 0 && h > 0)) continue;
      const o = (i * POSE_JOINTS + j) * 3;
      const dx = (pred[o] - b.keypoints[o]) / w;
      const dy = (pred[o + 1] - b.keypoints[o + 1]) / h;
      count++;
      if (Math.hypot(dx, dy) < thr) hit++;
    }
    if (count > 0) {
      sum += hit / count;
      joints++;
    }
  }
  return joints > 0 ? sum / joints : 0;
}

/** OKS of image i's prediction against its labels; null when it has no labelled joint. */
export function oks(pred: Float32Array, b: PoseBatch, i: number): number | null {
  const area = b.boxes[i * 4 + 2] * b.boxes[i * 4 + 3];
  let sum = 0;
  let count = 0;
  for (let j = 0; j < POSE_JOINTS; j++) {
    if (!labelled(b, i, j)) continue;
    const o = (i * POSE_JOINTS + j) * 3;
    const d2 = (pred[o] - b.keypoints[o]) ** 2 + (pred[o + 1] - b.keypoints[o + 1]) ** 2;
    const variance = (2 * COCO_SIGMAS[j]) ** 2;
    sum += Math.exp(-d2 / variance / (area + Number.EPSILON) / 2);
    count++;
  }
  return count > 0 ? sum / count : null;
}

/** COCOeval's AP for one threshold: detections sorted by score, one ground truth each. */
function apAt(sorted: { oks: number }[], thr: number): number {
  const total = sorted.length;
  let tp = 0;
  const precision: number[] = [];
  const recall: number[] = [];
  sorted.forEach((d, k) => {
    if (d.oks >= thr) tp++;
    precision.push(tp / (k + 1));
    recall.push(tp / total);
  });
  for (let k = precision.length - 2; k >= 0; k--)
    precision[k] = Math.max(precision[k], precision[k + 1]);
  let sum = 0;
  for (let r = 0; r <= 100; r++) {
    const k = recall.findIndex((x) => x >= r / 100);
    sum += k === -1 ? 0 : precision[k];
  }
  return sum / 101;
}

export function oksAp(pred: Float32Array, scores: Float32Array, b: PoseBatch): number {
  const dets: { oks: number; score: number }[] = [];
  for (let i = 0; i < b.n; i++) {
    const o = oks(pred, b, i);
    if (o !== null) dets.push({ oks: o, score: scores[i] });
  }
  if (dets.length === 0) return 0;
  dets.sort((a, c) => c.score - a.score);
  let sum = 0;
  for (let t = 0; t < 10; t++) sum += apAt(dets, 0.5 + 0.05 * t);
  return sum / 10;
}

export function meanPoseBaseline(b: PoseBatch): Float32Array {
  const mean = new Float64Array(POSE_JOINTS * 2);
  const count = new Float64Array(POSE_JOINTS);
  for (let i = 0; i < b.n; i++)
    for (let j = 0; j < POSE_JOINTS; j++) {
      if (!labelled(b, i, j)) continue;
      const o = (i * POSE_JOINTS + j) * 3;
      const [x, y, w, h] = b.boxes.subarray(i * 4, i * 4 + 4);
      mean[j * 2] += (b.keypoints[o] - x) / w;
      mean[j * 2 + 1] += (b.keypoints[o + 1] - y) / h;
      count[j]++;
    }
  const pred = new Float32Array(b.n * POSE_JOINTS * 3);
  for (let i = 0; i < b.n; i++)
    for (let j = 0; j < POSE_JOINTS; j++) {
      const [x, y, w, h] = b.boxes.subarray(i * 4, i * 4 + 4);
      const c = Math.max(count[j], 1);
      const o = (i * POSE_JOINTS + j) * 3;
      pred[o] = x + (mean[j * 2] / c) * w;
      pred[o + 1] = y + (mean[j * 2 + 1] / c) * h;
      pred[o + 2] = 1;
    }
  return pred;
}
