/**
 * The explorer's words, explained once, in plain language and with their units: every help
 * button ("?") on a control or a label shows its text from here, so a term means the same thing
 * everywhere. The texts reach the page as HTML, not code: hooks.server.ts writes them into each
 * prerendered page once (glossary-html.ts), and controls and help buttons point at them by id. Facts come from the paper (Yu et al., CVPR 2021, arXiv 2104.06403) and the
 * official code (github.com/HRNet/Lite-HRNet, models/backbones/litehrnet.py).
 */

import type { GlossaryKey } from './glossary-terms';
import { GLOSSARY_TERMS } from './glossary-terms';

export type { GlossaryKey } from './glossary-terms';
export { isGlossaryKey } from './glossary-terms';

export interface GlossaryEntry {
  /** The term as the page shows it. */
  term: string;
  /** One or two plain sentences, units stated. */
  text: string;
}

/** One or two plain sentences per term, units stated. */
const TEXTS: Record<GlossaryKey, string> = {
  preset:
    'One of the official models: Lite-HRNet-18 and -30, Naive and Wider Naive Lite-HRNet-18, and HRNet-W32 and -W48 (the network Lite-HRNet slims down). Every change is shown against the preset you started from.',
  inputSize:
    'Height × width of the image the network reads, in pixels, with the dataset’s joint count (COCO 17, MPII 16). Cost grows with the pixel count.',
  inputSide:
    'In pixels. Each side must divide by 4·2^(branches − 1), so the lowest-resolution branch has whole pixels and fusion can scale it back exactly.',
  joints: 'How many body keypoints the network predicts, one heatmap each: 17 on COCO, 16 on MPII.',
  convention:
    'Which operations a tool counts and how. The same network gives different “FLOPs” in different tools; the explorer counts each op under every convention and shows the one you pick.',
  torchstat:
    'What the official tools/summary_network.py prints: a bundled copy of torchstat. It counts modules only, each once on its last call, upsampling without its channels, and prints M = 2^20.',
  mmcv: 'mmcv 1.x get_model_complexity_info, the number mmpose’s documentation quotes: every call of conv, BatchNorm, ReLU, pooling and upsample modules; in M = 10^6.',
  convOnly:
    'Only the multiply-adds of convolutions, without bias: the arithmetic core, as fvcore counts it; in M = 10^6.',
  fvcore:
    'What fvcore’s FlopCountAnalysis(model, x).total() prints: it traces the model and counts convolutions without bias, BatchNorm (2 per element), pooling and resizes (bilinear 4 per element); ReLU, sigmoid, multiplies and adds count 0. Every call, but only of ops the output depends on (tracing drops the rest); in M = 10^6.',
  ptflops:
    "ptflops’ get_model_complexity_info with backend='pytorch': module hooks plus its patched torch.nn.functional calls. ReLU, upsampling and the global pool run a patched function inside the module, so they count twice; sigmoid, * and + count 0. Every call; in M = 10^6.",
  ptflopsAten:
    "ptflops’ get_model_complexity_info with backend='aten': only convolutions (with their bias) and matrix products are counted, every call; in M = 10^6.",
  thop: 'thop 0.1.1’s profile(model, inputs): module hooks; convolutions without bias, BatchNorm 4 per element, ReLU 0, the global pool C·(H·W + 1), upsampling C·H·W; functional ops count 0. Every call; in M = 10^6.',
  hrnetSummary:
    'HRNet’s own get_model_summary (lib/utils/utils.py of its pose code), where its README’s GFLOPs come from: multiply-adds of convolution and linear layers only, without bias, every call; it prints G = 2^30, so this view shows M = 2^20.',
  fullCount:
    'Every op that runs, on every call: the functional ones too (weighting multiplies, adds, resizes, concat and shuffle copies); in M = 10^6.',
  macsFlops:
    'A MAC is one multiply-add. The paper’s “FLOPs” are really MACs; counting a multiply-add as two floating-point operations gives FLOPs = 2 × MACs.',
  macs: 'Multiply-accumulates: one multiplication and one addition, the unit the paper’s “FLOPs” actually count (torchstat counts MACs).',
  flops:
    'Floating-point operations, counting a multiply-add as two. Twice the MACs; tools that say “FLOPs” often mean MACs, as the paper does.',
  mega: 'The paper and torchstat divide by 2^20 = 1,048,576 and call it “M”; the other conventions use M = 10^6. So 205.2 M (2^20) is 215.2 M (10^6).',
  params:
    'Learned numbers in the network: convolution weights and biases, and BatchNorm’s scale and shift. BatchNorm’s running mean and variance are stored too, but they are statistics, not parameters, and are not counted.',
  peakMemory:
    'The most feature-map memory alive at one time in a forward pass, float32 (4 bytes a value), batch 1, each tensor freed after its last use; in MiB = 2^20 bytes. Weights are not included.',
  stem: 'The first layers (the paper’s Stage 1), which bring the image to 1/4 of its size. Lite-HRNet: a 3×3 stride-2 conv, then a shuffle-style block with a second stride 2. HRNet: two 3×3 stride-2 convs, then stage 1 (layer1) of residual blocks on one branch.',
  stemWidth:
    'Channels of the stem’s first 3×3 conv (mmpose stem_channels; HRNet: both convs, 64); even for Lite-HRNet’s stem, which splits them in half.',
  stemOut:
    'Channels the stem hands to Stage 2 (mmpose out_channels); for Lite-HRNet even and at least the stem width; for HRNet the width stage 1 ends with (256: four bottlenecks of 64 × 4).',
  expandRatio:
    'How much the Lite-HRNet stem’s second half widens before its 3×3 depthwise conv: round(stem width × ratio) channels. 1 keeps the width; a plain number, no unit. HRNet’s stem ignores it.',
  stage:
    'A run of modules at a fixed set of branches. The paper counts the stem as Stage 1, so the code’s stage0 is the paper’s Stage 2.',
  blockType:
    'What each block of a module does: conditional channel weighting (Lite-HRNet), the shuffle block (Naive Lite-HRNet), one of the paper’s ablations that drop 1×1 convs, or HRNet’s residual blocks: basic (two 3×3 convs) and bottleneck (1×1, 3×3, 1×1 to 4× the inner width).',
  ccw: 'Lite-HRNet’s block: half the channels pass; the other half are reweighted across branches (H) and within a branch (F) by cheap learned weights instead of 1×1 convs.',
  shuffleBlock:
    'ShuffleNet V2’s unit, used by Naive Lite-HRNet: half the channels pass; the other half go 1×1 conv → 3×3 depthwise → 1×1 conv; then the halves are interleaved (channel shuffle).',
  modules:
    'How many times a stage repeats its module (blocks on every branch, then fusion). Lite-HRNet-30 has 3, 8, 3; -18 has 2, 4, 2.',
  blocks:
    'How many blocks run on every branch before the module’s fusion; 2 in every official model.',
  branch:
    'One resolution stream. Branch 1 runs at 1/4 of the input size, each next one at half the size of the one before (1/8, 1/16, 1/32); all run side by side.',
  branches:
    'How many resolution streams the stage runs (1 to 5). A new branch is made by the transition (T) from the lowest-resolution one, at half its size.',
  branchWidth:
    'Channels of that branch’s feature maps; even (blocks split channels in half), at least 8 with channel weighting. The fraction is the branch’s resolution against the input.',
  reduceRatio:
    'How much the cross-resolution weighting (H) squeezes before expanding back: its first 1×1 conv goes to (sum of half widths) ÷ ratio channels. Only the CCW block uses it; a plain number, no unit.',
  transition:
    'Between two stages: changes a branch’s width where the next stage wants another one, and makes each new branch from the last one with stride-2 steps (half the size each).',
  fuse: 'After each module every branch receives every other: higher resolutions through stride-2 convs (separable: 3×3 depthwise + 1×1, as Lite-HRNet; or full 3×3 convs, as HRNet), lower ones through a 1×1 conv and upsampling; the results are summed. HRNet’s last module fuses only into the highest resolution.',
  fusionMode:
    'Official code: branch 1 is added twice and later outputs read that doubled sum (needed to match the released checkpoints). As the paper: every branch added once.',
  withHead:
    'Inside the backbone (mmpose with_head): from the lowest resolution up, each branch plus the previous result, resized, goes through a 3×3 depthwise and a 1×1 conv. Only the highest-resolution output is used.',
  keypointHead:
    'The final 1×1 conv with bias from the highest-resolution branch to one heatmap per joint, at 1/4 of the input size.',
  conventionNames:
    'paper = the official torchstat (M = 2^20); mmcv = mmcv’s get_model_complexity_info; conv = convolutions only; full = every op; fvcore, ptflops (pytorch backend), ptflops-aten and thop = what those tools print. All but paper use M = 10^6.'
};

export const GLOSSARY = Object.fromEntries(
  (Object.keys(GLOSSARY_TERMS) as GlossaryKey[]).map((k) => [
    k,
    { term: GLOSSARY_TERMS[k], text: TEXTS[k] }
  ])
) as Record<GlossaryKey, GlossaryEntry>;
