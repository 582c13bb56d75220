/**
 * Spread over seeds, for the A/B ablation: a value's mean, sample standard deviation, minimum and
 * maximum, and a loss curve's band (mean line, min–max band) step by step. Pure.
 */

export interface Spread {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1); 0 for a single value. */
  sd: number;
  min: number;
  max: number;
}

/** The spread of finite values; null when there are none. */
export function spreadOf(values: readonly number[]): Spread | null {
  const xs = values.filter(Number.isFinite);
  const n = xs.length;
  if (n === 0) return null;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const sd = n > 1 ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : 0;
  return { n, mean, sd, min: Math.min(...xs), max: Math.max(...xs) };
}

/** The median of finite values (the mean of the middle two for an even count); null when none. */
export function medianOf(values: readonly number[]): number | null {
  const xs = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const m = xs.length >> 1;
  return xs.length % 2 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
}

export interface CurvePoint {
  step: number;
  value: number;
}

export interface BandPoint {
  step: number;
  mean: number;
  min: number;
  max: number;
  /** How many runs reached this step. */
  n: number;
}

/**
 * Several runs' curves as one band: at each step some run reached, the mean, min and max of the
 * runs that have a value there. Runs still training simply contribute fewer steps.
 */
export function bandOf(curves: readonly (readonly CurvePoint[])[]): BandPoint[] {
  const byStep = new Map<number, number[]>();
  for (const curve of curves)
    for (const p of curve) {
      if (!Number.isFinite(p.value)) continue;
      const list = byStep.get(p.step) ?? [];
      list.push(p.value);
      byStep.set(p.step, list);
    }
  return [...byStep.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([step, values]) => {
      const s = spreadOf(values)!;
      return { step, mean: s.mean, min: s.min, max: s.max, n: s.n };
    });
}

/**
 * A curve averaged over windows of `window` steps (the mean of each window, at its last step),
 * so a noisy per-batch loss reads as a trend. The last, partial window is kept.
 */
export function smoothCurve(curve: readonly CurvePoint[], window: number): CurvePoint[] {
  if (window <= 1) return [...curve];
  const out: CurvePoint[] = [];
  for (let i = 0; i < curve.length; i += window) {
    const part = curve.slice(i, i + window);
    out.push({
      step: part[part.length - 1].step,
      value: part.reduce((s, p) => s + p.value, 0) / part.length
    });
  }
  return out;
}
