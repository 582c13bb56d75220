// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { formatCost, formatPercent } from '$lib/model';
import type { BarRow } from '$lib/viz/breakdown';
import { breakdown, layoutBars } from '$lib/viz/breakdown';
import { drawBars } from '$lib/viz/draw-bars';
import { analysisOf } from './helpers';
import { renderSvg } from './snapshot';

/** Lite-HRNet-18's whole network in the paper convention, grouped as "Where the cost goes" does. */
function lite18() {
  const a = analysisOf('litehrnet_18');
  return breakdown(a.graph, a.costs.perOp.paper, { level: 'network' });
}

interface Options {
  highlight?: string | null;
  onDrill?: (focus: string | null) => void;
}

/** Draws one of the bar lists into `el` as "Where the cost goes" does. */
function draw(el: SVGSVGElement, groups: 'byCategory' | 'byPlace', o: Options = {}): void {
  const b = lite18();
  drawBars(el, layoutBars(b[groups], b.total), {
    value: (r: BarRow) =>
      `${formatCost(r.macs, 'paper', 'MACs')} · ${formatPercent(r.macs, b.total)}`,
    onDrill: o.onDrill ?? (() => {}),
    highlight: o.highlight ?? null
  });
}

function drawn(groups: 'byCategory' | 'byPlace', o: Options = {}): SVGSVGElement {
  const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  draw(el, groups, o);
  return el;
}

/** The length of a row's full track: the largest bar fills it. */
const track = (row: Element) => Number(row.querySelector('rect.track')!.getAttribute('width'));

describe('drawBars', () => {
  it('draws Lite-HRNet-18’s cost by category, fusion highlighted, as in the snapshot', async () => {
    const svg = renderSvg((el) => draw(el, 'byCategory', { highlight: 'fusion' }));
    await expect(svg).toMatchFileSnapshot('./__snapshots__/bars-category.svg');
  });

  it('draws Lite-HRNet-18’s cost by stage as in the snapshot', async () => {
    const svg = renderSvg((el) => draw(el, 'byPlace'));
    await expect(svg).toMatchFileSnapshot('./__snapshots__/bars-stage.svg');
  });

  it('fusion, about 58% of Lite-HRNet-18 (paper convention), is the first and full-length bar', () => {
    const el = drawn('byCategory');
    const first = el.querySelector('g.bar')!;
    expect(first.querySelector('text.label')!.textContent).toBe('Fusion between branches');
    expect(first.querySelector('text.value')!.textContent).toMatch(/ · 5[78]\.\d%$/);
    expect(Number(first.querySelector('rect.fill')!.getAttribute('width'))).toBe(track(first));
    const widths = [...el.querySelectorAll('rect.fill')].map((r) =>
      Number(r.getAttribute('width'))
    );
    expect([...widths].sort((a, b) => b - a)).toEqual(widths);
  });

  it('the stage bars drill: clicking Stage 3 opens stage1, the heads do not', () => {
    const opened: (string | null)[] = [];
    const el = drawn('byPlace', { onDrill: (f) => opened.push(f) });
    const bars = [...el.querySelectorAll<SVGGElement>('g.bar')];
    const labels = bars.map((g) => g.querySelector('text.label')!.textContent);
    expect(labels).toEqual(['Stem', 'Stage 2', 'Stage 3', 'Stage 4', 'Heads']);
    bars[2].dispatchEvent(new MouseEvent('click', { bubbles: true }));
    bars[4].dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(opened).toEqual(['stage1']);
    expect(bars[2].getAttribute('role')).toBe('button');
    expect(bars[4].hasAttribute('role')).toBe(false);
  });

  it('every element with an aria-label has a role that allows one', () => {
    for (const kind of ['byPlace', 'byCategory'] as const) {
      const el = drawn(kind, { onDrill: () => {} });
      const labelled = [...el.querySelectorAll('[aria-label]')];
      for (const e of labelled) expect(e.getAttribute('role'), kind).toBe('button');
      // The rows that do not drill keep their words as text.
      for (const g of el.querySelectorAll('g.bar:not([role])'))
        expect(g.querySelector('text.label')!.textContent).not.toBe('');
    }
  });
});
