/**
 * How the fused pass's output compares with the op-by-op pass's, in words. Pure (no tfjs).
 *
 * The bound is 1e-4 of the output's scale, max(1, max |output|): folding BatchNorm into the conv
 * weights and merging kernels change float32 rounding, and rounding errors grow with the values.
 * Seeded random weights can give Lite-HRNet-30 heatmaps in the hundreds at 256x192, where one
 * float32 step is already ~1.5e-5 and tfjs's own cpu and wasm backends differ by ~1e-4 op by op.
 */
export const FUSED_TOLERANCE = 1e-4;

/** The scale errors are measured against: the largest |value|, at least 1. */
export function outputScale(outputs: readonly { data: ArrayLike<number> }[]): number {
  let max = 1;
  for (const { data } of outputs)
    for (let i = 0; i < data.length; i++) {
      const v = Math.abs(data[i]);
      if (v > max) max = v;
    }
  return max;
}

/** A short number: 3.1e-6, 0.012, 234. */
function short(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  if (x < 1e-3) return x.toExponential(1);
  return String(Number(x.toPrecision(x < 1 ? 2 : 3)));
}

export interface FusedCheck {
  ok: boolean;
  sentence: string;
}

/** `diff`: max |fused − op by op|; `scale`: outputScale of the op-by-op output. */
export function fusedCheck(diff: number, scale: number): FusedCheck {
  const ok = diff <= FUSED_TOLERANCE * scale;
  const within = diff === 0 ? 'exactly' : `within ${short(diff)}`;
  const relative =
    scale > 1 && diff > 0 ? ` (${short(diff / scale)} of the largest value, ${short(scale)})` : '';
  const verdict = ok ? '' : `; more than the ${short(FUSED_TOLERANCE)} expected`;
  return { ok, sentence: `fused output equals op by op ${within}${relative}${verdict}` };
}
