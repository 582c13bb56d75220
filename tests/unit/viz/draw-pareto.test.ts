// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { ResultAxis } from '$lib/components/learn/results';
import { costMarker, table3Points } from '$lib/components/learn/results';
import { drawPareto } from '$lib/viz/draw-pareto';
import type { PlacedPoint } from '$lib/viz/pareto-layout';
import { layoutPareto } from '$lib/viz/pareto-layout';
import { analysisOf } from './helpers';
import { renderSvg } from './snapshot';

/** Step 8's chart as the page draws it: paper Table 3 and Lite-HRNet-18 as the reader's model. */
function render(axis: ResultAxis): { svg: string; el: () => SVGSVGElement } {
  const marker = costMarker('yours', 'yours: Lite-HRNet-18', analysisOf('litehrnet_18'), axis);
  const layout = layoutPareto(table3Points(axis), [marker]);
  const draw = (el: SVGSVGElement) =>
    drawPareto(el, layout, {
      xTitle: axis === 'gflops' ? 'GFLOPs (log scale)' : 'Parameters (millions, log scale)',
      pointTitle: (p: PlacedPoint) => `${p.label}: ${p.cost}, AP ${p.ap.toFixed(1)}`
    });
  const el = () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    draw(svg);
    return svg;
  };
  return { svg: renderSvg(draw), el };
}

const num = (e: Element | null, name: string) => Number(e!.getAttribute(name));
const labels = (el: SVGSVGElement, axis: 'x' | 'y') =>
  [...el.querySelectorAll(`g.${axis}-ticks text`)].map((t) => t.textContent).filter(Boolean);

describe('drawPareto', () => {
  it('draws AP against GFLOPs as in the snapshot', async () => {
    await expect(render('gflops').svg).toMatchFileSnapshot('./__snapshots__/pareto-gflops.svg');
  });

  it('draws AP against params as in the snapshot', async () => {
    await expect(render('params').svg).toMatchFileSnapshot('./__snapshots__/pareto-params.svg');
  });

  /*
   * GFLOPs run from 0.20 (Lite-HRNet-18) to 14.3 (Hourglass); padded by 1.5 the axis is
   * 0.133…21.45. Decades inside it: 1 and 10 (0.1 and 100 are outside). d3 draws a grid line at
   * every 1…9 multiple (0.2…0.9, 1…9, 10, 20: 19) and labels those led by 1 to 5.
   */
  it('the GFLOPs axis labels the decades 1 and 10 and nothing outside 0.133…21.45', () => {
    const el = render('gflops').el();
    expect(el.querySelectorAll('g.x-ticks > g')).toHaveLength(19);
    expect(labels(el, 'x')).toContain('1');
    expect(labels(el, 'x')).toContain('10');
    expect(labels(el, 'x')).not.toContain('0.1');
    expect(labels(el, 'x')).not.toContain('100');
    expect(
      labels(el, 'x')
        .map(Number)
        .sort((a, b) => a - b)
    ).toEqual([0.2, 0.3, 0.4, 0.5, 1, 2, 3, 4, 5, 10, 20]);
    // Unlabelled ticks are the fainter grid lines.
    expect(el.querySelectorAll('g.x-ticks > g.minor')).toHaveLength(19 - 11);
  });

  /*
   * Params run from 1.1 M (Lite-HRNet-18) to 63.6 M (DARK); padded, 0.733…95.4. Decades inside:
   * 1 and 10. Grid lines 0.8, 0.9, 1…9, 10…90 (20); labelled when led by 1 to 10·10/20 = 5.
   */
  it('the params axis labels the decades 1 and 10, up to 50', () => {
    const el = render('params').el();
    expect(el.querySelectorAll('g.x-ticks > g')).toHaveLength(20);
    expect(labels(el, 'x')).toEqual(['1', '2', '3', '4', '5', '10', '20', '30', '40', '50']);
  });

  it('the AP axis reads 55 to 75 in fives, top to bottom on screen as 75 … 55', () => {
    const el = render('gflops').el();
    expect(labels(el, 'y')).toEqual(['55', '60', '65', '70', '75']);
    const ys = [...el.querySelectorAll('g.y-ticks text')].map((t) => Number(t.getAttribute('y')));
    expect([...ys].sort((a, b) => b - a)).toEqual(ys);
  });

  it('marks the six frontier models, four Lite-HRNets highlighted, and the reader’s model', () => {
    const el = render('gflops').el();
    expect(el.querySelectorAll('g.point')).toHaveLength(table3Points('gflops').length);
    expect(el.querySelectorAll('g.point.frontier')).toHaveLength(6);
    expect(el.querySelectorAll('g.point.highlight')).toHaveLength(4);
    expect(el.querySelector('g.frontier path')!.getAttribute('d')).toMatch(/^M[\d.,L]+$/);
    // The built Lite-HRNet-18 costs 205.2 M (2^20) = 0.2004 GFLOPs, Table 3 rounds it to 0.20:
    // 564 px · log10(0.2004 / 0.20) / log10(21.45 / 0.1333) ≈ 0.2 px right of the table's point.
    const marker = el.querySelector('g.marker line')!;
    const lite18 = [...el.querySelectorAll('g.point')].find((g) =>
      g.querySelector('title')!.textContent!.startsWith('Lite-HRNet-18 256x192')
    )!;
    const dx = num(marker, 'x1') - num(lite18.querySelector('circle'), 'cx');
    expect(dx).toBeGreaterThan(0);
    expect(dx).toBeLessThan(0.5);
    expect(el.querySelector('g.marker text')!.textContent).toBe('yours: Lite-HRNet-18');
  });

  it('writes a name or a number beside every point, anchored as the layout says', () => {
    for (const axis of ['gflops', 'params'] as const) {
      const el = render(axis).el();
      const points = [...el.querySelectorAll('g.point')];
      expect(points).toHaveLength(17); // paper Table 3's 17 rows
      for (const g of points) {
        const t = g.querySelector('text')!;
        expect(t.textContent, g.querySelector('title')!.textContent!).not.toBe('');
        expect(['start', 'middle', 'end']).toContain(t.getAttribute('text-anchor'));
        expect(g.classList.contains('numbered')).toBe(/^\d+$/.test(t.textContent!));
      }
    }
  });
});
