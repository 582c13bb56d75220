/**
 * From heatmaps to keypoints, as mmpose 0.x decodes top-down heatmaps (`keypoints_from_heatmaps`
 * with post_process='default', `_get_max_preds`, `transform_preds`), for one person:
 * 1. per joint, the argmax (first maximum in row-major order, as numpy's argmax) and its value;
 * 2. the "quarter offset": when the peak is not at the border (1 < x < W-1 and 1 < y < H-1,
 *    mmpose's own strict test), move a quarter pixel along each axis towards the higher of the
 *    two neighbours (none when they are equal);
 * 3. map heatmap coordinates back into the image: the person box spans the heatmap, so
 *    x_image = box.x + x_heatmap · box.width / W (no half-pixel term, as mmpose's non-UDP path).
 * A peak value ≤ 0 is mmpose's "not found" (it sets such coordinates to -1); it is kept as a flag.
 * Pure: no DOM, no tfjs.
 */

export interface Heatmap {
  height: number;
  width: number;
  /** Row-major, height x width. */
  data: ArrayLike<number>;
}

export interface HeatmapPeak {
  /** Heatmap coordinates after the quarter offset. */
  x: number;
  y: number;
  /** The heatmap's maximum: mmpose's keypoint score. */
  score: number;
  found: boolean;
}

/** A rectangle in image pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Keypoint extends HeatmapPeak {
  /** Image coordinates. */
  imageX: number;
  imageY: number;
}

function argmax(data: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < data.length; i++) if (data[i] > data[best]) best = i;
  return best;
}

const quarter = (lo: number, hi: number) => (hi > lo ? 0.25 : hi < lo ? -0.25 : 0);

/** The peak of one heatmap with mmpose's quarter-pixel offset towards the higher neighbour. */
export function decodePeak(map: Heatmap): HeatmapPeak {
  const { width: w, height: h, data } = map;
  const i = argmax(data);
  const px = i % w;
  const py = Math.floor(i / w);
  const score = data[i];
  let x = px;
  let y = py;
  if (1 < px && px < w - 1 && 1 < py && py < h - 1) {
    x += quarter(data[i - 1], data[i + 1]);
    y += quarter(data[i - w], data[i + w]);
  }
  return { x, y, score, found: score > 0 };
}

/** Heatmap coordinates → image coordinates, the box covering the whole heatmap. */
export function heatmapToImage(
  x: number,
  y: number,
  map: { width: number; height: number },
  box: Box
): [number, number] {
  return [box.x + (x * box.width) / map.width, box.y + (y * box.height) / map.height];
}

export function decodeKeypoints(maps: readonly Heatmap[], box: Box): Keypoint[] {
  return maps.map((map) => {
    const peak = decodePeak(map);
    const [imageX, imageY] = heatmapToImage(peak.x, peak.y, map, box);
    return { ...peak, imageX, imageY };
  });
}

/**
 * The person box for the whole image, padded (centred) to the network's aspect ratio, as
 * mmpose's `_box2cs` widens or heightens a box (without its 1.25 margin around a detected person:
 * here the whole image is the box). The input is this box scaled to H x W, which is what fitting
 * the image centred into H x W on black does ($lib/tf/input's fitRect).
 */
export function wholeImageBox(
  imageWidth: number,
  imageHeight: number,
  inputWidth: number,
  inputHeight: number
): Box {
  const aspect = inputWidth / inputHeight;
  let width = imageWidth;
  let height = imageHeight;
  if (width > aspect * height) height = width / aspect;
  else width = height * aspect;
  return { x: (imageWidth - width) / 2, y: (imageHeight - height) / 2, width, height };
}
