/**
 * A small rasteriser for the synthetic pose images: filled capsules, ellipses and convex polygons,
 * anti-aliased by their signed distance (coverage = clamp(½ − d, 0, 1), d in pixels), painted in
 * order over a background gradient with a little per-pixel noise. Pixel (x, y) is sampled at its
 * centre, which sits at the integer coordinates (x, y), as mmpose's keypoint coordinates assume.
 * Pure: plain arrays in, RGBA bytes out; no DOM, no canvas.
 */

export type Rgb = readonly [number, number, number];

export type Shape =
  /** All points within `radius` of the segment a–b (a limb, a stick). */
  | { kind: 'capsule'; ax: number; ay: number; bx: number; by: number; radius: number }
  /** An ellipse with radii rx, ry, turned by `angle` radians. */
  | { kind: 'ellipse'; cx: number; cy: number; rx: number; ry: number; angle: number }
  /** A convex polygon, corners as x0, y0, x1, y1, … in either winding. */
  | { kind: 'polygon'; points: readonly number[] };

export interface Paint {
  shape: Shape;
  color: Rgb;
  /** 0–1, 1 when left out. */
  opacity?: number;
}

export interface Background {
  top: Rgb;
  bottom: Rgb;
  /** Noise amplitude in 0–255 units (uniform in ±noise), from a hash of noiseSeed and the pixel. */
  noise: number;
  noiseSeed: number;
  /** Set by a flip: the noise is looked up at the mirrored column so the flip is exact. */
  mirrored: boolean;
}

export interface Bounds {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function segmentDistance(s: Extract<Shape, { kind: 'capsule' }>, x: number, y: number): number {
  const dx = s.bx - s.ax;
  const dy = s.by - s.ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - s.ax) * dx + (y - s.ay) * dy) / len2)) : 0;
  return Math.hypot(x - s.ax - t * dx, y - s.ay - t * dy);
}

/** Signed distance (negative inside) from the ellipse, with the usual first-order estimate. */
function ellipseDistance(s: Extract<Shape, { kind: 'ellipse' }>, x: number, y: number): number {
  const c = Math.cos(s.angle);
  const n = Math.sin(s.angle);
  const u = (x - s.cx) * c + (y - s.cy) * n;
  const v = -(x - s.cx) * n + (y - s.cy) * c;
  const k0 = Math.hypot(u / s.rx, v / s.ry);
  const k1 = Math.hypot(u / (s.rx * s.rx), v / (s.ry * s.ry));
  return k1 > 0 ? (k0 * (k0 - 1)) / k1 : -Math.min(s.rx, s.ry);
}

/** The largest signed distance to the edges' lines: exact inside, a little short near corners. */
function polygonDistance(points: readonly number[], x: number, y: number): number {
  const n = points.length / 2;
  let area = 0;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    area += points[2 * i] * points[2 * j + 1] - points[2 * j] * points[2 * i + 1];
  }
  const sign = area >= 0 ? 1 : -1;
  let d = -Infinity;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const ex = points[2 * j] - points[2 * i];
    const ey = points[2 * j + 1] - points[2 * i + 1];
    const len = Math.hypot(ex, ey) || 1;
    // Outward normal of a counter-clockwise (in y-down pixels: area > 0) edge is (ey, −ex).
    const out = (sign * ((x - points[2 * i]) * ey - (y - points[2 * i + 1]) * ex)) / len;
    if (out > d) d = out;
  }
  return d;
}

export function signedDistance(shape: Shape, x: number, y: number): number {
  if (shape.kind === 'capsule') return segmentDistance(shape, x, y) - shape.radius;
  if (shape.kind === 'ellipse') return ellipseDistance(shape, x, y);
  return polygonDistance(shape.points, x, y);
}

