/**
 * HRNet against the official pose_hrnet.py (leoxiaobin/deep-high-resolution-net.pytorch 6f69e46)
 * and every counter, HRNet's own get_model_summary included (tests/oracle/fixtures/hrnet.json,
 * made by tests/oracle/make_fixtures.py --only hrnet): the W32 / W48 presets at both COCO inputs
 * and configs with bottleneck stages, branch counts that jump by two or drop. Exact integers.
 */
import { describe, expect, it } from 'vitest';
import type { Convention, Op } from '$lib/model';
import { buildGraph, costGraph, presetConfig, validateConfig } from '$lib/model';
import type { OracleCase, OracleKey } from './fixtures';
import { loadFixture } from './fixtures';

const fixture = loadFixture('hrnet');

function graphOf(c: OracleCase) {
  const checked = validateConfig(c.config);
  if (!checked.ok) throw new Error(`${c.id}: ${checked.errors.map((e) => e.message).join(' ')}`);
  const graph = buildGraph(checked.config);
  return { config: checked.config, graph, costs: costGraph(graph) };
}

const TOOLS = ['paper', 'mmcv', 'conv', 'fvcore', 'ptflops', 'ptflops-aten', 'thop', 'hrnet'];

describe('HRNet: params and every tool’s total equal the official code’s, to the unit', () => {
  it('covers both presets at both COCO inputs and three mixed configs', () => {
    expect(fixture.cases.map((c) => c.id)).toEqual([
      'hrnet_w32@256x192',
      'hrnet_w32@384x288',
      'hrnet_w48@256x192',
      'hrnet_w48@384x288',
      'hrnet-bottleneck-stages@64x96',
      'hrnet-jump-two-branches@64x64',
      'hrnet-fewer-branches@128x96'
    ]);
  });

  for (const c of fixture.cases) {
    it(c.id, () => {
      const { costs } = graphOf(c);
      const mine = Object.fromEntries(TOOLS.map((k) => [k, costs.totals.macs[k as Convention]]));
      expect({ params: costs.totals.params, ...mine }).toEqual({
        params: c.params,
        ...Object.fromEntries(TOOLS.map((k) => [k, c.macs[k as OracleKey]]))
      });
    });
  }

  it('the presets are the configs the official code was built from', () => {
    for (const c of fixture.cases.filter((k) => k.id.startsWith('hrnet_'))) {
      const [id, size] = c.id.split('@');
      const [height, width] = size.split('x').map(Number);
      expect(presetConfig(id as 'hrnet_w32' | 'hrnet_w48', { height, width })).toEqual(
        graphOf(c).config
      );
    }
  });

  it("the README's numbers: 28.5M / 63.6M params; 7.1, 16.0, 14.6, 32.9 GFLOPs (÷2^30)", () => {
    const readme: Record<string, [string, string]> = {
      'hrnet_w32@256x192': ['28.5', '7.1'],
      'hrnet_w32@384x288': ['28.5', '16.0'],
      'hrnet_w48@256x192': ['63.6', '14.6'],
      'hrnet_w48@384x288': ['63.6', '32.9']
    };
    for (const [id, [params, gflops]] of Object.entries(readme)) {
      const c = fixture.cases.find((k) => k.id === id)!;
      const { costs } = graphOf(c);
      expect([
        (costs.totals.params / 1e6).toFixed(1),
        (costs.totals.macs.hrnet / 2 ** 30).toFixed(1)
      ]).toEqual([params, gflops]);
    }
  });
});

describe('HRNet: per-call costs equal what each tool attributed to that module call', () => {
  // ptflops attributes an nn.ReLU's patched F.relu to the module call, so its rows compare too.
  const KEYS = ['paper', 'mmcv', 'conv', 'ptflops', 'thop', 'hrnet'] as const;
  for (const c of fixture.cases) {
    it(c.id, () => {
      const { graph, costs } = graphOf(c);
      const byKey = new Map<string, Op>(graph.ops.map((op) => [`${op.name}@${op.call}`, op]));
      const rows = (c.calls ?? []).filter((r) => !r.module.includes('#'));
      expect(rows.length).toBeGreaterThan(0);
      const mismatches: string[] = [];
      const unmatched: string[] = [];
      const seen = new Set<number>();
      for (const row of rows) {
        const op = byKey.get(`${row.module}@${row.call}`);
        if (!op) {
          unmatched.push(`${row.module}@${row.call}`);
          continue;
        }
        seen.add(op.id);
        for (const k of KEYS) {
          const theirs = row.macs[k] ?? 0;
          const mine = costs.perOp[k][op.id];
          if (mine !== theirs)
            mismatches.push(`${row.module}@${row.call} ${k}: ${mine} ≠ ${theirs}`);
        }
      }
      expect(mismatches).toEqual([]);
      expect(unmatched).toEqual([]);
      // Every module call has its row, the residual blocks' ReLU calls among them.
      expect(
        graph.ops.filter((op) => op.isModule && !seen.has(op.id)).map((op) => op.name)
      ).toEqual([]);
    });
  }

  it('a bottleneck’s one ReLU module runs three times; torchstat keeps only the last call', () => {
    const c = fixture.cases[0];
    const relu = (c.calls ?? []).filter((r) => r.module === 'layer1.0.relu');
    expect(relu.map((r) => r.call)).toEqual([0, 1, 2]);
    // 64 channels at 64x48 twice, then 256 channels after the add: torchstat's record of the
    // last call (256·64·48) is all it sums; mmcv counts every call.
    expect(relu.map((r) => r.macs.paper ?? 0)).toEqual([0, 0, 256 * 64 * 48]);
    expect(relu.map((r) => r.macs.mmcv)).toEqual([64 * 64 * 48, 64 * 64 * 48, 256 * 64 * 48]);
  });
});
