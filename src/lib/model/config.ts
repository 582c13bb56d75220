/**
 * The Lite-HRNet configuration: plain data that mirrors mmpose's `backbone.extra` dict
 * (official repo HRNet/Lite-HRNet, `configs/top_down/*`) plus what the model around the
 * backbone needs (input size, keypoint head, joints) and the explorer's own switches.
 * The same data also describes HRNet (leoxiaobin/deep-high-resolution-net.pytorch,
 * `lib/models/pose_hrnet.py`) and every mix of the two: an HRNet stem, residual blocks, full
 * 3x3 convs in transitions and fusion, and fusing only the highest resolution at the end.
 */

/**
 * What one stage's blocks are.
 * - `lite`: conditional channel weighting (the official module_type 'LITE').
 * - `naive`: ShuffleNetV2 unit, split → 1x1 → 3x3 depthwise → 1x1 → concat → shuffle ('NAIVE').
 * - `naive_no_first_1x1`, `naive_no_last_1x1`, `naive_no_1x1`: the paper's ablation of the
 *   shuffle unit with one or both of its 1x1 convolutions dropped (paper Table 6). With one
 *   dropped, the remaining 1x1 has no ReLU, as Table 6's counts require (see build.ts).
 * - `basic`: HRNet's BasicBlock: 3x3 conv → BN → ReLU → 3x3 conv → BN, plus the identity, → ReLU.
 * - `bottleneck`: HRNet's Bottleneck: 1x1 → BN → ReLU → 3x3 → BN → ReLU → 1x1 (to 4x the inner
 *   width) → BN, plus the identity (or a 1x1 conv + BN `downsample` when widths differ), → ReLU.
 *   A stage's `widths` are the block outputs, so each bottleneck's inner width is width / 4.
 * New types go at the end: links store these names, and some lists keep this order.
 */
export const BLOCK_TYPES = [
  'lite',
  'naive',
  'naive_no_first_1x1',
  'naive_no_last_1x1',
  'naive_no_1x1',
  'basic',
  'bottleneck'
] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];

/** The residual blocks of HRNet; the only blocks its stage 1 (`layer1`) can use. */
export const RESIDUAL_BLOCK_TYPES = ['basic', 'bottleneck'] as const;
export type ResidualBlockType = (typeof RESIDUAL_BLOCK_TYPES)[number];

export function isResidualBlock(block: BlockType): block is ResidualBlockType {
  return block === 'basic' || block === 'bottleneck';
}

/** Output width / inner width of a block (pose_hrnet's `expansion`): 4 for a bottleneck, else 1. */
export function blockExpansion(block: BlockType): number {
  return block === 'bottleneck' ? 4 : 1;
}

/** One sentence per block type, for every place a person chooses one. */
export const BLOCK_TYPE_LABELS: Record<BlockType, string> = {
  lite: 'Conditional channel weighting (Lite-HRNet)',
  naive: 'Shuffle block (Naive Lite-HRNet)',
  naive_no_first_1x1: 'Shuffle block without its first 1x1 conv (ablation)',
  naive_no_last_1x1: 'Shuffle block without its last 1x1 conv (ablation)',
  naive_no_1x1: 'Shuffle block without either 1x1 conv (ablation)',
  basic: 'Basic residual block: two 3x3 convs (HRNet)',
  bottleneck: 'Bottleneck residual block: 1x1, 3x3, 1x1 with 4x expansion (HRNet)'
};

/**
 * What comes before the first multi-branch stage.
 * - `lite`: Lite-HRNet's stem: a 3x3 stride-2 conv, then a shuffle-style block with a stride-2
 *   depthwise conv (mmpose `Stem`); `expandRatio` applies, the `layer1*` fields are ignored.
 * - `hrnet`: HRNet's stem and stage 1: two 3x3 stride-2 convs of `stemChannels` with BN and ReLU
 *   (`conv1`, `bn1`, `conv2`, `bn2`), then `layer1`: `layer1Blocks` residual blocks of type
 *   `layer1Block` from `stemChannels` to `outChannels` (the first block's `downsample` changes
 *   the width). `expandRatio` is ignored.
 * The stem also picks the op names: `lite` names ops as mmpose's LiteHRNet does
 * (`backbone.stem…`, `backbone.stage0…`, `keypoint_head.final_layer`), `hrnet` as pose_hrnet.py
 * does (`conv1`, `layer1.0.conv1`, `transition1.0.0`, `stage2.0.branches.0.0.conv1`,
 * `final_layer`); see `namingOf`.
 */
