/**
 * One synthetic sample as data: a background with clutter, a figure placed by a top-down crop
 * (mmpose-style: the figure's box padded ×1.25 to the input's aspect, then scale, shift and
 * rotation jitter), occluders, and a horizontal flip half of the time (labels swapped, as mmpose's
 * flip_indices). Keypoints carry COCO's visibility: 0 when outside the image (then x = y = 0, as
 * COCO writes unlabelled joints), 1 when hidden (under an occluder, another body part, or behind
 * the head), 2 when visible. Everything is in input pixels.
 */
import { COCO_FLIP_PAIRS } from '../pose/skeleton';
import { randomFigure, type FigurePaint } from './figure';
import type { Random } from './random';
import {
  mapShape,
  shapeBounds,
  distanceField,
  type Background,
  type Paint,
  type Rgb,
  type Shape
} from './raster';

export interface Scene {
  width: number;
  height: number;
  background: Background;
  /** Clutter, then the figure, then occluders, in drawing order. */
  paints: ScenePaint[];
  /** [17, 3]: x, y, v in input pixels. */
  keypoints: Float64Array;
  /** The figure's box (its paints' extent) clipped to the image: x, y, width, height. */
  box: [number, number, number, number];
  flipped: boolean;
}

export interface ScenePaint extends Paint {
  /** Joints this paint draws (figure paints only); empty for clutter and occluders. */
  joints: readonly number[];
  role: 'clutter' | 'figure' | 'occluder';
}

/** How far the crop may move, grow and turn; mild next to mmpose's COCO training defaults. */
export const JITTER = {
  padding: 1.25,
  scale: [0.75, 1.3],
  shift: 0.15,
  rotationProbability: 0.6,
  rotation: 0.8,
  flipProbability: 0.5,
  occluderProbability: 0.4
} as const;

/** A joint hidden under a paint by at least this many pixels counts as occluded. */
const OCCLUSION_MARGIN = 0.5;

const randomColor = (rng: Random): Rgb => [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)];

function randomShape(rng: Random, cx: number, cy: number, size: number): Shape {
  const kind = rng.pick(['capsule', 'ellipse', 'polygon'] as const);
  const angle = rng.uniform(0, Math.PI);
  if (kind === 'capsule') {
    const half = rng.uniform(0.3, 1) * size;
    const dx = Math.cos(angle) * half;
    const dy = Math.sin(angle) * half;
    return {
      kind,
      ax: cx - dx,
      ay: cy - dy,
      bx: cx + dx,
      by: cy + dy,
      radius: rng.uniform(0.05, 0.2) * size
    };
  }
  if (kind === 'ellipse') {
    return {
      kind,
      cx,
      cy,
      rx: rng.uniform(0.2, 0.6) * size,
      ry: rng.uniform(0.2, 0.6) * size,
      angle
    };
  }
  const hw = rng.uniform(0.2, 0.6) * size;
  const hh = rng.uniform(0.2, 0.6) * size;
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const corner = (u: number, v: number) => [cx + u * c - v * s, cy + u * s + v * c];
  return {
    kind,
    points: [...corner(-hw, -hh), ...corner(hw, -hh), ...corner(hw, hh), ...corner(-hw, hh)]
  };
}

function randomBackground(rng: Random, width: number, height: number): [Background, ScenePaint[]] {
  const background: Background = {
    top: randomColor(rng),
    bottom: randomColor(rng),
    noise: rng.uniform(0, 12),
    noiseSeed: rng.int(0, 0x7fffffff),
    mirrored: false
  };
  const clutter: ScenePaint[] = [];
  const count = rng.int(3, 10);
  const size = Math.max(width, height);
  for (let i = 0; i < count; i++) {
    const shape = randomShape(
      rng,
      rng.uniform(0, width),
      rng.uniform(0, height),
      rng.uniform(0.1, 0.6) * size
    );
    clutter.push({
      shape,
      color: randomColor(rng),
      opacity: rng.uniform(0.5, 1),
      joints: [],
      role: 'clutter'
    });
  }
  return [background, clutter];
}

/** The world → image map of a top-down crop around the figure's joints, with jitter. */
function cropTransform(rng: Random, joints: Float64Array, width: number, height: number) {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let j = 0; j < 17; j++) {
    x0 = Math.min(x0, joints[2 * j]);
    x1 = Math.max(x1, joints[2 * j]);
    y0 = Math.min(y0, joints[2 * j + 1]);
    y1 = Math.max(y1, joints[2 * j + 1]);
  }
  const boxW = x1 - x0 + 0.1;
  const boxH = y1 - y0 + 0.15;
  const aspect = width / height;
  const cropW = Math.max(boxW, boxH * aspect) * JITTER.padding * rng.uniform(...JITTER.scale);
  const cx = (x0 + x1) / 2 + rng.uniform(-JITTER.shift, JITTER.shift) * boxW;
  const cy = (y0 + y1) / 2 + rng.uniform(-JITTER.shift, JITTER.shift) * boxH;
  const turn = rng.chance(JITTER.rotationProbability)
    ? rng.uniform(-JITTER.rotation, JITTER.rotation)
    : 0;
  const scale = width / cropW;
  const c = Math.cos(turn) * scale;
  const s = Math.sin(turn) * scale;
  const point = (x: number, y: number): [number, number] => [
    c * (x - cx) - s * (y - cy) + (width - 1) / 2,
    s * (x - cx) + c * (y - cy) + (height - 1) / 2
  ];
  return { point, scale, angle: (a: number) => a + turn };
}

