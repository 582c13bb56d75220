/**
 * The tour's live numbers, checked against the paper, the official README and hand derivations.
 */
import { describe, expect, it } from 'vitest';
import { presetConfig } from '$lib/model';
import { analysisOf } from '../viz/helpers';
import { ccwSaving, liveTable2, TABLE2_DEFAULT_WIDTHS } from '$lib/components/learn/weighting';
import { disagreements } from '$lib/components/learn/counting';
import { fusionCosts } from '$lib/components/learn/fusion';
import { stepFromHash, stepHash, TOUR_STEPS } from '$lib/components/learn/tour';
import { recomputeAblation } from '$lib/paper';

const M = 2 ** 20;

describe('tour: step addresses', () => {
  it('has nine steps, linked as #step-1 … #step-9', () => {
    expect(TOUR_STEPS).toHaveLength(9);
    expect(stepHash(2)).toBe('#step-3');
    expect(stepFromHash('#step-3')).toBe(2);
    expect(stepFromHash('#step-8')).toBe(7);
    expect(stepFromHash('#step-9')).toBe(8);
  });

  it('anything else opens step 1', () => {
    for (const h of ['', '#', '#step-0', '#step-10', '#step-x', '#intro', '#step-3a'])
      expect(stepFromHash(h)).toBe(0);
  });
});

describe('tour step 4: Table 2 from the graph', () => {
  it('default widths reproduce the paper: 12.5M, 2.1M, 0.25M, 0.26M, 0.51M (M = 2^20)', () => {
    const t = liveTable2(TABLE2_DEFAULT_WIDTHS);
    if (!t.ok) throw new Error('default widths must build');
    // Lite-HRNet-18 Stage 2 at 256x256: 64x64x40 and 32x32x80, as the paper's caption says.
    expect(t.branches).toEqual([
      { height: 64, width: 64, channels: 40 },
      { height: 32, width: 32, channels: 80 }
    ]);
    const m = t.rows.map((r) => (r.macs / M).toFixed(2));
    expect(m).toEqual(['12.50', '2.11', '0.25', '0.26', '0.51']);
  });

  it('the user’s widths flow in: 32 and 64 give Σ N·C² = 4096·1024 + 1024·4096 = 8,388,608', () => {
    const t = liveTable2([32, 64]);
    if (!t.ok) throw new Error('must build');
    expect(t.rows[0].macs).toBe(8_388_608); // = 8.0M
  });

  it('CCW removes 90.3% of the shuffle block’s example cost (shuffle: 2·1x1 + dw)', () => {
    const t = liveTable2(TABLE2_DEFAULT_WIDTHS);
    if (!t.ok) throw new Error('must build');
    // (2,211,840 + 536,320) / (2·13,107,200 + 2,211,840) = 2,748,160 / 28,426,240 = 0.09668
    expect((100 * ccwSaving(t.rows)).toFixed(1)).toBe('90.3');
  });

  it('impossible widths come back as errors, not an exception', () => {
    const t = liveTable2([0, 80]);
    expect(t.ok).toBe(false);
  });
});

describe('tour step 6: where conventions disagree (Lite-HRNet-18, 256x192)', () => {
  const a = analysisOf('litehrnet_18');
  const d = new Map(disagreements(a).map((x) => [x.key, x]));

  it('totals: paper convention gives the README’s 205.2M and 1,130,769 params', () => {
    expect((a.costs.totals.macs.paper / M).toFixed(1)).toBe('205.2');
    expect(a.costs.totals.params).toBe(1_130_769);
  });

  it('fusion upsample into branch 1 (40 ch, 64x48): paper 64·48 = 3,072, mmcv 40·64·48 = 122,880', () => {
    const u = d.get('upsample')!;
    expect(u.macs.paper).toBe(3072);
    expect(u.macs.mmcv).toBe(122_880);
    expect(u.macs.conv).toBe(0);
  });

  it('F’s global pool (20 ch, 64x48): paper 20·65·49 = 63,700, mmcv 20·64·48 = 61,440', () => {
    const g = d.get('global_pool')!;
    expect(g.macs.paper).toBe(63_700);
    expect(g.macs.mmcv).toBe(61_440);
  });

  it('a functional multiply is free for paper and mmcv, one op per element in full', () => {
    const m = d.get('weighting_mul')!;
    expect([m.macs.paper, m.macs.mmcv, m.macs.conv]).toEqual([0, 0, 0]);
    expect(m.macs.full).toBeGreaterThan(0);
  });

  it('a duplicated fusion chain’s first call costs nothing in the paper convention only', () => {
    const f = d.get('fuse_duplicate')!;
    expect(f.macs.paper).toBe(0);
    expect(f.macs.mmcv).toBe(f.macs.full);
    expect(f.macs.mmcv).toBeGreaterThan(0);
  });

  it('the first BatchNorm (stem, 32x128x96): thop 4 per element, aten backend 0, others 2', () => {
    const b = d.get('batchnorm')!;
    expect(b.op.name).toBe('backbone.stem.conv1.bn');
    expect([b.macs.mmcv, b.macs.fvcore, b.macs.ptflops]).toEqual([786_432, 786_432, 786_432]);
    expect([b.macs.thop, b.macs['ptflops-aten']]).toEqual([4 * 393_216, 0]);
  });

  it('the head’s first bilinear resize (160 ch to 16x12): fvcore 4·30,720, ptflops 30,720', () => {
    const r = d.get('bilinear')!;
    expect(r.op.outShape).toEqual([1, 160, 16, 12]);
    expect([r.macs.fvcore, r.macs.ptflops, r.macs.thop, r.macs.mmcv]).toEqual([
      122_880, 30_720, 0, 0
    ]);
  });

  it('a naive model has no weighting, so no F rows', () => {
    const keys = disagreements(analysisOf('naive_litehrnet_18')).map((x) => x.key);
    expect(keys).not.toContain('global_pool');
    expect(keys).toContain('upsample');
  });
});

