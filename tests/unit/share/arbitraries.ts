/**
 * fast-check arbitraries for configs and states that validate.ts accepts, built from its rules
 * (LIMITS, even widths, ≥ 8 and ≥ 2 branches for LITE, a reduce ratio that leaves the
 * cross-resolution weighting a channel, inputs divisible by 4·2^(branches−1)).
 */
import fc from 'fast-check';
import type { BlockType, LiteHRNetConfig, StageConfig, StemConfig } from '$lib/model';
import {
  BLOCK_TYPES,
  CONVENTIONS,
  FUSION_CONVS,
  FUSION_MODES,
  LIMITS,
  LITE_HRNET_DEFAULTS,
  PRESETS,
  PRESET_IDS,
  RESIDUAL_BLOCK_TYPES,
  isResidualBlock
} from '$lib/model';
import type { ExplorerState } from '$lib/share/state';
import { COST_UNITS } from '$lib/share/state';

const even = (min: number, max: number) =>
  fc.integer({ min: Math.ceil(min / 2), max: Math.floor(max / 2) }).map((k) => 2 * k);

export const stemArb = fc
  .record({
    stemChannels: even(LIMITS.stemChannels.min, LIMITS.stemChannels.max),
    extra: even(0, LIMITS.stemChannels.max),
    expandRatio: fc.oneof(
      fc.constantFrom(0.25, 0.5, 1, 2, 8),
      fc.double({ min: LIMITS.expandRatio.min, max: LIMITS.expandRatio.max, noNaN: true })
    )
  })
  .map(({ stemChannels, extra, expandRatio }) => ({
    ...LITE_HRNET_DEFAULTS.stem,
    stemChannels,
    outChannels: Math.min(LIMITS.stemChannels.max, stemChannels + extra),
    expandRatio
  }));

/**
 * HRNet's stem (two 3x3 convs, then stage 1 of residual blocks): out must equal the stem width
 * without blocks, and be a multiple of 4 after bottlenecks.
 */
export const hrnetStemArb: fc.Arbitrary<StemConfig> = fc
  .record({
    stemChannels: fc.integer(LIMITS.stemChannels),
    out: fc.integer(LIMITS.stemChannels),
    quarter: fc.integer({ min: 1, max: LIMITS.stemChannels.max / 4 }),
    expandRatio: fc.constant(1),
    layer1Blocks: fc.integer(LIMITS.layer1Blocks),
    layer1Block: fc.constantFrom(...RESIDUAL_BLOCK_TYPES)
  })
  .map(({ out, quarter, ...s }) => ({
    type: 'hrnet' as const,
    ...s,
    outChannels:
      s.layer1Blocks === 0 ? s.stemChannels : s.layer1Block === 'bottleneck' ? 4 * quarter : out
  }));

/** Every block type, or only those mmpose's LiteHRNet has (for its config printer). */
function stageArb(blocks: readonly BlockType[] = BLOCK_TYPES): fc.Arbitrary<StageConfig> {
  return fc.constantFrom<BlockType>(...blocks).chain((block) => {
    const lite = block === 'lite';
    const width =
      block === 'bottleneck'
        ? fc.integer({ min: 1, max: LIMITS.width.max / 4 }).map((k) => 4 * k)
        : block === 'basic'
          ? fc.integer(LIMITS.width)
          : even(lite ? 8 : LIMITS.width.min, LIMITS.width.max);
    const widths = fc.array(width, {
      minLength: lite ? 2 : LIMITS.branches.min,
      maxLength: LIMITS.branches.max
    });
    return widths.chain((ws) => {
      const halves = ws.reduce((c, w) => c + w / 2, 0);
      const maxRatio = lite ? Math.min(LIMITS.reduceRatio.max, halves) : LIMITS.reduceRatio.max;
      return fc.record({
        modules: fc.integer(LIMITS.modules),
        blocks: fc.integer(LIMITS.blocks),
        block: fc.constant(block),
        fuse: fc.boolean(),
        reduceRatio: fc.integer({ min: LIMITS.reduceRatio.min, max: maxRatio }),
        widths: fc.constant(ws),
        fusionConv: fusionConvArb(blocks)
      });
    });
  });
}