export const STEM_TYPES = ['lite', 'hrnet'] as const;
export type StemType = (typeof STEM_TYPES)[number];

export const STEM_TYPE_LABELS: Record<StemType, string> = {
  lite: 'Lite-HRNet stem: a 3x3 conv, then a shuffle block',
  hrnet: 'HRNet stem: two 3x3 convs, then stage 1 of residual blocks'
};

/**
 * How the transition into a stage and that stage's fusion layers convolve (paper: Naive
 * Lite-HRNet replaces HRNet's normal convs in the fusion with separable ones).
 * - `separable`: each 3x3 step is a 3x3 depthwise conv → BN → 1x1 conv → BN (→ ReLU), as
 *   Lite-HRNet (`nn.Sequential` indices .0–.4).
 * - `full`: each 3x3 step is one 3x3 conv → BN (→ ReLU), as HRNet (indices .0–.2).
 * Upsampling (1x1 conv + BN + nearest) is the same in both.
 */
export const FUSION_CONVS = ['separable', 'full'] as const;
export type FusionConv = (typeof FUSION_CONVS)[number];

export const FUSION_CONV_LABELS: Record<FusionConv, string> = {
  separable: 'Separable: 3x3 depthwise + 1x1 (Lite-HRNet)',
  full: 'Full 3x3 convolution (HRNet)'
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
  type: StemType;
  /** Width of the first 3x3 stride-2 conv (mmpose `stem_channels`; HRNet: both convs, 64). */
  stemChannels: number;
  /** Width the stem hands to the first stage (mmpose `out_channels`; HRNet: layer1's 256). */
  outChannels: number;
  /** Width multiplier of the stem's expand 1x1 conv (mmpose `expand_ratio`; `lite` only). */
  expandRatio: number;
  /** Residual blocks in HRNet's stage 1, `layer1` (HRNet: 4; 0 allowed; `hrnet` only). */
  layer1Blocks: number;
  /** Block type of `layer1` (HRNet: bottleneck; `hrnet` only). */
  layer1Block: ResidualBlockType;
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
  /**
   * Width of each resolution branch, highest resolution first; its length is the branch count.
   * For bottleneck blocks these are the block outputs (pose_hrnet's NUM_CHANNELS x 4).
   */
  widths: number[];
  /** Convs of the transition into this stage and of its fusion layers (see FUSION_CONVS). */
  fusionConv: FusionConv;
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
  /**
   * Whether the last module of the last stage fuses every output branch (Lite-HRNet, and what
   * the IterativeHead needs) or only the highest-resolution one, branch 0 (pose_hrnet's
   * `multi_scale_output=False`: only `fuse_layers.0.*` exist there). With `false` only
   * branch 0 leaves the backbone, so the IterativeHead must be off.
   */
  multiScaleOutput: boolean;
}

/**
 * What the fields added for HRNet are when a config from before them (an old link, a
 * Lite-HRNet mmpose config) leaves them out: Lite-HRNet's own structure. Validation fills them in.
 */
export const LITE_HRNET_DEFAULTS = {
  stem: { type: 'lite', layer1Blocks: 4, layer1Block: 'bottleneck' },
  stage: { fusionConv: 'separable' },
  multiScaleOutput: true
} as const satisfies {
  stem: Pick<StemConfig, 'type' | 'layer1Blocks' | 'layer1Block'>;
  stage: Pick<StageConfig, 'fusionConv'>;
  multiScaleOutput: boolean;
};

/** Whose op names the graph uses: the stem decides (see STEM_TYPES). */
export type Naming = 'litehrnet' | 'hrnet';

export function namingOf(config: LiteHRNetConfig): Naming {
  return config.stem.type === 'hrnet' ? 'hrnet' : 'litehrnet';
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
