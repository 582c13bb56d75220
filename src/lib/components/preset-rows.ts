/**
 * The official models table of the home page: every preset at every official input, counted from
 * the graph. scripts/page-data.ts runs this once and writes preset-rows.data.ts, so the page
 * ships twelve rows of numbers instead of building twelve graphs when it hydrates.
 */
import type { InputPresetId, PresetId } from '$lib/model';
import {
  INPUT_PRESETS,
  PRESETS,
  PRESET_IDS,
  buildGraph,
  costGraph,
  presetConfig
} from '$lib/model';

export const PRESET_TABLE_INPUTS: InputPresetId[] = [
  'coco_256x192',
  'coco_384x288',
  'mpii_256x256'
];

export interface PresetRow {
  id: PresetId;
  label: string;
  /** The input's label, e.g. "COCO 256x192". */
  input: string;
  params: number;
  /** Multiply-adds in the paper's convention, in M = 2^20, to 0.1 M. */
  paperM: number;
  /** Multiply-adds in mmcv's convention, in M = 10^6, to 0.1 M. */
  mmcvM: number;
}

/**
 * Lite-HRNet's official models: the rows its README prints. HRNet's presets count in its own
 * convention (`hrnet`, GFLOPs) and are compared with its README in README.md and the oracle tests.
 */
export function presetRows(): PresetRow[] {
  return PRESET_IDS.filter((id) => PRESETS[id].family === 'litehrnet').flatMap((id) =>
    PRESET_TABLE_INPUTS.map((inputId) => {
      const { input, joints, label } = INPUT_PRESETS[inputId];
      const { totals } = costGraph(buildGraph(presetConfig(id, input, joints)));
      return {
        id,
        label: PRESETS[id].label,
        input: label,
        params: totals.params,
        // Rounded to the 0.1 M the table prints (as the official README does).
        paperM: Math.round((totals.macs.paper / 2 ** 20) * 10) / 10,
        mmcvM: Math.round((totals.macs.mmcv / 1e6) * 10) / 10
      };
    })
  );
}
