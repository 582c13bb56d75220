/**
 * ONNX Runtime's heatmaps against tfjs's for the same graph, weights and input. tfjs's result
 * holds one map per output channel (C maps of h x w, row-major); ONNX Runtime's output is NCHW
 * (1 x C x h x w), so channel c's map is the c-th slice of h·w values and the two line up value
 * for value. Pure: no DOM, no runtime.
 */
import type { FeatureMap } from '$lib/tf/protocol';

/** The bar both runtimes must meet: float32 sums in another order stay far inside it. */
export const ORT_TOLERANCE = 1e-4;

export type OutputComparison =
  | { ok: true; maxAbsDiff: number; values: number; withinTolerance: boolean }
  | { ok: false; error: string };

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
  let nan = false;
  const plane = h * w;
  for (let ch = 0; ch < c; ch++) {
    const t = maps[ch].data;
    for (let i = 0; i < plane; i++) {
      const d = Math.abs(ort.data[ch * plane + i] - t[i]);
      if (d !== d) nan = true;
      else if (d > max) max = d;
    }
  }
  const maxAbsDiff = nan ? NaN : max;
  return { ok: true, maxAbsDiff, values: c * plane, withinTolerance: !nan && max < ORT_TOLERANCE };
}

/** "max |ONNX Runtime − tfjs| = 3.1e-6 over 13,056 values (below 1e-4)" and the like. */
export function comparisonText(r: OutputComparison): string {
  if (!r.ok) return r.error;
  const diff = Number.isNaN(r.maxAbsDiff) ? 'NaN' : r.maxAbsDiff.toExponential(1);
  const verdict = r.withinTolerance ? 'below' : 'NOT below';
  return `max |ONNX Runtime − tfjs| = ${diff} over ${r.values.toLocaleString('en-US')} heatmap values (${verdict} ${ORT_TOLERANCE.toExponential(0)})`;
}
