/**
 * The Lite-HRNet configuration: plain data that mirrors mmpose's `backbone.extra` dict
 * (official repo HRNet/Lite-HRNet, `configs/top_down/*`) plus what the model around the
 * backbone needs (input size, keypoint head, joints) and the explorer's own switches.
 */

/**
 * What one stage's blocks are.
 * - `lite`: conditional channel weighting (the official module_type 'LITE').
 * - `naive`: ShuffleNetV2 unit, split → 1x1 → 3x3 depthwise → 1x1 → concat → shuffle ('NAIVE').
 * - `naive_no_first_1x1`, `naive_no_last_1x1`, `naive_no_1x1`: the paper's ablation of the
 *   shuffle unit with one or both of its 1x1 convolutions dropped (paper Table 6). With one
 *   dropped, the remaining 1x1 has no ReLU, as Table 6's counts require (see build.ts).
 */
export const BLOCK_TYPES = [
  'lite',
  'naive',
  'naive_no_first_1x1',
  'naive_no_last_1x1',
  'naive_no_1x1'
] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];

/** One sentence per block type, for every place a person chooses one. */
export const BLOCK_TYPE_LABELS: Record<BlockType, string> = {
  lite: 'Conditional channel weighting (Lite-HRNet)',
  naive: 'Shuffle block (Naive Lite-HRNet)',
  naive_no_first_1x1: 'Shuffle block without its first 1x1 conv (ablation)',
  naive_no_last_1x1: 'Shuffle block without its last 1x1 conv (ablation)',
  naive_no_1x1: 'Shuffle block without either 1x1 conv (ablation)'
};

/**
 * How a module's fusion layer sums the branches.
 * - `official`: exactly what HRNet/Lite-HRNet's code computes. Its summing loop starts at j = 0
 *   although the sum is already seeded with branch 0, and the seed is branch 0's own tensor added
 *   to in place; so branch 0 is counted twice and every lower-resolution output reads the
 *   doubled, pre-ReLU sum instead of branch 0. Needed to match official checkpoints.
 * - `paper`: what the paper describes: each branch's contribution added once.
 */
export const FUSION_MODES = ['official', 'paper'] as const;
export type FusionMode = (typeof FUSION_MODES)[number];

export const FUSION_MODE_LABELS: Record<FusionMode, string> = {
  official:
    'Official code: branch 1 (the highest resolution) is added twice and later outputs read that doubled sum (matches the released checkpoints)',
  paper: 'As the paper describes: every branch added once'
};

export interface StemConfig {
  /** Width of the first 3x3 stride-2 conv (mmpose `stem_channels`). */
  stemChannels: number;
  /** Width the stem hands to the first stage (mmpose `out_channels`). */
  outChannels: number;
  /** Width multiplier of the stem's expand 1x1 conv (mmpose `expand_ratio`). */
  expandRatio: number;
}

export interface StageConfig {
  /** Modules in this stage (mmpose `num_modules[s]`). */
  modules: number;
  /** Blocks per module (mmpose `num_blocks[s]`; one number per stage in the official configs). */
  blocks: number;
  block: BlockType;
  /** Fusion layer at the end of every module (mmpose `with_fuse[s]`). */
  fuse: boolean;
  /** Reduction of the cross-resolution weighting's hidden width (mmpose `reduce_ratios[s]`; LITE only). */
  reduceRatio: number;
  /** Width of each resolution branch, highest resolution first; its length is the branch count. */
  widths: number[];
}

export interface InputSize {
  height: number;
  width: number;
}

export interface LiteHRNetConfig {
  stem: StemConfig;
  stages: StageConfig[];
  /** IterativeHead at the end of the backbone (mmpose `with_head`). */
  withHead: boolean;
  /** The 1x1 keypoint head (TopDownSimpleHead with no deconvolutions) after the backbone. */
  keypointHead: boolean;
  /** Heatmaps the keypoint head predicts: 17 for COCO, 16 for MPII. */
  joints: number;
  input: InputSize;
  fusion: FusionMode;
}

/** Stages are numbered stage0… in the code; the paper calls them Stage 2, 3, 4 (the stem is Stage 1). */
export function paperStageNumber(codeStageIndex: number): number {
  return codeStageIndex + 2;
}

export function cloneConfig(config: LiteHRNetConfig): LiteHRNetConfig {
  return {
    ...config,
    stem: { ...config.stem },
    stages: config.stages.map((s) => ({ ...s, widths: [...s.widths] })),
    input: { ...config.input }
  };
}
