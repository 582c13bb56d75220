import { describe, expect, it } from 'vitest';
import {
  CROSSING_CHANNELS,
  depthwise3x3,
  layoutBottleneck,
  logScale,
  pointwisePair
} from '$lib/viz/bottleneck-layout';

describe('the bottleneck chart', () => {
  // Per pixel, two 1x1 convs on C channels cost 2·C² and one 3x3 depthwise conv 9·C.
  // 2C² = 9C ⇔ C(2C − 9) = 0 ⇔ C = 0 or C = 9/2 = 4.5. Below 4.5 the depthwise conv is
  // dearer (C = 4: 32 < 36), above it the 1x1 pair (C = 5: 50 > 45) — the paper's "C > 5".
  it('the two costs cross at C = 4.5', () => {
    expect(CROSSING_CHANNELS).toBe(4.5);
    expect(pointwisePair(4.5)).toBe(depthwise3x3(4.5)); // 2·20.25 = 40.5 = 9·4.5
    expect(pointwisePair(4)).toBeLessThan(depthwise3x3(4)); // 32 < 36
    expect(pointwisePair(5)).toBeGreaterThan(depthwise3x3(5)); // 50 > 45
  });

  it('at Lite-HRNet’s half-width 40 the 1x1 pair costs 3200 against 360 per pixel', () => {
    const l = layoutBottleneck(40, [20, 40, 80, 160]);
    expect(l.current.pointwise).toBe(3200); // 2·40²
    expect(l.current.depthwise).toBe(360); // 9·40
    expect(l.current.ratio).toBeCloseTo(80 / 9, 10); // 2C/9
  });

  it('places the crossing where both lines meet, and the marks left to right', () => {
    const l = layoutBottleneck(10, [20, 40, 80, 160]);
    expect(l.crossing.macs).toBe(40.5);
    expect(l.marks.map((m) => m.label)).toEqual(['C = 20', 'C = 40', 'C = 80', 'C = 160']);
    const xs = l.marks.map((m) => m.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    // On log axes a doubling is a constant step: 20→40 and 80→160 are the same distance.
    expect(xs[1] - xs[0]).toBeCloseTo(xs[3] - xs[2], 9);
    expect(l.crossing.x).toBeGreaterThan(l.plot.x);
    expect(l.crossing.x).toBeLessThan(xs[0]);
  });

  it('the slider’s C moves the marker, and clamps to the axis', () => {
    const a = layoutBottleneck(4.5, []);
    const b = layoutBottleneck(100, []);
    expect(a.current.x).toBeCloseTo(a.crossing.x, 9);
    expect(a.current.yPointwise).toBeCloseTo(a.current.yDepthwise, 9);
    expect(b.current.x).toBeGreaterThan(a.current.x);
    // Higher cost is drawn higher up: smaller y.
    expect(b.current.yPointwise).toBeLessThan(b.current.yDepthwise);
    expect(layoutBottleneck(10_000, []).current.channels).toBe(320);
  });

  it('logScale maps decades evenly', () => {
    const s = logScale(1, 100, 0, 200);
    expect(s(1)).toBe(0);
    expect(s(10)).toBeCloseTo(100, 9);
    expect(s(100)).toBeCloseTo(200, 9);
  });
});
