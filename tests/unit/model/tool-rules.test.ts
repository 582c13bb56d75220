import { describe, expect, it } from 'vitest';
import { TOOL_CONVENTIONS, buildGraph, presetConfig } from '$lib/model';
import { CALLS_COUNTED, toolRuleRows } from '$lib/model/tool-rules';

describe('why the tools disagree: one row per op kind', () => {
  const graph = buildGraph(presetConfig('litehrnet_18'));
  const rows = toolRuleRows(graph);
  const row = (kind: string) => rows.find((r) => r.kind === kind)!;

  it('Lite-HRNet-18 runs all 14 op kinds; their calls add up to the graph’s', () => {
    expect(rows).toHaveLength(14);
    expect(rows.reduce((t, r) => t + r.calls, 0)).toBe(graph.ops.length);
  });

  it('a naive model has no weighting: no sigmoid, global pool, multiply or H resize rows', () => {
    const kinds = toolRuleRows(buildGraph(presetConfig('naive_litehrnet_18'))).map((r) => r.kind);
    for (const k of ['sigmoid', 'global_avgpool', 'mul', 'adaptive_avgpool', 'resize_nearest'])
      expect(kinds).not.toContain(k);
    expect(kinds).toContain('upsample_nearest');
  });

  it('states each tool’s rule in words, in the tools’ order', () => {
    expect(Object.keys(row('batchnorm').rules)).toEqual([...TOOL_CONVENTIONS]);
    expect(row('batchnorm').rules).toEqual({
      paper: '2·numel',
      mmcv: '2·numel',
      fvcore: '2·numel',
      ptflops: '2·numel',
      'ptflops-aten': '0',
      thop: '4·numel',
      hrnet: '0'
    });
    expect(row('relu').rules.fvcore).toBe('skipped');
    expect(row('relu').rules.ptflops).toBe('2·numel');
    expect(row('upsample_nearest').rules.paper).toBe('H·W out (no C)');
    expect(row('mul').label).toBe('Weighting multiply (*)');
  });

  it('only torchstat keeps a module’s last call; fvcore only what reaches the output', () => {
    expect(Object.entries(CALLS_COUNTED).filter(([, v]) => v !== 'every call')).toEqual([
      ['paper', 'last call of each module'],
      ['fvcore', 'every call that reaches the output']
    ]);
  });
});
