import { describe, expect, it } from 'vitest';
import { emptyCosts, presetConfig } from '$lib/model';
import {
  compareAnalyses,
  compareQuery,
  diffAggregates,
  diffCells,
  diffRow,
  readCompareQuery,
  settingsDiff
} from '$lib/components/compare/compare';
import { presetState, queryOf, readExplorerLink, sideName } from '$lib/components/compare/side';
import { cellTotals } from '$lib/viz/network-layout';
import { analysisOf } from '../viz/helpers';

const M = 2 ** 20;

describe('compare: diff arithmetic', () => {
  it('delta is B − A and percent is relative to A', () => {
    expect(diffRow('x', 'x', 200, 250)).toMatchObject({ delta: 50, percent: 25 });
    expect(diffRow('x', 'x', 200, 150)).toMatchObject({ delta: -50, percent: -25 });
    expect(diffRow('x', 'x', 0, 7)).toMatchObject({ delta: 7, percent: null });
  });

  it('groups only one side has appear with 0 on the other', () => {
    const g = (key: string, paper: number) => ({
      key,
      label: key,
      params: 0,
      ops: 1,
      macs: { ...emptyCosts(), paper }
    });
    const rows = diffAggregates([g('a', 10), g('b', 5)], [g('b', 8), g('c', 3)], 'paper');
    expect(rows.map((r) => [r.key, r.a, r.b, r.delta])).toEqual([
      ['a', 10, 0, -10],
      ['b', 5, 8, 3],
      ['c', 0, 3, 3]
    ]);
  });
});

describe('compare: Lite-HRNet-30 against Lite-HRNet-18 (COCO 256x192)', () => {
  const c = compareAnalyses(analysisOf('litehrnet_18'), analysisOf('litehrnet_30'), 'paper');

  it('params: 1,763,717 − 1,130,769 = 632,948 (README)', () => {
    expect(c.params.delta).toBe(632_948);
  });

  it('paper FLOPs: 319.2 − 205.2 = 114.0 M (README, M = 2^20)', () => {
    expect((c.macs.delta / M).toFixed(1)).toBe('114.0');
    expect((c.macs.a / M).toFixed(1)).toBe('205.2');
    expect((c.macs.b / M).toFixed(1)).toBe('319.2');
  });

  it('the stem and the heads are the same; the stages carry the whole difference', () => {
    const at = (k: string) => c.byStage.find((r) => r.key === k)!;
    expect(at('stem').delta).toBe(0);
    expect(at('head').delta).toBe(0);
    const stages = ['stage0', 'stage1', 'stage2'].reduce((s, k) => s + at(k).delta, 0);
    expect(stages).toBe(c.macs.delta);
    expect(c.byCategory.reduce((s, r) => s + r.delta, 0)).toBe(c.macs.delta);
  });

  it('the settings diff names modules per stage as the only difference: 2|4|2 against 3|8|3', () => {
    const d = settingsDiff(presetConfig('litehrnet_18'), presetConfig('litehrnet_30'));
    expect(d.filter((r) => r.differs)).toEqual([
      { setting: 'Modules per stage', a: '2 | 4 | 2', b: '3 | 8 | 3', differs: true }
    ]);
  });
});

describe('compare: HRNet against Lite-HRNet', () => {
  it('the settings diff names HRNet’s stem, stage 1, fusion convs and single-output fusion', () => {
    const d = settingsDiff(presetConfig('hrnet_w32'), presetConfig('litehrnet_18'));
    const row = (setting: string) => d.find((r) => r.setting === setting);
    // pose_hrnet: layer1 is four Bottlenecks; HRNet's 3x3 fusion convs; only branch 0 at the end.
    expect(row('Stem type')).toMatchObject({ a: 'hrnet', b: 'lite', differs: true });
    expect(row('Stage 1 (HRNet stem)')).toMatchObject({ a: '4 × bottleneck', b: 'none' });
    expect(row('Fusion convs')).toMatchObject({
      a: 'full | full | full',
      b: 'separable | separable | separable'
    });
    expect(row('Last module fuses')).toMatchObject({ a: 'branch 1 only', b: 'every branch' });
  });
});

