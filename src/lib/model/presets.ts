/**
 * The official models and input sizes, as the configs of HRNet/Lite-HRNet (commit 7b9049d,
 * `configs/top_down/{lite_hrnet,naive_litehrnet}/{coco,mpii}/*.py`) define them.
 */
import type { BlockType, InputSize, LiteHRNetConfig, StageConfig } from './config';
import { LITE_HRNET_DEFAULTS } from './config';

export const PRESET_IDS = [
  'litehrnet_18',
  'litehrnet_30',
  'naive_litehrnet_18',
  'wider_naive_litehrnet_18'
] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export interface Preset {
  id: PresetId;
  label: string;
  modules: [number, number, number];
  block: BlockType;
  widths: [number, number, number, number];
  reduceRatio: number;
}

export const PRESETS: Record<PresetId, Preset> = {
  litehrnet_18: {
    id: 'litehrnet_18',
    label: 'Lite-HRNet-18',
    modules: [2, 4, 2],
    block: 'lite',
    widths: [40, 80, 160, 320],
    reduceRatio: 8
  },
  litehrnet_30: {
    id: 'litehrnet_30',
    label: 'Lite-HRNet-30',
    modules: [3, 8, 3],
    block: 'lite',
    widths: [40, 80, 160, 320],
    reduceRatio: 8
  },
  // The official config's keypoint head says in_channels=40, which cannot run with these
  // widths (the head sees 30 channels); the README's numbers are those of the 30-wide head.
  naive_litehrnet_18: {
    id: 'naive_litehrnet_18',
    label: 'Naive Lite-HRNet-18',
    modules: [2, 4, 2],
    block: 'naive',
    widths: [30, 60, 120, 240],
    // The official config sets reduce_ratios=(1, 1, 1) with the comment "will be ignored".
    reduceRatio: 1
  },
  wider_naive_litehrnet_18: {
    id: 'wider_naive_litehrnet_18',
    label: 'Wider Naive Lite-HRNet-18',
    modules: [2, 4, 2],
    block: 'naive',
    widths: [40, 80, 160, 320],
    reduceRatio: 1
  }
};

export const INPUT_PRESET_IDS = ['coco_256x192', 'coco_384x288', 'mpii_256x256'] as const;
export type InputPresetId = (typeof INPUT_PRESET_IDS)[number];

export interface InputPreset {
  id: InputPresetId;
  label: string;
  dataset: 'COCO' | 'MPII';
  input: InputSize;
  joints: number;
}

/** mmpose writes image_size as [width, height]; the explorer writes H x W, as the README does. */
export const INPUT_PRESETS: Record<InputPresetId, InputPreset> = {
  coco_256x192: {
    id: 'coco_256x192',
    label: 'COCO 256x192',
    dataset: 'COCO',
    input: { height: 256, width: 192 },
    joints: 17
  },
  coco_384x288: {
    id: 'coco_384x288',
    label: 'COCO 384x288',
    dataset: 'COCO',
    input: { height: 384, width: 288 },
    joints: 17
  },
  mpii_256x256: {
    id: 'mpii_256x256',
    label: 'MPII 256x256',
    dataset: 'MPII',
    input: { height: 256, width: 256 },
    joints: 16
  }
};

export function isPresetId(value: string): value is PresetId {
  return (PRESET_IDS as readonly string[]).includes(value);
}

/** The full config of an official model at an input size (COCO 256x192 unless told). */
export function presetConfig(
  id: PresetId,
  input: InputSize = INPUT_PRESETS.coco_256x192.input,
  joints = 17
): LiteHRNetConfig {
  const p = PRESETS[id];
  const stage = (s: number): StageConfig => ({
    modules: p.modules[s],
    blocks: 2,
    block: p.block,
    fuse: true,
    reduceRatio: p.reduceRatio,
    widths: p.widths.slice(0, s + 2),
    ...LITE_HRNET_DEFAULTS.stage
  });
  return {
    // Keys in StemConfig's order: JSON of a config is compared to spot edits (share/banner.ts).
    stem: {
      type: LITE_HRNET_DEFAULTS.stem.type,
      stemChannels: 32,
      outChannels: 32,
      expandRatio: 1,
      layer1Blocks: LITE_HRNET_DEFAULTS.stem.layer1Blocks,
      layer1Block: LITE_HRNET_DEFAULTS.stem.layer1Block
    },
    stages: [stage(0), stage(1), stage(2)],
    withHead: true,
    keypointHead: true,
    joints,
    input: { ...input },
    fusion: 'official',
    multiScaleOutput: LITE_HRNET_DEFAULTS.multiScaleOutput
  };
}
