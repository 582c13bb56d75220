/**
 * How an image becomes the network's input values: per channel, (pixel − mean) / std, with the
 * pixel in 0–255 as mmpose 1.x's `data_preprocessor` writes it (mmengine ImgDataPreprocessor).
 * mmpose 0.x writes the same in 0–1 (`NormalizeTensor`); ×255 gives these numbers.
 */

export interface InputNormalisation {
  /** Per input channel, on the 0–255 pixel scale. */
  mean: [number, number, number];
  std: [number, number, number];
  /**
   * The channel order the network was trained on. mmpose loads images with OpenCV (BGR); with
   * `bgr_to_rgb=True` they are turned to RGB before normalising, otherwise the network sees BGR.
   */
  order: 'rgb' | 'bgr';
}

/**
 * ImageNet's statistics, which every official Lite-HRNet config uses: mmpose 1.x writes
 * mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375], bgr_to_rgb=True (the 0.x configs'
 * NormalizeTensor mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225], times 255).
 */
export const IMAGENET_NORMALISATION: InputNormalisation = {
  mean: [123.675, 116.28, 103.53],
  std: [58.395, 57.12, 57.375],
  order: 'rgb'
};

const same = (a: readonly number[], b: readonly number[]) =>
  a.every((x, i) => Math.abs(x - b[i]) < 1e-9);

export function isImagenet(n: InputNormalisation): boolean {
  const m = IMAGENET_NORMALISATION;
  return n.order === m.order && same(n.mean, m.mean) && same(n.std, m.std);
}

/** "ImageNet mean/std (RGB, 0–255)" or the numbers themselves, for the page. */
export function describeNormalisation(n: InputNormalisation): string {
  const order = n.order.toUpperCase();
  if (isImagenet(n))
    return `ImageNet mean [123.675, 116.28, 103.53] and std [58.395, 57.12, 57.375] (${order}, pixels 0–255)`;
  return `mean [${n.mean.join(', ')}] and std [${n.std.join(', ')}] (${order}, pixels 0–255)`;
}

/** A normalisation as it crosses a worker boundary: checked before it is trusted. */
export function isInputNormalisation(v: unknown): v is InputNormalisation {
  if (typeof v !== 'object' || v === null) return false;
  const n = v as Record<string, unknown>;
  const triple = (x: unknown, positive: boolean) =>
    Array.isArray(x) &&
    x.length === 3 &&
    x.every((d) => typeof d === 'number' && Number.isFinite(d) && (!positive || d > 0));
  return triple(n.mean, false) && triple(n.std, true) && (n.order === 'rgb' || n.order === 'bgr');
}
