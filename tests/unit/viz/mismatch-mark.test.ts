// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { interpolateViridis } from 'd3-scale-chromatic';
import { opNodeText } from '../../../src/lib/viz/describe';
import { drawModule } from '../../../src/lib/viz/draw-module';
import { drawNetwork } from '../../../src/lib/viz/draw-network';
import type { Focus } from '../../../src/lib/viz/focus';
import { MARK_DARK, MARK_LIGHT } from '../../../src/lib/viz/mismatch-mark';
import { layoutModule } from '../../../src/lib/viz/module-layout';
import { layoutNetwork } from '../../../src/lib/viz/network-layout';
import { analysisOf } from './helpers';
import { renderSvg } from './snapshot';

const units = { convention: 'paper', unit: 'MACs' } as const;

function svgElement(): SVGSVGElement {
  const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.append(el);
  return el;
}

function networkWith(mismatchCells: Set<string>): SVGSVGElement {
  const a = analysisOf('litehrnet_18');
  const layout = layoutNetwork(a.graph, a.costs.perOp.paper, a.config);
  const el = svgElement();
  drawNetwork(el, layout, {
    describeColumn: () => '',
    describeCell: () => '',
    activeColumn: null,
    activeStage: null,
    highlightCell: null,
    mismatchCells,
    onHoverCell: () => {},
    onDrill: () => {}
  });
  return el;
}

const stem: Focus = { level: 'stem' };

function stemOps(mismatched: Set<number>) {
  const a = analysisOf('litehrnet_18');
  const layout = layoutModule(a.graph, a.config, stem, 'stem');
  const draw = (el: SVGSVGElement) =>
    drawModule(el, layout, {
      text: (i) => opNodeText(a.graph, a.costs, i, 1, units),
      selected: null,
      hovered: null,
      mismatched,
      onSelect: () => {},
      onHover: () => {}
    });
  return { layout, draw };
}

describe('a mismatched op is marked by shape, not colour alone', () => {
  it('a network cell holding a wrong op gets a dashed black-on-white outline and a ✕ badge', () => {
    const el = networkWith(new Set(['stem/0']));
    const cell = el.querySelector('rect.cell.mismatch')!;
    const marks = el.querySelectorAll('g.mismatch-mark');
    expect(marks).toHaveLength(1);
    const mark = marks[0];
    // In the same column as the cell, over the cell's own box.
    expect(mark.parentElement).toBe(cell.parentElement);
    const dashes = mark.querySelector<SVGRectElement>('rect.dashes')!;
    for (const k of ['x', 'y', 'width', 'height'])
      expect(dashes.getAttribute(k)).toBe(cell.getAttribute(k));
    expect(dashes.style.strokeDasharray).not.toBe('');
    expect(mark.querySelector<SVGRectElement>('rect.casing')!.style.stroke).toBe(
      'rgb(255, 255, 255)'
    );
    expect(dashes.style.stroke).toBe('rgb(0, 0, 0)');
    // The badge sits on the cell's top-right corner.
    const badge = mark.querySelector('circle.badge')!;
    const right = Number(cell.getAttribute('x')) + Number(cell.getAttribute('width'));
    expect(Number(badge.getAttribute('cx'))).toBe(right);
    expect(badge.getAttribute('cy')).toBe(cell.getAttribute('y'));
    expect(mark.querySelector('path.cross')).not.toBeNull();
    expect(mark.getAttribute('aria-hidden')).toBe('true');
  });

  it('nothing wrong, nothing drawn; a verdict that clears removes the mark', () => {
    expect(networkWith(new Set()).querySelectorAll('.mismatch-mark')).toHaveLength(0);
    const { draw } = stemOps(new Set([0]));
    const el = svgElement();
    draw(el);
    expect(el.querySelectorAll('g.node.mismatch .mismatch-mark')).toHaveLength(1);
    stemOps(new Set()).draw(el);
    expect(el.querySelectorAll('.mismatch-mark')).toHaveLength(0);
  });

  it('an op node in the stem diagram carries the mark (snapshot)', async () => {
    const { layout, draw } = stemOps(new Set([0, 3]));
    const svg = renderSvg(draw);
    expect(svg.match(/class="mismatch-mark"/g)).toHaveLength(2);
    expect(layout.nodes.some((n) => n.id === 3)).toBe(true);
    await expect(svg).toMatchFileSnapshot('./__snapshots__/module-stem-mismatch.svg');
  });
});

/** WCAG 2 relative luminance and contrast ratio, written from the definition (w3.org/TR/WCAG21). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
/** color-mix(in srgb, a p%, b): a straight mix of the sRGB channel values. */
function mix(a: string, b: string, p: number): string {
  const ch = (s: string, i: number) => parseInt(s.slice(i, i + 2), 16);
  return `#${[1, 3, 5]
    .map((i) => Math.round(ch(a, i) * p + ch(b, i) * (1 - p)))
    .map((v) => v.toString(16).padStart(2, '0'))
    .join('')}`;
}

describe('the mark stands out from every fill it can sit on', () => {
  // The fills: viridis (network cells, either direction), and the op nodes' heat, 6…76 % of
  // --heat over --bg (draw-module.ts), on the light (#c2410c over #ffffff) and dark (#fb923c
  // over #111318) themes (explorer.css, app.css).
  const fills = [
    ...Array.from({ length: 101 }, (_, i) => interpolateViridis(i / 100)),
    ...Array.from({ length: 71 }, (_, i) => mix('#c2410c', '#ffffff', (6 + i) / 100)),
    ...Array.from({ length: 71 }, (_, i) => mix('#fb923c', '#111318', (6 + i) / 100))
  ];

  it('one of its two tones has at least 3:1 against each fill', () => {
    for (const fill of fills) {
      const best = Math.max(contrast(MARK_DARK, fill), contrast(MARK_LIGHT, fill));
      expect(best, fill).toBeGreaterThanOrEqual(3);
    }
  });

  it('the old red outline did not (1.9:1 on a hot light-theme node)', () => {
    expect(contrast('#b91c1c', mix('#c2410c', '#ffffff', 0.76))).toBeLessThan(3);
  });
});
