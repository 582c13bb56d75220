/**
 * "FLOPs against measured time": points on linear axes from zero, and the least-squares line
 * drawn across the plot. Pure: numbers in, geometry out (d3-scale's scales and ticks).
 */
import { scaleLinear } from 'd3-scale';
import type { AxisTick } from './axis';
import { axisTicks } from './axis';
import type { LineFit } from './fit-line';

export interface ScatterPoint {
  key: string;
  label: string;
  /** Cost in the axis's unit (M FLOPs, say). */
  x: number;
  /** Measured ms. */
  y: number;
}

export interface PlacedScatterPoint extends ScatterPoint {
  cx: number;
  cy: number;
  /** Its number in the list beside the chart (1, 2, …, in the order given). */
  n: number;
}

export interface ScatterLayout {
  width: number;
  height: number;
  plot: { x: number; y: number; w: number; h: number };
  points: PlacedScatterPoint[];
  /** The fitted line clipped to the plot, or null with no fit. */
  line: { x1: number; y1: number; x2: number; y2: number } | null;
  xTicks: AxisTick[];
  yTicks: AxisTick[];
}

const MARGIN = { left: 56, right: 16, top: 12, bottom: 44 };

export function layoutScatter(
  points: ScatterPoint[],
  fit: LineFit | null,
  width = 520,
  height = 320
): ScatterLayout {
  const plot = {
    x: MARGIN.left,
    y: MARGIN.top,
    w: width - MARGIN.left - MARGIN.right,
    h: height - MARGIN.top - MARGIN.bottom
  };
  const maxX = Math.max(1e-9, ...points.map((p) => p.x));
  const maxY = Math.max(1e-9, ...points.map((p) => p.y));
  const sx = scaleLinear()
    .domain([0, maxX * 1.05])
    .nice()
    .range([plot.x, plot.x + plot.w]);
  const sy = scaleLinear()
    .domain([0, maxY * 1.1])
    .nice()
    .range([plot.y + plot.h, plot.y]);
  return {
    width,
    height,
    plot,
    points: points.map((p, i) => ({ ...p, cx: sx(p.x), cy: sy(p.y), n: i + 1 })),
    line: fit
      ? clipLine(fit, sx.domain() as [number, number], sy.domain() as [number, number], sx, sy)
      : null,
    xTicks: axisTicks(sx, 6),
    yTicks: axisTicks(sy, 5)
  };
}

/** The line y = a·x + b inside the box [x0, x1] × [y0, y1], in pixels (null when it misses). */
function clipLine(
  fit: LineFit,
  [x0, x1]: [number, number],
  [y0, y1]: [number, number],
  sx: (v: number) => number,
  sy: (v: number) => number
): ScatterLayout['line'] {
  const at = (x: number) => fit.slope * x + fit.intercept;
  let a = x0;
  let b = x1;
  if (fit.slope !== 0) {
    const xAt = (y: number) => (y - fit.intercept) / fit.slope;
    const lo = Math.min(xAt(y0), xAt(y1));
    const hi = Math.max(xAt(y0), xAt(y1));
    a = Math.max(a, lo);
    b = Math.min(b, hi);
  } else if (at(x0) < y0 || at(x0) > y1) return null;
  if (!(a < b)) return null;
  return { x1: sx(a), y1: sy(at(a)), x2: sx(b), y2: sy(at(b)) };
}
