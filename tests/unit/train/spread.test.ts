import { describe, expect, it } from 'vitest';
import { formatSpread, lossSeries, sideSummary, type RunRecord } from '$lib/train/ablation';
import { bandOf, medianOf, smoothCurve, spreadOf } from '$lib/train/spread';

describe('spread over seeds', () => {
  it('mean, sample sd, min and max of 2, 4, 6', () => {
    // mean 4; squared deviations 4 + 0 + 4 = 8; sample variance 8 / (3 − 1) = 4; sd 2.
    expect(spreadOf([2, 4, 6])).toEqual({ n: 3, mean: 4, sd: 2, min: 2, max: 6 });
  });

  it('the median step time: the middle value, or the mean of the middle two', () => {
    // A first step slowed by compiling (900 ms) does not move it: sorted 100, 110, 120, 900.
    expect(medianOf([900, 120, 100, 110])).toBe(115);
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([NaN])).toBeNull();
  });

  it('one value has no spread; no finite value has no summary', () => {
    expect(spreadOf([5])).toEqual({ n: 1, mean: 5, sd: 0, min: 5, max: 5 });
    expect(spreadOf([NaN, Infinity])).toBeNull();
  });

  it('a band takes, per step, the runs that reached it', () => {
    const a = [
      { step: 1, value: 1 },
      { step: 2, value: 3 }
    ];
    const b = [{ step: 1, value: 3 }];
    expect(bandOf([a, b])).toEqual([
      { step: 1, mean: 2, min: 1, max: 3, n: 2 },
      { step: 2, mean: 3, min: 3, max: 3, n: 1 }
    ]);
  });

  it('smoothing averages windows and keeps the partial last one', () => {
    const c = [1, 2, 3, 4, 5].map((v, i) => ({ step: i + 1, value: v }));
    expect(smoothCurve(c, 2)).toEqual([
      { step: 2, value: 1.5 },
      { step: 4, value: 3.5 },
      { step: 5, value: 5 }
    ]);
  });

  it('formats mean ± sd (min–max)', () => {
    expect(formatSpread({ n: 3, mean: 0.4, sd: 0.05, min: 0.35, max: 0.45 })).toBe(
      '0.400 ± 0.050 (0.350–0.450)'
    );
    expect(formatSpread(null)).toBe('–');
  });
});

const record = (side: 'A' | 'B', seed: number, pck: number, latency: number | null): RunRecord => ({
  side,
  seed,
  params: side === 'A' ? 100 : 90,
  losses: [
    { step: 1, value: 1 },
    { step: 2, value: 0.5 }
  ],
  evaluations: [
    { run: 0, step: 1, pck: 0, ap: 0, baselinePck: 0.3 },
    { run: 0, step: 2, pck, ap: pck / 2, baselinePck: 0.3 }
  ],
  stepsPerSecond: 2,
  stepMs: [500, 500],
  elapsedMs: 1000,
  latencyMs: latency
});

describe('the A/B summary', () => {
  it('summarises each side’s last evaluations over its finished runs', () => {
    const runs = [
      record('A', 1, 0.5, 10),
      record('B', 1, 0.2, 8),
      record('A', 2, 0.7, 12),
      record('A', 3, 0.9, null)
    ];
    const a = sideSummary(runs, 'A')!;
    expect(a.runs).toBe(2); // the third A run has not ended
    expect(a.pck).toMatchObject({ mean: 0.6, min: 0.5, max: 0.7 });
    expect(a.latencyMs).toMatchObject({ mean: 11 });
    expect(sideSummary(runs, 'B')!.ap).toMatchObject({ mean: 0.1, n: 1 });
    expect(sideSummary([], 'B')).toBeNull();
  });

  it('draws one series per side, with a band once there are two seeds', () => {
    const s = lossSeries(
      [record('A', 1, 0.5, 1), record('A', 2, 0.5, 1), record('B', 1, 0.5, 1)],
      2,
      { A: 'a', B: 'b' }
    );
    expect(s.map((x) => [x.key, x.points.map((p) => p.n)])).toEqual([
      ['A', [2, 2]],
      ['B', [1, 1]]
    ]);
  });
});
