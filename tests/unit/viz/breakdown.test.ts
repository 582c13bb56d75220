import { describe, expect, it } from 'vitest';
import { BARS, breakdown, layoutBars } from '../../../src/lib/viz/breakdown';
import { analysisOf } from './helpers';

describe('breakdown', () => {
  it('fusion is the largest category of Lite-HRNet-18 in the paper convention (about 58%)', () => {
    const a = analysisOf('litehrnet_18');
    const b = breakdown(a.graph, a.costs.perOp.paper, { level: 'network' });
    expect(b.byCategory[0].key).toBe('fusion');
    const share = b.byCategory[0].macs / b.total;
    expect(share).toBeGreaterThan(0.57);
    expect(share).toBeLessThan(0.59);
  });

  it('the network splits into stem, Stage 2, 3, 4 and heads, summing to 205.2 M (README)', () => {
    const a = analysisOf('litehrnet_18');
    const b = breakdown(a.graph, a.costs.perOp.paper, { level: 'network' });
    expect(b.byPlace.map((g) => g.label)).toEqual([
      'Stem',
      'Stage 2',
      'Stage 3',
      'Stage 4',
      'Heads'
    ]);
    expect(b.byPlace.map((g) => g.focus)).toEqual([
      'stem',
      'stage0',
      'stage1',
      'stage2',
      undefined
    ]);
    expect((b.byPlace.reduce((s, g) => s + g.macs, 0) / 2 ** 20).toFixed(1)).toBe('205.2');
  });

  it('drills into a stage by module and into a module by block and fusion', () => {
    const a = analysisOf('litehrnet_30');
    const stage = breakdown(a.graph, a.costs.perOp.paper, { level: 'stage', stage: 1 });
    // Stage 3 of Lite-HRNet-30: a transition and 8 modules.
    expect(stage.byPlace).toHaveLength(9);
    const mod = breakdown(a.graph, a.costs.perOp.paper, {
      level: 'module',
      stage: 1,
      module: 0,
      block: 0
    });
    expect(mod.byPlace.map((g) => g.label)).toEqual(['Block 1', 'Block 2', 'Fusion']);
    expect(mod.byBranch).toHaveLength(3);
  });
});

describe('layoutBars', () => {
  it('the largest bar fills the track; shares are of the total', () => {
    // 3 and 1 of a total 4: widths 230 and 230/3, shares 0.75 and 0.25.
    const l = layoutBars(
      [
        { key: 'a', label: 'A', macs: 3, params: 0 },
        { key: 'b', label: 'B', macs: 1, params: 0 }
      ],
      4
    );
    // At the default 660 px: 270 for labels, 160 for values, 230 for the bars.
    expect(l.barWidth).toBe(230);
    expect(l.rows[0].w).toBe(230);
    expect(l.rows[1].w).toBeCloseTo(230 / 3, 9);
    expect(l.rows.map((r) => r.share)).toEqual([0.75, 0.25]);
    expect(l.rows.map((r) => r.y)).toEqual([0, BARS.rowH]);
    expect(l.height).toBe(2 * BARS.rowH);
  });

  it('is laid out at the width it is shown at: labels above their bars when narrow', () => {
    const groups = [{ key: 'a', label: 'A', macs: 1, params: 0 }];
    // 1000 px: labels 270 to the left, values 160 to the right, the bars the remaining 570.
    const wide = layoutBars(groups, 1, 1000);
    expect([wide.stacked, wide.width, wide.barWidth]).toEqual([false, 1000, 570]);
    // A 358 px phone column: the label on its own line, the bar 358 − 160 + 10 = 208 long.
    const narrow = layoutBars(groups, 1, 358);
    expect([narrow.stacked, narrow.width, narrow.barWidth]).toEqual([true, 358, 208]);
    expect(narrow.labelX).toBe(0);
    expect(narrow.valueX + 150).toBeLessThanOrEqual(358 + 8);
  });

  it('an all-zero breakdown draws empty bars, not NaN', () => {
    const l = layoutBars([{ key: 'a', label: 'A', macs: 0, params: 0 }], 0);
    expect(l.rows[0].w).toBe(0);
    expect(l.rows[0].share).toBe(0);
  });
});
