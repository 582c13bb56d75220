import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUERY,
  columnsFor,
  pageCount,
  pageOf,
  pageRows,
  queryRows,
  tableRows,
  whereOf
} from '../../../src/lib/viz/layer-table';
import { analysisOf } from './helpers';

const a = analysisOf('litehrnet_30');
const rows = tableRows(a.graph);
const perOp = a.costs.perOp.paper;

describe('layer table', () => {
  it('has one row per op call: 2365 for Lite-HRNet-30', () => {
    expect(rows).toHaveLength(2365);
    // 2365 / 50 = 47.3 → 48 pages; the last op is on page 47 (0-based).
    expect(pageCount(rows.length)).toBe(48);
    expect(pageOf(rows, 2364)).toBe(47);
    expect(pageRows(rows, 47)).toHaveLength(15);
  });

  it('sorts by cost, largest first, and keeps execution order among ties', () => {
    const sorted = queryRows(rows, a.graph, perOp, { ...DEFAULT_QUERY, sort: 'macs', dir: 'desc' });
    for (let i = 1; i < sorted.length; i++) {
      expect(perOp[sorted[i - 1].id]).toBeGreaterThanOrEqual(perOp[sorted[i].id]);
      if (perOp[sorted[i - 1].id] === perOp[sorted[i].id])
        expect(sorted[i - 1].id).toBeLessThan(sorted[i].id);
    }
  });

  it('sorts by name both ways', () => {
    const asc = queryRows(rows, a.graph, perOp, { ...DEFAULT_QUERY, sort: 'name', dir: 'asc' });
    const desc = queryRows(rows, a.graph, perOp, { ...DEFAULT_QUERY, sort: 'name', dir: 'desc' });
    expect(asc[0].name <= asc[1].name).toBe(true);
    expect(desc[0].name).toBe(asc[asc.length - 1].name);
  });

  it('filters by text in the name or the place, by kind and by section', () => {
    const fuse = queryRows(rows, a.graph, perOp, { ...DEFAULT_QUERY, text: 'FUSE_LAYERS' });
    expect(fuse.length).toBeGreaterThan(0);
    expect(fuse.every((r) => r.name.includes('fuse_layers'))).toBe(true);
    const byPlace = queryRows(rows, a.graph, perOp, {
      ...DEFAULT_QUERY,
      text: 'stage 4 · module 3'
    });
    expect(byPlace.every((r) => a.graph.ops[r.id].scope.stage === 2)).toBe(true);
    // The keypoint head is one conv: keypoint_head.final_layer.
    const head = queryRows(rows, a.graph, perOp, { ...DEFAULT_QUERY, section: 'keypoint_head' });
    expect(head.map((r) => r.name)).toEqual(['keypoint_head.final_layer']);
    const sig = queryRows(rows, a.graph, perOp, { ...DEFAULT_QUERY, kind: 'sigmoid' });
    expect(sig.every((r) => r.kind === 'sigmoid')).toBe(true);
  });

  it('pageOf is null when the filter hides the op', () => {
    const head = queryRows(rows, a.graph, perOp, { ...DEFAULT_QUERY, section: 'keypoint_head' });
    expect(pageOf(head, 0)).toBeNull();
  });

  it('names an op’s place in the paper’s numbering', () => {
    const op = a.graph.ops.find((o) => o.name === 'backbone.stage1.2.fuse_layers.2.0.1.2')!;
    expect(whereOf(op)).toBe('Stage 3 · module 3 · branch 3 · from branch 1 · fusion');
  });
});

describe('layer table columns by width', () => {
  const keys = (w: number) => columnsFor(w).map((c) => c.key);

  // Widths by hand from COLUMN_PRIORITY: name 170 + MACs 84 = 254; + % 88 = 342; + params 84 =
  // 426; + kind 96 = 522; + output 112 = 634; + where 220 = 854; + # 48 = 902.
  it('a 360 px phone shows the name, its cost and its share', () => {
    // 342 fits; params would make 426, kind 438, output 454, where 562, # 390: none fit.
    expect(keys(360)).toEqual(['name', 'macs', 'percent']);
  });

  it('800 px adds params, kind and the output shape; # still fits, "Where" does not', () => {
    // 634 fits; where would make 854 > 800; # makes 682.
    expect(keys(800)).toEqual(['id', 'name', 'kind', 'output', 'params', 'macs', 'percent']);
  });

  it('1100 px shows every column, "Where" last', () => {
    expect(keys(1100)).toEqual([
      'id',
      'name',
      'kind',
      'output',
      'params',
      'macs',
      'percent',
      'where'
    ]);
  });

  it('never drops the name and the cost, even with no width known yet', () => {
    expect(keys(0)).toEqual(['name', 'macs']);
  });

  it('the columns it picks always fit the width they were picked for (when more than name + cost)', () => {
    for (let w = 254; w <= 1200; w += 7) {
      const sum = columnsFor(w).reduce((s, c) => s + c.width, 0);
      expect(sum).toBeLessThanOrEqual(w);
    }
  });
});
