/**
 * The official models and input sizes, as the configs of HRNet/Lite-HRNet (commit 7b9049d,
 * `configs/top_down/{lite_hrnet,naive_litehrnet}/{coco,mpii}/*.py`) define them, and HRNet's
 * pose models as leoxiaobin/deep-high-resolution-net.pytorch (commit 6f69e46,
 * `experiments/coco/hrnet/w{32,48}_*.yaml`, `lib/models/pose_hrnet.py`) define them.
 */
import type { BlockType, InputSize, LiteHRNetConfig, StageConfig, StemConfig } from './config';
import { LITE_HRNET_DEFAULTS } from './config';

export const PRESET_IDS = [
  'litehrnet_18',
  'litehrnet_30',
  'naive_litehrnet_18',
  'wider_naive_litehrnet_18',
  'hrnet_w32',
  'hrnet_w48'
] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export interface Preset {
  id: PresetId;
  label: string;
  /** Whose code builds it: mmpose's LiteHRNet or pose_hrnet (stem, blocks, heads differ). */
  family: 'litehrnet' | 'hrnet';
  modules: [number, number, number];
  block: BlockType;
  widths: [number, number, number, number];
  reduceRatio: number;
}

export const PRESETS: Record<PresetId, Preset> = {
  litehrnet_18: {
    id: 'litehrnet_18',
    family: 'litehrnet',
    label: 'Lite-HRNet-18',
    modules: [2, 4, 2],
    block: 'lite',
    widths: [40, 80, 160, 320],
    reduceRatio: 8
  },
  litehrnet_30: {
    id: 'litehrnet_30',
    family: 'litehrnet',
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
    family: 'litehrnet',
    label: 'Naive Lite-HRNet-18',
    modules: [2, 4, 2],
    block: 'naive',
    widths: [30, 60, 120, 240],
    // The official config sets reduce_ratios=(1, 1, 1) with the comment "will be ignored".
    reduceRatio: 1
  },
  wider_naive_litehrnet_18: {
    id: 'wider_naive_litehrnet_18',
    family: 'litehrnet',
    label: 'Wider Naive Lite-HRNet-18',
    modules: [2, 4, 2],
    block: 'naive',
    widths: [40, 80, 160, 320],
    reduceRatio: 1
  },
  // pose_hrnet YAML: STAGE2–4 NUM_MODULES 1, 4, 3; BLOCK BASIC; NUM_BLOCKS 4 per branch;
  // NUM_CHANNELS 32·2^b (W32) or 48·2^b (W48). No reduce ratio: it has no CCW blocks.
  hrnet_w32: {
    id: 'hrnet_w32',
    family: 'hrnet',
    label: 'HRNet-W32',
    modules: [1, 4, 3],
    block: 'basic',
    widths: [32, 64, 128, 256],
    reduceRatio: 1
  },
  hrnet_w48: {
    id: 'hrnet_w48',
    family: 'hrnet',
    label: 'HRNet-W48',
    modules: [1, 4, 3],
    block: 'basic',
    widths: [48, 96, 192, 384],
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
  if (p.family === 'hrnet') return hrnetConfig(p, input, joints);
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

/** pose_hrnet's fixed stem and stage 1: conv1/conv2 of 64, layer1 = four bottlenecks 64 → 256. */
export const POSE_HRNET_STEM: Readonly<StemConfig> = {
  type: 'hrnet',
  stemChannels: 64,
  outChannels: 256,
  expandRatio: 1,
  layer1Blocks: 4,
  layer1Block: 'bottleneck'
};

/**
 * pose_hrnet: stem conv1/conv2 of 64, layer1 of four bottlenecks to 256, three stages of 4-block
 * basic modules with full 3x3 transitions and fusion adding each branch once ('paper'), no
 * IterativeHead, the last module fusing only branch 0, and a 1x1 final_layer with bias.
 */
function hrnetConfig(p: Preset, input: InputSize, joints: number): LiteHRNetConfig {
  const stage = (s: number): StageConfig => ({
    modules: p.modules[s],
    blocks: 4,
    block: p.block,
    fuse: true,
    reduceRatio: p.reduceRatio,
    widths: p.widths.slice(0, s + 2),
    fusionConv: 'full'
  });
  return {
    stem: { ...POSE_HRNET_STEM },
    stages: [stage(0), stage(1), stage(2)],
    withHead: false,
    keypointHead: true,
    joints,
    input: { ...input },
    fusion: 'paper',
    multiScaleOutput: false
  };
}
