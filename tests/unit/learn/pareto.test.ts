import { describe, expect, it } from 'vitest';
import { COCO_VAL } from '$lib/paper';
import type { Box } from '$lib/viz/label-placement';
import type { ParetoPoint } from '$lib/viz/pareto-layout';
import { layoutPareto, paretoFrontier } from '$lib/viz/pareto-layout';
import { table3Points } from '$lib/components/learn/results';

describe('Pareto frontier of paper Table 3', () => {
  /*
   * By GFLOPs, cheapest first, keeping a row when its AP beats every cheaper row:
   * 0.20 L18@256 64.8 ✓ · 0.31 L30@256 67.2 ✓ · 0.45 L18@384 67.6 ✓ · 0.54 Small HRNet 55.2 ✗ ·
   * 0.70 L30@384 70.4 ✓ · 1.01 DY-MobileNetV2 68.2 ✗ · 1.03 DY-ReLU 68.1 ✗ · 1.21 Small HRNet@384
   * 56.0 ✗ · 1.28 ShuffleNetV2 59.9 ✗ · 1.48 MobileNetV2 64.6 ✗ · 2.87 ShuffleNetV2@384 63.6 ✗ ·
   * 3.33 MobileNetV2@384 67.3 ✗ · 3.6 DARK 71.9 ✓ · 6.2 CPN 68.6 ✗ · 7.1 HRNetV1-W32 73.4 ✓ ·
   * 8.9 SimpleBaseline 70.4 ✗ · 14.3 Hourglass 66.9 ✗.
   */
  it('against GFLOPs: the four Lite-HRNets, then DARK and HRNetV1', () => {
    const front = paretoFrontier(table3Points('gflops'));
    expect(front.map((k) => COCO_VAL[Number(k)])).toEqual([
      COCO_VAL[13], // Lite-HRNet-18 256x192
      COCO_VAL[15], // Lite-HRNet-30 256x192
      COCO_VAL[14], // Lite-HRNet-18 384x288
      COCO_VAL[16], // Lite-HRNet-30 384x288
      COCO_VAL[4], // DARK
      COCO_VAL[3] // HRNetV1
    ]);
  });

  /*
   * By params (M), ties best AP first: 1.1 L18@384 67.6 ✓, L18@256 64.8 ✗ · 1.3 Small HRNet 56.0,
   * 55.2 ✗ · 1.8 L30@384 70.4 ✓, L30@256 67.2 ✗ · 7.6 ShuffleNetV2 ✗ · 9.0 DY-ReLU 68.1 ✗ ·
   * 9.6 MobileNetV2 ✗ · 16.1 DY-MobileNetV2 68.2 ✗ · 25.1 Hourglass ✗ · 27.0 CPN 68.6 ✗ ·
   * 28.5 HRNetV1 73.4 ✓ · 34.0 SimpleBaseline ✗ · 63.6 DARK 71.9 ✗.
   */
  it('against params: Lite-HRNet-18 and -30 at 384x288, then HRNetV1', () => {
    const front = paretoFrontier(table3Points('params'));
    expect(front.map(Number)).toEqual([14, 16, 3]);
  });

  it('a tie in cost and AP keeps only one point on the frontier', () => {
    const p = (key: string, cost: number, ap: number): ParetoPoint => ({
      key,
      label: key,
      cost,
      ap,
      highlight: false
    });
    expect(paretoFrontier([p('a', 1, 50), p('b', 1, 50), p('c', 2, 49)])).toEqual(['a']);
  });

  it('lays the frontier out as a staircase and markers on the cost axis', () => {
    const l = layoutPareto(table3Points('gflops'), [{ key: 'm', label: 'yours', cost: 0.2 }]);
    expect(l.points.filter((p) => p.frontier)).toHaveLength(6);
    expect(l.points.filter((p) => p.highlight)).toHaveLength(4);
    // Six frontier points, five steps; each step runs level to the next point's cost, then up
    // to its AP: M p0, then (p1.x, p0.y) (p1.x, p1.y), (p2.x, p1.y) (p2.x, p2.y), …
    const front = l.points
      .filter((p) => p.frontier)
      .sort((a, b) => a.x - b.x)
      .map((p) => [p.x, p.y]);
    const corners = front.flatMap(([x, y], i) =>
      i === 0
        ? [[x, y]]
        : [
            [x, front[i - 1][1]],
            [x, y]
          ]
    );
    expect(l.frontierPath.startsWith('M')).toBe(true);
    const vertices = l.frontierPath
      .slice(1)
      .split('L')
      .map((xy) => xy.split(',').map(Number));
    expect(vertices).toHaveLength(1 + 2 * 5);
    vertices.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(corners[i][0], 2);
      expect(y).toBeCloseTo(corners[i][1], 2);
    });
    const lite18 = l.points.find((p) => p.key === '13')!;
    expect(l.markers[0].x).toBeCloseTo(lite18.x, 9);
    expect(l.markers[0].inside).toBe(true);
    const far = layoutPareto(table3Points('gflops'), [{ key: 'm', label: 'x', cost: 1e6 }]);
    expect(far.markers[0].inside).toBe(false);
    expect(far.markers[0].x).toBeCloseTo(far.plot.x + far.plot.w, 9);
  });

  /*
   * The GFLOPs axis spans the cheapest and dearest rows padded by 1.5: 0.20 / 1.5 = 0.133 to
   * 14.3 · 1.5 = 21.45 GFLOPs, 2.2 decades. d3's log ticks are then every 1…9 multiple inside it:
   * 0.2…0.9, 1…9, 10 and 20 (30 is past 21.45), 19 ticks. Its tickFormat(10) labels a tick when
   * its leading digit is at most 10·10/19 ≈ 5.3: 0.2 0.3 0.4 0.5, 1 2 3 4 5, 10 20. Both decades
   * inside the axis, 1 and 10, are labelled; 0.1 lies below it.
   */
  it('the GFLOPs axis has grid lines at every 1…9 multiple and labels those led by 1 to 5', () => {
    const { xTicks } = layoutPareto(table3Points('gflops'), []);
    const decade = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(xTicks.map((t) => t.value)).toEqual([
      ...decade.slice(1).map((d) => d / 10),
      ...decade,
      10,
      20
    ]);
    expect(xTicks.filter((t) => t.label).map((t) => t.label)).toEqual([
      '0.2',
      '0.3',
      '0.4',
      '0.5',
      '1',
      '2',
      '3',
      '4',
      '5',
      '10',
      '20'
    ]);
    // A decade is the same distance wherever it falls on a log axis: 1→10 as 2→20.
    const pos = (v: number) => xTicks.find((t) => t.value === v)!.pos;
    expect(pos(10) - pos(1)).toBeCloseTo(pos(20) - pos(2), 9);
  });

  it('the AP axis is rounded out to multiples of 5 and has a tick every 5', () => {
    // Table 3's AP runs from 55.2 (Small HRNet) to 73.4 (HRNetV1-W32): 55 to 75.
    const l = layoutPareto(table3Points('gflops'), []);
    expect(l.yTicks.map((t) => t.label)).toEqual(['55', '60', '65', '70', '75']);
    expect(l.yTicks[0].pos).toBe(l.plot.y + l.plot.h);
    expect(l.yTicks[4].pos).toBe(l.plot.y);
  });
});