/** Separable convs only for LiteHRNet's own blocks; both kinds when HRNet's are in play. */
function fusionConvArb(blocks: readonly BlockType[]) {
  return blocks.some(isResidualBlock)
    ? fc.constantFrom(...FUSION_CONVS)
    : fc.constant(LITE_HRNET_DEFAULTS.stage.fusionConv);
}

/** Often the presets' own widths, so the short `w`-less links are exercised too. */
const presetLikeStageArb: fc.Arbitrary<StageConfig> = fc
  .record({
    n: fc.integer({ min: 2, max: 4 }),
    block: fc.constantFrom('lite', 'naive') as fc.Arbitrary<'lite' | 'naive'>,
    modules: fc.integer(LIMITS.modules)
  })
  .map(({ n, block, modules }) => ({
    modules,
    blocks: 2,
    block,
    fuse: true,
    reduceRatio: 8,
    widths: [40, 80, 160, 320].slice(0, n),
    ...LITE_HRNET_DEFAULTS.stage
  }));

/** Lite-HRNet's blocks and stem: what mmpose's LiteHRNet can express. */
export const configArb: fc.Arbitrary<LiteHRNetConfig> = configOf(
  BLOCK_TYPES.filter((b) => !isResidualBlock(b)),
  false
);

/** Any mix of Lite-HRNet and HRNet: stems, residual blocks, fusion convs, fusing only branch 0. */
export const wideConfigArb: fc.Arbitrary<LiteHRNetConfig> = configOf(BLOCK_TYPES, true);

function configOf(blocks: readonly BlockType[], hrnet: boolean): fc.Arbitrary<LiteHRNetConfig> {
  return fc
    .array(fc.oneof(stageArb(blocks), presetLikeStageArb), {
      minLength: LIMITS.stages.min,
      maxLength: LIMITS.stages.max
    })
    .chain((stages) => {
      const factor = 4 * 2 ** (Math.max(...stages.map((s) => s.widths.length)) - 1);
      const side = fc
        .integer({
          min: Math.ceil(LIMITS.inputSide.min / factor),
          max: Math.floor(LIMITS.inputSide.max / factor)
        })
        .map((k) => k * factor);
      return (
        fc
          .record({
            stem: hrnet ? fc.oneof(stemArb, hrnetStemArb) : stemArb,
            stages: fc.constant(stages),
            withHead: fc.boolean(),
            keypointHead: fc.boolean(),
            joints: fc.integer(LIMITS.joints),
            input: fc.record({ height: side, width: side }),
            fusion: fc.constantFrom(...FUSION_MODES),
            multiScaleOutput: hrnet ? fc.boolean() : fc.constant(true)
          })
          // The IterativeHead reads every branch.
          .map((c) => ({ ...c, multiScaleOutput: c.withHead || c.multiScaleOutput }))
      );
    });
}

function focusArb(config: LiteHRNetConfig): fc.Arbitrary<string | null> {
  const stage = fc.integer({ min: 0, max: config.stages.length - 1 });
  return fc.oneof(
    fc.constant(null),
    fc.constant('stem'),
    stage.map((s) => `stage${s}`),
    stage.map((s) => `transition${s}`),
    fc.constant(config.withHead || config.keypointHead ? 'head' : 'stem'),
    stage.chain((s) =>
      fc
        .tuple(
          fc.integer({ min: 0, max: config.stages[s].modules - 1 }),
          fc.integer({ min: 0, max: config.stages[s].blocks - 1 })
        )
        .map(([m, b]) => `stage${s}.${m}.${b}`)
    )
  );
}

const selectedArb = fc.oneof(
  fc.constant(null),
  fc.constantFrom(
    'keypoint_head.final_layer@0',
    'backbone.stage1.2.layers.0.cross_resolution_weighting.conv1.conv@0',
    'backbone.stage0.0.fuse_layers.1.0.0.0@1'
  )
);

export const stateArb: fc.Arbitrary<ExplorerState> = wideConfigArb.chain((config) =>
  fc.record({
    // Lite-HRNet presets: a link's baseline supplies the HRNet fields the codec does not write yet.
    preset: fc.constantFrom(...PRESET_IDS.filter((id) => PRESETS[id].family === 'litehrnet')),
    config: fc.constant(config),
    convention: fc.constantFrom(...CONVENTIONS),
    unit: fc.constantFrom(...COST_UNITS),
    focus: focusArb(config),
    selected: selectedArb,
    present: fc.boolean()
  })
);