describe('tour step 7: the fusion double-add (Lite-HRNet-18, 256x192)', () => {
  const f = fusionCosts(presetConfig('litehrnet_18'))!;

  it('the paper convention cannot see it: each module counts once, on its last call', () => {
    expect(f.official.paper).toBe(f.paper.paper);
    expect((f.totals.official.paper / M).toFixed(1)).toBe('205.2');
  });

  /*
   * mmcv counts every call; official fusion runs each branch-0 chain F_i0 twice. Per chain
   * (dw 3x3 s2 +BN, then 1x1 +BN, ReLU between steps, 256x192 input so branch 1 is 64x48):
   *   F_10: dw 9·40·(32·24) = 276,480 + BN 2·40·768 = 61,440 + 1x1 40·80·768 = 2,457,600
   *         + BN 2·80·768 = 122,880                                        = 2,918,400
   *   F_20: step 1 at 32x24, 40→40, + ReLU: 276,480 + 61,440 + 1,228,800 + 61,440 + 30,720
   *         step 2 at 16x12, 40→160: 69,120 + 15,360 + 1,228,800 + 61,440  = 3,033,600
   *   F_30: steps at 32x24 (1,658,880), 16x12 40→40 +ReLU (69,120 + 15,360 + 307,200 + 15,360
   *         + 7,680 = 414,720), 8x6 40→320 (17,280 + 3,840 + 614,400 + 30,720 = 666,240) = 2,739,840
   * Stage 2 (2 modules): F_10; Stage 3 (4 modules): F_10 + F_20; Stage 4 (2 modules): all three.
   * Extra = 2·2,918,400 + 4·5,952,000 + 2·8,691,840 = 47,028,480.
   */
  it('in mmcv the official fusion costs 47,028,480 MACs more (hand count above)', () => {
    expect(f.official.mmcv - f.paper.mmcv).toBe(47_028_480);
    expect(f.totals.official.mmcv - f.totals.paper.mmcv).toBe(47_028_480);
  });

  it('in the full count it also pays for the second add of x0 and its ReLU-free sums', () => {
    expect(f.official.full - f.paper.full).toBeGreaterThan(47_028_480);
  });
});

describe('tour step 8: Table 6 recomputed next to the printed numbers', () => {
  it('every buildable row matches the printed COCO MFLOPs to 0.1M', () => {
    const rows = recomputeAblation();
    expect(rows.filter((r) => r.recomputed)).toHaveLength(6);
    for (const { row, recomputed } of rows)
      if (recomputed) expect(recomputed.cocoMflops.toFixed(1)).toBe(row.cocoMflops.toFixed(1));
  });

  it('Lite-HRNet-30: 1,763,717 params and 425.3 MPII MFLOPs (README)', () => {
    const r = recomputeAblation().find((x) => x.row.model === 'Lite-HRNet-30')!.recomputed!;
    expect(r.params).toBe(1_763_717);
    expect(r.mpiiMflops.toFixed(1)).toBe('425.3');
  });

  it('Small HRNet-W16 is not buildable and says so (null)', () => {
    expect(recomputeAblation()[0].recomputed).toBeNull();
  });
});
