/** Summary statistics of timing samples (ms). */
export interface TimingSummary {
  medianMs: number;
  minMs: number;
  maxMs: number;
}

/** Median (mean of the two middle values for an even count), min and max. */
export function summarizeTimes(samples: readonly number[]): TimingSummary {
  if (samples.length === 0) return { medianMs: NaN, minMs: NaN, maxMs: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const medianMs = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { medianMs, minMs: sorted[0], maxMs: sorted[sorted.length - 1] };
}

export { formatMs } from '$lib/model';

/** How many values of an output are NaN and how many are ±Infinity. */
export interface NonFinite {
  nan: number;
  infinite: number;
  total: number;
}

export function countNonFinite(arrays: readonly ArrayLike<number>[]): NonFinite {
  let nan = 0;
  let infinite = 0;
  let total = 0;
  for (const a of arrays) {
    total += a.length;
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (v !== v) nan++;
      else if (v === Infinity || v === -Infinity) infinite++;
    }
  }
  return { nan, infinite, total };
}

/** A sentence for an output with NaN or infinite values; null when every value is a number. */
export function nonFiniteSentence(c: NonFinite): string | null {
  if (c.nan === 0 && c.infinite === 0) return null;
  const parts = [
    c.nan ? `${c.nan.toLocaleString('en-US')} NaN` : '',
    c.infinite ? `${c.infinite.toLocaleString('en-US')} infinite` : ''
  ].filter(Boolean);
  return `The output holds ${parts.join(' and ')} values (of ${c.total.toLocaleString('en-US')}): the weights or the input carry NaN or infinite values, or a value overflowed float32. Heatmaps and keypoints from it mean nothing.`;
}