describe('Pareto labels', () => {
  /** The staircase's segments, read back from the SVG path: `M x,y L x,y …`. */
  function segments(path: string): [number, number, number, number][] {
    const pts = path
      .slice(1)
      .split('L')
      .map((xy) => xy.split(',').map(Number));
    return pts.slice(1).map((p, i) => [pts[i][0], pts[i][1], p[0], p[1]]);
  }
  const hits = (b: Box, [x1, y1, x2, y2]: number[]) =>
    // Every step is level or upright, so its box is the segment itself.
    Math.min(x1, x2) <= b.x + b.w &&
    b.x <= Math.max(x1, x2) &&
    Math.min(y1, y2) <= b.y + b.h &&
    b.y <= Math.max(y1, y2);
  const apart = (a: Box, b: Box) =>
    a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
  /** The circle's centre is further than its radius (5) from the box. */
  const clearOf = (b: Box, cx: number, cy: number) => {
    const dx = Math.max(b.x - cx, 0, cx - (b.x + b.w));
    const dy = Math.max(b.y - cy, 0, cy - (b.y + b.h));
    return Math.hypot(dx, dy) > 5;
  };

  // The reader's model as Step 8 shows it: Lite-HRNet-18 (0.2004 GFLOPs, 1.13 M params), or far
  // off either end of the axis.
  const cases = (['gflops', 'params'] as const).flatMap((axis) =>
    [0.2004, 1.13, 1e-3, 1e3].map((cost) => ({ axis, cost }))
  );

  it.each(cases)(
    '$axis, your model at $cost: every point is named or numbered',
    ({ axis, cost }) => {
      const l = layoutPareto(table3Points(axis), [
        { key: 'm', label: 'yours: Lite-HRNet-18', cost }
      ]);
      const notes = l.points.filter((p) => p.note !== null).map((p) => p.note);
      expect([...notes].sort((a, b) => a! - b!)).toEqual(notes.map((_, i) => i + 1));
      for (const p of l.points) {
        const name = p.short ?? p.label;
        expect(p.tag.text, p.label).toBe(p.note === null ? name : String(p.note));
      }
    }
  );

  it.each(cases)(
    '$axis, your model at $cost: no label touches another label, a point or the staircase',
    ({ axis, cost }) => {
      const l = layoutPareto(table3Points(axis), [
        { key: 'm', label: 'yours: Lite-HRNet-18', cost }
      ]);
      const steps = segments(l.frontierPath);
      expect(steps).toHaveLength(2 * (l.points.filter((p) => p.frontier).length - 1));
      for (const p of l.points) {
        const b = p.tag.box;
        expect(b.x >= 0 && b.x + b.w <= l.width && b.y >= 0, p.label).toBe(true);
        expect(b.y + b.h <= l.plot.y + l.plot.h, `${p.label} above the cost axis`).toBe(true);
        for (const s of steps) expect(hits(b, s), `${p.label} on the staircase`).toBe(false);
        for (const q of l.points) {
          expect(clearOf(b, q.x, q.y), `${p.label} over ${q.label}`).toBe(true);
          if (q !== p) expect(apart(b, q.tag.box), `${p.label} / ${q.label}`).toBe(true);
        }
      }
    }
  );

  it('a label’s box is as wide as its text at 6.8 px a character and sits beside its point', () => {
    const l = layoutPareto(table3Points('gflops'), []);
    for (const p of l.points) {
      expect(p.tag.box.w).toBe(Math.ceil(6.8 * p.tag.text.length));
      expect(p.tag.box.h).toBe(12);
      // Nearest spots are 8 px (radius 5 + 3) from the centre, the farthest a line above or below.
      const dx = Math.max(p.tag.box.x - p.x, 0, p.x - (p.tag.box.x + p.tag.box.w));
      const dy = Math.max(p.tag.box.y - p.y, 0, p.y - (p.tag.box.y + p.tag.box.h));
      expect(Math.max(dx, dy), p.label).toBeLessThanOrEqual(9);
    }
  });

  it('the GFLOPs chart names all 17 rows of Table 3 beside their points', () => {
    const marker = [{ key: 'm', label: 'yours: Lite-HRNet-18', cost: 0.2004 }];
    const l = layoutPareto(table3Points('gflops'), marker);
    expect(l.points).toHaveLength(17);
    expect(l.points.filter((p) => p.note === null)).toHaveLength(17);
  });
});
