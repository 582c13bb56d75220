/**
 * Getting the network's input from an image on the page: decode (the bundled sample or a file
 * the user gives), then draw it fitted into H x W on a black canvas and read the RGBA bytes.
 * Browser only (DOM); the maths of the fit and the normalisation live in $lib/tf/input.
 */
import type { RgbaImage } from '$lib/tf/input';
import { fitRect } from '$lib/tf/input';

export async function decodeImage(url: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = url;
  await img.decode();
  if (!img.naturalWidth || !img.naturalHeight) throw new Error('the image has no size');
  return img;
}

/** A file a person dropped or chose, or a sentence saying why it cannot be used. */
export async function decodeFile(file: File): Promise<HTMLImageElement> {
  if (!file.type.startsWith('image/'))
    throw new Error(`"${file.name}" is not an image (its type is ${file.type || 'unknown'}).`);
  const url = URL.createObjectURL(file);
  try {
    return await decodeImage(url);
  } catch {
    throw new Error(`"${file.name}" could not be decoded as an image.`);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function rasterize(img: HTMLImageElement, height: number, width: number): RgbaImage {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, width, height);
  const r = fitRect(img.naturalWidth, img.naturalHeight, width, height);
  ctx.drawImage(img, r.x, r.y, r.width, r.height);
  return { width, height, data: ctx.getImageData(0, 0, width, height).data };
}
