/**
 * Ordinary least squares for y = slope · x + intercept, with the coefficient of determination
 * R² = 1 − SS_res / SS_tot. Pure. Bad input is a sentence, never a throw.
 */
export interface LineFit {
  slope: number;
  intercept: number;
  /** 0…1 for a least-squares line; 1 when every point is on it. */
  r2: number;
}

export type FitResult = ({ ok: true } & LineFit) | { ok: false; message: string };

export function fitLine(xs: readonly number[], ys: readonly number[]): FitResult {
  if (xs.length !== ys.length)
    return { ok: false, message: `${xs.length} x values but ${ys.length} y values.` };
  const n = xs.length;
  if (n < 2) return { ok: false, message: 'A line needs at least two points.' };
  if (![...xs, ...ys].every(Number.isFinite))
    return { ok: false, message: 'Every value must be a finite number.' };
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return { ok: false, message: 'Every point has the same x: no line fits.' };
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  // SS_res = SS_tot − slope · S_xy for the least-squares line; equal ys fit exactly.
  const r2 = syy === 0 ? 1 : Math.max(0, Math.min(1, (sxy * sxy) / (sxx * syy)));
  return { ok: true, slope, intercept, r2 };
}
