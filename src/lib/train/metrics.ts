/**
 * Scores for the synthetic task, on a PoseBatch's labels. Pure: no tfjs, no DOM.
 * - decodeHeatmapBatch: heatmaps → keypoints in input pixels (mmpose's argmax with the quarter
 *   offset, $lib/pose/decode), plus a per-image score (the mean of the 17 maxima).
 * - pck: mmpose's PCKAccuracy with norm_item 'bbox' (keypoint_pck_accuracy).
 * - oksAp: a small OKS-based AP in the manner of COCO's keypoint evaluation (see below).
 * - meanPoseBaseline: the mean pose in box coordinates, the score to beat.
 * Shapes that do not fit the batch are a programming error: they throw an Error with a sentence.
 */
import { decodePeak } from '../pose/decode';
import { POSE_JOINTS, type PoseBatch } from './batch';

/** Predicted keypoints for every image of a batch. */
export interface PosePrediction {
  n: number;
  /** [n, 17, 2]: x, y in input pixels. */
  keypoints: Float32Array;
  /** [n]: a confidence per image, higher first when ranking for AP. */
  scores: Float32Array;
}

type BatchLabels = Pick<PoseBatch, 'n' | 'keypoints' | 'boxes'>;

function checkLength(what: string, array: ArrayLike<number>, expected: number) {
  if (array.length !== expected)
    throw new Error(`${what} has ${array.length} values; the batch needs ${expected}.`);
}

/**
 * Keypoints from NHWC heatmaps [n, H, W, 17] (the network's output for a batch). Per joint the
 * argmax with mmpose's quarter offset, times the stride (input / heatmap size), as mmpose's
 * MSRAHeatmap decode maps back (no half-pixel term). A map whose maximum is ≤ 0 is mmpose's
 * "not found": its keypoint is at heatmap (−1, −1), as get_heatmap_maximum sets it.
 */
export function decodeHeatmapBatch(
  heatmaps: Float32Array,
  shape: Pick<PoseBatch, 'n' | 'height' | 'width' | 'heatmapHeight' | 'heatmapWidth'>
): PosePrediction {
  const { n, heatmapHeight: h, heatmapWidth: w } = shape;
  checkLength('The heatmaps', heatmaps, n * h * w * POSE_JOINTS);
  const sx = shape.width / w;
  const sy = shape.height / h;
  const keypoints = new Float32Array(n * POSE_JOINTS * 2);
  const scores = new Float32Array(n);
  const map = new Float32Array(h * w);
  for (let i = 0; i < n; i++) {
    let total = 0;
    for (let k = 0; k < POSE_JOINTS; k++) {
      const base = i * h * w * POSE_JOINTS + k;
      for (let p = 0; p < h * w; p++) map[p] = heatmaps[base + p * POSE_JOINTS];
      const peak = decodePeak({ height: h, width: w, data: map });
      keypoints[(i * POSE_JOINTS + k) * 2] = (peak.found ? peak.x : -1) * sx;
      keypoints[(i * POSE_JOINTS + k) * 2 + 1] = (peak.found ? peak.y : -1) * sy;
      total += peak.score;
    }
    scores[i] = total / POSE_JOINTS;
  }
  return { n, keypoints, scores };
}

/**
 * PCK@thr as mmpose's PCKAccuracy(norm_item='bbox') computes it (mmpose 1.x
 * evaluation/metrics/keypoint_2d_metrics.py and functional/keypoint_eval.py; 0.x
 * core/evaluation/top_down_eval.py the same):
 * - a joint counts where it is labelled (v > 0) and its image's box is not empty;
 * - both axes are normalised by the box's longer side (mmpose takes max(w, h) for x and y alike);
 * - it is correct when the normalised distance is strictly below thr;
 * - the accuracy is found per joint over the images, then averaged over the joints that have
 *   any labelled case (not pooled over all joints). No labelled joint at all gives 0, as mmpose.
 */
export function pck(pred: Float32Array, batch: BatchLabels, thr = 0.2): number {
  return pckPerJoint(pred, batch, thr).mean;
}

export function pckPerJoint(pred: Float32Array, batch: BatchLabels, thr = 0.2) {
  const { n, keypoints: gt, boxes } = batch;
  checkLength('The predicted keypoints', pred, n * POSE_JOINTS * 2);
  const perJoint: number[] = [];
  for (let k = 0; k < POSE_JOINTS; k++) {
    let valid = 0;
    let correct = 0;
    for (let i = 0; i < n; i++) {
      const norm = Math.max(boxes[4 * i + 2], boxes[4 * i + 3]);
      const g = (i * POSE_JOINTS + k) * 3;
      if (!(gt[g + 2] > 0) || !(norm > 0)) continue;
      const p = (i * POSE_JOINTS + k) * 2;
      const d = Math.hypot((pred[p] - gt[g]) / norm, (pred[p + 1] - gt[g + 1]) / norm);
      valid++;
      if (d < thr) correct++;
    }
    perJoint.push(valid > 0 ? correct / valid : NaN);
  }
  const counted = perJoint.filter((a) => !Number.isNaN(a));
  const mean = counted.length ? counted.reduce((a, b) => a + b, 0) / counted.length : 0;
  return { mean, perJoint };
}

/** COCO's per-keypoint OKS sigmas, nose to right ankle (cocoeval.py, mmpose coco.py). */
export const COCO_OKS_SIGMAS: readonly number[] = [
  0.026, 0.025, 0.025, 0.035, 0.035, 0.079, 0.079, 0.072, 0.072, 0.062, 0.062, 0.107, 0.107, 0.087,
  0.087, 0.089, 0.089
];

/** numpy's np.spacing(1), COCO's guard against a zero area. */
const EPS = 2.220446049250313e-16;

