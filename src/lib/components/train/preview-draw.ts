/**
 * Drawing a validation preview on canvases: the image with the predicted skeleton over it, and
 * the heatmaps' per-pixel maximum on a fixed 0–1 viridis scale (the targets' peak is 1), so the
 * maps read the same from one evaluation to the next and a model that learns shows its peaks
 * growing. Nothing here decides what is drawn but the canvas work.
 */
import { rampColor } from '../forward/colormap';
import { COCO_SKELETON } from '$lib/pose/skeleton';
import type { RgbaImage } from '$lib/tf/input';

const LUT = Array.from({ length: 256 }, (_, i) => rampColor(i / 255));

/** RGBA of a map on the fixed scale 0 (dark) … 1 (yellow); values outside are clamped. */
export function fixedScaleRgba(map: Float32Array): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(map.length * 4);
  map.forEach((v, i) => {
    const c = LUT[Math.round(Math.min(1, Math.max(0, v || 0)) * 255)];
    out.set(c, i * 4);
    out[i * 4 + 3] = 255;
  });
  return out;
}

function blit(ctx: CanvasRenderingContext2D, image: RgbaImage, scale: number) {
  const tmp = new OffscreenCanvas(image.width, image.height);
  tmp.getContext('2d')!.putImageData(new ImageData(image.data, image.width, image.height), 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(tmp, 0, 0, image.width * scale, image.height * scale);
}

/** The image at `scale`, with limbs and joints at the predicted positions ([17, 2] x, y). */
export function drawPose(
  canvas: HTMLCanvasElement,
  image: RgbaImage,
  keypoints: Float32Array,
  scale: number
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  blit(ctx, image, scale);
  const at = (j: number) => [keypoints[j * 2] * scale, keypoints[j * 2 + 1] * scale];
  ctx.lineWidth = 2;
  ctx.strokeStyle = '#22d3ee';
  for (const [a, b] of COCO_SKELETON) {
    ctx.beginPath();
    ctx.moveTo(...(at(a) as [number, number]));
    ctx.lineTo(...(at(b) as [number, number]));
    ctx.stroke();
  }
  ctx.fillStyle = '#f97316';
  for (let j = 0; j < 17; j++) {
    const [x, y] = at(j);
    ctx.beginPath();
    ctx.arc(x, y, 2.5, 0, 2 * Math.PI);
    ctx.fill();
  }
}

export function drawMap(
  canvas: HTMLCanvasElement,
  map: Float32Array,
  h: number,
  w: number,
  scale: number
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  blit(ctx, { width: w, height: h, data: fixedScaleRgba(map) }, scale);
}
