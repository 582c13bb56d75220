/**
 * Paper Table 3 recounted under one convention. The paper prints Lite-HRNet's GFLOPs from its
 * torchstat summary (convolutions with bias, BatchNorm and ReLU, each module once, ÷ 2^30) beside
 * HRNet's from HRNet's get_model_summary (convolutions without bias, ÷ 2^30). Here every row the
 * explorer can build is counted both ways, and by mmcv, from the same graph.
 */
import type { Convention } from '$lib/model';
import { analyzeConfig, presetConfig } from '$lib/model';
import type { PresetId } from '$lib/model';
import type { CocoResult } from '$lib/paper';
import { COCO_VAL } from '$lib/paper';

/** The conventions the recount shows, with the divisor each prints its "G" with. */
export const RECOUNT: readonly { convention: Convention; giga: number }[] = [
  { convention: 'paper', giga: 2 ** 30 },
  { convention: 'hrnet', giga: 2 ** 30 },
  { convention: 'mmcv', giga: 1e9 }
];

/** Table 3's HRNet rows are pose_hrnet's W32 and W48 (DARK changes training, not the network). */
const HRNET_BACKBONES: Record<string, PresetId> = {
  'HRNetV1-W32': 'hrnet_w32',
  'HRNetV1-W48': 'hrnet_w48'
};

export interface RecountRow {
  row: CocoResult;
  preset: PresetId;
  /** Whose summary the paper's GFLOPs come from. */
  printedBy: 'torchstat' | 'get_model_summary';
  params: number;
  /** Multiply-adds per convention, in that convention's G. */
  giga: Record<string, number>;
}

function presetOf(row: CocoResult): PresetId | null {
  return row.preset ?? HRNET_BACKBONES[row.backbone] ?? null;
}

export function recountTable3(): RecountRow[] {
  const rows: RecountRow[] = [];
  for (const row of COCO_VAL) {
    const preset = presetOf(row);
    if (!preset) continue;
    const a = analyzeConfig(presetConfig(preset, row.input, 17));
    if (!a.ok) continue;
    const giga = Object.fromEntries(
      RECOUNT.map(({ convention, giga }) => [convention, a.costs.totals.macs[convention] / giga])
    );
    const printedBy = preset.startsWith('hrnet') ? 'get_model_summary' : 'torchstat';
    rows.push({ row, preset, printedBy, params: a.costs.totals.params, giga });
  }
  return rows;
}

/** How many times HRNet-W32's cost is Lite-HRNet-18's (256x192), as printed and per convention. */
export function w32OverLite18(rows: readonly RecountRow[]) {
  const at = (preset: PresetId) =>
    rows.find(
      (r) => r.preset === preset && r.row.input.height === 256 && r.row.input.width === 192
    );
  const w32 = at('hrnet_w32');
  const lite = at('litehrnet_18');
  if (!w32 || !lite) return null;
  return {
    printed: w32.row.gflops / lite.row.gflops,
    ...Object.fromEntries(RECOUNT.map(({ convention: c }) => [c, w32.giga[c] / lite.giga[c]]))
  } as Record<'printed' | Convention, number>;
}
