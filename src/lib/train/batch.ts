/**
 * What training reads: batches of a top-down pose task, laid out as the tfjs executor wants them
 * (NHWC, layout.ts). The synthetic set (synthetic.ts) makes them; the trainer (trainer.ts) and
 * the metrics (metrics.ts) only see this shape, so any source of images and keypoints can train.
 */

/** COCO's 17 keypoints, in COCO's order (nose first, right ankle last). */
export const POSE_JOINTS = 17;

export interface PoseBatch {
  /** Images in the batch. */
  n: number;
  /** Input size in pixels. */
  height: number;
  width: number;
  /** [n, height, width, 3]: normalised as the forward pass's input (ImageNet mean and std, 0–255). */
  images: Float32Array;
  /** Heatmap size: the input's over 4 (the network's output stride). */
  heatmapHeight: number;
  heatmapWidth: number;
  /** [n, heatmapHeight, heatmapWidth, 17]: Gaussian targets, peak 1 (mmpose MSRAHeatmap, σ = 2). */
  targets: Float32Array;
  /** [n, 17]: mmpose's target_weight, 1 where a joint has a target, 0 where it has none. */
  targetWeights: Float32Array;
  /** [n, 17, 3]: x, y in input pixels and COCO's visibility v (0 unlabelled, 1 occluded, 2 visible). */
  keypoints: Float32Array;
  /** [n, 4]: the figure's box x, y, width, height in input pixels (PCK's and OKS's scale). */
  boxes: Float32Array;
}

/** Batches by position: the same (start, n) always gives the same batch. */
export interface PoseBatchSource {
  readonly height: number;
  readonly width: number;
  batch(start: number, n: number): PoseBatch;
}
