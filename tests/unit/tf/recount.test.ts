/**
 * The live check's own MAC rule set (src/lib/tf/recount.ts) against the real tools: recounting a
 * pass whose traced shapes are the graph's gives, summed, exactly what torchstat (paper), mmcv 1.x
 * and conv hooks print for the official code (tests/oracle/fixtures), Lite-HRNet's and HRNet's. And verification fails when
 * the graph's per-op MACs disagree with the recount.
 */
import { describe, expect, it } from 'vitest';
import type { Graph } from '$lib/model';
import { buildGraph, costGraph, presetConfig } from '$lib/model';
import type { OpTrace } from '$lib/tf/executor';
import { recountCall, torchstatKeeps } from '$lib/tf/recount';
import { verifyTrace } from '$lib/tf/verify';
import { loadFixture } from '../oracle/fixtures';

/** A trace as a faithful pass would record it: the graph's shapes and conv filters. */
function faithfulTrace(graph: Graph): OpTrace[] {
  return graph.ops.map((op) => ({
    inShapes: op.inShapes,
    outShape: op.outShape,
    ...(op.kind === 'conv2d'
      ? {
          conv: {
            kernel: op.attrs.kernel,
            depthwise: op.attrs.groups > 1 && op.attrs.groups === op.attrs.inChannels,
            bias: op.attrs.bias
          }
        }
      : {})
  }));
}

function recountTotals(graph: Graph) {
  const trace = faithfulTrace(graph);
  const keep = torchstatKeeps(graph.ops);
  const totals = { paper: 0, mmcv: 0, conv: 0 };
  graph.ops.forEach((op, i) => {
    const r = recountCall(op, trace[i]);
    if (keep[i]) totals.paper += r.paper;
    totals.mmcv += r.mmcv;
    totals.conv += r.conv;
  });
  return totals;
}

describe('the recount rules reproduce the official tools', () => {
  for (const c of [
    ...loadFixture('presets').cases,
    ...loadFixture('random').cases,
    ...loadFixture('hrnet').cases
  ]) {
    it(c.id, () => {
      const totals = recountTotals(buildGraph(c.config));
      expect(totals).toEqual({ paper: c.macs.paper, mmcv: c.macs.mmcv, conv: c.macs.conv });
    });
  }
});

describe('recount rules by hand', () => {
  it('a 3x3 depthwise conv over 40 channels at 64x48: 9·40·64·48 MACs, no bias', () => {
    const t: OpTrace = {
      inShapes: [[1, 40, 64, 48]],
      outShape: [1, 40, 64, 48],
      conv: { kernel: 3, depthwise: true, bias: false }
    };
    const r = recountCall({ kind: 'conv2d', name: 'x' }, t);
    expect(r).toEqual({ paper: 1_105_920, mmcv: 1_105_920, conv: 1_105_920, full: 1_105_920 });
  });

  it('nn.AdaptiveAvgPool2d to 1x1 over 20x64x48: torchstat 20·65·49, mmcv 20·64·48', () => {
    const t: OpTrace = { inShapes: [[1, 20, 64, 48]], outShape: [1, 20, 1, 1] };
    const r = recountCall({ kind: 'global_avgpool', name: 'x' }, t);
    expect(r).toEqual({ paper: 63_700, mmcv: 61_440, conv: 0, full: 61_440 });
  });

  it('nn.Upsample x2 to 40x64x48: torchstat drops channels (64·48), mmcv 40·64·48', () => {
    const t: OpTrace = { inShapes: [[1, 40, 32, 24]], outShape: [1, 40, 64, 48] };
    const r = recountCall({ kind: 'upsample_nearest', name: 'x' }, t);
    expect(r).toEqual({ paper: 3_072, mmcv: 122_880, conv: 0, full: 122_880 });
  });

  it('torchstat keeps only the last call of a module name, and no functional op', () => {
    const keep = torchstatKeeps([
      { kind: 'relu', name: 'a.relu' },
      { kind: 'add', name: 'a#add' },
      { kind: 'relu', name: 'a.relu' }
    ]);
    expect(keep).toEqual([false, false, true]);
  });
});

describe('verification fails when the graph’s MACs disagree with the recount', () => {
  const graph = buildGraph(presetConfig('litehrnet_18', { height: 64, width: 64 }));
  const trace = faithfulTrace(graph);
  const params = graph.ops.map((op) => op.params);

  it('a faithful pass verifies every op', () => {
    const v = verifyTrace(graph, costGraph(graph), trace, params);
    expect(v.verified).toBe(graph.ops.length);
  });

  it('one op whose mmcv cost is off by one is named, with both numbers', () => {
    const costs = costGraph(graph);
    const id = graph.ops.findIndex((op) => op.kind === 'batchnorm');
    const right = costs.perOp.mmcv[id];
    costs.perOp.mmcv[id] = right + 1;
    const v = verifyTrace(graph, costs, trace, params);
    expect(v.verified).toBe(graph.ops.length - 1);
    expect(v.firstMismatch?.id).toBe(id);
    expect(v.checks[id].macs.mmcv).toEqual([right, right + 1]);
  });
});
