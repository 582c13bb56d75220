/**
 * Everything a person can set in the explorer, as one plain value: the URL encodes exactly this
 * (src/lib/share/url.ts), so every state is a link.
 */
import type { Convention, CostUnit, LiteHRNetConfig, PresetId } from '$lib/model';
import { INPUT_PRESETS, presetConfig } from '$lib/model';

export interface ExplorerState {
  /** The official model the config started from: the baseline for deltas and for short links. */
  preset: PresetId;
  /** The config being explored (equal to the preset's until the user edits it). */
  config: LiteHRNetConfig;
  convention: Convention;
  unit: CostUnit;
  /**
   * Drill-down position in the network view, as a path of code names: null for the whole
   * network, `stem`, `stage1` (a stage), `stage1.3` (module 3 of stage1), `stage1.3.0` (block 0).
   */
  focus: string | null;
  /** The selected op call in the table and diagrams, as `<name>@<call>`, or null. */
  selected: string | null;
}

export function defaultState(): ExplorerState {
  return {
    preset: 'litehrnet_18',
    config: presetConfig('litehrnet_18', INPUT_PRESETS.coco_256x192.input, 17),
    convention: 'paper',
    unit: 'MACs',
    focus: null,
    selected: null
  };
}
