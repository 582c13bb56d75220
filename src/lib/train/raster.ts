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

type DistanceField = (x: number, y: number) => number;

function capsuleField(s: Extract<Shape, { kind: 'capsule' }>): DistanceField {
  const { ax, ay, radius } = s;
  const dx = s.bx - ax;
  const dy = s.by - ay;
  const len2 = dx * dx + dy * dy;
  const inv = len2 > 0 ? 1 / len2 : 0;
  return (x, y) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) * inv));
    const ex = x - ax - t * dx;
    const ey = y - ay - t * dy;
    return Math.sqrt(ex * ex + ey * ey) - radius;
  };
}

/** The usual first-order estimate of the distance from an ellipse, k0(k0 − 1)/k1 (exact on it). */
function ellipseField(s: Extract<Shape, { kind: 'ellipse' }>): DistanceField {
  const { cx, cy } = s;
  const c = Math.cos(s.angle);
  const n = Math.sin(s.angle);
  const ix = 1 / s.rx;
  const iy = 1 / s.ry;
  const ix4 = ix ** 4;
  const iy4 = iy ** 4;
  const inside = -Math.min(s.rx, s.ry);
  return (x, y) => {
    const u = (x - cx) * c + (y - cy) * n;
    const v = -(x - cx) * n + (y - cy) * c;
    const k0 = Math.sqrt(u * u * ix * ix + v * v * iy * iy);
    const k1 = Math.sqrt(u * u * ix4 + v * v * iy4);
    return k1 > 0 ? (k0 * (k0 - 1)) / k1 : inside;
  };
}

/**
 * A convex polygon's edges as outward unit normals and offsets (distance = nx·x + ny·y − offset),
 * whatever the winding: with positive area in y-down pixels the outward normal of edge e is
 * (e_y, −e_x)/|e|.
 */
function polygonEdges(points: readonly number[]): Float64Array {
  const n = points.length / 2;
  let area = 0;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    area += points[2 * i] * points[2 * j + 1] - points[2 * j] * points[2 * i + 1];
  }
  const sign = area >= 0 ? 1 : -1;
  const edges = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const ex = points[2 * j] - points[2 * i];
    const ey = points[2 * j + 1] - points[2 * i + 1];
    const len = Math.hypot(ex, ey) || 1;
    const nx = (sign * ey) / len;
    const ny = (-sign * ex) / len;
    edges[3 * i] = nx;
    edges[3 * i + 1] = ny;
    edges[3 * i + 2] = nx * points[2 * i] + ny * points[2 * i + 1];
  }
  return edges;
}

/** The largest signed distance to the edges' lines: exact inside, a little short near corners. */
function polygonField(points: readonly number[]): DistanceField {
  const edges = polygonEdges(points);
  return (x, y) => {
    let d = -Infinity;
    for (let e = 0; e < edges.length; e += 3) {
      const out = edges[e] * x + edges[e + 1] * y - edges[e + 2];
      if (out > d) d = out;
    }
    return d;
  };
}

/**
 * The shape's signed distance in pixels from its outline, negative inside (for occlusion tests;
 * the painting loops below write the same maths out inline).
 */
