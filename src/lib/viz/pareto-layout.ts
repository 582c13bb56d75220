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

export interface ParetoPoint {
  key: string;
  label: string;
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
  /** Where the point's label goes (labelled points only are moved apart, see placeLabels). */
  labelX: number;
  labelY: number;
}

export interface PlacedMarker extends CostMarker {
  x: number;
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
  height: 340,
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

/** Rough width of an 11px label, for keeping labels apart without a DOM to measure. */
const labelWidth = (text: string) => 6 * text.length;
const LINE = 12;

/**
 * Labels of highlighted and frontier points, moved down (top to bottom) until none overlaps an
 * earlier one: a greedy pass, enough for a dozen labels.
 */
export function placeLabels(points: PlacedPoint[]): PlacedPoint[] {
  const labelled = points
    .filter((p) => p.highlight || p.frontier)
    .sort((a, b) => a.labelY - b.labelY || a.x - b.x);
  const boxes: { x0: number; x1: number; y: number }[] = [];
  for (const p of labelled) {
    const x0 = p.labelX;
    const x1 = x0 + labelWidth(p.label);
    while (boxes.some((b) => b.x0 < x1 && x0 < b.x1 && Math.abs(b.y - p.labelY) < LINE))
      p.labelY += LINE;
    boxes.push({ x0, x1, y: p.labelY });
  }
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
  const placed = placeLabels(
    points.map((p) => {
      const px = x(p.cost);
      const py = y(p.ap);
      return {
        ...p,
        x: px,
        y: py,
        frontier: onFrontier.includes(p.key),
        labelX: px + 8,
        labelY: py + 4
      };
    })
  );
  const front = onFrontier.map((k) => placed.find((p) => p.key === k)!);
  return {
    width: P.width,
    height: P.height,
    plot,
    points: placed,
    frontierPath: staircase(front) ?? '',
    markers: markers.map((m, i) => ({
      ...m,
      inside: m.cost >= lo && m.cost <= hi,
      labelY: plot.y + 12 + 14 * i,
      x: x(m.cost)
    })),
    // Every 1…9 multiple of each decade is a grid line; d3 labels those led by 1–5 here.
    xTicks: axisTicks(x, 10, '~g'),
    // One tick every 5 AP.
    yTicks: axisTicks(y, (apHi - apLo) / 5)
  };
}
