/**
 * "Where the models sit among their peers": accuracy (COCO AP) against a cost (GFLOPs or params)
 * on a log x axis, the Pareto frontier (no other model both cheaper-or-equal and at least as
 * accurate), and vertical markers for configs whose cost is known but whose accuracy is not.
 * Pure: numbers in, geometry out.
 */
import type { AxisTick } from './bottleneck-layout';
import { logScale } from './bottleneck-layout';

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

/** 1-2-5 ticks inside [lo, hi]. */
export function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++)
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** e).toPrecision(3));
      if (v >= lo && v <= hi) out.push(v);
    }
  return out;
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
  const costs = points.map((p) => p.cost);
  const lo = Math.min(...costs) / 1.5;
  const hi = Math.max(...costs) * 1.5;
  const aps = points.map((p) => p.ap);
  const apLo = Math.floor(Math.min(...aps) / 5) * 5;
  const apHi = Math.ceil(Math.max(...aps) / 5) * 5;
  const x = logScale(lo, hi, plot.x, plot.x + plot.w);
  const y = (ap: number) => plot.y + plot.h - ((ap - apLo) / (apHi - apLo)) * plot.h;
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
  // A staircase: each frontier point holds until the next, cheaper-to-dearer.
  const frontierPath = front
    .map((p, i) => (i === 0 ? `M${p.x},${p.y}` : `H${p.x}V${p.y}`))
    .join('');
  const yTicks: AxisTick[] = [];
  for (let v = apLo; v <= apHi; v += 5) yTicks.push({ value: v, pos: y(v), label: `${v}` });
  return {
    width: P.width,
    height: P.height,
    plot,
    points: placed,
    frontierPath,
    markers: markers.map((m, i) => {
      const inside = m.cost >= lo && m.cost <= hi;
      return {
        ...m,
        inside,
        labelY: plot.y + 12 + 14 * i,
        x: x(Math.min(hi, Math.max(lo, m.cost)))
      };
    }),
    xTicks: logTicks(lo, hi).map((v) => ({ value: v, pos: x(v), label: `${v}` })),
    yTicks
  };
}
