/**
 * "The bottleneck" chart as data: per output pixel, a 1x1 convolution on C channels costs C²
 * multiply-adds and a 3x3 depthwise one 9C, so a shuffle block's two 1x1 convs (2C²) overtake its
 * one depthwise conv (9C) where 2C² = 9C, at C = 4.5. Both axes are logarithmic, so the two costs
 * are straight lines (slopes 2 and 1) and the crossing at 4.5 and the real widths (20…160) fit on
 * one chart. Pure: numbers in, geometry out (d3-scale's log scales, d3-shape's line).
 */
import { range } from 'd3-array';
import type { ScaleLogarithmic } from 'd3-scale';
import { scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import type { AxisTick } from './axis';
import { axisTicks } from './axis';

/** Per-pixel multiply-adds of the two 1x1 convs of a shuffle unit on C channels: 2·C². */
export const pointwisePair = (c: number): number => 2 * c * c;
/** Per-pixel multiply-adds of one 3x3 depthwise conv on C channels: 9·C. */
export const depthwise3x3 = (c: number): number => 9 * c;
/** Where 2C² = 9C (C > 0): C = 9/2. */
export const CROSSING_CHANNELS = 9 / 2;

export const BOTTLENECK = {
  width: 640,
  height: 320,
  left: 72,
  right: 16,
  top: 16,
  bottom: 48,
  minC: 1,
  maxC: 320
} as const;

export interface BottleneckMark {
  channels: number;
  x: number;
  label: string;
}

export interface BottleneckLayout {
  width: number;
  height: number;
  plot: { x: number; y: number; w: number; h: number };
  pointwisePath: string;
  depthwisePath: string;
  crossing: { x: number; y: number; channels: number; macs: number };
  marks: BottleneckMark[];
  current: {
    channels: number;
    x: number;
    yPointwise: number;
    yDepthwise: number;
    pointwise: number;
    depthwise: number;
    /** 2C² / 9C = 2C/9: how many times the 1x1 pair outweighs the depthwise conv. */
    ratio: number;
  };
  xTicks: AxisTick[];
  yTicks: AxisTick[];
}

type LogScale = ScaleLogarithmic<number, number>;

/** A cost curve over the whole x axis, sampled at 65 points evenly spaced along it. */
function costPath(f: (c: number) => number, x: LogScale, y: LogScale): string {
  const [r0, r1] = x.range();
  const channels = range(65).map((i) => x.invert(r0 + (i / 64) * (r1 - r0)));
  const draw = line<number>()
    .x((c) => x(c))
    .y((c) => y(f(c)))
    .digits(2);
  return draw(channels) ?? '';
}

export function layoutBottleneck(
  channels: number,
  halfWidths: readonly number[]
): BottleneckLayout {
  const B = BOTTLENECK;
  const plot = {
    x: B.left,
    y: B.top,
    w: B.width - B.left - B.right,
    h: B.height - B.top - B.bottom
  };
  const maxMacs = pointwisePair(B.maxC);
  const x = scaleLog()
    .domain([B.minC, B.maxC])
    .range([plot.x, plot.x + plot.w]);
  const y = scaleLog()
    .domain([1, maxMacs])
    .range([plot.y + plot.h, plot.y]);
  const c = Math.min(B.maxC, Math.max(B.minC, channels));
  const crossMacs = depthwise3x3(CROSSING_CHANNELS);
  return {
    width: B.width,
    height: B.height,
    plot,
    pointwisePath: costPath(pointwisePair, x, y),
    depthwisePath: costPath(depthwise3x3, x, y),
    crossing: {
      x: x(CROSSING_CHANNELS),
      y: y(crossMacs),
      channels: CROSSING_CHANNELS,
      macs: crossMacs
    },
    marks: halfWidths.map((w) => ({ channels: w, x: x(w), label: `C = ${w}` })),
    current: {
      channels: c,
      x: x(c),
      yPointwise: y(pointwisePair(c)),
      yDepthwise: y(depthwise3x3(c)),
      pointwise: pointwisePair(c),
      depthwise: depthwise3x3(c),
      ratio: pointwisePair(c) / depthwise3x3(c)
    },
    // 2.5 decades of C: every 1…9 multiple is a grid line, those led by 1–4 are labelled.
    xTicks: axisTicks(x, 10, '~g'),
    // 5.3 decades of MACs, more than 5: d3 keeps only the powers of ten, 1 to 100k.
    yTicks: axisTicks(y, 5, '~s')
  };
}
