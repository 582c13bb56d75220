import { describe, expect, it } from 'vitest';
import { fitLine } from '$lib/viz/fit-line';
import { layoutScatter } from '$lib/viz/scatter-layout';

const POINTS = [
  { key: 'a', label: 'A', x: 100, y: 20 },
  { key: 'b', label: 'B', x: 200, y: 50 },
  { key: 'c', label: 'C', x: 400, y: 70 }
];

describe('layoutScatter', () => {
  it('places points on axes from zero, numbered in order, inside the plot', () => {
    const fit = fitLine(
      POINTS.map((p) => p.x),
      POINTS.map((p) => p.y)
    );
    if (!fit.ok) throw new Error(fit.message);
    const l = layoutScatter(POINTS, fit);
    const { plot } = l;
    expect(l.points.map((p) => p.n)).toEqual([1, 2, 3]);
    for (const p of l.points) {
      expect(p.cx).toBeGreaterThanOrEqual(plot.x);
      expect(p.cx).toBeLessThanOrEqual(plot.x + plot.w);
      expect(p.cy).toBeGreaterThanOrEqual(plot.y);
      expect(p.cy).toBeLessThanOrEqual(plot.y + plot.h);
    }
    // Axes start at 0: the first tick of each sits on the plot's edge.
    expect(l.xTicks[0]).toMatchObject({ value: 0, pos: plot.x });
    expect(l.yTicks[0]).toMatchObject({ value: 0, pos: plot.y + plot.h });
    // Larger x is further right, larger y higher up.
    expect(l.points[2].cx).toBeGreaterThan(l.points[0].cx);
    expect(l.points[2].cy).toBeLessThan(l.points[0].cy);
    // The fitted line stays inside the plot and rises to the right.
    const line = l.line!;
    for (const x of [line.x1, line.x2]) {
      expect(x).toBeGreaterThanOrEqual(plot.x - 1e-9);
      expect(x).toBeLessThanOrEqual(plot.x + plot.w + 1e-9);
    }
    for (const y of [line.y1, line.y2]) {
      expect(y).toBeGreaterThanOrEqual(plot.y - 1e-9);
      expect(y).toBeLessThanOrEqual(plot.y + plot.h + 1e-9);
    }
    expect(line.y2).toBeLessThan(line.y1);
  });

  it('a line that falls below zero is cut where it leaves the plot', () => {
    // y = x − 300 is below 0 until x = 300: the line starts at x = 300 on the x axis.
    const l = layoutScatter(POINTS, { slope: 1, intercept: -300, r2: 0 });
    const atZero = l.xTicks.find((t) => t.value === 0)!.pos;
    const at400 = l.xTicks.find((t) => t.value === 400)!.pos;
    expect(l.line!.x1).toBeCloseTo(atZero + ((at400 - atZero) * 300) / 400, 9);
    expect(l.line!.y1).toBeCloseTo(l.plot.y + l.plot.h, 9);
  });

  it('no fit, no line', () => {
    expect(layoutScatter(POINTS, null).line).toBeNull();
  });
});
