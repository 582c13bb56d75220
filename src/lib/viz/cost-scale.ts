/**
 * The network picture's colour: one d3 sequential scale from a cell's cost to a colour, and the
 * legend that reads it back in the chosen convention and unit. Pure: no DOM.
 *
 * Viridis is perceptually even and readable with every common colour-vision deficiency. It runs
 * from the page's background towards its ink: on a light page cheap cells are pale yellow and
 * costly ones dark violet, on a dark page the other way round, so cheap cells recede on both.
 * The square root spreads the many small cells apart; the legend's ticks sit where their colour is.
 */
import { tickStep, ticks as niceTicks } from 'd3-array';
import type { ScaleSequential } from 'd3-scale';
import { scaleSequentialSqrt, scaleSqrt } from 'd3-scale';
import { interpolateViridis } from 'd3-scale-chromatic';
import type { Convention, CostUnit } from '$lib/model';
import { costUnitLabel, formatCost, formatCostValue, megaOf, toUnit } from '$lib/model';

export type ColorScheme = 'light' | 'dark';

/** Cost (MACs) → fill colour; the domain is [0, the largest cell's MACs]. */
export function costColorScale(
  maxMacs: number,
  scheme: ColorScheme = 'light'
): ScaleSequential<string> {
  const interpolate =
    scheme === 'light' ? (t: number) => interpolateViridis(1 - t) : interpolateViridis;
  return scaleSequentialSqrt(interpolate)
    .domain([0, maxMacs > 0 ? maxMacs : 1])
    .clamp(true);
}

export interface LegendTick {
  /** Where the tick is, raw MACs. */
  macs: number;
  /** Its place along the bar, 0…1 (the same square root the colours use). */
  offset: number;
  /** The number in the legend's unit ("5", "0.5"). */
  label: string;
}

export interface CostLegend {
  /** The scale's domain in raw MACs: [0, largest cell]. */
  domain: [number, number];
  /** "M MACs (M = 2^20)". */
  unitLabel: string;
  ticks: LegendTick[];
  /** Colour stops along the bar, for a CSS gradient. */
  stops: { offset: number; color: string }[];
  /** The bar's right end with its unit: "17.6 M MACs". */
  maxLabel: string;
  /** The legend as one line: "0 · 5 · 10 · 15 M MACs (M = 2^20)". */
  text: string;
}

/**
 * Tick labels must not touch: the legend's bar is about 230 px wide (CostLegend.svelte, 16rem
 * less padding) and a digit at its 14 px text about 8.5 px; a tick too close to the one before
 * is left out.
 */
const BAR_PX = 230;
const tooClose = (a: LegendTick, b: LegendTick) =>
  (b.offset - a.offset) * BAR_PX < ((a.label.length + b.label.length) / 2) * 8.5 + 6;

/** Decimals a tick step of 1, 2 or 5 × 10^k needs: 5 → 0, 0.5 → 1, 0.05 → 2. */
const digitsOf = (step: number) => Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));

export function costLegend(
  maxMacs: number,
  convention: Convention,
  unit: CostUnit,
  scheme: ColorScheme = 'light',
  count = 4
): CostLegend {
  const color = costColorScale(maxMacs, scheme);
  const max = color.domain()[1];
  // Ticks are round numbers in what the reader sees (M MACs or M FLOPs, 2^20 or 10^6).
  const shown = toUnit(max, unit) / megaOf(convention);
  const macsOf = (v: number) => (v * max) / shown;
  const digits = digitsOf(tickStep(0, shown, count));
  const place = scaleSqrt().domain([0, shown]).range([0, 1]);
  const ticks: LegendTick[] = [];
  for (const v of niceTicks(0, shown, count)) {
    const tick = {
      macs: macsOf(v),
      offset: place(v),
      label: formatCostValue(macsOf(v), convention, unit, digits)
    };
    if (!ticks.length || !tooClose(ticks[ticks.length - 1], tick)) ticks.push(tick);
  }
  const stops = Array.from({ length: 11 }, (_, i) => {
    const offset = i / 10;
    return { offset, color: color(max * offset * offset) };
  });
  const unitLabel = costUnitLabel(convention, unit);
  return {
    domain: [0, max],
    unitLabel,
    ticks,
    stops,
    maxLabel: formatCost(max, convention, unit),
    text: `${ticks.map((t) => t.label).join(' · ')} ${unitLabel}`
  };
}

/**
 * The same colour bar read as measured time: ticks in ms on the square-root scale the colours
 * use (a cell's ms summed over its ops from the profiling run, each op timed alone).
 */
export function timeLegend(maxMs: number, scheme: ColorScheme = 'light', count = 4): CostLegend {
  const color = costColorScale(maxMs, scheme);
  const max = color.domain()[1];
  const digits = digitsOf(tickStep(0, max, count));
  const place = scaleSqrt().domain([0, max]).range([0, 1]);
  const ticks: LegendTick[] = [];
  for (const v of niceTicks(0, max, count)) {
    const tick = { macs: v, offset: place(v), label: v.toFixed(digits) };
    if (!ticks.length || !tooClose(ticks[ticks.length - 1], tick)) ticks.push(tick);
  }
  const stops = Array.from({ length: 11 }, (_, i) => {
    const offset = i / 10;
    return { offset, color: color(max * offset * offset) };
  });
  return {
    domain: [0, max],
    unitLabel: 'ms',
    ticks,
    stops,
    maxLabel: `${max.toFixed(Math.max(1, digits))} ms`,
    text: `${ticks.map((t) => t.label).join(' · ')} ms`
  };
}
