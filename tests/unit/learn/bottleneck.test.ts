import { describe, expect, it } from 'vitest';
import {
  CROSSING_CHANNELS,
  depthwise3x3,
  layoutBottleneck,
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

  it('both log axes map decades evenly', () => {
    const l = layoutBottleneck(40, []);
    const at = (ticks: typeof l.xTicks, v: number) => ticks.find((t) => t.value === v)!.pos;
    // C runs from 1 at the plot's left edge; 1→10 and 10→100 are the same distance.
    expect(at(l.xTicks, 1)).toBe(l.plot.x);
    expect(at(l.xTicks, 10) - at(l.xTicks, 1)).toBeCloseTo(at(l.xTicks, 100) - at(l.xTicks, 10), 9);
    // MACs run from 1 at the plot's bottom, upwards.
    expect(at(l.yTicks, 1)).toBe(l.plot.y + l.plot.h);
    expect(at(l.yTicks, 10) - at(l.yTicks, 100)).toBeCloseTo(at(l.yTicks, 1) - at(l.yTicks, 10), 9);
  });

  /*
   * C spans 1 to 320, 2.5 decades: d3's log ticks are every 1…9 multiple, 1…9, 10…90, 100, 200,
   * 300 (21 ticks), labelled when the leading digit is at most 10·10/21 ≈ 4.8. MACs span 1 to
   * 2·320² = 204,800, 5.3 decades, more than the 5 ticks asked for: the powers of ten 1…100k.
   */
  it('ticks: C labelled at 1–4 of each decade, MACs at the powers of ten', () => {
    const l = layoutBottleneck(40, []);
    expect(l.xTicks).toHaveLength(21);
    expect(l.xTicks.filter((t) => t.label).map((t) => t.label)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '10',
      '20',
      '30',
      '40',
      '100',
      '200',
      '300'
    ]);
    expect(l.yTicks.map((t) => t.label)).toEqual(['1', '10', '100', '1k', '10k', '100k']);
  });
});