export function distanceField(shape: Shape): DistanceField {
  if (shape.kind === 'capsule') return capsuleField(shape);
  if (shape.kind === 'ellipse') return ellipseField(shape);
  return polygonField(shape.points);
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
  let h = (seed ^ Math.imul(x, 0x27d4eb2d) ^ Math.imul(y, 0x165667b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296;
}

function fillBackground(rgb: Float32Array, width: number, height: number, bg: Background) {
  const [r0, g0, b0] = bg.top;
  const [r1, g1, b1] = bg.bottom;
  const amplitude = 2 * bg.noise;
  for (let y = 0, p = 0; y < height; y++) {
    const t = height > 1 ? y / (height - 1) : 0;
    const r = r0 + t * (r1 - r0) - bg.noise;
    const g = g0 + t * (g1 - g0) - bg.noise;
    const b = b0 + t * (b1 - b0) - bg.noise;
    for (let x = 0; x < width; x++, p += 3) {
      const n = amplitude * noiseAt(bg.noiseSeed, bg.mirrored ? width - 1 - x : x, y);
      rgb[p] = r + n;
      rgb[p + 1] = g + n;
      rgb[p + 2] = b + n;
    }
  }
}

/** The pixels a paint may touch: its bounds plus a pixel, clipped to the image. */
function pixelWindow(shape: Shape, width: number, height: number) {
  const b = shapeBounds(shape);
  return {
    x0: Math.max(0, Math.floor(b.x0 - 1)),
    y0: Math.max(0, Math.floor(b.y0 - 1)),
    x1: Math.min(width - 1, Math.ceil(b.x1 + 1)),
    y1: Math.min(height - 1, Math.ceil(b.y1 + 1))
  };
}

interface Ink {
  r: number;
  g: number;
  b: number;
  opacity: number;
}

/** Blends ink over pixel p by the coverage of a pixel whose centre is `d` inside the outline. */
function blend(rgb: Float32Array, p: number, inside: number, ink: Ink) {
  if (inside <= -0.5) return;
  const cover = inside >= 0.5 ? ink.opacity : (inside + 0.5) * ink.opacity;
  rgb[p] += cover * (ink.r - rgb[p]);
  rgb[p + 1] += cover * (ink.g - rgb[p + 1]);
  rgb[p + 2] += cover * (ink.b - rgb[p + 2]);
}

type Window = ReturnType<typeof pixelWindow>;

/*
 * One loop per kind of shape, the distance written out inside it: a shared loop calling a
 * per-shape distance function sees many functions at one call site and ran ~3x slower in V8.
 */

function paintCapsule(
  rgb: Float32Array,
  w: number,
  win: Window,
  s: Extract<Shape, { kind: 'capsule' }>,
  ink: Ink
) {
  const { ax, ay, radius } = s;
  const dx = s.bx - ax;
  const dy = s.by - ay;
  const len2 = dx * dx + dy * dy;
  const inv = len2 > 0 ? 1 / len2 : 0;
  for (let y = win.y0; y <= win.y1; y++) {
    for (let x = win.x0, p = (y * w + x) * 3; x <= win.x1; x++, p += 3) {
      const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) * inv));
      const ex = x - ax - t * dx;
      const ey = y - ay - t * dy;
      blend(rgb, p, radius - Math.sqrt(ex * ex + ey * ey), ink);
    }
  }
}

function paintEllipse(
  rgb: Float32Array,
  w: number,
  win: Window,
  s: Extract<Shape, { kind: 'ellipse' }>,
  ink: Ink
) {
  const { cx, cy } = s;
  const c = Math.cos(s.angle);
  const n = Math.sin(s.angle);
  const ix2 = 1 / (s.rx * s.rx);
  const iy2 = 1 / (s.ry * s.ry);
  const centre = Math.min(s.rx, s.ry);
  for (let y = win.y0; y <= win.y1; y++) {
    for (let x = win.x0, p = (y * w + x) * 3; x <= win.x1; x++, p += 3) {
      const u = (x - cx) * c + (y - cy) * n;
      const v = -(x - cx) * n + (y - cy) * c;
      const k0 = Math.sqrt(u * u * ix2 + v * v * iy2);
      const k1 = Math.sqrt(u * u * ix2 * ix2 + v * v * iy2 * iy2);
      blend(rgb, p, k1 > 0 ? (k0 * (1 - k0)) / k1 : centre, ink);
    }
  }
}

function paintPolygon(rgb: Float32Array, w: number, win: Window, edges: Float64Array, ink: Ink) {
  for (let y = win.y0; y <= win.y1; y++) {
    for (let x = win.x0, p = (y * w + x) * 3; x <= win.x1; x++, p += 3) {
      let d = -Infinity;
      for (let e = 0; e < edges.length; e += 3) {
        const out = edges[e] * x + edges[e + 1] * y - edges[e + 2];
        if (out > d) d = out;
      }
      blend(rgb, p, -d, ink);
    }
  }
}

function paintShape(rgb: Float32Array, width: number, height: number, paint: Paint) {
  const win = pixelWindow(paint.shape, width, height);
  const [r, g, b] = paint.color;
  const ink = { r, g, b, opacity: paint.opacity ?? 1 };
  const shape = paint.shape;
  if (shape.kind === 'capsule') paintCapsule(rgb, width, win, shape, ink);
  else if (shape.kind === 'ellipse') paintEllipse(rgb, width, win, shape, ink);
  else paintPolygon(rgb, width, win, polygonEdges(shape.points), ink);
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
    // A Uint8ClampedArray clamps to 0–255 and rounds to the nearest integer (ties to even).
    rgba[4 * p] = rgb[3 * p];
    rgba[4 * p + 1] = rgb[3 * p + 1];
    rgba[4 * p + 2] = rgb[3 * p + 2];
    rgba[4 * p + 3] = 255;
  }
  return rgba;
}
