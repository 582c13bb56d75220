/**
 * The tour's walk from HRNet-W32 to Lite-HRNet-18, and paper Table 3 recounted. Expected numbers
 * come from PyTorch running the official code (tests/oracle/fixtures/hrnet.json: pose_hrnet.py
 * HRNet-W32 at 256x192 — 28,536,113 params; torchstat 7,692,829,056, mmcv 7,703,924,736 and
 * get_model_summary 7,645,003,776 MACs; presets.json: Lite-HRNet-18 1,130,769 params, torchstat
 * 215,202,112 and mmcv 265,996,992 and conv-only 242,345,088 MACs; Naive Lite-HRNet-18 760,365
 * and 204,217,152) and the paper's Table 3 as printed (7.1 and 0.2 GFLOPs).
 */
import { describe, expect, it } from 'vitest';
import { lineage, lineageAnalyses } from '$lib/components/learn/lineage';
import { recountTable3, w32OverLite18 } from '$lib/components/learn/recount';

const COCO = { height: 256, width: 192 };

describe('the walk from HRNet-W32 to Lite-HRNet-18', () => {
  it('starts at HRNet-W32 and ends at Naive Lite-HRNet-18 and Lite-HRNet-18, as the official code counts them', () => {
    const a = lineageAnalyses(COCO, 17);
    expect(a.every((x) => x !== null)).toBe(true);
    const at = (i: number) => [a[i]!.costs.totals.params, a[i]!.costs.totals.macs.paper];
    expect(at(0)).toEqual([28_536_113, 7_692_829_056]);
    expect(at(3)).toEqual([760_365, 204_217_152]);
    expect(at(4)).toEqual([1_130_769, 215_202_112]);
  });

  it('each middle step makes only the paper’s edit', () => {
    const [hrnet, shuffle, separable] = lineage(COCO, 17).map((s) => s.config);
    // Shuffle blocks: Lite-HRNet's stem, naive blocks; HRNet's depth, widths, convs and ends kept.
    expect(shuffle.stem.type).toBe('lite');
    expect(shuffle.stages.map((s) => s.block)).toEqual(['naive', 'naive', 'naive']);
    expect(shuffle.stages.map((s) => [s.modules, s.blocks, s.widths, s.fusionConv])).toEqual(
      hrnet.stages.map((s) => [s.modules, s.blocks, s.widths, 'full'])
    );
    expect([shuffle.withHead, shuffle.multiScaleOutput, shuffle.fusion]).toEqual([
      false,
      false,
      'paper'
    ]);
    // Separable fusion: only the convs change.
    expect(separable.stages.map((s) => s.fusionConv)).toEqual([
      'separable',
      'separable',
      'separable'
    ]);
    expect({ ...separable, stages: [] }).toEqual({ ...shuffle, stages: [] });
  });

  it('a network the input cannot run is a gap, not an exception', () => {
    // 4 branches need sides divisible by 32; 48x48 is not.
    const a = lineageAnalyses({ height: 48, width: 48 }, 17);
    expect(a.every((x) => x === null)).toBe(true);
  });
});

describe('paper Table 3 recounted', () => {
  const rows = recountTable3();

  it('recounts HRNet-W32 and the Lite-HRNets at their Table 3 inputs', () => {
    expect(rows.map((r) => `${r.preset} ${r.row.input.height}x${r.row.input.width}`)).toEqual([
      'hrnet_w32 256x192',
      'hrnet_w48 128x96',
      'litehrnet_18 256x192',
      'litehrnet_18 384x288',
      'litehrnet_30 256x192',
      'litehrnet_30 384x288'
    ]);
    const w32 = rows[0];
    expect(w32.params).toBe(28_536_113);
    expect(w32.giga.paper).toBeCloseTo(7_692_829_056 / 2 ** 30, 12);
    expect(w32.giga.hrnet).toBeCloseTo(7_645_003_776 / 2 ** 30, 12);
    expect(w32.giga.mmcv).toBeCloseTo(7_703_924_736 / 1e9, 12);
    // HRNet's summary is the paper's source for its row: 7.12 prints as 7.1.
    expect(w32.giga.hrnet.toFixed(1)).toBe(String(w32.row.gflops));
    expect(w32.printedBy).toBe('get_model_summary');
    // torchstat is the source for Lite-HRNet-18's: 0.2004 prints as 0.2.
    expect(rows[2].giga.paper.toFixed(1)).toBe(String(rows[2].row.gflops));
    expect(rows[2].printedBy).toBe('torchstat');
  });

  it('counted one way, HRNet-W32 is 35.7x or 31.5x Lite-HRNet-18, not the printed 35.5x', () => {
    // Lite-HRNet-18 has no linear layers, so get_model_summary's count is the conv-only one.
    const r = w32OverLite18(rows)!;
    expect(r.printed).toBeCloseTo(7.1 / 0.2, 12);
    expect(r.paper).toBeCloseTo(7_692_829_056 / 215_202_112, 9);
    expect(r.hrnet).toBeCloseTo(7_645_003_776 / 242_345_088, 9);
    expect(r.mmcv).toBeCloseTo(7_703_924_736 / 265_996_992, 9);
    expect([r.paper, r.hrnet, r.mmcv].map((x) => x.toFixed(1))).toEqual(['35.7', '31.5', '29.0']);
  });
});
