/**
 * Published rows next to what the graph gives for them: paper Table 6's MFLOPs recomputed in the
 * paper's own convention (torchstat, ÷2^20), and exact params, for every row the explorer can
 * build. Small HRNet-W16 is not a Lite-HRNet and cannot be built here.
 */
import type { PresetId } from '$lib/model';
import { analyzeConfig, presetConfig } from '$lib/model';
import type { AblationResult } from './results';
import { ABLATION } from './results';

export interface RecomputedAblation {
  row: AblationResult;
  /** Null for rows the explorer cannot build. */
  recomputed: { params: number; cocoMflops: number; mpiiMflops: number } | null;
}

function paperMflops(
  preset: PresetId,
  block: NonNullable<AblationResult['build']>['block'],
  input: { height: number; width: number },
  joints: number
): { params: number; mflops: number } {
  const config = presetConfig(preset, input, joints);
  if (block) for (const s of config.stages) s.block = block;
  const r = analyzeConfig(config);
  if (!r.ok) throw new Error(`Table 6 row ${preset}/${block} does not build`);
  return { params: r.costs.totals.params, mflops: r.costs.totals.macs.paper / 2 ** 20 };
}

export function recomputeAblation(
  rows: readonly AblationResult[] = ABLATION
): RecomputedAblation[] {
  return rows.map((row) => {
    if (!row.build) return { row, recomputed: null };
    const { preset, block } = row.build;
    const coco = paperMflops(preset, block, { height: 256, width: 192 }, 17);
    const mpii = paperMflops(preset, block, { height: 256, width: 256 }, 16);
    return {
      row,
      recomputed: { params: coco.params, cocoMflops: coco.mflops, mpiiMflops: mpii.mflops }
    };
  });
}
