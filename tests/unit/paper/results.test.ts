/**
 * The published costs, recomputed from the graph. The expected values are the published ones
 * (the data file's numbers, which were transcribed from the paper and the official README); the
 * graph is the code under test.
 */
import { describe, expect, it } from 'vitest';
import { buildGraph, costGraph, presetConfig } from '$lib/model';
import { ABLATION, COCO_VAL, OFFICIAL_README } from '$lib/paper';

function paperTotals(
  preset: Parameters<typeof presetConfig>[0],
  input: { height: number; width: number },
  joints: number,
  block?: string
) {
  const config = presetConfig(preset, input, joints);
  if (block) for (const s of config.stages) s.block = block as never;
  return costGraph(buildGraph(config)).totals;
}

describe('published costs, recomputed', () => {
  it('Table 3: every Lite-HRNet row’s GFLOPs (÷2^30) and params', () => {
    for (const row of COCO_VAL.filter((r) => r.preset)) {
      const t = paperTotals(row.preset!, row.input, 17);
      expect(Number((t.macs.paper / 2 ** 30).toFixed(2))).toBe(row.gflops);
      expect(Number((t.params / 1e6).toFixed(1))).toBe(row.paramsM);
    }
  });

  it('Table 6: every buildable row, COCO and MPII, except the MPII 418.7 the graph does not give', () => {
    for (const row of ABLATION.filter((r) => r.build)) {
      const { preset, block } = row.build!;
      const cocoM =
        paperTotals(preset, { height: 256, width: 192 }, 17, block).macs.paper / 2 ** 20;
      const mpiiM =
        paperTotals(preset, { height: 256, width: 256 }, 16, block).macs.paper / 2 ** 20;
      expect(cocoM.toFixed(1)).toBe(row.cocoMflops.toFixed(1));
      if (row.mpiiMflops !== 418.7) expect(mpiiM.toFixed(1)).toBe(row.mpiiMflops.toFixed(1));
    }
  });

  it('official README: every row’s MFLOPs, but the Wider Naive MPII one (418.7 printed, 414.6 counted)', () => {
    for (const row of OFFICIAL_README) {
      const t = paperTotals(row.preset, row.input, row.dataset === 'MPII' ? 16 : 17);
      const m = (t.macs.paper / 2 ** 20).toFixed(1);
      if (row.mflops === 418.7) expect(m).toBe('414.6');
      else expect(m).toBe(row.mflops.toFixed(1));
    }
  });
});
