import { describe, expect, it } from 'vitest';
import { lossLayout } from '$lib/viz/loss-layout';

const pt = (step: number, mean: number, n = 1, spread = 0) => ({
  step,
  mean,
  min: mean - spread,
  max: mean + spread,
  n
});

describe('the loss chart’s layout', () => {
  it('puts step 1 at the left edge and the last step at the right', () => {
    const l = lossLayout([{ key: 'A', label: 'a', points: [pt(1, 0.1), pt(10, 0.01)] }], 400, 260);
    const { x, w } = l.plot;
    // d3's line path starts with M x,y; the first point is at the plot's left edge.
    expect(l.series[0].line.startsWith(`M${x},`)).toBe(true);
    expect(l.series[0].end!.x).toBe(x + w);
    // 0.1 → 0.01 spans a decade (with the 1.2 margins, more): a log axis, and the lower loss
    // sits lower on the screen, i.e. at a larger y than the first point's.
    expect(l.logY).toBe(true);
    const firstY = Number(/^M[\d.]+,([\d.]+)/.exec(l.series[0].line)![1]);
    expect(l.series[0].end!.y).toBeGreaterThan(firstY);
  });

  it('labels whole steps only, once each, and a narrow loss range on a linear axis', () => {
    const l = lossLayout([{ key: 'A', label: 'a', points: [pt(1, 0.06), pt(4, 0.05)] }], 600, 260);
    const labels = l.xTicks.map((t) => t.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(l.xTicks.every((t) => Number.isInteger(t.value))).toBe(true);
    expect(l.logY).toBe(false);
    expect(l.yTicks.length).toBeGreaterThan(1);
  });

  it('draws a band only where several runs give a spread', () => {
    const one = lossLayout([{ key: 'A', label: 'a', points: [pt(1, 0.1), pt(2, 0.05)] }], 400, 260);
    expect(one.series[0].band).toBe('');
    const three = lossLayout(
      [{ key: 'A', label: 'a', points: [pt(1, 0.1, 3, 0.02), pt(2, 0.05, 3, 0.01)] }],
      400,
      260
    );
    expect(three.series[0].band).toMatch(/^M/);
  });

  it('has a sane frame with no data at all', () => {
    const l = lossLayout([], 400, 260);
    expect(l.series).toEqual([]);
    expect(l.yTicks.length).toBeGreaterThan(0);
  });
});
