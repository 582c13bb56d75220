import { describe, expect, it } from 'vitest';
import { COCO_VAL } from '$lib/paper';
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
  it('labels that would overlap are moved apart by at least a line', () => {
    const l = layoutPareto(table3Points('gflops'), []);
    const shown = l.points.filter((p) => p.highlight || p.frontier);
    for (const a of shown)
      for (const b of shown) {
        if (a === b) continue;
        const sameRow = Math.abs(a.labelY - b.labelY) < 12;
        const overlapX =
          a.labelX < b.labelX + 6 * b.label.length && b.labelX < a.labelX + 6 * a.label.length;
        expect(sameRow && overlapX, `${a.label} / ${b.label}`).toBe(false);
      }
  });
});