export function shapeBounds(shape: Shape): Bounds {
  if (shape.kind === 'capsule') {
    const r = shape.radius;
    return {
      x0: Math.min(shape.ax, shape.bx) - r,
      y0: Math.min(shape.ay, shape.by) - r,
      x1: Math.max(shape.ax, shape.bx) + r,
      y1: Math.max(shape.ay, shape.by) + r
    };
  }
  if (shape.kind === 'ellipse') {
    const r = Math.max(shape.rx, shape.ry);
    return { x0: shape.cx - r, y0: shape.cy - r, x1: shape.cx + r, y1: shape.cy + r };
  }
  const xs = shape.points.filter((_, i) => i % 2 === 0);
  const ys = shape.points.filter((_, i) => i % 2 === 1);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/**
 * The shape under a similarity map (rotation, uniform `scale`, translation) or a mirror:
 * `point` maps a point, `angle` maps an ellipse's turn.
 */
export function mapShape(
  shape: Shape,
  point: (x: number, y: number) => [number, number],
  scale: number,
  angle: (a: number) => number
): Shape {
  if (shape.kind === 'capsule') {
    const [ax, ay] = point(shape.ax, shape.ay);
    const [bx, by] = point(shape.bx, shape.by);
    return { kind: 'capsule', ax, ay, bx, by, radius: shape.radius * scale };
  }
  if (shape.kind === 'ellipse') {
    const [cx, cy] = point(shape.cx, shape.cy);
    const { rx, ry } = shape;
    return { kind: 'ellipse', cx, cy, rx: rx * scale, ry: ry * scale, angle: angle(shape.angle) };
  }
  const points: number[] = [];
  for (let i = 0; i < shape.points.length; i += 2)
    points.push(...point(shape.points[i], shape.points[i + 1]));
  return { kind: 'polygon', points };
}

/** A hash of (seed, x, y) to [0, 1): the background noise, the same wherever it is asked for. */
function noiseAt(seed: number, x: number, y: number): number {
  let h = Math.imul(seed ^ Math.imul(x + 1, 0x27d4eb2d), 0x165667b1) ^ Math.imul(y + 1, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

function fillBackground(rgb: Float32Array, width: number, height: number, bg: Background) {
  for (let y = 0; y < height; y++) {
    const t = height > 1 ? y / (height - 1) : 0;
    for (let x = 0; x < width; x++) {
      const n = bg.noise * (2 * noiseAt(bg.noiseSeed, bg.mirrored ? width - 1 - x : x, y) - 1);
      const p = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) rgb[p + c] = bg.top[c] + t * (bg.bottom[c] - bg.top[c]) + n;
    }
  }
}

function paintShape(rgb: Float32Array, width: number, height: number, paint: Paint) {
  const b = shapeBounds(paint.shape);
  const x0 = Math.max(0, Math.floor(b.x0 - 1));
  const y0 = Math.max(0, Math.floor(b.y0 - 1));
  const x1 = Math.min(width - 1, Math.ceil(b.x1 + 1));
  const y1 = Math.min(height - 1, Math.ceil(b.y1 + 1));
  const opacity = paint.opacity ?? 1;
  const [r, g, bl] = paint.color;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const cover = Math.min(1, Math.max(0, 0.5 - signedDistance(paint.shape, x, y))) * opacity;
      if (cover <= 0) continue;
      const p = (y * width + x) * 3;
      rgb[p] += cover * (r - rgb[p]);
      rgb[p + 1] += cover * (g - rgb[p + 1]);
      rgb[p + 2] += cover * (bl - rgb[p + 2]);
    }
  }
}

/** The background, then every paint in order, as RGBA bytes (alpha 255). */
export function rasterize(
  width: number,
  height: number,
  background: Background,
  paints: readonly Paint[]
): Uint8ClampedArray<ArrayBuffer> {
  const rgb = new Float32Array(width * height * 3);
  fillBackground(rgb, width, height, background);
  for (const paint of paints) paintShape(rgb, width, height, paint);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    rgba[4 * p] = Math.round(rgb[3 * p]);
    rgba[4 * p + 1] = Math.round(rgb[3 * p + 1]);
    rgba[4 * p + 2] = Math.round(rgb[3 * p + 2]);
    rgba[4 * p + 3] = 255;
  }
  return rgba;
}