function randomOccluders(rng: Random, keypoints: Float64Array, size: number): ScenePaint[] {
  if (!rng.chance(JITTER.occluderProbability)) return [];
  const occluders: ScenePaint[] = [];
  const count = rng.int(1, 2);
  for (let i = 0; i < count; i++) {
    const j = rng.int(0, 16);
    const cx = keypoints[3 * j] + rng.uniform(-0.05, 0.05) * size;
    const cy = keypoints[3 * j + 1] + rng.uniform(-0.05, 0.05) * size;
    const shape = randomShape(rng, cx, cy, rng.uniform(0.15, 0.35) * size);
    occluders.push({ shape, color: randomColor(rng), joints: [], role: 'occluder' });
  }
  return occluders;
}

/** v for each joint: outside the pixel centres' range [0, size − 1] → 0, covered by a later paint that is not its own → 1, else 2. */
export function labelVisibility(scene: Scene, selfOccluded: readonly boolean[]) {
  const { keypoints: k, paints, width, height } = scene;
  const fields = paints.map((p) => distanceField(p.shape));
  for (let j = 0; j < 17; j++) {
    const x = k[3 * j];
    const y = k[3 * j + 1];
    if (!(x >= 0 && x <= width - 1 && y >= 0 && y <= height - 1)) {
      k[3 * j] = k[3 * j + 1] = k[3 * j + 2] = 0;
      continue;
    }
    let own = -1;
    paints.forEach((p, i) => p.joints.includes(j) && (own = i));
    let hidden = selfOccluded[j];
    for (let i = own + 1; i < paints.length && !hidden; i++)
      hidden = !paints[i].joints.includes(j) && fields[i](x, y) < -OCCLUSION_MARGIN;
    k[3 * j + 2] = hidden ? 1 : 2;
  }
}

function figureBox(paints: readonly ScenePaint[], width: number, height: number): Scene['box'] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of paints) {
    if (p.role !== 'figure') continue;
    const b = shapeBounds(p.shape);
    x0 = Math.min(x0, b.x0);
    y0 = Math.min(y0, b.y0);
    x1 = Math.max(x1, b.x1);
    y1 = Math.max(y1, b.y1);
  }
  // Clipped to the pixel centres' range, [0, width − 1], the keypoints' and the flip's frame.
  x0 = Math.max(0, x0);
  y0 = Math.max(0, y0);
  x1 = Math.min(width - 1, x1);
  y1 = Math.min(height - 1, y1);
  return [x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0)];
}

/** The scene mirrored left to right (x → width − 1 − x) with COCO's left/right labels swapped. */
export function flipScene(scene: Scene): Scene {
  const { width } = scene;
  const point = (x: number, y: number): [number, number] => [width - 1 - x, y];
  const paints = scene.paints.map((p) => ({
    ...p,
    shape: mapShape(p.shape, point, 1, (a) => Math.PI - a)
  }));
  const mirrored = new Float64Array(scene.keypoints);
  for (let j = 0; j < 17; j++)
    if (mirrored[3 * j + 2] > 0) mirrored[3 * j] = width - 1 - mirrored[3 * j];
  const keypoints = new Float64Array(mirrored);
  for (const [a, b] of COCO_FLIP_PAIRS) {
    for (let c = 0; c < 3; c++) {
      keypoints[3 * a + c] = mirrored[3 * b + c];
      keypoints[3 * b + c] = mirrored[3 * a + c];
    }
  }
  const [bx, by, bw, bh] = scene.box;
  return {
    ...scene,
    background: { ...scene.background, mirrored: !scene.background.mirrored },
    paints,
    keypoints,
    box: [width - 1 - bx - bw, by, bw, bh],
    flipped: !scene.flipped
  };
}

export function randomScene(rng: Random, width: number, height: number): Scene {
  const [background, clutter] = randomBackground(rng, width, height);
  const figure = randomFigure(rng);
  const crop = cropTransform(rng, figure.joints, width, height);
  const figurePaints = figure.paints.map((p: FigurePaint): ScenePaint => ({
    ...p,
    shape: mapShape(p.shape, crop.point, crop.scale, crop.angle),
    role: 'figure'
  }));
  const keypoints = new Float64Array(51);
  for (let j = 0; j < 17; j++) {
    const [x, y] = crop.point(figure.joints[2 * j], figure.joints[2 * j + 1]);
    keypoints[3 * j] = x;
    keypoints[3 * j + 1] = y;
  }
  const occluders = randomOccluders(rng, keypoints, Math.max(width, height));
  const paints = [...clutter, ...figurePaints, ...occluders];
  const scene: Scene = {
    width,
    height,
    background,
    paints,
    keypoints,
    box: figureBox(paints, width, height),
    flipped: false
  };
  labelVisibility(scene, figure.selfOccluded);
  return rng.chance(JITTER.flipProbability) ? flipScene(scene) : scene;
}
