/**
 * "Where the models sit among their peers": accuracy (COCO AP) against a cost (GFLOPs or params)
 * on a log x axis, the Pareto frontier (no other model both cheaper-or-equal and at least as
 * accurate), and vertical markers for configs whose cost is known but whose accuracy is not.
 * Pure: numbers in, geometry out (d3-scale's scales and ticks, d3-shape's step curve).
 */
import { extent } from 'd3-array';
import { scaleLinear, scaleLog } from 'd3-scale';
import { curveStepAfter, line } from 'd3-shape';
import type { AxisTick } from './axis';
import { axisTicks } from './axis';
import type { Box, PlacedText } from './label-placement';
import { freeSpots, labelWidth, placeAll, segmentBox, spotsAround } from './label-placement';

export interface ParetoPoint {
  key: string;
  label: string;
  /** The name written on the chart when shorter than `label` (the list and tooltips keep `label`). */
  short?: string;
  cost: number;
  ap: number;
  highlight: boolean;
}

export interface CostMarker {
  key: string;
  label: string;
  cost: number;
}

export interface PlacedPoint extends ParetoPoint {
  x: number;
  y: number;
  frontier: boolean;
  /** Its name beside it or, where no name fits, its number in the list under the chart. */
  tag: PlacedText;
  /** That number (1, 2, … cheapest first), or null when the point is named on the chart. */
  note: number | null;
}

export interface PlacedMarker extends CostMarker {
  x: number;
  /** What its label reads: the label, "(off the axis)" when the cost is outside it. */
  text: string;
  /** Where its label sits: markers' labels stack from the top of the plot. */
  labelY: number;
  /** False when the cost lies outside the axis (drawn clamped at the edge). */
  inside: boolean;
}

export interface ParetoLayout {
  width: number;
  height: number;
  plot: { x: number; y: number; w: number; h: number };
  points: PlacedPoint[];
  frontierPath: string;
  markers: PlacedMarker[];
  xTicks: AxisTick[];
  yTicks: AxisTick[];
}

export const PARETO = {
  width: 640,
  height: 400,
  left: 56,
  right: 20,
  top: 20,
  bottom: 44
} as const;

/**
 * The keys of the points on the frontier, cheapest first: walking by rising cost (ties: best AP
 * first), a point is on it when its AP beats every point seen before.
 */
export function paretoFrontier(points: readonly ParetoPoint[]): string[] {
  const sorted = [...points].sort((a, b) => a.cost - b.cost || b.ap - a.ap);
  const keys: string[] = [];
  let best = -Infinity;
  for (const p of sorted) {
    if (p.ap > best) {
      keys.push(p.key);
      best = p.ap;
    }
  }
  return keys;
}

/** Circles are drawn with radius 5 (draw-pareto.ts) and a 1.5 px stroke. */
const POINT_R = 6;

/**
 * What a point's label must not cover: every point, the staircase and the markers' labels. (A
 * label may cross a marker's vertical line: its halo keeps both readable.)
 */
function obstacles(
  points: readonly PlacedPoint[],
  front: readonly PlacedPoint[],
  markers: readonly PlacedMarker[]
): Box[] {
  const r = POINT_R;
  const boxes = points.map((p) => ({ x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r }));
  front.forEach((p, i) => {
    if (i === 0) return;
    const prev = front[i - 1];
    boxes.push(segmentBox(prev.x, prev.y, p.x, prev.y, 1.5));
    boxes.push(segmentBox(p.x, prev.y, p.x, p.y, 1.5));
  });
  // Marker labels are bold, about a tenth wider than regular text.
  for (const m of markers)
    boxes.push({ x: m.x + 4, y: m.labelY - 9, w: labelWidth(m.text) * 1.1, h: 12 });
  return boxes;
}

/** The AP axis's numbers (drawn end-anchored 6 px left of the plot, 4 px below the tick). */
const yTickBoxes = (ticks: readonly AxisTick[], plot: ParetoLayout['plot']): Box[] =>
  ticks.map((t) => {
    const w = labelWidth(t.label);
    return { x: plot.x - 6 - w, y: t.pos + 4 - 9, w, h: 12 };
  });

/**
 * Where labels may go: above the cost axis's numbers, right of the AP axis's title (drawn
 * rotated at x = 14, 12 px high), out to the chart's right edge; the AP axis's numbers are
 * obstacles inside it.
 */
