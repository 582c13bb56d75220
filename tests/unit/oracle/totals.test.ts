/**
 * The explorer's params and its paper / mmcv / conv totals against what the official code and
 * the real tools print (tests/oracle/fixtures, made by tests/oracle/make_fixtures.py from
 * HRNet/Lite-HRNet 7b9049d, its torchstat and mmcv 1.3.18's get_model_complexity_info).
 * Exact integers: a difference of one MAC is a bug in src/lib/model.
 */
import { describe, expect, it } from 'vitest';
import { buildGraph, costGraph, validateConfig } from '$lib/model';
import type { OracleCase } from './fixtures';
import { loadFixture } from './fixtures';

function ours(c: OracleCase) {
  const checked = validateConfig(c.config);
  if (!checked.ok) throw new Error(`${c.id}: ${checked.errors.map((e) => e.message).join(' ')}`);
  return costGraph(buildGraph(checked.config)).totals;
}

function expectTotals(c: OracleCase) {
  const totals = ours(c);
  expect({
    params: totals.params,
    paper: totals.macs.paper,
    mmcv: totals.macs.mmcv,
    conv: totals.macs.conv
  }).toEqual({ params: c.params, paper: c.macs.paper, mmcv: c.macs.mmcv, conv: c.macs.conv });
}

describe('official presets: params and totals equal the official code and tools, to the unit', () => {
  const fixture = loadFixture('presets');
  it('covers every official preset at every input its configs define, and the ablations', () => {
    expect(fixture.cases.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'litehrnet_18@256x192',
        'litehrnet_18@384x288',
        'litehrnet_18@256x256',
        'litehrnet_30@256x192',
        'litehrnet_30@384x288',
        'litehrnet_30@256x256',
        'naive_litehrnet_18@256x192',
        'naive_litehrnet_18@256x256',
        'wider_naive_litehrnet_18@256x192',
        'wider_naive_litehrnet_18@256x256'
      ])
    );
  });
  for (const c of fixture.cases) it(c.id, () => expectTotals(c));
});

describe('random configs: params and totals equal the official code and tools, to the unit', () => {
  const fixture = loadFixture('random');
  it('has at least 200 cases, with ablation blocks and multi-step transitions among them', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(200);
    const blocks = new Set(fixture.cases.flatMap((c) => c.config.stages.map((s) => s.block)));
    expect([...blocks].sort()).toEqual(
      ['lite', 'naive', 'naive_no_1x1', 'naive_no_first_1x1', 'naive_no_last_1x1'].sort()
    );
    // A stage with two or more branches more than the one before builds chains of several
    // stride-2 steps (the stem counts as one branch).
    const jumps = fixture.cases.filter((c) =>
      c.config.stages.some((s, i) => {
        const before = i === 0 ? 1 : c.config.stages[i - 1].widths.length;
        return s.widths.length - before >= 2;
      })
    );
    expect(jumps.length).toBeGreaterThanOrEqual(20);
  });
  for (const c of fixture.cases) it(c.id, () => expectTotals(c));
});