describe('compare in a tool’s convention', () => {
  it('fvcore: 424,692,384 − 266,314,752 = 158,377,632 (what fvcore prints for each, oracle fixtures)', () => {
    const c = compareAnalyses(analysisOf('litehrnet_18'), analysisOf('litehrnet_30'), 'fvcore');
    expect([c.macs.a, c.macs.b, c.macs.delta]).toEqual([266_314_752, 424_692_384, 158_377_632]);
    expect(c.byStage.reduce((s, r) => s + r.delta, 0)).toBe(158_377_632);
  });
});

describe('compare: links', () => {
  it('the compare query carries both explorer queries and reads back', () => {
    const a = queryOf(presetState('litehrnet_18', 'coco_256x192'));
    const b = queryOf(presetState('litehrnet_30', 'coco_384x288'));
    const q = compareQuery(a, b);
    expect(q).not.toMatch(/&m=/); // the inner & and = are encoded
    expect(readCompareQuery(`?${q}`)).toEqual({ a, b });
  });

  it('a pasted explorer address is read from its query', () => {
    const r = readExplorerLink('https://example.org/explorer/?v=1&m=litehrnet_30&in=384x288');
    if (!r.ok) throw new Error(r.message);
    expect(r.errors).toEqual([]);
    expect(r.state.preset).toBe('litehrnet_30');
    expect(r.state.config.input).toEqual({ height: 384, width: 288 });
    expect(sideName(r.state)).toBe('Lite-HRNet-30, 384x288');
  });

  it('a mangled link says what is wrong and keeps what it could read', () => {
    const r = readExplorerLink('?v=1&m=litehrnet_30&w=40,abc');
    if (!r.ok) throw new Error(r.message);
    expect(r.errors.map((e) => e.key)).toContain('w');
    expect(r.state.preset).toBe('litehrnet_30');
  });

  it('text that is no explorer link at all gets a sentence, not an exception', () => {
    const r = readExplorerLink('hello there');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/not an explorer link/);
    expect(readExplorerLink('   ').ok).toBe(false);
  });

  it('a side that is not URL-encoded properly is handed on as it is', () => {
    expect(readCompareQuery('?a=%E0%A4%A&b=v%3D1').a).toBe('%E0%A4%A');
  });
});

describe('compare: which network cells differ (diffCells)', () => {
  const cellsOf = (id: Parameters<typeof analysisOf>[0]) => {
    const a = analysisOf(id);
    return cellTotals(a.graph, a.costs.perOp.paper).cells;
  };

  it('Lite-HRNet-30 against -18: only the modules -18 lacks, all on B’s side', () => {
    // Modules (2, 4, 2) against (3, 8, 3), same widths, blocks, input and heads: a module's ops
    // depend only on its stage's settings, so every shared cell costs the same. -30 alone has
    // Stage 2 module 3 (2 branches), Stage 3 modules 5–8 (3 branches each) and Stage 4 module 3
    // (4 branches): 2 + 4·3 + 4 = 18 cells, none of which -18 has.
    const d = diffCells(cellsOf('litehrnet_18'), cellsOf('litehrnet_30'));
    expect([...d.a.keys()]).toEqual([]);
    const keys = [...d.b.keys()].sort();
    const expected = [
      's0m2/0',
      's0m2/1',
      ...[4, 5, 6, 7].flatMap((m) => [0, 1, 2].map((b) => `s1m${m}/${b}`)),
      ...[0, 1, 2, 3].map((b) => `s2m2/${b}`)
    ].sort();
    expect(keys).toEqual(expected);
    for (const m of [4, 5, 6, 7]) expect(d.b.get(`s1m${m}/0`)!.other).toBeNull();
  });

  it('Naive Lite-HRNet-18 against Lite-HRNet-18: everything but the stem differs, with its delta', () => {
    // Same stem (32, 32, expand 1): the same 23,543,808 MACs. Everything after it has other
    // widths (30… against 40…) or another block, so it costs something else.
    const a = cellsOf('litehrnet_18');
    const b = cellsOf('naive_litehrnet_18');
    const d = diffCells(a, b);
    expect(d.a.has('stem/0')).toBe(false);
    expect(d.a.size).toBe(a.size - 1);
    const cell = d.a.get('s0m0/0')!;
    expect(cell.macs).toBe(a.get('s0m0/0')!.macs);
    expect(cell.other).toBe(b.get('s0m0/0')!.macs);
  });

  it('a network against itself differs nowhere', () => {
    const d = diffCells(cellsOf('litehrnet_18'), cellsOf('litehrnet_18'));
    expect(d.a.size + d.b.size).toBe(0);
  });
});