const labelFrame = (l: { width: number; plot: ParetoLayout['plot'] }): Box => ({
  x: 22,
  y: 0,
  w: l.width - 22,
  h: l.plot.y + l.plot.h
});

/**
 * Names every point it can, each at a free spot beside it (label-placement.ts). A point whose
 * name fits nowhere is numbered instead (1, 2, … from the cheapest), and the chart lists the
 * numbered points under it.
 */
export function placeLabels(
  points: PlacedPoint[],
  front: readonly PlacedPoint[],
  markers: readonly PlacedMarker[],
  axes: { width: number; plot: ParetoLayout['plot']; yTicks: readonly AxisTick[] }
): PlacedPoint[] {
  const taken = [...obstacles(points, front, markers), ...yTickBoxes(axes.yTicks, axes.plot)];
  const frame = labelFrame(axes);
  const names = placeAll(
    points.map((p) => spotsAround(p.short ?? p.label, p.x, p.y, POINT_R)),
    taken,
    frame
  );
  points.forEach((p, i) => {
    const name = names[i];
    if (name) {
      p.tag = name;
      taken.push(name.box);
    }
  });
  const unnamed = points.filter((_, i) => !names[i]).sort((a, b) => a.x - b.x);
  unnamed.forEach((p, i) => {
    p.note = i + 1;
    const spots = spotsAround(String(p.note), p.x, p.y, POINT_R);
    p.tag = freeSpots(spots, taken, frame)[0] ?? spots[0];
    taken.push(p.tag.box);
  });
  return points;
}

/** A staircase through the frontier: each point's AP holds until the next, dearer point. */
const staircase = line<PlacedPoint>()
  .x((p) => p.x)
  .y((p) => p.y)
  .curve(curveStepAfter);

type Plot = ParetoLayout['plot'];

/**
 * Cost on a log scale with a factor of 1.5 of room on each side of the data (clamped, so a marker
 * off the axis sits at its edge); AP on a linear scale rounded out to multiples of 5.
 */
function scales(points: readonly ParetoPoint[], plot: Plot) {
  const [cheapest = 1, dearest = 1] = extent(points, (p) => p.cost);
  const [apMin = 0, apMax = 100] = extent(points, (p) => p.ap);
  const x = scaleLog()
    .domain([cheapest / 1.5, dearest * 1.5])
    .range([plot.x, plot.x + plot.w])
    .clamp(true);
  const y = scaleLinear()
    .domain([Math.floor(apMin / 5) * 5, Math.ceil(apMax / 5) * 5])
    .range([plot.y + plot.h, plot.y]);
  return { x, y };
}

export function layoutPareto(
  points: readonly ParetoPoint[],
  markers: readonly CostMarker[]
): ParetoLayout {
  const P = PARETO;
  const plot = {
    x: P.left,
    y: P.top,
    w: P.width - P.left - P.right,
    h: P.height - P.top - P.bottom
  };
  const { x, y } = scales(points, plot);
  const [lo, hi] = x.domain();
  const [apLo, apHi] = y.domain();
  const onFrontier = paretoFrontier(points);
  const placed: PlacedPoint[] = points.map((p) => {
    const px = x(p.cost);
    return {
      ...p,
      x: px,
      y: y(p.ap),
      frontier: onFrontier.includes(p.key),
      tag: { text: '', x: px, y: 0, anchor: 'start', box: { x: px, y: 0, w: 0, h: 0 } },
      note: null
    };
  });
  const front = onFrontier.map((k) => placed.find((p) => p.key === k)!);
  const placedMarkers = markers.map((m, i) => {
    const inside = m.cost >= lo && m.cost <= hi;
    return {
      ...m,
      inside,
      text: inside ? m.label : `${m.label} (off the axis)`,
      labelY: plot.y + 12 + 14 * i,
      x: x(m.cost)
    };
  });
  // One tick every 5 AP.
  const yTicks = axisTicks(y, (apHi - apLo) / 5);
  return {
    width: P.width,
    height: P.height,
    plot,
    points: placeLabels(placed, front, placedMarkers, { width: P.width, plot, yTicks }),
    frontierPath: staircase(front) ?? '',
    markers: placedMarkers,
    // Every 1…9 multiple of each decade is a grid line; d3 labels those led by 1–5 here.
    xTicks: axisTicks(x, 10, '~g'),
    yTicks
  };
}
