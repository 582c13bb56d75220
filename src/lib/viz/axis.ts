/**
 * An axis's ticks as data: where each tick of a d3 scale sits and what it reads, taken from the
 * scale's own `ticks` and `tickFormat` so grid lines and labels follow d3's rules. Pure.
 */
import type { ScaleContinuousNumeric } from 'd3-scale';

export interface AxisTick {
  value: number;
  /** Position in the chart's coordinates (the scale's range). */
  pos: number;
  /** Empty for a tick that only draws its grid line: a log axis labels a few values per decade. */
  label: string;
}

/**
 * About `count` ticks of `scale`. On a log scale d3 gives every 1…9 multiple of each decade it
 * spans and labels those whose leading digit fits `count` (at least the powers of ten); on a
 * linear scale every tick is labelled.
 */
export function axisTicks(
  scale: ScaleContinuousNumeric<number, number>,
  count: number,
  specifier?: string
): AxisTick[] {
  const format = scale.tickFormat(count, specifier);
  return scale.ticks(count).map((value) => ({ value, pos: scale(value), label: format(value) }));
}
