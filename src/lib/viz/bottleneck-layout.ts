/**
 * "The bottleneck" chart as data: per output pixel, a 1x1 convolution on C channels costs C²
 * multiply-adds and a 3x3 depthwise one 9C, so a shuffle block's two 1x1 convs (2C²) overtake its
 * one depthwise conv (9C) where 2C² = 9C, at C = 4.5. Both axes are logarithmic, so the two costs
 * are straight lines (slopes 2 and 1) and the crossing at 4.5 and the real widths (20…160) fit on
 * one chart. Pure: numbers in, geometry out.
 */

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

export interface AxisTick {
  value: number;
  pos: number;
  label: string;
}

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

/** A log10 scale from [d0, d1] to [r0, r1]. */
export function logScale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const l0 = Math.log10(d0);
  const span = Math.log10(d1) - l0;
  return (v) => r0 + ((Math.log10(v) - l0) / span) * (r1 - r0);
}

function path(f: (c: number) => number, x: (c: number) => number, y: (m: number) => number) {
  const { minC, maxC } = BOTTLENECK;
  const steps = 64;
  const pts: string[] = [];
  for (let i = 0; i <= steps; i++) {
    const c = minC * (maxC / minC) ** (i / steps);
    pts.push(`${x(c).toFixed(2)},${y(f(c)).toFixed(2)}`);
  }
  return `M${pts.join('L')}`;
}

const POWERS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];

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
  const x = logScale(B.minC, B.maxC, plot.x, plot.x + plot.w);
  const y = logScale(1, maxMacs, plot.y + plot.h, plot.y);
  const c = Math.min(B.maxC, Math.max(B.minC, channels));
  const crossMacs = depthwise3x3(CROSSING_CHANNELS);
  return {
    width: B.width,
    height: B.height,
    plot,
    pointwisePath: path(pointwisePair, x, y),
    depthwisePath: path(depthwise3x3, x, y),
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
    xTicks: [1, 2, 5, 10, 20, 50, 100, 200].map((v) => ({ value: v, pos: x(v), label: `${v}` })),
    yTicks: POWERS.filter((v) => v <= maxMacs).map((v) => ({
      value: v,
      pos: y(v),
      label: v >= 1e3 ? `${v / 1e3}k` : `${v}`
    }))
  };
}
