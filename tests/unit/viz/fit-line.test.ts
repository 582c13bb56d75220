import { describe, expect, it } from 'vitest';
import { fitLine } from '$lib/viz/fit-line';

describe('fitLine', () => {
  it('fits (0,1) (1,3) (2,2) (3,5) as worked by hand', () => {
    // mean x 1.5, mean y 2.75; Sxx = 5, Sxy = 5.5, Syy = 8.75.
    // slope = 5.5 / 5 = 1.1; intercept = 2.75 − 1.1·1.5 = 1.1; R² = 5.5² / (5 · 8.75) = 121/175.
    const f = fitLine([0, 1, 2, 3], [1, 3, 2, 5]);
    if (!f.ok) throw new Error(f.message);
    expect(f.slope).toBeCloseTo(1.1, 12);
    expect(f.intercept).toBeCloseTo(1.1, 12);
    expect(f.r2).toBeCloseTo(121 / 175, 12);
  });

  it('points on a line give R² = 1', () => {
    const f = fitLine([1, 2, 4], [5, 7, 11]);
    expect(f).toMatchObject({ ok: true, r2: 1 });
    if (f.ok) expect([f.slope, f.intercept]).toEqual([2, 3]);
  });

  it('y unrelated to x: (−1,0) (0,1) (1,0) has slope 0 and R² 0', () => {
    const f = fitLine([-1, 0, 1], [0, 1, 0]);
    expect(f).toMatchObject({ ok: true, slope: 0, r2: 0 });
  });

  it('bad input is a sentence', () => {
    expect(fitLine([1], [2])).toEqual({ ok: false, message: 'A line needs at least two points.' });
    expect(fitLine([1, 2], [2])).toEqual({ ok: false, message: '2 x values but 1 y values.' });
    expect(fitLine([3, 3], [1, 2])).toEqual({
      ok: false,
      message: 'Every point has the same x: no line fits.'
    });
    expect(fitLine([1, NaN], [1, 2]).ok).toBe(false);
  });
});
