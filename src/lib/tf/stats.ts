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
