/**
 * The loss chart's geometry: one series per model (a mean line and, over several seeds, a
 * min–max band), the step on x and the loss on y (log once it spans a decade).
 * Pure: data in, paths and ticks out (d3-scale, d3-shape).
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { area, line } from 'd3-shape';
import type { BandPoint } from '../train/spread';
import { axisTicks, type AxisTick } from './axis';
import type { PlotBox } from './draw-ticks';

export interface LossSeries {
  key: string;
  label: string;
  points: readonly BandPoint[];
}

export interface PlacedLossSeries {
  key: string;
  label: string;
  line: string;
  /** Empty when every step has a single run (no spread to show). */
  band: string;
  /** Where the legend's label sits: at the series' last point. */
  end: { x: number; y: number } | null;
}

export interface LossLayout {
  width: number;
  height: number;
  plot: PlotBox;
  xTicks: AxisTick[];
  yTicks: AxisTick[];
  /** Whether the loss axis is logarithmic (when the loss spans more than a decade). */
  logY: boolean;
  series: PlacedLossSeries[];
}

const MARGIN = { top: 12, right: 16, bottom: 40, left: 64 };

function extent(series: readonly LossSeries[]) {
  let maxStep = 1;
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series)
    for (const p of s.points) {
      maxStep = Math.max(maxStep, p.step);
      if (p.min > 0) lo = Math.min(lo, p.min);
      hi = Math.max(hi, p.max);
    }
  if (!(hi > 0 && lo < Infinity)) return { maxStep, lo: 1e-3, hi: 1e-1 };
  // Some room above and below, so a flat curve is not glued to the frame.
  return { maxStep, lo: lo / 1.2, hi: hi * 1.2 };
}

export function lossLayout(
  series: readonly LossSeries[],
  width: number,
  height: number
): LossLayout {
  const plot = {
    x: MARGIN.left,
    y: MARGIN.top,
    w: Math.max(40, width - MARGIN.left - MARGIN.right),
    h: Math.max(40, height - MARGIN.top - MARGIN.bottom)
  };
  const { maxStep, lo, hi } = extent(series);
  const x = scaleLinear()
    .domain([1, Math.max(2, maxStep)])
    .range([plot.x, plot.x + plot.w]);
  // A log axis once the loss spans a decade (it falls by decades as a model learns); before
  // that, a log axis would have a single labelled tick, so a linear one reads better.
  const logY = hi / lo > 10;
  const y = (logY ? scaleLog() : scaleLinear())
    .domain([lo, hi])
    .range([plot.y + plot.h, plot.y])
    .clamp(true);
  const positive = (v: number) => Math.max(v, lo);
  const mean = line<BandPoint>()
    .x((p) => x(p.step))
    .y((p) => y(positive(p.mean)));
  const band = area<BandPoint>()
    .x((p) => x(p.step))
    .y0((p) => y(positive(p.min)))
    .y1((p) => y(positive(p.max)));
  return {
    width,
    height,
    plot,
    // Steps are whole: ticks between them (1.5 on a 2-step run) would repeat a label.
    xTicks: axisTicks(x, Math.max(2, Math.floor(plot.w / 80)), 'd').filter((t) =>
      Number.isInteger(t.value)
    ),
    yTicks: axisTicks(y, 4, '.2~g'),
    logY,
    series: series.map((s) => {
      const last = s.points[s.points.length - 1];
      return {
        key: s.key,
        label: s.label,
        line: s.points.length ? (mean(s.points) ?? '') : '',
        band: s.points.some((p) => p.n > 1) ? (band(s.points) ?? '') : '',
        end: last ? { x: x(last.step), y: y(positive(last.mean)) } : null
      };
    })
  };
}