/**
 * COCO's OKS of image i's prediction against its labels: the mean over labelled joints (v > 0)
 * of exp(−d² / (2·area·(2σ)²)), with area = box width × height standing in for the segment area.
 * NaN when the image has no labelled joint.
 */
export function oks(pred: Float32Array, batch: BatchLabels, i: number): number {
  const { keypoints: gt, boxes } = batch;
  const area = boxes[4 * i + 2] * boxes[4 * i + 3];
  let sum = 0;
  let count = 0;
  for (let k = 0; k < POSE_JOINTS; k++) {
    const g = (i * POSE_JOINTS + k) * 3;
    if (!(gt[g + 2] > 0)) continue;
    const p = (i * POSE_JOINTS + k) * 2;
    const d2 = (pred[p] - gt[g]) ** 2 + (pred[p + 1] - gt[g + 1]) ** 2;
    const variance = (2 * COCO_OKS_SIGMAS[k]) ** 2;
    sum += Math.exp(-d2 / variance / (area + EPS) / 2);
    count++;
  }
  return count ? sum / count : NaN;
}

/** COCO's thresholds, np.linspace(.5, .95, 10), and its 101 recall points, np.linspace(0, 1, 101). */
const OKS_THRESHOLDS = Array.from({ length: 10 }, (_, i) =>
  i === 9 ? 0.95 : 0.5 + i * ((0.95 - 0.5) / 9)
);
const RECALL_POINTS = Array.from({ length: 101 }, (_, i) => (i === 100 ? 1 : i * 0.01));

/** COCO's interpolated AP of detections ranked by score, each a true or false positive. */
function averagePrecision(truePositive: readonly boolean[], groundTruths: number): number {
  let tp = 0;
  let fp = 0;
  const recall: number[] = [];
  const precision: number[] = [];
  for (const hit of truePositive) {
    if (hit) tp++;
    else fp++;
    recall.push(tp / groundTruths);
    precision.push(tp / (tp + fp + EPS));
  }
  for (let i = precision.length - 1; i > 0; i--)
    precision[i - 1] = Math.max(precision[i - 1], precision[i]);
  let sum = 0;
  for (const r of RECALL_POINTS) {
    const at = recall.findIndex((x) => x >= r); // np.searchsorted(rc, r, side='left')
    sum += at >= 0 ? precision[at] : 0;
  }
  return sum / RECALL_POINTS.length;
}

/**
 * A small OKS-based AP, after COCO's keypoint evaluation (pycocotools cocoeval, iouType
 * 'keypoints'): one person and one prediction per image; the predictions are ranked by score
 * (a stable sort, highest first); at each OKS threshold 0.50, 0.55, … 0.95 a prediction is a true
 * positive when its OKS ≥ the threshold; precision is made non-increasing and read at 101 recall
 * points; AP is the mean over the thresholds, in 0–1.
 * What differs from COCO's evaluator: the area is the figure's box (w × h), not a segmentation
 * mask's; images with no labelled joint are left out (COCO marks such people "ignore"); there are
 * no area ranges, crowds or several people per image. NaN when no image has a labelled joint.
 */
export function oksAp(pred: Float32Array, scores: Float32Array, batch: BatchLabels): number {
  checkLength('The predicted keypoints', pred, batch.n * POSE_JOINTS * 2);
  checkLength('The scores', scores, batch.n);
  const ranked = Array.from({ length: batch.n }, (_, i) => ({
    oks: oks(pred, batch, i),
    score: scores[i]
  }))
    .filter((d) => !Number.isNaN(d.oks))
    .sort((a, b) => b.score - a.score);
  if (ranked.length === 0) return NaN;
  const aps = OKS_THRESHOLDS.map((t) =>
    averagePrecision(
      ranked.map((d) => d.oks >= Math.min(t, 1 - 1e-10)),
      ranked.length
    )
  );
  return aps.reduce((a, b) => a + b, 0) / aps.length;
}

/**
 * The mean pose: every joint's mean position relative to the box (x − box.x)/box.w,
 * (y − box.y)/box.h over the batch's labelled cases (v > 0, non-empty box), put back into each
 * image's own box. A joint never labelled sits at the box's centre. Every score is 1, so AP ranks
 * images in their order. A network that has learnt anything beats this.
 */
export function meanPoseBaseline(batch: BatchLabels): PosePrediction {
  const { n, keypoints: gt, boxes } = batch;
  const sum = new Float64Array(POSE_JOINTS * 2);
  const count = new Float64Array(POSE_JOINTS);
  for (let i = 0; i < n; i++) {
    const [bx, by, bw, bh] = boxes.subarray(4 * i, 4 * i + 4);
    if (!(bw > 0 && bh > 0)) continue;
    for (let k = 0; k < POSE_JOINTS; k++) {
      const g = (i * POSE_JOINTS + k) * 3;
      if (!(gt[g + 2] > 0)) continue;
      sum[2 * k] += (gt[g] - bx) / bw;
      sum[2 * k + 1] += (gt[g + 1] - by) / bh;
      count[k]++;
    }
  }
  const keypoints = new Float32Array(n * POSE_JOINTS * 2);
  for (let i = 0; i < n; i++) {
    const [bx, by, bw, bh] = boxes.subarray(4 * i, 4 * i + 4);
    for (let k = 0; k < POSE_JOINTS; k++) {
      const mx = count[k] ? sum[2 * k] / count[k] : 0.5;
      const my = count[k] ? sum[2 * k + 1] / count[k] : 0.5;
      keypoints[(i * POSE_JOINTS + k) * 2] = bx + mx * bw;
      keypoints[(i * POSE_JOINTS + k) * 2 + 1] = by + my * bh;
    }
  }
  return { n, keypoints, scores: new Float32Array(n).fill(1) };
}
