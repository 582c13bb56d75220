/**
 * The tiny family: Lite-HRNet-shaped networks small enough to train in a page or a test. Same
 * structure as the official models (stem, two stages of 2 and 3 branches, 2 blocks per module,
 * fusion, IterativeHead, 17-joint 1x1 head, official fusion) at a 64x48 input, with widths
 * 16/32/64 instead of 40/80/160/320 and one module per stage. `tiny-lite` uses the conditional
 * channel weighting block (LITE); `tiny-naive` the shuffle block (NAIVE) at about the same cost,
 * for the paper's comparison of the two.
 *
 * Costs under the explorer's default convention (paper: the official torchstat, M = 2^20), at
 * 64x48 with 17 joints — tests/unit/train/tiny.test.ts holds them to these numbers:
 *   tiny-lite   widths 16/32/64, reduce ratios 4/8:  see TINY_COSTS
 *   tiny-naive  widths 12/24/48:                     see TINY_COSTS
 */
import type { InputSize, LiteHRNetConfig, StageConfig } from '../model';
import { LITE_HRNET_DEFAULTS } from '../model';

export const TINY_IDS = ['tiny-lite', 'tiny-naive'] as const;
export type TinyId = (typeof TINY_IDS)[number];

/** The input the tiny models train at by default (H x W, COCO's 4:3 aspect). */
export const TINY_INPUT: InputSize = { height: 64, width: 48 };

export const TINY_LABELS: Record<TinyId, string> = {
  'tiny-lite': 'Tiny Lite-HRNet (CCW blocks)',
  'tiny-naive': 'Tiny Naive Lite-HRNet (shuffle blocks)'
};

export function isTinyId(value: string): value is TinyId {
  return (TINY_IDS as readonly string[]).includes(value);
}

interface TinyShape {
  block: 'lite' | 'naive';
  stem: number;
  widths: [number, number, number];
  reduceRatios: [number, number];
}

const SHAPES: Record<TinyId, TinyShape> = {
  'tiny-lite': { block: 'lite', stem: 16, widths: [16, 32, 64], reduceRatios: [4, 8] },
  'tiny-naive': { block: 'naive', stem: 16, widths: [12, 24, 48], reduceRatios: [1, 1] }
};

/** A tiny model's config at an input size (64x48 unless told); valid for validateConfig. */
export function tinyConfig(id: TinyId, input: InputSize = TINY_INPUT): LiteHRNetConfig {
  const s = SHAPES[id];
  const stage = (i: number): StageConfig => ({
    modules: 1,
    blocks: 2,
    block: s.block,
    fuse: true,
    reduceRatio: s.reduceRatios[i],
    widths: s.widths.slice(0, i + 2),
    ...LITE_HRNET_DEFAULTS.stage
  });
  return {
    stem: {
      type: 'lite',
      stemChannels: s.stem,
      outChannels: s.stem,
      expandRatio: 1,
      layer1Blocks: LITE_HRNET_DEFAULTS.stem.layer1Blocks,
      layer1Block: LITE_HRNET_DEFAULTS.stem.layer1Block
    },
    stages: [stage(0), stage(1)],
    withHead: true,
    keypointHead: true,
    joints: 17,
    input: { ...input },
    fusion: 'official',
    multiScaleOutput: LITE_HRNET_DEFAULTS.multiScaleOutput
  };
}
