/**
 * Turning an image into the network's input, as mmpose's test pipeline does: fit into H x W
 * (aspect kept, the rest left black as mmpose's affine warp leaves it), then normalise per
 * channel, (pixel − mean) / std with pixels in 0–255 (mmpose 1.x `data_preprocessor`; the
 * official configs use ImageNet's mean and std, as 0.x's `NormalizeTensor` did in 0–1). Pure: the
 * page draws the image and hands over RGBA bytes; this makes the NHWC float input from them.
 */
import type { InputNormalisation } from '../model/normalisation';
import { IMAGENET_NORMALISATION } from '../model/normalisation';

export const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
export const IMAGENET_STD = [0.229, 0.224, 0.225] as const;

export interface RgbaImage {
  width: number;
  height: number;
  /** width x height x 4 bytes, row-major, as ImageData holds them. */
  data: Uint8ClampedArray<ArrayBuffer>;
}

/**
 * Why a tensor of this shape cannot be a network input of any size, as the end of a sentence
 * ("… needs 4 dimensions, N×3×H×W, and has 3 (3×64×48)"); null when it can (1×3×H×W).
 */
export function nchwInputProblem(shape: readonly number[]): string | null {
  const dims = `${shape.length} (${shape.join('×') || 'a scalar'})`;
  if (shape.length !== 4) return `needs 4 dimensions, N×3×H×W, and has ${dims}`;
  if (shape[0] !== 1) return `needs one image (N = 1 in N×3×H×W); it has N = ${shape[0]}`;
  if (shape[1] !== 3) return `needs 3 colour channels (C = 3 in N×3×H×W); it has C = ${shape[1]}`;
  return null;
}

/** Where an image of srcW x srcH lands when fitted, centred, into dstW x dstH. */
export function fitRect(srcW: number, srcH: number, dstW: number, dstH: number) {
  const scale = Math.min(dstW / srcW, dstH / srcH);
  const width = srcW * scale;
  const height = srcH * scale;
  return { x: (dstW - width) / 2, y: (dstH - height) / 2, width, height };
}

/**
 * RGBA bytes → 1 x H x W x 3 floats (NHWC), normalised; alpha is ignored. Input channel c takes
 * pixel channel c (RGB) or 2 − c (a BGR network), then its own mean and std.
 */
export function normalizeRgba(
  image: RgbaImage,
  n: InputNormalisation = IMAGENET_NORMALISATION
): Float32Array {
  const { width, height, data } = image;
  const out = new Float32Array(width * height * 3);
  const source = n.order === 'bgr' ? [2, 1, 0] : [0, 1, 2];
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 3; c++) {
      out[p * 3 + c] = (data[p * 4 + source[c]] - n.mean[c]) / n.std[c];
    }
  }
  return out;
}

/** A problem with an image a person gave us, or null when it can be used. */
export function checkRgbaImage(image: RgbaImage, height: number, width: number): string | null {
  if (image.width !== width || image.height !== height)
    return `The image is ${image.width}x${image.height} pixels but the network expects ${width}x${height}.`;
  if (image.data.length !== width * height * 4)
    return `The image has ${image.data.length} bytes; ${width}x${height} RGBA needs ${width * height * 4}.`;
  return null;
}
