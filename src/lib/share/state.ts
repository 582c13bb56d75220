/**
 * Everything a person can set in the explorer, as one plain value: the URL encodes exactly this
 * (src/lib/share/url.ts), so every state is a link.
 */
import type { Convention, CostUnit, LiteHRNetConfig, PresetId } from '$lib/model';
import { INPUT_PRESETS, presetConfig } from '$lib/model/presets';

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
  /** Presentation mode: the config panel hidden and the diagrams larger, for projecting. */
  present: boolean;
}

export function defaultState(): ExplorerState {
  return {
    preset: 'litehrnet_18',
    config: presetConfig('litehrnet_18', INPUT_PRESETS.coco_256x192.input, 17),
    convention: 'paper',
    unit: 'MACs',
    focus: null,
    selected: null,
    present: false
  };
}

export const COST_UNITS = ['MACs', 'FLOPs'] as const satisfies readonly CostUnit[];

const FOCUS = /^(stem|head|transition(\d{1,2})|stage(\d{1,2})(?:\.(\d{1,3})(?:\.(\d{1,3}))?)?)$/;

/**
 * Why a focus path does not name a part of this config (null if it does). Stages, modules and
 * blocks are counted as the code names them: stage0 is the paper's Stage 2.
 */
export function focusProblem(focus: string, config: LiteHRNetConfig): string | null {
  const m = FOCUS.exec(focus);
  if (!m) return 'not a path like stem, transition1, stage1, stage1.3, stage1.3.0 or head';
  if (m[1] === 'stem') return null;
  if (m[1] === 'head')
    return config.withHead || config.keypointHead ? null : 'this network has no heads';
  if (m[2] !== undefined)
    return config.stages[Number(m[2])] ? null : `there is no stage${m[2]} to transition into`;
  const stage = config.stages[Number(m[3])];
  if (!stage) return `there is no stage${m[3]}`;
  if (m[4] !== undefined && Number(m[4]) >= stage.modules)
    return `stage${m[3]} has ${stage.modules} modules`;
  if (m[5] !== undefined && Number(m[5]) >= stage.blocks)
    return `its modules have ${stage.blocks} blocks`;
  return null;
}

/** Op names are PyTorch module paths (letters, digits, `_` and `.`), then `@` and the call index. */
const SELECTED = /^[A-Za-z_][A-Za-z0-9_.]{0,200}@\d{1,4}$/;

export function selectedProblem(selected: string): string | null {
  return SELECTED.test(selected) ? null : 'not an op call like keypoint_head.final_layer@0';
}
