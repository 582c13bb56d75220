// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { diffCells } from '../../../src/lib/components/compare/compare';
import { describeCell, describeCellDiff, describeColumn } from '../../../src/lib/viz/describe';
import type { NetworkDrawOptions } from '../../../src/lib/viz/draw-network';
import { drawNetwork } from '../../../src/lib/viz/draw-network';
import type { NetworkLayout } from '../../../src/lib/viz/network-layout';
import { cellTotals, layoutNetwork, maxCellMacs } from '../../../src/lib/viz/network-layout';
import { analysisOf } from './helpers';
import { renderSvg } from './snapshot';

const units = { convention: 'paper', unit: 'MACs' } as const;

function optionsFor(layout: NetworkLayout, total: number): NetworkDrawOptions {
  const columnOf = new Map(layout.columns.map((c) => [c.key, c]));
  return {
    describeColumn: (c) => describeColumn(c, total, units),
    describeCell: (c) => describeCell(c, columnOf.get(c.column), total, units),
    activeColumn: null,
    activeStage: null,
    highlightCell: null,
    onHoverCell: () => {},
    onDrill: () => {}
  };
}

function explorerCase() {
  const a = analysisOf('litehrnet_18');
  const layout = layoutNetwork(a.graph, a.costs.perOp.paper, a.config);
  return { layout, options: optionsFor(layout, a.costs.totals.macs.paper) };
}

describe('drawNetwork', () => {
  it('Lite-HRNet-18 in the explorer: bands, rows, widths, cost colours, a selected module', async () => {
    const { layout, options } = explorerCase();
    const svg = renderSvg((el) =>
      drawNetwork(el, layout, {
        ...options,
        activeColumn: 's1m1',
        activeStage: 1,
        highlightCell: 's1m1/0',
        mismatchCells: new Set(['stem/0'])
      })
    );
    expect(svg).toContain('>4 modules × 2 blocks</text>');
    expect(svg).toContain('>Transition into Stage 3: makes branch 3 (1/16, 160 ch)');
    await expect(svg).toMatchFileSnapshot('./__snapshots__/network-litehrnet-18.svg');
  });

  it('Lite-HRNet-30 against -18 on one scale: the cells -30 alone has are marked', async () => {
    const a = analysisOf('litehrnet_18');
    const b = analysisOf('litehrnet_30');
    const cellsA = cellTotals(a.graph, a.costs.perOp.paper).cells;
    const cellsB = cellTotals(b.graph, b.costs.perOp.paper).cells;
    const colorMax = Math.max(maxCellMacs(cellsA), maxCellMacs(cellsB));
    const diff = diffCells(cellsA, cellsB).b;
    const layout = layoutNetwork(b.graph, b.costs.perOp.paper, b.config, { colorMax });
    const options = optionsFor(layout, b.costs.totals.macs.paper);
    const svg = renderSvg((el) =>
      drawNetwork(el, layout, {
        ...options,
        describeCell: (c) => {
          const d = diff.get(c.key);
          const text = options.describeCell(c);
          return d ? `${text}; ${describeCellDiff(d, 'B', 'A', units)}` : text;
        },
        differCells: new Set(diff.keys())
      })
    );
    // 18 cells (see compare.test.ts): Stage 2 module 3, Stage 3 modules 5–8, Stage 4 module 3.
    expect(svg.match(/class="cell differs"/g)).toHaveLength(18);
    expect(svg).toContain('only in B: A has no such cell');
    await expect(svg).toMatchFileSnapshot('./__snapshots__/network-litehrnet-30-vs-18.svg');
  });

  it('every column takes focus; a transition speaks on focus, a module opens on Enter', () => {
    const { layout, options } = explorerCase();
    const focused: (string | null)[] = [];
    const drilled: (string | null)[] = [];
    const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    document.body.append(el);
    drawNetwork(el, layout, {
      ...options,
      onFocusColumn: (k) => focused.push(k),
      onDrill: (f) => drilled.push(f)
    });
    const cols = [...el.querySelectorAll<SVGGElement>('g.col')];
    expect(cols.every((g) => g.getAttribute('tabindex') === '0')).toBe(true);
    const t = cols.find((g) =>
      g.getAttribute('aria-label')!.startsWith('Transition into Stage 3')
    )!;
    expect(t.getAttribute('role')).toBe('button');
    expect(t.querySelector(':scope > title')!.textContent).toMatch(/branches 1–2 pass unchanged/);
    t.dispatchEvent(new FocusEvent('focus'));
    t.dispatchEvent(new FocusEvent('blur'));
    expect(focused).toEqual(['t1', null]);
    t.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(drilled).toEqual(['transition1']);
    const module = cols.find((g) =>
      g.getAttribute('aria-label')!.startsWith('Stage 3, module 2:')
    )!;
    module.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(drilled).toEqual(['transition1', 'stage1.1']);
    el.remove();
  });
});
