/**
 * ONNX Runtime's heatmaps against tfjs's for the same graph, weights and input. tfjs's result
 * holds one map per output channel (C maps of h x w, row-major); ONNX Runtime's output is NCHW
 * (1 x C x h x w), so channel c's map is the c-th slice of h·w values and the two line up value
 * for value. Pure: no DOM, no runtime.
 */
import type { FeatureMap } from '$lib/tf/protocol';

/**
 * The bar both runtimes must meet, absolute for heatmaps up to 1 and relative to the largest
 * |value| above that: float32 sums taken in another order (ORT fuses Conv+BatchNorm and picks
 * its own kernels) err in proportion to the values summed. Measured here on seeded weights at
 * 256x192: Lite-HRNet-18 2.4e-6; Lite-HRNet-30, whose seeded heatmaps are larger, 1.2e-4.
 */
export const ORT_TOLERANCE = 1e-4;

export type OutputComparison =
  | {
      ok: true;
      maxAbsDiff: number;
      values: number;
      /** The largest |tfjs value|: the tolerance scales with it above 1. */
      largest: number;
      withinTolerance: boolean;
    }
  | { ok: false; error: string };

/** The largest difference allowed for heatmaps whose largest |value| is `largest`. */
export const allowedDiff = (largest: number): number => ORT_TOLERANCE * Math.max(1, largest);

/**
 * The largest |ORT − tfjs| over every value, or a sentence when the shapes differ. A NaN on
 * either side makes the difference NaN (never "within tolerance"), so a broken run cannot pass.
 */
export function compareWithTfjs(
  maps: readonly FeatureMap[],
  ort: { shape: readonly number[]; data: Float32Array }
): OutputComparison {
  const [n, c, h, w] = ort.shape;
  const first = maps[0];
  if (ort.shape.length !== 4 || n !== 1 || !first)
    return {
      ok: false,
      error: `ONNX Runtime returned a ${ort.shape.join('x')} output, not 1xCxHxW.`
    };
  if (c !== maps.length || h !== first.height || w !== first.width)
    return {
      ok: false,
      error: `ONNX Runtime returned ${c}x${h}x${w} heatmaps; tfjs returned ${maps.length}x${first.height}x${first.width}.`
    };
  let max = 0;
  let largest = 0;
  let nan = false;
  const plane = h * w;
  for (let ch = 0; ch < c; ch++) {
    const t = maps[ch].data;
    for (let i = 0; i < plane; i++) {
      const d = Math.abs(ort.data[ch * plane + i] - t[i]);
      largest = Math.max(largest, Math.abs(t[i]));
      if (d !== d) nan = true;
      else if (d > max) max = d;
    }
  }
  const maxAbsDiff = nan ? NaN : max;
  const withinTolerance = !nan && Number.isFinite(largest) && max < allowedDiff(largest);
  return { ok: true, maxAbsDiff, values: c * plane, largest, withinTolerance };
}

const exp = (v: number) => (Number.isNaN(v) ? 'NaN' : v.toExponential(1));

/**
 * "max |ONNX Runtime − tfjs| = 3.1e-6 over 13,056 heatmap values (below 1e-4)"; past 1 the
 * bar is stated with the largest value it scales with ("below 1e-4 × 12.3").
 */
export function comparisonText(r: OutputComparison): string {
  if (!r.ok) return r.error;
  const verdict = r.withinTolerance ? 'below' : 'NOT below';
  const bar =
    r.largest > 1 && Number.isFinite(r.largest)
      ? `${ORT_TOLERANCE.toExponential(0)} × ${r.largest.toPrecision(3)}, the largest |heatmap value|`
      : ORT_TOLERANCE.toExponential(0);
  return `max |ONNX Runtime − tfjs| = ${exp(r.maxAbsDiff)} over ${r.values.toLocaleString('en-US')} heatmap values (${verdict} ${bar})`;
}
