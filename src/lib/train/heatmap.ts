/**
 * Heatmap targets as mmpose's MSRAHeatmap codec (1.x `generate_gaussian_heatmaps`; 0.x
 * TopDownGenerateTarget with target_type 'GaussianHeatmap', encoding 'MSRA'), for one person:
 * - the keypoint in heatmap units is its input position over the stride (input size / heatmap
 *   size, 4 here); the Gaussian's centre is mu = int(x / stride + 0.5) (truncation, as numpy's
 *   astype(int64));
 * - a window of radius 3σ around mu holds exp(−((x − mu_x)² + (y − mu_y)²) / (2σ²)), peak 1 at mu;
 *   no value is written outside the window;
 * - target weight 0 when the joint is unlabelled (v = 0) or its window lies wholly outside the map
 *   (left ≥ W, top ≥ H, right < 0 or bottom < 0 with left = mu − 3σ, right = mu + 3σ + 1), else 1.
 */

export const HEATMAP_SIGMA = 2;

/** The (2·3σ + 1)² window of exp(−(dx² + dy²)/(2σ²)), peak 1 at its centre; one per σ. */
const kernels = new Map<number, { radius: number; size: number; values: Float64Array }>();

function gaussianKernel(sigma: number) {
  let kernel = kernels.get(sigma);
  if (!kernel) {
    const radius = 3 * sigma;
    const size = Math.floor(2 * radius + 1);
    const centre = Math.floor(size / 2);
    const values = new Float64Array(size * size);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++)
        values[y * size + x] = Math.exp(
          -((x - centre) ** 2 + (y - centre) ** 2) / (2 * sigma * sigma)
        );
    kernel = { radius, size, values };
    kernels.set(sigma, kernel);
  }
  return kernel;
}

export interface HeatmapTarget {
  /** [height, width, joints] (NHWC for one image), peak 1. */
  heatmaps: Float32Array;
  /** [joints]: 1 or 0. */
  weights: Float32Array;
}

/**
 * Writes one person's targets into `out` ([h, w, k] at `offset`, zero there beforehand) and
 * `weights` (at `weightOffset`). keypoints: [k, 3] in input pixels with v.
 */
export function writeMsraHeatmaps(
  keypoints: ArrayLike<number>,
  joints: number,
  size: { height: number; width: number; stride: number; sigma?: number },
  out: Float32Array,
  offset: number,
  weights: Float32Array,
  weightOffset: number
): void {
  const { height: H, width: W, stride } = size;
  const sigma = size.sigma ?? HEATMAP_SIGMA;
  const { radius, size: side, values } = gaussianKernel(sigma);
  for (let k = 0; k < joints; k++) {
    const v = keypoints[3 * k + 2];
    weights[weightOffset + k] = 0;
    if (!(v >= 0.5)) continue;
    const muX = Math.trunc(keypoints[3 * k] / stride + 0.5);
    const muY = Math.trunc(keypoints[3 * k + 1] / stride + 0.5);
    const left = Math.trunc(muX - radius);
    const top = Math.trunc(muY - radius);
    const right = Math.trunc(muX + radius + 1);
    const bottom = Math.trunc(muY + radius + 1);
    if (left >= W || top >= H || right < 0 || bottom < 0) continue;
    weights[weightOffset + k] = 1;
    for (let y = Math.max(0, top); y < Math.min(H, bottom); y++) {
      for (let x = Math.max(0, left); x < Math.min(W, right); x++) {
        const g = values[(y - top) * side + (x - left)];
        const i = offset + (y * W + x) * joints + k;
        if (g > out[i]) out[i] = g;
      }
    }
  }
}

/** One person's targets in a fresh array. */
export function msraHeatmaps(
  keypoints: ArrayLike<number>,
  joints: number,
  size: { height: number; width: number; stride: number; sigma?: number }
): HeatmapTarget {
  const heatmaps = new Float32Array(size.height * size.width * joints);
  const weights = new Float32Array(joints);
  writeMsraHeatmaps(keypoints, joints, size, heatmaps, 0, weights, 0);
  return { heatmaps, weights };
}
